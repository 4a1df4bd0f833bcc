/**
 * The benchmark's arithmetic: every reported figure that is computed rather than timed, as pure
 * functions (tested in test/bench/formulas.test.ts), so that a row's meaning is written down once.
 */

/** The middle value (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("median of no values");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** value / baseline; null when the baseline is 0 (a count whose minimum is none). */
export function ratio(value: number, baseline: number): number | null {
  return baseline === 0 ? null : value / baseline;
}

/** An apply of the fleet: every room created, or every room retired (destroy). */
export type FleetApply = "create" | "destroy";

export interface FleetShape {
  rooms: number;
  /** Co-hosts per room. */
  cohosts: number;
}

/**
 * The fewest API calls an apply can make, by scenario: a create is one CreateSpace and one
 * CreateMember per co-host; a retire locks the room (UpdateSpace), lists its members and removes
 * each co-host; one setting changed is one UpdateSpace; co-host churn (one out, one in) lists the
 * members, deletes one and creates one; a no-op apply calls nothing.
 */
export function minimumCalls(
  scenario: FleetApply | "noop" | "setting" | "churn",
  { rooms, cohosts }: FleetShape,
): number {
  switch (scenario) {
    case "create":
      return rooms * (1 + cohosts);
    case "destroy":
      return rooms * (2 + cohosts);
    case "noop":
      return 0;
    case "setting":
      return rooms;
    case "churn":
      return rooms * 3;
  }
}

export interface LatencyBound {
  /** Rounds of `parallel` rooms the engine runs one after another. */
  waves: number;
  /** Calls of one room that must follow each other. */
  callsInSequence: number;
  seconds: number;
}

/**
 * The least wall time the API's latency allows: the engine runs `parallel` rooms at once, so the
 * fleet goes in ceil(rooms / parallel) waves; within a room, calls that depend on each other follow
 * one another, each taking `callMs`: a create's CreateSpace, then its co-hosts `memberConcurrency`
 * at a time; a retire's lock and its ListMembers (sent together), then its co-hosts' removals the
 * same way. So both take one call and then the co-hosts' rounds.
 */
export function latencyBound(
  shape: FleetShape & { parallel: number; memberConcurrency: number; callMs: number },
): LatencyBound {
  const waves = Math.ceil(shape.rooms / shape.parallel);
  const memberRounds = Math.ceil(shape.cohosts / shape.memberConcurrency);
  const callsInSequence = 1 + memberRounds;
  return { waves, callsInSequence, seconds: (waves * callsInSequence * shape.callMs) / 1000 };
}

/** The share of an apply's time that writing checkpoints costs: 1 - (time without) / (time with). */
export function checkpointShare(withCheckpoints: number, withoutCheckpoints: number): number {
  return 1 - withoutCheckpoints / withCheckpoints;
}

/** A resource as the file backend's checkpoint stores it (only what the bytes rows read). */
export interface CheckpointResource {
  inputs?: unknown;
  outputs?: unknown;
  [field: string]: unknown;
}

/** Mean bytes of the resources' whole checkpoint entries, as JSON (URNs, times and all). */
export function meanEntryBytes(resources: readonly CheckpointResource[]): number {
  return mean(resources.map((r) => Buffer.byteLength(JSON.stringify(r))));
}

/** Mean bytes of the resources' own inputs and outputs only, as JSON. */
export function meanInputsOutputsBytes(resources: readonly CheckpointResource[]): number {
  return mean(resources.map((r) => Buffer.byteLength(JSON.stringify([r.inputs, r.outputs]))));
}

function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("no resources in the checkpoint");
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Creates per second once the quota binds: the first window's `perWindow` creates go out at once,
 * so the rate counts the creates after them over the span from the first create to the last
 * (times in ms, on one clock).
 */
export function pacedRate(createTimesMs: readonly number[], perWindow: number): number {
  if (createTimesMs.length <= perWindow)
    throw new Error(`${createTimesMs.length} creates do not pass the first window of ${perWindow}`);
  const spanSeconds = (Math.max(...createTimesMs) - Math.min(...createTimesMs)) / 1000;
  return (createTimesMs.length - perWindow) / spanSeconds;
}

/**
 * Our own share of a refresh read: what our read costs beyond a do-nothing provider's read in the
 * same host, less the API calls it makes (timed directly on the same wire).
 */
export function ownReadShareMs(oursMs: number, doNothingMs: number, directCallsMs: number): number {
  return oursMs - doNothingMs - directCallsMs;
}

/**
 * The ratio of two sides timed in rounds (each round runs both, a moment apart): the median of the
 * rounds' own ratios, so that a round on a busier machine moves neither side alone.
 */
export function pairedRatio(rounds: ReadonlyArray<{ value: number; baseline: number }>): number {
  return median(rounds.map((r) => r.value / r.baseline));
}
