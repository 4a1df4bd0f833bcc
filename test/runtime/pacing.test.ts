/**
 * One pacer per process, under the emulator's time-scaled quotas (a quota "minute" lasts one
 * second): fleets driven through the runtime entry the way Pulumi's dynamic-provider host drives
 * it (each resource kind's provider configured on its own, all operations concurrent) are paced
 * under both the per-user and the per-project limits, so the emulator refuses nothing.
 */
import * as assert from "node:assert/strict";
import type { JournalEntry } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { checked, runtime } from "../support/runtime";

/** The stack config, as every provider instance receives it. */
function configureBothKinds(grpcAddress: string, config: Record<string, string>): void {
  process.env.GOOGLE_MEET_EMULATOR_HOST = grpcAddress;
  const get = (key: string) => config[key];
  // The host configures each distinct provider once: MeetSpace's and MeetSpaceMember's apart.
  runtime.space.configure({ config: { get } });
  runtime.member.configure({ config: { get } });
}

function refusals(journal: JournalEntry[]): JournalEntry[] {
  return journal.filter((r) => r.code === "RESOURCE_EXHAUSTED");
}

function countBy(journal: JournalEntry[], key: (r: JournalEntry) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of journal) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return counts;
}

describe("pacing under quota (one pacer per process)", function () {
  this.timeout(120_000);

  describe("MeetSpace and MeetSpaceMember together, one owner, under the per-user limits", () => {
    // Per user: 10 creates, 30 writes, 600 reads a "minute" of one second (writes lowered so that
    // both kinds' member calls compete for the same bucket in every window).
    const emu = useEmulator({ quota: { enabled: true, timeScale: 60, limits: { writes: 30 } } });

    it("25 rooms with 3 members each and one MeetSpaceMember each, all at once, the member provider configured mid-run: 0 refusals", async () => {
      const config: Record<string, string> = {
        "googlemeet:quotaWindowSeconds": "1",
        "googlemeet:createQuota": "10",
        "googlemeet:writeQuota": "30",
        "googlemeet:readQuota": "600",
      };
      process.env.GOOGLE_MEET_EMULATOR_HOST = emu.grpcAddress;
      const get = (key: string) => config[key];
      // The host configures each distinct serialized provider once, on its first use: MeetSpace's
      // now, MeetSpaceMember's when the first member resource arrives (below), mid-apply.
      runtime.space.configure({ config: { get } });
      let memberConfigured = false;
      const rooms = 25;
      await Promise.all(
        Array.from({ length: rooms }, async (_, i) => {
          const { id } = await runtime.space.create(
            await checked("space", {
              config: { accessType: "TRUSTED" },
              members: [0, 1, 2].map((j) => ({ email: `m${j}.room${i}@example.com` })),
            }),
          );
          if (!memberConfigured) {
            memberConfigured = true;
            runtime.member.configure({ config: { get } });
          }
          await runtime.member.create(
            await checked("member", { space: id, email: `cohost.room${i}@example.com`, role: "COHOST" }),
          );
        }),
      );
      const journal = await emu.admin.requests();
      // 100 writes and 25 creates for one user: several windows' worth of each.
      assert.deepEqual(
        countBy(journal, (r) => `${r.method} ${r.code}`),
        {
          "CreateSpace OK": 25,
          "CreateMember OK": 100,
        },
      );
      assert.deepEqual(refusals(journal), [], "the emulator refused nothing");
      const spaces = await emu.admin.spaces();
      assert.equal(spaces.length, rooms);
      assert.ok(spaces.every((s) => s.members.length === 4));
    });
  });

  describe("rooms spread over 20 owners, under the project's limit", () => {
    // Per user 5 creates a second, per project 20: 20 owners could send 100 a second, the project
    // takes 20. Reads and writes stay at Meet's defaults.
    const emu = useEmulator({
      quota: { enabled: true, timeScale: 60, limits: { creates: 5 }, projectLimits: { creates: 20 } },
    });

    it("60 rooms over 20 owners, with a member each, all at once: 0 refusals, each owner's rooms its own", async () => {
      configureBothKinds(emu.grpcAddress, {
        "googlemeet:quotaWindowSeconds": "1",
        "googlemeet:createQuota": "5",
        "googlemeet:projectCreateQuota": "20",
        "googlemeet:writeQuota": "100",
        "googlemeet:readQuota": "600",
      });
      const owners = 20;
      const rooms = 60;
      await Promise.all(
        Array.from({ length: rooms }, async (_, i) => {
          const owner = `owner${i % owners}@example.com`;
          const { id } = await runtime.space.create(await checked("space", { owner }));
          await runtime.member.create(
            await checked("member", {
              space: id,
              owner,
              email: `cohost.room${i}@example.com`,
              role: "COHOST",
            }),
          );
        }),
      );
      const journal = await emu.admin.requests();
      assert.deepEqual(refusals(journal), [], "the emulator refused nothing");
      assert.deepEqual(
        countBy(journal, (r) => `${r.method} ${r.code}`),
        {
          "CreateSpace OK": 60,
          "CreateMember OK": 60,
        },
      );
      const byOwner = countBy(
        journal.filter((r) => r.method === "CreateSpace"),
        (r) => r.caller,
      );
      assert.equal(Object.keys(byOwner).length, owners);
      assert.ok(Object.values(byOwner).every((n) => n === 3));
      assert.equal((await emu.admin.spaces()).length, rooms);
    });
  });

  describe("a call refused for quota", () => {
    const emu = useEmulator();

    it("gives its pacer slot back and waits only for the server's retry delay, not for a new window", async () => {
      // One create per 10-minute window: had the refused call kept its slot, the retry would wait
      // ten minutes (and this test would time out).
      configureBothKinds(emu.grpcAddress, {
        "googlemeet:quotaWindowSeconds": "600",
        "googlemeet:createQuota": "1",
        "googlemeet:projectCreateQuota": "100000",
      });
      await emu.admin.addFault({
        method: "CreateSpace",
        code: "RESOURCE_EXHAUSTED",
        times: 1,
        retryDelayMs: 50,
      });
      const { id } = await runtime.space.create(await checked("space", { owner: "refused@example.com" }));
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.caller, r.code]),
        [
          ["CreateSpace", "refused@example.com", "RESOURCE_EXHAUSTED"],
          ["CreateSpace", "refused@example.com", "OK"],
        ],
      );
      assert.match(id, /^spaces\//);
    });
  });
});
