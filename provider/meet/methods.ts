/**
 * Meet's methods as the call loop sees them: which may be sent again after a failure, and the
 * quotas they count against (their names are Google's: google/meet.ts). Pure data and small
 * functions; the client (client.ts) uses them for every call.
 */
import { MEET_METHODS, type MeetMethod } from "../../google/meet";
import { Code } from "../../google/statusCodes";
import { type QuotaRule, type SeamQuotas, seamQuotas } from "../core/quotas";
import { type RetryRule, isTransient } from "../core/retry";

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
 * Should this failed Meet call be tried again? CreateSpace carries no request id, so a repeat after
 * an ambiguous failure could make a second room that nothing can find: it is retried only when the
 * server provably did not apply it: refused for quota, or a transient failure carrying server
 * pushback (RetryInfo: the server asks for this very request again, which a server that applied
 * it would not). A bare UNAVAILABLE or DEADLINE_EXCEEDED may hide a lost answer: never retried.
 * (A call that never left the machine is retried by the call loop whatever the method.)
 */
export const shouldRetryMeet: RetryRule<MeetMethod> = (method, code, serverAskedToRetry = false) => {
  if (method === "CreateSpace")
    return code === Code.RESOURCE_EXHAUSTED || (serverAskedToRetry && isTransient(code));
  return REPEATABLE.has(method) && isTransient(code);
};

export type QuotaBucket = "reads" | "writes" | "creates";

/** Calls per window in each of Meet's buckets. */
type BucketLimits = Record<QuotaBucket, number>;

/**
 * Meet counts calls per minute in three buckets (reads, writes, creates), both per user per
 * project and per project (all users together); a call must fit both.
 */
export interface QuotaLimits extends BucketLimits {
  /** GetSpace, GetMember, ListMembers per window per user. Meet's default: 600. */
  reads: number;
  /** UpdateSpace, EndActiveConference, CreateMember, DeleteMember, UpdateMember, BatchUpdateMembers per window per user. Meet's default: 100. */
  writes: number;
  /** CreateSpace per window per user. Meet's default: 10. */
  creates: number;
  /** The quota window in ms. Meet's: one minute. */
  windowMs: number;
  /** The same buckets for the whole Cloud project, all users together. Meet's: 6000, 1000, 100. */
  project: BucketLimits;
}

export const MEET_QUOTAS: QuotaLimits = {
  reads: 600,
  writes: 100,
  creates: 10,
  windowMs: 60_000,
  project: { reads: 6000, writes: 1000, creates: 100 },
};

export function bucketOf(method: MeetMethod): QuotaBucket {
  switch (method) {
    case "CreateSpace":
      return "creates";
    case "GetSpace":
    case "GetMember":
    case "ListMembers":
      return "reads";
    default:
      return "writes";
  }
}

/** Meet's quotas in the one shape every seam declares (core/quotas.ts): each bucket per user and per project. */
function meetQuotaRules(limits: QuotaLimits): QuotaRule<MeetMethod>[] {
  const buckets: QuotaBucket[] = ["reads", "writes", "creates"];
  return buckets.flatMap((bucket) => {
    const methods = MEET_METHODS.filter((m) => bucketOf(m) === bucket);
    return [
      { bucket, scope: "user", limit: limits[bucket], windowMs: limits.windowMs, methods },
      { bucket, scope: "project", limit: limits.project[bucket], windowMs: limits.windowMs, methods },
    ] as QuotaRule<MeetMethod>[];
  });
}

/** Meet's quotas as the call loop counts them; bucket keys are namespaced `meet/…` so other APIs' never collide. */
export function meetQuotas(limits: QuotaLimits): SeamQuotas<MeetMethod> {
  return seamQuotas({ key: "meet", label: "" }, meetQuotaRules(limits));
}
