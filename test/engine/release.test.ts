/**
 * The release artifacts as a user gets them, through the real CLI against the emulator: each
 * program in a fresh directory outside the repository, with a fresh PULUMI_HOME where
 * `pulumi plugin install resource googlemeet <version> --file <archive>` put the plugin (nothing of
 * this checkout on PATH). YAML with no `plugins:` block; Python from a fresh virtualenv with the
 * wheel; Go with the release's SDK module; TypeScript with the Node SDK tarball. Each: up creates
 * with exact calls, a second up calls nothing, destroy retires.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import type { Release } from "../../tools/release";
import { REPO_ROOT, UNPACED, driver, pulumi, writeStackConfig } from "../support/engine";
import { builtRelease, freshDir, installedPlugin, installedPlugins } from "../support/release";
import { jsonDriver } from "./nativeRooms";

/** A describe block with the release, an emulator and its journal. */
function describeRelease(
  title: string,
  body: (ctx: {
    release: () => Release;
    emulator: () => RunningEmulator;
    calls: () => Promise<string[]>;
  }) => void,
): void {
  describe(title, function () {
    this.timeout(900_000);
    let release: Release;
    let emulator: RunningEmulator;
    let admin: EmulatorAdminClient;
    before(async () => {
      release = await builtRelease();
      emulator = await startEmulator();
      admin = new EmulatorAdminClient(emulator.httpUrl);
    });
    after(() => emulator?.stop());
    body({
      release: () => release,
      emulator: () => emulator,
      calls: async () => {
        const seen = (await admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" "));
        await admin.clearRequests();
        return seen.sort();
      },
    });
  });
}

const YAML_PROJECT = `name: release-yaml
runtime: yaml
resources:
  standup:
    type: googlemeet:index:MeetSpace
    properties:
      config:
        accessType: TRUSTED
      members:
        - email: lead@example.com
          role: COHOST
outputs:
  link: \${standup.meetingUri}
`;

describeRelease("release: the plugin archive and a YAML project with no plugins block", (ctx) => {
  it("plugin install, then up creates, a second up calls nothing, destroy retires; the installed plugin served it", async () => {
    const env = await installedPlugin(ctx.release(), {
      GOOGLE_MEET_EMULATOR_HOST: ctx.emulator().grpcAddress,
    });
    const dir = freshDir("release-yaml");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), YAML_PROJECT);
    writeStackConfig(dir, "dev", UNPACED);
    const cli = async (...args: string[]) => {
      const ran = await pulumi([...args, "--stack", "dev"], dir, env);
      assert.equal(ran.code, 0, `pulumi ${args.join(" ")} failed:\n${ran.stdout}\n${ran.stderr}`);
      assert.doesNotMatch(ran.stderr, /from \$PATH/);
      return ran.stdout;
    };
    await pulumi(["stack", "init", "dev"], dir, env);
    assert.match(await cli("up", "--yes", "--skip-preview"), /\+ 2 created/);
    assert.deepEqual(await ctx.calls(), ["CreateMember", "CreateSpace"]);
    assert.match(await cli("up", "--yes", "--skip-preview"), /2 unchanged/);
    assert.deepEqual(await ctx.calls(), [], "no-op: zero calls");
    assert.match(await cli("destroy", "--yes", "--skip-preview"), /- 2 deleted/);
    assert.deepEqual(await ctx.calls(), ["DeleteMember", "ListMembers", "UpdateSpace config.access_type"]);
    assert.deepEqual(installedPlugins(env), [{ name: "googlemeet", version: ctx.release().version }]);
    // Its entry saved V8's code for this Node.js before the engine stopped it (pluginEntry.ts), so
    // later starts skip compiling the bundle.
    const pluginDir = path.join(env.PULUMI_HOME, "plugins", `resource-googlemeet-v${ctx.release().version}`);
    assert.match(
      fs.readdirSync(path.join(pluginDir, "code-cache")).join(" "),
      new RegExp(`^[0-9a-f]{16}-node${process.version}-${process.arch}\\.bin$`),
    );
  });
});

/** up, no-op and destroy of the rooms example (examples/python, examples/go) by its driver. */
async function roomsUpNoopDestroy(
  run: (args: string[], env: Record<string, string>) => Promise<any>,
  env: Record<string, string>,
  ctx: { calls: () => Promise<string[]>; emulator: () => RunningEmulator },
): Promise<void> {
  assert.deepEqual((await run(["up"], env)).changes, { create: 4 });
  assert.deepEqual(await ctx.calls(), [...Array(3).fill("CreateMember"), "CreateSpace", "CreateSpace"]);
  assert.deepEqual((await run(["up"], env)).changes, { same: 4 });
  assert.deepEqual(await ctx.calls(), [], "no-op: zero calls");
  assert.deepEqual((await run(["destroy"], env)).changes, { delete: 4 });
  assert.deepEqual(await ctx.calls(), [
    ...Array(3).fill("DeleteMember"),
    "ListMembers",
    ...Array(2).fill("UpdateSpace config.access_type"),
  ]);
  const spaces = await new EmulatorAdminClient(ctx.emulator().httpUrl).spaces();
  for (const s of spaces) assert.equal(s.config?.accessType, "RESTRICTED", s.name);
}

