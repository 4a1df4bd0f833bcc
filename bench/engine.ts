/**
 * Cold applies through the real engine, as `pulumi up` runs: every apply a fresh driver process
 * (`pulumi-meet-local`, the program inline through the Automation API) or a fresh Pulumi CLI,
 * timed from spawn to exit, on one file backend for the whole run.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import {
  REPO_ROOT,
  engineEnv,
  pulumiBinDir,
  tempBackend,
  workCopy,
  workDir,
  writeStackConfig,
} from "../tools/engine/environment";
import type { CheckpointResource } from "./formulas";
import { nativeFleetYaml } from "./nativeFleet";

/** The bench's two TypeScript programs: the rooms, and the engine's floor (bench/floor). */
export type Project = "fleet" | "floor";

/** Drivers and CLIs running now: stopped (and waited for) when the bench is interrupted. */
const running = new Set<ChildProcess>();

/**
 * Ctrl-C or SIGTERM: each running driver gets two interrupts (the engine cancels, then stops at
 * once, leaving no CLI or provider host behind); then this process exits and its temporary
 * backend and work copies go with it.
 */
export function stopOnSignal(): void {
  const stop = () => {
    process.stderr.write("bench: interrupted; stopping the engine\n");
    const closed = [...running].map((child) => new Promise((resolve) => child.once("close", resolve)));
    for (const child of running) child.kill("SIGINT");
    setTimeout(() => {
      for (const child of running) child.kill("SIGINT");
    }, 500);
    const timeout = new Promise((resolve) => setTimeout(resolve, 15_000));
    Promise.race([Promise.all(closed), timeout]).then(() => process.exit(130));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** Spawns `command` and resolves with its exit code, seconds from spawn to exit, stdout and the tail of all output. */
function timed(
  command: string,
  args: string[],
  options: { cwd?: string; env: Record<string, string> },
): Promise<{ code: number | null; seconds: number; stdout: string; tail: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let stdout = "";
    let tail = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      tail = (tail + d).slice(-6000);
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      tail = (tail + d).slice(-6000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      running.delete(child);
      resolve({ code, seconds: (performance.now() - started) / 1000, stdout, tail });
    });
  });
}

/** One file backend and a work copy of each program for the whole run; every apply is a fresh process. */
export class Engine {
  readonly backend = tempBackend();
  readonly dirs: Record<Project, string> = {
    fleet: workCopy(path.join(REPO_ROOT, "bench", "fleet")),
    floor: workCopy(path.join(REPO_ROOT, "bench", "floor")),
  };
  readonly env: Record<string, string> = engineEnv(this.backend);
  /** The CLI's default `--parallel` on this machine: at most this many resource operations at once. */
  readonly parallel: number;

  constructor() {
    const help = spawnSync(path.join(pulumiBinDir(), "pulumi"), ["up", "--help"], { encoding: "utf8" });
    this.parallel = Number(/--parallel int32 .*\(default (\d+)\)/.exec(help.stdout)?.[1] ?? 0);
    if (!this.parallel) throw new Error("cannot read the default --parallel from `pulumi up --help`");
  }

  /** Runs `command` on `stack` of `project` with this stack config; seconds from spawn to exit. */
  async run(
    project: Project,
    stack: string,
    command: "up" | "destroy" | "preview",
    config: Record<string, string | number>,
    env: Record<string, string> = {},
  ): Promise<{ seconds: number; summary: Record<string, number> }> {
    const dir = this.dirs[project];
    writeStackConfig(dir, stack, config);
    const driver = path.join(REPO_ROOT, "dist", "runner", "cli.js");
    const ran = await timed(process.execPath, [driver, command, "--cwd", dir, "--stack", stack, "--json"], {
      env: { ...this.env, ...env },
    });
    if (ran.code !== 0)
      throw new Error(`${project} ${command} --stack ${stack} failed (exit ${ran.code}):\n${ran.tail}`);
    return { seconds: ran.seconds, summary: JSON.parse(ran.stdout).summary ?? {} };
  }

  /** The fleet as a Pulumi YAML program through the native provider, in a directory of its own. */
  nativeProgram(rooms: number, cohosts: number): string {
    const dir = workDir("native-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), nativeFleetYaml("fleet-native", rooms, cohosts));
    return dir;
  }

  /** Runs the Pulumi CLI itself (`up` or `destroy`, no preview) in `dir`; seconds from spawn to exit. */
  async runCli(
    dir: string,
    stack: string,
    command: "up" | "destroy",
    config: Record<string, string | number>,
    env: Record<string, string>,
  ): Promise<number> {
    writeStackConfig(dir, stack, config);
    const pulumi = path.join(pulumiBinDir(), "pulumi");
    const options = { cwd: dir, env: { ...this.env, ...env } };
    if (!fs.existsSync(path.join(this.backend, ".pulumi", "stacks", "fleet-native", `${stack}.json`)))
      await timed(pulumi, ["stack", "init", stack, "--non-interactive"], options);
    const args = [command, "--yes", "--skip-preview", "--non-interactive", "--color=never", "--stack", stack];
    const ran = await timed(pulumi, args, options);
    if (ran.code !== 0)
      throw new Error(`pulumi ${command} --stack ${stack} failed (exit ${ran.code}):\n${ran.tail}`);
    return ran.seconds;
  }

  /** The stack's checkpoint as the file backend stores it: its size and its resources. */
  checkpoint(
    project: Project | "fleet-native",
    stack: string,
  ): { bytes: number; resources: Array<CheckpointResource & { type: string }> } {
    const file = path.join(this.backend, ".pulumi", "stacks", project, `${stack}.json`);
    const text = fs.readFileSync(file, "utf8");
    return { bytes: Buffer.byteLength(text), resources: JSON.parse(text).checkpoint.latest.resources ?? [] };
  }
}
