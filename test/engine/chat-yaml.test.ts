/**
 * examples/chat-rooms through the real Pulumi CLI and YAML language host, with the native plugin
 * from this checkout, against the emulator: rooms paired with Chat spaces, each step asserting
 * exactly the Chat calls the emulator saw.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { useStackEmulator } from "../support/emulator";
import { REPO_ROOT, editFile, engineEnv, notLocalState, tempBackend } from "../support/engine";
import { chatCalls as journal } from "../support/journal";
import { pulumi } from "../support/pulumiCli";

const EXAMPLE = path.join(REPO_ROOT, "examples", "chat-rooms");

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-rooms-"));
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: notLocalState });
  const file = path.join(dir, "Pulumi.yaml");
  fs.writeFileSync(
    file,
    fs.readFileSync(file, "utf8").replace("path: ../../bin", `path: ${path.join(REPO_ROOT, "bin")}`),
  );
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("engine: examples/chat-rooms (rooms paired with Chat spaces, Pulumi YAML)", function () {
  this.timeout(300_000);
  const emu = useStackEmulator();
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = copyExample();
    env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress });
    await pulumi(dir, env, ["stack", "init", "dev"]);
  });

  /** Sorted: the engine runs resources in parallel. */
  const chatCalls = () => journal(emu.admin, "sorted");
  const meetCalls = async () =>
    (await emu.admin.requests()).filter((r) => !r.method.startsWith("chat.")).map((r) => r.method);
  const edit = (from: string, to: string) => editFile(path.join(dir, "Pulumi.yaml"), from, to);

  it("up: each Chat space is one SetUpSpace with its members; the rooms beside them", async () => {
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), [
      "GetMembership",
      "GetMembership",
      "GetMembership",
      "GetMembership",
      "GetMembership",
      "ListMemberships",
      "ListMemberships",
      "SetUpSpace",
      "SetUpSpace",
      "UpdateMembership role",
      "UpdateSpace permission_settings.use_at_mention_all",
    ]);
    assert.equal((await meetCalls()).filter((m) => m === "CreateSpace").length, 2);
    const spaces = await emu.admin.chatSpaces();
    const platform = spaces.find((s) => s.displayName === "Platform team");
    assert.deepEqual(
      platform.memberships.map((m: any) => [m.email, m.role]),
      [
        ["emulator-user@example.com", "ROLE_MANAGER"],
        ["lead@example.com", "ROLE_MANAGER"],
        ["dev1@example.com", "ROLE_MEMBER"],
        ["dev2@example.com", "ROLE_MEMBER"],
      ],
    );
    assert.equal(platform.permissionSettings.useAtMentionAll.membersAllowed, true);
    assert.ok(spaces.some((s) => s.spaceType === "GROUP_CHAT"));
  });

  it("a second up calls nothing", async () => {
    const out = await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.match(out, /5 unchanged/);
    assert.deepEqual(await emu.admin.requests(), []);
  });

  it("name and description changed: preview --diff names both; up is one UpdateSpace with exactly those paths", async () => {
    edit("displayName: Platform team", "displayName: Platform");
    edit("description: Stand-up and day-to-day talk", "description: Stand-up, incidents, releases");
    const diff = await pulumi(dir, env, ["preview", "--diff"]);
    assert.match(diff, /~ displayName\s*: "Platform team" => "Platform"/);
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), ["UpdateSpace display_name,space_details"]);
    assert.deepEqual(await meetCalls(), []);
  });

  it("drift: refresh reads a rename back, the next up restores it with one call", async () => {
    const platform = (await emu.admin.chatSpaces()).find((s) => s.displayName === "Platform");
    emu.emulator.service.chat.updateSpace("emulator-user@example.com", {
      space: { name: platform.name, displayName: "Renamed by hand" },
      updateMaskPaths: ["display_name"],
    });
    await pulumi(dir, env, ["refresh", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), ["GetSpace", "GetSpace", "ListMemberships", "ListMemberships"]);
    await emu.admin.clearRequests();
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), ["UpdateSpace display_name"]);
    assert.ok((await emu.admin.chatSpaces()).some((s) => s.displayName === "Platform"));
  });

  it("a new space whose SetUpSpace answer is lost is retried with the same request id: no duplicate", async () => {
    edit(
      "outputs:",
      [
        "  release-chat:",
        "    type: googlemeet:index:ChatSpace",
        "    properties:",
        "      displayName: Releases",
        "outputs:",
      ].join("\n"),
    );
    await emu.admin.addFault({ method: "chat.SetUpSpace", code: "UNAVAILABLE", afterApply: true, times: 1 });
    await pulumi(dir, env, ["up", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), ["ListMemberships", "SetUpSpace", "SetUpSpace UNAVAILABLE"]);
    const releases = (await emu.admin.chatSpaces()).filter((s) => s.displayName === "Releases");
    assert.equal(releases.length, 1);
  });

  it("destroy deletes every Chat space (and retires the rooms)", async () => {
    await pulumi(dir, env, ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await chatCalls(), ["DeleteSpace", "DeleteSpace", "DeleteSpace"]);
    assert.deepEqual(await emu.admin.chatSpaces(), []);
  });
});
