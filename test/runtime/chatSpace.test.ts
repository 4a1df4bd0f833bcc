/**
 * ChatSpace through the runtime entry against the emulator: every assertion on what the API saw
 * comes from the emulator's request journal.
 */
import * as assert from "node:assert/strict";
import { PartialFailure } from "../../provider/core/errors";
import { useEmulator } from "../support/emulator";
import { rejection } from "../support/meetClients";
import { calls, checkedChat as checked, configureRuntime, runtime } from "../support/runtime";
import { assertCallsInOrder, together } from "../support/journal";

const OWNER = "owner@example.com";
const A = "a@example.com";
const B = "b@example.com";
const C = "c@example.com";

/** Chat calls only, in order, as `method mask` strings. */
async function chatCalls(emu: ReturnType<typeof useEmulator>) {
  return (await calls(emu))
    .filter((c) => c.method.startsWith("chat."))
    .map(
      (c) =>
        `${c.method.slice(5)}${c.updateMask ? ` ${c.updateMask.join(",")}` : ""}${c.email ? ` ${c.email}` : ""}${c.code === "OK" ? "" : ` ${c.code}`}`,
    );
}

const TEAM = {
  owner: OWNER,
  displayName: "Team",
  spaceDetails: { description: "Our room" },
  setupKey: "proj/dev/team",
  members: [{ email: A, role: "ROLE_MANAGER" }, { email: B }],
};

