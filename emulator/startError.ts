/**
 * A start-up failure the CLI prints as one line, without a stack: a port in use, an unreadable
 * or corrupt state or token file. The message names the port or file and why; `option` says
 * which option is at fault, so the CLI can name its flag.
 */
export type StartOption = "grpcPort" | "httpPort" | "stateFile" | "tokenFile";

export class EmulatorStartError extends Error {
  constructor(
    message: string,
    readonly option: StartOption,
  ) {
    super(message);
    this.name = "EmulatorStartError";
  }
}

/** Why a file could not be read, in words (ENOENT, EACCES, EISDIR; else the system's message). */
export function readFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "EACCES" || e?.code === "EPERM") return "permission denied";
  if (e?.code === "EISDIR") return "it is a directory";
  if (e?.code === "ENOENT") return "no such file";
  return e?.message ?? String(err);
}
