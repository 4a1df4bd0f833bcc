/**
 * A room made outside the app, through the real Pulumi CLI and YAML language host with the native
 * plugin (issue 21). Google's rule: member writes and endActiveConference accept only the scope
 * meetings.space.created, "Create, edit, and see information about your Google Meet conferences
 * created by the app"; meetings.space.settings, "Edit, and see settings for all of your Google Meet
 * calls", lets the app change the room's settings. The emulator's token gives the provider exactly
 * the scopes it asks for when adopting: created and settings.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, type TokenFile, startEmulator } from "../../emulator";
import {
  REPO_ROOT,
  UNPACED,
  driver,
  engineEnv,
  nativeYamlHead,
  pulumiBinDir,
  tempBackend,
  workCopy,
  writeStackConfig,
} from "../support/engine";
import { pulumi } from "../support/pulumiCli";

const S = "https://www.googleapis.com/auth/meetings.space.";
const OWNER = "rooms-admin@example.com";
const MEMBER_WRITES = ["CreateMember", "DeleteMember", "UpdateMember", "BatchUpdateMembers"];

function program(adopt: string, body: string): string {
  return `${nativeYamlHead("foreign-room")}resources:
  lobby:
    type: googlemeet:index:MeetSpace
    properties:
      adopt: ${adopt}
${body}
outputs:
  dialIn: \${lobby.phoneAccess[0].phoneNumber}
`;
}

/**
 * An emulator whose one token carries exactly the scopes the provider asks for when adopting
 * (created and settings), and a room made in Meet's own interface with a conference running.
 */
async function emulatorWithRoomMadeInMeet(dir: string) {
  const tokens: TokenFile = {
    tokens: { "tok-provider": { user: OWNER, scopes: [`${S}created`, `${S}settings`] } },
  };
  const tokenFile = path.join(dir, "tokens.json");
  fs.writeFileSync(tokenFile, JSON.stringify(tokens));
  const emulator = await startEmulator({ tokenFile });
  const admin = new EmulatorAdminClient(emulator.httpUrl);
  const made = await admin.createRoomOutsideApp(OWNER, { accessType: "OPEN" });
  await admin.startConference(made.name);
  writeStackConfig(dir, "dev", { ...UNPACED, "googlemeet:accessToken": "tok-provider" });
  const journal = async () =>
    (await admin.requests()).map((r) => [r.method, ...(r.updateMask ?? []), r.code].join(" "));
  return { emulator, admin, journal, room: { name: made.name, meetingCode: made.meetingCode } };
}
type RoomInMeet = Awaited<ReturnType<typeof emulatorWithRoomMadeInMeet>>;

describe("engine: a room made in Meet, adopted (Pulumi YAML, native provider)", function () {
  this.timeout(300_000);
  let t: RoomInMeet;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "foreign-room-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    t = await emulatorWithRoomMadeInMeet(dir);
    env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: t.emulator.grpcAddress });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(t.room.name, ""));
    await pulumi(dir, env, ["stack", "init", "dev"]);
  });
  beforeEach(() => t.admin.clearRequests());
  after(() => t?.emulator.stop());
  const write = (body: string, adopt = t.room.meetingCode.toUpperCase()) =>
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(adopt, body));

  it("members on it: up fails clearly before any write; 0 member writes, no settings change, nothing in state", async () => {
    write(`      config:
        accessType: TRUSTED
      members:
        - email: ada@example.com
          role: COHOST`);
    const failed = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]).then(
      () => assert.fail("up succeeded"),
      (err: { output: string }) => err.output,
    );
    assert.match(failed, new RegExp(`Cannot manage the members of ${t.room.name}`));
    assert.match(
      failed,
      /this room was not created by this app, and Google lets an app manage members only of rooms it created/,
    );
    assert.match(failed, /Nothing was changed\. Either leave `members` out of this MeetSpace/);
    const calls = await t.journal();
    assert.deepEqual(calls, ["GetSpace OK", "ListMembers PERMISSION_DENIED"]);
    assert.equal(calls.filter((c) => MEMBER_WRITES.includes(c.split(" ")[0])).length, 0);
    const [stored] = await t.admin.spaces();
    assert.deepEqual([stored.config?.accessType, stored.members], ["OPEN", []]);
    const state = JSON.parse(await pulumi(dir, env, ["stack", "export"]));
    assert.ok(!(state.deployment.resources ?? []).some((r: any) => r.urn.endsWith("::lobby")));
  });

  it("settings only: adopted with one UpdateSpace of exactly the changed paths; the dial-in number is an output", async () => {
    write(`      config:
        accessType: TRUSTED
        moderation: "ON"`);
    const out = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await t.journal(), [
      "GetSpace OK",
      "UpdateSpace config.access_type config.moderation OK",
    ]);
    const dialIn = (await pulumi(dir, env, ["stack", "output", "dialIn"])).trim();
    assert.match(dialIn, /^\+\d{8,15}$/);
    assert.doesNotMatch(out, /error/i);

    write(`      config:
        accessType: RESTRICTED
        moderation: "ON"`);
    await t.admin.clearRequests();
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await t.journal(), ["UpdateSpace config.access_type OK"]);
  });

  it("destroy does what Google allows (lock) and warns that the running conference could not be ended", async () => {
    const out = await pulumi(dir, env, ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await t.journal(), [
      "UpdateSpace config.access_type OK",
      "EndActiveConference PERMISSION_DENIED",
    ]);
    assert.match(out, new RegExp(`warning: MeetSpace ${t.room.name}: retired as far as Google allows`));
    assert.match(out, /Not done: ending its running conference/);
    assert.match(out, /- 2 deleted/); // the room and the stack
    const [stored] = await t.admin.spaces();
    assert.equal(stored.config?.accessType, "RESTRICTED");
    assert.ok(stored.activeConference, "Google left the conference running");
  });

  it("pulumi import of a room made in Meet: read with the settings scope", async () => {
    const other = await t.admin.createRoomOutsideApp(OWNER, { accessType: "TRUSTED" });
    await t.admin.clearRequests();
    const code = await pulumi(dir, env, [
      "import",
      "googlemeet:index:MeetSpace",
      "hall",
      other.meetingCode,
      "--yes",
      "--skip-preview",
      "--protect=false",
    ]);
    assert.deepEqual(await t.journal(), ["GetSpace OK"]);
    assert.match(code, /accessType: TRUSTED/);
  });
});

