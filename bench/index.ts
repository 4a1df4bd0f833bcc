/**
 * `npm run bench`: what an apply through the real Pulumi engine costs a user, set beside what the
 * API, the engine and the machine allow. A benchmark, not a test: it prints a table and writes
 * bench/results/latest.json. Every row has a baseline measured in the same run: the minimum number
 * of calls, the latency bound, the same stack's no-op apply, the engine's floor (do-nothing dynamic
 * resources of the same input shape, bench/floor), the same apply without checkpoints, a
 * do-nothing provider in the same provider host, the quota ceiling. The native face's rows run the
 * same rooms as a generated Pulumi YAML program through bin/pulumi-resource-googlemeet.
 *
 * Every apply runs cold, as `pulumi up` does: a fresh driver process (`pulumi-meet-local`, the
 * program inline through the Automation API) and a fresh Pulumi CLI, timed from spawn to exit.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { type JournalEntry, type RunningEmulator, startEmulator } from "../emulator";
import { makeModuleShim } from "../runner/program";
import {
  engineEnv,
  pulumiBinDir,
  REPO_ROOT,
  tempBackend,
  workCopy,
  writeStackConfig,
} from "../tools/engine/environment";
import { type ProviderHost, startProviderHost } from "../tools/engine/providerHost";
import { nativeFleetYaml } from "./nativeFleet";
import { STARTUP_RUNS, pluginStartup } from "./pluginStartup";
import { policyFigures } from "./policy";

const HELP = `npm run bench [-- OPTIONS]: the benchmark, through the real Pulumi engine and the emulator.

Prints a table (every row beside a baseline measured in the same run) and writes it as JSON.
Each apply is cold: a fresh driver process and a fresh Pulumi CLI (npm run pulumi:install).

Options (each also an environment variable):
  --rooms N         rooms in the fleet (BENCH_ROOMS, default 200; 800 took 20 minutes on 2 busy cores)
  --cohosts N       co-hosts per room (BENCH_COHOSTS, default 5)
  --latency MS      delay the emulator adds to every call (BENCH_LATENCY_MS, default 30)
  --quota-rooms N   rooms created under the time-scaled quota, for pacing (BENCH_QUOTA_ROOMS, default 60)
  --mixed-rooms N   rooms, each with a separate MeetSpaceMember, under quota (BENCH_MIXED_ROOMS, default 30)
  --host-calls N    reads timed per provider in the provider host (BENCH_HOST_CALLS, default 200)
  --out FILE        where the JSON goes (BENCH_OUT, default bench/results/latest.json)
  --table FILE      print the table of a results file as Markdown and run nothing
  --plugin          only the plugin archive's start-up and size (bench/pluginStartup.ts), in seconds
  -h, --help        this help

The CLI is the one npm run pulumi:install built, or PULUMI_BIN_DIR.
`;

// ---------------------------------------------------------------------------------------------
// Options.

interface Options {
  rooms: number;
  cohosts: number;
  latencyMs: number;
  quotaRooms: number;
  mixedRooms: number;
  hostCalls: number;
  out: string;
  /** Print the table of this results file and run nothing. */
  table?: string;
  /** Only the plugin archive's figures. */
  pluginOnly?: boolean;
}

class UsageError extends Error {}

const NUMERIC: Record<string, { key: keyof Options; env: string; min: number; fallback: number }> = {
  "--rooms": { key: "rooms", env: "BENCH_ROOMS", min: 1, fallback: 200 },
  "--cohosts": { key: "cohosts", env: "BENCH_COHOSTS", min: 0, fallback: 5 },
  "--latency": { key: "latencyMs", env: "BENCH_LATENCY_MS", min: 0, fallback: 30 },
  "--quota-rooms": { key: "quotaRooms", env: "BENCH_QUOTA_ROOMS", min: 20, fallback: 60 },
  "--mixed-rooms": { key: "mixedRooms", env: "BENCH_MIXED_ROOMS", min: 1, fallback: 30 },
  "--host-calls": { key: "hostCalls", env: "BENCH_HOST_CALLS", min: 1, fallback: 200 },
};

