/**
 * `pulumi-meet-local import` in a TypeScript project, through the real engine against the
 * emulator: the room read once, TypeScript to paste printed (the language host Pulumi's own code
 * generation needs is what the driver runs without), and that code, pasted, an `up` with nothing
 * to do. Someone else's room and a dynamic type are refused with what to do instead.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { driver } from "../support/engine";
import { takeCalls } from "../support/journal";
import { bothFacesEnv, programDir } from "../support/nodeSdk";

describe("engine: pulumi-meet-local import into a TypeScript program", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdminClient;
  let dir: string;
  let env: Record<string, string>;
  const calls = () => takeCalls(admin);
  const local = (...args: string[]) => driver([...args, "--cwd", dir, "--stack", "dev"], env);

  before(async () => {
    emulator = await startEmulator();
    admin = new EmulatorAdminClient(emulator.httpUrl);
    dir = programDir("import", {
      "Pulumi.yaml": "name: import-ts\nruntime: nodejs\n",
      "index.ts": "export {};\n",
    });
    env = bothFacesEnv(emulator.grpcAddress);
  });
  after(() => emulator?.stop());

  it("imports a room with one GetSpace and prints TypeScript that, pasted, leaves nothing to do", async () => {
    const made = emulator.store.createSpace("emulator-user@example.com", {
      config: { accessType: "TRUSTED", moderation: "ON" },
    });
    const ran = await local("import", "googlemeet:index:MeetSpace", "lobby", `spaces/${made.id}`);
    assert.equal(ran.code, 0, ran.stderr);
    assert.deepEqual(await calls(), ["GetSpace"], "the room read once");
    assert.doesNotMatch(ran.stdout + ran.stderr, /language plugin/);
    const code = ran.stdout.slice(
      ran.stdout.indexOf('import * as googlemeet from "@pulumi-google-meet/googlemeet";'),
    );
    assert.match(
      code,
      /^import \* as googlemeet from "@pulumi-google-meet\/googlemeet";\n\nnew googlemeet\.MeetSpace\("lobby", \{\n {2}config: \{\n {4}accessType: "TRUSTED",\n/,
    );
    assert.match(code, /moderation: "ON",/);

    fs.writeFileSync(path.join(dir, "index.ts"), code);
    const up = await local("up", "--json");
    assert.equal(up.code, 0, up.stderr);
    assert.deepEqual(JSON.parse(up.stdout).summary, { same: 2 });
    assert.deepEqual(await calls(), [], "the pasted code matches the room: no call");
  });

  it("someone else's room: refused once, saying whose user and how to import as its owner", async () => {
    const theirs = emulator.store.createSpace("someone-else@example.com", { config: { accessType: "OPEN" } });
    const ran = await local("import", "googlemeet:index:MeetSpace", "theirs", `spaces/${theirs.id}`);
    assert.equal(ran.code, 1);
    const said = `Could not import spaces/${theirs.id}: the room is owned by someone other than the credentials' user, so its settings cannot be read. Import it as its owner: \`pulumi config set googlemeet:impersonateUser OWNER-EMAIL\``;
    const output = ran.stdout + ran.stderr;
    assert.ok(output.includes(said), output);
    assert.doesNotMatch(output, /does not own it any more/);
    assert.deepEqual(await calls(), ["GetSpace"]);
  });

  it("a dynamic type: refused before any call, pointing at adopt", async () => {
    await calls();
    const ran = await local("import", "pulumi-nodejs:dynamic/googlemeet:MeetSpace", "x", "spaces/abc");
    assert.equal(ran.code, 1);
    assert.match(
      ran.stderr,
      /Pulumi does not import dynamic resources\. Take the room over from the program instead, with `adopt: "spaces\/abc"`/,
    );
    assert.deepEqual(await calls(), []);
  });
});
