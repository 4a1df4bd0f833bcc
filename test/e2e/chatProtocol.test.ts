/**
 * ChatSpace through Pulumi's own dynamic-provider host (what the engine launches), driven over gRPC
 * as the engine drives it, with the serialized stub, against the emulator.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { chatStub } from "../../provider/resources/stub";
import { makeModuleShim } from "../../runner/program";
import { type ProviderHost, startProviderHost } from "../../tools/engine/providerHost";
import { useEmulator } from "../support/emulator";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const URN = "urn:pulumi:dev::meet::pulumi-nodejs:dynamic/googlemeet:ChatSpace::team";

describe("e2e: ChatSpace in the real dynamic-provider host over gRPC", function () {
  this.timeout(60_000);
  const emu = useEmulator();
  let host: ProviderHost;
  let shim: ReturnType<typeof makeModuleShim>;
  let provider: string;
  const chatCalls = async () =>
    (await emu.admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" "));

  before(async () => {
    provider = (await pulumi.runtime.serializeFunction(() => chatStub, { allowSecrets: false })).text;
    shim = makeModuleShim(ROOT);
    host = await startProviderHost({
      cwd: ROOT,
      project: "meet",
      stack: "dev",
      env: { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, NODE_PATH: shim.nodePath },
      onOutput: () => {},
    });
    await host.configure({ "googlemeet:impersonateUser": "owner@example.com" }, []);
  });
  after(async () => {
    await host?.stop();
    shim?.dispose();
  });

  it("check, create (one SetUpSpace), diff, update (one mask), read, delete", async () => {
    const base = { __provider: provider, displayName: "Team", setupKey: "meet/dev/team" };
    const bad = await host.check(URN, {}, { ...base, spaceHistoryState: "ON" });
    assert.deepEqual(bad.failures, [
      { property: "spaceHistoryState", reason: 'must be "HISTORY_ON" or "HISTORY_OFF", got string "ON"' },
    ]);
    const { inputs } = await host.check(URN, {}, { ...base, members: [{ email: "a@example.com" }] });
    const created = await host.create(URN, inputs);
    assert.match(created.id, /^spaces\/[A-Za-z0-9]{11}$/);
    assert.equal(created.properties.__provider, provider);
    assert.deepEqual(await chatCalls(), ["chat.SetUpSpace", "chat.ListMemberships", "chat.GetMembership"]);
    assert.ok((await emu.admin.requests()).every((r) => r.caller === "owner@example.com"));

    const news = (
      await host.check(URN, inputs, { ...base, displayName: "Team 2", members: [{ email: "a@example.com" }] })
    ).inputs;
    const diff = await host.diff(created.id, URN, created.properties, news, inputs);
    assert.equal(diff.changes, "some");
    await emu.admin.clearRequests();
    const updated = await host.update(created.id, URN, created.properties, news, inputs);
    assert.equal(updated.properties.displayName, "Team 2");
    assert.deepEqual(await chatCalls(), ["chat.UpdateSpace display_name"]);

    const read = await host.read(created.id, URN, updated.properties, news);
    assert.equal(read.id, created.id);
    assert.equal(read.inputs?.displayName, "Team 2");

    await emu.admin.clearRequests();
    await host.delete(created.id, URN, updated.properties, news);
    assert.deepEqual(await chatCalls(), ["chat.DeleteSpace"]);
    assert.deepEqual(await emu.admin.chatSpaces(), []);
  });
});