function wholeNumber(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`${name} must be a whole number of at least ${min}, got "${text}"`);
  return Number(text);
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Options | "help" {
  const options: Record<string, number | string> = {
    out: env.BENCH_OUT ?? path.join(REPO_ROOT, "bench", "results", "latest.json"),
  };
  for (const n of Object.values(NUMERIC)) {
    const text = env[n.env];
    options[n.key] = text === undefined || text === "" ? n.fallback : wholeNumber(n.env, text, n.min);
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    if (flag === "-h" || flag === "--help") return "help";
    if (flag === "--plugin") {
      options.pluginOnly = 1;
      continue;
    }
    if (!(flag in NUMERIC) && flag !== "--out" && flag !== "--table")
      throw new UsageError(`unknown argument "${argv[i]}"`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === "--out") options.out = path.resolve(value);
    else if (flag === "--table") options.table = path.resolve(value);
    else options[NUMERIC[flag].key] = wholeNumber(flag, value, NUMERIC[flag].min);
  }
  return options as unknown as Options;
}

// ---------------------------------------------------------------------------------------------
// Rows.

interface Row {
  figure: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  /** value / baseline; null when the baseline is 0. */
  ratio: number | null;
  note?: string;
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};

function record(
  figure: string,
  value: number,
  unit: string,
  baseline: number,
  baselineLabel: string,
  note?: string,
) {
  const ratio = baseline === 0 ? null : value / baseline;
  rows.push({ figure, value, unit, baseline, baselineLabel, ratio, ...(note ? { note } : {}) });
}

const fmt = (n: number) =>
  Number.isInteger(n) ? String(n) : Math.abs(n) < 10 ? n.toFixed(2) : n.toFixed(Math.abs(n) < 100 ? 1 : 0);
