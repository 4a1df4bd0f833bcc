/**
 * Chat's quotas through the real Pulumi engine: a fleet of Chat spaces of one owner, each with
 * more members than Chat's setup takes, against the emulator's quotas (per space per second, per
 * user and per project per minute, from developers.google.com/workspace/chat/limits). Part of
 * `npm run test:engine`.
 */
import * as assert from "node:assert/strict";
import type { JournalEntry } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { applyFleet, removeState, roomChanges } from "./fleet";

/** The most journal entries any window of `windowMs` holds (entries sorted by when they were counted). */
function busiestWindow(entries: readonly JournalEntry[], windowMs: number): number {
  const times = entries.map((e) => e.at!).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe("Chat quotas through the engine", function () {
  this.timeout(300_000);
  // A quota minute lasts 30 s on both sides, the emulator's clock (timeScale 2) and the provider's
  // window (googlemeet:quotaWindowSeconds 30), and a per-space second 500 ms: slow enough that this
  // fleet, unpaced, goes past both the per-user and the per-space limits (measured: 36 setups in
  // 22 s; 20 to 36 reads a second in each space at the default 4 member calls at once).
  const MINUTE = 30_000;
  const SECOND = MINUTE / 60;
  const emu = useEmulator({ quota: { enabled: true, timeScale: 2 } });
  let stack: string;
  beforeEach(() => {
    stack = `chat-quota-${process.pid}-${Date.now()}`;
  });
  afterEach(() => removeState(stack));

  it("up of 36 Chat spaces of one owner with 55 members each: 0 refusals, every space whole, the quotas set the pace", async () => {
    // 36 creations by one user pass "Create less than 35 spaces per minute"; each space's 49
    // members set up with it are looked up one by one (GetMembership, 16 at once), past the
    // per-space "Reads per second … 15"; the other 6 are added by CreateMembership.
    const fleet = {
      rooms: 0,
      cohosts: 55,
      config: {
        "fleet:chats": "36",
        "googlemeet:quotaWindowSeconds": String(MINUTE / 1000),
        "googlemeet:memberConcurrency": "16",
      },
    };
    const result = await applyFleet(stack, emu.grpcAddress, fleet);
    assert.deepEqual(roomChanges(result), { create: 36 });

    const spaces = await emu.admin.chatSpaces();
    assert.equal(spaces.length, 36, "one space per ChatSpace, none duplicated");
    for (const space of spaces) {
      const i = Number(/Fleet chat (\d+)/.exec(space.displayName)![1]);
      assert.deepEqual(
        space.memberships.map((m: any) => m.email).sort(),
        [
          "owner0@example.com",
          ...Array.from({ length: 55 }, (_, j) => `cohost${j}.chat${i}@example.com`),
        ].sort(),
        `members of ${space.displayName}`,
      );
    }

    const journal = (await emu.admin.requests()).filter((e) => e.method.startsWith("chat."));
    const refused = journal.filter((e) => e.code === "RESOURCE_EXHAUSTED");
    assert.equal(
      refused.length,
      0,
      `the pacer kept Chat's calls under its quotas (${refused.length} refused)`,
    );

    // Per user: every SetUpSpace is owner0's, 36 of them, never more than 34 in a quota minute.
    const setups = journal.filter((e) => e.method === "chat.SetUpSpace");
    assert.deepEqual([...new Set(setups.map((e) => e.caller))], ["owner0@example.com"]);
    assert.equal(setups.length, 36);
    assert.ok(busiestWindow(setups, MINUTE) <= 34, "no quota minute held 35 creations by one user");

    // Per space: every space had more reads than one second allows, none more in any second, and
    // the busiest seconds were full: the quota, not the calls' own speed, set the pace.
    const reads = ["chat.GetSpace", "chat.GetMembership", "chat.ListMemberships"];
    const busiest = spaces.map((space) => {
      const inSpace = journal.filter(
        (e) => reads.includes(e.method) && (e.name === space.name || e.name.startsWith(`${space.name}/`)),
      );
      assert.ok(inSpace.length > 15, `${space.name}: ${inSpace.length} reads, more than one second's 15`);
      return busiestWindow(inSpace, SECOND);
    });
    assert.equal(
      Math.max(...busiest),
      15,
      `at most 15 reads in any second of a space, and some full: ${busiest}`,
    );

    // Per project: the minute's buckets held too.
    const writes = journal.filter((e) =>
      ["chat.CreateMembership", "chat.DeleteMembership"].includes(e.method),
    );
    assert.equal(writes.length, 36 * 6, "the members past setup's 49 were added one by one");
    assert.ok(busiestWindow(writes, MINUTE) <= 300);
    assert.ok(
      busiestWindow(
        journal.filter((e) => ["chat.GetMembership", "chat.ListMemberships"].includes(e.method)),
        MINUTE,
      ) <= 3000,
    );
  });
});
