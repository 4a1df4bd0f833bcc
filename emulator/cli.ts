#!/usr/bin/env node
/**
 * `meet-emulator` / `npm run emulator --`: runs the emulator until SIGINT/SIGTERM.
 * Prints exactly one JSON line on stdout once it accepts calls; logs go to stderr.
 */
import * as fs from "node:fs";
import { type EmulatorOptions, EmulatorStartError, type QuotaBucket, startEmulator } from "./index";

const FLAGS = {
  grpcPort: "--grpc-port",
  httpPort: "--http-port",
  stateFile: "--state-file",
  tokenFile: "--token-file",
} as const;

const USAGE = `Usage: meet-emulator [options]

Local Google Meet API emulator (SpacesService v2beta and v2, gRPC and REST).

Options:
  --grpc-port N          gRPC port (default 8086; 0 = any free port)
  --http-port N          HTTP port for REST and /emulator/v1/ hooks (default 8085; 0 = any free port)
  --host H               interface to bind (default 127.0.0.1)
  --state-file PATH      keep spaces and members in PATH across restarts
  --token-file PATH      JSON token file; unknown bearer tokens become UNAUTHENTICATED
  --default-user EMAIL   caller for requests without a token (default emulator-user@example.com)
  --auth                 auth mode: also serve Google's token services (OAuth token endpoint,
                         IAM Credentials signJwt, STS, metadata server; admin hooks under
                         /emulator/v1/auth/) and accept only tokens they issued; the provider
                         uses them when GOOGLE_MEET_EMULATOR_AUTH=true is set next to
                         GOOGLE_MEET_EMULATOR_HOST
  --auth-domain D        a Workspace domain delegation may act for (repeatable; default example.com)
  --metadata-service-account SA  the service account the metadata server hands tokens for
  --quota                enforce quotas per user (reads 600, writes 100, creates 10 a minute)
                         and per project (reads 6000, writes 1000, creates 100 a minute)
  --quota-limits L       per-user limits, e.g. creates=2,writes=50 (implies --quota)
  --quota-project-limits L  per-project limits, e.g. creates=20 (implies --quota)
  --quota-time-scale F   speed up the quota clock (60 = a minute lasts 1 s; implies --quota)
  --latency-ms N         add N ms to every API call
  --fault-seed N         seed for fault rules with a probability (default random, said on
                         stderr at start unless --quiet): the same seed replays the same fault storm
  --project N            the calling Cloud project's number, in error texts (default 123456789012)
  --no-developer-preview the project is not enrolled in the Workspace Developer Preview Program:
                         every v2beta call answers PERMISSION_DENIED
  --api-disabled         the Meet API is disabled in the project: every call answers
                         PERMISSION_DENIED with ErrorInfo reason SERVICE_DISABLED
  --quiet                no per-call log lines on stderr
  --help                 show this help

Once ready it prints {"grpc":"127.0.0.1:P","http":"http://127.0.0.1:Q"} on stdout
(with --auth also "auth":true and "env", the variables a provider process needs).`;