const progress = (line: string) => process.stderr.write(`  ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Cold applies through the real engine.

type Project = "fleet" | "floor";

/** Drivers running now: stopped (and waited for) when the bench is interrupted. */
const drivers = new Set<ChildProcess>();

/**
 * Ctrl-C or SIGTERM: each running driver gets two interrupts (the engine cancels, then stops at
 * once, leaving no CLI or provider host behind); then this process exits and its temporary
 * backend and work copies go with it.
 */
function stopOnSignal(): void {
  const stop = () => {
    process.stderr.write("bench: interrupted; stopping the engine\n");
    const closed = [...drivers].map((child) => new Promise((resolve) => child.once("close", resolve)));
    for (const child of drivers) child.kill("SIGINT");
    setTimeout(() => {
      for (const child of drivers) child.kill("SIGINT");
    }, 500);
    const timeout = new Promise((resolve) => setTimeout(resolve, 15_000));
    Promise.race([Promise.all(closed), timeout]).then(() => process.exit(130));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** One file backend and a work copy of each program for the whole run; every apply is a fresh process. */
class Engine {
  readonly backend = tempBackend();
  readonly dirs: Record<Project, string> = {
    fleet: workCopy(path.join(REPO_ROOT, "bench", "fleet")),
    floor: workCopy(path.join(REPO_ROOT, "bench", "floor")),
  };
  readonly env: Record<string, string> = { ...engineEnv(this.backend), PULUMI_BIN_DIR: pulumiBinDir() };
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
    const started = performance.now();
    const child = spawn(process.execPath, [driver, command, "--cwd", dir, "--stack", stack, "--json"], {
      env: { ...process.env, ...this.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    drivers.add(child);
    child.on("close", () => drivers.delete(child));
    let stdout = "";
    let stderrTail = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderrTail = (stderrTail + d).slice(-6000);
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0)
      throw new Error(`${project} ${command} --stack ${stack} failed (exit ${code}):\n${stderrTail}`);
    return { seconds, summary: JSON.parse(stdout).summary ?? {} };
  }

  /** The fleet as a Pulumi YAML program through the native provider, in a directory of its own. */
  nativeProgram(rooms: number, cohosts: number): string {
    const dir = fs.mkdtempSync(path.join(REPO_ROOT, "dist", "engine-work", "native-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
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
    const args = ["--non-interactive", "--color=never", "--stack", stack];
    const run = (argv: string[]) =>
      new Promise<{ code: number | null; tail: string }>((resolve, reject) => {
        const child = spawn(pulumi, argv, { cwd: dir, env: { ...process.env, ...this.env, ...env } });
        drivers.add(child);
        let tail = "";
        const keep = (d: Buffer) => {
          tail = (tail + d.toString()).slice(-6000);
        };
        child.stdout.on("data", keep);
        child.stderr.on("data", keep);
        child.on("error", reject);
        child.on("close", (code) => {
          drivers.delete(child);
          resolve({ code, tail });
        });
      });
    if (!fs.existsSync(path.join(this.backend, ".pulumi", "stacks", "fleet-native", `${stack}.json`)))
      await run(["stack", "init", stack, "--non-interactive"]);
    const started = performance.now();
    const ran = await run([command, "--yes", "--skip-preview", ...args]);
    const seconds = (performance.now() - started) / 1000;
    if (ran.code !== 0)
      throw new Error(`pulumi ${command} --stack ${stack} failed (exit ${ran.code}):\n${ran.tail}`);
    return seconds;
  }

  /** The stack's checkpoint as the file backend stores it: its size and its resources. */
  checkpoint(project: Project | "fleet-native", stack: string): { bytes: number; resources: any[] } {
    const file = path.join(this.backend, ".pulumi", "stacks", project, `${stack}.json`);
    const text = fs.readFileSync(file, "utf8");
    return { bytes: Buffer.byteLength(text), resources: JSON.parse(text).checkpoint.latest.resources ?? [] };
  }
}

// ---------------------------------------------------------------------------------------------
// The emulator's clock: the journal has no timestamps, so each entry is stamped when the
// emulator (in this process) records it.

interface Emulator {
  emu: RunningEmulator;
  /** Journal entries recorded since `mark`, with the time (performance.now(), ms) each finished. */
  since(mark: number): Array<JournalEntry & { at: number }>;
  mark(): number;
}

async function emulator(options: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const emu = await startEmulator(options);
  const stamps = new WeakMap<JournalEntry, number>();
  emu.service.onCall = (entry) => stamps.set(entry, performance.now());
  return {
    emu,
    mark: () => emu.journal().length,
    since: (mark) =>
      emu
        .journal()
        .slice(mark)
        .map((e) => ({ ...e, at: stamps.get(e) ?? Number.NaN })),
  };
}

/** No pacing in the provider: the fleet runs as fast as the emulator answers. */
const UNPACED = {
  "googlemeet:createQuota": 1_000_000,
  "googlemeet:writeQuota": 1_000_000,
  "googlemeet:readQuota": 1_000_000,
  "googlemeet:projectCreateQuota": 1_000_000,
  "googlemeet:projectWriteQuota": 1_000_000,
  "googlemeet:projectReadQuota": 1_000_000,
};

/**
 * Median time, in ms, of the calls a refresh makes, made directly on the provider's default wire
 * (Meet v2 JSON over HTTP, keep-alive): one GetSpace, and with `members` one ListMembers of a
 * room holding that many co-hosts after it.
 */
async function directCallMs(emu: RunningEmulator, n: number, members = 0): Promise<number> {
  const base = `http://${emu.grpcAddress}/v2`;
  const call = async (method: string, url: string, body?: object) => {
    const res = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  const space = await call("POST", `${base}/spaces`, {});
  for (let j = 0; j < members; j++)
    await call("POST", `${base}/${space.name}/members`, { email: `m${j}@example.com`, role: "COHOST" });
  const times: number[] = [];
  for (let i = 0; i < n + 1; i++) {
    const t = performance.now();
    await call("GET", `${base}/${space.name}`);
    if (members) await call("GET", `${base}/${space.name}/members?pageSize=500`);
    times.push(performance.now() - t);
  }
  return median(times.slice(1));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// ---------------------------------------------------------------------------------------------
// The fleet: calls, time, checkpoints, floor.

/** Member calls per room go out at most this many at once (googlemeet:memberConcurrency's default). */
const MEMBER_CONCURRENCY = 4;
/** Cold one-room create / no-op pairs timed for the fixed cost. */
const FIXED_COST_PAIRS = 3;

async function fleetFigures(o: Options, engine: Engine): Promise<{ roomInputs: any; floorInputs: any }> {
  const N = o.rooms;
  const c = o.cohosts;
  const e = await emulator({ latencyMs: o.latencyMs });
  try {
    const env = { GOOGLE_MEET_EMULATOR_HOST: e.emu.grpcAddress };
    const fleet = (rooms: number, extra: Record<string, string | number> = {}) => ({
      "fleet:rooms": rooms,
      "fleet:cohosts": c,
      ...UNPACED,
      ...extra,
    });
    const callMs = await directCallMs(e.emu, 20);
    raw.directCallMs = callMs;
    progress(`one direct GetSpace with ${o.latencyMs} ms latency: ${fmt(callMs)} ms (median of 20)`);

    // Warm the disk cache and the CLI's home once, untimed: "cold" below means a fresh process.
    await engine.run("fleet", "one0", "preview", fleet(1), env);

    // Fixed cost: a one-room create and the no-op apply of it, both cold; the median of a few
    // pairs, since one cold start on a shared machine varies by seconds.
    const oneCreates: number[] = [];
    const oneNoops: number[] = [];
    for (let i = 0; i < FIXED_COST_PAIRS; i++) {
      oneCreates.push((await engine.run("fleet", `one${i}`, "up", fleet(1), env)).seconds);
      oneNoops.push((await engine.run("fleet", `one${i}`, "up", fleet(1), env)).seconds);
    }
    const [one, oneNoop] = [median(oneCreates), median(oneNoops)];
    progress(
      `1 room: cold create ${oneCreates.map(fmt).join(", ")} s; cold no-op ${oneNoops.map(fmt).join(", ")} s`,
    );
    record(
      `fixed cost: cold create of 1 room x ${c} co-hosts (median of ${FIXED_COST_PAIRS})`,
      one,
      "s",
      oneNoop,
      "cold no-op apply of the same stack (each a fresh process and CLI)",
    );

    const step = async (
      what: string,
      command: "up" | "destroy",
      extra: Record<string, string | number> = {},
    ) => {
      const mark = e.mark();
      const ran = await engine.run("fleet", "fleet", command, fleet(N, extra), env);
      const calls = e.since(mark);
      progress(`${what}: ${fmt(ran.seconds)} s, ${calls.length} calls, ${JSON.stringify(ran.summary)}`);
      return { ...ran, calls: calls.length };
    };
    const create = await step(`create ${N} rooms`, "up");
    const ckpt = engine.checkpoint("fleet", "fleet");
    const rooms = ckpt.resources.filter((r) => r.type.endsWith("googlemeet:MeetSpace"));
    const noop = await step("no-op apply", "up");
    const setting = await step("one setting changed", "up", { "fleet:accessType": "RESTRICTED" });
    const churn = await step("co-host churn", "up", { "fleet:accessType": "RESTRICTED", "fleet:rotate": 1 });
    const destroy = await step(`destroy ${N} rooms`, "destroy", {
      "fleet:accessType": "RESTRICTED",
      "fleet:rotate": 1,
    });

    record(
      `API calls: create ${N} rooms x ${c} co-hosts`,
      create.calls,
      "calls",
      N * (1 + c),
      `minimum: 1 CreateSpace + ${c} CreateMember each`,
    );
    record("API calls: no-op apply", noop.calls, "calls", 0, "minimum");
    record(
      `API calls: one setting changed on ${N} rooms`,
      setting.calls,
      "calls",
      N,
      "minimum: 1 UpdateSpace each",
    );
    record(
      `API calls: co-host churn (1 out, 1 in, on ${N} rooms)`,
      churn.calls,
      "calls",
      3 * N,
      "minimum: 1 ListMembers + 1 DeleteMember + 1 CreateMember each",
    );
    record(
      `API calls: destroy (retire) ${N} rooms`,
      destroy.calls,
      "calls",
      N * (2 + c),
      `minimum: lock (UpdateSpace) + ListMembers + ${c} DeleteMember each`,
    );

    // The same stack shape without checkpoints, and the engine's floor, each on its own stack.
    const skip = { PULUMI_SKIP_CHECKPOINTS: "true" };
    const sCreate = await engine.run("fleet", "nockpt", "up", fleet(N), { ...env, ...skip });
    const sNoop = await engine.run("fleet", "nockpt", "up", fleet(N), { ...env, ...skip });
    const sDestroy = await engine.run("fleet", "nockpt", "destroy", fleet(N), { ...env, ...skip });
    progress(
      `without checkpoints: create ${fmt(sCreate.seconds)} s, no-op ${fmt(sNoop.seconds)} s, destroy ${fmt(sDestroy.seconds)} s`,
    );
    const floorConfig = { "floor:resources": N, "floor:cohosts": c };
    const fCreate = await engine.run("floor", "floor", "up", floorConfig);
    const floorCkpt = engine.checkpoint("floor", "floor");
    const fNoop = await engine.run("floor", "floor", "up", floorConfig);
    const fDestroy = await engine.run("floor", "floor", "destroy", floorConfig);
    progress(
      `engine floor: create ${fmt(fCreate.seconds)} s, no-op ${fmt(fNoop.seconds)} s, destroy ${fmt(fDestroy.seconds)} s`,
    );

    // The native face: the same rooms as Pulumi YAML through the native provider, run by the CLI.
    const nativeDir = engine.nativeProgram(N, c);
    const nativeConfig = UNPACED;
    const nativeMark = e.mark();
    const nCreate = await engine.runCli(nativeDir, "native", "up", nativeConfig, env);
    const nCreateCalls = e.since(nativeMark).length;
    const nativeCkpt = engine.checkpoint("fleet-native", "native");
    const nNoop = await engine.runCli(nativeDir, "native", "up", nativeConfig, env);
    const nDestroy = await engine.runCli(nativeDir, "native", "destroy", nativeConfig, env);
    progress(
      `native face: create ${fmt(nCreate)} s (${nCreateCalls} calls), no-op ${fmt(nNoop)} s, destroy ${fmt(nDestroy)} s`,
    );

    // Latency bound: the CLI runs `parallel` rooms at once; each room's calls in sequence are one
    // CreateSpace, then its co-hosts `MEMBER_CONCURRENCY` at a time (destroy: lock, list, remove).
    const waves = Math.ceil(N / engine.parallel);
    const memberRounds = Math.ceil(c / MEMBER_CONCURRENCY);
    const createBound = (waves * (1 + memberRounds) * callMs) / 1000;
    const destroyBound = (waves * (2 + memberRounds) * callMs) / 1000;
    const boundLabel = (k: number) =>
      `latency bound: ${waves} waves of ${engine.parallel} rooms x ${k} calls in sequence x ${fmt(callMs)} ms`;
    record(
      `create ${N} rooms (${o.latencyMs} ms per call): wall time`,
      create.seconds,
      "s",
      createBound,
      boundLabel(1 + memberRounds),
    );
    record(
      `create ${N} rooms vs the no-op apply of the same stack`,
      create.seconds,
      "s",
      noop.seconds,
      "no-op apply, same run (target: create <= 2.4x)",
    );
    record(
      `create ${N} rooms vs the engine floor`,
      create.seconds,
      "s",
      fCreate.seconds,
      `${N} do-nothing dynamic resources, same inputs`,
    );
    record(
      `no-op apply of ${N} rooms vs the engine floor`,
      noop.seconds,
      "s",
      fNoop.seconds,
      `no-op apply of the ${N} do-nothing resources`,
    );
    record(`destroy ${N} rooms: wall time`, destroy.seconds, "s", destroyBound, boundLabel(2 + memberRounds));
    record(
      `destroy ${N} rooms vs the engine floor`,
      destroy.seconds,
      "s",
      fDestroy.seconds,
      `destroy of the ${N} do-nothing resources`,
    );
    const share = (withCk: number, without: number) =>
      `${Math.round(100 * (1 - without / withCk))}% of it writes checkpoints`;
    record(
      `create ${N} rooms, checkpoints written`,
      create.seconds,
      "s",
      sCreate.seconds,
      "same, PULUMI_SKIP_CHECKPOINTS=true",
      share(create.seconds, sCreate.seconds),
    );
    record(
      `no-op apply of ${N} rooms, checkpoints written`,
      noop.seconds,
      "s",
      sNoop.seconds,
      "same, PULUMI_SKIP_CHECKPOINTS=true",
      share(noop.seconds, sNoop.seconds),
    );
    record(
      `destroy ${N} rooms, checkpoints written`,
      destroy.seconds,
      "s",
      sDestroy.seconds,
      "same, PULUMI_SKIP_CHECKPOINTS=true",
      share(destroy.seconds, sDestroy.seconds),
    );

    // Bytes: the checkpoint after the create, per room, and the serialized provider in it.
    const nothings = floorCkpt.resources.filter((r) => r.type.endsWith("floor:Nothing"));
    const stub = String(rooms[0]?.inputs?.__provider ?? "");
    const floorStub = String(nothings[0]?.inputs?.__provider ?? "");
    const entry = (rs: any[]) => rs.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0) / rs.length;
    const ownBytes = (rs: any[]) =>
      rs.reduce((n, r) => n + Buffer.byteLength(JSON.stringify([r.inputs, r.outputs])), 0) / rs.length;
    record(
      `checkpoint bytes per room (${c} co-hosts), dynamic face`,
      entry(rooms),
      "bytes",
      entry(nothings),
      "a do-nothing resource's entry in the floor's checkpoint (target: room <= 3.5 KB)",
      `inputs + outputs ${fmt(ownBytes(rooms))} bytes; the rest is the engine's (URNs, stack trace, times)`,
    );
    const nativeRooms = nativeCkpt.resources.filter((r) => r.type === "googlemeet:index:MeetSpace");
    record(
      `checkpoint bytes per room (${c} co-hosts), native face`,
      entry(nativeRooms),
      "bytes",
      entry(nothings),
      "a do-nothing resource's entry in the floor's checkpoint",
      `inputs + outputs ${fmt(ownBytes(nativeRooms))} bytes`,
    );
    record(
      `native face: create ${N} rooms vs its no-op apply`,
      nCreate,
      "s",
      nNoop,
      "no-op apply of the same YAML stack, same run (target: create <= 2.0x)",
    );
    record(
      `native face: create ${N} rooms vs the dynamic face's`,
      nCreate,
      "s",
      create.seconds,
      "the dynamic face's create above",
    );
    record(
      `native face: destroy ${N} rooms vs the dynamic face's`,
      nDestroy,
      "s",
      destroy.seconds,
      "the dynamic face's destroy above",
    );
    record(
      "serialized provider per resource (stored twice: inputs and outputs)",
      Buffer.byteLength(stub),
      "bytes",
      Buffer.byteLength(floorStub),
      "the do-nothing provider's (target: <= 1 KB)",
    );

    raw.fleet = {
      rooms: N,
      cohosts: c,
      latencyMs: o.latencyMs,
      parallel: engine.parallel,
      oneRoom: { create: oneCreates, noop: oneNoops },
      seconds: {
        create: create.seconds,
        noop: noop.seconds,
        setting: setting.seconds,
        churn: churn.seconds,
        destroy: destroy.seconds,
      },
      calls: {
        create: create.calls,
        noop: noop.calls,
        setting: setting.calls,
        churn: churn.calls,
        destroy: destroy.calls,
      },
      skipCheckpoints: { create: sCreate.seconds, noop: sNoop.seconds, destroy: sDestroy.seconds },
      floor: { create: fCreate.seconds, noop: fNoop.seconds, destroy: fDestroy.seconds },
      latencyBound: { create: createBound, destroy: destroyBound },
      checkpointFileBytes: { fleet: ckpt.bytes, floor: floorCkpt.bytes },
      checkpointEntryBytes: {
        room: entry(rooms),
        roomInputsOutputs: ownBytes(rooms),
        floor: entry(nothings),
      },
      providerBytes: { ours: Buffer.byteLength(stub), floor: Buffer.byteLength(floorStub) },
      native: {
        create: nCreate,
        createCalls: nCreateCalls,
        noop: nNoop,
        destroy: nDestroy,
        checkpointFileBytes: nativeCkpt.bytes,
        entryBytes: entry(nativeRooms),
        inputsOutputsBytes: ownBytes(nativeRooms),
      },
    };
    return { roomInputs: rooms[0]?.inputs, floorInputs: nothings[0]?.inputs };
  } finally {
    await e.emu.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// One provider host: our read against a do-nothing provider's read, after a warm-up.

async function hostFigures(o: Options, inputs: { roomInputs: any; floorInputs: any }): Promise<void> {
  const e = await emulator({});
  const shim = makeModuleShim(REPO_ROOT);
  let host: ProviderHost | undefined;
  try {
    const direct = await directCallMs(e.emu, 50, o.cohosts);
    host = await startProviderHost({
      cwd: REPO_ROOT,
      env: {
        GOOGLE_MEET_EMULATOR_HOST: e.emu.grpcAddress,
        ...(shim.nodePath ? { NODE_PATH: shim.nodePath } : {}),
      },
      project: "fleet",
      stack: "host",
      onOutput: () => {},
    });
    await host.configure(Object.fromEntries(Object.entries(UNPACED).map(([k, v]) => [k, String(v)])));
    const roomUrn = "urn:pulumi:host::fleet::pulumi-nodejs:dynamic/googlemeet:MeetSpace::room-0";
    const floorUrn = "urn:pulumi:host::floor::pulumi-nodejs:dynamic/floor:Nothing::room-0";
    const room = await host.create(roomUrn, inputs.roomInputs);
    const nothing = await host.create(floorUrn, inputs.floorInputs);
    const h = host;
    const timed = async (read: () => Promise<unknown>) => {
      const t = performance.now();
      await read();
      return performance.now() - t;
    };
    const readRoom = () => h.read(room.id, roomUrn, room.properties, inputs.roomInputs);
    const readNothing = () => h.read(nothing.id, floorUrn, nothing.properties, inputs.floorInputs);
    for (let i = 0; i < 20; i++) {
      await readRoom();
      await readNothing();
    }
    const mark = e.mark();
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < o.hostCalls; i++) {
      ours.push(await timed(readRoom));
      floor.push(await timed(readNothing));
    }
    const [m, f] = [median(ours), median(floor)];
    const perRead = [...new Set(e.since(mark).map((x) => x.method))].join(" + ");
    progress(
      `provider host: our read ${fmt(m)} ms, do-nothing read ${fmt(f)} ms, direct ${perRead} ${fmt(direct)} ms`,
    );
    record(
      `provider host: refresh (read) of a room, median of ${o.hostCalls} after 20 warm-up`,
      m,
      "ms",
      f,
      "a do-nothing provider's read in the same host",
    );
    record(
      "provider host: our read beyond the do-nothing one",
      m - f,
      "ms",
      direct,
      `the calls our read makes (${perRead}), made directly`,
      `our own share: ${fmt(m - f - direct)} ms per read`,
    );
    raw.host = { oursMs: m, doNothingMs: f, directMs: direct, callsPerRead: perRead, reads: o.hostCalls };
  } finally {
    await host?.stop();
    shim.dispose();
    await e.emu.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Quota: pacing on the emulator's clock, and a mixed fleet.

/** A quota minute lasts one second: Meet's 10 creates per user per minute become 10 per second. */
const TIME_SCALE = 60;
const CREATES_PER_WINDOW = 10;

async function quotaFigures(o: Options, engine: Engine): Promise<void> {
  const windowS = 60 / TIME_SCALE;
  const paced = { "googlemeet:quotaWindowSeconds": windowS };

  {
    const e = await emulator({ quota: { enabled: true, timeScale: TIME_SCALE } });
    try {
      const env = { GOOGLE_MEET_EMULATOR_HOST: e.emu.grpcAddress };
      const ran = await engine.run(
        "fleet",
        "pacing",
        "up",
        { "fleet:rooms": o.quotaRooms, "fleet:cohosts": 1, ...paced },
        env,
      );
      const calls = e.since(0);
      const creates = calls.filter((x) => x.method === "CreateSpace" && x.code === "OK").map((x) => x.at);
      const refused = calls.filter((x) => x.code === "RESOURCE_EXHAUSTED").length;
      // After the first window's burst, creates can go no faster than CREATES_PER_WINDOW a window.
      const span = (Math.max(...creates) - Math.min(...creates)) / 1000;
      const rate = (creates.length - CREATES_PER_WINDOW) / span;
      const ceiling = CREATES_PER_WINDOW / windowS;
      progress(
        `pacing: ${creates.length} creates in ${fmt(span)} s on the emulator's clock (apply ${fmt(ran.seconds)} s), ${refused} refused`,
      );
      record(
        `pacing: creates/s after the first window, on the emulator's clock (${o.quotaRooms} rooms)`,
        rate,
        "rooms/s",
        ceiling,
        `quota ceiling: ${CREATES_PER_WINDOW} creates per ${windowS} s window (target >= 0.95)`,
        `${refused} calls refused for quota`,
      );
      raw.pacing = {
        rooms: o.quotaRooms,
        creates: creates.length,
        spanSeconds: span,
        applySeconds: ran.seconds,
        refused,
      };
    } finally {
      await e.emu.stop();
    }
  }
  {
    const e = await emulator({ quota: { enabled: true, timeScale: TIME_SCALE } });
    try {
      const env = { GOOGLE_MEET_EMULATOR_HOST: e.emu.grpcAddress };
      const config = {
        "fleet:rooms": o.mixedRooms,
        "fleet:cohosts": 0,
        "fleet:separateMembers": 1,
        ...paced,
      };
      const ran = await engine.run("fleet", "mixed", "up", config, env);
      const calls = e.since(0);
      const refused = calls.filter((x) => x.code === "RESOURCE_EXHAUSTED");
      const byMethod: Record<string, number> = {};
      for (const x of refused) byMethod[x.method] = (byMethod[x.method] ?? 0) + 1;
      progress(
        `mixed fleet: ${calls.length} calls, ${refused.length} refused ${JSON.stringify(byMethod)}, apply ${fmt(ran.seconds)} s`,
      );
      record(
        `mixed fleet under quota (${o.mixedRooms} rooms + ${o.mixedRooms} MeetSpaceMember): calls refused`,
        refused.length,
        "calls",
        0,
        `target: 0 RESOURCE_EXHAUSTED of ${calls.length} calls`,
        Object.keys(byMethod).length ? `refused: ${JSON.stringify(byMethod)}` : undefined,
      );
      raw.mixed = {
        rooms: o.mixedRooms,
        calls: calls.length,
        refused: refused.length,
        refusedByMethod: byMethod,
        applySeconds: ran.seconds,
      };
    } finally {
      await e.emu.stop();
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** The plugin archive's start-up beside a bare Node.js, both timed from spawn, alternating. */
async function pluginFigures(): Promise<void> {
  progress(
    `plugin archive: building it, then ${STARTUP_RUNS} start-ups each of it, node -e 0 and the npm package's plugin`,
  );
  const f = await pluginStartup(REPO_ROOT);
  raw.pluginStartup = f;
  const bare = median(f.nodeBare);
  const over = (ms: number) => `${fmt(ms - bare)} ms more than node -e 0`;
  const archive = median(f.archivePlugin);
  record(
    `plugin archive (${fmt(f.archiveBytes / 1024)} KiB): start-up, spawn to port printed, median of ${STARTUP_RUNS}`,
    archive,
    "ms",
    bare,
    "node -e 0 (same run)",
    over(archive),
  );
  const npm = median(f.npmPlugin);
  record(
    "npm package's plugin (node_modules): start-up, same measure",
    npm,
    "ms",
    bare,
    "node -e 0 (same run)",
    over(npm),
  );
}

/** The rows as a Markdown table (docs/benchmarks.md's, too: `npm run bench -- --table FILE`). */
function table(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.figure,
    `${fmt(r.value)} ${r.unit}`,
    `${fmt(r.baseline)} ${r.unit} (${r.baselineLabel})`,
    r.ratio === null ? (r.value === 0 ? "=" : "n/a") : r.ratio.toFixed(2),
    r.note ?? "",
  ]);
  const header = ["figure", "measured", "baseline (same run)", "ratio", "note"];
  const width = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    `| ${c.map((x, i) => (i === 1 || i === 3 ? x.padStart(width[i]) : x.padEnd(width[i]))).join(" | ")} |`;
  return [line(header), `|${width.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  let o: Options | "help";
  try {
    o = parseArgs(argv, process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bench: ${err.message} (see --help)\n`);
    return 2;
  }
  if (o === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  if (o.table) {
    process.stdout.write(`${table(JSON.parse(fs.readFileSync(o.table, "utf8")).rows)}\n`);
    return 0;
  }
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  stopOnSignal();
  if (o.pluginOnly) {
    process.stdout.write(
      `pulumi-google-meet plugin archive, ${os.cpus().length} cores, Node ${process.version}\n`,
    );
    await pluginFigures();
    return finish(o, started, loadBefore);
  }
  const engine = new Engine();
  process.stdout.write(
    `pulumi-google-meet benchmark through the real Pulumi engine: ${o.rooms} rooms x ${o.cohosts} co-hosts, ` +
      `${o.latencyMs} ms per call, --parallel ${engine.parallel}, ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  const inputs = await fleetFigures(o, engine);
  await hostFigures(o, inputs);
  await quotaFigures(o, engine);
  for (const f of await policyFigures(o.rooms, o.cohosts, 3, progress))
    record(f.figure, f.value, f.unit, f.baseline, f.baselineLabel, f.note);
  await pluginFigures();
  return finish(o, started, loadBefore);
}

/** Prints the table and writes the results file. */
function finish(o: Options, started: number, loadBefore: number): number {
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\n${table(rows)}\n\nbench took ${fmt(seconds)} s; load average ${fmt(loadBefore)} before, ${fmt(os.loadavg()[0])} after, on ${os.cpus().length} cores\n`,
  );
  const pulumiVersion = spawnSync(path.join(pulumiBinDir(), "pulumi"), ["version"], {
    encoding: "utf8",
  }).stdout.trim();
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  const doc = {
    date: new Date().toISOString(),
    options: { ...o, out: undefined },
    machine: {
      cores: os.cpus().length,
      node: process.version,
      pulumi: pulumiVersion,
      // Other work on the machine moves every timing: the 1-minute load average before and after.
      loadAverage: { before: loadBefore, after: os.loadavg()[0] },
    },
    benchSeconds: seconds,
    rows,
    raw,
  };
  fs.writeFileSync(o.out, `${JSON.stringify(doc, null, 2)}\n`);
  process.stdout.write(`written: ${path.relative(process.cwd(), o.out)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exit(1);
    },
  );
}
