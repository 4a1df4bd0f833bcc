/**
 * Chat's full roles, Google groups, announcement spaces and access permission settings through the
 * real Pulumi CLI and YAML language host, with the native plugin from this checkout, against the
 * emulator: each step asserts exactly the Chat calls the emulator saw, in order.
 *
 * Google: ROLE_ASSISTANT_MANAGER "A space manager. In the Chat UI, this role is called Manager."
 * (membership.proto); groups "You can only add Google groups when setting Space.spaceType to
 * SPACE." (space_setup.proto); predefined_permission_settings is "input only when creating a
 * space" (space.proto); access_permission_settings: "Principals allowed to join the space must
 * also be allowed to discover it. ... The supported field masks include:
 * `access_settings.access_permission_settings.discoverSpaceSetting`,
 * `access_settings.access_permission_settings.joinSpaceSetting`" (UpdateSpaceRequest.update_mask).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { useStackEmulator } from "../support/emulator";
import { editFile, engineEnv, nativeYamlHead, tempBackend, tempDir } from "../support/engine";
import { chatCalls as journal } from "../support/journal";
import { pulumi } from "../support/pulumiCli";

const PROGRAM = `${nativeYamlHead("chat-kinds")}resources:
  news:
    type: googlemeet:index:ChatSpace
    properties:
      displayName: Company news
      predefinedPermissionSettings: ANNOUNCEMENT_SPACE
      accessSettings:
        accessPermissionSettings:
          discoverSpaceSetting:
            principals:
              - audience: audiences/default
              - audience: audiences/eng
          joinSpaceSetting:
            principals:
              - audience: audiences/eng
      members:
        - email: editor@example.com
          role: ROLE_ASSISTANT_MANAGER
        - group: groups/eng
        - email: reader@example.com
outputs:
  newsId: \${news.name}
`;

const DISCOVER = "access_settings.access_permission_settings.discover_space_setting";
const JOIN = "access_settings.access_permission_settings.join_space_setting";
/**
 * The space's creation: set up with the group and people, then who may discover and join (Google
 * takes it only after setup), the listing, one lookup per person, and the Manager's role.
 */
const CREATE = [
  "SetUpSpace",
  `UpdateSpace ${DISCOVER},${JOIN}`,
  "ListMemberships",
  "GetMembership",
  "GetMembership",
  "UpdateMembership role",
];

describe("engine: Chat roles, groups, announcement spaces and access permissions (Pulumi YAML)", function () {
  this.timeout(300_000);
  const emu = useStackEmulator();
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = tempDir("chat-kinds-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PROGRAM);
    env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress });
    await pulumi(dir, env, ["stack", "init", "dev"]);
  });

  const chatCalls = () => journal(emu.admin, "seen");
  const edit = (from: string, to: string) => editFile(path.join(dir, "Pulumi.yaml"), from, to);
  /** The creator as owner, the Manager, the group (no role) and the reader, as declared. */
  const assertMembers = (space: any) =>
    assert.deepEqual(
      space.memberships.map((m: any) => [m.email ?? m.groupMember?.name, m.role ?? null]),
      [
        ["emulator-user@example.com", "ROLE_MANAGER"],
        ["editor@example.com", "ROLE_ASSISTANT_MANAGER"],
        ["groups/eng", null],
        ["reader@example.com", "ROLE_MEMBER"],
      ],
    );
  const news = async () => {
    const spaces = await emu.admin.chatSpaces();
    assert.equal(spaces.length, 1);
    return spaces[0];
  };

  it("up: an announcement space set up with its group, a Manager made, then who may discover and join", async () => {
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), CREATE);
    const space = await news();
    assertMembers(space);
    // An announcement space: "only space managers can post messages".
    assert.deepEqual(space.permissionSettings.postMessages, {
      managersAllowed: true,
      assistantManagersAllowed: true,
      membersAllowed: false,
    });
    assert.deepEqual(space.accessSettings, {
      accessState: "DISCOVERABLE",
      accessPermissionSettings: {
        discoverSpaceSetting: {
          principals: [{ audience: { name: "audiences/default" } }, { audience: { name: "audiences/eng" } }],
        },
        joinSpaceSetting: { principals: [{ audience: { name: "audiences/eng" } }] },
      },
    });
  });

  it("a second up calls nothing", async () => {
    const out = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.match(out, /2 unchanged/);
    assert.deepEqual(await chatCalls(), []);
  });

  it("join widened: preview --diff names the setting; up is one UpdateSpace with exactly its mask path", async () => {
    edit(
      "          joinSpaceSetting:\n            principals:\n              - audience: audiences/eng",
      "          joinSpaceSetting:\n            principals:\n              - audience: audiences/eng\n              - audience: audiences/default",
    );
    const diff = await pulumi(dir, env, ["preview", "--diff"]);
    assert.match(diff, /~ accessSettings/);
    assert.match(diff, /joinSpaceSetting/);
    assert.doesNotMatch(diff, /discoverSpaceSetting.*=>/);
    await emu.admin.clearRequests();
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), [`UpdateSpace ${JOIN}`]);
    assert.deepEqual((await news()).accessSettings.accessPermissionSettings.joinSpaceSetting, {
      principals: [{ audience: { name: "audiences/default" } }, { audience: { name: "audiences/eng" } }],
    });
  });

  it("announcement -> collaboration: preview shows a replace; up deletes the old space first (its name is unique), then sets up the new one", async () => {
    const before = await news();
    edit(
      "predefinedPermissionSettings: ANNOUNCEMENT_SPACE",
      "predefinedPermissionSettings: COLLABORATION_SPACE",
    );
    const preview = await pulumi(dir, env, ["preview", "--diff"]);
    assert.match(preview, /\+-\s*googlemeet:index:ChatSpace/);
    assert.match(preview, /predefinedPermissionSettings\s*:\s*"ANNOUNCEMENT_SPACE" => "COLLABORATION_SPACE"/);
    assert.match(preview, /1 to replace/);
    assert.deepEqual(await chatCalls(), [], "preview calls nothing");
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), ["DeleteSpace", ...CREATE]);
    const after = await news();
    assert.notEqual(after.name, before.name);
    assert.equal(after.permissionSettings.postMessages.membersAllowed, true, "a collaboration space");
    assertMembers(after);
  });

  it("a join outside discover fails before any call, naming the property", async () => {
    edit(
      "              - audience: audiences/eng\n              - audience: audiences/default",
      "              - audience: audiences/sales",
    );
    await assert.rejects(pulumi(dir, env, ["up", "--yes", "--skip-preview"]), (err: Error) => {
      assert.match(err.message, /accessSettings\.accessPermissionSettings\.joinSpaceSetting/);
      assert.match(err.message, /principals allowed to join the space are also allowed to discover it/);
      return true;
    });
    assert.deepEqual(await chatCalls(), []);
  });

  it("destroy deletes the space", async () => {
    await pulumi(dir, env, ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), ["DeleteSpace"]);
    assert.deepEqual(await emu.admin.chatSpaces(), []);
  });
});
