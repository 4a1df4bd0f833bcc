/**
 * The emulator as the benchmark uses it: in this process, its journal stamped with the time each
 * call finished (the journal itself has no timestamps), and the time of the API calls alone, made
 * directly on the provider's default wire.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { type JournalEntry, type RunningEmulator, startEmulator } from "../emulator";
import { median } from "./formulas";

export interface TimedEmulator {
  emu: RunningEmulator;
  /** `GOOGLE_MEET_EMULATOR_HOST` for the driver and the plugins it starts. */
  env: Record<string, string>;
  /** The journal's length now: pass it to `since`. */
  mark(): number;
  /** Journal entries recorded since `mark`, with the time (performance.now(), ms) each finished. */
  since(mark: number): Array<JournalEntry & { at: number }>;
}

export async function timedEmulator(options: Parameters<typeof startEmulator>[0]): Promise<TimedEmulator> {
  const emu = await startEmulator(options);
  const stamps = new WeakMap<JournalEntry, number>();
  emu.service.onCall = (entry) => stamps.set(entry, performance.now());
  return {
    emu,
    env: { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress },
    mark: () => emu.journal().length,
    since: (mark) =>
      emu
        .journal()
        .slice(mark)
        .map((e) => ({ ...e, at: stamps.get(e) ?? Number.NaN })),
  };
}

/**
 * The calls a refresh makes, made directly on the provider's default wire (Meet v2 JSON over HTTP,
 * kept connections) with Node's plain `http.request`, none of our code: one GetSpace, and with
 * `members` one ListMembers of a room holding that many co-hosts sent with it, at once, as our read
 * sends them. They go from a child
 * process woken for each round by a line from this one, as the provider host is woken for each read
 * by the engine's request, and only the calls are timed. Both matter on this kind of machine: made
 * from this process (which serves the emulator) the same pair took about 1 ms less, and made back
 * to back in a loop 0.2 to 0.6 ms less than with a few idle milliseconds before each round.
 */
export interface DirectCaller {
  /** One round of the calls; resolves with its time in ms. */
  round(): Promise<number>;
  /** The CPU time (user + system) the calling process has used so far, ms. */
  cpuMs(): Promise<number>;
  stop(): void;
}

export async function startDirectCaller(emu: RunningEmulator, members = 0): Promise<DirectCaller> {
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
  const urls = [`${base}/${space.name}`, ...(members ? [`${base}/${space.name}/members?pageSize=500`] : [])];
  const child = spawn(process.execPath, ["-e", CALLER, JSON.stringify(urls)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const waiting: Array<{ resolve: (ms: number) => void; reject: (err: Error) => void }> = [];
  let failure: Error | undefined;
  const failed = (why: string) => {
    failure ??= new Error(`timing the direct calls failed: ${why}`);
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  createInterface({ input: child.stdout }).on("line", (line) => {
    const ms = Number(line);
    if (Number.isFinite(ms)) waiting.shift()?.resolve(ms);
    else failed(line);
  });
  child.on("exit", (code) => failed(stderr || `the timing process exited (${code})`));
  const ask = (command: "go" | "cpu") =>
    new Promise<number>((resolve, reject) => {
      if (failure) return reject(failure);
      waiting.push({ resolve, reject });
      child.stdin.write(`${command}\n`);
    });
  return {
    round: () => ask("go"),
    cpuMs: () => ask("cpu"),
    stop: () => child.kill(),
  };
}

/**
 * The child: on each line "go" of stdin, GETs every URL at once and prints the time until the last
 * answer; on "cpu", prints the CPU time it has used, ms.
 */
const CALLER = `
  const http = require("node:http");
  const agent = new http.Agent({ keepAlive: true });
  const urls = JSON.parse(process.argv[1]);
  const get = (url) => new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(url + ": HTTP " + res.statusCode))));
    }).on("error", reject);
  });
  let queue = Promise.resolve();
  require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
    queue = queue.then(async () => {
      if (line === "cpu") {
        const { user, system } = process.cpuUsage();
        return process.stdout.write((user + system) / 1000 + "\\n");
      }
      const t = performance.now();
      await Promise.all(urls.map(get));
      process.stdout.write((performance.now() - t) + "\\n");
    }).catch((err) => { console.error(err.message); process.exit(1); });
  });`;

/** Median time, in ms, of `n` rounds of the calls (after one that warms the connection). */
export async function directCallMs(emu: RunningEmulator, n: number, members = 0): Promise<number> {
  const caller = await startDirectCaller(emu, members);
  try {
    const times: number[] = [];
    for (let i = 0; i < n + 1; i++) times.push(await caller.round());
    return median(times.slice(1));
  } finally {
    caller.stop();
  }
}