describe("ChatSpace runtime against the emulator", () => {
  const emu = useEmulator();
  const fast = { "googlemeet:quotaWindowSeconds": "0.001" };
  beforeEach(() => configureRuntime(emu, fast));

  async function created(inputs: Record<string, unknown> = TEAM) {
    const result = await runtime.chat.create(await checked(inputs));
    await emu.admin.clearRequests();
    return result;
  }

  describe("create", () => {
    it("is one SetUpSpace with the members, then the permission settings, the ids, and the manager's role", async () => {
      const { id, outs } = await runtime.chat.create(
        await checked({
          ...TEAM,
          spaceHistoryState: "HISTORY_OFF",
          permissionSettings: { manageApps: { membersAllowed: false } },
        }),
      );
      assert.deepEqual(await chatCalls(emu), [
        "SetUpSpace",
        "UpdateSpace permission_settings.manage_apps",
        "ListMemberships",
        "GetMembership",
        "GetMembership",
        "UpdateMembership role",
      ]);
      const [stored] = await emu.admin.chatSpaces();
      assert.equal(stored.name, id);
      assert.equal(stored.displayName, "Team");
      assert.equal(stored.spaceHistoryState, "HISTORY_OFF");
      assert.equal(stored.permissionSettings.manageApps.membersAllowed, false);
      assert.deepEqual(
        stored.memberships.map((m: any) => [m.email, m.role]),
        [
          [OWNER, "ROLE_MANAGER"],
          [A, "ROLE_MANAGER"],
          [B, "ROLE_MEMBER"],
        ],
      );
      assert.deepEqual(
        outs.members!.map((m: any) => [m.email, m.role, m.name === `${id}/members/${m.user.slice(6)}`]),
        [
          [A, "ROLE_MANAGER", true],
          [B, "ROLE_MEMBER", true],
        ],
      );
      assert.equal(outs.creator, stored.memberships[0].member.name);
      assert.equal(outs.spaceUri, stored.spaceUri);
      assert.deepEqual(outs.managedSettings, [
        "displayName",
        "spaceDetails.description",
        "spaceHistoryState",
        "permissionSettings.manageApps.membersAllowed",
      ]);
    });

    it("puts 49 members in SetUpSpace and adds the rest after", async () => {
      const members = Array.from({ length: 52 }, (_, i) => ({ email: `p${i}@example.com` }));
      const { outs } = await runtime.chat.create(await checked({ ...TEAM, members }));
      const journal = await chatCalls(emu);
      assert.equal(journal[0], "SetUpSpace");
      assert.deepEqual(
        journal.filter((c) => c.startsWith("CreateMembership")),
        [
          "CreateMembership users/p49@example.com",
          "CreateMembership users/p50@example.com",
          "CreateMembership users/p51@example.com",
        ],
      );
      assert.equal(journal.filter((c) => c === "GetMembership").length, 49);
      const [stored] = await emu.admin.chatSpaces();
      assert.equal(stored.memberships.length, 53);
      assert.equal(outs.members!.length, 52);
    });

    it("a lost SetUpSpace answer is retried with the same requestId: exactly one space", async () => {
      await emu.admin.addFault({
        method: "chat.SetUpSpace",
        code: "UNAVAILABLE",
        afterApply: true,
        times: 1,
      });
      const { id } = await runtime.chat.create(await checked(TEAM));
      assert.deepEqual((await chatCalls(emu)).slice(0, 2), ["SetUpSpace UNAVAILABLE", "SetUpSpace"]);
      const spaces = await emu.admin.chatSpaces();
      assert.equal(spaces.length, 1);
      assert.equal(spaces[0].name, id);
    });

    it("a create that failed after the space was made returns that space on the next run", async () => {
      configureRuntime(emu, { ...fast, "googlemeet:retryDeadlineSeconds": "0.001" });
      await emu.admin.addFault({
        method: "chat.SetUpSpace",
        code: "UNAVAILABLE",
        afterApply: true,
        times: 1,
      });
      const err = await rejection(runtime.chat.create(await checked(TEAM)));
      assert.match(
        err.message,
        /^Could not set up the Chat space "Team": chat\.SetUpSpace answered UNAVAILABLE: Injected fault: UNAVAILABLE\. The space may have been created\. Running `pulumi up` again is safe: SetUpSpace carries the request id [0-9a-f-]{36}, so Chat returns that space instead of making a second one\.$/,
      );
      const [made] = await emu.admin.chatSpaces();
      const { id } = await runtime.chat.create(await checked(TEAM));
      assert.equal(id, made.name);
      assert.equal((await emu.admin.chatSpaces()).length, 1);
    });

    it("ALREADY_EXISTS on a taken display name says so and what to do; nothing else is called", async () => {
      await created({ ...TEAM, owner: C, setupKey: "proj/dev/other", members: [] });
      const err = await rejection(runtime.chat.create(await checked(TEAM)));
      assert.equal(
        err.message,
        'Could not set up the Chat space "Team": chat.SetUpSpace answered ALREADY_EXISTS: A space named "Team" already exists in the organization; try a different displayName. Another Chat space in the organization is already named "Team" (display names are unique). Choose another displayName, or delete or rename the other space.',
      );
      assert.deepEqual(await chatCalls(emu), ["SetUpSpace ALREADY_EXISTS"]);
    });

    it("the owner listed among the members is not invited (Chat adds the caller) and not re-added", async () => {
      const { outs } = await runtime.chat.create(
        await checked({ ...TEAM, members: [{ email: OWNER, role: "ROLE_MANAGER" }, { email: B }] }),
      );
      assert.deepEqual(await chatCalls(emu), [
        "SetUpSpace",
        "ListMemberships",
        "GetMembership",
        "GetMembership",
      ]);
      const [stored] = await emu.admin.chatSpaces();
      assert.deepEqual(
        stored.memberships.map((m: any) => [m.email, m.role]),
        [
          [OWNER, "ROLE_MANAGER"],
          [B, "ROLE_MEMBER"],
        ],
      );
      assert.equal(outs.creator, stored.memberships[0].member.name);
      assert.deepEqual(
        outs.members!.map((m: any) => m.email),
        [OWNER, B],
      );
    });

    it("a GROUP_CHAT is set up without a name, everyone ROLE_MEMBER", async () => {
      const { outs } = await runtime.chat.create(
        await checked({ spaceType: "GROUP_CHAT", owner: OWNER, members: [{ email: A }, { email: B }] }),
      );
      assert.equal(outs.spaceType, "GROUP_CHAT");
      assert.deepEqual(await chatCalls(emu), [
        "SetUpSpace",
        "ListMemberships",
        "GetMembership",
        "GetMembership",
      ]);
    });

    it("a member step failing after setup is a partial failure carrying the space's id", async () => {
      await emu.admin.addFault({ method: "chat.UpdateMembership", code: "PERMISSION_DENIED" });
      const err = await rejection(runtime.chat.create(await checked(TEAM)));
      assert.ok(err instanceof PartialFailure);
      const [stored] = await emu.admin.chatSpaces();
      assert.equal(err.id, stored.name);
      assert.match(
        err.message,
        /was created, but 1 step failed:\n {2}- Could not make a@example\.com "ROLE_MANAGER" \(Owner in Chat\)/,
      );
    });
  });

  describe("diff and update", () => {
    it("no change: diff reports none, and an update anyway makes zero calls and keeps the outputs", async () => {
      const { id, outs } = await created();
      const news = await checked(TEAM);
      assert.deepEqual(await runtime.chat.diff(id, outs, news), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
        detailedDiff: {},
      });
      const updated = await runtime.chat.update(id, outs, news);
      assert.deepEqual(await chatCalls(emu), [], "nothing to change: no UpdateSpace, no membership call");
      assert.deepEqual(updated.outs, outs);
    });

    it("a name and a description change: one UpdateSpace with exactly those paths; history alone in a second", async () => {
      const { id, outs } = await created();
      const news = await checked({
        ...TEAM,
        displayName: "Renamed",
        spaceDetails: { description: "New" },
        spaceHistoryState: "HISTORY_OFF",
      });
      assert.deepEqual((await runtime.chat.diff(id, outs, news)).detailedDiff, {
        displayName: "update",
        "spaceDetails.description": "update",
        spaceHistoryState: "update",
      });
      const { outs: after } = await runtime.chat.update(id, outs, news);
      assert.deepEqual(await chatCalls(emu), [
        "UpdateSpace display_name,space_details",
        "UpdateSpace space_history_state",
      ]);
      assert.equal(after.displayName, "Renamed");
      assert.equal(after.spaceDetails.description, "New");
      assert.equal(after.spaceHistoryState, "HISTORY_OFF");
    });

    it("members: one listing, then promote, add, demote, remove, in that order", async () => {
      const { id, outs } = await created();
      const news = await checked({
        ...TEAM,
        members: [{ email: A }, { email: B, role: "ROLE_MANAGER" }, { email: C }],
      });
      const { outs: after } = await runtime.chat.update(id, outs, news);
      assert.deepEqual(await chatCalls(emu), [
        "ListMemberships",
        "UpdateMembership role",
        `CreateMembership users/${C}`,
        "UpdateMembership role",
      ]);
      assert.deepEqual(
        after.members!.map((m: any) => [m.email, m.role]),
        [
          [A, "ROLE_MEMBER"],
          [B, "ROLE_MANAGER"],
          [C, "ROLE_MEMBER"],
        ],
      );
      await emu.admin.clearRequests();
      const fewer = await checked({ ...TEAM, members: [{ email: B, role: "ROLE_MANAGER" }] });
      await runtime.chat.update(id, after, fewer);
      assert.deepEqual(await chatCalls(emu), ["ListMemberships", "DeleteMembership", "DeleteMembership"]);
      const [stored] = await emu.admin.chatSpaces();
      assert.deepEqual(
        stored.memberships.map((m: any) => m.email),
        [OWNER, B],
      );
    });

    it("replaces on spaceType SPACE to GROUP_CHAT and on externalUserAllowed, deleting first", async () => {
      const { id, outs } = await created();
      const result = await runtime.chat.diff(id, outs, {
        ...(await checked(TEAM)),
        externalUserAllowed: true,
      });
      assert.deepEqual(result, {
        changes: true,
        replaces: ["externalUserAllowed"],
        deleteBeforeReplace: true,
        detailedDiff: { externalUserAllowed: "update-replace" },
      });
    });
  });

  describe("refresh", () => {
    it("reads the space and lists its memberships at once", async () => {
      const { id, outs } = await created();
      await emu.admin.clearRequests();
      // GetSpace held back for a second: the list, sent with it, is answered first.
      await emu.admin.addFault({ method: "chat.GetSpace", latencyMs: 1000 });
      const read: any = await runtime.chat.read(id, outs);
      assert.deepEqual(await chatCalls(emu), ["ListMemberships", "GetSpace"]);
      assert.equal(read.inputs.displayName, "Team");
    });

    it("reports drift in managed settings and members; the creator is not drift; the next update puts it back", async () => {
      const { id, outs } = await created();
      const patch = await fetch(`${emu.httpUrl}/v1/${id}?updateMask=displayName`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${OWNER}`, "content-type": "application/json" },
        body: JSON.stringify({ displayName: "Hijacked" }),
      });
      assert.equal(patch.status, 200);
      const add = await fetch(`${emu.httpUrl}/v1/${id}/members`, {
        method: "POST",
        headers: { authorization: `Bearer ${OWNER}`, "content-type": "application/json" },
        body: JSON.stringify({ member: { name: `users/${C}`, type: "HUMAN" } }),
      });
      assert.equal(add.status, 200);
      await emu.admin.clearRequests();
      const read: any = await runtime.chat.read(id, outs);
      assertCallsInOrder(await chatCalls(emu), [together("GetSpace", "ListMemberships")]);
      assert.equal(read.inputs.displayName, "Hijacked");
      const stranger = ((await add.json()) as any).member.name;
      assert.deepEqual(read.inputs.members, [
        { email: A, role: "ROLE_MANAGER" },
        { email: B, role: "ROLE_MEMBER" },
        { email: stranger, role: "ROLE_MEMBER" },
      ]);
      const news = await checked(TEAM);
      assert.equal((await runtime.chat.diff(id, read.props, news)).changes, true);
      await emu.admin.clearRequests();
      await runtime.chat.update(id, read.props, news);
      assert.deepEqual(await chatCalls(emu), [
        "UpdateSpace display_name",
        "ListMemberships",
        "DeleteMembership",
      ]);
      const [stored] = await emu.admin.chatSpaces();
      assert.equal(stored.displayName, "Team");
      assert.deepEqual(
        stored.memberships.map((m: any) => m.email),
        [OWNER, A, B],
      );
    });

    it("a space deleted elsewhere reads as gone", async () => {
      const { id, outs } = await created();
      await runtime.chat.delete(id, outs);
      assert.deepEqual(await runtime.chat.read(id, outs), { id: "" });
    });
  });

  describe("delete", () => {
    it("DELETE (default) is one DeleteSpace; deleting again is harmless", async () => {
      const { id, outs } = await created();
      await runtime.chat.delete(id, outs);
      await runtime.chat.delete(id, outs);
      assert.deepEqual(await chatCalls(emu), ["DeleteSpace", "DeleteSpace NOT_FOUND"]);
      assert.deepEqual(await emu.admin.chatSpaces(), []);
    });

    it("ABANDON makes no call and leaves the space", async () => {
      const { id, outs } = await created({ ...TEAM, deletionPolicy: "ABANDON" });
      await runtime.chat.delete(id, outs);
      assert.deepEqual(await chatCalls(emu), []);
      assert.equal((await emu.admin.chatSpaces()).length, 1);
    });
  });

  it("speaks Chat's JSON REST surface whatever googlemeet:transport says (its newer fields need it)", async () => {
    for (const settings of [
      fast,
      { ...fast, "googlemeet:transport": "rest", "googlemeet:endpoint": emu.httpUrl },
    ]) {
      await emu.admin.clearRequests();
      configureRuntime(emu, settings);
      const { id, outs } = await runtime.chat.create(await checked(TEAM));
      const news = await checked({ ...TEAM, displayName: "Over REST" });
      await runtime.chat.update(id, outs, news);
      await runtime.chat.delete(id, outs);
      const journal = (await emu.admin.requests()).filter((e) => e.method.startsWith("chat."));
      assert.deepEqual(
        journal.map((e) => e.transport),
        journal.map(() => "rest"),
      );
      assert.deepEqual(journal.at(-2)!.updateMask, ["display_name"]);
    }
  });
});
