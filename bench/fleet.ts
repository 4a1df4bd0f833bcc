/**
 * The fleet through the real engine: a cold create of N rooms, a no-op apply, one setting changed,
 * co-host churn and a destroy, counting the emulator's calls; the same stack without checkpoints;
 * the engine's floor (bench/floor: do-nothing dynamic resources of the same inputs) in pairs with
 * the rooms, so that each ratio compares runs a moment apart; and the native face's YAML fleet.
 * What the runs measured goes back as a {@link FleetRun}; fleetRows.ts turns it into rows.
 */
import { UNPACED } from "../tools/engine/environment";
import type { Engine } from "./engine";
import { type CheckpointResource, median } from "./formulas";
import type { Options } from "./options";
import { fmt, progress } from "./report";
import { directCallMs, timedEmulator } from "./timedEmulator";

/** Cold one-room create / no-op pairs timed for the fixed cost. */
export const FIXED_COST_PAIRS = 3;

/** Timings of one round of the rooms and the floor, each the same apply, run one after the other. */
export interface PairedRound {
  /** Which ran first in this round (the order alternates). */
  first: "fleet" | "floor";
  create: { fleet: number; floor: number };
  destroy: { fleet: number; floor: number };
}

export interface FleetRun {
  rooms: number;
  cohosts: number;
  latencyMs: number;
  parallel: number;
  /** One direct GetSpace on the emulator, ms (median of 20). */
  callMs: number;
  oneRoom: { create: number[]; noop: number[] };
  /** Seconds of each apply of the rooms' first round. */
  seconds: { create: number; noop: number; setting: number; churn: number; destroy: number };
  /** API calls the emulator journalled in each of those applies. */
  calls: { create: number; noop: number; setting: number; churn: number; destroy: number };
  skipCheckpoints: { create: number; noop: number; destroy: number };
  /** The floor's no-op apply, beside the rooms' (first round). */
  floorNoop: number;
  /** Rooms and floor, create and destroy, round by round. */
  rounds: PairedRound[];
  checkpointFileBytes: { fleet: number; floor: number };
  /** The resources of each checkpoint after its create. */
  entries: { rooms: CheckpointResource[]; floor: CheckpointResource[]; native: CheckpointResource[] };
  native: { create: number; createCalls: number; noop: number; destroy: number; checkpointFileBytes: number };
}

