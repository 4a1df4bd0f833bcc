/**
 * ChatSpace's full roles and Google groups through the runtime entry against the emulator: what
 * the API saw comes from the emulator's request journal, what the space has from its admin view.
 *
 * Google (membership.proto, `@google-apps/chat` 0.22): ROLE_ASSISTANT_MANAGER "A space manager. In
 * the Chat UI, this role is called Manager. ... Only supported in SpaceType.SPACE (named spaces)."
 * group_member: "The Google Group the membership corresponds to." space_setup.proto: "You can only
 * add Google groups when setting Space.spaceType to SPACE." ListMembershipsRequest.show_groups:
 * "When true, also returns memberships associated with a Google Group".
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { calls, checkedChat as checked, configureRuntime, runtime } from "../support/runtime";
import { assertCallsInOrder, together } from "../support/journal";

const OWNER = "owner@example.com";
const A = "a@example.com";
const B = "b@example.com";

async function chatCalls(emu: ReturnType<typeof useEmulator>) {
  return (await calls(emu))
    .filter((c) => c.method.startsWith("chat."))
    .map((c) => `${c.method.slice(5)}${c.email ? ` ${c.email}` : ""}${c.code === "OK" ? "" : ` ${c.code}`}`);
}

const SPACE = {
  owner: OWNER,
  displayName: "Leads",
  setupKey: "proj/dev/leads",
  members: [{ email: A, role: "ROLE_ASSISTANT_MANAGER" }, { group: "groups/eng" }, { email: B }],
};

describe("ChatSpace runtime: assistant managers and Google groups", () => {
  const emu = useEmulator();
  beforeEach(() => configureRuntime(emu, { "googlemeet:quotaWindowSeconds": "0.001" }));

  it("sets up a SPACE with a group among its memberships and makes the person a Manager (ROLE_ASSISTANT_MANAGER)", async () => {
    const { id, outs } = await runtime.chat.create(await checked(SPACE));
    const journal = await chatCalls(emu);
    assert.equal(journal[0], "SetUpSpace");
    assert.equal(
      journal.filter((c) => c.startsWith("CreateMembership")).length,
      0,
      "the group came with SetUpSpace",
    );
    assert.equal(journal.at(-1), "UpdateMembership");
    const [stored] = await emu.admin.chatSpaces();
    assert.deepEqual(
      stored.memberships.map((m: any) => [m.email ?? m.groupMember?.name, m.role ?? null]),
      [
        [OWNER, "ROLE_MANAGER"],
        [A, "ROLE_ASSISTANT_MANAGER"],
        ["groups/eng", null],
        [B, "ROLE_MEMBER"],
      ],
    );
    assert.deepEqual(
      outs.members!.map((m: any) => [m.email, m.group ?? null, m.role]),
      [
        [A, null, "ROLE_ASSISTANT_MANAGER"],
        ["groups/eng", "groups/eng", "MEMBERSHIP_ROLE_UNSPECIFIED"],
        [B, null, "ROLE_MEMBER"],
      ],
    );
    // Nothing changed: no diff, so a group is not shown as drift.
    const again = await runtime.chat.diff(id, outs, await checked(SPACE));
    assert.equal(again.detailedDiff.members, undefined);

    // Refresh lists the group (show_groups) and reads the inputs back as declared.
    await emu.admin.clearRequests();
    const read: any = await runtime.chat.read(id, outs);
    assertCallsInOrder(await chatCalls(emu), [together("GetSpace", "ListMemberships")]);
    assert.deepEqual(read.inputs.members, [
      { email: A, role: "ROLE_ASSISTANT_MANAGER" },
      { group: "groups/eng" },
      { email: B, role: "ROLE_MEMBER" },
    ]);
  });

  it("adds and removes a group like a person, with CreateMembership and DeleteMembership", async () => {
    const { id, outs } = await runtime.chat.create(await checked(SPACE));
    await emu.admin.clearRequests();
    const swapped = await checked({
      ...SPACE,
      members: [{ email: A, role: "ROLE_ASSISTANT_MANAGER" }, { group: "groups/ops" }, { email: B }],
    });
    assert.equal((await runtime.chat.diff(id, outs, swapped)).detailedDiff.members, "update");
    const { outs: after } = await runtime.chat.update(id, outs, swapped);
    assert.deepEqual(await chatCalls(emu), [
      "ListMemberships",
      "CreateMembership groups/ops",
      "DeleteMembership",
    ]);
    const [stored] = await emu.admin.chatSpaces();
    assert.deepEqual(
      stored.memberships.filter((m: any) => m.groupMember).map((m: any) => m.groupMember.name),
      ["groups/ops"],
    );
    assert.deepEqual(
      after.members!.map((m: any) => m.email),
      [A, "groups/ops", B],
    );
  });

  it("demotes an Owner to Manager after promoting the new Owner, never leaving the space without one", async () => {
    const { id, outs } = await runtime.chat.create(
      await checked({
        ...SPACE,
        members: [
          { email: OWNER, role: "ROLE_MANAGER" },
          { email: A, role: "ROLE_MANAGER" },
        ],
      }),
    );
    await emu.admin.clearRequests();
    const news = await checked({
      ...SPACE,
      members: [
        { email: OWNER, role: "ROLE_ASSISTANT_MANAGER" },
        { email: A, role: "ROLE_MANAGER" },
      ],
    });
    await runtime.chat.update(id, outs, news);
    const [stored] = await emu.admin.chatSpaces();
    assert.deepEqual(
      stored.memberships.map((m: any) => [m.email, m.role]),
      [
        [OWNER, "ROLE_ASSISTANT_MANAGER"],
        [A, "ROLE_MANAGER"],
      ],
    );
  });
});
