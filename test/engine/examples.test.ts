/**
 * The examples through the real Pulumi engine (the CLI built by `npm run pulumi:install`, driven by
 * `pulumi-meet-local`), against the emulator: each step asserts what the emulator's journal saw.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { REPO_ROOT, driver, engineEnv, pulumi, pulumiBinDir, tempBackend, workCopy } from "../support/engine";
import { rest } from "../support/meetClients";

/** An emulator kept across the steps of one lifecycle (no reset between tests). */
function lifecycleEmulator() {
  const h = {} as { emulator: RunningEmulator; admin: EmulatorAdminClient };
  before(async () => {
    h.emulator = await startEmulator();
    h.admin = new EmulatorAdminClient(h.emulator.httpUrl);
  });
  after(async () => h.emulator?.stop());
  return h;
}

/** The calls the emulator saw since the last look, as `Method mask…`, sorted; then forgets them. */
async function calls(admin: EmulatorAdminClient): Promise<string[]> {
  const seen = (await admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" "));
  await admin.clearRequests();
  return seen.sort();
}

function ok(ran: { code: number | null; stdout: string; stderr: string }): string {
  assert.equal(ran.code, 0, `the run failed:\n${ran.stdout}\n${ran.stderr}`);
  return ran.stdout;
}

function edit(file: string, from: string | RegExp, to: string) {
  const text = fs.readFileSync(file, "utf8");
  const next = text.replace(from, to);
  assert.notEqual(next, text, `nothing to replace in ${file}`);
  fs.writeFileSync(file, next);
}

describe("engine: examples/basic through the real Pulumi CLI", function () {
  this.timeout(300_000);
  const emu = lifecycleEmulator();
  let dir: string;
  let env: Record<string, string>;
  let backend: string;
  const up = (...extra: string[]) => driver(["up", "--cwd", dir, "--stack", "dev", ...extra], env);

  before(() => {
    dir = workCopy(path.join(REPO_ROOT, "examples", "basic"));
    backend = tempBackend();
    env = {
      ...engineEnv(backend),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emu.emulator.grpcAddress,
    };
  });

  it("preview lists the creates and makes no call", async () => {
    const out = ok(await driver(["preview", "--cwd", dir, "--stack", "dev"], env));
    assert.match(out, /\+ 2 to create/);
    assert.match(out, /pulumi-nodejs:dynamic\/googlemeet:MeetSpace weekly-review create/);
    assert.deepEqual(await calls(emu.admin), []);
  });

  it("up creates the room with one CreateSpace and one CreateMember per co-host", async () => {
    const out = ok(await up());
    assert.match(out, /link\s+: "https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}"/);
    assert.deepEqual(await calls(emu.admin), ["CreateMember", "CreateMember", "CreateSpace"]);
  });

  it("a second up with nothing changed makes no call", async () => {
    const out = ok(await up());
    assert.match(out, /2 unchanged/);
    assert.deepEqual(await calls(emu.admin), []);
  });

  it("one setting changed is one UpdateSpace whose mask names only it", async () => {
    edit(path.join(dir, "index.ts"), 'accessType: "TRUSTED"', 'accessType: "OPEN"');
    ok(await up());
    assert.deepEqual(await calls(emu.admin), ["UpdateSpace config.access_type"]);
  });

  it("co-host churn makes only the member calls needed", async () => {
    edit(path.join(dir, "index.ts"), "grace@example.com", "linus@example.com");
    ok(await up());
    assert.deepEqual(await calls(emu.admin), ["CreateMember", "DeleteMember", "ListMembers"]);
  });

  it("drift shows in refresh and preview --diff, and the next up puts it back", async () => {
    const state = JSON.parse(ok(await pulumi(["stack", "export", "--stack", "dev"], dir, env)));
    const room = state.deployment.resources.find((r: any) => r.type.endsWith("MeetSpace"));
    const changed = await rest(
      emu.emulator.httpUrl,
      "PATCH",
      `/v2beta/${room.id}?updateMask=config.accessType`,
      {
        body: { config: { accessType: "RESTRICTED" } },
      },
    );
    assert.equal(changed.status, 200);
    await emu.admin.clearRequests();

    const refreshed = ok(await driver(["refresh", "--cwd", dir, "--stack", "dev", "--diff"], env));
    assert.match(refreshed, /MeetSpace weekly-review updated \([\d.]+s\) \[diff: ~config\]/);
    const preview = ok(await driver(["preview", "--cwd", dir, "--stack", "dev", "--diff"], env));
    assert.match(preview, /accessType\s*:\s*"RESTRICTED" => "OPEN"/);
    ok(await up());
    assert.deepEqual(await calls(emu.admin), ["GetSpace", "ListMembers", "UpdateSpace config.access_type"]);
  });

  it("destroy retires the room: locked, its managed members removed", async () => {
    ok(await driver(["destroy", "--cwd", dir, "--stack", "dev"], env));
    assert.deepEqual(await calls(emu.admin), [
      "DeleteMember",
      "DeleteMember",
      "ListMembers",
      "UpdateSpace config.access_type",
    ]);
    const [space] = await emu.admin.spaces();
    assert.equal(space.config?.accessType, "RESTRICTED");
  });
});

