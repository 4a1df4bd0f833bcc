/**
 * Google's quotas in one shape for every API seam: a limit of calls per window, held per Cloud
 * project, per acting user, or per target space. Each seam declares its own once (meet/methods.ts,
 * chat/methods.ts); `bucketsFor` turns the declarations that cover one call into the pacer's
 * buckets (pacer.ts), keyed by API, scope and whom or what the scope names. Pure.
 */
import type { BucketRef } from "./pacer";

/** Whose calls a quota counts: the project's (all users together), one user's, or one space's (all apps in it). */
export type QuotaScope = "space" | "user" | "project";

export interface QuotaRule<M extends string> {
  /** Names the bucket in keys and log lines: "creates", "spaceReads". */
  bucket: string;
  scope: QuotaScope;
  limit: number;
  windowMs: number;
  /** The methods this quota counts. */
  methods: readonly M[];
}

/** What a call's quotas need to know of it. */
export interface QuotaSubject {
  /** The acting user; "" = the credentials' own user. */
  user: string;
  /** The space the call targets (`spaces/X`), when it targets one. */
  space?: string;
}

/** The API's bucket keys ("meet", "chat") and the word its log lines put before a bucket ("" or "Chat "). */
export interface QuotaApi {
  key: string;
  label: string;
}

/** One seam's quotas: its API's names and every rule it declares, narrowest scope first. Build with `seamQuotas`. */
export interface SeamQuotas<M extends string> {
  api: QuotaApi;
  rules: readonly QuotaRule<M>[];
}

/**
 * The narrowest scope comes first: the pacer queues a call behind the calls of its first bucket, so
 * a call waiting for one space's per-second quota holds back only that space's calls, and one
 * waiting for a user's quota only that user's.
 */
const SCOPE_ORDER: Record<QuotaScope, number> = { space: 0, user: 1, project: 2 };

/** A seam's quotas with its rules put in scope order once, not on every call. */
export function seamQuotas<M extends string>(api: QuotaApi, rules: readonly QuotaRule<M>[]): SeamQuotas<M> {
  return { api, rules: [...rules].sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope]) };
}

/** The buckets one call of `method` by `subject` counts against, narrowest scope first. */
export function bucketsFor<M extends string>(
  { api, rules }: SeamQuotas<M>,
  method: M,
  subject: QuotaSubject,
): BucketRef[] {
  return rules
    .filter((r) => r.methods.includes(method) && (r.scope !== "space" || subject.space))
    .map((r) => ({ ...bucketName(api, r, subject), limit: r.limit, windowMs: r.windowMs }));
}

function bucketName<M extends string>(
  api: QuotaApi,
  rule: QuotaRule<M>,
  subject: QuotaSubject,
): { key: string; label: string } {
  const quota = `${api.label}${rule.bucket} quota`;
  switch (rule.scope) {
    case "project":
      return { key: `${api.key}/project/${rule.bucket}`, label: `the project's ${quota}` };
    case "user":
      return {
        key: `${api.key}/user/${subject.user}/${rule.bucket}`,
        label: `the ${quota} of ${subject.user || "the credentials' user"}`,
      };
    case "space":
      return {
        key: `${api.key}/space/${subject.space}/${rule.bucket}`,
        label: `the ${quota} of ${subject.space}`,
      };
  }
}

/** The space a resource name lies in: `spaces/X` of `spaces/X` or `spaces/X/members/Y`; undefined for others. */
export function spaceOf(resourceName: string): string | undefined {
  return /^spaces\/[^/:]+/.exec(resourceName)?.[0];
}
