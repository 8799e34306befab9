// The manifest and the sources agree: every contributed command is registered, every
// registered command is contributed, menus point at real commands and views, and the files the
// manifest names exist.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

interface CommandContribution {
  command: string;
  title?: string;
  category?: string;
  icon?: unknown;
}

interface MenuEntry {
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}

interface Manifest {
  icon?: string;
  activationEvents?: string[];
  capabilities?: { untrustedWorkspaces?: { supported?: unknown }; virtualWorkspaces?: unknown };
  contributes: {
    commands: CommandContribution[];
    menus?: Record<string, MenuEntry[]>;
    views?: Record<string, Array<{ id: string; icon?: string }>>;
    viewsContainers?: Record<string, Array<{ id: string; icon?: string }>>;
    viewsWelcome?: Array<{ view: string; contents: string }>;
    grammars?: Array<{ path: string }>;
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands;
const contributedIds = new Set(contributed.map((c) => c.command));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Comments out of the way, so an id in a comment is not taken for a registration. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const sources = sourceFiles(join(ROOT, 'src')).map((file) => ({ file, text: withoutComments(readFileSync(file, 'utf8')) }));

/** Ids registered as `registerCommand('phasewise.x', ...)`, with the files they are in. */
function registeredIds(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const re = /registerCommand\(\s*['"](phasewise\.[\w.]+)['"]/g;
  for (const { file, text } of sources) {
    for (const m of text.matchAll(re)) out.set(m[1], [...(out.get(m[1]) ?? []), file]);
  }
  return out;
}

/**
 * Ids registered from a list (`for (const [id, run] of [['phasewise.x', ...]]) registerCommand(id, run)`):
 * quoted ids in a file that calls registerCommand with something other than a string literal.
 * The host's command manager registers the ids of src/host/ids.ts that way (and refuses at
 * activation a command without a handler); those ids count as listed.
 */
function listedIds(): Set<string> {
  const out = new Set<string>();
  const viaManager = sources.some(({ text }) => /registerCommand\(\s*[^\s'"]/.test(text) && /\bmergeGroups\(/.test(text));
  for (const { file, text } of sources) {
    const isIds = file === join(ROOT, 'src/host/ids.ts');
    if (!(isIds && viaManager) && !/registerCommand\(\s*[^\s'"]/.test(text)) continue;
    for (const m of text.matchAll(/['"](phasewise\.[\w.]+)['"]/g)) out.add(m[1]);
  }
  return out;
}

/** `command:phasewise.x` links in a welcome view's Markdown. */
function linkedCommands(contents: string): string[] {
  return [...contents.matchAll(/\(command:([\w.]+)(?:\?[^)]*)?\)/g)].map((m) => m[1]);
}

describe('package.json contributions', () => {
  const registered = registeredIds();
  const listed = listedIds();

  it('finds the registrations in the sources at all', () => {
    // A guard against a regular expression that silently matches nothing.
    const found = new Set([...registered.keys(), ...listed]);
    assert.ok(found.size >= 10, `only ${found.size} registered commands found under src/`);
  });

  it('registers every contributed command', () => {
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id) && !listed.has(id));
    assert.deepEqual(missing, [], `contributed but never registered: ${missing.join(', ')}`);
  });

  it('contributes every registered command', () => {
    const extra = [...registered.keys()].filter((id) => !contributedIds.has(id));
    assert.deepEqual(
      extra,
      [],
      `registered but not in contributes.commands: ${extra
        .map(
          (id) =>
            `${id} (${registered
              .get(id)!
              .map((f) => f.slice(ROOT.length + 1))
              .join(', ')})`,
        )
        .join('; ')}`,
    );
  });

  it('registers each command once', () => {
    const twice = [...registered].filter(([, files]) => files.length > 1).map(([id, files]) => `${id} (${files.length}×)`);
    assert.deepEqual(twice, []);
  });

  it('contributes each command once, with a title and the Phasewise category', () => {
    const seen = new Set<string>();
    for (const c of contributed) {
      assert.match(c.command, /^phasewise\.[a-zA-Z][\w.]*$/, `command id ${c.command}`);
      assert.ok(!seen.has(c.command), `${c.command} is contributed twice`);
      seen.add(c.command);
      assert.equal(typeof c.title, 'string', `${c.command} has no title`);
      assert.ok(c.title!.trim().length > 0, `${c.command} has an empty title`);
      assert.equal(c.category, 'Phasewise', `${c.command} has category ${JSON.stringify(c.category)}`);
      if (c.icon !== undefined) assert.match(String(c.icon), /^\$\([\w-]+\)$/, `${c.command} icon ${JSON.stringify(c.icon)}`);
    }
  });

  it('menus and welcome views refer to contributed commands only', () => {
    const unknown: string[] = [];
    for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const e of entries) {
        if (e.command !== undefined && !contributedIds.has(e.command)) unknown.push(`${menu}: ${e.command}`);
      }
    }
    for (const w of manifest.contributes.viewsWelcome ?? []) {
      for (const id of linkedCommands(w.contents)) if (!contributedIds.has(id)) unknown.push(`viewsWelcome(${w.view}): ${id}`);
    }
    assert.deepEqual(unknown, []);
  });

  it('menus and welcome views refer to contributed views only', () => {
    const viewIds = new Set(Object.values(manifest.contributes.views ?? {}).flatMap((vs) => vs.map((v) => v.id)));
    assert.ok(viewIds.size > 0, 'no views contributed');
    const unknown: string[] = [];
    for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const e of entries) {
        for (const m of (e.when ?? '').matchAll(/\bview\s*==\s*([\w.-]+)/g)) if (!viewIds.has(m[1])) unknown.push(`${menu}: ${m[1]}`);
      }
    }
    for (const w of manifest.contributes.viewsWelcome ?? []) if (!viewIds.has(w.view)) unknown.push(`viewsWelcome: ${w.view}`);
    // Views live in a contributed container (or a built-in one).
    const containers = new Set(Object.values(manifest.contributes.viewsContainers ?? {}).flatMap((cs) => cs.map((c) => c.id)));
    for (const container of Object.keys(manifest.contributes.views ?? {})) {
      if (!containers.has(container) && !['explorer', 'scm', 'debug', 'test', 'remote'].includes(container)) unknown.push(`views: container ${container}`);
    }
    assert.deepEqual(unknown, []);
  });

  it('view/item/context entries name a group', () => {
    const loose = (manifest.contributes.menus?.['view/item/context'] ?? []).filter((e) => !e.group).map((e) => e.command);
    assert.deepEqual(loose, []);
  });

  it('works in untrusted and virtual workspaces', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
  });

  it('declares activation events', () => {
    assert.ok(Array.isArray(manifest.activationEvents) && manifest.activationEvents.length > 0, 'activationEvents is missing or empty');
    for (const e of manifest.activationEvents!)
      assert.match(e, /^(onLanguage|onView|onCommand|workspaceContains|onStartupFinished|onWebviewPanel|\*)/, `activation event ${e}`);
  });

  it('names files that exist: grammars and icons', () => {
    const grammars = manifest.contributes.grammars ?? [];
    assert.ok(grammars.length > 0, 'no grammar contributed');
    for (const g of grammars) assert.ok(existsSync(join(ROOT, g.path)), `grammar ${g.path} is missing`);
    assert.ok(existsSync(join(ROOT, 'media/phasewise.svg')), 'media/phasewise.svg is missing');
    const icons = [
      ...Object.values(manifest.contributes.viewsContainers ?? {}).flatMap((cs) => cs.map((c) => c.icon)),
      ...Object.values(manifest.contributes.views ?? {}).flatMap((vs) => vs.map((v) => v.icon)),
    ].filter((icon): icon is string => typeof icon === 'string' && !icon.startsWith('$('));
    for (const icon of icons) assert.ok(existsSync(join(ROOT, icon)), `icon ${icon} is missing`);
    assert.ok(manifest.icon && existsSync(join(ROOT, manifest.icon)), `marketplace icon ${manifest.icon} is missing`);
  });
});

describe('the packaged extension', () => {
  const kept = readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1));

  it('holds the bundles and every file they load at run time (the remark fallback beside the Node.js one)', () => {
    const main = (manifest as unknown as { main: string; browser: string }).main.replace(/^\.\//, '');
    const browser = (manifest as unknown as { main: string; browser: string }).browser.replace(/^\.\//, '');
    const loaded: string[] = [];
    for (const bundle of [main, browser]) {
      assert.ok(kept.includes(bundle), `${bundle} is packaged`);
      const code = readFileSync(join(ROOT, bundle), 'utf8');
      for (const [, rel] of code.matchAll(/require\("(\.\.?\/[^"]+)"\)/g)) loaded.push(posix.join(posix.dirname(bundle), rel));
    }
    assert.deepEqual(loaded, ['dist/remark.js'], 'the files the bundles require');
    for (const file of loaded) assert.ok(kept.includes(file) && existsSync(join(ROOT, file)), `${file} is built and packaged`);
  });
});

describe('the first-run walkthrough', () => {
  interface Step {
    id: string;
    description: string;
    media: { markdown?: string; image?: string };
    completionEvents: string[];
  }
  const walkthroughs = (manifest.contributes as unknown as { walkthroughs?: Array<{ id: string; steps: Step[] }> }).walkthroughs ?? [];
  const steps = walkthroughs.flatMap((w) => w.steps);
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const views = new Set(Object.values(manifest.contributes.views ?? {}).flatMap((vs) => vs.map((v) => v.id)));
  const packaged = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');

  it('opens a plan, marks a phase complete, inserts the next phase and connects an agent', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      ['openPlan', 'completePhase', 'insertNextPhase', 'connectAgent'],
    );
  });

  it('completes each step on a real event: a contributed command run or a contributed view opened', () => {
    for (const step of steps) {
      assert.ok(step.completionEvents.length, `${step.id} has completion events`);
      for (const event of step.completionEvents) {
        const [kind, id] = event.split(':');
        if (kind === 'onCommand') assert.ok(commands.has(id), `${step.id}: ${id} is a contributed command`);
        else if (kind === 'onView') assert.ok(views.has(id), `${step.id}: ${id} is a contributed view`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(commands.has(id) || views.has(id.replace(/\.focus$/, '')), `${step.id} links to ${id}, which exists`);
      }
    }
  });

  it('shows media that exist and are packaged', () => {
    assert.match(packaged, /^!media\/walkthrough\/\*\*$/m);
    for (const step of steps) {
      const file = step.media.markdown ?? step.media.image;
      assert.ok(file && file.startsWith('media/walkthrough/') && existsSync(join(ROOT, file)), `${step.id}: ${file} exists`);
    }
  });
});

describe('source layout', () => {
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));

  it('no source file grows past 500 lines', () => {
    assert.ok(sources.length > 50, `found ${sources.length} sources`);
    const long = sources.map((f) => ({ f: f.slice(ROOT.length + 1), n: readFileSync(f, 'utf8').split('\n').length })).filter((x) => x.n > 500);
    assert.deepEqual(long, []);
  });

  it('no module imports itself through others (no import circle, type imports included)', () => {
    const resolveImport = (from: string, spec: string): string | undefined => {
      if (!spec.startsWith('.')) return undefined;
      const base = resolve(dirname(from), spec);
      return [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
    };
    const graph = new Map(
      sources.map((f) => [
        f,
        [...readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)]
          .map((m) => resolveImport(f, m[1]))
          .filter((x): x is string => !!x),
      ]),
    );
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (n: string, path: string[]): void => {
      state.set(n, 'open');
      path.push(n);
      for (const m of graph.get(n) ?? []) {
        if (state.get(m) === 'open') circles.push([...path.slice(path.indexOf(m)), m].map((x) => x.slice(ROOT.length + 1)).join(' -> '));
        else if (!state.has(m)) visit(m, path);
      }
      path.pop();
      state.set(n, 'done');
    };
    for (const f of sources) if (!state.has(f)) visit(f, []);
    assert.deepEqual(circles, []);
  });
});

describe('source boundaries', () => {
  const importsOf = (dir: string): Array<{ file: string; from: string }> =>
    readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .flatMap((e) => {
        const file = join(e.parentPath, e.name);
        const text = readFileSync(file, 'utf8');
        return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ file: file.slice(ROOT.length + 1), from: m[1] }));
      });

  it('src/core never imports vscode', () => {
    const offending = importsOf('src/core').filter((i) => i.from === 'vscode');
    assert.deepEqual(offending, []);
  });

  it('host, CLI and extension reach the core only through src/core/index.ts', () => {
    const outside = [...importsOf('src/host'), ...importsOf('src/cli'), ...importsOf('src').filter((i) => i.file === join('src', 'extension.ts'))].filter((i) =>
      /(?:^|\/)core\//.test(i.from),
    );
    assert.ok(
      importsOf('src/cli').some((i) => /(?:^|\/)core$/.test(i.from)),
      'the scan finds core imports at all',
    );
    assert.deepEqual(outside, []);
  });

  it('the extension reads files only through VS Code (no Node file system: remote and virtual workspaces)', () => {
    assert.ok(
      importsOf('src/host').some((i) => i.from === 'vscode'),
      'the scan finds imports at all',
    );
    const host = [...importsOf('src/host'), ...importsOf('src/core')].filter((i) => /^(?:node:)?(?:fs|fs\/promises|child_process|path)$/.test(i.from));
    assert.deepEqual(host, []);
  });
});
