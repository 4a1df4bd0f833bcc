import * as assert from "node:assert/strict";
import { Pacer, waitForSlot } from "../../provider/core/pacer";
import { virtualPacer } from "../support/virtualPacer";
import { MEET_QUOTAS, type QuotaLimits, bucketOf, meetQuotas } from "../../provider/meet/methods";
import { bucketsFor } from "../../provider/core/quotas";
import type { MeetMethod } from "../../google/meet";

/** The buckets one Meet call of `user` counts against, as the call loop asks for them. */
const meetBuckets = (user: string, method: MeetMethod, quotas: QuotaLimits) =>
  bucketsFor(meetQuotas(quotas), method, { user });

const limits = (over: Partial<QuotaLimits> = {}): QuotaLimits => ({
  reads: 100,
  writes: 3,
  creates: 1,
  windowMs: 1000,
  project: { reads: 1000, writes: 1000, creates: 1000 },
  ...over,
});

/** True when no `windowMs * 1.01` span holds more than `limit` of `times`. */
function neverOver(times: number[], limit: number, windowMs: number): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.every((t, i) => i < limit || t - sorted[i - limit] >= windowMs * 1.01);
}

describe("pacer", () => {
  it("puts each method in Meet's quota bucket", () => {
    assert.equal(bucketOf("CreateSpace"), "creates");
    for (const m of ["GetSpace", "GetMember", "ListMembers"] as const) assert.equal(bucketOf(m), "reads");
    for (const m of [
      "UpdateSpace",
      "EndActiveConference",
      "CreateMember",
      "DeleteMember",
      "UpdateMember",
      "BatchUpdateMembers",
    ] as const)
      assert.equal(bucketOf(m), "writes");
  });

  it("holds Meet's documented limits: per user 600/100/10, per project 6000/1000/100 a minute", () => {
    assert.deepEqual(MEET_QUOTAS, {
      reads: 600,
      writes: 100,
      creates: 10,
      windowMs: 60_000,
      project: { reads: 6000, writes: 1000, creates: 100 },
    });
    assert.deepEqual(
      meetBuckets("a@example.com", "CreateSpace", MEET_QUOTAS).map((b) => [b.key, b.limit]),
      [
        ["meet/user/a@example.com/creates", 10],
        ["meet/project/creates", 100],
      ],
      "bucket names are namespaced by API so Chat can add its own",
    );
  });

  it("grants up to the limit in a window, then waits until the oldest grant leaves it (plus 1%)", () => {
    assert.equal(waitForSlot([], 2, 1000, 0), 0);
    assert.equal(waitForSlot([0], 2, 1000, 10), 0);
    assert.equal(waitForSlot([0, 5], 2, 1000, 10), 1000);
    assert.equal(waitForSlot([0, 5], 2, 1000, 2000), 0);
  });

  it("never lets more than the limit through in any window, per user and bucket", async () => {
    const { clock, lines, pacer, grant } = virtualPacer();
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () => grant(meetBuckets("a@example.com", "UpdateSpace", limits()), grants)),
    );
    // another user is not held by a's quota
    const before = clock.now;
    await pacer.acquire(meetBuckets("b@example.com", "UpdateSpace", limits()));
    assert.equal(clock.now, before);
    assert.ok(neverOver(grants, 3, 1000), `grants too close: ${grants}`);
    assert.ok(
      lines.some((l) => /waiting .*s for the writes quota of a@example.com \(3 per 1s\)/.test(l)),
      lines.join("\n"),
    );
  });

  it("holds the project's limit across 20 users, each under their own (fake clock)", async () => {
    const { lines, grant } = virtualPacer();
    // Per user 10 creates a window, per project 100: 20 users x 8 creates = 160 > 100.
    const quotas = limits({ creates: 10, project: { reads: 1000, writes: 1000, creates: 100 } });
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, u) =>
        Promise.all(
          Array.from({ length: 8 }, () =>
            grant(meetBuckets(`owner${u}@example.com`, "CreateSpace", quotas), grants),
          ),
        ),
      ),
    );
    assert.equal(grants.length, 160);
    assert.ok(neverOver(grants, 100, 1000), "never more than 100 creates in a window, all users together");
    assert.ok(
      lines.some((l) => /for the project's creates quota \(100 per 1s\)/.test(l)),
      lines.join("\n"),
    );
  });

  it("a released grant (refused for quota) frees its slot at once", async () => {
    const { clock, pacer } = virtualPacer();
    const buckets = meetBuckets("a@example.com", "CreateSpace", limits({ creates: 1 }));
    const first = await pacer.acquire(buckets);
    first.release();
    first.release(); // twice is harmless
    (await pacer.acquire(buckets)).done();
    assert.deepEqual(clock.sleeps, [], "the slot came back: no wait for the window");
    (await pacer.acquire(buckets)).done();
    assert.deepEqual(clock.sleeps, [1010], "a slot that was not released holds the window (plus 1%)");
  });

  it("a call counts from its answer: a slow call delays the next by the window after it was answered", async () => {
    const { clock, pacer } = virtualPacer();
    const buckets = meetBuckets("a@example.com", "CreateSpace", limits({ creates: 1, windowMs: 1000 }));
    const slow = await pacer.acquire(buckets);
    clock.now = 300; // the answer came 300 ms after sending
    slow.done();
    clock.now = 1100; // a window after sending, but not after the answer
    await pacer.acquire(buckets);
    assert.deepEqual(clock.sleeps, [300 + 1010 - 1100], "waited for the window that started at the answer");
    assert.equal(clock.now, 300 + 1010);
  });
  it("a call still in flight holds its slot however long it takes, then counts from its answer", async () => {
    let now = 0;
    // Each sleep lets other work run, as a real timer would (the answer arrives meanwhile).
    const pacer = new Pacer(
      () => {},
      () => now,
      (ms) => {
        now += ms;
        return new Promise((resolve) => setImmediate(resolve));
      },
    );
    const buckets = meetBuckets("a@example.com", "CreateSpace", limits({ creates: 1, windowMs: 1000 }));
    const slow = await pacer.acquire(buckets);
    now = 5000; // five windows after sending, still no answer: the server may count it now
    let granted = false;
    const next = pacer.acquire(buckets).then(() => {
      granted = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(granted, false, "no second call while the first may still be counted");
    const answeredAt = now;
    slow.done();
    await next;
    assert.ok(now >= answeredAt + 1010, `the next went a window after the answer (${answeredAt}, ${now})`);
  });
});
