/**
 * Keeps calls under Google's quotas, so a large stack runs at the quota's pace instead of hitting
 * a storm of RESOURCE_EXHAUSTED answers. ONE pacer serves the whole provider process: every
 * resource kind and every provider instance share it (the seam holds the instance; `configure`
 * only updates its limits).
 *
 * The pacer knows only named buckets, each `{limit, windowMs}`; which buckets a call counts
 * against is each API seam's own, declared per project, per user or per space in one shape
 * (quotas.ts; meet/methods.ts keys `meet/…`, chat/methods.ts `chat/…`). A call must fit all of its.
 *
 * A token bucket would allow up to twice the limit in some window, so each bucket keeps a sliding
 * log: at most `limit` calls in any window, plus a small margin for clock skew. A call counts as
 * made "now" while it is in flight, and from its answer on once answered (`Grant.done`): the
 * server counted it somewhere in between, so spacing from the answer holds however long the
 * network took, even where a call takes longer than a window (Chat's per-space second). A call the
 * server refused for quota gives its slot back (`Grant.release`).
 */

/**
 * Extra spacing beyond the window, as a fraction of it: for the server's window edges and clock
 * rates. Network time needs none: calls count from their answers.
 */
const WINDOW_MARGIN = 0.01;

/** Shorter waits are not worth a log line. */
const LOG_WAITS_FROM_MS = 500;

/** One bucket a call must fit: `limit` grants in any `windowMs`. `key` names it across the process. */
export interface BucketRef {
  key: string;
  limit: number;
  windowMs: number;
  /** For the log line: "the writes quota of a@example.com". */
  label: string;
}

/** How long the next grant must wait, given the grants already made (oldest first). Pure. */
export function waitForSlot(grants: readonly number[], limit: number, windowMs: number, now: number): number {
  const window = windowMs * (1 + WINDOW_MARGIN);
  const inWindow = grants.filter((t) => t > now - window);
  if (inWindow.length < limit) return 0;
  return inWindow[inWindow.length - limit] + window - now;
}

/** A granted slot. */
export interface Grant {
  /** The call was answered: it counts from now (the latest moment the server can have counted it). */
  done(): void;
  /** The call did not count (refused for quota, or it never reached the server): the slot is free. */
  release(): void;
}

/** One logged call: when it was sent, then when it was answered. */
interface Entry {
  at: number;
  answered: boolean;
}

export class Pacer {
  private readonly grants = new Map<string, Entry[]>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly log: (message: string) => void = () => {},
    private readonly now: () => number = Date.now,
    /** Waits `ms` on the same clock as `now` (tests pass a virtual one). */
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /**
   * Resolves when a call may be sent: when every bucket in `buckets` has room. Callers queue in
   * order per first bucket (the user's), so waiting is fair and the log says who waited.
   */
  acquire(buckets: readonly BucketRef[]): Promise<Grant> {
    const queueKey = buckets[0].key;
    const previous = this.queues.get(queueKey) ?? Promise.resolve();
    const turn = previous.then(() => this.take(buckets));
    this.queues.set(
      queueKey,
      turn.catch(() => {}),
    );
    return turn;
  }

  /** The longest wait among the buckets, and the bucket causing it. */
  private longestWait(buckets: readonly BucketRef[]): { wait: number; bucket: BucketRef } {
    let worst = { wait: 0, bucket: buckets[0] };
    for (const b of buckets) {
      const log = this.grants.get(b.key) ?? [];
      // Fewer calls logged than the limit: room whatever their times (the common case, no sort).
      if (log.length < b.limit) continue;
      const now = this.now();
      // In flight: the server may count it at any moment until its answer.
      const times = log.map((e) => (e.answered ? e.at : now)).sort((x, y) => x - y);
      const wait = waitForSlot(times, b.limit, b.windowMs, now);
      if (wait > worst.wait) worst = { wait, bucket: b };
    }
    return worst;
  }

  private async take(buckets: readonly BucketRef[]): Promise<Grant> {
    let { wait, bucket } = this.longestWait(buckets);
    if (wait >= LOG_WAITS_FROM_MS) {
      this.log(
        `googlemeet: pacing: waiting ${(wait / 1000).toFixed(1)}s for ${bucket.label} (${bucket.limit} per ${bucket.windowMs / 1000}s)`,
      );
    }
    while (wait > 0) {
      await this.sleep(wait);
      ({ wait } = this.longestWait(buckets));
    }
    // No await between the last check and here: concurrent callers cannot overshoot a bucket.
    const entry: Entry = { at: this.now(), answered: false };
    for (const b of buckets) {
      const window = b.windowMs * (1 + WINDOW_MARGIN);
      // Calls that left the window are dropped once the log reaches the limit: below it they
      // cannot cause a wait, and the log stays no longer than the limit.
      let log = this.grants.get(b.key) ?? [];
      if (log.length >= b.limit) log = log.filter((e) => !e.answered || e.at > entry.at - window);
      log.push(entry);
      this.grants.set(b.key, log);
    }
    let settled = false;
    return {
      done: () => {
        if (settled) return;
        settled = true;
        entry.at = Math.max(entry.at, this.now());
        entry.answered = true;
      },
      release: () => {
        if (settled) return;
        settled = true;
        for (const b of buckets) {
          const log = this.grants.get(b.key);
          const i = log?.indexOf(entry) ?? -1;
          if (log && i >= 0) log.splice(i, 1);
        }
      },
    };
  }
}

/**
 * The process's one pacer: shared by every API seam (each with its own buckets), every resource kind, provider instance and acting user. Never rebuilt: `configure`
 * changes only the limits each call's buckets carry. Waits are logged on stderr.
 */
export const processPacer = new Pacer((message) => console.error(message));
