/**
 * The resource classes under Pulumi mocks: real serialization of the providers, real registration,
 * and the emulator behind them.
 */
import * as assert from "node:assert/strict";
import { MeetSpace, MeetSpaceMember } from "../../provider";
import { useEmulator } from "../support/emulator";
import { installMocks, resolved } from "../support/mockPulumi";

const SECRET_TOKEN = "ya29.SECRET-ACCESS-TOKEN-do-not-store";
const SECRET_KEY = "-----BEGIN PRIVATE KEY-----\\nSECRET-KEY-MATERIAL\\n-----END PRIVATE KEY-----\\n";

describe("MeetSpace and MeetSpaceMember under Pulumi mocks", () => {
  const emu = useEmulator();
  let run: ReturnType<typeof installMocks>;
  const registrations = () => run.registrations;

  before(() => {
    process.env.GOOGLE_MEET_EMULATOR_HOST = emu.grpcAddress;
    run = installMocks({
      "googlemeet:credentials": JSON.stringify({
        type: "service_account",
        client_email: "sa@p.iam.gserviceaccount.com",
        private_key: SECRET_KEY,
      }),
      "googlemeet:impersonateUser": "alice@example.com",
      "googlemeet:accessToken": SECRET_TOKEN,
    });
  });
  beforeEach(() => {
    run.registrations.splice(0);
    run.errors.splice(0);
  });

  it("registers with the type tokens, creates through the serialized stub, and exposes the outputs", async () => {
    const room = new MeetSpace("standup", {
      config: {
        accessType: "OPEN",
        moderation: "ON",
        moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
      },
      members: [{ email: "co@example.com", role: "COHOST" }],
    });
    const member = new MeetSpaceMember("guest", { space: room.name, email: "guest@example.com" });
    const [name, uri, code, config, members, memberName] = await Promise.all([
      resolved(room.name),
      resolved(room.meetingUri),
      resolved(room.meetingCode),
      resolved(room.config),
      resolved(room.members),
      resolved(member.name),
    ]);
    assert.deepEqual(
      registrations().map((r) => r.type),
      ["pulumi-nodejs:dynamic/googlemeet:MeetSpace", "pulumi-nodejs:dynamic/googlemeet:MeetSpaceMember"],
    );
    const [stored] = await emu.admin.spaces();
    assert.equal(name, stored.name);
    assert.equal(uri, stored.meetingUri);
    assert.equal(code, stored.meetingCode);
    assert.deepEqual(config, stored.config);
    assert.deepEqual(
      members!.map((m) => m.email),
      ["co@example.com"],
    );
    assert.match(memberName, new RegExp(`^${name}/members/`));
    assert.deepEqual(stored.members.map((m) => m.email).sort(), ["co@example.com", "guest@example.com"]);
    // The accessToken in config is the emulator's bearer token: the calls carried it.
    assert.ok((await emu.admin.requests()).every((r) => r.caller === SECRET_TOKEN));
  });

  it("keeps credentials out of every serialized provider, input and output; stubs stay small", async () => {
    const room = new MeetSpace("r", { config: { accessType: "TRUSTED" } });
    const member = new MeetSpaceMember("m", { space: room.name, email: "x@example.com", role: "COHOST" });
    await Promise.all([resolved(room.name), resolved(member.name)]);
    assert.equal(registrations().length, 2);
    for (const r of registrations()) {
      const everything = JSON.stringify({ inputs: r.inputs, outputs: r.outputs });
      for (const secret of [SECRET_TOKEN, "SECRET-KEY-MATERIAL", "sa@p.iam"]) {
        assert.ok(!everything.includes(secret), `${r.type} carries ${secret}`);
      }
      const stub: string = r.inputs.__provider;
      assert.ok(Buffer.byteLength(stub) <= 1024, `${r.type} stub is ${Buffer.byteLength(stub)} bytes`);
      assert.deepEqual(
        [...new Set(stub.match(/require\("[^"]+"\)/g))],
        ['require("pulumi-google-meet/runtime/v1")'],
      );
    }
  });

  it("bad input fails the registration with check's message, and nothing is called", async () => {
    new MeetSpace("bad", { config: { accessType: "PUBLIC" as any }, members: [{ email: "nope" }] });
    await run.firstError();
    assert.deepEqual(run.errors, [
      'config.accessType: must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"; members[0].email: must be an email address like "alex@example.com", got string "nope"',
    ]);
    assert.equal(registrations().length, 0);
    assert.deepEqual(await emu.admin.requests(), []);
  });
});
