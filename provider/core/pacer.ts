/**
 * Keeps calls under Meet's per-user quotas, so a large stack runs at the quota's pace instead of
 * hitting a storm of RESOURCE_EXHAUSTED answers. One pacer serves the whole provider process.
 *
 * Meet counts calls per user per minute in three buckets. A token bucket would allow up to twice
 * the limit in some 60-second window, so this keeps a sliding log: at most `limit` grants in any
 * window, with a small margin for the time a call takes to reach the server.
 */
import type { MeetMethod } from "./retry";

export type QuotaBucket = "reads" | "writes" | "creates";

export interface QuotaLimits {
  /** GetSpace, GetMember, ListMembers per window. Meet's default: 600. */
  reads: number;
  /** UpdateSpace, EndActiveConference, CreateMember, DeleteMember per window. Meet's default: 100. */
  writes: number;
  /** CreateSpace per window. Meet's default: 10. */
  creates: number;
  /** The quota window in ms. Meet's: one minute. */
  windowMs: number;
}

export const MEET_QUOTAS: QuotaLimits = { reads: 600, writes: 100, creates: 10, windowMs: 60_000 };

/** Extra spacing beyond the window, as a fraction of it, for clock and network skew. */
const WINDOW_MARGIN = 0.05;

/** Shorter waits are not worth a log line. */
const LOG_WAITS_FROM_MS = 500;

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

/** How long the next grant must wait, given the grants already made (oldest first). Pure. */
export function waitForSlot(grants: readonly number[], limit: number, windowMs: number, now: number): number {
  const window = windowMs * (1 + WINDOW_MARGIN);
  const inWindow = grants.filter((t) => t > now - window);
  if (inWindow.length < limit) return 0;
  return inWindow[inWindow.length - limit] + window - now;
}

export class Pacer {
  private readonly grants = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private limits: QuotaLimits = MEET_QUOTAS,
    private readonly log: (message: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  setLimits(limits: QuotaLimits): void {
    this.limits = limits;
  }

  /**
   * Resolves when a call of `method` for `user` may be sent. Callers queue in order per bucket,
   * so waiting is fair and the log says who waited.
   */
  acquire(user: string, method: MeetMethod): Promise<void> {
    const bucket = bucketOf(method);
    const key = `${user}\u0000${bucket}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const turn = previous.then(() => this.take(key, user, bucket));
    this.queues.set(
      key,
      turn.catch(() => {}),
    );
    return turn;
  }

  private async take(key: string, user: string, bucket: QuotaBucket): Promise<void> {
    const limit = this.limits[bucket];
    const grants = this.grants.get(key) ?? [];
    let wait = waitForSlot(grants, limit, this.limits.windowMs, this.now());
    if (wait > 0) {
      if (wait >= LOG_WAITS_FROM_MS) {
        this.log(
          `googlemeet: pacing: waiting ${(wait / 1000).toFixed(1)}s for the ${bucket} quota of ${user || "the credentials' user"} (${limit} per ${this.limits.windowMs / 1000}s)`,
        );
      }
      while (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = waitForSlot(grants, limit, this.limits.windowMs, this.now());
      }
    }
    const now = this.now();
    const window = this.limits.windowMs * (1 + WINDOW_MARGIN);
    const kept = grants.filter((t) => t > now - window);
    kept.push(now);
    this.grants.set(key, kept);
  }
}
