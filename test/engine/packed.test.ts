/**
 * How a team uses the package before it is published, exactly as the examples' READMEs say: `npm
 * pack` in the repository, `npm install` in the example (its dependency names the tarball), then
 * the installed driver runs the program through the real engine. Nothing resolves from this
 * repository: the example is copied outside it.
 */
import * as assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { REPO_ROOT, engineEnv, notLocalState, pulumiBinDir, tempBackend } from "../support/engine";

describe("engine: an example installed from the packed tarball", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let consumer: string;

  before(async () => {
    emulator = await startEmulator();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "meet-packed-"));
    process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
    // The repository's layout around the example, outside the repository: the tarball two levels up.
    consumer = path.join(root, "examples", "basic");
    fs.cpSync(path.join(REPO_ROOT, "examples", "basic"), consumer, {
      recursive: true,
      filter: notLocalState,
    });
    // dist/ is built already; packing must not rebuild it under the running tests.
    execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", root], {
      cwd: REPO_ROOT,
    });
    assert.ok(
      fs.existsSync(path.join(root, "pulumi-google-meet-0.1.0.tgz")),
      "the tarball the examples name",
    );
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: consumer,
      stdio: "ignore",
    });
  });
  after(() => emulator?.stop());

  it("the installed pulumi-meet-local applies the example: one CreateSpace and a CreateMember per co-host", async () => {
    const installed = fs.realpathSync(path.join(consumer, "node_modules", "pulumi-google-meet"));
    assert.ok(installed.startsWith(consumer), "a real copy under node_modules, not a link to the repository");
    const env = {
      ...process.env,
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
    };
    const bin = path.join(consumer, "node_modules", ".bin", "pulumi-meet-local");
    // Asynchronously: the emulator answers from this process.
    const { stdout: out } = await promisify(execFile)(bin, ["up"], { cwd: consumer, env, encoding: "utf8" });
    assert.match(out, /\+ 2 created/);
    const admin = new EmulatorAdminClient(emulator.httpUrl);
    assert.deepEqual((await admin.requests()).map((r) => r.method).sort(), [
      "CreateMember",
      "CreateMember",
      "CreateSpace",
    ]);

    // The state's serialized provider requires the installed package, not this repository.
    const exported = execFileSync(
      path.join(pulumiBinDir(), "pulumi"),
      ["stack", "export", "--stack", "dev"],
      {
        cwd: consumer,
        env,
        encoding: "utf8",
      },
    );
    const room = JSON.parse(exported).deployment.resources.find((r: any) => r.type.endsWith("MeetSpace"));
    assert.match(room.inputs.__provider, /require\("pulumi-google-meet\/runtime\/v1"\)/);
    assert.ok(!room.inputs.__provider.includes(REPO_ROOT));
  });
});
