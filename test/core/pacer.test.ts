import * as assert from "node:assert/strict";
import { Pacer, bucketOf, waitForSlot } from "../../provider/core/pacer";

describe("pacer", () => {
  it("puts each method in Meet's quota bucket", () => {
    assert.equal(bucketOf("CreateSpace"), "creates");
    for (const m of ["GetSpace", "GetMember", "ListMembers"] as const) assert.equal(bucketOf(m), "reads");
    for (const m of ["UpdateSpace", "EndActiveConference", "CreateMember", "DeleteMember"] as const)
      assert.equal(bucketOf(m), "writes");
  });

  it("grants up to the limit in a window, then waits until the oldest grant leaves it (plus 5%)", () => {
    assert.equal(waitForSlot([], 2, 1000, 0), 0);
    assert.equal(waitForSlot([0], 2, 1000, 10), 0);
    assert.equal(waitForSlot([0, 5], 2, 1000, 10), 1040);
    assert.equal(waitForSlot([0, 5], 2, 1000, 2000), 0);
  });

  it("never lets more than the limit through in any window, per user and bucket", async () => {
    let now = 0;
    const lines: string[] = [];
    const pacer = new Pacer(
      { reads: 100, writes: 3, creates: 1, windowMs: 1000 },
      (l) => lines.push(l),
      () => now,
    );
    const grants: number[] = [];
    // A fake clock: timers still run, so let them pass quickly by advancing `now` with them.
    const tick = setInterval(() => (now += 50), 1);
    try {
      await Promise.all(
        Array.from({ length: 7 }, () =>
          pacer.acquire("a@example.com", "UpdateSpace").then(() => grants.push(now)),
        ),
      );
      await pacer.acquire("b@example.com", "UpdateSpace"); // another user is not held by a's quota
    } finally {
      clearInterval(tick);
    }
    for (let i = 3; i < grants.length; i++)
      assert.ok(grants[i] - grants[i - 3] >= 1050, `grant ${i} too early: ${grants}`);
    assert.ok(
      lines.some((l) => /waiting .*s for the writes quota of a@example.com \(3 per 1s\)/.test(l)),
      lines.join("\n"),
    );
  });
});
