/**
 * A new user's first hour, driven from the outside as a user would: the driver and the npm scripts,
 * each mistake answered with what is wrong and what to do. (Unreachable endpoints: faults/
 * unreachable.test.ts; the emulator's start-up failures: emulator/cli.test.ts; room files:
 * examples.test.ts.)
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  REPO_ROOT,
  type Ran,
  driver,
  engineEnv,
  pulumiBinDir,
  tempBackend,
  run,
  workCopy,
  writeStackConfig,
} from "../support/engine";

const stackConfig = (dir: string, config: Record<string, string>) => writeStackConfig(dir, "dev", config);

function npmRun(args: string[]): Promise<Ran> {
  return run("npm", ["run", "--silent", ...args], REPO_ROOT, {});
}

describe("engine: a new user's first hour", function () {
  this.timeout(300_000);

  describe("credentials, checked before any call", () => {
    let dir: string;
    let env: Record<string, string>;
    before(() => {
      dir = workCopy(path.join(REPO_ROOT, "examples", "basic"));
      // No emulator and no credentials anywhere: an empty home, no variables.
      const home = fs.mkdtempSync(path.join(os.tmpdir(), "meet-home-"));
      env = {
        ...engineEnv(tempBackend()),
        PULUMI_BIN_DIR: pulumiBinDir(),
        HOME: home,
        GOOGLE_MEET_EMULATOR_HOST: "",
        GOOGLE_APPLICATION_CREDENTIALS: "",
      };
    });

    it("none at all: names every source tried and the commands that create one", async () => {
      stackConfig(dir, {});
      const ran = await driver(["up", "--cwd", dir], env);
      assert.equal(ran.code, 1);
      assert.match(
        ran.stderr,
        /No Google credentials found\. Tried: stack config googlemeet:credentials and googlemeet:accessToken \(unset\), GOOGLE_APPLICATION_CREDENTIALS \(unset\), gcloud's application-default file .*application_default_credentials\.json \(absent\)/,
      );
      assert.match(ran.stderr, /gcloud auth application-default login/);
      assert.match(ran.stderr, /pulumi config set --secret googlemeet:credentials "\$\(cat key\.json\)"/);
      assert.doesNotMatch(ran.stdout + ran.stderr, /\n\s+at /, "no stack trace");
    });

    it("GOOGLE_APPLICATION_CREDENTIALS naming a missing file: the file is named", async () => {
      const ran = await driver(["up", "--cwd", dir], {
        ...env,
        GOOGLE_APPLICATION_CREDENTIALS: "/nowhere/key.json",
      });
      assert.equal(ran.code, 1);
      assert.match(
        ran.stderr,
        /GOOGLE_APPLICATION_CREDENTIALS names \/nowhere\/key\.json, which does not exist/,
      );
    });

    it("a key file's path given as googlemeet:credentials: a hint to pass its contents", async () => {
      stackConfig(dir, { "googlemeet:credentials": "/home/me/key.json" });
      const ran = await driver(["up", "--cwd", dir], env);
      assert.equal(ran.code, 1);
      assert.match(
        ran.stderr,
        /googlemeet:credentials .*not valid JSON\. It looks like a file path; pass the file's contents instead: pulumi config set --secret googlemeet:credentials "\$\(cat key\.json\)"/,
      );
    });
  });

  it("several wrong settings at once are all listed, the moderation conflict included, before any call", async () => {
    const dir = workCopy(path.join(REPO_ROOT, "examples", "gitops-rooms"));
    fs.writeFileSync(
      path.join(dir, "rooms", "broken.yaml"),
      'config:\n  accessType: PUBLIC\n  moderation: "OFF"\n  moderationRestrictions:\n    chatRestriction: HOSTS_ONLY\n',
    );
    const env = {
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: "127.0.0.1:1",
    };
    const ran = await driver(["preview", "--cwd", dir], env);
    assert.equal(ran.code, 1);
    const text = ran.stdout + ran.stderr;
    assert.match(
      text,
      /rooms\/broken\.yaml: config\.accessType: must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"/,
    );
    assert.match(text, /rooms\/broken\.yaml: config\.moderationRestrictions\.chatRestriction: .*moderation/);
  });

  describe("every script answers --help and names an unknown argument", () => {
    const scripts: [string[], RegExp][] = [
      [
        ["local", "--"],
        /pulumi-meet-local: run a Pulumi TypeScript or JavaScript program through the real Pulumi engine/,
      ],
      [["demo", "--"], /npm run demo: applies examples\/gitops-rooms through the real Pulumi engine/],
      [["bench", "--"], /npm run bench/],
      [["emulator", "--"], /usage|Usage/],
      [["pulumi:install", "--"], /usage: npm run pulumi:install/],
    ];
    for (const [script, help] of scripts) {
      it(`npm run ${script[0]}`, async () => {
        const asked = await npmRun([...script, "--help"]);
        assert.equal(asked.code, 0, asked.stderr);
        assert.match(asked.stdout + asked.stderr, help);
        const wrong = await npmRun([...script, "--frobnicate"]);
        assert.equal(wrong.code, 2, wrong.stdout + wrong.stderr);
        assert.match(wrong.stderr, /--frobnicate/);
      });
    }

    it("pulumi:install uses a pulumi already on PATH, says so, and prints its directory last", async () => {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), "meet-path-"));
      fs.writeFileSync(path.join(bin, "pulumi"), "#!/bin/sh\necho v3.999.0\n", { mode: 0o755 });
      const ran = await run("bash", [path.join(REPO_ROOT, "scripts", "pulumi-install.sh")], REPO_ROOT, {
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      });
      assert.equal(ran.code, 0, ran.stderr);
      assert.equal(ran.stdout.trim().split("\n").pop(), bin);
      assert.match(
        ran.stderr,
        /using the pulumi already on PATH \(.*\/pulumi, v3\.999\.0\); pass --build to build v3\.274\.1 from source instead/,
      );
    });

    it("the driver names an unknown command, and lists the commands", async () => {
      const ran = await npmRun(["local", "--", "upp"]);
      assert.equal(ran.code, 2);
      assert.match(
        ran.stderr,
        /unknown command "upp" \(commands: preview, up, refresh, destroy, import, cancel, recover\)/,
      );
    });
  });
});