function parseArgs(argv: string[]): EmulatorOptions & { quiet?: boolean; help?: boolean } {
  const opts: EmulatorOptions & { quiet?: boolean; help?: boolean } = { grpcPort: 8086, httpPort: 8085 };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
    return v;
  };
  const int = (text: string, flag: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer, got ${text}`);
    return n;
  };
  const limits = (text: string, flag: string): Partial<Record<QuotaBucket, number>> => {
    const out: Partial<Record<QuotaBucket, number>> = {};
    for (const part of text.split(",")) {
      const [bucket, count] = part.split("=");
      if (!["reads", "writes", "creates"].includes(bucket) || !/^\d+$/.test(count ?? ""))
        throw new Error(`${flag} takes bucket=count pairs (buckets: reads, writes, creates), got ${text}`);
      out[bucket as QuotaBucket] = Number(count);
    }
    return out;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--help":
      case "-h":
        opts.help = true;
        break;
      case "--grpc-port":
        opts.grpcPort = int(value(i++, arg), arg);
        break;
      case "--http-port":
        opts.httpPort = int(value(i++, arg), arg);
        break;
      case "--host":
        opts.host = value(i++, arg);
        break;
      case "--state-file":
        opts.stateFile = value(i++, arg);
        break;
      case "--token-file":
        opts.tokenFile = value(i++, arg);
        break;
      case "--default-user":
        opts.defaultUser = value(i++, arg);
        break;
      case "--auth":
        opts.auth = typeof opts.auth === "object" ? opts.auth : {};
        break;
      case "--auth-domain": {
        const auth = typeof opts.auth === "object" ? opts.auth : {};
        opts.auth = { ...auth, domains: [...(auth.domains ?? []), value(i++, arg)] };
        break;
      }
      case "--metadata-service-account": {
        const auth = typeof opts.auth === "object" ? opts.auth : {};
        opts.auth = { ...auth, metadataServiceAccount: value(i++, arg) };
        break;
      }
      case "--quota":
        opts.quota = { ...opts.quota, enabled: true };
        break;
      case "--quota-time-scale": {
        const scale = Number(value(i++, arg));
        if (!(scale > 0)) throw new Error(`${arg} must be a positive number`);
        opts.quota = { ...opts.quota, enabled: true, timeScale: scale };
        break;
      }
      case "--quota-limits":
        opts.quota = { ...opts.quota, enabled: true, limits: limits(value(i++, arg), arg) };
        break;
      case "--quota-project-limits":
        opts.quota = { ...opts.quota, enabled: true, projectLimits: limits(value(i++, arg), arg) };
        break;
      case "--latency-ms":
        opts.latencyMs = int(value(i++, arg), arg);
        break;
      case "--fault-seed": {
        const seed = int(value(i++, arg), arg);
        if (seed > 0xffffffff) throw new Error(`${arg} must be at most 4294967295, got ${seed}`);
        opts.faultSeed = seed;
        break;
      }
      case "--project":
        opts.project = { ...opts.project, id: value(i++, arg) };
        break;
      case "--no-developer-preview":
        opts.project = { ...opts.project, developerPreview: false };
        break;
      case "--api-disabled":
        opts.project = { ...opts.project, apiEnabled: false };
        break;
      case "--quiet":
        opts.quiet = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`meet-emulator: ${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { quiet, help: _help, ...options } = opts;
  if (!quiet) options.log = (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const emulator = await startEmulator(options);
  const started: Record<string, unknown> = { grpc: emulator.grpcAddress, http: emulator.httpUrl };
  if (emulator.auth) {
    started.auth = true;
    // What a provider process (or google-auth-library's metadata lookup) needs to use it.
    started.env = {
      GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
      GOOGLE_MEET_EMULATOR_AUTH: "true",
      GCE_METADATA_HOST: emulator.grpcAddress,
    };
  }
  process.stdout.write(`${JSON.stringify(started)}\n`);
  // Said at start, so that a fault storm that broke something can be replayed.
  if (!quiet)
    process.stderr.write(
      `meet-emulator: fault seed ${emulator.faultSeed} (replay with --fault-seed ${emulator.faultSeed})\n`,
    );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!quiet) process.stderr.write(`meet-emulator: ${signal}, shutting down\n`);
    // A stop that hangs (a connection that never closes) must not leave the ports held: the
    // ports are what `kill` is for.
    setTimeout(() => {
      process.stderr.write("meet-emulator: shutdown did not finish within 3 s; exiting\n");
      process.exit(1);
    }, 3_000).unref();
    emulator.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`meet-emulator: shutdown failed: ${err}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  followLauncher(() => shutdown("npm exited"));
}

/**
 * Under `npm run emulator &`, the shell's `$!` is npm's pid, and `kill $!` stops npm alone (npm
 * runs the script through `sh -c`, which outlives it): the emulator would keep its ports with no
 * one to stop it. Started by npm, it stops when npm goes.
 *
 * The launchers are taken when this module loads, long before the line announcing the ports: taken
 * after it, a kill sent on seeing that line could already have reparented this process, and the
 * new parent (init) would then be followed instead, for ever.
 */
const launcher = process.env.npm_lifecycle_event ? launcherChain() : undefined;

function launcherChain(): { parent: number; pids: number[] } {
  const parent = process.ppid;
  return { parent, pids: [parent, parentOf(parent)].filter((pid): pid is number => !!pid && pid > 1) };
}

function followLauncher(stop: () => void): void {
  if (!launcher) return;
  const { parent, pids } = launcher;
  setInterval(() => {
    // A launcher gone, or not yet reaped (a zombie answers signal 0) but this process reparented.
    if (process.ppid !== parent || pids.some((pid) => !alive(pid) || zombie(pid))) stop();
  }, 250).unref();
}

/** A process's parent, where /proc tells it (Linux); undefined elsewhere. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** A process that has exited but was not yet reaped by its parent (Linux; false elsewhere). */
function zombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

main().catch((err) => {
  if (err instanceof EmulatorStartError) {
    // One line: what is wrong, and which flag to change.
    const flag = FLAGS[err.option];
    const hint =
      err.option === "grpcPort" || err.option === "httpPort"
        ? `; pick another with ${flag} N (0 picks a free port)`
        : ` (${flag})`;
    process.stderr.write(`meet-emulator: ${err.message}${hint}\n`);
  } else process.stderr.write(`meet-emulator: ${err?.stack ?? err}\n`);
  process.exit(1);
});
