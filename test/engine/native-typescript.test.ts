/**
 * The native face from a TypeScript/JavaScript program, and the README's migration of a room from
 * the dynamic MeetSpace to the native one, through the real engine (driven by pulumi-meet-local)
 * against the emulator: the room is never created twice nor retired, and each step makes exactly
 * the calls it needs.
 */
import * as assert from "node:assert/strict";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { driver, pulumi } from "../support/engine";
import { takeCalls } from "../support/journal";
import { bothFacesEnv, programDir } from "../support/nodeSdk";

const PROGRAM = `const face = process.env.ROOM_FACE;
const members = [{ email: "ada@example.com", role: "COHOST" }, { email: "grace@example.com" }];
let room;
if (face === "dynamic") {
  const { MeetSpace } = require("pulumi-google-meet");
  room = new MeetSpace("room", { config: { accessType: "TRUSTED" }, members });
} else {
  const googlemeet = require("@pulumi-google-meet/googlemeet");
  const opts = process.env.ROOM_IMPORT_ID ? { import: process.env.ROOM_IMPORT_ID } : {};
  room = new googlemeet.MeetSpace(
    "room",
    { config: { accessType: googlemeet.types.enums.AccessType.Trusted }, members },
    opts,
  );
}
exports.link = room.meetingUri;
`;

describe("engine: the native face from JavaScript, and migrating a dynamic MeetSpace to it", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdminClient;
  let dir: string;
  let env: Record<string, string>;
  const calls = () => takeCalls(admin);
  const up = async (extra: Record<string, string>) => {
    const ran = await driver(["up", "--cwd", dir, "--stack", "dev"], { ...env, ...extra });
    assert.equal(ran.code, 0, `up failed:\n${ran.stdout}\n${ran.stderr}`);
    return ran.stdout;
  };
  const cli = async (args: string[]) => {
    const ran = await pulumi([...args, "--cwd", dir, "--stack", "dev"], dir, env);
    assert.equal(ran.code, 0, `pulumi ${args.join(" ")} failed:\n${ran.stdout}\n${ran.stderr}`);
    return ran.stdout;
  };

  before(async () => {
    emulator = await startEmulator();
    admin = new EmulatorAdminClient(emulator.httpUrl);
    dir = programDir("migrate", {
      "Pulumi.yaml": "name: migrate\nruntime: nodejs\nmain: index.js\n",
      "index.js": PROGRAM,
    });
    env = bothFacesEnv(emulator.grpcAddress);
  });
  after(() => emulator?.stop());

  it("migrates: state delete of the dynamic room, import into the native one; never created twice nor retired", async () => {
    await up({ ROOM_FACE: "dynamic" });
    assert.deepEqual(await calls(), ["CreateMember", "CreateMember", "CreateSpace"]);
    const state = JSON.parse(await cli(["stack", "export"]));
    const old = state.deployment.resources.find(
      (r: any) => r.type === "pulumi-nodejs:dynamic/googlemeet:MeetSpace",
    );
    const id = old.id as string;

    await cli(["state", "delete", old.urn, "--yes"]);
    assert.deepEqual(await calls(), [], "forgetting a resource calls nothing");
    const out = await up({ ROOM_FACE: "native", ROOM_IMPORT_ID: id });
    assert.match(out, /= 1 imported|imported/);
    // The room read once; its members listed once (they are now managed by the native resource).
    assert.deepEqual(await calls(), ["GetSpace", "ListMembers"]);

    const after = JSON.parse(await cli(["stack", "export"])).deployment.resources;
    const room = after.find((r: any) => r.type === "googlemeet:index:MeetSpace");
    assert.equal(room.id, id);
    assert.deepEqual(
      room.outputs.members.map((m: any) => m.email),
      ["ada@example.com", "grace@example.com"],
    );
    assert.ok(
      !after.some((r: any) => r.type.startsWith("pulumi-nodejs:dynamic")),
      "the dynamic room is gone from state",
    );
    assert.ok(!JSON.stringify(room).includes("__provider"), "no serialized code in the native room's state");
    assert.equal((await admin.spaces()).length, 1);
    assert.equal((await admin.spaces())[0].config?.accessType, "TRUSTED", "not retired");

    await up({ ROOM_FACE: "native" });
    assert.deepEqual(await calls(), [], "then a no-op, with the import option gone");
  });
});
