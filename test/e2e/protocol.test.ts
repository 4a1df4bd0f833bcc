/**
 * The real plugin protocol: Pulumi's own dynamic-provider host (what the engine launches), driven
 * over gRPC as the engine drives it, with our serialized stubs, against the emulator.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { memberStub, spaceStub } from "../../provider/resources/stub";
import { makeModuleShim } from "../../runner/program";
import { type ProviderHost, startProviderHost } from "../../tools/engine/providerHost";
import { useEmulator } from "../support/emulator";
import { assertCallsInOrder, together } from "../support/journal";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SPACE_URN = "urn:pulumi:dev::meet::pulumi-nodejs:dynamic/googlemeet:MeetSpace::room";
const MEMBER_URN = "urn:pulumi:dev::meet::pulumi-nodejs:dynamic/googlemeet:MeetSpaceMember::guest";
const SECRET = "SECRET-TOKEN-never-in-state";

async function serialized(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false })).text;
}

describe("e2e: the real dynamic-provider host over gRPC", function () {
  this.timeout(60_000);
  const emu = useEmulator({
    tokens: {
      tokens: {
        [SECRET]: {
          user: "owner@example.com",
          scopes: ["https://www.googleapis.com/auth/meetings.space.created"],
        },
      },
    },
  });
  let host: ProviderHost;
  let shim: ReturnType<typeof makeModuleShim>;
  let spaceProvider: string;
  let memberProvider: string;

  before(async () => {
    spaceProvider = await serialized(spaceStub);
    memberProvider = await serialized(memberStub);
    shim = makeModuleShim(ROOT);
    host = await startProviderHost({
      cwd: ROOT,
      project: "meet",
      stack: "dev",
      env: { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, NODE_PATH: shim.nodePath },
      onOutput: () => {},
    });
    // As the engine does: the whole stack config, the credential marked secret.
    await host.configure({ "googlemeet:accessToken": SECRET, "googlemeet:memberConcurrency": "2" }, [
      "googlemeet:accessToken",
    ]);
  });
  after(async () => {
    await host?.stop();
    shim?.dispose();
  });

  it("MeetSpace: check, create, diff, update, read, delete", async () => {
    const bad = await host.check(
      SPACE_URN,
      {},
      { __provider: spaceProvider, config: { accessType: "PUBLIC" } },
    );
    assert.deepEqual(bad.failures, [
      {
        property: "config.accessType",
        reason: 'must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"',
      },
    ]);
    assert.deepEqual(await emu.admin.requests(), []);

    const { inputs } = await host.check(
      SPACE_URN,
      {},
      { __provider: spaceProvider, config: { accessType: "OPEN" }, members: [{ email: "a@example.com" }] },
    );
    const created = await host.create(SPACE_URN, inputs);
    assert.match(created.id, /^spaces\/[A-Za-z0-9]{12}$/);
    assert.equal(created.properties.__provider, spaceProvider);
    assert.equal(created.properties.config.accessType, "OPEN");
    const journal = await emu.admin.requests();
    assert.deepEqual(
      journal.map((r) => [r.method, r.caller]),
      [
        ["CreateSpace", "owner@example.com"],
        ["CreateMember", "owner@example.com"],
      ],
    );

    const news = (
      await host.check(SPACE_URN, inputs, {
        __provider: spaceProvider,
        config: { accessType: "RESTRICTED" },
        members: [{ email: "a@example.com" }],
      })
    ).inputs;
    const diff = await host.diff(created.id, SPACE_URN, created.properties, news, inputs);
    assert.equal(diff.changes, "some");
    assert.deepEqual(diff.replaces, []);
    await emu.admin.clearRequests();
    const updated = await host.update(created.id, SPACE_URN, created.properties, news, inputs);
    assert.equal(updated.properties.config.accessType, "RESTRICTED");
    assert.deepEqual(
      (await emu.admin.requests()).map((r) => [r.method, r.updateMask]),
      [["UpdateSpace", ["config.access_type"]]],
    );

    const read = await host.read(created.id, SPACE_URN, updated.properties, news);
    assert.equal(read.id, created.id);
    assert.deepEqual(read.inputs?.config, { accessType: "RESTRICTED" });

    await emu.admin.clearRequests();
    await host.delete(created.id, SPACE_URN, updated.properties, news);
    // The lock and the list go at once; the member goes after both.
    assertCallsInOrder(
      (await emu.admin.requests()).map((r) => r.method),
      [together("UpdateSpace", "ListMembers"), "DeleteMember"],
    );

    for (const props of [inputs, created.properties, updated.properties, read.properties]) {
      assert.ok(!JSON.stringify(props).includes(SECRET), "the credential never reaches state");
    }
    assert.ok(!spaceProvider.includes(SECRET));
  });

  it("MeetSpaceMember: check, create, diff and update of a role (in place on v2), read, delete; a partial failure carries the id", async () => {
    const space = (await host.create(SPACE_URN, { __provider: spaceProvider })).id;
    const { inputs } = await host.check(
      MEMBER_URN,
      {},
      { __provider: memberProvider, space, email: "g@example.com" },
    );
    const created = await host.create(MEMBER_URN, inputs);
    assert.match(created.id, new RegExp(`^${space}/members/`));
    const diff = await host.diff(
      created.id,
      MEMBER_URN,
      created.properties,
      { ...inputs, role: "COHOST" },
      inputs,
    );
    assert.deepEqual([diff.changes, diff.replaces], ["some", []]);
    await emu.admin.clearRequests();
    const updated = await host.update(
      created.id,
      MEMBER_URN,
      created.properties,
      { ...inputs, role: "COHOST" },
      inputs,
    );
    assert.equal(updated.properties.role, "COHOST");
    assert.deepEqual(
      (await emu.admin.requests()).map((r) => [r.method, r.name, r.updateMask, r.version]),
      [["UpdateMember", created.id, ["role"], "v2"]],
    );
    assert.equal((await host.read(created.id, MEMBER_URN, created.properties, inputs)).id, created.id);
    await host.delete(created.id, MEMBER_URN, created.properties, inputs);
    assert.equal(
      (await host.read(created.id, MEMBER_URN, created.properties, inputs)).id,
      "",
      "gone after delete",
    );

    await emu.admin.addFault({ method: "CreateMember", code: "PERMISSION_DENIED", match: "b@example.com" });
    const withMembers = (
      await host.check(SPACE_URN, {}, { __provider: spaceProvider, members: [{ email: "b@example.com" }] })
    ).inputs;
    await assert.rejects(host.create(SPACE_URN, withMembers), (err: any) => {
      assert.match(err.message, /adding b@example.com failed: PERMISSION_DENIED/);
      assert.match(err.id, /^spaces\//);
      assert.equal(err.properties.__provider, spaceProvider);
      assert.deepEqual(err.properties.members, []);
      return true;
    });
  });
});
