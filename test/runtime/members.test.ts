/** Members: MeetSpace's authoritative list and MeetSpaceMember, against the emulator's journal. */
import * as assert from "node:assert/strict";
import { PartialFailure } from "../../provider/core/errors";
import { useEmulator } from "../support/emulator";
import { checked, configureRuntime, runtime } from "../support/runtime";
import { assertCallsInOrder, together } from "../support/journal";

const OWNER = "emulator-user@example.com";
const emails = (n: number, prefix = "p") =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}@example.com`);

function count(journal: { method: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of journal) counts[r.method] = (counts[r.method] ?? 0) + 1;
  return counts;
}

async function addMemberBehindOurBack(httpUrl: string, space: string, email: string, role?: string) {
  const res = await fetch(`${httpUrl}/v2/${space}/members`, {
    method: "POST",
    headers: { authorization: `Bearer ${OWNER}`, "content-type": "application/json" },
    body: JSON.stringify({ email, ...(role ? { role } : {}) }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { name: string };
}

const START = [
  { email: "keep@example.com" },
  { email: "gone1@example.com" },
  { email: "gone2@example.com", role: "COHOST" },
  { email: "promote@example.com" },
];
const DESIRED = [
  { email: "KEEP@example.com" },
  { email: "promote@example.com", role: "COHOST" },
  { email: "new1@example.com" },
  { email: "new2@example.com", role: "COHOST" },
  { email: "new3@example.com" },
];
const STORED_AFTER = [
  "keep@example.com",
  "new1@example.com",
  "new2@example.com:COHOST",
  "new3@example.com",
  "promote@example.com:COHOST",
];

describe("members against the emulator", () => {
  const emu = useEmulator();
  before(() => configureRuntime(emu));

  async function room(inputs: Record<string, unknown>) {
    const created = await runtime.space.create(await checked("space", inputs));
    await emu.admin.clearRequests();
    return created;
  }

  async function storedMembers(space: string) {
    const stored = (await emu.admin.spaces()).find((s) => s.name === space)!;
    return stored.members.map((m) => `${m.email}${m.role === "COHOST" ? ":COHOST" : ""}`).sort();
  }

  describe("MeetSpace.members", () => {
    it("create adds the members after the space exists, with no ListMembers", async () => {
      const members = [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }];
      const { id, outs } = await runtime.space.create(
        await checked("space", { config: { moderation: "ON" }, members }),
      );
      const journal = await emu.admin.requests();
      assert.equal(journal[0].method, "CreateSpace");
      assert.deepEqual(count(journal), { CreateSpace: 1, CreateMember: 2 });
      assert.deepEqual(await storedMembers(id), ["a@example.com:COHOST", "b@example.com"]);
      assert.deepEqual(outs.members!.map((m) => [m.email, m.role]).sort(), [
        ["a@example.com", "COHOST"],
        ["b@example.com", undefined],
      ]);
      assert.ok(outs.members!.every((m) => m.name.startsWith(`${id}/members/`)));
    });

    it("3 added, 2 removed, 1 role change: 1 ListMembers, 3 CreateMember, 2 DeleteMember, 1 UpdateMember (mask role), nothing else", async () => {
      const { id, outs } = await room({ members: START });
      const news = await checked("space", { members: DESIRED });
      assert.equal((await runtime.space.diff(id, outs, news)).changes, true);
      const updated = await runtime.space.update(id, outs, news);
      const journal = await emu.admin.requests();
      assert.deepEqual(count(journal), { ListMembers: 1, CreateMember: 3, DeleteMember: 2, UpdateMember: 1 });
      assert.equal(journal[0].method, "ListMembers");
      assert.ok(journal.every((r) => r.code === "OK" && r.version === "v2"));
      const patch = journal.find((r) => r.method === "UpdateMember")!;
      assert.deepEqual(patch.updateMask, ["role"]);
      assert.equal(patch.name, outs.members!.find((m) => m.email === "promote@example.com")!.name);
      assert.deepEqual(
        journal
          .filter((r) => r.method === "CreateMember")
          .map((r) => r.email)
          .sort(),
        ["new1@example.com", "new2@example.com", "new3@example.com"],
      );
      assert.deepEqual(await storedMembers(id), STORED_AFTER);
      assert.equal(updated.outs.members!.length, 5);
      assert.equal(
        updated.outs.members!.find((m) => m.email === "promote@example.com")!.name,
        patch.name,
        "the member kept its name: changed in place",
      );
    });

    it("several role changes in one room are one members:batchUpdate (mask role), both directions", async () => {
      const start = [
        { email: "a@example.com" },
        { email: "b@example.com" },
        { email: "c@example.com", role: "COHOST" },
        { email: "d@example.com" },
      ];
      const { id, outs } = await room({ members: start });
      const desired = [
        { email: "a@example.com", role: "COHOST" },
        { email: "b@example.com", role: "COHOST" },
        { email: "c@example.com" },
        { email: "d@example.com" },
      ];
      const updated = await runtime.space.update(id, outs, await checked("space", { members: desired }));
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.updateMask?.join() ?? "", r.code]),
        [
          ["ListMembers", "", "OK"],
          ["BatchUpdateMembers", "role", "OK"],
        ],
      );
      assert.deepEqual(await storedMembers(id), [
        "a@example.com:COHOST",
        "b@example.com:COHOST",
        "c@example.com",
        "d@example.com",
      ]);
      assert.deepEqual(
        updated.outs.members!.map((m) => [m.email, m.role]),
        desired.map((m) => [m.email, m.role]),
      );
    });

    it("an unchanged list while settings change makes no member call", async () => {
      const members = [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }];
      const { id, outs } = await room({ config: { accessType: "OPEN" }, members });
      await runtime.space.update(
        id,
        outs,
        await checked("space", { config: { accessType: "RESTRICTED" }, members: [...members].reverse() }),
      );
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => r.method),
        ["UpdateSpace"],
      );
    });

    it("510 members: listed in pages of 500 (2 ListMembers, not 3 at the default 250); 508 promotions in 2 batchUpdates of at most 500", async () => {
      const start = emails(510).map((email) => ({ email }));
      const { id, outs } = await room({ members: start });
      assert.equal((await storedMembers(id)).length, 510);
      const desired: { email: string; role?: string }[] = [
        ...start.slice(5),
        ...emails(3, "extra").map((email) => ({ email })),
      ];
      const updated = await runtime.space.update(id, outs, await checked("space", { members: desired }));
      assert.deepEqual(count(await emu.admin.requests()), {
        ListMembers: 2,
        DeleteMember: 5,
        CreateMember: 3,
      });
      assert.deepEqual(await storedMembers(id), desired.map((m) => m.email).sort());

      await emu.admin.clearRequests();
      const promoted = desired.map((m) => ({ email: m.email, role: "COHOST" }));
      const promotedRoom = await runtime.space.update(
        id,
        updated.outs,
        await checked("space", { members: promoted }),
      );
      const journal = await emu.admin.requests();
      assert.deepEqual(count(journal), { ListMembers: 2, BatchUpdateMembers: 2 });
      assert.ok(journal.every((r) => r.code === "OK"));
      assert.deepEqual(await storedMembers(id), promoted.map((m) => `${m.email}:COHOST`).sort());

      // Demoting them all with the second batch refused: the first batch's 500 are recorded as
      // changed, and only the other 8 are named as failed.
      await emu.admin.addFault({
        method: "BatchUpdateMembers",
        code: "PERMISSION_DENIED",
        skip: 1,
        times: 1,
      });
      await assert.rejects(
        runtime.space.update(id, promotedRoom.outs, await checked("space", { members: desired })),
        (err: any) => {
          assert.equal(err.reasons.length, 8);
          const roles = (err.properties.members as { role?: string }[]).map((m) => m.role ?? "none");
          assert.deepEqual(
            {
              none: roles.filter((r) => r === "none").length,
              COHOST: roles.filter((r) => r === "COHOST").length,
            },
            { none: 500, COHOST: 8 },
          );
          return true;
        },
      );
      const stored = await storedMembers(id);
      assert.equal(stored.filter((m) => m.endsWith(":COHOST")).length, 8);
    });

    it("a failure on the 3rd of 5 creates names that email; the next update creates only what is missing", async () => {
      const { id, outs } = await room({});
      await emu.admin.addFault({
        method: "CreateMember",
        code: "INTERNAL",
        skip: 2,
        times: 1,
        message: "backend exploded",
      });
      const desired = emails(5).map((email) => ({ email }));
      const news = await checked("space", { members: desired });
      let failure: PartialFailure | undefined;
      await runtime.space.update(id, outs, news).catch((err) => {
        failure = err;
      });
      assert.ok(failure instanceof PartialFailure, "a partial failure carrying the id");
      const failed = (await emu.admin.requests()).find((r) => r.code === "INTERNAL")!;
      assert.match(failure.message, new RegExp(`adding ${failed.email} failed: INTERNAL: backend exploded`));
      assert.match(failure.message, /1 member change failed/);
      assert.equal(failure.id, id);
      const recorded = failure.properties as any;
      assert.deepEqual(
        recorded.members.map((m: any) => m.email).sort(),
        desired.map((m) => m.email).filter((e) => e !== failed.email),
      );
      assert.equal(recorded.name, id);

      await emu.admin.clearRequests();
      assert.equal((await runtime.space.diff(id, recorded, news)).changes, true);
      await runtime.space.update(id, recorded, news);
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.email]),
        [
          ["ListMembers", undefined],
          ["CreateMember", failed.email],
        ],
      );
      assert.equal((await storedMembers(id)).length, 5);
    });

    it("a lost CreateMember answer is retried, and the ALREADY_EXISTS that follows counts as done", async () => {
      const { id, outs } = await room({});
      await emu.admin.addFault({ method: "CreateMember", code: "UNAVAILABLE", afterApply: true, times: 1 });
      const updated = await runtime.space.update(
        id,
        outs,
        await checked("space", { members: [{ email: "z@example.com", role: "COHOST" }] }),
      );
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.code]),
        [
          ["ListMembers", "OK"],
          ["CreateMember", "UNAVAILABLE"],
          ["CreateMember", "ALREADY_EXISTS"],
          ["ListMembers", "OK"],
        ],
      );
      assert.deepEqual(
        updated.outs.members!.map((m) => [m.email, m.role]),
        [["z@example.com", "COHOST"]],
      );
      assert.deepEqual(await storedMembers(id), ["z@example.com:COHOST"]);
    });

    it("a create whose members partly fail records the room with its id", async () => {
      await emu.admin.addFault({ method: "CreateMember", code: "PERMISSION_DENIED", match: "b@example.com" });
      const inputs = await checked("space", {
        members: [{ email: "a@example.com" }, { email: "b@example.com" }],
      });
      await assert.rejects(
        runtime.space.create({ ...inputs, __provider: "stub-text" }),
        (err: PartialFailure) => {
          assert.ok(err instanceof PartialFailure);
          assert.match(err.id, /^spaces\/\w+$/);
          assert.match(
            err.message,
            /The room spaces\/\w+ was created, but 1 member change failed:\n {2}- adding b@example.com failed: PERMISSION_DENIED/,
          );
          assert.equal(
            (err.properties as any).__provider,
            "stub-text",
            "the host needs __provider to delete it later",
          );
          assert.deepEqual(
            (err.properties as any).members.map((m: any) => m.email),
            ["a@example.com"],
          );
          return true;
        },
      );
      assert.equal((await emu.admin.spaces()).length, 1);
    });

    it("refresh reports members added or removed behind our back as changed inputs", async () => {
      const { id, outs } = await room({
        members: [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }],
      });
      await addMemberBehindOurBack(emu.httpUrl, id, "intruder@example.com");
      const b = outs.members!.find((m) => m.email === "b@example.com")!;
      await fetch(`${emu.httpUrl}/v2/${b.name}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${OWNER}` },
      });
      await emu.admin.clearRequests();

      const read = await runtime.space.read(id, outs);
      assertCallsInOrder(
        (await emu.admin.requests()).map((r) => r.method),
        [together("GetSpace", "ListMembers")],
      );
      assert.deepEqual(read.inputs!.members, [
        { email: "a@example.com", role: "COHOST" },
        { email: "intruder@example.com" },
      ]);

      const program = await checked("space", {
        members: [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }],
      });
      await emu.admin.clearRequests();
      await runtime.space.update(id, read.props!, program);
      assert.deepEqual(count(await emu.admin.requests()), {
        ListMembers: 1,
        DeleteMember: 1,
        CreateMember: 1,
      });
      assert.deepEqual(await storedMembers(id), ["a@example.com:COHOST", "b@example.com"]);
    });

    it("RETIRE removes the managed members and locks the room", async () => {
      const { id, outs } = await room({
        members: [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }],
      });
      await runtime.space.delete(id, outs);
      assert.deepEqual(count(await emu.admin.requests()), {
        UpdateSpace: 1,
        ListMembers: 1,
        DeleteMember: 2,
      });
      assert.deepEqual(await storedMembers(id), []);
    });

    // Each pair goes in one round trip: with the first call of the pair held back for a second by
    // the emulator, the second is answered (and journaled) first. One after the other, it could not be.
    it("refresh reads the room and lists its members at once", async () => {
      const { id, outs } = await room({ members: [{ email: "a@example.com", role: "COHOST" }] });
      await emu.admin.addFault({ method: "GetSpace", latencyMs: 1000 });
      const read = await runtime.space.read(id, outs);
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => r.method),
        ["ListMembers", "GetSpace"],
      );
      assert.deepEqual(read.inputs!.members, [{ email: "a@example.com", role: "COHOST" }]);
    });

    it("RETIRE locks the room and lists its members at once; no member goes before the lock has answered", async () => {
      const { id, outs } = await room({
        members: [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }],
      });
      await emu.admin.addFault({ method: "UpdateSpace", latencyMs: 1000 });
      await runtime.space.delete(id, outs);
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => r.method),
        ["ListMembers", "UpdateSpace", "DeleteMember", "DeleteMember"],
      );
      assert.deepEqual(await storedMembers(id), []);
    });

    it("RETIRE whose lock is refused removes no member; the list's own failure beside it is not left unhandled", async () => {
      const { id, outs } = await room({ members: [{ email: "a@example.com", role: "COHOST" }] });
      // The list fails while the lock is still held back; the lock then fails too, so nothing
      // awaits the list. Mocha swallows unhandled rejections; a provider host would die of one.
      await emu.admin.addFault({
        method: "UpdateSpace",
        code: "PERMISSION_DENIED",
        latencyMs: 300,
        times: 1,
      });
      await emu.admin.addFault({ method: "ListMembers", code: "PERMISSION_DENIED", times: 1 });
      const unhandled: unknown[] = [];
      const note = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", note);
      try {
        await assert.rejects(runtime.space.delete(id, outs), /retire the room/);
      } finally {
        process.off("unhandledRejection", note);
      }
      assert.deepEqual(unhandled, []);
      assert.deepEqual((await emu.admin.requests()).map((r) => `${r.method} ${r.code}`).sort(), [
        "ListMembers PERMISSION_DENIED",
        "UpdateSpace PERMISSION_DENIED",
      ]);
      assert.deepEqual(await storedMembers(id), ["a@example.com:COHOST"]);
    });

    it("an update of settings and members lists the members while the settings change", async () => {
      const { id, outs } = await room({
        config: { accessType: "TRUSTED" },
        members: [{ email: "a@example.com", role: "COHOST" }],
      });
      await emu.admin.addFault({ method: "UpdateSpace", latencyMs: 1000 });
      const news = await checked("space", {
        config: { accessType: "OPEN" },
        members: [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }],
      });
      await runtime.space.update(id, outs, news);
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => r.method),
        ["ListMembers", "UpdateSpace", "CreateMember"],
      );
      assert.deepEqual(await storedMembers(id), ["a@example.com:COHOST", "b@example.com"]);
    });

    it("warns (does not fail) past Meet's 25 co-hosts", async () => {
      const warnings: string[] = [];
      const original = console.error;
      console.error = (line: string) => warnings.push(line);
      try {
        const { failures } = await runtime.space.check(
          {},
          { members: emails(26).map((email) => ({ email, role: "COHOST" })) },
        );
        assert.deepEqual(failures, []);
      } finally {
        console.error = original;
      }
      assert.deepEqual(warnings, [
        "warning: MeetSpace: members lists 26 co-hosts; Meet allows at most 25 co-hosts in a meeting, so some will join without co-host powers",
      ]);
    });
  });

  describe("MeetSpaceMember", () => {
    it("create, then delete (NOT_FOUND on a second delete counts as done)", async () => {
      const { id: space } = await room({});
      const { id, outs } = await runtime.member.create(
        await checked("member", { space, email: "c@example.com", role: "COHOST" }),
      );
      assert.match(id, new RegExp(`^${space}/members/\\w+$`));
      assert.deepEqual(
        { ...outs, user: undefined },
        { name: id, space, email: "c@example.com", role: "COHOST", user: undefined },
      );
      await runtime.member.delete(id, outs);
      await runtime.member.delete(id, outs);
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.code]),
        [
          ["CreateMember", "OK"],
          ["DeleteMember", "OK"],
          ["DeleteMember", "NOT_FOUND"],
        ],
      );
      assert.deepEqual(await storedMembers(space), []);
    });

    it("takes over an existing member with the same role", async () => {
      const { id: space } = await room({});
      const existing = await addMemberBehindOurBack(emu.httpUrl, space, "Dee@example.com", "COHOST");
      await emu.admin.clearRequests();
      const { id } = await runtime.member.create(
        await checked("member", { space, email: "dee@example.com", role: "COHOST" }),
      );
      assert.equal(id, existing.name);
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.code]),
        [
          ["CreateMember", "ALREADY_EXISTS"],
          ["ListMembers", "OK"],
        ],
      );
    });

    it("refuses a member that exists with another role, saying so", async () => {
      const { id: space } = await room({});
      await addMemberBehindOurBack(emu.httpUrl, space, "eve@example.com");
      await assert.rejects(
        runtime.member.create(await checked("member", { space, email: "eve@example.com", role: "COHOST" })),
        new RegExp(
          `Could not add eve@example.com to ${space}: eve@example.com is already a member of ${space} with role none \\(contributor or viewer\\), not COHOST`,
        ),
      );
    });

    it("a role change is one UpdateMember in place (mask role); any other change replaces, deleting first; email case alone is no change", async () => {
      const { id: space } = await room({});
      const { id, outs } = await runtime.member.create(
        await checked("member", { space, email: "f@example.com" }),
      );
      assert.deepEqual(await runtime.member.diff(id, outs, { space, email: "F@EXAMPLE.COM" }), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: true,
        detailedDiff: {},
      });
      const promoted = { space, email: "f@example.com", role: "COHOST" as const };
      assert.deepEqual(await runtime.member.diff(id, outs, promoted), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: true,
        detailedDiff: { role: "add" },
      });
      await emu.admin.clearRequests();
      const updated = await runtime.member.update(id, outs, promoted);
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.name, r.updateMask?.join(), r.code]),
        [["UpdateMember", id, "role", "OK"]],
      );
      assert.deepEqual({ ...updated.outs, user: undefined }, { ...outs, role: "COHOST", user: undefined });
      assert.deepEqual(await storedMembers(space), ["f@example.com:COHOST"]);
      assert.deepEqual(
        (await runtime.member.diff(id, outs, { space: "spaces/BBBBBBBBBBBB", email: "g@example.com" }))
          .replaces,
        ["space", "email"],
      );
    });

    it("refresh finds a member removed behind our back", async () => {
      const { id: space } = await room({});
      const { id, outs } = await runtime.member.create(
        await checked("member", { space, email: "h@example.com" }),
      );
      assert.deepEqual((await runtime.member.read(id, outs)).inputs, { space, email: "h@example.com" });
      await fetch(`${emu.httpUrl}/v2/${id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${OWNER}` },
      });
      assert.deepEqual(await runtime.member.read(id, outs), { id: "" });
    });
  });
});

describe("members on v2beta (googlemeet:apiVersion = v2beta): no member update, pages of 100", () => {
  const emu = useEmulator();
  before(() => configureRuntime(emu, { "googlemeet:apiVersion": "v2beta" }));
  after(() => configureRuntime(emu));

  it("a role change is a delete then a create: 1 ListMembers, 3+1 CreateMember, 2+1 DeleteMember, all v2beta", async () => {
    const { id, outs } = await runtime.space.create(await checked("space", { members: START }));
    await emu.admin.clearRequests();
    await runtime.space.update(id, outs, await checked("space", { members: DESIRED }));
    const journal = await emu.admin.requests();
    assert.deepEqual(count(journal), { ListMembers: 1, CreateMember: 4, DeleteMember: 3 });
    assert.ok(journal.every((r) => r.code === "OK" && r.version === "v2beta" && r.transport === "grpc"));
    const stored = (await emu.admin.spaces()).find((s) => s.name === id)!;
    assert.deepEqual(
      stored.members.map((m) => `${m.email}${m.role === "COHOST" ? ":COHOST" : ""}`).sort(),
      STORED_AFTER,
    );
  });

  it("130 members are listed in 2 pages of 100; MeetSpaceMember's role change replaces", async () => {
    const start = emails(130).map((email) => ({ email }));
    const { id, outs } = await runtime.space.create(await checked("space", { members: start }));
    await emu.admin.clearRequests();
    await runtime.space.read(id, outs);
    assert.deepEqual(count(await emu.admin.requests()), { GetSpace: 1, ListMembers: 2 });

    const member = outs.members![0];
    const memberOuts = { name: member.name, space: id, email: member.email };
    assert.deepEqual(
      await runtime.member.diff(member.name, memberOuts, { space: id, email: member.email, role: "COHOST" }),
      { changes: true, replaces: ["role"], deleteBeforeReplace: true, detailedDiff: { role: "add-replace" } },
    );
  });
});
