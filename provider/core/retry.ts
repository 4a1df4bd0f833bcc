/**
 * When to retry a Meet API call and how long to wait: every default in one place, and the two
 * questions as small pure functions so they can be tested without a clock or a server.
 */

/** gRPC status codes used by the policy (the numbers are gRPC's). */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export const CODE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Code).map(([k, v]) => [v, k]),
);

export type MeetMethod =
  | "CreateSpace"
  | "GetSpace"
  | "UpdateSpace"
  | "EndActiveConference"
  | "CreateMember"
  | "GetMember"
  | "ListMembers"
  | "DeleteMember"
  | "UpdateMember"
  | "BatchUpdateMembers";

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

const TRANSIENT: ReadonlySet<number> = new Set([
  Code.UNAVAILABLE,
  Code.DEADLINE_EXCEEDED,
  Code.RESOURCE_EXHAUSTED,
]);

/**
 * Calls that may be repeated after any transient failure: repeating them cannot make anything
 * twice. CreateMember is here because a repeat that finds the member (ALREADY_EXISTS) is resolved
 * by the caller; EndActiveConference because a repeat that finds none (FAILED_PRECONDITION) is done.
 */
const REPEATABLE: ReadonlySet<MeetMethod> = new Set<MeetMethod>([
  "GetSpace",
  "UpdateSpace",
  "ListMembers",
  "GetMember",
  "DeleteMember",
  "CreateMember",
  "EndActiveConference",
  // Setting a member's role to the same value twice is harmless (v2 only).
  "UpdateMember",
  "BatchUpdateMembers",
]);

/**
 * Should this failed call be tried again? CreateSpace carries no request id, so a repeat after an
 * ambiguous failure could make a second room that nothing can find: it is retried only when the
 * server provably did not apply it: refused for quota, or a transient failure carrying server
 * pushback (RetryInfo: the server asks for this very request again, which a server that applied
 * it would not). A bare UNAVAILABLE or DEADLINE_EXCEEDED may hide a lost answer: never retried.
 * A call that provably never left the machine (`neverSent`) is retried whatever the method.
 */
export function shouldRetry(
  method: MeetMethod,
  code: number,
  serverAskedToRetry = false,
  neverSent = false,
): boolean {
  // Nothing reached a server (connection refused, no such host, wrong protocol, TLS): nothing can
  // have happened, so even CreateSpace may be sent again.
  if (neverSent) return true;
  if (method === "CreateSpace")
    return code === Code.RESOURCE_EXHAUSTED || (serverAskedToRetry && TRANSIENT.has(code));
  return REPEATABLE.has(method) && TRANSIENT.has(code);
}

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
