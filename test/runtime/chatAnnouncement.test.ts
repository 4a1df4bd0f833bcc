/**
 * ChatSpace's predefinedPermissionSettings through the runtime entry against the emulator.
 *
 * Google (space.proto, `@google-apps/chat` 0.22): predefined_permission_settings: "Predefined space
 * permission settings, input only when creating a space. If the field is not set, a collaboration
 * space is created. After you create the space, settings are populated in the PermissionSettings
 * field." It shares the oneof space_permission_settings with permission_settings ("Space permission
 * settings for existing spaces"), and post_messages is "Output only".
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { calls, checkedChat as checked, configureRuntime, runtime } from "../support/runtime";

const OWNER = "owner@example.com";

const NEWS = {
  owner: OWNER,
  displayName: "News",
  setupKey: "proj/dev/news",
  predefinedPermissionSettings: "ANNOUNCEMENT_SPACE",
};

describe("ChatSpace runtime: announcement spaces (predefinedPermissionSettings)", () => {
  const emu = useEmulator();
  beforeEach(() => configureRuntime(emu, { "googlemeet:quotaWindowSeconds": "0.001" }));

  it("sets up an announcement space in SetUpSpace, where only owners and managers post", async () => {
    const { outs } = await runtime.chat.create(await checked(NEWS));
    const setups = (await calls(emu)).filter((c) => c.method === "chat.SetUpSpace");
    assert.equal(setups.length, 1);
    const [stored] = await emu.admin.chatSpaces();
    assert.deepEqual(stored.permissionSettings.postMessages, {
      managersAllowed: true,
      assistantManagersAllowed: true,
      membersAllowed: false,
    });
    assert.equal(outs.predefinedPermissionSettings, "ANNOUNCEMENT_SPACE");
    assert.equal((outs.permissionSettings as any).postMessages.membersAllowed, false);
  });

  it("explicit permission settings with it are applied after setup by UpdateSpace (the API takes one of the two at setup)", async () => {
    await runtime.chat.create(
      await checked({ ...NEWS, permissionSettings: { replyMessages: { membersAllowed: false } } }),
    );
    assert.deepEqual(
      (await calls(emu))
        .filter((c) => c.method.startsWith("chat.") && c.method.endsWith("Space"))
        .map((c) => [c.method, c.updateMask ?? null]),
      [
        ["chat.SetUpSpace", null],
        ["chat.UpdateSpace", ["permission_settings.reply_messages"]],
      ],
    );
    const [stored] = await emu.admin.chatSpaces();
    assert.equal(stored.permissionSettings.replyMessages.membersAllowed, false);
    assert.equal(stored.permissionSettings.postMessages.membersAllowed, false);
  });

  it("a change replaces the space (deleting first: the name is unique); leaving it out changes nothing", async () => {
    const { id, outs } = await runtime.chat.create(await checked(NEWS));
    const toCollaboration = await runtime.chat.diff(
      id,
      outs,
      await checked({ ...NEWS, predefinedPermissionSettings: "COLLABORATION_SPACE" }),
    );
    assert.deepEqual(toCollaboration.replaces, ["predefinedPermissionSettings"]);
    assert.equal(toCollaboration.deleteBeforeReplace, true);
    assert.equal(toCollaboration.detailedDiff.predefinedPermissionSettings, "update-replace");
    const { predefinedPermissionSettings: _, ...unmanaged } = NEWS;
    const leftOut = await runtime.chat.diff(id, outs, await checked(unmanaged));
    assert.deepEqual(leftOut.replaces, []);
    // A space made before (no record) is a collaboration space: declaring that is no change.
    const { predefinedPermissionSettings: __, ...older } = outs;
    const same = await runtime.chat.diff(
      id,
      older as any,
      await checked({ ...unmanaged, predefinedPermissionSettings: "COLLABORATION_SPACE" }),
    );
    assert.deepEqual(same.replaces, []);
  });

  it("check refuses it on a group chat and names the allowed values", async () => {
    const result = await runtime.chat.check(
      {},
      {
        owner: OWNER,
        spaceType: "GROUP_CHAT",
        members: [{ email: "a@example.com" }, { email: "b@example.com" }],
        predefinedPermissionSettings: "ANNOUNCEMENTS",
      },
    );
    assert.deepEqual(
      result.failures.map((f: any) => [f.property, f.reason]),
      [
        [
          "predefinedPermissionSettings",
          'must be "COLLABORATION_SPACE" or "ANNOUNCEMENT_SPACE", got string "ANNOUNCEMENTS"',
        ],
        [
          "predefinedPermissionSettings",
          "applies only to spaces of type SPACE (a group chat has no permission settings)",
        ],
      ],
    );
  });
});
