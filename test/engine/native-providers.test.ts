/**
 * The native provider's configuration through the real engine: the default provider from stack
 * config and an explicit provider from a secret project value, side by side in one YAML program,
 * each acting with its own credentials; secrets stay ciphertext in the backend; a bad provider
 * setting fails preview naming every bad key, before any call.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { REPO_ROOT, engineEnv, tempBackend } from "../support/engine";
import { pulumi } from "../support/pulumiCli";

const ALICE_TOKEN = "alice-token-SECRET-1234";
const BOB_TOKEN = "bob-token-SECRET-5678";
const SCOPES = ["https://www.googleapis.com/auth/meetings.space.created"];

function program(providerProps: string): string {
  return `name: two-domains
runtime: yaml
plugins:
  providers:
    - name: googlemeet
      path: ${REPO_ROOT}
config:
  bobToken:
    type: string
    secret: true
resources:
  bob:
    type: pulumi:providers:googlemeet
    properties:
${providerProps}
  alice-room:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: OPEN
  bob-room:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: TRUSTED
    options:
      provider: \${bob}
`;
}

describe("engine: native provider configuration (default and explicit providers, secrets)", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdminClient;
  let dir: string;
  let backend: string;
  let env: Record<string, string>;

  before(async () => {
    emulator = await startEmulator({
      tokens: {
        tokens: {
          [ALICE_TOKEN]: { user: "alice@example.com", scopes: SCOPES },
          [BOB_TOKEN]: { user: "bob@example.com", scopes: SCOPES },
        },
      },
    });
    admin = new EmulatorAdminClient(emulator.httpUrl);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "two-domains-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    backend = tempBackend();
    env = engineEnv(backend, { GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress });
  });
  after(() => emulator?.stop());

  it("bad provider settings fail preview naming every bad key, with no call", async () => {
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      program(`      accessToken: \${bobToken}\n      writeQuota: 50`),
    );
    await pulumi(dir, env, ["stack", "select", "--create", "dev"]);
    await pulumi(dir, env, ["config", "set", "--secret", "googlemeet:accessToken", ALICE_TOKEN]);
    await pulumi(dir, env, ["config", "set", "--secret", "bobToken", BOB_TOKEN]);
    // The default provider's settings come from stack config, where no type checker stands before ours.
    await pulumi(dir, env, ["config", "set", "googlemeet:transport", "http"]);
    await pulumi(dir, env, ["config", "set", "googlemeet:writeQuota", "--", "-5"]);
    const err = await pulumi(dir, env, ["preview"]).then(
      () => assert.fail("preview should fail"),
      (e) => e.output as string,
    );
    assert.match(
      err,
      /property transport value \{http\} has a problem: must be "grpc" or "rest", got "http"/,
    );
    assert.match(err, /property writeQuota value \{-5\} has a problem: must be a positive number, got "-5"/);
    assert.deepEqual(await admin.requests(), []);
    await pulumi(dir, env, ["config", "rm", "googlemeet:transport"]);
    await pulumi(dir, env, ["config", "rm", "googlemeet:writeQuota"]);
  });

  it("each provider acts with its own credentials; no credential is stored in plaintext", async () => {
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      program(`      accessToken: \${bobToken}\n      writeQuota: 50`),
    );
    const out = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.doesNotMatch(out, /SECRET/);
    const callers = (await admin.requests()).map((r) => `${r.method} ${r.caller}`).sort();
    assert.deepEqual(callers, ["CreateSpace alice@example.com", "CreateSpace bob@example.com"]);

    const files = fs.readdirSync(backend, { recursive: true }) as string[];
    for (const file of files) {
      const full = path.join(backend, file);
      if (!fs.statSync(full).isFile()) continue;
      const text = fs.readFileSync(full, "utf8");
      assert.ok(!text.includes(ALICE_TOKEN) && !text.includes(BOB_TOKEN), `${file} holds a credential`);
    }
    const state = JSON.parse(await pulumi(dir, env, ["stack", "export"]));
    const bob = state.deployment.resources.find((r: any) => r.urn.endsWith("::bob"));
    assert.equal(
      bob.inputs.accessToken["4dabf18193072939515e22adb298388d"],
      "1b47061264138c4ac30d75fd1eb44270",
    );

    await admin.clearRequests();
    await pulumi(dir, env, ["destroy", "--yes", "--skip-preview"]);
    const retired = (await admin.requests()).map((r) => `${r.method} ${r.caller}`).sort();
    assert.deepEqual(retired, ["UpdateSpace alice@example.com", "UpdateSpace bob@example.com"]);
  });
});

describe("engine: the native provider's warnings and retries are diagnostics on their resource", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator?.stop());

  it("a check warning and a retried call show under the room that caused them", async () => {
    const admin = new EmulatorAdminClient(emulator.httpUrl);
    await admin.addFault({ method: "CreateMember", code: "UNAVAILABLE", times: 1 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diagnostics-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    const members = Array.from(
      { length: 26 },
      (_, i) => `        - email: c${i}@example.com\n          role: COHOST`,
    );
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `name: diagnostics\nruntime: yaml\nplugins:\n  providers:\n    - name: googlemeet\n      path: ${path.join(REPO_ROOT, "bin")}\nresources:\n  big:\n    type: googlemeet:index:MeetSpace\n    properties:\n      members:\n${members.join("\n")}\n`,
    );
    const env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress });
    await pulumi(dir, env, ["stack", "init", "dev"]);
    const out = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    const diagnostics = out.slice(out.indexOf("Diagnostics:"));
    assert.match(
      diagnostics,
      /googlemeet:index:MeetSpace \(big\):\n {4}warning: MeetSpace: members lists 26 co-hosts; Meet allows at most 25/,
    );
    assert.match(
      diagnostics,
      /googlemeet: CreateMember spaces\/\w+ answered UNAVAILABLE; retry 1 in [\d.]+s/,
    );
  });
});

describe("engine: a native room whose member fails is recorded, and the next up finishes it", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator?.stop());

  it("the room is in the state with the members it has; the next up adds only the missing one", async () => {
    const admin = new EmulatorAdminClient(emulator.httpUrl);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partial-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `name: partial\nruntime: yaml\nplugins:\n  providers:\n    - name: googlemeet\n      path: ${REPO_ROOT}\nresources:\n  room:\n    type: googlemeet:index:MeetSpace\n    properties:\n      members:\n        - email: a@example.com\n        - email: b@example.com\n`,
    );
    const env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress });
    await pulumi(dir, env, ["stack", "init", "dev"]);
    await admin.addFault({
      method: "CreateMember",
      code: "PERMISSION_DENIED",
      match: "b@example.com",
      times: 1,
    });
    const failed = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]).then(
      () => assert.fail("up should fail"),
      (e) => e.output as string,
    );
    assert.match(
      failed,
      // Its diagnostics: the "created" line and the error, in whichever order the engine prints them.
      /googlemeet:index:MeetSpace \(room\):\n(?:.*\n)*? {4}error: 1 error occurred:\n\s+\* The room spaces\/\w+ was created, but 1 member change failed:\n\s+- adding b@example.com failed: PERMISSION_DENIED/,
    );
    const state = JSON.parse(await pulumi(dir, env, ["stack", "export"])).deployment.resources;
    const room = state.find((r: any) => r.type === "googlemeet:index:MeetSpace");
    assert.match(room.id, /^spaces\//);
    assert.deepEqual(
      room.outputs.members.map((m: any) => m.email),
      ["a@example.com"],
    );
    await admin.clearRequests();
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    const calls = (await admin.requests()).map((r) => `${r.method}${r.email ? ` ${r.email}` : ""}`);
    assert.deepEqual(calls, ["ListMembers", "CreateMember b@example.com"]);
    assert.equal((await admin.spaces()).length, 1, "one room, not two");
  });
});
