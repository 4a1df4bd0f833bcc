/**
 * The policy pack on TypeScript programs (the dynamic resources' type tokens), run inline by
 * pulumi-meet-local through the real engine against the emulator: `--policy-pack` stops or warns,
 * a value known only at apply time is checked when `up` knows it, and drift fails a pipeline check.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, driver, engineEnv, pulumiBinDir, tempBackend } from "../support/engine";
import { assertPrinted, changeRoomOutOfBand, policyConfig, useGuardedEmulator } from "../support/policy";

/** A program directory inside the repository (so `pulumi-google-meet` resolves), removed at exit. */
function program(source: string): string {
  const root = path.join(REPO_ROOT, "dist", "engine-work");
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, "guarded-ts-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: guarded-ts\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "index.ts"), `import * as meet from "pulumi-google-meet";\n${source}`);
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("engine: the policy pack on TypeScript programs (dynamic resources, pulumi-meet-local)", function () {
  this.timeout(300_000);
  const emu = useGuardedEmulator();

  function project(source: string) {
    const dir = program(source);
    const env = {
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emu.emulator.grpcAddress,
    };
    return async (...args: string[]) => {
      const ran = await driver([...args, "--cwd", dir, "--stack", "dev"], env);
      return { code: ran.code, out: ran.stdout + ran.stderr };
    };
  }

  it("a mandatory violation stops preview and up with the message (dynamic tokens); no call is made", async () => {
    const run = project(`
new meet.MeetSpace("lobby", {
  config: { accessType: "OPEN", moderation: "ON" },
  members: [{ email: "lead@example.com", role: "COHOST" }, { email: "advisor@partner.org", role: "COHOST" }],
});
`);
    const config = policyConfig({ "meet-cohost-domains": { allowedDomains: ["example.com"] } });
    for (const command of ["preview", "up"]) {
      const ran = await run(command, "--policy-pack", emu.pack, "--policy-pack-config", config);
      assert.equal(ran.code, 1, ran.out);
      assertPrinted(
        ran.out,
        "[mandatory]  meet-access-type  (pulumi-nodejs:dynamic/googlemeet:MeetSpace: lobby)",
        'MeetSpace "lobby": config.accessType is "OPEN"; allowed: "TRUSTED" or "RESTRICTED"',
        'MeetSpace "lobby": members[1].email is "advisor@partner.org" (a co-host); allowed domains: "example.com"',
      );
    }
    assert.deepEqual(await emu.calls(), []);
  });

  it("an advisory level warns and applies", async () => {
    const run = project(
      `new meet.ChatSpace("legal", { spaceType: "SPACE", displayName: "Legal", spaceHistoryState: "HISTORY_OFF" });\n`,
    );
    const ran = await run(
      "up",
      "--policy-pack",
      emu.pack,
      "--policy-pack-config",
      policyConfig({ "chat-history": "advisory" }),
    );
    assert.equal(ran.code, 0, ran.out);
    assertPrinted(
      ran.out,
      "[advisory]  chat-history  (pulumi-nodejs:dynamic/googlemeet:ChatSpace: legal)",
      'ChatSpace "legal": spaceHistoryState is "HISTORY_OFF"; retention requires "HISTORY_ON"',
    );
    assert.deepEqual(
      (await emu.calls()).filter((c) => c.startsWith("chat.SetUpSpace")),
      ["chat.SetUpSpace"],
    );
  });

  it("a value known only at apply time: preview says it cannot judge yet; up refuses the room before creating it", async () => {
    const run = project(`
const gate = new meet.MeetSpace("gate", { config: { accessType: "RESTRICTED" } });
// OPEN, but only once gate exists: unknown during the preview.
new meet.MeetSpace("lobby", { config: { accessType: gate.name.apply(() => "OPEN" as const), moderation: "ON" } });
`);
    const preview = await run("preview", "--policy-pack", emu.pack);
    assert.equal(preview.code, 0, preview.out);
    assert.match(
      preview.out,
      /can't run policy 'meet-access-type' from policy pack 'google-meet-guardrails@v0\.1\.0' during preview/,
    );

    const up = await run("up", "--policy-pack", emu.pack);
    assert.equal(up.code, 1, up.out);
    assertPrinted(
      up.out,
      'MeetSpace "lobby": config.accessType is "OPEN"; allowed: "TRUSTED" or "RESTRICTED"',
    );
    // gate was compliant and made; lobby was refused before its CreateSpace.
    assert.deepEqual(await emu.calls(), ["CreateSpace"]);
    assert.deepEqual(
      (await emu.admin.spaces()).map((s) => s.config!.accessType),
      ["RESTRICTED"],
    );
  });

  it("a compliant program passes; drift then fails preview --refresh --expect-no-changes, and up --refresh restores it", async () => {
    const run = project(
      `new meet.MeetSpace("all-hands", { config: { accessType: "TRUSTED", moderation: "ON" } });\n`,
    );
    const up = await run("up", "--policy-pack", emu.pack);
    assert.equal(up.code, 0, up.out);
    assert.match(up.out, /✅ google-meet-guardrails@v0\.1\.0/);
    assert.doesNotMatch(up.out, /\[(mandatory|advisory)\]/);

    const [room] = await emu.admin.spaces();
    await changeRoomOutOfBand(emu.emulator.httpUrl, room.name, { moderation: "OFF" });
    await emu.admin.clearRequests();
    const check = await run("preview", "--refresh", "--expect-no-changes", "--diff");
    assert.equal(check.code, 1, check.out);
    assertPrinted(check.out, "pulumi-nodejs:dynamic/googlemeet:MeetSpace::all-hands]");
    assert.match(check.out, /~ moderation *: "OFF" => "ON"/);
    assert.match(check.out, /no changes were expected for preview but changes were proposed/);
    assert.deepEqual(
      (await emu.calls()).filter((c) => c !== "GetSpace"),
      [],
      "the check only reads",
    );

    const fix = await run("up", "--refresh");
    assert.equal(fix.code, 0, fix.out);
    assert.deepEqual(
      (await emu.calls()).filter((c) => c !== "GetSpace"),
      ["UpdateSpace config.moderation"],
    );
    assert.equal((await emu.admin.spaces())[0].config!.moderation, "ON");
  });

  it("the driver refuses guard options where the engine would ignore them", async () => {
    const run = project("");
    const ran = await run("refresh", "--policy-pack", emu.pack);
    assert.equal(ran.code, 2);
    assert.match(ran.out, /--policy-pack: for preview and up only, not refresh/);
  });
});
