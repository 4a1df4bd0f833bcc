/**
 * The benchmark's arithmetic (bench/formulas.ts) and the fleet's rows built from it
 * (bench/fleetRows.ts): each expected figure is written out by hand, so a broken formula fails here
 * rather than printing a plausible wrong number.
 */
import * as assert from "node:assert/strict";
import type { FleetRun } from "../../bench/fleet";
import { fleetRows } from "../../bench/fleetRows";
import {
  checkpointShare,
  latencyBound,
  meanEntryBytes,
  meanInputsOutputsBytes,
  median,
  minimumCalls,
  ownReadShareMs,
  pacedRate,
  pairedRatio,
  ratio,
} from "../../bench/formulas";
import { Report } from "../../bench/report";
import { DEFAULT_MEMBER_CONCURRENCY } from "../../provider/config/connection";

describe("bench formulas", () => {
  it("median: the middle value, the mean of the two middle ones for an even count; the input untouched", () => {
    const xs = [3, 1, 2];
    assert.equal(median(xs), 2);
    assert.deepEqual(xs, [3, 1, 2]);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.throws(() => median([]), { message: "median of no values" });
  });

  it("ratio: value over baseline, null when the baseline is 0", () => {
    assert.equal(ratio(3, 2), 1.5);
    assert.equal(ratio(0, 0), null);
    assert.equal(ratio(5, 0), null);
  });

  it("minimum calls of each scenario, for 200 rooms x 5 co-hosts", () => {
    const shape = { rooms: 200, cohosts: 5 };
    assert.equal(minimumCalls("create", shape), 1200);
    assert.equal(minimumCalls("destroy", shape), 1400);
    assert.equal(minimumCalls("setting", shape), 200);
    assert.equal(minimumCalls("churn", shape), 600);
    assert.equal(minimumCalls("noop", shape), 0);
    assert.equal(minimumCalls("create", { rooms: 3, cohosts: 0 }), 3);
  });

  it("latency bound: waves of --parallel rooms x the calls of a room that follow each other x one call", () => {
    const shape = { rooms: 200, cohosts: 5, parallel: 8, memberConcurrency: 4, callMs: 32.5 };
    // 25 waves; a create is CreateSpace + 2 rounds of co-hosts (4, then 1); a retire is the lock
    // and the list together, then the same 2 rounds of removals: the same bound for both.
    assert.deepEqual(latencyBound(shape), { waves: 25, callsInSequence: 3, seconds: 2.4375 });
    // A partial wave counts as a wave; no co-hosts means no member round.
    assert.deepEqual(latencyBound({ ...shape, rooms: 9, cohosts: 0, callMs: 100 }), {
      waves: 2,
      callsInSequence: 1,
      seconds: 0.2,
    });
    // Co-hosts at the concurrency exactly: one round.
    assert.equal(latencyBound({ ...shape, cohosts: 4 }).callsInSequence, 2);
  });

  it("checkpoint share: the part of an apply that the same apply without checkpoints does not take", () => {
    assert.equal(checkpointShare(10, 6), 0.4);
    assert.equal(checkpointShare(4, 4), 0);
    assert.equal(Math.round(100 * checkpointShare(9.05, 6.06)), 33);
  });

  it("checkpoint bytes: the mean of whole entries, and of inputs and outputs only, as JSON", () => {
    const resources = [
      { urn: "urn:a", inputs: { x: 1 }, outputs: { x: 1, id: "a" } },
      { urn: "urn:bb", inputs: { x: 22 }, outputs: { x: 22, id: "bb" } },
    ];
    // {"urn":"urn:a","inputs":{"x":1},"outputs":{"x":1,"id":"a"}} is 59 bytes; the second 63.
    assert.equal(meanEntryBytes(resources), (59 + 63) / 2);
    // [{"x":1},{"x":1,"id":"a"}] is 26 bytes; [{"x":22},{"x":22,"id":"bb"}] 29.
    assert.equal(meanInputsOutputsBytes(resources), (26 + 29) / 2);
    // Bytes, not characters: {"inputs":{"name":"é"}} is 23 characters, 24 bytes in UTF-8.
    assert.equal(meanEntryBytes([{ inputs: { name: "é" } }]), 24);
    assert.throws(() => meanEntryBytes([]), { message: "no resources in the checkpoint" });
  });

  it("paced rate: the creates after the first window's burst over the span from the first to the last", () => {
    const burst = Array.from({ length: 10 }, (_, i) => 5000 + i);
    assert.equal(pacedRate([...burst, 5200, 5400, 5600, 5800, 6000], 10), 5);
    assert.throws(() => pacedRate(burst, 10), { message: "10 creates do not pass the first window of 10" });
  });

  it("our own share of a read: beyond the do-nothing read and the direct calls", () => {
    assert.equal(ownReadShareMs(4.5, 1.5, 1), 2);
    assert.ok(Math.abs(ownReadShareMs(4.11, 1.44, 1.05) - 1.62) < 1e-9);
  });

  it("paired ratio: the median of the rounds' ratios, not the ratio of the medians", () => {
    const rounds = [
      { value: 10, baseline: 5 },
      { value: 9, baseline: 9 },
      { value: 12, baseline: 6 },
    ];
    assert.equal(pairedRatio(rounds), 2);
    assert.notEqual(pairedRatio(rounds), median([10, 9, 12]) / median([5, 9, 6]));
  });
});