describeRelease("release: the Python wheel in a fresh virtualenv", (ctx) => {
  it("pip installs only the wheel (and its dependencies); the inline program runs up, no-op, destroy", async () => {
    const env = await installedPlugin(ctx.release(), {
      GOOGLE_MEET_EMULATOR_HOST: ctx.emulator().grpcAddress,
    });
    const dir = freshDir("release-python");
    const venv = path.join(dir, "venv");
    execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
    const python = path.join(venv, "bin", "python");
    const wheel = ctx.release().pythonSdk.find((f) => f.endsWith(".whl"))!;
    execFileSync(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", wheel], {
      stdio: "inherit",
    });
    const installed = execFileSync(
      python,
      ["-c", "import pulumi_googlemeet, os; print(pulumi_googlemeet.__file__)"],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    assert.ok(installed.startsWith(venv), `the SDK from the virtualenv: ${installed}`);
    fs.copyFileSync(path.join(REPO_ROOT, "examples", "python", "rooms.py"), path.join(dir, "rooms.py"));
    await roomsUpNoopDestroy(
      jsonDriver(python, [path.join(dir, "rooms.py")]),
      { ...env, ROOMS_WORK_DIR: dir },
      ctx,
    );
  });
});

describeRelease("release: the Go SDK module", (ctx) => {
  it("a program requiring the module (replace to the release's sdk-go) runs up, no-op, destroy", async () => {
    const env = await installedPlugin(ctx.release(), {
      GOOGLE_MEET_EMULATOR_HOST: ctx.emulator().grpcAddress,
    });
    const dir = freshDir("release-go");
    fs.cpSync(path.join(REPO_ROOT, "examples", "go"), dir, { recursive: true });
    const goMod = fs.readFileSync(path.join(dir, "go.mod"), "utf8");
    const replaced = goMod.replace(/^replace (\S+) => .*$/m, `replace $1 => ${ctx.release().goSdk.dir}`);
    assert.notEqual(replaced, goMod, "the example's go.mod has the replace directive");
    fs.writeFileSync(path.join(dir, "go.mod"), replaced);
    const binary = path.join(dir, "rooms");
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: dir,
      stdio: "inherit",
      env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? "local" },
    });
    await roomsUpNoopDestroy(jsonDriver(binary, []), { ...env, ROOMS_WORK_DIR: dir }, ctx);
  });
});

const TS_PROGRAM = `const googlemeet = require("@pulumi-google-meet/googlemeet");
const room = new googlemeet.MeetSpace("room", {
  config: { accessType: googlemeet.types.enums.AccessType.Trusted },
  members: [{ email: "ada@example.com", role: "COHOST" }],
});
exports.link = room.meetingUri;
`;

describeRelease("release: the Node SDK tarball in a TypeScript program", (ctx) => {
  it("npm installs the tarball; the inline program runs up, no-op, destroy", async () => {
    const env = await installedPlugin(ctx.release(), {
      GOOGLE_MEET_EMULATOR_HOST: ctx.emulator().grpcAddress,
    });
    const dir = freshDir("release-typescript");
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      "name: release-typescript\nruntime: nodejs\nmain: index.js\n",
    );
    fs.writeFileSync(path.join(dir, "index.js"), TS_PROGRAM);
    writeStackConfig(dir, "dev", UNPACED);
    // On Node 20, @pulumi/pulumi 3.248 (later releases declare Node 22), one copy for the SDK too.
    const manifest = {
      name: "release-typescript",
      private: true,
      dependencies: {
        "@pulumi-google-meet/googlemeet": `file:${ctx.release().nodeSdk}`,
        "@pulumi/pulumi": "3.248.0",
      },
      overrides: { "@pulumi/pulumi": "$@pulumi/pulumi" },
    };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      stdio: "inherit",
    });
    const sdk = path.join(dir, "node_modules", "@pulumi-google-meet", "googlemeet");
    assert.ok(fs.existsSync(path.join(sdk, "index.d.ts")), "the tarball carries declarations");
    assert.ok(!fs.existsSync(path.join(sdk, "node_modules")), "one @pulumi/pulumi for program and SDK");
    const up = async (...args: string[]) => {
      const ran = await driver([...args, "--cwd", dir, "--stack", "dev"], env);
      assert.equal(ran.code, 0, `${args.join(" ")} failed:\n${ran.stdout}\n${ran.stderr}`);
      return ran.stdout;
    };
    await up("up");
    assert.deepEqual(await ctx.calls(), ["CreateMember", "CreateSpace"]);
    await up("up");
    assert.deepEqual(await ctx.calls(), [], "no-op: zero calls");
    await up("destroy");
    assert.deepEqual(await ctx.calls(), ["DeleteMember", "ListMembers", "UpdateSpace config.access_type"]);
    assert.deepEqual(installedPlugins(env), [{ name: "googlemeet", version: ctx.release().version }]);
  });
});
