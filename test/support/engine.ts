/**
 * The real Pulumi engine in tests: the shared, offline environment (tools/engine/environment, also
 * the benchmark's) and ways to run the driver and the CLI and collect what they print.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, pulumiBinDir } from "../../tools/engine/environment";

export {
  REPO_ROOT,
  UNPACED,
  engineEnv,
  notLocalState,
  pulumiBinDir,
  tempBackend,
  tempDir,
  workCopy,
  writeStackConfig,
} from "../../tools/engine/environment";

/** The head of a Pulumi YAML project using the native plugin of this checkout (`resources:` follows). */
export function nativeYamlHead(project: string): string {
  return `name: ${project}
runtime: yaml
plugins:
  providers:
    - name: googlemeet
      path: ${path.join(REPO_ROOT, "bin")}
`;
}

/** Replaces `from` (which must be there) by `to` in `file`: a test's edit of a program. */
export function editFile(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${path.basename(file)} has no ${JSON.stringify(from)}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/** What a driver or CLI run printed, and how it ended. */
export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `pulumi-meet-local ARGS` (the built driver) and waits for it. `asTerminalJob` starts it as
 * the leader of a process group of its own, as a shell does with a foreground job, so a signal sent
 * to that group reaches what a terminal's Ctrl-C would reach.
 */
export function driver(
  args: string[],
  env: Record<string, string>,
  onStart?: (pid: number) => void,
  onStdout?: (chunk: string) => void,
  asTerminalJob = false,
): Promise<Ran> {
  return run(
    process.execPath,
    [path.join(REPO_ROOT, "dist", "runner", "cli.js"), ...args],
    REPO_ROOT,
    env,
    onStart,
    onStdout,
    asTerminalJob,
  );
}

/** Runs the real `pulumi` CLI in `cwd`. */
export function pulumi(args: string[], cwd: string, env: Record<string, string>): Promise<Ran> {
  return run(path.join(pulumiBinDir(), "pulumi"), [...args, "--non-interactive"], cwd, env);
}

/** Runs `command` and collects what it prints; `onStart` gets its pid, `onStdout` each chunk. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  onStart?: (pid: number) => void,
  onStdout?: (chunk: string) => void,
  ownProcessGroup = false,
): Promise<Ran> {
  const { spawn } = require("node:child_process") as typeof import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: ownProcessGroup,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      onStdout?.(d);
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("spawn", () => onStart?.(child.pid!));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
