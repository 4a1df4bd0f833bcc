/**
 * The Pulumi CLI as the driver runs it: found (or built) once per process, and started for the
 * Automation API in a process group of its own, so that interrupts reach it exactly as this driver
 * passes them on.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as path from "node:path";
import { ownPackageRoot } from "./program";

export type Automation = typeof import("@pulumi/pulumi/automation");

/** The bin directory found once per process (the install script answers the same each time). */
let foundBinDir: string | undefined;

/**
 * The directory holding the `pulumi` CLI: PULUMI_BIN_DIR, else one on PATH (a normal install), else
 * the one `npm run pulumi:install` built (building it now, with progress on stderr, when Go is
 * present).
 */
export function pulumiBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PULUMI_BIN_DIR) return env.PULUMI_BIN_DIR;
  if (foundBinDir) return foundBinDir;
  const script = path.join(ownPackageRoot(), "scripts", "pulumi-install.sh");
  try {
    const out = execFileSync("bash", [script], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      // A build's progress is shown; a CLI found is not announced on every run.
      env: { ...env, PULUMI_INSTALL_QUIET: "1" } as NodeJS.ProcessEnv,
    });
    foundBinDir = out.trim().split("\n").pop()!;
    return foundBinDir;
  } catch {
    throw new Error(
      "No Pulumi CLI: none is on PATH and it could not be built from source (see the lines above). Install Pulumi (https://www.pulumi.com/docs/install/) or Go, then run `npm run pulumi:install`.",
    );
  }
}

/**
 * The CLI, started in a process group of its own: an interrupt from the terminal reaches this
 * driver only, which passes exactly one on (a second one stops the CLI at once). Were the CLI in
 * the terminal's group, Ctrl-C would reach it directly and the driver's forward would count as the
 * second, hard interrupt, leaving operations unrecorded.
 */
export async function pulumiCommand(
  auto: Automation,
  binDir: string,
): Promise<import("@pulumi/pulumi/automation").PulumiCommand> {
  const command = await auto.PulumiCommand.get({ root: path.dirname(binDir), skipVersionCheck: true });
  const { CommandResult } = require(resolveFrom(auto, "cmd"));
  const { createCommandError } = require(resolveFrom(auto, "errors"));
  const binary = path.join(binDir, "pulumi");
  (command as any).run = (
    args: string[],
    cwd: string,
    additionalEnv: Record<string, string>,
    onOutput?: (s: string) => void,
    onError?: (s: string) => void,
    signal?: AbortSignal,
  ) => {
    if (!args.includes("--non-interactive")) args.push("--non-interactive");
    const env = {
      ...process.env,
      ...additionalEnv,
      PATH: `${binDir}${path.delimiter}${additionalEnv.PATH ?? process.env.PATH}`,
      PULUMI_AUTOMATION_API: "true",
    };
    return new Promise((resolve, reject) => {
      const child = spawn(binary, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      running.add(child);
      let stdout = "";
      let stderr = "";
      child.stdout!.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        onOutput?.(d);
      });
      child.stderr!.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
        onError?.(d);
      });
      const interrupt = () => child.kill("SIGINT");
      signal?.addEventListener("abort", interrupt);
      child.on("error", (err) => {
        running.delete(child);
        reject(createCommandError(new CommandResult("", err.message, -2, err)));
      });
      child.on("close", (code) => {
        running.delete(child);
        signal?.removeEventListener("abort", interrupt);
        const result = new CommandResult(stdout, stderr, code ?? -1);
        if (code === 0) resolve(result);
        else reject(createCommandError(result));
      });
    });
  };
  return command;
}

function resolveFrom(auto: Automation, file: string): string {
  const index = Object.keys(require.cache).find((k) => require.cache[k]?.exports === auto);
  return path.join(path.dirname(index ?? require.resolve("@pulumi/pulumi/automation")), file);
}

/** CLI processes running now: interrupted again (a hard stop) on a second signal, killed at exit. */
const running = new Set<ChildProcess>();

/** Sends the running CLIs a second interrupt: Pulumi then stops at once. */
export function hardStop(): void {
  for (const child of running) child.kill("SIGINT");
}

process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
