/**
 * examples/python through the real engine: the generated Python SDK installed with pip into a
 * virtualenv, the program run inline by PyPI `pulumi`'s Automation API, the native plugin found on
 * PATH, against the emulator, with the same exact calls as the YAML and TypeScript examples.
 */
import * as assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { REPO_ROOT, engineEnv, tempBackend } from "../support/engine";

/** The PyPI `pulumi` used (the newest the registry here serves). */
const PYTHON_PULUMI = "3.272.0";
const VENV = path.join(
  process.env.PULUMI_GOOGLE_MEET_CACHE ?? path.join(os.homedir(), ".cache", "pulumi-google-meet"),
  `py-venv-pulumi-${PYTHON_PULUMI}`,
);

/** A virtualenv with `pulumi` (made once, cached) and this checkout's generated SDK (reinstalled). */
function pythonWithSdk(): string {
  const python = path.join(VENV, "bin", "python");
  if (!fs.existsSync(path.join(VENV, ".complete"))) {
    execFileSync("python3", ["-m", "venv", VENV], { stdio: "inherit" });
    execFileSync(python, ["-m", "pip", "install", "-q", `pulumi==${PYTHON_PULUMI}`], { stdio: "inherit" });
    fs.writeFileSync(path.join(VENV, ".complete"), "");
  }
  execFileSync(
    python,
    ["-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", path.join(REPO_ROOT, "sdk", "python")],
    { stdio: "inherit" },
  );
  return python;
}

describe("engine: examples/python (generated SDK, Automation API inline program)", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdminClient;
  let python: string;
  let env: Record<string, string>;
  const journal = async () =>
    (await admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" ")).sort();

  /** `python rooms.py <args>`; resolves with its JSON summary (last stdout line). */
  function rooms(args: string[], extra: Record<string, string> = {}): Promise<any> {
    return new Promise((resolve, reject) => {
      execFile(
        python,
        [path.join(REPO_ROOT, "examples", "python", "rooms.py"), ...args],
        { env: { ...process.env, ...env, ...extra }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (err) reject(new Error(`rooms.py ${args.join(" ")} failed:\n${stdout}${stderr}`));
          else resolve(JSON.parse(stdout.trim().split("\n").pop()!));
        },
      );
    });
  }

  before(async () => {
    python = pythonWithSdk();
    emulator = await startEmulator();
    admin = new EmulatorAdminClient(emulator.httpUrl);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "python-rooms-"));
    process.once("exit", () => fs.rmSync(workDir, { recursive: true, force: true }));
    const base = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress });
    // The plugin is found on PATH, as from node_modules/pulumi-google-meet/bin.
    env = {
      ...base,
      PATH: `${path.join(REPO_ROOT, "bin")}${path.delimiter}${base.PATH}`,
      ROOMS_WORK_DIR: workDir,
    };
  });
  beforeEach(() => admin.clearRequests());
  after(() => emulator?.stop());

  it("up creates the rooms and members with exact calls; a second up calls nothing", async () => {
    const first = await rooms(["up"]);
    assert.deepEqual(first.changes, { create: 4 });
    assert.match(first.outputs.standupLink, /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    assert.deepEqual(await journal(), [...Array(3).fill("CreateMember"), "CreateSpace", "CreateSpace"]);
    await admin.clearRequests();
    assert.deepEqual((await rooms(["up"])).changes, { same: 4 });
    assert.deepEqual(await journal(), []);
  });

  it("one setting changed: preview names the field; up makes one UpdateSpace with one mask path", async () => {
    env.OFFICE_HOURS_ACCESS = "TRUSTED";
    const preview = await rooms(["preview"]);
    assert.match(preview.stdout, /~ accessType: "OPEN" => "TRUSTED"/);
    assert.deepEqual((await rooms(["up"])).changes, { same: 3, update: 1 });
    assert.deepEqual(await journal(), ["UpdateSpace config.access_type"]);
  });

  it("drift: refresh reads it back, the next up restores it with one call", async () => {
    const room = (await admin.spaces()).find((s) => s.config?.accessType === "TRUSTED")!;
    emulator.store.updateSpace(
      "emulator-user@example.com",
      { name: room.name, config: { accessType: "OPEN" } },
      ["config.access_type"],
      "v2beta",
    );
    await admin.clearRequests();
    await rooms(["refresh"]);
    assert.deepEqual(await journal(), ["GetMember", "GetSpace", "GetSpace", "ListMembers"]);
    await admin.clearRequests();
    assert.deepEqual((await rooms(["up"])).changes, { same: 3, update: 1 });
    assert.deepEqual(await journal(), ["UpdateSpace config.access_type"]);
  });

  it("import: a room made outside Pulumi is adopted by its meeting code with one GetSpace", async () => {
    const made = emulator.store.createSpace(
      "emulator-user@example.com",
      { config: { accessType: "TRUSTED" } },
      "v2beta",
    );
    env.LOBBY_IMPORT_ID = made.meetingCode;
    const res = await rooms(["up"]);
    assert.equal(res.changes.import, 1);
    assert.deepEqual(await journal(), ["GetSpace"]);
    await admin.clearRequests();
    assert.equal((await rooms(["up"])).changes.import, undefined, "imported once, then managed");
    assert.deepEqual(await journal(), []);
  });

  it("destroy retires every room: locked, managed members removed", async () => {
    await rooms(["destroy"]);
    assert.deepEqual(await journal(), [
      ...Array(3).fill("DeleteMember"),
      "ListMembers",
      ...Array(3).fill("UpdateSpace config.access_type"),
    ]);
    for (const s of await admin.spaces()) assert.equal(s.config?.accessType, "RESTRICTED", s.name);
  });
});
