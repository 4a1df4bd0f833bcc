/**
 * The emulator's Chat roles, groups and space kinds through the official @google-apps/chat client
 * (gRPC). Each rule quotes the sentence of the client's protos (google/chat/v1) it follows.
 */
import * as assert from "node:assert/strict";
import { type ChatClientFor, chatGrpcClients, messageOf, statusOf } from "../support/chatClients";
import { useEmulator } from "../support/emulator";
import { rejection } from "../support/meetClients";

const ALICE = "alice@example.com";
const BOB = "bob@example.com";
const CAROL = "carol@example.com";
const DAN = "dan@example.com";

const human = (email: string) => ({ member: { name: `users/${email}`, type: "HUMAN" } });
const mask = { updateMask: { paths: ["role"] } };

describe("emulator: Chat roles and groups", () => {
  const emu = useEmulator();
  let as: ChatClientFor;
  let close: () => void;
  before(() => {
    ({ clientFor: as, close } = chatGrpcClients(emu.grpcAddress));
  });
  after(() => close());

  async function space(type = "SPACE", memberships: object[] = [human(BOB), human(CAROL)]) {
    const [made] = await as(ALICE).setUpSpace({
      space:
        type === "SPACE" ? { spaceType: "SPACE", displayName: `Room ${Math.random()}` } : { spaceType: type },
      memberships,
    });
    return made.name as string;
  }

  it("a Manager (ROLE_ASSISTANT_MANAGER) makes managers but neither owners nor changes an owner's role, nor deletes the space", async () => {
    // "By default, managers have all the permissions of an owner except for the ability to: Delete
    // the space. Make another space member an owner. Change an owner's role." ... "By default,
    // managers permissions include ...: Make another member a manager."
    const name = await space();
    const [bob] = await as(ALICE).updateMembership({
      membership: { name: `${name}/members/${BOB}`, role: "ROLE_ASSISTANT_MANAGER" },
      ...mask,
    });
    assert.equal(bob.role, "ROLE_ASSISTANT_MANAGER");
    const [carol] = await as(BOB).updateMembership({
      membership: { name: `${name}/members/${CAROL}`, role: "ROLE_ASSISTANT_MANAGER" },
      ...mask,
    });
    assert.equal(carol.role, "ROLE_ASSISTANT_MANAGER");
    const [toOwner, why] = await failure(
      as(BOB).updateMembership({
        membership: { name: `${name}/members/${CAROL}`, role: "ROLE_MANAGER" },
        ...mask,
      }),
    );
    assert.equal(toOwner, "PERMISSION_DENIED");
    assert.match(why, /cannot make an owner or change an owner's role/);
    const [ownersRole] = await failure(
      as(BOB).updateMembership({
        membership: { name: `${name}/members/${ALICE}`, role: "ROLE_MEMBER" },
        ...mask,
      }),
    );
    assert.equal(ownersRole, "PERMISSION_DENIED");
    assert.equal((await failure(as(BOB).deleteSpace({ name })))[0], "PERMISSION_DENIED");
    const [plain] = await failure(
      as(DAN).updateMembership({
        membership: { name: `${name}/members/${CAROL}`, role: "ROLE_MEMBER" },
        ...mask,
      }),
    );
    assert.equal(plain, "PERMISSION_DENIED");
  });

  it("ROLE_ASSISTANT_MANAGER exists only in a SPACE", async () => {
    // "Only supported in SpaceType.SPACE (named spaces)."
    const group = await space("GROUP_CHAT");
    const [status] = await failure(
      as(ALICE).updateMembership({
        membership: { name: `${group}/members/${BOB}`, role: "ROLE_ASSISTANT_MANAGER" },
        ...mask,
      }),
    );
    assert.equal(status, "INVALID_ARGUMENT");
  });

  it("Google groups: SPACE only, listed only with showGroups, removed like people, always MEMBERSHIP_ROLE_UNSPECIFIED", async () => {
    // "You can only add Google groups when setting Space.spaceType to SPACE."
    const [refused] = await failure(
      as(ALICE).setUpSpace({
        space: { spaceType: "GROUP_CHAT" },
        memberships: [human(BOB), human(CAROL), { groupMember: { name: "groups/eng" } }],
      }),
    );
    assert.equal(refused, "INVALID_ARGUMENT");
    const name = await space("SPACE", [human(BOB), { groupMember: { name: "groups/eng" } }]);
    const [added] = await as(ALICE).createMembership({
      parent: name,
      membership: { groupMember: { name: "groups/ops" } },
    });
    // "For Google Groups: they're always assigned this role" (MEMBERSHIP_ROLE_UNSPECIFIED)
    assert.equal(added.groupMember?.name, "groups/ops");
    assert.equal(added.role, "MEMBERSHIP_ROLE_UNSPECIFIED");
    // "When true, also returns memberships associated with a Google Group"
    const [without] = await as(ALICE).listMemberships({ parent: name }, { autoPaginate: false });
    assert.deepEqual(
      without
        .map((m: any) => m.member?.name ?? m.groupMember?.name)
        .filter((n: string) => n?.startsWith("groups/")),
      [],
    );
    const [withGroups] = await as(ALICE).listMemberships(
      { parent: name, showGroups: true },
      { autoPaginate: false },
    );
    assert.deepEqual(
      withGroups.filter((m: any) => m.groupMember).map((m: any) => m.groupMember.name),
      ["groups/eng", "groups/ops"],
    );
    await as(ALICE).deleteMembership({ name: added.name! });
    const [after] = await as(ALICE).listMemberships(
      { parent: name, showGroups: true },
      { autoPaginate: false },
    );
    assert.deepEqual(
      after.filter((m: any) => m.groupMember).map((m: any) => m.groupMember.name),
      ["groups/eng"],
    );
  });
});

describe("emulator: Chat announcement spaces", () => {
  const emu = useEmulator();
  let as: ChatClientFor;
  let close: () => void;
  before(() => {
    ({ clientFor: as, close } = chatGrpcClients(emu.grpcAddress));
  });
  after(() => close());

  it("ANNOUNCEMENT_SPACE at setup: only managers post (postMessages, output only); not with permission_settings; SPACE only", async () => {
    // "Predefined space permission settings, input only when creating a space. If the field is not
    // set, a collaboration space is created."
    const [made] = await as(ALICE).setUpSpace({
      space: { spaceType: "SPACE", displayName: "News", predefinedPermissionSettings: "ANNOUNCEMENT_SPACE" },
      memberships: [human(BOB)],
    });
    const post = made.permissionSettings?.postMessages;
    assert.deepEqual(
      [post?.managersAllowed, post?.assistantManagersAllowed, post?.membersAllowed],
      [true, true, false],
    );
    const [plain] = await as(ALICE).setUpSpace({ space: { spaceType: "SPACE", displayName: "Plain" } });
    assert.equal(plain.permissionSettings?.postMessages?.membersAllowed, true);
    // permission_settings: "Space permission settings for existing spaces."
    const [both] = await failure(
      as(ALICE).setUpSpace({
        space: {
          spaceType: "SPACE",
          displayName: "Both",
          permissionSettings: { manageApps: { managersAllowed: true } },
        },
      }),
    );
    assert.equal(both, "INVALID_ARGUMENT");
    const [group] = await failure(
      as(ALICE).setUpSpace({
        space: { spaceType: "GROUP_CHAT", predefinedPermissionSettings: "ANNOUNCEMENT_SPACE" },
        memberships: [human(BOB), human(CAROL)],
      }),
    );
    assert.equal(group, "INVALID_ARGUMENT");
  });
});

/** The status and message of a refused call. */
async function failure(promise: Promise<unknown>): Promise<[string, string]> {
  const err = await rejection(promise);
  return [statusOf(err), messageOf(err)];
}
