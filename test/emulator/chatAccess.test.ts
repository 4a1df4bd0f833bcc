/**
 * The emulator's access permission settings (`accessSettings.accessPermissionSettings`, July 2026)
 * over Chat's REST surface. Each rule quotes Google's UpdateSpaceRequest.update_mask comment
 * (space.proto of the clients that have the field, 0.31+), unless said otherwise.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { rest } from "../support/meetClients";

const ALICE = "alice@example.com";
const BOB = "bob@example.com";
const DISCOVER = "access_settings.access_permission_settings.discoverSpaceSetting";
const JOIN = "access_settings.access_permission_settings.joinSpaceSetting";

const audiences = (...names: string[]) => ({ principals: names.map((name) => ({ audience: { name } })) });
const human = (email: string) => ({ member: { name: `users/${email}`, type: "HUMAN" } });

describe("emulator: Chat access permission settings (discover and join)", () => {
  const emu = useEmulator();
  const call = (method: string, path: string, body?: unknown, token = ALICE) =>
    rest(emu.httpUrl, method, path, { token, body });

  async function setUp(space: object = { spaceType: "SPACE", displayName: `Room ${Math.random()}` }) {
    const res = await call("POST", "/v1/spaces:setup", { space, memberships: [human(BOB)] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.name as string;
  }
  const patch = (name: string, mask: string, accessPermissionSettings: object, token = ALICE) =>
    call("PATCH", `/v1/${name}?updateMask=${mask}`, { accessSettings: { accessPermissionSettings } }, token);
  const journalMasks = async () =>
    (await emu.admin.requests())
      .filter((e) => e.method === "chat.UpdateSpace")
      .map((e) => [e.code, ...(e.updateMask ?? [])].join(" "));

  it("sets discover and join by their own mask paths, each alone or together; what is not named stays", async () => {
    const name = await setUp();
    let res = await patch(name, DISCOVER, {
      discoverSpaceSetting: audiences("audiences/default", "audiences/eng"),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    // "A space manager has granted a target audience access to the space." (AccessState.DISCOVERABLE)
    assert.deepEqual(res.body.accessSettings, {
      accessState: "DISCOVERABLE",
      accessPermissionSettings: {
        discoverSpaceSetting: audiences("audiences/default", "audiences/eng"),
        joinSpaceSetting: {},
      },
    });
    res = await patch(name, JOIN, { joinSpaceSetting: audiences("audiences/eng") });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    res = await call("GET", `/v1/${name}`);
    assert.deepEqual(res.body.accessSettings.accessPermissionSettings, {
      discoverSpaceSetting: audiences("audiences/default", "audiences/eng"),
      joinSpaceSetting: audiences("audiences/eng"),
    });
    res = await patch(`${name}`, `${DISCOVER},${JOIN}`, { discoverSpaceSetting: {}, joinSpaceSetting: {} });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.accessSettings.accessState, "PRIVATE");
    assert.deepEqual(await journalMasks(), [
      "OK access_settings.access_permission_settings.discover_space_setting",
      "OK access_settings.access_permission_settings.join_space_setting",
      "OK access_settings.access_permission_settings.discover_space_setting access_settings.access_permission_settings.join_space_setting",
    ]);
  });

  it('"Principals allowed to join the space must also be allowed to discover it."', async () => {
    const name = await setUp();
    const res = await patch(name, JOIN, { joinSpaceSetting: audiences("audiences/eng") });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.status, "INVALID_ARGUMENT");
    assert.match(res.body.error.message, /allowed to join the space must also be allowed to discover it/);
    assert.match(res.body.error.message, /audiences\/eng may join but not discover/);
    const stored = (await emu.admin.chatSpaces())[0];
    assert.equal(stored.accessSettings.accessPermissionSettings, undefined, "nothing was set");
  });

  it('"... the authenticating user must be a space manager or assistant manager and omit all other field masks"', async () => {
    const name = await setUp();
    const together = await call("PATCH", `/v1/${name}?updateMask=${DISCOVER},display_name`, {
      displayName: "Renamed",
      accessSettings: { accessPermissionSettings: { discoverSpaceSetting: audiences("audiences/default") } },
    });
    assert.equal(together.status, 400);
    assert.match(together.body.error.message, /cannot be combined with other paths/);

    const byMember = await patch(
      name,
      DISCOVER,
      { discoverSpaceSetting: audiences("audiences/default") },
      BOB,
    );
    assert.equal(byMember.status, 403);
    assert.match(byMember.body.error.message, /only a space manager or assistant manager/);

    const promote = await call("PATCH", `/v1/${name}/members/${BOB}?updateMask=role`, {
      role: "ROLE_ASSISTANT_MANAGER",
    });
    assert.equal(promote.status, 200, JSON.stringify(promote.body));
    const byManager = await patch(
      name,
      DISCOVER,
      { discoverSpaceSetting: audiences("audiences/default") },
      BOB,
    );
    assert.equal(byManager.status, 200, JSON.stringify(byManager.body));
  });

  it('applies "where `spaceType` field is `SPACE`": a group chat is refused', async () => {
    const res = await call("POST", "/v1/spaces:setup", {
      space: { spaceType: "GROUP_CHAT" },
      memberships: [human(BOB), human("carol@example.com")],
    });
    const name = res.body.name;
    const refused = await patch(name, DISCOVER, { discoverSpaceSetting: audiences("audiences/default") });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /applies only to spaces of type SPACE/);
  });

  it('is not set at setup: "To set the target audience when creating a space, specify the `accessSettings.audience` field"', async () => {
    const res = await call("POST", "/v1/spaces:setup", {
      space: {
        spaceType: "SPACE",
        displayName: "Open",
        accessSettings: {
          accessPermissionSettings: { discoverSpaceSetting: audiences("audiences/default") },
        },
      },
    });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /cannot be set when a space is set up/);
    assert.deepEqual(await emu.admin.chatSpaces(), []);
  });

  it("refuses a principal that is not an audience, and unknown fields inside the settings, as Google's parser does", async () => {
    const name = await setUp();
    const bad = await patch(name, DISCOVER, {
      discoverSpaceSetting: { principals: [{ audience: { name: "groups/eng" } }] },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /principals\[0\]\.audience\.name must be "audiences\/\{audience\}"/);
    const unknown = await patch(name, DISCOVER, {
      discoverSpaceSetting: { principals: [{ user: { name: "users/1" } }] },
    });
    assert.equal(unknown.status, 400);
    assert.match(
      unknown.body.error.message,
      /Unknown name "user" at 'space.accessSettings.accessPermissionSettings.discoverSpaceSetting.principals\[0\]'/,
    );
  });
});
