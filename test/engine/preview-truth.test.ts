/**
 * What `preview --diff` announces is what `up` then does, for both faces, through the real engine
 * (driven by pulumi-meet-local) against the emulator. For each typical edit of a program with a
 * room and its member list, a room with MeetSpaceMembers on `room.name`, and an unrelated room, the test compares
 * the preview's step counts with the up's, asserts the preview names no replace and no unknown
 * value where nothing changes, and pins the calls the emulator journalled.
 *
 * Why the dynamic face needed care: Pulumi's dynamic-provider host does not declare preview
 * support, so in a preview the engine hands back an updated resource's new inputs as its outputs,
 * and the SDK resolves every output missing from them as unknown. `room.name` then read as unknown
 * and every MeetSpaceMember on it showed `(replace)`. The engine keeps the id in a preview; the
 * resource classes take `name` from it.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { driver } from "../support/engine";
import { takeCalls } from "../support/journal";
import { bothFacesEnv, programDir } from "../support/nodeSdk";

const PROGRAM = `const fs = require("fs");
const path = require("path");
const s = JSON.parse(fs.readFileSync(path.join(__dirname, "scenario.json"), "utf8"));
const face = process.env.ROOM_FACE;
const lib = face === "native" ? require("@pulumi-google-meet/googlemeet") : require("pulumi-google-meet");
// A room's member list is authoritative: MeetSpaceMembers go on a room without one.
const team = new lib.MeetSpace("team", { config: { accessType: "TRUSTED" }, members: s.members });
const room = new lib.MeetSpace("room", { config: { accessType: s.accessType } });
for (const g of s.guests) new lib.MeetSpaceMember(g.name, { space: room.name, email: g.email, role: g.role });
new lib.MeetSpace(s.other, { config: { accessType: "OPEN" } });
exports.link = room.meetingUri;
exports.room = room.name;
exports.team = team.name;
`;

interface Scenario {
  accessType: string;
  members: { email: string; role?: string }[];
  guests: { name: string; email: string; role?: string }[];
  other: string;
}

const BASE: Scenario = {
  accessType: "TRUSTED",
  members: [{ email: "ada@example.com", role: "COHOST" }],
  guests: [{ name: "guest", email: "guest@example.com" }],
  other: "lobby",
};

/** The edits, applied one after the other, each with the calls its up must make (sorted). */
const EDITS: { edit: string; change: (s: Scenario) => void; calls: string[] }[] = [
  {
    edit: "one setting of the room the MeetSpaceMembers are on",
    change: (s) => {
      s.accessType = "OPEN";
    },
    calls: ["UpdateSpace config.access_type"],
  },
  {
    edit: "a member added to the room's list",
    change: (s) => {
      s.members.push({ email: "grace@example.com" });
    },
    calls: ["CreateMember", "ListMembers"],
  },
  {
    edit: "a member removed from the room's list",
    change: (s) => {
      s.members = s.members.filter((m) => m.email !== "grace@example.com");
    },
    calls: ["DeleteMember", "ListMembers"],
  },
  {
    edit: "a MeetSpaceMember's role changed",
    change: (s) => {
      s.guests[0].role = "COHOST";
    },
    calls: ["UpdateMember role"],
  },
  {
    edit: "an unrelated room renamed (a new resource, the old one retired)",
    change: (s) => {
      s.other = "lobby-2";
    },
    calls: ["CreateSpace", "UpdateSpace config.access_type"],
  },
  {
    edit: "a MeetSpaceMember added",
    change: (s) => {
      s.guests.push({ name: "guest-2", email: "guest2@example.com" });
    },
    calls: ["CreateMember"],
  },
];

for (const face of ["dynamic", "native"] as const) {
  describe(`engine: preview announces what up does (${face} face)`, function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let admin: EmulatorAdminClient;
    let dir: string;
    let env: Record<string, string>;
    const scenario: Scenario = structuredClone(BASE);
    const write = () => fs.writeFileSync(path.join(dir, "scenario.json"), JSON.stringify(scenario));
    const calls = () => takeCalls(admin);
    /** One driver run with --json: its summary and the engine's text. */
    const run = async (command: "preview" | "up") => {
      const ran = await driver([command, "--cwd", dir, "--stack", "dev", "--diff", "--json"], env);
      assert.equal(ran.code, 0, `${command} failed:\n${ran.stdout}\n${ran.stderr}`);
      const { summary } = JSON.parse(ran.stdout);
      return { summary: summary as Record<string, number>, text: ran.stderr };
    };

    before(async () => {
      emulator = await startEmulator();
      admin = new EmulatorAdminClient(emulator.httpUrl);
      dir = programDir(
        `preview-${face}`,
        { "Pulumi.yaml": "name: preview-truth\nruntime: nodejs\nmain: index.js\n", "index.js": PROGRAM },
        face === "native",
      );
      env = { ...bothFacesEnv(emulator.grpcAddress), ROOM_FACE: face };
      write();
      await run("up");
      await calls();
    });
    after(() => emulator?.stop());

    for (const { edit, change, calls: expected } of EDITS) {
      it(`${edit}: preview's steps are up's steps, no phantom replace or unknown`, async () => {
        change(scenario);
        write();
        const preview = await run("preview");
        assert.deepEqual(await calls(), [], "a preview makes no write call");
        assert.doesNotMatch(preview.text, /\+-|replace/, `no replace announced:\n${preview.text}`);
        assert.doesNotMatch(
          preview.text,
          /\[unknown\]|output<string>/,
          `nothing turns unknown:\n${preview.text}`,
        );

        const up = await run("up");
        assert.deepEqual(
          up.summary,
          preview.summary,
          `preview announced:\n${preview.text}\nup did:\n${up.text}`,
        );
        assert.deepEqual(await calls(), expected);
        assert.equal(up.summary.replace, undefined);
      });
    }

    it("and after all of them, up again changes nothing", async () => {
      const { summary } = await run("up");
      assert.deepEqual(Object.keys(summary), ["same"]);
      assert.deepEqual(await calls(), []);
    });
  });
}
