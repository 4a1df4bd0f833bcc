/**
 * The native plugin driven over gRPC as the engine drives it: the executable spawned with an engine
 * address, its port read from stdout, every call with Pulumi's own messages, against the emulator.
 */
import * as assert from "node:assert/strict";
import { CONFIG_KEYS } from "../../provider/config/connection";
import { UNKNOWN } from "../../provider/core/validation";
import { secret } from "../../provider/native/properties";
import { serve } from "../../provider/native/server";
import { useEmulator } from "../support/emulator";
import { MEMBER, PluginClient, SPACE, startPlugin } from "../support/nativePlugin";
import { assertCallsInOrder, together } from "../support/journal";

const TOKEN = "SECRET-TOKEN-never-in-state";
const SIG = "4dabf18193072939515e22adb298388d";

describe("native plugin: the ResourceProvider service over gRPC", function () {
  this.timeout(60_000);
  const emu = useEmulator({
    tokens: {
      tokens: {
        [TOKEN]: {
          user: "owner@example.com",
          scopes: ["https://www.googleapis.com/auth/meetings.space.created"],
        },
      },
    },
  });
  let plugin: PluginClient;
  const methods = async () => (await emu.admin.requests()).map((r) => r.method);

  before(async () => {
    plugin = await startPlugin({ GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress });
    await plugin.configure({ accessToken: secret(TOKEN), memberConcurrency: 2 });
  });
  after(() => plugin?.stop());

  it("reports its version and serves the schema with both resources and the provider's config", async () => {
    const info = await plugin.call<any>(
      "getPluginInfo",
      new (require("google-protobuf/google/protobuf/empty_pb").Empty)(),
    );
    assert.equal(info.getVersion(), require("../../../package.json").version);
    const schema = await plugin.schema();
    assert.deepEqual(Object.keys(schema.resources), [SPACE, MEMBER, "googlemeet:index:ChatSpace"]);
    assert.equal(schema.provider.inputProperties.credentials.secret, true);
    assert.equal(schema.provider.inputProperties.accessToken.secret, true);
  });

  it("CheckConfig reports every bad key at once and marks credentials secret", async () => {
    const { inputs, failures } = await plugin.checkConfig({
      accessToken: "t",
      transport: "http",
      createQuota: -1,
      apiVersion: "v1",
      writeQuotta: 5,
      version: "0.1.0",
    });
    // In key order (the wire's Struct sorts them).
    assert.deepEqual(failures, [
      {
        property: "apiVersion",
        reason:
          'must be "v2" (Google\'s generally available API, the default) or "v2beta" (the Developer Preview, only for Cloud projects enrolled in Google\'s Workspace Developer Preview Program), got "v1"',
      },
      { property: "createQuota", reason: 'must be a positive number, got "-1"' },
      { property: "transport", reason: 'must be "grpc" or "rest", got "http"' },
      {
        property: "writeQuotta",
        reason:
          "unknown provider setting writeQuotta (did you mean writeQuota?); allowed: apiVersion, credentials, impersonateUser, serviceAccount, accessToken, transport, endpoint, createQuota, writeQuota, readQuota, projectCreateQuota, projectWriteQuota, projectReadQuota, quotaWindowSeconds, memberConcurrency, retryDeadlineSeconds",
      },
    ]);
    assert.equal(inputs.accessToken[SIG], "1b47061264138c4ac30d75fd1eb44270", "the token comes back secret");
    const good = await plugin.checkConfig({
      credentials: secret('{"type":"authorized_user"}'),
      writeQuota: "50",
    });
    assert.deepEqual(good.failures, []);
  });

  it("DiffConfig: a changed credential is an update of the provider, never a replacement", async () => {
    const diff = await plugin.diffConfig(
      { accessToken: "a", readQuota: 10 },
      { accessToken: "b", readQuota: 10 },
    );
    assert.deepEqual(
      [diff.changes, diff.replaces, diff.detailedDiff],
      ["some", [], { accessToken: "UPDATE" }],
    );
    assert.equal((await plugin.diffConfig({ readQuota: 10 }, { readQuota: 10 })).changes, "none");
  });

  it("Check returns every failure at once, with paths and allowed values, before any call", async () => {
    const { failures } = await plugin.check(SPACE, {
      config: { accessType: "PUBLIC", moderationRestrictions: { chatRestriction: "NOBODY" } },
      deletionPolicy: "DELETE",
      members: [{ email: "not-an-email" }],
    });
    // Nested paths are named in the reason: the engine would print `value {<nil>}` for them.
    assert.deepEqual(failures, [
      {
        property: "",
        reason: 'config.accessType: must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"',
      },
      {
        property: "",
        reason:
          'config.moderationRestrictions.chatRestriction: must be "HOSTS_ONLY" or "NO_RESTRICTION", got string "NOBODY"',
      },
      {
        property: "deletionPolicy",
        reason: 'must be "RETIRE" or "ABANDON" (default "RETIRE"), got string "DELETE"',
      },
      {
        property: "",
        reason:
          'members[0].email: must be an email address like "alex@example.com", got string "not-an-email"',
      },
    ]);
    assert.deepEqual(await emu.admin.requests(), []);
  });

  it("preview: values not known yet pass check, and diff reports a change", async () => {
    const { failures, inputs } = await plugin.check(SPACE, {
      config: { accessType: UNKNOWN },
      members: UNKNOWN,
    });
    assert.deepEqual(failures, []);
    const created = await plugin.create(SPACE, { config: { accessType: "OPEN" } });
    const diff = await plugin.diff(SPACE, created.id, created.properties, inputs);
    assert.equal(diff.changes, "some");
    assert.equal(diff.detailedDiff.config, "UPDATE");
    assert.equal((await plugin.check(MEMBER, { space: UNKNOWN, email: "a@example.com" })).failures.length, 0);
  });

  it("MeetSpace: create, no-op, one setting → one UpdateSpace with its mask, detailed diff, refresh, retire", async () => {
    const { inputs } = await plugin.check(SPACE, {
      config: { accessType: "OPEN", moderation: "ON" },
      members: [{ email: "a@example.com", role: "COHOST" }, { email: "b@example.com" }],
    });
    const created = await plugin.create(SPACE, inputs);
    assert.match(created.id, /^spaces\/[A-Za-z0-9]{12}$/);
    assert.equal(created.properties.config.accessType, "OPEN");
    assert.deepEqual(
      created.properties.members.map((m: any) => [m.email, m.role]),
      [
        ["a@example.com", "COHOST"],
        ["b@example.com", undefined],
      ],
    );
    assert.deepEqual(
      (await emu.admin.requests()).map((r) => [r.method, r.caller]),
      [
        ["CreateSpace", "owner@example.com"],
        ["CreateMember", "owner@example.com"],
        ["CreateMember", "owner@example.com"],
      ],
    );
    assert.ok(!JSON.stringify(created.properties).includes(TOKEN), "the credential never reaches state");

    await emu.admin.clearRequests();
    const same = await plugin.diff(SPACE, created.id, created.properties, inputs);
    assert.deepEqual([same.changes, same.detailedDiff], ["none", {}]);

    const news = (
      await plugin.check(SPACE, { ...inputs, config: { accessType: "RESTRICTED", moderation: "ON" } }, inputs)
    ).inputs;
    const diff = await plugin.diff(SPACE, created.id, created.properties, news);
    assert.deepEqual(diff, {
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
      diffs: ["config"],
      detailedDiff: { "config.accessType": "UPDATE" },
    });
    const updated = await plugin.update(SPACE, created.id, created.properties, news);
    assert.equal(updated.properties.config.accessType, "RESTRICTED");
    assert.deepEqual(
      (await emu.admin.requests()).map((r) => [r.method, r.updateMask]),
      [["UpdateSpace", ["config.access_type"]]],
    );

    // Drift: someone opens the room; refresh reports it as a changed input.
    emu.emulator.store.updateSpace(
      "owner@example.com",
      { name: created.id, config: { accessType: "OPEN" } },
      ["config.access_type"],
    );
    const read = await plugin.read(SPACE, created.id, updated.properties, news);
    assert.equal(read.id, created.id);
    assert.deepEqual(read.inputs.config, { accessType: "OPEN", moderation: "ON" });

    await emu.admin.clearRequests();
    await plugin.delete(SPACE, created.id, read.properties);
    // The lock and the list go at once; the members go after both.
    assertCallsInOrder(await methods(), [
      together("UpdateSpace", "ListMembers"),
      "DeleteMember",
      "DeleteMember",
    ]);
    const [room] = (await emu.admin.spaces()).filter((s) => s.name === created.id);
    assert.equal(room.config?.accessType, "RESTRICTED");
  });

  it("changing the owner or adopt replaces; detailed diff says which", async () => {
    const created = await plugin.create(SPACE, { config: { accessType: "OPEN" } });
    const diff = await plugin.diff(SPACE, created.id, created.properties, {
      config: { accessType: "OPEN" },
      owner: "other@example.com",
    });
    assert.deepEqual([diff.replaces, diff.detailedDiff], [["owner"], { owner: "ADD_REPLACE" }]);
  });

  it("secret inputs come back as secret outputs, in create, update and read", async () => {
    const config = { accessType: "TRUSTED" };
    const { inputs } = await plugin.check(SPACE, { config: secret(config) });
    assert.equal(inputs.config[SIG], "1b47061264138c4ac30d75fd1eb44270");
    const created = await plugin.create(SPACE, inputs);
    assert.equal(created.properties.config.value.accessType, "TRUSTED");
    assert.equal(created.properties.config[SIG], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(typeof created.properties.name, "string", "other outputs stay plain");
    const read = await plugin.read(SPACE, created.id, created.properties, inputs);
    assert.equal(read.properties.config[SIG], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(read.inputs.config[SIG], "1b47061264138c4ac30d75fd1eb44270");
    const updated = await plugin.update(SPACE, created.id, created.properties, {
      config: secret({ accessType: "OPEN" }),
    });
    assert.deepEqual(updated.properties.config.value.accessType, "OPEN");
  });

  it("import: Read by spaces/{id} or by meeting code manages every setting the room has", async () => {
    const made = emu.emulator.store.createSpace("owner@example.com", { config: { accessType: "TRUSTED" } });
    const name = `spaces/${made.id}`;
    for (const id of [name, made.meetingCode.toUpperCase()]) {
      const read = await plugin.read(SPACE, id);
      assert.equal(read.id, name);
      assert.equal(read.inputs.config.accessType, "TRUSTED");
      assert.deepEqual(
        [...read.properties.managedSettings].sort(),
        Object.keys(flatten(read.inputs.config)).sort(),
      );
      // The imported definition is exactly what the room has: the next diff is empty.
      const diff = await plugin.diff(SPACE, read.id, read.properties, read.inputs);
      assert.equal(diff.changes, "none");
    }
    assert.deepEqual(await methods(), ["GetSpace", "GetSpace"]);
    assert.equal(
      (await plugin.read(SPACE, "spaces/nosuchroom00")).id,
      "",
      "a room that is gone reads as gone",
    );
  });

  it("MeetSpaceMember: create, role change in place, other changes replace deleting first, import by id, delete", async () => {
    const space = (await plugin.create(SPACE, {})).id;
    const { inputs } = await plugin.check(MEMBER, { space, email: "g@example.com" });
    const created = await plugin.create(MEMBER, inputs);
    assert.match(created.id, new RegExp(`^${space}/members/`));
    const promoted = { ...inputs, role: "COHOST" };
    assert.deepEqual(await plugin.diff(MEMBER, created.id, created.properties, promoted), {
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
      diffs: ["role"],
      detailedDiff: { role: "ADD" },
    });
    await emu.admin.clearRequests();
    const updated = await plugin.update(MEMBER, created.id, created.properties, promoted);
    assert.equal(updated.properties.role, "COHOST");
    assert.deepEqual(await methods(), ["UpdateMember"]);
    assert.deepEqual(
      await plugin.diff(MEMBER, created.id, created.properties, { ...inputs, email: "h@example.com" }),
      {
        changes: "some",
        replaces: ["email"],
        deleteBeforeReplace: true,
        diffs: ["email"],
        detailedDiff: { email: "UPDATE_REPLACE" },
      },
    );
    const imported = await plugin.read(MEMBER, created.id);
    assert.deepEqual(imported.inputs, { space, email: "g@example.com", role: "COHOST" });
    await emu.admin.clearRequests();
    await plugin.delete(MEMBER, created.id, updated.properties);
    assert.deepEqual(await methods(), ["DeleteMember"]);
  });

  it("a member failing after the room exists answers ErrorResourceInitFailed with its id and properties", async () => {
    await emu.admin.addFault({ method: "CreateMember", code: "PERMISSION_DENIED", match: "b@example.com" });
    const inputs = {
      config: secret({ accessType: "OPEN" }),
      members: [{ email: "a@example.com" }, { email: "b@example.com" }],
    };
    await assert.rejects(plugin.create(SPACE, inputs), (err: any) => {
      assert.match(err.message, /^The room spaces\/\w+ was created, but 1 member change failed:/);
      assert.match(err.id, /^spaces\//);
      assert.deepEqual(
        err.properties.members.map((m: any) => m.email),
        ["a@example.com"],
      );
      assert.equal(err.properties.config[SIG], "1b47061264138c4ac30d75fd1eb44270", "secrets stay secret");
      assert.ok(!("__provider" in err.properties));
      assert.deepEqual(err.reasons, [err.message], "the engine shows the reasons: the whole message");
      return true;
    });
  });

  it("an unknown type is refused by name", async () => {
    await assert.rejects(
      plugin.check("googlemeet:index:Nope", {}),
      /googlemeet has no resource type googlemeet:index:Nope/,
    );
  });
});

describe("native plugin: two configured providers in one process stay apart", function () {
  this.timeout(60_000);
  const emu = useEmulator();

  it("each provider's calls act with its own credentials", async () => {
    const env = process.env.GOOGLE_MEET_EMULATOR_HOST;
    process.env.GOOGLE_MEET_EMULATOR_HOST = emu.grpcAddress;
    const a = await serve();
    const b = await serve();
    const [ca, cb] = [new PluginClient(a.port), new PluginClient(b.port)];
    try {
      // Unpaced: this test is about whose credentials each call carries. The process has one pacer,
      // and it counted every earlier test's creates against "the credentials' user" (no owner named);
      // at Meet's default of 10 a minute these creates would wait behind them, past the deadline.
      const unpaced = Object.fromEntries(
        Object.keys(CONFIG_KEYS)
          .filter((name) => name.endsWith("Quota"))
          .map((name) => [name, 1_000_000]),
      );
      await ca.configure({ accessToken: "alice@example.com", ...unpaced });
      await cb.configure({ accessToken: "bob@example.com", ...unpaced });
      await Promise.all([ca.create(SPACE, {}), cb.create(SPACE, {}), ca.create(SPACE, {})]);
      const callers = (await emu.admin.requests()).map((r) => r.caller).sort();
      assert.deepEqual(callers, ["alice@example.com", "alice@example.com", "bob@example.com"]);
    } finally {
      if (env === undefined) delete process.env.GOOGLE_MEET_EMULATOR_HOST;
      else process.env.GOOGLE_MEET_EMULATOR_HOST = env;
      await ca.stop();
      await cb.stop();
      a.server.forceShutdown();
      b.server.forceShutdown();
    }
  });
});

function flatten(o: any, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === "object" ? Object.entries(flatten(v, `${prefix}${k}.`)) : [[`${prefix}${k}`, v as string]],
    ),
  );
}
