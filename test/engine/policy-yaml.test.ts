/**
 * The policy pack (`--policy-pack policy`) through the real Pulumi CLI on Pulumi YAML projects with
 * the native provider, against the emulator: what stops, what warns, what configuration changes,
 * and drift failing a pipeline's `preview --refresh --expect-no-changes`.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Ran, engineEnv, nativeYamlHead, pulumi, tempBackend } from "../support/engine";
import { assertPrinted, changeRoomOutOfBand, policyConfig, useGuardedEmulator } from "../support/policy";

const HEADER = `${nativeYamlHead("guarded-rooms")}resources:
`;

describe("engine: the policy pack on Pulumi YAML (native provider)", function () {
  this.timeout(300_000);
  const emu = useGuardedEmulator();

  /** A fresh project (own backend, stack `dev`) whose resources are `resources` (YAML, indented 2). */
  async function project(resources: string) {
    const dir = tempBackend();
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), HEADER + resources);
    const env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emu.emulator.grpcAddress });
    const cli = async (...args: string[]): Promise<Ran & { out: string }> => {
      const ran = await pulumi(["--color=never", ...args], dir, env);
      return { ...ran, out: ran.stdout + ran.stderr };
    };
    const init = await cli("stack", "init", "dev");
    assert.equal(init.code, 0, init.out);
    return cli;
  }
  const guarded = (config?: Record<string, unknown>) => [
    "--policy-pack",
    emu.pack,
    ...(config ? ["--policy-pack-config", policyConfig(config)] : []),
  ];

  const VIOLATIONS = `  lobby:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: OPEN
        moderation: "ON"
  guest-host:
    type: googlemeet:index:MeetSpaceMember
    properties:
      space: \${lobby.name}
      email: advisor@partner.org
      role: COHOST
  partners:
    type: googlemeet:index:ChatSpace
    properties:
      spaceType: SPACE
      displayName: Partners
      externalUserAllowed: true
`;
  const VIOLATION_MESSAGES = [
    "[mandatory]  meet-access-type  (googlemeet:index:MeetSpace: lobby)",
    'MeetSpace "lobby": config.accessType is "OPEN"; allowed: "TRUSTED" or "RESTRICTED" (or list the room in allowedRooms)',
    "[mandatory]  meet-cohost-domains  (googlemeet:index:MeetSpaceMember: guest-host)",
    'MeetSpaceMember "guest-host": email is "advisor@partner.org" (a co-host); allowed domains: "example.com"',
    "[mandatory]  chat-external-users  (googlemeet:index:ChatSpace: partners)",
    'ChatSpace "partners": externalUserAllowed is true; allowed: false or not set (or list the space in allowedSpaces)',
  ];
  const DOMAINS = { "meet-cohost-domains": { allowedDomains: ["example.com"] } };

  it("mandatory violations stop preview and up with each message; Meet and Chat receive no call", async () => {
    const cli = await project(VIOLATIONS);
    const preview = await cli("preview", ...guarded(DOMAINS));
    assert.notEqual(preview.code, 0, preview.out);
    assertPrinted(preview.out, ...VIOLATION_MESSAGES);

    // The update itself (no preview first) refuses each resource before any call: the engine stops
    // at the first refusal, so which message it shows depends on the order of registration.
    const up = await cli("up", "--yes", "--skip-preview", ...guarded(DOMAINS));
    assert.notEqual(up.code, 0, up.out);
    assert.ok(
      VIOLATION_MESSAGES.filter((line) => !line.startsWith("[")).some((line) => up.out.includes(line)),
      up.out,
    );
    assert.deepEqual(await emu.calls(), []);
    assert.deepEqual(await emu.admin.spaces(), []);
    assert.deepEqual(await emu.admin.chatSpaces(), []);
  });

  it("an advisory violation warns and the room is made", async () => {
    const cli = await project(`  lobby:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: OPEN
`);
    const up = await cli("up", "--yes", "--skip-preview", ...guarded({ "meet-access-type": "advisory" }));
    assert.equal(up.code, 0, up.out);
    assertPrinted(
      up.out,
      "[advisory]  meet-access-type  (googlemeet:index:MeetSpace: lobby)",
      'MeetSpace "lobby": config.accessType is "OPEN"; allowed: "TRUSTED" or "RESTRICTED"',
      // meet-moderation is advisory by default: an OPEN room without moderation is pointed out too.
      'MeetSpace "lobby": config.moderation is not set on an OPEN room; required: "ON"',
    );
    assert.deepEqual(await emu.calls(), ["CreateSpace"]);
    assert.equal((await emu.admin.spaces())[0].config!.accessType, "OPEN");
  });

  it("configuration changes what a rule allows and how strictly: allow-lists, values, limits, disabled", async () => {
    const cli = await project(`  lobby:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: OPEN
        moderation: "ON"
  standup:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: TRUSTED
      members:
        - email: a@example.com
          role: COHOST
        - email: b@example.com
          role: COHOST
`);
    const allowListed = await cli("preview", ...guarded({ "meet-access-type": { allowedRooms: ["lobby"] } }));
    assert.equal(allowListed.code, 0, allowListed.out);
    assert.ok(!allowListed.out.includes("meet-access-type"), allowListed.out);

    const stricter = await cli(
      "preview",
      ...guarded({
        "meet-access-type": { allowedAccessTypes: ["RESTRICTED"], allowedRooms: ["lobby"] },
        "meet-cohost-limit": { maxCohosts: 1 },
      }),
    );
    assert.notEqual(stricter.code, 0, stricter.out);
    assertPrinted(
      stricter.out,
      'MeetSpace "standup": config.accessType is "TRUSTED"; allowed: "RESTRICTED" (or list the room in allowedRooms)',
    );
    assertPrinted(stricter.out, 'MeetSpace "standup": members declares 2 co-hosts; allowed: at most 1');
    assert.ok(!stricter.out.includes('MeetSpace "lobby"'), "lobby stays allow-listed");

    const disabled = await cli("preview", ...guarded({ "meet-access-type": "disabled" }));
    assert.equal(disabled.code, 0, disabled.out);
    assert.ok(!disabled.out.includes("meet-access-type"), disabled.out);
    assert.deepEqual(await emu.calls(), []);
  });

  it("a remediation fixes what is safe to fix: moderation turned ON before the room is made", async () => {
    const cli = await project(`  town-hall:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: OPEN
`);
    const up = await cli(
      "up",
      "--yes",
      "--skip-preview",
      ...guarded({ "meet-access-type": { allowedRooms: ["town-hall"] }, "meet-moderation": "remediate" }),
    );
    assert.equal(up.code, 0, up.out);
    assert.deepEqual(await emu.calls(), ["CreateSpace"]);
    const [room] = await emu.admin.spaces();
    assert.equal(room.config!.accessType, "OPEN");
    assert.equal(room.config!.moderation, "ON");
  });

  it("a pack whose dependencies are not installed is named, with what to run", async () => {
    const uninstalled = tempBackend();
    for (const file of ["PulumiPolicy.yaml", "package.json", "package-lock.json", "index.js"]) {
      fs.copyFileSync(path.join(emu.pack, file), path.join(uninstalled, file));
    }
    const cli = await project(`  plain:
    type: googlemeet:index:MeetSpace
`);
    const preview = await cli("preview", "--policy-pack", uninstalled);
    assert.notEqual(preview.code, 0, preview.out);
    assertPrinted(
      preview.out,
      `it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in "${uninstalled}"`,
    );
    assert.deepEqual(await emu.calls(), []);
  });

  it("a compliant project passes and is applied", async () => {
    const cli = await project(`  standup:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: RESTRICTED
        artifactConfig:
          recordingConfig:
            autoRecordingGeneration: "OFF"
      members:
        - email: lead@example.com
          role: COHOST
  team-chat:
    type: googlemeet:index:ChatSpace
    properties:
      spaceType: SPACE
      displayName: Team
      spaceHistoryState: HISTORY_ON
`);
    const up = await cli("up", "--yes", ...guarded(DOMAINS));
    assert.equal(up.code, 0, up.out);
    assert.match(up.out, /✅ google-meet-guardrails@v0\.1\.0/);
    assert.doesNotMatch(up.out, /\[(mandatory|advisory)\]/);
    const made = await emu.calls();
    assert.equal(made.filter((c) => c === "CreateSpace").length, 1, made.join("\n"));
    assert.equal(made.filter((c) => c === "chat.SetUpSpace").length, 1, made.join("\n"));
  });

  it("drift: a room changed in Meet fails `preview --refresh --expect-no-changes` naming room and setting; `up --refresh` restores it", async () => {
    const cli = await project(`  all-hands:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: TRUSTED
        moderation: "ON"
`);
    assert.equal((await cli("up", "--yes", "--skip-preview")).code, 0);
    const clean = await cli("preview", "--refresh", "--expect-no-changes", "--diff");
    assert.equal(clean.code, 0, `no drift yet:\n${clean.out}`);

    const [room] = await emu.admin.spaces();
    await changeRoomOutOfBand(emu.emulator.httpUrl, room.name, { moderation: "OFF" });
    await emu.admin.clearRequests();
    const check = await cli("preview", "--refresh", "--expect-no-changes", "--diff");
    assert.notEqual(check.code, 0, check.out);
    assertPrinted(check.out, "googlemeet:index:MeetSpace::all-hands]");
    assert.match(check.out, /~ moderation: "OFF" => "ON"/);
    assert.match(check.out, /no changes were expected for preview but changes were proposed/);
    assert.deepEqual(await emu.calls(), ["GetSpace"], "the check only reads");

    const fix = await cli("up", "--refresh", "--yes", "--skip-preview");
    assert.equal(fix.code, 0, fix.out);
    // Reads (the refresh), then the one setting put back.
    const fixCalls = await emu.calls();
    assert.deepEqual(
      fixCalls.filter((c) => c !== "GetSpace"),
      ["UpdateSpace config.moderation"],
    );
    assert.equal((await emu.admin.spaces())[0].config!.moderation, "ON");
    assert.equal((await cli("preview", "--refresh", "--expect-no-changes")).code, 0);
  });
});
