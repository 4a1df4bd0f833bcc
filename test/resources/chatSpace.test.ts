/**
 * The ChatSpace class under Pulumi mocks: real serialization of its stub, real registration, and
 * the emulator behind it.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ChatSpace } from "../../provider";
import { chatStub } from "../../provider/resources/stub";
import * as v1 from "../../provider/runtime/v1";
import { useEmulator } from "../support/emulator";
import { installMocks, loadSerializedProvider, resolved } from "../support/mockPulumi";
import { operationOf } from "../../provider/runtime/hostEcho";

const SECRET_TOKEN = "ya29.SECRET-CHAT-TOKEN-do-not-store";

describe("ChatSpace under Pulumi mocks", () => {
  const emu = useEmulator();
  let run: ReturnType<typeof installMocks>;

  before(() => {
    process.env.GOOGLE_MEET_EMULATOR_HOST = emu.grpcAddress;
    run = installMocks({ "googlemeet:accessToken": SECRET_TOKEN });
  });
  beforeEach(() => {
    run.registrations.splice(0);
    run.errors.splice(0);
  });

  it("registers as pulumi-nodejs:dynamic/googlemeet:ChatSpace, sets up through the serialized stub, exposes the outputs", async () => {
    const space = new ChatSpace("team-chat", {
      displayName: "Team",
      spaceDetails: { description: "The team's space" },
      members: [{ email: "a@example.com", role: "ROLE_MANAGER" }, { email: "b@example.com" }],
    });
    const [name, uri, members, displayName, setupKey] = await Promise.all([
      resolved(space.name),
      resolved(space.spaceUri),
      resolved(space.members),
      resolved(space.displayName),
      resolved(space.setupKey),
    ]);
    const [registration] = run.registrations;
    assert.equal(registration.type, "pulumi-nodejs:dynamic/googlemeet:ChatSpace");
    const [stored] = await emu.admin.chatSpaces();
    assert.equal(name, stored.name);
    assert.equal(uri, stored.spaceUri);
    assert.equal(displayName, "Team");
    assert.equal(setupKey, "meet-test/dev/team-chat");
    assert.deepEqual(
      members!.map((m) => [m.email, m.role]),
      [
        ["a@example.com", "ROLE_MANAGER"],
        ["b@example.com", "ROLE_MEMBER"],
      ],
    );
    // The accessToken is the emulator's bearer token: the calls carried it; state never does.
    assert.ok((await emu.admin.requests()).every((r) => r.caller === SECRET_TOKEN));
    const everything = JSON.stringify({ inputs: registration.inputs, outputs: registration.outputs });
    assert.ok(!everything.includes(SECRET_TOKEN));
    const stub: string = registration.inputs.__provider;
    assert.deepEqual(
      [...new Set(stub.match(/require\("[^"]+"\)/g))],
      ['require("pulumi-google-meet/runtime/v1")'],
    );
  });

  it("the default setup key is unique like the URN: two spaces of one name under two parents differ", async () => {
    const parents = ["team-a", "team-b"].map((n) => new pulumi.ComponentResource("test:index:Team", n));
    const keys = await Promise.all(
      parents.map((parent) =>
        resolved(
          new ChatSpace(
            "chat",
            { spaceType: "GROUP_CHAT", members: [{ email: "a@example.com" }, { email: "b@example.com" }] },
            { parent },
          ).setupKey,
        ),
      ),
    );
    assert.equal(new Set(keys).size, 2, keys.join(" vs "));
    assert.ok(
      keys.every((k, i) => k!.endsWith(`team-${"ab"[i]}/chat`)),
      keys.join(" "),
    );
  });

  it("takes accessPermissionSettings and outputs them as the space has them (one UpdateSpace after setup, only what differs from a new space)", async () => {
    const space = new ChatSpace("open-chat", {
      displayName: "Open",
      accessSettings: {
        accessPermissionSettings: {
          discoverSpaceSetting: {
            principals: [{ audience: "audiences/eng" }, { audience: "audiences/default" }],
          },
          joinSpaceSetting: { principals: [] },
        },
      },
    });
    assert.deepEqual(await resolved(space.accessSettings), {
      audience: "",
      accessState: "DISCOVERABLE",
      accessPermissionSettings: {
        discoverSpaceSetting: {
          principals: [{ audience: "audiences/default" }, { audience: "audiences/eng" }],
        },
        joinSpaceSetting: { principals: [] },
      },
    });
    const updates = (await emu.admin.requests()).filter((r) => r.method === "chat.UpdateSpace");
    // A new space lets nobody join beyond its members: `joinSpaceSetting: []` is already so.
    assert.deepEqual(
      updates.map((r) => r.updateMask),
      [["access_settings.access_permission_settings.discover_space_setting"]],
    );
  });

  it("bad input fails the registration with every failure, and nothing is called", async () => {
    new ChatSpace("bad", { spaceType: "GROUP_CHAT", displayName: "x", members: [{ email: "nope" }] });
    await run.firstError();
    assert.deepEqual(run.errors, [
      "displayName: must be left out when spaceType is GROUP_CHAT (a group chat has no name); use spaceType SPACE for a named space; " +
        'members[0].email: must be an email address like "alex@example.com", got string "nope"; ' +
        "members: a GROUP_CHAT needs at least two people besides you, got 1",
    ]);
    assert.deepEqual(await emu.admin.requests(), []);
  });
});

describe("ChatSpace's serialized stub", () => {
  it("is one method under 1 KB whose configure sets every operation from runtime/v1's chat", async () => {
    const text = (await pulumi.runtime.serializeFunction(() => chatStub, { allowSecrets: false })).text;
    assert.ok(Buffer.byteLength(text) <= 1024, `${Buffer.byteLength(text)} bytes`);
    assert.deepEqual(
      [...new Set(text.match(/require\("[^"]+"\)/g))],
      ['require("pulumi-google-meet/runtime/v1")'],
    );
    const provider: Record<string, any> = loadSerializedProvider(text) as any;
    assert.deepEqual(Object.keys(provider), ["configure"]);
    await provider.configure({ config: { get: () => undefined } });
    for (const op of ["check", "diff", "create", "read", "update", "delete"] as const)
      assert.equal(operationOf(provider[op]), v1.chat[op], op);
  });
});