describe("bench fleet rows", () => {
  const run: FleetRun = {
    rooms: 200,
    cohosts: 5,
    latencyMs: 30,
    parallel: 8,
    callMs: 32.5,
    oneRoom: { create: [3, 2.9, 3.1], noop: [2.8, 2.7, 3] },
    seconds: { create: 9, noop: 4, setting: 5, churn: 6, destroy: 7.5 },
    calls: { create: 1200, noop: 0, setting: 200, churn: 600, destroy: 1400 },
    skipCheckpoints: { create: 6, noop: 4, destroy: 5 },
    floorNoop: 3.9,
    rounds: [
      {
        order: ["fleet", "floor", "shapedFloor"],
        create: { fleet: 9, floor: 8, shapedFloor: 10 },
        destroy: { fleet: 7.5, floor: 5, shapedFloor: 7.5 },
      },
      {
        order: ["floor", "shapedFloor", "fleet"],
        create: { fleet: 10, floor: 9, shapedFloor: 10 },
        destroy: { fleet: 6, floor: 6, shapedFloor: 8 },
      },
      {
        order: ["shapedFloor", "fleet", "floor"],
        create: { fleet: 8.8, floor: 8.8, shapedFloor: 8 },
        destroy: { fleet: 6.6, floor: 6, shapedFloor: 6 },
      },
    ],
    checkpointFileBytes: { fleet: 850_000, floor: 840_000, shapedFloor: 900_000 },
    entries: {
      rooms: [{ inputs: { __provider: "x".repeat(691) }, outputs: {} }],
      floor: [{ inputs: { __provider: "y".repeat(1202) }, outputs: {} }],
      shapedFloor: [{ inputs: { __provider: "y".repeat(1202) }, outputs: {} }],
      native: [{ inputs: {}, outputs: {} }],
    },
    native: { create: 6, createCalls: 1200, noop: 2, destroy: 6.3, checkpointFileBytes: 800_000 },
  };
  const report = new Report();
  fleetRows(run, report);
  const row = (start: string) => {
    const found = report.rows.find((r) => r.figure.startsWith(start));
    assert.ok(found, `no row starting "${start}" in:\n${report.rows.map((r) => r.figure).join("\n")}`);
    return found;
  };

  it("the latency bound: computed with the member concurrency the provider uses by default", () => {
    const create = row("create 200 rooms (30 ms per call): wall time");
    const expected = latencyBound({
      rooms: 200,
      cohosts: 5,
      parallel: 8,
      memberConcurrency: DEFAULT_MEMBER_CONCURRENCY,
      callMs: 32.5,
    });
    assert.equal(create.baseline, expected.seconds);
    assert.equal(
      create.baselineLabel,
      `latency bound: 25 waves of 8 rooms x ${expected.callsInSequence} calls in sequence x 32.5 ms`,
    );
    assert.equal(
      (report.raw.fleet as { memberConcurrency: number }).memberConcurrency,
      DEFAULT_MEMBER_CONCURRENCY,
    );
  });

  it("the floor rows: each side's median time, and the median of the rounds' ratios as the ratio", () => {
    const create = row("create 200 rooms vs the engine floor (median of 3 rounds)");
    assert.deepEqual([create.value, create.baseline], [9, 8.8]);
    // Ratios 1.125, 1.111, 1.0: the median is 10/9, not the medians' 9/8.8.
    assert.equal(create.ratio, 10 / 9);
    assert.equal(
      create.note,
      "ratio: the median of the rounds' (1.13, 1.11, 1.00); times: each side's median",
    );
    const destroy = row("destroy 200 rooms vs the engine floor");
    assert.equal(destroy.ratio, 6.6 / 6);
    assert.equal(
      destroy.note,
      "ratio: the median of the rounds' (1.50, 1.00, 1.10); times: each side's median",
    );
  });

  it("the shaped floor's rows: the same arithmetic against the floor storing a room's outputs", () => {
    const create = row("create 200 rooms vs the engine floor storing a room's outputs (median of 3 rounds)");
    // Ratios 0.9, 1.0, 1.1: the median is 1.0; times: medians 9 and 10.
    assert.deepEqual([create.value, create.baseline, create.ratio], [9, 10, 1]);
    assert.equal(
      create.baselineLabel,
      "create of 200 do-nothing dynamic resources, same inputs, each returning a room's outputs, in the same rounds",
    );
    const destroy = row("destroy 200 rooms vs the engine floor storing a room's outputs");
    // Ratios 1.0, 0.75, 1.1: the median is 1.0.
    assert.equal(destroy.ratio, 1);
  });

  it("calls against the minimum, the checkpoint share, and the serialized providers' sizes", () => {
    const create = row("API calls: create 200 rooms x 5 co-hosts");
    assert.deepEqual([create.value, create.baseline, create.ratio], [1200, 1200, 1]);
    assert.equal(row("API calls: no-op apply").ratio, null);
    assert.equal(row("create 200 rooms, checkpoints written").note, "33% of it writes checkpoints");
    const provider = row("serialized provider per resource");
    assert.deepEqual([provider.value, provider.baseline], [691, 1202]);
    const fixed = row("fixed cost: cold create of 1 room");
    assert.deepEqual([fixed.value, fixed.baseline], [3, 2.8]);
  });
});