export async function runFleet(o: Options, engine: Engine): Promise<FleetRun> {
  const N = o.rooms;
  const c = o.cohosts;
  const e = await timedEmulator({ latencyMs: o.latencyMs });
  try {
    const fleet = (rooms: number, extra: Record<string, string | number> = {}) => ({
      "fleet:rooms": rooms,
      "fleet:cohosts": c,
      ...UNPACED,
      ...extra,
    });
    const floor = { "floor:resources": N, "floor:cohosts": c };
    const callMs = await directCallMs(e.emu, 20);
    progress(`one direct GetSpace with ${o.latencyMs} ms latency: ${fmt(callMs)} ms (median of 20)`);

    // Warm the disk cache and the CLI's home once, untimed: "cold" below means a fresh process.
    await engine.run("fleet", "one0", "preview", fleet(1), e.env);
    await engine.run("floor", "floor", "preview", floor);

    // Fixed cost: a one-room create and the no-op apply of it, both cold; the median of a few
    // pairs, since one cold start on a shared machine varies by seconds.
    const oneRoom = { create: [] as number[], noop: [] as number[] };
    for (let i = 0; i < FIXED_COST_PAIRS; i++) {
      oneRoom.create.push((await engine.run("fleet", `one${i}`, "up", fleet(1), e.env)).seconds);
      oneRoom.noop.push((await engine.run("fleet", `one${i}`, "up", fleet(1), e.env)).seconds);
    }
    progress(
      `1 room: cold create ${oneRoom.create.map(fmt).join(", ")} s; cold no-op ${oneRoom.noop.map(fmt).join(", ")} s`,
    );

    const step = async (
      what: string,
      command: "up" | "destroy",
      extra: Record<string, string | number> = {},
    ) => {
      const mark = e.mark();
      const ran = await engine.run("fleet", "fleet", command, fleet(N, extra), e.env);
      const calls = e.since(mark).length;
      progress(`${what}: ${fmt(ran.seconds)} s, ${calls} calls, ${JSON.stringify(ran.summary)}`);
      return { seconds: ran.seconds, calls };
    };
    const floorStep = async (command: "up" | "destroy") => {
      const ran = await engine.run("floor", "floor", command, floor);
      progress(`engine floor ${command}: ${fmt(ran.seconds)} s`);
      return ran.seconds;
    };

    // The first round: every scenario of the rooms, the floor's create, no-op and destroy beside.
    const create = await step(`create ${N} rooms`, "up");
    const floorCreate = await floorStep("up");
    const ckpt = engine.checkpoint("fleet", "fleet");
    const floorCkpt = engine.checkpoint("floor", "floor");
    const noop = await step("no-op apply", "up");
    const floorNoop = await floorStep("up");
    const setting = await step("one setting changed", "up", { "fleet:accessType": "RESTRICTED" });
    const churned = { "fleet:accessType": "RESTRICTED", "fleet:rotate": 1 };
    const churn = await step("co-host churn", "up", churned);
    const destroy = await step(`destroy ${N} rooms`, "destroy", churned);
    const floorDestroy = await floorStep("destroy");
    const rounds: PairedRound[] = [
      {
        first: "fleet",
        create: { fleet: create.seconds, floor: floorCreate },
        destroy: { fleet: destroy.seconds, floor: floorDestroy },
      },
    ];
    // Further rounds: create and destroy only, the order alternating so neither side always
    // runs on the machine the other just warmed (or loaded).
    const apply = async (side: "fleet" | "floor", command: "up" | "destroy") =>
      side === "floor"
        ? floorStep(command)
        : (await step(`${command === "up" ? "create" : "destroy"} ${N} rooms`, command)).seconds;
    for (let i = 1; i < o.pairs; i++) {
      const order = i % 2 ? (["floor", "fleet"] as const) : (["fleet", "floor"] as const);
      const round: PairedRound = {
        first: order[0],
        create: { fleet: 0, floor: 0 },
        destroy: { fleet: 0, floor: 0 },
      };
      for (const side of order) round.create[side] = await apply(side, "up");
      for (const side of order) round.destroy[side] = await apply(side, "destroy");
      rounds.push(round);
    }

    // The same stack shape without checkpoints, on its own stack.
    const skip = { ...e.env, PULUMI_SKIP_CHECKPOINTS: "true" };
    const skipCheckpoints = {
      create: (await engine.run("fleet", "nockpt", "up", fleet(N), skip)).seconds,
      noop: (await engine.run("fleet", "nockpt", "up", fleet(N), skip)).seconds,
      destroy: (await engine.run("fleet", "nockpt", "destroy", fleet(N), skip)).seconds,
    };
    progress(
      `without checkpoints: create ${fmt(skipCheckpoints.create)} s, no-op ${fmt(skipCheckpoints.noop)} s, destroy ${fmt(skipCheckpoints.destroy)} s`,
    );

    // The native face: the same rooms as Pulumi YAML through the native provider, run by the CLI.
    const nativeDir = engine.nativeProgram(N, c);
    const nativeMark = e.mark();
    const nCreate = await engine.runCli(nativeDir, "native", "up", UNPACED, e.env);
    const nCreateCalls = e.since(nativeMark).length;
    const nativeCkpt = engine.checkpoint("fleet-native", "native");
    const nNoop = await engine.runCli(nativeDir, "native", "up", UNPACED, e.env);
    const nDestroy = await engine.runCli(nativeDir, "native", "destroy", UNPACED, e.env);
    progress(
      `native face: create ${fmt(nCreate)} s (${nCreateCalls} calls), no-op ${fmt(nNoop)} s, destroy ${fmt(nDestroy)} s`,
    );

    return {
      rooms: N,
      cohosts: c,
      latencyMs: o.latencyMs,
      parallel: engine.parallel,
      callMs,
      oneRoom,
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
      skipCheckpoints,
      floorNoop,
      rounds,
      checkpointFileBytes: { fleet: ckpt.bytes, floor: floorCkpt.bytes },
      entries: {
        rooms: ckpt.resources.filter((r) => r.type.endsWith("googlemeet:MeetSpace")),
        floor: floorCkpt.resources.filter((r) => r.type.endsWith("floor:Nothing")),
        native: nativeCkpt.resources.filter((r) => r.type === "googlemeet:index:MeetSpace"),
      },
      native: {
        create: nCreate,
        createCalls: nCreateCalls,
        noop: nNoop,
        destroy: nDestroy,
        checkpointFileBytes: nativeCkpt.bytes,
      },
    };
  } finally {
    await e.emu.stop();
  }
}

/** The fixed cost's two medians: a cold one-room create and its cold no-op apply. */
export function oneRoomMedians(run: FleetRun): { create: number; noop: number } {
  return { create: median(run.oneRoom.create), noop: median(run.oneRoom.noop) };
}
