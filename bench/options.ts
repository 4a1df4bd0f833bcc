/** `npm run bench`'s command line: its knobs, each a flag and an environment variable. */
import * as path from "node:path";
import { REPO_ROOT } from "../tools/engine/environment";

/**
 * Where a run's results go unless told: git-ignored, so that a bench run leaves the checkout clean.
 * The figures docs/benchmarks.md shows are kept apart, in bench/results/reference.json.
 */
export const DEFAULT_RESULTS = path.join(REPO_ROOT, "bench", "results", "latest.json");

export const HELP = `npm run bench [-- OPTIONS]: the benchmark, through the real Pulumi engine and the emulator.

Prints a table (every row beside a baseline measured in the same run) and writes it as JSON.
Each apply is cold: a fresh driver process and a fresh Pulumi CLI (npm run pulumi:install).

Options (each also an environment variable):
  --rooms N         rooms in the fleet (BENCH_ROOMS, default 200; 800 took 20 minutes on 2 busy cores)
  --cohosts N       co-hosts per room (BENCH_COHOSTS, default 5)
  --latency MS      delay the emulator adds to every call (BENCH_LATENCY_MS, default 30)
  --quota-rooms N   rooms created under the time-scaled quota, for pacing (BENCH_QUOTA_ROOMS, default 60)
  --mixed-rooms N   rooms, each with a separate MeetSpaceMember, under quota (BENCH_MIXED_ROOMS, default 30)
  --pairs N         rounds of the rooms' create and destroy beside the engine floor's, the order
                    alternating; the floor ratios are the median of the rounds' (BENCH_PAIRS, default 3)
  --host-calls N    reads timed per provider in the provider host (BENCH_HOST_CALLS, default 200)
  --out FILE        where the JSON goes (BENCH_OUT, default bench/results/latest.json, git-ignored)
  --table FILE      print the table of a results file as Markdown and run nothing
  --plugin          only the plugin archive's start-up and size (bench/pluginStartup.ts), in seconds
  -h, --help        this help

The CLI is the one npm run pulumi:install built, or PULUMI_BIN_DIR.
`;

export interface Options {
  rooms: number;
  cohosts: number;
  latencyMs: number;
  quotaRooms: number;
  mixedRooms: number;
  /** Rounds of the rooms' create and destroy beside the floor's. */
  pairs: number;
  hostCalls: number;
  out: string;
  /** Print the table of this results file and run nothing. */
  table?: string;
  /** Only the plugin archive's figures. */
  pluginOnly?: boolean;
}

/** A command line the bench refuses; its message names the argument. */
export class UsageError extends Error {}

const NUMERIC: Record<string, { key: keyof Options; env: string; min: number; fallback: number }> = {
  "--rooms": { key: "rooms", env: "BENCH_ROOMS", min: 1, fallback: 200 },
  "--cohosts": { key: "cohosts", env: "BENCH_COHOSTS", min: 0, fallback: 5 },
  "--latency": { key: "latencyMs", env: "BENCH_LATENCY_MS", min: 0, fallback: 30 },
  "--quota-rooms": { key: "quotaRooms", env: "BENCH_QUOTA_ROOMS", min: 20, fallback: 60 },
  "--mixed-rooms": { key: "mixedRooms", env: "BENCH_MIXED_ROOMS", min: 1, fallback: 30 },
  "--pairs": { key: "pairs", env: "BENCH_PAIRS", min: 1, fallback: 3 },
  "--host-calls": { key: "hostCalls", env: "BENCH_HOST_CALLS", min: 1, fallback: 200 },
};

function wholeNumber(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`${name} must be a whole number of at least ${min}, got "${text}"`);
  return Number(text);
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Options | "help" {
  const options: Record<string, number | string> = { out: env.BENCH_OUT ?? DEFAULT_RESULTS };
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
