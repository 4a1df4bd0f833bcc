/**
 * The rooms scenario the Python and Go examples share (their programs declare the same rooms):
 * each step through the real engine against one emulator, asserting exactly the calls Meet saw.
 * `rooms(args, env)` runs the example's driver and resolves with its JSON summary.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { REPO_ROOT, engineEnv, tempBackend } from "../support/engine";

export type RoomsDriver = (args: string[], env: Record<string, string>) => Promise<any>;

export function describeRoomsExample(title: string, setup: () => RoomsDriver): void {
  describe(title, function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let admin: EmulatorAdminClient;
    let driver: RoomsDriver;
    let env: Record<string, string>;
    const rooms = (args: string[]) => driver(args, env);
    const journal = async () =>
      (await admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" ")).sort();

    before(async () => {
      driver = setup();
      emulator = await startEmulator();
      admin = new EmulatorAdminClient(emulator.httpUrl);
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-"));
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
      );
      await admin.clearRequests();
      await rooms(["refresh"]);
      assert.deepEqual(await journal(), ["GetMember", "GetSpace", "GetSpace", "ListMembers"]);
      await admin.clearRequests();
      assert.deepEqual((await rooms(["up"])).changes, { same: 3, update: 1 });
      assert.deepEqual(await journal(), ["UpdateSpace config.access_type"]);
    });

    it("import: a room made outside Pulumi is adopted by its meeting code with one GetSpace", async () => {
      const made = emulator.store.createSpace("emulator-user@example.com", {
        config: { accessType: "TRUSTED" },
      });
      env.LOBBY_IMPORT_ID = made.meetingCode;
      assert.equal((await rooms(["up"])).changes.import, 1);
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
}

/** Runs an example's driver; resolves with the JSON summary on its last stdout line. */
export function jsonDriver(command: string, prefix: string[]): RoomsDriver {
  const { execFile } = require("node:child_process") as typeof import("node:child_process");
  return (args, env) =>
    new Promise((resolve, reject) => {
      execFile(
        command,
        [...prefix, ...args],
        { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (err)
            reject(new Error(`${path.basename(command)} ${args.join(" ")} failed:\n${stdout}${stderr}`));
          else resolve(JSON.parse(stdout.trim().split("\n").pop()!));
        },
      );
    });
}
