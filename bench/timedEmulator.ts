/**
 * The emulator as the benchmark uses it: in this process, its journal stamped with the time each
 * call finished (the journal itself has no timestamps), and the time of the API calls alone, made
 * directly on the provider's default wire.
 */
import { execFile } from "node:child_process";
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
 * Median time, in ms, of the calls a refresh makes, made directly on the provider's default wire
 * (Meet v2 JSON over HTTP, one kept connection) from a process of their own, as the provider host
 * makes them: one GetSpace, and with `members` one ListMembers of a room holding that many co-hosts
 * after it. Node's plain `http.request`, none of our code. The first of `n + 1` rounds warms the
 * connection. (Made from this process, which serves the emulator, the same calls took about 1 ms
 * less: no wake-up of another process on each answer.)
 */
export async function directCallMs(emu: RunningEmulator, n: number, members = 0): Promise<number> {
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
  const times = await timedInChild(urls, n + 1);
  return median(times.slice(1));
}

/** The rounds' times, ms: each round GETs `urls` one after another, from a child Node process. */
function timedInChild(urls: string[], rounds: number): Promise<number[]> {
  const script = `
    const http = require("node:http");
    const agent = new http.Agent({ keepAlive: true });
    const get = (url) => new Promise((resolve, reject) => {
      http.get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(url + ": HTTP " + res.statusCode))));
      }).on("error", reject);
    });
    (async () => {
      const [urls, rounds] = JSON.parse(process.argv[1]);
      const times = [];
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        for (const url of urls) await get(url);
        times.push(performance.now() - t);
      }
      process.stdout.write(JSON.stringify(times));
    })().catch((err) => { console.error(err.message); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", script, JSON.stringify([urls, rounds])], (err, stdout, stderr) =>
      err
        ? reject(new Error(`timing the direct calls failed: ${stderr || err.message}`))
        : resolve(JSON.parse(stdout)),
    );
  });
}