/** The same room through the dynamic face: a TypeScript program run by pulumi-meet-local. */
function tsProgram(adopt: string, withMembers: boolean): string {
  return `import { MeetSpace } from "pulumi-google-meet";

const room = new MeetSpace("lobby", {
  adopt: ${JSON.stringify(adopt)},
  config: { accessType: "TRUSTED" },
  ${withMembers ? 'members: [{ email: "ada@example.com", role: "COHOST" }],' : ""}
});
export const dialIn = room.phoneAccess.apply((numbers) => numbers[0]?.phoneNumber ?? "");
`;
}

describe("engine: a room made in Meet, adopted (TypeScript, dynamic provider)", function () {
  this.timeout(300_000);
  let t: RoomInMeet;
  let dir: string;
  let env: Record<string, string>;
  const run = (command: string) => driver([command, "--cwd", dir, "--stack", "dev"], env);
  before(async () => {
    dir = workCopy(path.join(REPO_ROOT, "examples", "basic"));
    t = await emulatorWithRoomMadeInMeet(dir);
    env = {
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: t.emulator.grpcAddress,
    };
  });
  beforeEach(() => t.admin.clearRequests());
  after(() => t?.emulator.stop());

  it("members refused before any write; settings adopted with one exact UpdateSpace; destroy warns, does not fail", async () => {
    fs.writeFileSync(path.join(dir, "index.ts"), tsProgram(t.room.meetingCode, true));
    const refused = await run("up");
    assert.notEqual(refused.code, 0);
    assert.match(
      `${refused.stdout}${refused.stderr}`,
      new RegExp(`Cannot manage the members of ${t.room.name}`),
    );
    assert.match(
      `${refused.stdout}${refused.stderr}`,
      /Google lets an app manage members only of rooms it created/,
    );
    const calls = await t.journal();
    assert.deepEqual(calls, ["GetSpace OK", "ListMembers PERMISSION_DENIED"]);
    assert.equal(calls.filter((c) => MEMBER_WRITES.includes(c.split(" ")[0])).length, 0);

    fs.writeFileSync(path.join(dir, "index.ts"), tsProgram(t.room.meetingCode, false));
    await t.admin.clearRequests();
    const adopted = await run("up");
    assert.equal(adopted.code, 0, `${adopted.stdout}${adopted.stderr}`);
    assert.deepEqual(await t.journal(), ["GetSpace OK", "UpdateSpace config.access_type OK"]);
    assert.match(adopted.stdout, /dialIn: "\+\d{8,15}"/);

    await t.admin.clearRequests();
    const destroyed = await run("destroy");
    assert.equal(destroyed.code, 0, `${destroyed.stdout}${destroyed.stderr}`);
    assert.deepEqual(await t.journal(), [
      "UpdateSpace config.access_type OK",
      "EndActiveConference PERMISSION_DENIED",
    ]);
    assert.match(
      `${destroyed.stdout}${destroyed.stderr}`,
      new RegExp(
        `warning: MeetSpace ${t.room.name}: retired as far as Google allows.*Not done: ending its running conference`,
      ),
    );
  });
});
