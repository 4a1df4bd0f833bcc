/**
 * The real Pulumi engine for tests: the CLI built (or found) by `npm run pulumi:install`, and the
 * environment that keeps it offline (file backend, passphrase secrets, no update check).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

let binDir: string | undefined;

/** Temporary directories of this test process, removed once at its exit. */
const temporary: string[] = [];
process.once("exit", () => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** The directory holding `pulumi`, `pulumi-language-yaml` and our dynamic-provider shim. */
export function pulumiBinDir(): string {
  if (process.env.PULUMI_BIN_DIR) return process.env.PULUMI_BIN_DIR;
  binDir ??= execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-install.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()!;
  return binDir;
}

/** A fresh directory outside the repository, removed at process exit. */
export function tempDir(prefix = "meet-engine-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** A fresh file backend directory, removed at process exit. */
export function tempBackend(): string {
  return tempDir();
}

/** Environment for the CLI: offline, file backend in `backendDir`, our bin dir first on PATH. */
export function engineEnv(backendDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_HOME: path.join(backendDir, ".pulumi-home"),
    ...extra,
  };
}

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

/** Writes `Pulumi.<stack>.yaml` in `dir` with `config` (full keys, values as strings). */
export function writeStackConfig(dir: string, stack: string, config: Record<string, string | number>): void {
  const lines = Object.entries(config).map(([k, v]) => `  ${k}: ${JSON.stringify(String(v))}`);
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), `config:\n${lines.join("\n")}\n`);
}

/** The provider's quotas out of the way (pacing is tested on its own; elsewhere it only slows). */
export const UNPACED = {
  "googlemeet:createQuota": "100000",
  "googlemeet:writeQuota": "100000",
  "googlemeet:readQuota": "100000",
} as const;

/** What a driver or CLI run printed, and how it ended. */
export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * For copying an example: leaves out what running it by hand leaves there (a developer's stack
 * files, which carry their passphrase's salt; local state; installed modules), so a test never
 * runs on, nor fails because of, someone's own stack.
 */
export function notLocalState(src: string): boolean {
  return !/(node_modules|\.pulumi-local|\.venv)$/.test(src) && !/Pulumi\.[^/]+\.yaml$/.test(src);
}

/**
 * A copy of a project directory under `dist/engine-work/` (inside the repository, so the program
 * resolves this package's node_modules), to change files and keep stack settings out of the tree.
 */
export function workCopy(projectDir: string): string {
  const root = path.join(REPO_ROOT, "dist", "engine-work");
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, `${path.basename(projectDir)}-`));
  fs.cpSync(projectDir, dir, { recursive: true, filter: notLocalState });
  temporary.push(dir);
  return dir;
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
