/**
 * Per-user-per-minute quota buckets, as documented for the Meet API. Fixed windows per
 * (user, bucket); `timeScale` speeds the clock up (60 = a "minute" lasts one second).
 * A refused call does not count against the window.
 */
import { CHAT_DEFAULT_LIMITS, CHAT_METHOD_BUCKET, type ChatQuotaBucket } from "./chat/model";
import { ApiError } from "./errors";
import type { Method } from "./identity";

export type QuotaBucket = "reads" | "writes" | "creates" | ChatQuotaBucket;

export interface QuotaOptions {
  /** Default false: quotas are off unless enabled. */
  enabled?: boolean;
  /** Default 1 (real time). 60 makes a quota minute last 1 s. */
  timeScale?: number;
  /** Per user per minute. Defaults: reads 600, writes 100, creates 10. */
  limits?: Partial<Record<QuotaBucket, number>>;
}

export const DEFAULT_LIMITS: Record<QuotaBucket, number> = {
  reads: 600,
  writes: 100,
  creates: 10,
  ...CHAT_DEFAULT_LIMITS,
};

export const METHOD_BUCKET: Record<Method, QuotaBucket> = {
  GetSpace: "reads",
  GetMember: "reads",
  ListMembers: "reads",
  UpdateSpace: "writes",
  EndActiveConference: "writes",
  CreateMember: "writes",
  DeleteMember: "writes",
  CreateSpace: "creates",
  ...CHAT_METHOD_BUCKET,
};

export class Quota {
  private windows = new Map<string, { start: number; count: number }>();
  private readonly windowMs: number;
  private readonly limits: Record<QuotaBucket, number>;

  constructor(
    private options: QuotaOptions = {},
    private now: () => number = Date.now,
  ) {
    this.windowMs = 60_000 / (options.timeScale ?? 1);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  get enabled(): boolean {
    return this.options.enabled === true;
  }

  /** Throws RESOURCE_EXHAUSTED (with the time until the window frees) when over quota; else counts the call. */
  take(user: string, method: Method): void {
    if (!this.enabled) return;
    const bucket = METHOD_BUCKET[method];
    const key = `${user.toLowerCase()}\u0000${bucket}`;
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limits[bucket]) {
      const retryMs = Math.max(1, window.start + this.windowMs - now);
      const service = bucket.startsWith("chat") ? "chat.googleapis.com" : "meet.googleapis.com";
      throw new ApiError(
        "RESOURCE_EXHAUSTED",
        `Quota exceeded for quota metric '${bucket}' and limit '${bucket} per minute per user' of service '${service}' for user ${user}`,
        { reason: "RATE_LIMIT_EXCEEDED", metadata: { quota_bucket: bucket, service } },
        retryMs,
      );
    }
    window.count++;
  }

  reset(): void {
    this.windows.clear();
  }
}
