/**
 * examples/chat-typescript through the real Pulumi engine (driven by pulumi-meet-local, as an inline
 * TypeScript program) against the emulator: a room and a Chat space for the same people, each step
 * asserting exactly the Chat calls the emulator saw.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { REPO_ROOT, driver, engineEnv, pulumiBinDir, tempBackend, workCopy } from "../support/engine";

describe("engine: examples/chat-typescript (dynamic ChatSpace beside a MeetSpace)", function () {
  this.timeout(300_000);
  const emu = {} as { emulator: RunningEmulator; admin: EmulatorAdminClient };
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    emu.emulator = await startEmulator();
    emu.admin = new EmulatorAdminClient(emu.emulator.httpUrl);
    dir = workCopy(path.join(REPO_ROOT, "examples", "chat-typescript"));
    env = {
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emu.emulator.grpcAddress,
    };
  });
  after(() => emu.emulator?.stop());

  const run = async (...args: string[]) => {
    const ran = await driver([...args, "--cwd", dir, "--stack", "dev"], env);
    assert.equal(ran.code, 0, `the run failed:\n${ran.stdout}\n${ran.stderr}`);
    return ran.stdout;
  };
  /** Chat calls since the last look, as `RPC mask`, sorted; Meet's are counted apart. */
  const chatCalls = async () => {
    const seen = (await emu.admin.requests())
      .filter((r) => r.method.startsWith("chat."))
      .map((r) => [r.method.slice(5), ...(r.updateMask ?? [])].join(" "))
      .sort();
    await emu.admin.clearRequests();
    return seen;
  };

  it("up: the Chat space is one SetUpSpace with its members; a second up calls nothing", async () => {
    await run("up");
    assert.deepEqual(await chatCalls(), [
      "GetMembership",
      "GetMembership",
      "GetMembership",
      "ListMemberships",
      "SetUpSpace",
      "UpdateMembership role",
    ]);
    const [space] = await emu.admin.chatSpaces();
    assert.equal(space.displayName, "Design review");
    assert.deepEqual(
      space.memberships.map((m: any) => [m.email, m.role]),
      [
        ["emulator-user@example.com", "ROLE_MANAGER"],
        ["lead@example.com", "ROLE_MANAGER"],
        ["dev1@example.com", "ROLE_MEMBER"],
        ["dev2@example.com", "ROLE_MEMBER"],
      ],
    );
    const again = await run("up");
    assert.match(again, /3 unchanged/);
    assert.deepEqual(await emu.admin.requests(), []);
  });

  it("a rename is one UpdateSpace whose mask is display_name; destroy is one DeleteSpace", async () => {
    const file = path.join(dir, "index.ts");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"Design review"', '"Design reviews"'));
    await run("up");
    assert.deepEqual(await chatCalls(), ["UpdateSpace display_name"]);
    await run("destroy");
    assert.deepEqual(await chatCalls(), ["DeleteSpace"]);
    assert.deepEqual(await emu.admin.chatSpaces(), []);
  });
});
