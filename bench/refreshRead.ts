/**
 * A refresh read's cost in one provider host (Pulumi's real dynamic-provider host, driven over
 * gRPC as the engine drives it): our read of a room against a do-nothing provider's read of the
 * same properties, after a warm-up, and the API calls our read makes, timed directly on the same
 * wire from another process (as the host makes them).
 */
import { performance } from "node:perf_hooks";
import * as http from "node:http";
import type * as runtimeEntry from "../provider/runtime/v1";
import { makeModuleShim } from "../runner/program";
import { REPO_ROOT, UNPACED } from "../tools/engine/environment";
import { type ProviderHost, startProviderHost } from "../tools/engine/providerHost";
import { median, ownReadShareMs } from "./formulas";
import type { Options } from "./options";
import { procCpuMs } from "./procStat";
import { type Report, fmt, progress } from "./report";
import { type DirectCaller, type TimedEmulator, startDirectCaller, timedEmulator } from "./timedEmulator";

/** Reads of each provider before the timed ones (module loading, JIT, connections). */
const WARM_UP_READS = 20;

/** Reads of each kind whose CPU time is measured: enough clock ticks (10 ms each) to count. */
const CPU_READS = 500;

/** The inputs of one room and of one do-nothing resource, as the fleet's checkpoints hold them. */
export interface ReadInputs {
  roomInputs: any;
  floorInputs: any;
}

export async function refreshReadRows(o: Options, inputs: ReadInputs, report: Report): Promise<void> {
  const e = await timedEmulator({});
  const shim = makeModuleShim(REPO_ROOT);
  let host: ProviderHost | undefined;
  let caller: DirectCaller | undefined;
  try {
    const directCaller = await startDirectCaller(e.emu, o.cohosts);
    caller = directCaller;
    host = await startProviderHost({
      cwd: REPO_ROOT,
      env: { ...e.env, ...(shim.nodePath ? { NODE_PATH: shim.nodePath } : {}) },
      project: "fleet",
      stack: "host",
      onOutput: () => {},
    });
    await host.configure({ ...UNPACED });
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
    // The do-nothing read is handed the room's own properties and inputs (its provider's
    // `__provider` in them): the host decodes and encodes the same state for both, so what is
    // left between the two reads is our read and its calls.
    const doNothing = { __provider: nothing.properties.__provider };
    const readNothing = () =>
      h.read(
        nothing.id,
        floorUrn,
        { ...room.properties, ...doNothing },
        { ...inputs.roomInputs, ...doNothing },
      );
    // The three in turn, so that each meets the machine as the others do.
    for (let i = 0; i < WARM_UP_READS; i++) {
      await readRoom();
      await readNothing();
      await directCaller.round();
    }
    const mark = e.mark();
    const ours: number[] = [];
    const floor: number[] = [];
    const directs: number[] = [];
    for (let i = 0; i < o.hostCalls; i++) {
      ours.push(await timed(readRoom));
      floor.push(await timed(readNothing));
      directs.push(await directCaller.round());
    }
    const [m, f, direct] = [median(ours), median(floor), median(directs)];
    // Sorted: the two calls go at once, and the emulator may answer either first.
    const perRead = [...new Set(e.since(mark).map((x) => x.method))].sort().join(" + ");
    progress(
      `provider host: our read ${fmt(m)} ms, do-nothing read ${fmt(f)} ms, direct ${perRead} ${fmt(direct)} ms`,
    );
    report.record({
      figure: `provider host: refresh (read) of a room, median of ${o.hostCalls} after ${WARM_UP_READS} warm-up`,
      value: m,
      unit: "ms",
      baseline: f,
      baselineLabel: "a do-nothing provider's read of the same properties, in the same host",
    });
    const own = ownReadShareMs(m, f, direct);
    report.record({
      figure: "provider host: our read beyond the do-nothing one",
      value: m - f,
      unit: "ms",
      baseline: direct,
      baselineLabel: `the calls our read makes (${perRead}), made directly`,
      note: `our own share: ${fmt(own)} ms per read (target: < 1 ms)`,
    });

    // CPU time, which the machine's scheduling does not stretch (wall times above include each
    // process waking for every message): each kind in a run of its own, the host's from /proc.
    const hostPid = h.pid;
    if (!hostPid) throw new Error("the provider host has no pid");
    const cpuPer = async (one: () => Promise<unknown>, cpuMs: () => Promise<number>) => {
      const before = await cpuMs();
      for (let i = 0; i < CPU_READS; i++) await one();
      return ((await cpuMs()) - before) / CPU_READS;
    };
    const hostCpu = async () => {
      const ms = procCpuMs(hostPid, "own");
      if (ms === undefined)
        throw new Error(`cannot read the provider host's CPU time from /proc/${hostPid}/stat`);
      return ms;
    };
    const cpu = {
      ours: await cpuPer(readRoom, hostCpu),
      doNothing: await cpuPer(readNothing, hostCpu),
      direct: await cpuPer(directCaller.round, directCaller.cpuMs),
    };
    const ownCpu = ownReadShareMs(cpu.ours, cpu.doNothing, cpu.direct);
    progress(
      `provider host CPU per read: ours ${fmt(cpu.ours)} ms, do-nothing ${fmt(cpu.doNothing)} ms, direct calls ${fmt(cpu.direct)} ms`,
    );
    report.record({
      figure: `provider host: our read's CPU beyond a do-nothing read's, mean of ${CPU_READS} each`,
      value: cpu.ours - cpu.doNothing,
      unit: "ms",
      baseline: cpu.direct,
      baselineLabel: `CPU of the process making the same calls (${perRead}) directly`,
      note: `our own share: ${fmt(ownCpu)} ms of CPU per read (target: < 1 ms)`,
    });
    report.raw.host = {
      oursMs: m,
      doNothingMs: f,
      directMs: direct,
      ownShareMs: own,
      cpuMs: cpu,
      ownCpuShareMs: ownCpu,
      callsPerRead: perRead,
      reads: o.hostCalls,
      cpuReads: CPU_READS,
    };
    await inProcessRows(e, inputs.roomInputs, report);
  } finally {
    caller?.stop();
    await host?.stop();
    shim.dispose();
    await e.emu.stop();
  }
}

