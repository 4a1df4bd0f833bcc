/**
 * Quotas as documented for the Meet API, in fixed one-minute windows: per user per project
 * (reads 600, writes 100, creates 10) and per project, all users together (reads 6000, writes
 * 1000, creates 100). A call must fit both; a refused call counts against neither.
 * `timeScale` speeds the clock up (60 = a "minute" lasts one second).
 */
import { CHAT_DEFAULT_LIMITS, CHAT_METHOD_BUCKET, type ChatQuotaBucket } from "../chat/model";
import { ApiError } from "../wire/errors";
import type { Method } from "./identity";

export type QuotaBucket = "reads" | "writes" | "creates" | ChatQuotaBucket;

export interface QuotaOptions {
  /** Default false: quotas are off unless enabled. */
  enabled?: boolean;
  /** Default 1 (real time). 60 makes a quota minute last 1 s. */
  timeScale?: number;
  /** Per user per minute. Defaults: reads 600, writes 100, creates 10. */
  limits?: Partial<Record<QuotaBucket, number>>;
  /** Per project per minute, all users together. Defaults: reads 6000, writes 1000, creates 100. */
  projectLimits?: Partial<Record<QuotaBucket, number>>;
}

export const DEFAULT_LIMITS: Record<QuotaBucket, number> = {
  reads: 600,
  writes: 100,
  creates: 10,
  // Google documents Chat's limits per project only; a user gets the same ceiling.
  ...CHAT_DEFAULT_LIMITS,
};
const DEFAULT_PROJECT_LIMITS: Record<QuotaBucket, number> = {
  reads: 6000,
  writes: 1000,
  creates: 100,
  ...CHAT_DEFAULT_LIMITS,
};

const METHOD_BUCKET: Record<Method, QuotaBucket> = {
  GetSpace: "reads",
  GetMember: "reads",
  ListMembers: "reads",
  UpdateSpace: "writes",
  EndActiveConference: "writes",
  CreateMember: "writes",
  DeleteMember: "writes",
  UpdateMember: "writes",
  BatchUpdateMembers: "writes",
  CreateSpace: "creates",
  ...CHAT_METHOD_BUCKET,
};

interface Window {
  start: number;
  count: number;
}

export class Quota {
  private windows = new Map<string, Window>();
  private readonly windowMs: number;
  private readonly limits: Record<QuotaBucket, number>;
  private readonly projectLimits: Record<QuotaBucket, number>;

  constructor(
    private options: QuotaOptions = {},
    private now: () => number = Date.now,
  ) {
    this.windowMs = 60_000 / (options.timeScale ?? 1);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.projectLimits = { ...DEFAULT_PROJECT_LIMITS, ...options.projectLimits };
  }

  get enabled(): boolean {
    return this.options.enabled === true;
  }

  /**
   * Counts the call against the user's and the project's window, or throws RESOURCE_EXHAUSTED
   * (with the time until the full window frees) and counts nothing. The project's limit is
   * reported when both are reached.
   */
  take(user: string, method: Method, project: string): void {
    if (!this.enabled) return;
    const bucket = METHOD_BUCKET[method];
    const now = this.now();
    const projectWindow = this.window(`project\u0000${project}\u0000${bucket}`, now);
    const userWindow = this.window(`user\u0000${user.toLowerCase()}\u0000${bucket}`, now);
    const service = bucket.startsWith("chat") ? "chat.googleapis.com" : "meet.googleapis.com";
    const refuse = (window: Window, limit: number, scope: "project" | "user", who: string) => {
      const limitName = `${bucket} per minute per ${scope}`;
      return new ApiError(
        "RESOURCE_EXHAUSTED",
        `Quota exceeded for quota metric '${bucket}' and limit '${limitName}' of service '${service}' for ${who}.`,
        {
          reason: "RATE_LIMIT_EXCEEDED",
          metadata: {
            quota_bucket: bucket,
            service,
            quota_limit: limitName,
            quota_limit_value: String(limit),
            consumer: `projects/${project}`,
          },
        },
        Math.max(1, window.start + this.windowMs - now),
      );
    };
    if (projectWindow.count >= this.projectLimits[bucket])
      throw refuse(
        projectWindow,
        this.projectLimits[bucket],
        "project",
        `consumer 'project_number:${project}'`,
      );
    if (userWindow.count >= this.limits[bucket])
      throw refuse(userWindow, this.limits[bucket], "user", `user ${user}`);
    projectWindow.count++;
    userWindow.count++;
  }

  private window(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  reset(): void {
    this.windows.clear();
  }
}
