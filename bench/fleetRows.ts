/** The fleet's rows: what {@link runFleet} measured, each figure beside its same-run baseline. */
import { DEFAULT_MEMBER_CONCURRENCY } from "../provider/config/connection";
import type { FleetRun } from "./fleet";
import { FIXED_COST_PAIRS, oneRoomMedians } from "./fleet";
import {
  checkpointShare,
  latencyBound,
  meanEntryBytes,
  meanInputsOutputsBytes,
  median,
  minimumCalls,
  pairedRatio,
} from "./formulas";
import { type Report, fmt } from "./report";

export function fleetRows(run: FleetRun, report: Report): void {
  const { rooms: N, cohosts: c } = run;
  const shape = { rooms: N, cohosts: c };
  const one = oneRoomMedians(run);
  report.record({
    figure: `fixed cost: cold create of 1 room x ${c} co-hosts (median of ${FIXED_COST_PAIRS})`,
    value: one.create,
    unit: "s",
    baseline: one.noop,
    baselineLabel: "cold no-op apply of the same stack (each a fresh process and CLI)",
  });

  const calls = (figure: string, value: number, baseline: number, baselineLabel: string) =>
    report.record({ figure, value, unit: "calls", baseline, baselineLabel });
  calls(
    `API calls: create ${N} rooms x ${c} co-hosts`,
    run.calls.create,
    minimumCalls("create", shape),
    `minimum: 1 CreateSpace + ${c} CreateMember each`,
  );
  calls("API calls: no-op apply", run.calls.noop, minimumCalls("noop", shape), "minimum");
  calls(
    `API calls: one setting changed on ${N} rooms`,
    run.calls.setting,
    minimumCalls("setting", shape),
    "minimum: 1 UpdateSpace each",
  );
  calls(
    `API calls: co-host churn (1 out, 1 in, on ${N} rooms)`,
    run.calls.churn,
    minimumCalls("churn", shape),
    "minimum: 1 ListMembers + 1 DeleteMember + 1 CreateMember each",
  );
  calls(
    `API calls: destroy (retire) ${N} rooms`,
    run.calls.destroy,
    minimumCalls("destroy", shape),
    `minimum: lock (UpdateSpace) + ListMembers + ${c} DeleteMember each`,
  );

  // The CLI runs `parallel` rooms at once; the provider runs a room's member calls
  // DEFAULT_MEMBER_CONCURRENCY at a time (what googlemeet:memberConcurrency leaves unset).
  // The same for a create and a retire (formulas.ts).
  const bound = latencyBound({
    ...shape,
    parallel: run.parallel,
    memberConcurrency: DEFAULT_MEMBER_CONCURRENCY,
    callMs: run.callMs,
  });
  const boundLabel = `latency bound: ${bound.waves} waves of ${run.parallel} rooms x ${bound.callsInSequence} calls in sequence x ${fmt(run.callMs)} ms`;
  const s = (figure: string, value: number, baseline: number, baselineLabel: string, note?: string) =>
    report.record({ figure, value, unit: "s", baseline, baselineLabel, note });
  s(
    `create ${N} rooms (${run.latencyMs} ms per call): wall time`,
    run.seconds.create,
    bound.seconds,
    boundLabel,
  );
  s(
    `create ${N} rooms vs the no-op apply of the same stack`,
    run.seconds.create,
    run.seconds.noop,
    "no-op apply, same run (target: create <= 2.4x)",
  );
  floorRows(run, report);
  s(
    `no-op apply of ${N} rooms vs the engine floor`,
    run.seconds.noop,
    run.floorNoop,
    `no-op apply of the ${N} do-nothing resources, right after`,
  );
  s(`destroy ${N} rooms: wall time`, run.seconds.destroy, bound.seconds, boundLabel);
  const share = (withCk: number, without: number) =>
    `${Math.round(100 * checkpointShare(withCk, without))}% of it writes checkpoints`;
  for (const apply of ["create", "noop", "destroy"] as const) {
    const what = {
      create: `create ${N} rooms`,
      noop: `no-op apply of ${N} rooms`,
      destroy: `destroy ${N} rooms`,
    };
    s(
      `${what[apply]}, checkpoints written`,
      run.seconds[apply],
      run.skipCheckpoints[apply],
      "same, PULUMI_SKIP_CHECKPOINTS=true",
      share(run.seconds[apply], run.skipCheckpoints[apply]),
    );
  }
  bytesRows(run, report);
  s(
    `native face: create ${N} rooms vs its no-op apply`,
    run.native.create,
    run.native.noop,
    "no-op apply of the same YAML stack, same run (target: create <= 2.0x)",
  );
  s(
    `native face: create ${N} rooms vs the dynamic face's`,
    run.native.create,
    run.seconds.create,
    "the dynamic face's create above",
  );
  s(
    `native face: destroy ${N} rooms vs the dynamic face's`,
    run.native.destroy,
    run.seconds.destroy,
    "the dynamic face's destroy above",
  );

  report.raw.fleet = {
    ...run,
    entries: undefined,
    latencyBound: { create: bound.seconds, destroy: bound.seconds },
    memberConcurrency: DEFAULT_MEMBER_CONCURRENCY,
    checkpointEntryBytes: {
      room: meanEntryBytes(run.entries.rooms),
      roomInputsOutputs: meanInputsOutputsBytes(run.entries.rooms),
      floor: meanEntryBytes(run.entries.floor),
      shapedFloor: meanEntryBytes(run.entries.shapedFloor),
      native: meanEntryBytes(run.entries.native),
      nativeInputsOutputs: meanInputsOutputsBytes(run.entries.native),
    },
  };
}

