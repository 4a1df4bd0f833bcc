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

/** A fresh file backend directory, removed at process exit. */
export function tempBackend(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meet-engine-"));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
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
