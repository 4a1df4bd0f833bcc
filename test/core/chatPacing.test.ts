/**
 * The pacer under Chat's quotas (provider/chat/methods.ts), on a virtual clock: per space per
 * second, per user per minute, per project per minute. Figures and sentences from Google's
 * usage-limits page, developers.google.com/workspace/chat/limits.
 */
import * as assert from "node:assert/strict";
import { ApiCaller } from "../../provider/api/call";
import type { ApiError } from "../../provider/api/error";
import type { BucketRef, Grant, Pacer } from "../../provider/core/pacer";
import { type QuotaSubject, bucketsFor, spaceOf } from "../../provider/core/quotas";
import { RETRY_DEFAULTS } from "../../provider/core/retry";
import type { ChatRpc } from "../../google/chat";
import { CHAT_QUOTAS, chatQuotas, shouldRetryChat } from "../../provider/chat/methods";
import { virtualPacer } from "../support/virtualPacer";

const MINUTE = 60_000;

/** The buckets one Chat call counts against, as the call loop asks for them. */
const chatBuckets = (rpc: ChatRpc, subject: QuotaSubject, windowMs: number) =>
  bucketsFor(chatQuotas(windowMs), rpc, subject);

/** The most grants any `windowMs` span holds. */
function mostInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((t, i) => sorted.slice(i).filter((u) => u < t + windowMs).length));
}

const keysAndLimits = (rpc: ChatRpc, target: string) =>
  chatBuckets(rpc, { user: "a@example.com", space: spaceOf(target) }, MINUTE).map((b) => [
    b.key,
    b.limit,
    b.windowMs,
  ]);

describe("pacer: Chat's quotas per space, per user and per project", () => {
  it("holds Google's figures: per space 15 reads and 1 write a second, per user 34 creations a minute", () => {
    // "Reads per second … 15"; "Writes per second … 1"; "Create less than 35 spaces per minute".
    assert.deepEqual(CHAT_QUOTAS, {
      project: { spaceWrites: 60, spaceReads: 3000, membershipWrites: 300, membershipReads: 3000 },
      space: { reads: 15, writes: 1 },
      user: { spaceCreates: 34 },
    });
  });

  it("counts each call in its space (named by its target), its user and the project, narrowest first", () => {
    assert.deepEqual(keysAndLimits("GetMembership", "spaces/X/members/b@example.com"), [
      ["chat/space/spaces/X/reads", 15, 1000],
      ["chat/project/membershipReads", 3000, MINUTE],
    ]);
    assert.deepEqual(keysAndLimits("ListMemberships", "spaces/X"), [
      ["chat/space/spaces/X/reads", 15, 1000],
      ["chat/project/membershipReads", 3000, MINUTE],
    ]);
    assert.deepEqual(keysAndLimits("UpdateSpace", "spaces/X"), [
      ["chat/space/spaces/X/writes", 1, 1000],
      ["chat/project/spaceWrites", 60, MINUTE],
    ]);
    assert.deepEqual(keysAndLimits("SetUpSpace", "spaces:setup"), [
      ["chat/user/a@example.com/spaceCreates", 34, MINUTE],
      ["chat/project/spaceWrites", 60, MINUTE],
    ]);
    // spaces.members.create is in no per-space list: only the project's membership writes.
    assert.deepEqual(keysAndLimits("CreateMembership", "spaces/X"), [
      ["chat/project/membershipWrites", 300, MINUTE],
    ]);
    assert.deepEqual(
      chatBuckets("GetSpace", { user: "", space: "spaces/X" }, 1000).map((b) => b.windowMs),
      [1000 / 60, 1000],
      "a shortened quota window (googlemeet:quotaWindowSeconds) shortens the per-space second alike",
    );
  });

  it("the call loop names the space of the call's target to the pacer", async () => {
    const seen: BucketRef[][] = [];
    const pacer = {
      acquire: (buckets: readonly BucketRef[]): Promise<Grant> => {
        seen.push([...buckets]);
        return Promise.resolve({ done: () => {}, release: () => {} });
      },
    } as unknown as Pacer;
    const caller = new ApiCaller<ChatRpc>(
      {
        quotas: chatQuotas(MINUTE),
        shouldRetry: shouldRetryChat,
        toError: (_rpc, raw) => raw as ApiError,
      },
      "a@example.com",
      RETRY_DEFAULTS,
      pacer,
    );
    await caller.call("DeleteMembership", "spaces/Y/members/123", async () => "ok");
    await caller.call("GetMembership", "spaces/Y/members/b@example.com", async () => "ok");
    assert.deepEqual(
      seen.map((buckets) => buckets.map((b) => b.key)),
      [["chat/project/membershipWrites"], ["chat/space/spaces/Y/reads", "chat/project/membershipReads"]],
    );
  });

  it("never lets more than 15 reads a second into one space, and holds no other space back", async () => {
    const { lines, grant } = virtualPacer();
    const busy: number[] = [];
    const quiet: number[] = [];
    const read = (space: string, into: number[]) =>
      grant(chatBuckets("GetMembership", { user: "a@example.com", space }, MINUTE), into);
    await Promise.all([
      ...Array.from({ length: 50 }, () => read("spaces/BUSY", busy)),
      ...Array.from({ length: 10 }, () => read("spaces/QUIET", quiet)),
    ]);
    assert.equal(busy.length, 50);
    assert.equal(mostInAnyWindow(busy, 1010), 15, `grants too close: ${busy}`);
    assert.ok(Math.max(...busy) >= 3 * 1010, "50 reads at 15 a second take more than 3 seconds");
    assert.deepEqual(quiet, Array(10).fill(0), "the quiet space's reads waited for nothing");
    assert.ok(
      lines.some((l) => /waiting .*s for the Chat reads quota of spaces\/BUSY \(15 per 1s\)/.test(l)),
      lines.join("\n"),
    );
  });

  it("spaces writes to one space a second apart, and a user's creations at 34 a minute", async () => {
    const { lines, grant } = virtualPacer();
    const patches: number[] = [];
    const creations: number[] = [];
    await Promise.all([
      ...Array.from({ length: 3 }, () =>
        grant(chatBuckets("UpdateSpace", { user: "a@example.com", space: "spaces/X" }, MINUTE), patches),
      ),
      ...Array.from({ length: 40 }, () =>
        grant(chatBuckets("SetUpSpace", { user: "b@example.com" }, MINUTE), creations),
      ),
    ]);
    assert.deepEqual(patches, [0, 1010, 2020], "one write a second (plus the pacer's 1% margin)");
    assert.equal(mostInAnyWindow(creations, MINUTE * 1.01), 34);
    assert.equal(creations.length, 40);
    assert.ok(
      lines.some((l) =>
        /waiting .*s for the Chat spaceCreates quota of b@example.com \(34 per 60s\)/.test(l),
      ),
      lines.join("\n"),
    );
  });
});
