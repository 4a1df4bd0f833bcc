/**
 * The process pacer on a virtual clock, for tests: no real time passes. A sleep moves `now` to its
 * end at once (time only moves forward) and records how long it was asked to wait; the pacer's
 * log lines are kept.
 */
import { type BucketRef, Pacer } from "../../provider/core/pacer";

export function virtualPacer() {
  const clock = { now: 0, sleeps: [] as number[] };
  const lines: string[] = [];
  const pacer = new Pacer(
    (line) => lines.push(line),
    () => clock.now,
    (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
  );
  /** Acquires a grant for `buckets`, notes the virtual time it was granted in `into`, and answers the call at once. */
  const grant = (buckets: readonly BucketRef[], into: number[]) =>
    pacer.acquire(buckets).then((g) => {
      into.push(clock.now);
      g.done();
    });
  return { clock, lines, pacer, grant };
}
