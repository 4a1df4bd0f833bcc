/**
 * A refresh read's cost in one provider host (Pulumi's real dynamic-provider host, driven over
 * gRPC as the engine drives it): our read of a room against a do-nothing provider's read of the
 * same properties, after a warm-up, and the API calls our read makes, timed directly on the same
 * wire from another process (as the host makes them).
 */
import { performance } from "node:perf_hooks";
import { makeModuleShim } from "../runner/program";
import { REPO_ROOT, UNPACED } from "../tools/engine/environment";
import { type ProviderHost, startProviderHost } from "../tools/engine/providerHost";
import { median, ownReadShareMs } from "./formulas";
import type { Options } from "./options";
import { type Report, fmt, progress } from "./report";
import { directCallMs, timedEmulator } from "./timedEmulator";

/** Reads of each provider before the timed ones (module loading, JIT, connections). */
const WARM_UP_READS = 20;

/** The inputs of one room and of one do-nothing resource, as the fleet's checkpoints hold them. */
export interface ReadInputs {
  roomInputs: any;
  floorInputs: any;
}

export async function refreshReadRows(o: Options, inputs: ReadInputs, report: Report): Promise<void> {
  const e = await timedEmulator({});
  const shim = makeModuleShim(REPO_ROOT);
  let host: ProviderHost | undefined;
  try {
    const direct = await directCallMs(e.emu, 50, o.cohosts);
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
    for (let i = 0; i < WARM_UP_READS; i++) {
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
    report.raw.host = {
      oursMs: m,
      doNothingMs: f,
      directMs: direct,
      ownShareMs: own,
      callsPerRead: perRead,
      reads: o.hostCalls,
    };
  } finally {
    await host?.stop();
    shim.dispose();
    await e.emu.stop();
  }
}
