/**
 * When to retry a Google API call and how long to wait: every default in one place, and the
 * questions as small pure functions so they can be tested without a clock or a server. Which
 * methods may be repeated is each API seam's own rule (`RetryRule`). The status codes are Google's
 * (google/statusCodes.ts).
 */
import { Code } from "../../google/statusCodes";

export interface RetryPolicy {
  /** Wait before the first retry's jitter is applied (ms). */
  initialDelayMs: number;
  /** Growth of the wait per attempt. */
  multiplier: number;
  /** Cap on one wait before jitter (ms). */
  maxDelayMs: number;
  /** No retry starts after this long since the first attempt (ms). */
  totalDeadlineMs: number;
  /** Attempts at most, the first included. */
  maxAttempts: number;
  /** Deadline of one call (ms). */
  callTimeoutMs: number;
}

export const RETRY_DEFAULTS: RetryPolicy = {
  initialDelayMs: 250,
  multiplier: 2,
  maxDelayMs: 16_000,
  totalDeadlineMs: 5 * 60_000,
  maxAttempts: 12,
  callTimeoutMs: 60_000,
};

/** Failures that may pass by themselves: the server was busy, slow, or out of quota for now. */
const TRANSIENT: ReadonlySet<number> = new Set([
  Code.UNAVAILABLE,
  Code.DEADLINE_EXCEEDED,
  Code.RESOURCE_EXHAUSTED,
]);

export function isTransient(code: number): boolean {
  return TRANSIENT.has(code);
}

/**
 * Each API seam's answer to "should this failed call be sent again?" (meet/methods.ts,
 * chat/methods.ts): `serverAskedToRetry` is true when the answer carried RetryInfo. A call that
 * provably never reached the server is retried by the call loop whatever the rule says: nothing can
 * have happened.
 */
export type RetryRule<M extends string> = (method: M, code: number, serverAskedToRetry?: boolean) => boolean;

/**
 * How long to wait before retry number `attempt` (1 for the first retry): capped exponential
 * backoff with full jitter, but never less than the delay the server asked for.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy = RETRY_DEFAULTS,
  random: () => number = Math.random,
  serverDelayMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, serverDelayMs ?? 0);
}

/** Whether another attempt fits: attempts left, and the wait ends before the total deadline. */
export function canRetry(
  attempt: number,
  elapsedMs: number,
  delayMs: number,
  policy: RetryPolicy = RETRY_DEFAULTS,
): boolean {
  return attempt < policy.maxAttempts && elapsedMs + delayMs <= policy.totalDeadlineMs;
}
