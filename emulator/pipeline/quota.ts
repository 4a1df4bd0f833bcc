/**
 * Quotas as Google documents them, in fixed windows, as each API declares them: Meet's
 * (meet/access.ts) per user per project and per project, all users together, per minute; Chat's
 * (chat/model.ts) per project per minute, per user (space creations) per minute, and per space per
 * second. A call must fit every window that counts it; a refused call
 * counts in none. `timeScale` speeds the clock up (60 = a "minute" lasts one second, a "second"
 * a sixtieth of that).
 */
import {
  CHAT_DEFAULT_LIMITS,
  CHAT_DEFAULT_SPACE_LIMITS,
  CHAT_METHOD_BUCKETS,
  CHAT_METHOD_SPACE_BUCKET,
  type ChatQuotaBucket,
  type ChatSpaceQuotaBucket,
} from "../chat/model";
import {
  MEET_DEFAULT_LIMITS,
  MEET_DEFAULT_PROJECT_LIMITS,
  MEET_METHOD_BUCKETS,
  type MeetQuotaBucket,
} from "../meet/access";
import { ApiError } from "../wire/errors";
import type { Method } from "../wire/call";

export type QuotaBucket = MeetQuotaBucket | ChatQuotaBucket | ChatSpaceQuotaBucket;
type MinuteBucket = Exclude<QuotaBucket, ChatSpaceQuotaBucket>;

export interface QuotaOptions {
  /** Default false: quotas are off unless enabled. */
  enabled?: boolean;
  /** Default 1 (real time). 60 makes a quota minute last 1 s. */
  timeScale?: number;
  /** Per user per minute. Defaults: reads 600, writes 100, creates 10; Chat's in chat/model.ts. */
  limits?: Partial<Record<MinuteBucket, number>>;
  /** Per project per minute, all users together. Defaults: reads 6000, writes 1000, creates 100. */
  projectLimits?: Partial<Record<MinuteBucket, number>>;
  /** Per space per second, all callers together. Defaults: chatSpaceScopedReads 15, chatSpaceScopedWrites 1. */
  spaceLimits?: Partial<Record<ChatSpaceQuotaBucket, number>>;
}

export const DEFAULT_LIMITS: Record<MinuteBucket, number> = {
  ...MEET_DEFAULT_LIMITS,
  // Chat's project figures hold per user too; space creations are Chat's one per-user figure.
  ...CHAT_DEFAULT_LIMITS,
};
const DEFAULT_PROJECT_LIMITS: Record<MinuteBucket, number> = {
  ...MEET_DEFAULT_PROJECT_LIMITS,
  ...CHAT_DEFAULT_LIMITS,
  // Documented per user only.
  chatSpaceCreates: Number.POSITIVE_INFINITY,
};

const METHOD_BUCKETS: Record<Method, MinuteBucket[]> = { ...MEET_METHOD_BUCKETS, ...CHAT_METHOD_BUCKETS };

interface Window {
  start: number;
  count: number;
}

/** One window a call must fit, and how its refusal reads. */
interface Check {
  window: Window;
  limit: number;
  windowMs: number;
  bucket: QuotaBucket;
  /** "minute per project", "second per space". */
  per: string;
  /** "consumer 'project_number:…'", "user a@…", "space spaces/X". */
  who: string;
}

export class Quota {
  private windows = new Map<string, Window>();
  private readonly windowMs: number;
  private readonly limits: Record<MinuteBucket, number>;
  private readonly projectLimits: Record<MinuteBucket, number>;
  private readonly spaceLimits: Record<ChatSpaceQuotaBucket, number>;

  constructor(
    private options: QuotaOptions = {},
    private now: () => number = Date.now,
  ) {
    this.windowMs = 60_000 / (options.timeScale ?? 1);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.projectLimits = { ...DEFAULT_PROJECT_LIMITS, ...options.projectLimits };
    this.spaceLimits = { ...CHAT_DEFAULT_SPACE_LIMITS, ...options.spaceLimits };
  }

  get enabled(): boolean {
    return this.options.enabled === true;
  }

  /**
   * Counts the call in every window that counts it (the project's, the user's, and the space's
   * its `target` names), or throws RESOURCE_EXHAUSTED (with the time until that window frees) and
   * counts nothing. The project's limit is reported first, then the space's, then the user's.
   * Returns when it counted the call (undefined with quotas off).
   */
  take(user: string, method: Method, project: string, target = ""): number | undefined {
    if (!this.enabled) return undefined;
    const now = this.now();
    const checks: Check[] = [];
    const minute = (scope: "project" | "user", id: string, bucket: MinuteBucket, who: string) => {
      const limit = scope === "project" ? this.projectLimits[bucket] : this.limits[bucket];
      const window = this.window(`${scope}\u0000${id}\u0000${bucket}`, now, this.windowMs);
      checks.push({ window, limit, windowMs: this.windowMs, bucket, per: `minute per ${scope}`, who });
    };
    const buckets = METHOD_BUCKETS[method];
    for (const b of buckets) minute("project", project, b, `consumer 'project_number:${project}'`);
    const spaceBucket = CHAT_METHOD_SPACE_BUCKET[method as keyof typeof CHAT_METHOD_SPACE_BUCKET];
    const space = /^spaces\/[^/:]+/.exec(target)?.[0];
    if (spaceBucket && space) {
      const windowMs = this.windowMs / 60;
      const window = this.window(`space\u0000${space}\u0000${spaceBucket}`, now, windowMs);
      const limit = this.spaceLimits[spaceBucket];
      checks.push({
        window,
        limit,
        windowMs,
        bucket: spaceBucket,
        per: "second per space",
        who: `space ${space}`,
      });
    }
    for (const b of buckets) minute("user", user.toLowerCase(), b, `user ${user}`);

    const full = checks.find((c) => c.window.count >= c.limit);
    if (full) throw this.refusal(full, method, project, now);
    for (const c of checks) c.window.count++;
    return now;
  }

  private refusal(c: Check, method: Method, project: string, now: number): ApiError {
    const service = method.startsWith("chat.") ? "chat.googleapis.com" : "meet.googleapis.com";
    const limitName = `${c.bucket} per ${c.per}`;
    return new ApiError(
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for quota metric '${c.bucket}' and limit '${limitName}' of service '${service}' for ${c.who}.`,
      {
        reason: "RATE_LIMIT_EXCEEDED",
        metadata: {
          quota_bucket: c.bucket,
          service,
          quota_limit: limitName,
          quota_limit_value: String(c.limit),
          consumer: `projects/${project}`,
        },
      },
      Math.max(1, c.window.start + c.windowMs - now),
    );
  }

  private window(key: string, now: number, windowMs: number): Window {
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  reset(): void {
    this.windows.clear();
  }
}
