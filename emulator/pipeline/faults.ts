/**
 * Fault injection rules for tests: make matching API calls fail, fail after applying
 * (a lost response), or just slow down. Rules with a `probability` draw from a seeded generator,
 * so a storm that broke something can be replayed: the same seed and the same calls, arriving in the
 * same order, give the same faults (calls an apply sends in parallel may arrive in another order on
 * the next run, and then draw each other's faults). The seed is random unless set (`--fault-seed`, `faultSeed`, PUT /emulator/v1/faults/seed)
 * and always readable (GET /emulator/v1/faults); clearing the rules restarts its sequence.
 */
import { randomInt } from "node:crypto";
import { type CodeName, isCodeName } from "../../google/statusCodes";
import { ApiError, invalidArgument } from "../wire/errors";

/** A fault seed: an integer from 0 to 2^32 - 1. */
export function validateFaultSeed(input: unknown): number {
  if (typeof input !== "number" || !Number.isInteger(input) || input < 0 || input > 0xffffffff)
    throw invalidArgument(`fault seed must be an integer from 0 to 4294967295, got ${JSON.stringify(input)}`);
  return input;
}

/**
 * Mulberry32: a small, well-known 32-bit generator with uniform output in [0, 1). Written out (a few
 * lines) rather than a dependency: fault draws need repeatability, not cryptographic strength.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultRule {
  /** RPC name such as "CreateMember", or "*" for every method. */
  method: string;
  /** Status to answer with; omit for a latency-only rule. */
  code?: CodeName;
  /** Fire at most this many times (default: unlimited). */
  times?: number;
  /** Let the first N matching calls through untouched. */
  skip?: number;
  /** Fire with this probability (0..1) instead of always. */
  probability?: number;
  /** Delay matching calls by this much before answering. */
  latencyMs?: number;
  /** Apply the call's change, then fail the answer (a lost response). */
  afterApply?: boolean;
  /** Only calls whose request JSON contains this substring match. */
  match?: string;
  /** Error message (default "Injected fault: CODE"). */
  message?: string;
  /**
   * RetryInfo delay (server pushback, "send this again later"): default 100 ms on RESOURCE_EXHAUSTED;
   * other codes carry RetryInfo only when this is set; never with afterApply.
   */
  retryDelayMs?: number;
}

export interface FaultRuleState extends FaultRule {
  id: string;
  /** Matching calls seen so far (including skipped ones). */
  matched: number;
  /** Times the rule fired. */
  fired: number;
  /** Remaining firings, or null when unlimited. */
  remaining: number | null;
}

/** What the dispatcher should do for one call. */
export interface FaultDecision {
  latencyMs: number;
  error?: ApiError;
  afterApply: boolean;
}

export function validateFaultRule(input: unknown): FaultRule {
  const rule = input as FaultRule;
  if (!rule || typeof rule !== "object") throw invalidArgument("fault rule must be a JSON object");
  if (typeof rule.method !== "string" || rule.method === "")
    throw invalidArgument('fault rule needs "method"');
  if (rule.code !== undefined && (!isCodeName(rule.code) || rule.code === "OK")) {
    throw invalidArgument(
      `fault rule "code" must be a gRPC status name such as UNAVAILABLE, got ${rule.code}`,
    );
  }
  if (rule.code === undefined && !rule.latencyMs)
    throw invalidArgument('fault rule needs "code" or "latencyMs"');
  for (const key of ["times", "skip", "latencyMs", "retryDelayMs"] as const) {
    const v = rule[key];
    if (v !== undefined && (typeof v !== "number" || v < 0))
      throw invalidArgument(`fault rule "${key}" must be >= 0`);
  }
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    throw invalidArgument('fault rule "probability" must be between 0 and 1');
  }
  return { ...rule };
}

export class Faults {
  private rules: FaultRuleState[] = [];
  private nextId = 1;
  private currentSeed: number;
  private random: () => number;

  /** `seed`: where probabilistic rules draw from (default: a random seed, still readable as `seed`). */
  constructor(seed: number = randomInt(0, 0xffffffff)) {
    this.currentSeed = validateFaultSeed(seed);
    this.random = seededRandom(seed);
  }

  /** The seed the current sequence of draws started from. */
  get seed(): number {
    return this.currentSeed;
  }

  /** Starts the draws again from `seed`. */
  reseed(seed: unknown): number {
    this.currentSeed = validateFaultSeed(seed);
    this.random = seededRandom(this.currentSeed);
    return this.currentSeed;
  }

  add(input: unknown): string {
    const rule = validateFaultRule(input);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...rule, id, matched: 0, fired: 0, remaining: rule.times ?? null });
    return id;
  }

  list(): FaultRuleState[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Forgets every rule; the draws start again from the seed, so the next storm replays alike. */
  clear(): void {
    this.rules = [];
    this.random = seededRandom(this.currentSeed);
  }

  /** Decides the fate of one call; the first rule that fires with a code wins, latencies add up. */
  decide(method: string, requestJson: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, afterApply: false };
    for (const rule of this.rules) {
      if (rule.method !== "*" && rule.method !== method) continue;
      if (rule.match !== undefined && !requestJson.includes(rule.match)) continue;
      if (rule.remaining === 0) continue;
      rule.matched++;
      if (rule.matched <= (rule.skip ?? 0)) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.fired++;
      if (rule.remaining !== null) rule.remaining--;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (rule.code && !decision.error) {
        decision.error = new ApiError(
          rule.code,
          rule.message ?? `Injected fault: ${rule.code}`,
          rule.code === "RESOURCE_EXHAUSTED"
            ? { reason: "RATE_LIMIT_EXCEEDED", metadata: { injected: "true" } }
            : undefined,
          // RetryInfo is server pushback ("send this again later"), which only a server that did not
          // apply the call can give: never on a lost answer (afterApply).
          rule.afterApply
            ? undefined
            : rule.code === "RESOURCE_EXHAUSTED"
              ? (rule.retryDelayMs ?? 100)
              : rule.retryDelayMs,
        );
        decision.afterApply = rule.afterApply === true;
      }
    }
    return decision;
  }
}