describe("engine: examples/gitops-rooms through the real Pulumi CLI", function () {
  this.timeout(300_000);
  const emu = lifecycleEmulator();
  let dir: string;
  let env: Record<string, string>;

  before(() => {
    dir = workCopy(path.join(REPO_ROOT, "examples", "gitops-rooms"));
    env = {
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emu.emulator.grpcAddress,
    };
  });

  it("up creates the three rooms with their members, and team-standup's Chat space; again, no call", async () => {
    ok(await driver(["up", "--cwd", dir], env));
    const all = await calls(emu.admin);
    const first = all.filter((c) => !c.startsWith("chat."));
    assert.equal(first.filter((c) => c === "CreateSpace").length, 3);
    assert.equal(first.length, 3 + countMembers(dir));
    // The `chat:` block: one SetUpSpace with the room's people, the co-host made its manager.
    assert.deepEqual(
      all.filter((c) => c.startsWith("chat.")),
      [
        "chat.GetMembership",
        "chat.GetMembership",
        "chat.GetMembership",
        "chat.ListMemberships",
        "chat.SetUpSpace",
        "chat.UpdateMembership role",
      ],
    );
    const [chat] = await emu.admin.chatSpaces();
    assert.equal(chat.displayName, "Platform stand-up");
    ok(await driver(["up", "--cwd", dir], env));
    assert.deepEqual(await calls(emu.admin), []);
  });

  it("a room file's setting changed is one UpdateSpace with one mask path", async () => {
    edit(path.join(dir, "rooms", "team-standup.yaml"), "accessType: RESTRICTED", "accessType: TRUSTED");
    ok(await driver(["up", "--cwd", dir], env));
    assert.deepEqual(await calls(emu.admin), ["UpdateSpace config.access_type"]);
  });

  for (const [what, content, expected] of [
    [
      "members written as a mapping",
      "members:\n  lead: lead@example.com\n",
      /rooms\/broken\.yaml: members: must be a list/,
    ],
    [
      "a chat block naming a group chat",
      "chat:\n  spaceType: GROUP_CHAT\n  displayName: Ops\n",
      /rooms\/broken\.yaml: chat\.displayName: must be left out when spaceType is GROUP_CHAT/,
    ],
    [
      "a bad setting value",
      "config:\n  accessType: PUBLIC\n",
      /rooms\/broken\.yaml: config\.accessType: must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"/,
    ],
  ] as const) {
    it(`a broken room file (${what}) fails preview naming the file and field, with no call`, async () => {
      const file = path.join(dir, "rooms", "broken.yaml");
      fs.writeFileSync(file, content);
      try {
        const ran = await driver(["preview", "--cwd", dir], env);
        assert.equal(ran.code, 1);
        assert.match(ran.stdout + ran.stderr, expected);
        assert.deepEqual(await calls(emu.admin), []);
      } finally {
        fs.rmSync(file);
      }
    });
  }

  it("two files for one room are both named", async () => {
    fs.copyFileSync(path.join(dir, "rooms", "all-hands.yaml"), path.join(dir, "rooms", "all-hands.yml"));
    try {
      const ran = await driver(["preview", "--cwd", dir], env);
      assert.equal(ran.code, 1);
      assert.match(
        ran.stdout + ran.stderr,
        /rooms\/all-hands\.yml: defines room "all-hands" again \(also rooms\/all-hands\.yaml\)/,
      );
    } finally {
      fs.rmSync(path.join(dir, "rooms", "all-hands.yml"));
    }
  });

  it("a room file removed retires that room; destroy retires the rest", async () => {
    fs.rmSync(path.join(dir, "rooms", "office-hours.yaml"));
    ok(await driver(["up", "--cwd", dir], env));
    const retired = await calls(emu.admin);
    assert.ok(retired.includes("UpdateSpace config.access_type"), retired.join());
    assert.equal(retired.filter((c) => c.startsWith("UpdateSpace")).length, 1);
    ok(await driver(["destroy", "--cwd", dir], env));
    const destroyed = await calls(emu.admin);
    assert.equal(destroyed.filter((c) => c === "chat.DeleteSpace").length, 1);
    assert.equal(destroyed.filter((c) => c === "UpdateSpace config.access_type").length, 2);
    for (const space of await emu.admin.spaces()) assert.equal(space.config?.accessType, "RESTRICTED");
  });
});

/** Members declared over every room file (`members` entries and `cohosts`). */
function countMembers(dir: string): number {
  const { parse } = require("yaml") as typeof import("yaml");
  const roomsDir = path.join(dir, "rooms");
  return fs.readdirSync(roomsDir).reduce((n, f) => {
    const doc = parse(fs.readFileSync(path.join(roomsDir, f), "utf8")) ?? {};
    return n + (doc.members?.length ?? 0) + (doc.cohosts?.length ?? 0);
  }, 0);
}
