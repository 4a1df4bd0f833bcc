/**
 * examples/yaml-rooms through the real Pulumi CLI and YAML language host, with the native plugin
 * from this checkout, against the emulator: each step asserts exactly the calls Meet saw.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, engineEnv, notLocalState, tempBackend } from "../support/engine";
import { pulumi } from "../support/pulumiCli";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-rooms");

/** A copy of the example whose plugin path points at this checkout's bin/. */
function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-rooms-"));
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: notLocalState });
  const file = path.join(dir, "Pulumi.yaml");
  fs.writeFileSync(
    file,
    fs.readFileSync(file, "utf8").replace("path: ../../bin", `path: ${path.join(REPO_ROOT, "bin")}`),
  );
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("engine: examples/yaml-rooms (Pulumi YAML, native provider)", function () {
  this.timeout(300_000);
  // One emulator for the whole story (each step builds on the last); the journal cleared per step.
  const emu = {} as { emulator: RunningEmulator; admin: EmulatorAdminClient; grpcAddress: string };
  before(async () => {
    emu.emulator = await startEmulator();
    emu.admin = new EmulatorAdminClient(emu.emulator.httpUrl);
    emu.grpcAddress = emu.emulator.grpcAddress;
    dir = copyExample();
    env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress });
    await pulumi(dir, env, ["stack", "init", "dev"]);
  });
  beforeEach(() => emu.admin.clearRequests());
  after(() => emu.emulator?.stop());
  let dir: string;
  let env: Record<string, string>;
  const journal = async () =>
    (await emu.admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" "));
  const stateOf = async () =>
    JSON.parse(await pulumi(dir, env, ["stack", "export"])).deployment.resources as any[];
  const room = async (name: string) => (await stateOf()).find((r) => r.urn.endsWith(`::${name}`));

  it("preview lists the creates and calls nothing; up creates rooms and members with exact calls", async () => {
    const preview = await pulumi(dir, env, ["preview"]);
    assert.match(preview, /\+ 5 to create/);
    assert.deepEqual(await journal(), []);

    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    const calls = (await journal()).sort();
    // 3 rooms; 3 + 1 members in the rooms' lists and 1 MeetSpaceMember.
    assert.deepEqual(calls, [...Array(5).fill("CreateMember"), ...Array(3).fill("CreateSpace")]);
    const standup = await room("team-standup");
    assert.equal(standup.outputs.config.accessType, "RESTRICTED");
    assert.deepEqual(standup.outputs.managedSettings, ["accessType", "attendanceReportGenerationType"]);
    assert.ok(!JSON.stringify(standup).includes("__provider"), "no serialized code in state");
  });

  it("a second up calls nothing", async () => {
    const out = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.match(out, /5 unchanged/);
    assert.deepEqual(await journal(), []);
  });

  it("one setting changed: preview --diff names the field; up makes one UpdateSpace with that one mask path", async () => {
    const file = path.join(dir, "Pulumi.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("accessType: OPEN", "accessType: TRUSTED"));
    const diff = await pulumi(dir, env, ["preview", "--diff"]);
    assert.match(diff, /~ accessType: "OPEN" => "TRUSTED"/);
    assert.match(diff, /~ 1 to update/);
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await journal(), ["UpdateSpace config.access_type"]);
  });

  it("drift: refresh reads it back as a changed input, the next up restores it with one call", async () => {
    const id = (await room("all-hands")).id as string;
    emu.emulator.store.updateSpace(
      "emulator-user@example.com",
      { name: id, config: { accessType: "OPEN" } },
      ["config.access_type"],
    );
    await emu.admin.clearRequests();
    await pulumi(dir, env, ["refresh", "--yes", "--skip-preview"]);
    // Each room read once, with its members where they are managed; the one member by itself.
    assert.deepEqual((await journal()).sort(), [
      "GetMember",
      "GetSpace",
      "GetSpace",
      "GetSpace",
      "ListMembers",
      "ListMembers",
    ]);
    assert.equal((await room("all-hands")).inputs.config.accessType, "OPEN");
    await emu.admin.clearRequests();
    const diff = await pulumi(dir, env, ["preview", "--diff"]);
    assert.match(diff, /~ accessType: "OPEN" => "TRUSTED"/);
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await journal(), ["UpdateSpace config.access_type"]);
  });

  it("pulumi import adopts rooms made outside Pulumi, by spaces/{id} and by meeting code, and writes their YAML", async () => {
    const a = emu.emulator.store.createSpace("emulator-user@example.com", {
      config: { accessType: "TRUSTED" },
    });
    const b = emu.emulator.store.createSpace("emulator-user@example.com", { config: { accessType: "OPEN" } });
    const byId = await pulumi(dir, env, [
      "import",
      "googlemeet:index:MeetSpace",
      "lobby",
      `spaces/${a.id}`,
      "--yes",
      "--skip-preview",
      "--protect=false",
    ]);
    // The code to paste into the program, in the project's language (the short token is YAML's).
    assert.match(byId, /resources:\n {2}lobby:\n {4}type: googlemeet:MeetSpace\n/);
    assert.match(byId, /accessType: TRUSTED/);
    await pulumi(dir, env, [
      "import",
      "googlemeet:index:MeetSpace",
      "kiosk",
      b.meetingCode,
      "--yes",
      "--skip-preview",
      "--protect=false",
    ]);
    // One GetSpace per import (the meeting code is looked up as spaces/{code}, as Meet allows).
    assert.deepEqual(await journal(), ["GetSpace", "GetSpace"]);
    assert.equal((await room("lobby")).id, `spaces/${a.id}`);
    assert.equal((await room("kiosk")).id, `spaces/${b.id}`);
    assert.equal((await room("kiosk")).inputs.config.accessType, "OPEN");
  });

  it("bulk adoption: pulumi import --file takes several rooms at once and writes their YAML to a file", async () => {
    const made = ["OPEN", "RESTRICTED"].map((accessType) =>
      emu.emulator.store.createSpace("emulator-user@example.com", { config: { accessType } }),
    );
    const file = path.join(dir, "imports.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        resources: [
          { type: "googlemeet:index:MeetSpace", name: "hall-a", id: `spaces/${made[0].id}` },
          { type: "googlemeet:index:MeetSpace", name: "hall-b", id: made[1].meetingCode },
        ],
      }),
    );
    const out = path.join(dir, "imported.yaml");
    await pulumi(dir, env, [
      "import",
      "--file",
      file,
      "--out",
      out,
      "--yes",
      "--skip-preview",
      "--protect=false",
    ]);
    assert.deepEqual(await journal(), ["GetSpace", "GetSpace"]);
    const code = fs.readFileSync(out, "utf8");
    assert.match(
      code,
      /hall-a:\n {4}type: googlemeet:MeetSpace\n {4}properties:\n {6}config:\n {8}accessType: OPEN\n/,
    );
    assert.match(
      code,
      /hall-b:\n {4}type: googlemeet:MeetSpace\n {4}properties:\n {6}config:\n {8}accessType: RESTRICTED\n/,
    );
  });

  it("destroy retires every room: locked, managed members removed; nothing is deleted", async () => {
    await pulumi(dir, env, ["destroy", "--yes", "--skip-preview"]);
    const spaces = await emu.admin.spaces();
    assert.equal(spaces.length, 7);
    for (const s of spaces) assert.equal(s.config?.accessType, "RESTRICTED", s.name);
    const calls = await journal();
    assert.equal(calls.filter((c) => c === "UpdateSpace config.access_type").length, 7);
    assert.deepEqual(calls.filter((c) => !c.startsWith("UpdateSpace")).sort(), [
      ...Array(5).fill("DeleteMember"),
      "ListMembers",
      "ListMembers",
    ]);
  });
});
