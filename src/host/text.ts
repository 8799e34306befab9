/** Message text for the host. No `vscode` import: unit-tested. Labels and status names are the core's (core/labels.ts). */

/** An error as the text of a message. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
