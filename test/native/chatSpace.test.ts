/**
 * ChatSpace through the native plugin (googlemeet:index:ChatSpace) over gRPC, as the engine drives
 * it, against the emulator: the same operations as the dynamic resource, with the URN as setup key
 * and field-level diffs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { useEmulator } from "../support/emulator";
import { type PluginClient, startPlugin, urn } from "../support/nativePlugin";

const CHAT = "googlemeet:index:ChatSpace";

describe("native plugin: googlemeet:index:ChatSpace", function () {
  this.timeout(60_000);
  const emu = useEmulator();
  let plugin: PluginClient;
  const chatCalls = async () =>
    (await emu.admin.requests())
      .filter((r) => r.method.startsWith("chat."))
      .map((r) => `${r.method.slice(5)}${r.updateMask ? ` ${r.updateMask.join(",")}` : ""}`);

  before(async () => {
    plugin = await startPlugin({ GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress });
    await plugin.configure({ quotaWindowSeconds: "0.001" });
  });
  after(() => plugin?.stop());

  it("the schema describes ChatSpace with enums from core", async () => {
    const schema = await plugin.schema();
    const chat = schema.resources[CHAT];
    assert.ok(chat.inputProperties.members);
    assert.deepEqual(
      schema.types["googlemeet:index:ChatSpaceType"].enum.map((e: any) => e.value),
      ["SPACE", "GROUP_CHAT"],
    );
  });

  it("check reports every failure with its path; a good ChatSpace gets its URN as setup key", async () => {
    const bad = await plugin.check(CHAT, { spaceType: "GROUP_CHAT", displayName: "x", members: [] });
    assert.deepEqual(
      bad.failures.map((f: any) => f.property),
      ["displayName", "members"],
    );
    const good = await plugin.check(CHAT, { displayName: "Native" });
    assert.deepEqual(good.failures, []);
    assert.equal(good.inputs.setupKey, urn(CHAT, "r"));
  });

  it("check acts as the provider's own impersonateUser, with no credentials in its environment", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "meet-nocreds-"));
    const other = await startPlugin({
      GOOGLE_MEET_EMULATOR_HOST: "",
      GOOGLE_APPLICATION_CREDENTIALS: "",
      HOME: home,
    });
    try {
      await other.configure({ accessToken: "token", impersonateUser: "boss@example.com" });
      // Listing "you" as a plain member with no manager would leave the space without one.
      const { failures } = await other.check(CHAT, {
        displayName: "Boss's",
        members: [{ email: "boss@example.com", role: "ROLE_MEMBER" }],
      });
      assert.deepEqual(
        failures.map((f: any) => [f.property, f.reason]),
        [
          [
            "members",
            'lists you (boss@example.com) as ROLE_MEMBER and nobody as ROLE_MANAGER: a space must keep an owner (ROLE_MANAGER, "Owner" in Chat); make someone ROLE_MANAGER',
          ],
        ],
      );
    } finally {
      await other.stop();
    }
  });

  it("create, a one-path update with a field-level diff, import by id, delete", async () => {
    const { inputs } = await plugin.check(CHAT, {
      displayName: "Native",
      members: [{ email: "a@example.com", role: "ROLE_MANAGER" }],
    });
    const created = await plugin.create(CHAT, inputs);
    assert.match(created.id, /^spaces\/[A-Za-z0-9]{11}$/);
    assert.deepEqual(await chatCalls(), [
      "SetUpSpace",
      "ListMemberships",
      "GetMembership",
      "UpdateMembership role",
    ]);
    await emu.admin.clearRequests();

    const news = (await plugin.check(CHAT, { ...inputs, displayName: "Renamed" }, inputs)).inputs;
    const diff = await plugin.diff(CHAT, created.id, created.properties, news);
    assert.equal(diff.changes, "some");
    assert.deepEqual(diff.detailedDiff, { displayName: "UPDATE" });
    const updated = await plugin.update(CHAT, created.id, created.properties, news);
    assert.equal(updated.properties.displayName, "Renamed");
    assert.deepEqual(await chatCalls(), ["UpdateSpace display_name"]);

    // pulumi import: the space's settings become the inputs, and those pass check as they are.
    const imported = await plugin.read(CHAT, created.id);
    assert.equal(imported.id, created.id);
    assert.equal(imported.inputs.spaceType, "SPACE");
    assert.equal(imported.inputs.displayName, "Renamed");
    assert.deepEqual((await plugin.check(CHAT, imported.inputs)).failures, []);

    await emu.admin.clearRequests();
    await plugin.delete(CHAT, created.id, updated.properties);
    assert.deepEqual(await chatCalls(), ["DeleteSpace"]);
    assert.deepEqual(await emu.admin.chatSpaces(), []);
  });
});
