/**
 * Each message once, through the real CLI: the driver (dynamic face), and the native face under
 * the plain `pulumi` CLI. Counted in everything the user sees (stdout and stderr together): a
 * mistyped config key, missing credentials, a broken room file, the `googlemeet: created` lines;
 * and the native face's check failures worded without `value {<nil>}` or a wrong property.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import {
  REPO_ROOT,
  driver,
  engineEnv,
  notLocalState,
  pulumi,
  pulumiBinDir,
  tempBackend,
  workCopy,
  writeStackConfig,
} from "../support/engine";

/** How often `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function seen(ran: { stdout: string; stderr: string }): string {
  return `${ran.stdout}\n${ran.stderr}`;
}

describe("engine: each message once", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdminClient;
  before(async () => {
    emulator = await startEmulator();
    admin = new EmulatorAdminClient(emulator.httpUrl);
  });
  after(() => emulator?.stop());

  describe("pulumi-meet-local, dynamic face (examples/gitops-rooms: three rooms, two Chat spaces)", () => {
    let dir: string;
    let env: Record<string, string>;
    before(() => {
      dir = workCopy(path.join(REPO_ROOT, "examples", "gitops-rooms"));
      env = { ...engineEnv(tempBackend()), PULUMI_BIN_DIR: pulumiBinDir() };
    });

    it("a mistyped config key: its message once, whole, no `Error: X: Error: X`, no stack frames", async () => {
      writeStackConfig(dir, "dev", { "googlemeet:token": "abc" });
      const ran = await driver(["preview", "--cwd", dir], {
        ...env,
        GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
      });
      assert.equal(ran.code, 1);
      const text = seen(ran);
      const message = "Unknown stack config key googlemeet:token (did you mean googlemeet:accessToken?)";
      assert.equal(count(text, message), 1, text);
      assert.doesNotMatch(text, /Error: Unknown stack config key/);
      assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+\)?\n/, "no stack frames");
      // Named once with every resource it stopped.
      assert.match(
        text,
        /pulumi-meet-local: preview failed:\n.*(?:Meet|Chat)Space [a-z-]+.*: Unknown stack config key/,
      );
    });

    it("no credentials anywhere: the explanation once", async () => {
      writeStackConfig(dir, "dev", {});
      const home = fs.mkdtempSync(path.join(os.tmpdir(), "meet-home-"));
      const ran = await driver(["preview", "--cwd", dir], {
        ...env,
        HOME: home,
        GOOGLE_MEET_EMULATOR_HOST: "",
        GOOGLE_APPLICATION_CREDENTIALS: "",
      });
      fs.rmSync(home, { recursive: true, force: true });
      assert.equal(ran.code, 1);
      const text = seen(ran);
      assert.equal(count(text, "No Google credentials found."), 1, text);
      assert.doesNotMatch(text, /pulumi:install:/, "no install line on every run");
    });

    it("a broken room file: the list whole, once, in the closing summary; no stack trace", async () => {
      writeStackConfig(dir, "dev", {});
      const broken = path.join(dir, "rooms", "broken.yaml");
      fs.writeFileSync(broken, 'config:\n  accessType: "OPEN\n  moderation: ON\nmembers: []\n');
      try {
        const ran = await driver(["preview", "--cwd", dir], {
          ...env,
          GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
        });
        assert.equal(ran.code, 1);
        const text = seen(ran);
        const line =
          '  - rooms/broken.yaml: not valid YAML: Missing closing "quote: the quote opened at line 2 (accessType: "OPEN) is never closed';
        assert.equal(count(text, line), 1, text);
        assert.equal(count(text, "Invalid room definitions (nothing was applied):"), 1, text);
        assert.match(
          text,
          /pulumi-meet-local: preview failed:\nInvalid room definitions \(nothing was applied\):\n {2}- rooms\/broken\.yaml/,
        );
        assert.doesNotMatch(text, /Unhandled exception|at loadRooms|\n\s+at .+:\d+:\d+\)?\n/);
      } finally {
        fs.rmSync(broken);
      }
    });

    it("up: each `googlemeet: created` line once per room", async () => {
      writeStackConfig(dir, "dev", {});
      const ran = await driver(["up", "--cwd", dir], {
        ...env,
        GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
      });
      assert.equal(ran.code, 0, seen(ran));
      const text = seen(ran);
      const spaces = (await admin.spaces()).map((s) => s.name);
      assert.equal(spaces.length, 3);
      for (const name of spaces) assert.equal(count(text, `googlemeet: created ${name} `), 1, text);
    });
  });

  describe("the native face under the plain pulumi CLI (Pulumi YAML)", () => {
    let dir: string;
    let env: Record<string, string>;
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "messages-yaml-"));
      process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
      fs.cpSync(path.join(REPO_ROOT, "examples", "yaml-rooms"), dir, {
        recursive: true,
        filter: notLocalState,
      });
      const file = path.join(dir, "Pulumi.yaml");
      fs.writeFileSync(
        file,
        fs
          .readFileSync(file, "utf8")
          .replace("path: ../../bin", `path: ${path.join(REPO_ROOT, "bin")}`)
          .replace("- email: lead@example.com", "- email: not-an-email"),
      );
      env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress });
      const init = await pulumi(["stack", "init", "dev"], dir, env);
      assert.equal(init.code, 0, seen(init));
    });

    it("a check failure on a nested path names it in the reason, without `value {<nil>}`, once in Diagnostics", async () => {
      const ran = await pulumi(["preview"], dir, env);
      assert.notEqual(ran.code, 0);
      const text = seen(ran);
      assert.doesNotMatch(text, /<nil>/);
      const diagnostics = text.slice(text.indexOf("Diagnostics:"));
      assert.equal(
        count(
          diagnostics,
          'has a problem: members[0].email: must be an email address like "alex@example.com", got string "not-an-email"',
        ),
        1,
        text,
      );
    });

    it("a bad GOOGLE_MEET_EMULATOR_HOST is named as such, not blamed on `credentials`", async () => {
      const file = path.join(dir, "Pulumi.yaml");
      fs.writeFileSync(
        file,
        fs.readFileSync(file, "utf8").replace("accessType: PUBLIC", "accessType: RESTRICTED"),
      );
      const ran = await pulumi(["preview"], dir, {
        ...env,
        GOOGLE_MEET_EMULATOR_HOST: "http://127.0.0.1:8086",
      });
      assert.notEqual(ran.code, 0);
      const text = seen(ran);
      assert.match(
        text,
        /GOOGLE_MEET_EMULATOR_HOST must be the emulator's host:port, e\.g\. 127\.0\.0\.1:8086/,
      );
      assert.doesNotMatch(text, /property credentials|<nil>/);
    });
  });
});
