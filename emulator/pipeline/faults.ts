/**
 * Fault injection rules for tests: make matching API calls fail, fail after applying
 * (a lost response), or just slow down.
 */
import { ApiError, type StatusName, invalidArgument, isStatusName } from "../wire/errors";

export interface FaultRule {
  /** RPC name such as "CreateMember", or "*" for every method. */
  method: string;
  /** Status to answer with; omit for a latency-only rule. */
  code?: StatusName;
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
  if (rule.code !== undefined && (!isStatusName(rule.code) || rule.code === "OK")) {
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

  constructor(private random: () => number = Math.random) {}

  add(input: unknown): string {
    const rule = validateFaultRule(input);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...rule, id, matched: 0, fired: 0, remaining: rule.times ?? null });
    return id;
  }

  list(): FaultRuleState[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
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
