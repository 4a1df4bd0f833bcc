/**
 * End to end: examples/gitops-rooms applied by the offline runner (real Pulumi SDK, real
 * dynamic-provider host) against the emulator, with assertions on the emulator's journal.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RunError, type RunResult, runStack, statePath } from "../../runner";
import { useEmulator } from "../support/emulator";

const EXAMPLE = path.resolve(__dirname, "..", "..", "..", "examples", "gitops-rooms");
const WRITES = new Set(["CreateSpace", "UpdateSpace", "EndActiveConference", "CreateMember", "DeleteMember"]);

describe("e2e: gitops-rooms through the runner and the real provider host", function () {
  this.timeout(120_000);
  const emu = useEmulator();
  let rooms: string;
  let stack: string;

  beforeEach(() => {
    rooms = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-"));
    for (const f of fs.readdirSync(path.join(EXAMPLE, "rooms")))
      fs.copyFileSync(path.join(EXAMPLE, "rooms", f), path.join(rooms, f));
    stack = `e2e-${process.pid}-${Date.now()}`;
  });
  afterEach(() => {
    fs.rmSync(statePath(EXAMPLE, stack), { force: true });
    fs.rmSync(rooms, { recursive: true, force: true });
  });

  const run = (command: "up" | "refresh" | "destroy" | "preview") =>
    runStack({
      cwd: EXAMPLE,
      stack,
      command,
      env: {
        GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress,
        PULUMI_CONFIG: JSON.stringify({ "meet-gitops-rooms:roomsDir": rooms }),
      },
      onOutput: () => {},
    });
  const ops = (r: RunResult) => Object.fromEntries(r.resources.map((x) => [x.urn.split("::").pop(), x.op]));
  const journal = async () =>
    (await emu.admin.requests()).map((r) => ({ method: r.method, mask: r.updateMask, name: r.name }));
  const editRoom = (file: string, from: string | RegExp, to: string) => {
    const p = path.join(rooms, file);
    fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace(from, to));
  };

  it("up creates; up again is all same with zero calls; one YAML edit is one UpdateSpace with one mask path", async () => {
    const first = await run("up");
    assert.deepEqual(ops(first), {
      "all-hands": "create",
      "office-hours": "create",
      "team-standup": "create",
    });
    assert.deepEqual(first.summary, { create: 3, update: 0, delete: 0, same: 0 });
    const links = first.outputs.links as Record<string, string>;
    assert.deepEqual(Object.keys(links).sort(), ["all-hands", "office-hours", "team-standup"]);
    for (const link of Object.values(links))
      assert.match(link, /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    const stored = await emu.admin.spaces();
    assert.equal(stored.length, 3);
    const standup = stored.find((s) => s.meetingUri === links["team-standup"])!;
    assert.equal(standup.config!.accessType, "RESTRICTED");
    assert.deepEqual(standup.members.map((m) => [m.email, m.role ?? "ROLE_UNSPECIFIED"]).sort(), [
      ["dev1@example.com", "ROLE_UNSPECIFIED"],
      ["dev2@example.com", "ROLE_UNSPECIFIED"],
      ["lead@example.com", "COHOST"],
    ]);

    await emu.admin.clearRequests();
    const second = await run("up");
    assert.deepEqual(second.summary, { create: 0, update: 0, delete: 0, same: 3 });
    assert.deepEqual(await journal(), []);

    editRoom("team-standup.yaml", "accessType: RESTRICTED", "accessType: TRUSTED");
    const third = await run("up");
    assert.deepEqual(ops(third), { "all-hands": "same", "office-hours": "same", "team-standup": "update" });
    assert.deepEqual(third.resources.find((r) => r.op === "update")!.changed, ["config"]);
    assert.deepEqual(await journal(), [
      { method: "UpdateSpace", mask: ["config.access_type"], name: standup.name },
    ]);
  });

  it("a deleted YAML file retires that room; destroy retires everything", async () => {
    const first = await run("up");
    const links = first.outputs.links as Record<string, string>;
    fs.rmSync(path.join(rooms, "office-hours.yaml"));
    await emu.admin.clearRequests();
    const second = await run("up");
    assert.deepEqual(ops(second), { "all-hands": "same", "office-hours": "delete", "team-standup": "same" });
    const officeHours = (await emu.admin.spaces()).find((s) => s.meetingUri === links["office-hours"])!;
    assert.equal(officeHours.config!.accessType, "RESTRICTED");
    assert.deepEqual(officeHours.members, [], "its managed co-host was removed");
    assert.ok(
      (await journal()).every((c) => c.name.startsWith(officeHours.name)),
      "only that room was touched",
    );

    await emu.admin.clearRequests();
    const destroyed = await run("destroy");
    assert.deepEqual(destroyed.summary, { create: 0, update: 0, delete: 2, same: 0 });
    for (const space of await emu.admin.spaces()) {
      assert.equal(space.config!.accessType, "RESTRICTED", space.name);
      assert.deepEqual(space.members, [], space.name);
    }
    assert.ok(!(await journal()).some((c) => c.method === "CreateSpace"));
  });

  it("drift made on the emulator is shown by refresh and undone by up", async () => {
    const first = await run("up");
    const links = first.outputs.links as Record<string, string>;
    const allHands = (await emu.admin.spaces()).find((s) => s.meetingUri === links["all-hands"])!;
    const res = await fetch(
      `${emu.httpUrl}/v2beta/${allHands.name}?updateMask=config.moderationRestrictions.presentRestriction`,
      {
        method: "PATCH",
        headers: { authorization: "Bearer emulator-user@example.com", "content-type": "application/json" },
        body: JSON.stringify({
          config: { moderationRestrictions: { presentRestriction: "NO_RESTRICTION" } },
        }),
      },
    );
    assert.equal(res.status, 200);

    const refreshed = await run("refresh");
    assert.deepEqual(ops(refreshed), {
      "all-hands": "update",
      "office-hours": "same",
      "team-standup": "same",
    });
    assert.deepEqual(refreshed.resources.find((r) => r.op === "update")!.changed, ["config"]);

    await emu.admin.clearRequests();
    const up = await run("up");
    assert.deepEqual(ops(up), { "all-hands": "update", "office-hours": "same", "team-standup": "same" });
    assert.deepEqual(await journal(), [
      {
        method: "UpdateSpace",
        mask: ["config.moderation_restrictions.present_restriction"],
        name: allHands.name,
      },
    ]);
  });

  it("a broken YAML file fails before any call, naming the file and the field", async () => {
    editRoom("team-standup.yaml", "accessType: RESTRICTED", "accessType: PUBLIC");
    editRoom("all-hands.yaml", "  - comms@example.com", "  - comms-at-example.com");
    await assert.rejects(run("up"), (err: Error) => {
      assert.ok(err instanceof RunError, String(err));
      const dir = path.basename(rooms);
      assert.match(
        err.message,
        new RegExp(
          `${dir}/all-hands.yaml: cohosts\\[1\\]: must be an email address like "alex@example.com", got string "comms-at-example.com"`,
        ),
      );
      assert.match(
        err.message,
        new RegExp(
          `${dir}/team-standup.yaml: config.accessType: must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"`,
        ),
      );
      return true;
    });
    assert.deepEqual(await journal(), []);
  });

  it("preview changes nothing", async () => {
    const preview = await run("preview");
    assert.deepEqual(preview.summary, { create: 3, update: 0, delete: 0, same: 0 });
    assert.deepEqual(await journal(), []);
    assert.equal(fs.existsSync(statePath(EXAMPLE, stack)), false);
  });
});
