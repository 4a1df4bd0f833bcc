/**
 * The one call loop of every Google API seam: pace, invoke, normalize the failure, give back or
 * keep the pacer slot, wait, retry, log. Each seam supplies only what is its own (`SeamRules`):
 * its quotas, which methods may be repeated, and how its transport's errors read. The clients'
 * own retries are off, so this policy is the only one.
 */
import { type Grant, type Pacer, processPacer } from "../core/pacer";
import { Code } from "../../google/statusCodes";
import { type SeamQuotas, bucketsFor, spaceOf } from "../core/quotas";
import { type RetryPolicy, type RetryRule, canRetry, retryDelayMs } from "../core/retry";
import { credentialErrorOf } from "../core/errors";
import type { ApiError } from "./error";

export type Log = (message: string) => void;

export const defaultLog: Log = (message) => console.error(message);

/** What the call loop needs of an API seam. */
export interface SeamRules<M extends string> {
  /**
   * The seam's quotas (core/quotas.ts), declared once: a call counts against those covering its
   * method, acting user and target space. Their API label ("" for Meet, "Chat ") also goes before
   * the method in log lines.
   */
  quotas: SeamQuotas<M>;
  shouldRetry: RetryRule<M>;
  /** What the transport threw, as the one error type (`unreached` set when nothing was sent). */
  toError(method: M, raw: unknown): ApiError;
}

/** One page of a list call. */
export interface Page<T> {
  items: T[];
  /** Empty when this was the last page. */
  nextPageToken: string;
}

/** The calls of one acting user of one seam. */
export class ApiCaller<M extends string> {
  constructor(
    private readonly rules: SeamRules<M>,
    /** The acting user, for pacing and messages; undefined = the credentials' own user. */
    readonly user: string | undefined,
    private readonly retry: RetryPolicy,
    private readonly pacer: Pacer = processPacer,
    private readonly log: Log = defaultLog,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * One call with pacing and retries. A call counts against its quotas from its answer on; one
   * refused for quota, or one that never reached the server, gives its pacer slot back. `invoke`
   * gets the deadline of one attempt.
   */
  async call<T>(method: M, target: string, invoke: (timeoutMs: number) => Promise<T>): Promise<T> {
    const started = Date.now();
    // The target names the space a per-space quota counts the call in (`spaces/X/members/Y`: spaces/X).
    const buckets = bucketsFor(this.rules.quotas, method, { user: this.user ?? "", space: spaceOf(target) });
    for (let attempt = 1; ; attempt++) {
      const grant: Grant = await this.pacer.acquire(buckets);
      let err: ApiError;
      try {
        const answer = await invoke(this.retry.callTimeoutMs);
        grant.done();
        return answer;
      } catch (raw) {
        // Credentials refused by Google's token services: nothing was sent, retrying cannot help,
        // and the message says what to change.
        const refused = credentialErrorOf(raw);
        if (refused) {
          grant.release();
          throw refused;
        }
        err = this.rules.toError(method, raw);
      }
      if (err.unreached || err.code === Code.RESOURCE_EXHAUSTED) grant.release();
      else grant.done();
      const delay = retryDelayMs(attempt, this.retry, this.random, err.retryDelayMs);
      // A call that never reached the server made nothing: it may go again whatever the method.
      const repeatable =
        Boolean(err.unreached) || this.rules.shouldRetry(method, err.code, err.retryDelayMs !== undefined);
      if (
        err.unreached?.final ||
        !repeatable ||
        !canRetry(attempt, Date.now() - started, delay, this.retry)
      ) {
        throw Object.assign(err, { attempts: attempt });
      }
      const what = err.unreached
        ? `could not reach ${err.unreached.endpoint}: ${err.unreached.cause}`
        : `answered ${err.codeName}`;
      this.log(
        `googlemeet: ${this.rules.quotas.api.label}${method} ${target} ${what}; retry ${attempt} in ${(delay / 1000).toFixed(1)}s`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Every item of a list: one call per page, each paced and retried on its own. */
  async list<T>(
    method: M,
    target: string,
    page: (pageToken: string, timeoutMs: number) => Promise<Page<T>>,
  ): Promise<T[]> {
    const all: T[] = [];
    let pageToken = "";
    do {
      const answer = await this.call(method, target, (timeoutMs) => page(pageToken, timeoutMs));
      all.push(...answer.items);
      pageToken = answer.nextPageToken;
    } while (pageToken);
    return all;
  }
}
