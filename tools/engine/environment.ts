/**
 * The real Pulumi engine, offline, for the engine tests and the benchmark alike: the CLI (the one
 * `pulumiBinDir` finds), a file backend in a temporary directory, passphrase secrets, no update
 * check, and work copies of program directories. Tooling, not test code: the benchmark imports it,
 * and the tests' support re-exports it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CONFIG_KEYS } from "../../provider/config/connection";
import { pulumiBinDir } from "../../runner/pulumiCli";

export { pulumiBinDir };

/** The repository's root (this file is compiled to dist/tools/engine/). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** Temporary directories of this process, removed once at its exit. */
const temporary: string[] = [];
process.once("exit", () => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

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

/**
 * Environment for the CLI and the driver: offline, file backend in `backendDir` (its own
 * PULUMI_HOME inside), the CLI's bin directory first on PATH and named by PULUMI_BIN_DIR.
 */
export function engineEnv(backendDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH}`,
    PULUMI_BIN_DIR: pulumiBinDir(),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_HOME: path.join(backendDir, ".pulumi-home"),
    ...extra,
  };
}

/** Writes `Pulumi.<stack>.yaml` in `dir` with `config` (full keys, values as strings). */
export function writeStackConfig(dir: string, stack: string, config: Record<string, string | number>): void {
  const lines = Object.entries(config).map(([k, v]) => `  ${k}: ${JSON.stringify(String(v))}`);
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), `config:\n${lines.join("\n")}\n`);
}

/**
 * Every quota of the provider's pacer (each `googlemeet:*Quota` key) out of the way, per user and
 * per project: pacing has its own tests and benchmark rows; elsewhere it would only slow a fleet.
 */
export const UNPACED: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CONFIG_KEYS)
    .filter(([name]) => name.endsWith("Quota"))
    .map(([, key]) => [key, "1000000"]),
);

/**
 * For copying an example: leaves out what running it by hand leaves there (a developer's stack
 * files, which carry their passphrase's salt; local state; installed modules), so a run never
 * uses, nor fails because of, someone's own stack.
 */
export function notLocalState(src: string): boolean {
  return !/(node_modules|\.pulumi-local|\.venv)$/.test(src) && !/Pulumi\.[^/]+\.yaml$/.test(src);
}

/**
 * A copy of a project directory under `dist/engine-work/` (inside the repository, so the program
 * resolves this package's node_modules; ignored by git), to change files and keep stack settings
 * out of the tree. Removed at process exit.
 */
export function workCopy(projectDir: string): string {
  const dir = fs.mkdtempSync(path.join(workRoot(), `${path.basename(projectDir)}-`));
  fs.cpSync(projectDir, dir, { recursive: true, filter: notLocalState });
  temporary.push(dir);
  return dir;
}

/** A fresh empty directory under `dist/engine-work/`, removed at process exit. */
export function workDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(workRoot(), prefix));
  temporary.push(dir);
  return dir;
}

function workRoot(): string {
  const root = path.join(REPO_ROOT, "dist", "engine-work");
  fs.mkdirSync(root, { recursive: true });
  return root;
}
