/**
 * The emulator as the benchmark uses it: in this process, its journal stamped with the time each
 * call finished (the journal itself has no timestamps), and the time of the API calls alone, made
 * directly on the provider's default wire.
 */
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
 * (Meet v2 JSON over HTTP, keep-alive): one GetSpace, and with `members` one ListMembers of a
 * room holding that many co-hosts after it. The first of `n + 1` rounds warms the connection.
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
  const times: number[] = [];
  for (let i = 0; i < n + 1; i++) {
    const t = performance.now();
    await call("GET", `${base}/${space.name}`);
    if (members) await call("GET", `${base}/${space.name}/members?pageSize=500`);
    times.push(performance.now() - t);
  }
  return median(times.slice(1));
}