/**
 * The rooms' create and destroy against the engine's floors: the ratio is the median of the
 * rounds' ratios (each round runs every side a moment apart); the times shown are each side's
 * median. The plain floor echoes its inputs; the shaped one stores a room's outputs too, so that
 * the engine writes and sends entries of a room's shape: what is left beyond it is our code and
 * the API calls.
 */
function floorRows(run: FleetRun, report: Report): void {
  const N = run.rooms;
  const rounds = run.rounds.length;
  const floors = {
    floor: {
      name: "the engine floor",
      label: "do-nothing dynamic resources, same inputs",
    },
    shapedFloor: {
      name: "the engine floor storing a room's outputs",
      label: "do-nothing dynamic resources, same inputs, each returning a room's outputs",
    },
  } as const;
  for (const apply of ["create", "destroy"] as const) {
    for (const side of ["floor", "shapedFloor"] as const) {
      const pairs = run.rounds.map((r) => ({ value: r[apply].fleet, baseline: r[apply][side] }));
      report.record({
        figure: `${apply} ${N} rooms vs ${floors[side].name} (median of ${rounds} rounds)`,
        value: median(pairs.map((p) => p.value)),
        unit: "s",
        baseline: median(pairs.map((p) => p.baseline)),
        baselineLabel: `${apply} of ${N} ${floors[side].label}, in the same rounds`,
        ratio: pairedRatio(pairs),
        note: `ratio: the median of the rounds' (${pairs.map((p) => (p.value / p.baseline).toFixed(2)).join(", ")}); times: each side's median`,
      });
    }
  }
}

/** Bytes: the checkpoint after the create, per room, and the serialized provider in it. */
function bytesRows(run: FleetRun, report: Report): void {
  const c = run.cohosts;
  const { rooms, floor, native } = run.entries;
  report.record({
    figure: `checkpoint bytes per room (${c} co-hosts), dynamic face`,
    value: meanEntryBytes(rooms),
    unit: "bytes",
    baseline: meanEntryBytes(floor),
    baselineLabel: "a do-nothing resource's entry in the floor's checkpoint (target: room <= 3.5 KB)",
    note: `inputs + outputs ${fmt(meanInputsOutputsBytes(rooms))} bytes; the rest is the engine's (URNs, stack trace, times)`,
  });
  report.record({
    figure: `checkpoint bytes per room (${c} co-hosts), native face`,
    value: meanEntryBytes(native),
    unit: "bytes",
    baseline: meanEntryBytes(floor),
    baselineLabel: "a do-nothing resource's entry in the floor's checkpoint",
    note: `inputs + outputs ${fmt(meanInputsOutputsBytes(native))} bytes`,
  });
  report.record({
    figure: "checkpoint bytes per resource, the engine floor storing a room's outputs",
    value: meanEntryBytes(run.entries.shapedFloor),
    unit: "bytes",
    baseline: meanEntryBytes(rooms),
    baselineLabel: "a room's entry (dynamic face)",
    note: "the same values; the floor's serialized provider is longer than ours (row below)",
  });
  const provider = (r: (typeof rooms)[number] | undefined) =>
    Buffer.byteLength(String((r?.inputs as Record<string, unknown> | undefined)?.__provider ?? ""));
  report.record({
    figure: "serialized provider per resource (stored twice: inputs and outputs)",
    value: provider(rooms[0]),
    unit: "bytes",
    baseline: provider(floor[0]),
    baselineLabel: "the do-nothing provider's (target: <= 1 KB)",
  });
  report.raw.providerBytes = { ours: provider(rooms[0]), floor: provider(floor[0]) };
}
