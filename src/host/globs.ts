/**
 * The `phasewise.planFiles` and `phasewise.exclude` globs, matched the way VS Code matches a
 * glob relative to a workspace folder: against the path below the folder, `/`-separated,
 * `*` and `?` within one segment, `**` across segments (none included), `{a,b}` and `[...]`,
 * dot files matched like any other. No `vscode` import: unit-tested.
 */
import picomatch from 'picomatch/posix';

export type PathMatcher = (relativePath: string) => boolean;

const OPTIONS: picomatch.PicomatchOptions = {
  dot: true, // VS Code's globs do not treat dot files specially
  nonegate: true, // a leading `!` is a character, not a negation
  noextglob: true, // `@(a)`, `!(a)`: not VS Code glob syntax
  windows: false, // URI paths use `/` on every platform
};

const cache = new Map<string, PathMatcher>();

/** A matcher for `glob` (compiled once per glob). */
export function globMatcher(glob: string): PathMatcher {
  let matcher = cache.get(glob);
  if (!matcher) {
    const compiled = picomatch(glob, OPTIONS);
    matcher = (path) => compiled(path);
    if (cache.size > 64) cache.clear();
    cache.set(glob, matcher);
  }
  return matcher;
}

/** `path` relative to the folder `base` (both URI paths), or undefined when it is not inside it. */
export function relativePath(base: string, path: string): string | undefined {
  const root = base.endsWith('/') ? base : `${base}/`;
  return path.startsWith(root) && path.length > root.length ? path.slice(root.length) : undefined;
}

/** True when `relative` is a plan file: it matches `planFiles` and not `exclude` (when given). */
export function isPlanFile(relative: string, planFiles: string, exclude: string | undefined): boolean {
  return globMatcher(planFiles)(relative) && !(exclude && globMatcher(exclude)(relative));
}
