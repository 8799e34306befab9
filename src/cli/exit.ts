/** The CLI's exit codes and the streams it writes to. */

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Directory that relative paths are resolved against; defaults to `process.cwd()`. */
  cwd?: string;
  /** Environment (for `PHASEWISE_DEBUG`); defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** The time written into `Completed:` fields and new documents; defaults to now. */
  now?: Date;
}

export const EXIT_OK = 0;
/** `check` found an error; also an internal error (a bug), which says so and asks to be reported. */
export const EXIT_CHECK_FAILED = 1;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