/**
 * Our read with no provider host around it: the runtime entry the stubs call, in this process
 * (which also serves the emulator), its CPU per read beyond the same two calls made from here with
 * Node's plain http client. What is left is our code's own work, apart from the host's gRPC and
 * from other processes waking.
 */
async function inProcessRows(e: TimedEmulator, roomInputs: any, report: Report): Promise<void> {
  const saved = process.env.GOOGLE_MEET_EMULATOR_HOST;
  process.env.GOOGLE_MEET_EMULATOR_HOST = e.emu.grpcAddress;
  const agent = new http.Agent({ keepAlive: true });
  try {
    // Loaded only here: the rest of the bench has no use for the provider's runtime in its process.
    const runtime = require("../provider/runtime/v1") as typeof runtimeEntry;
    runtime.space.configure({ config: { get: (key: string) => UNPACED[key] } });
    // No resourceUrn: that would write a create receipt under this user's Pulumi home.
    const { __provider: _p, resourceUrn: _u, ...given } = roomInputs;
    const checked = await runtime.space.check({}, given);
    const { id, outs } = await runtime.space.create(checked.inputs);
    const read = () => runtime.space.read(id, outs);
    const headers = { authorization: `Bearer ${given.owner}` };
    const get = (url: string) =>
      new Promise<void>((resolve, reject) =>
        http.get(url, { agent, headers }, (res) => res.resume().on("end", resolve)).on("error", reject),
      );
    const base = `http://${e.emu.grpcAddress}/v2/${id}`;
    // At once, as our read sends them.
    const calls = () => Promise.all([get(base), get(`${base}/members?pageSize=100`)]);
    const cpuPer = async (one: () => Promise<unknown>) => {
      for (let i = 0; i < WARM_UP_READS; i++) await one();
      const before = process.cpuUsage();
      for (let i = 0; i < CPU_READS; i++) await one();
      const { user, system } = process.cpuUsage(before);
      return (user + system) / 1000 / CPU_READS;
    };
    const ours = await cpuPer(read);
    const direct = await cpuPer(calls);
    progress(`in this process, CPU per read: ours ${fmt(ours)} ms, the same calls ${fmt(direct)} ms`);
    report.record({
      figure: `our read without the provider host (the emulator in the same process), CPU, mean of ${CPU_READS}`,
      value: ours,
      unit: "ms",
      baseline: direct,
      baselineLabel: "the same calls made directly from that process (the emulator's work included in both)",
      note: `our code's own CPU: ${fmt(ours - direct)} ms per read`,
    });
    report.raw.inProcess = { oursCpuMs: ours, directCpuMs: direct, ownCpuMs: ours - direct };
  } finally {
    agent.destroy();
    if (saved === undefined) delete process.env.GOOGLE_MEET_EMULATOR_HOST;
    else process.env.GOOGLE_MEET_EMULATOR_HOST = saved;
  }
}
