/**
 * The fleet through the real engine: a cold create of N rooms, a no-op apply, one setting changed,
 * co-host churn and a destroy, counting the emulator's calls; the same stack without checkpoints;
 * the engine's floor (bench/floor: do-nothing dynamic resources of the same inputs) and the same
 * floor storing a room's outputs, in rounds with the rooms, so that each ratio compares runs a
 * moment apart; and the native face's YAML fleet.
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

/** The sides of a round: the rooms, the engine's floor, and the floor storing a room's outputs. */
export type Side = "fleet" | "floor" | "shapedFloor";

/** Timings of one round of the rooms and the floors, each the same apply, run one after the other. */
export interface PairedRound {
  /** The order the sides ran in this round (it rotates). */
  order: Side[];
  create: Record<Side, number>;
  destroy: Record<Side, number>;
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
  /** Rooms and floors, create and destroy, round by round. */
  rounds: PairedRound[];
  checkpointFileBytes: { fleet: number; floor: number; shapedFloor: number };
  /** The resources of each checkpoint after its create. */
  entries: {
    rooms: CheckpointResource[];
    floor: CheckpointResource[];
    shapedFloor: CheckpointResource[];
    native: CheckpointResource[];
  };
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
    // The shaped floor stores what a room stores: its outputs are the first room's (once created).
    let roomOutputsJson = "{}";
    const floorStep = async (side: "floor" | "shapedFloor", command: "up" | "destroy") => {
      const ran =
        side === "floor"
          ? await engine.run("floor", "floor", command, floor)
          : await engine.run("floor", "shaped", command, floor, { FLOOR_OUTPUTS: roomOutputsJson });
      progress(
        `engine floor${side === "floor" ? "" : " storing a room's outputs"} ${command}: ${fmt(ran.seconds)} s`,
      );
      return ran.seconds;
    };

    // The first round: every scenario of the rooms, the floors' create, no-op and destroy beside.
    const create = await step(`create ${N} rooms`, "up");
    const ckpt = engine.checkpoint("fleet", "fleet");
    const rooms = ckpt.resources.filter((r) => r.type.endsWith("googlemeet:MeetSpace"));
    const { __provider: _, ...roomOutputs } = (rooms[0]?.outputs ?? {}) as Record<string, unknown>;
    roomOutputsJson = JSON.stringify(roomOutputs);
    const floorCreate = await floorStep("floor", "up");
    const shapedCreate = await floorStep("shapedFloor", "up");
    const floorCkpt = engine.checkpoint("floor", "floor");
    const shapedCkpt = engine.checkpoint("floor", "shaped");
    const noop = await step("no-op apply", "up");
    const floorNoop = await floorStep("floor", "up");
    const setting = await step("one setting changed", "up", { "fleet:accessType": "RESTRICTED" });
    const churned = { "fleet:accessType": "RESTRICTED", "fleet:rotate": 1 };
    const churn = await step("co-host churn", "up", churned);
    const destroy = await step(`destroy ${N} rooms`, "destroy", churned);
    const floorDestroy = await floorStep("floor", "destroy");
    const shapedDestroy = await floorStep("shapedFloor", "destroy");
    const rounds: PairedRound[] = [
      {
        order: ["fleet", "floor", "shapedFloor"],
        create: { fleet: create.seconds, floor: floorCreate, shapedFloor: shapedCreate },
        destroy: { fleet: destroy.seconds, floor: floorDestroy, shapedFloor: shapedDestroy },
      },
    ];
    // Further rounds: create and destroy only, the order rotating so that no side always runs on
    // the machine another just warmed (or loaded).
    const apply = async (side: Side, command: "up" | "destroy") =>
      side === "fleet"
        ? (await step(`${command === "up" ? "create" : "destroy"} ${N} rooms`, command)).seconds
        : floorStep(side, command);
    const SIDES: Side[] = ["fleet", "floor", "shapedFloor"];
    for (let i = 1; i < o.pairs; i++) {
      const order = [...SIDES.slice(i % 3), ...SIDES.slice(0, i % 3)];
      const round: PairedRound = {
        order,
        create: { fleet: 0, floor: 0, shapedFloor: 0 },
        destroy: { fleet: 0, floor: 0, shapedFloor: 0 },
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
      checkpointFileBytes: { fleet: ckpt.bytes, floor: floorCkpt.bytes, shapedFloor: shapedCkpt.bytes },
      entries: {
        rooms,
        floor: floorCkpt.resources.filter((r) => r.type.endsWith("floor:Nothing")),
        shapedFloor: shapedCkpt.resources.filter((r) => r.type.endsWith("floor:Nothing")),
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
