import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rest } from "../support/meetClients";

const ALICE = "alice@example.com";

// Google Meet API v2 (GA) as its REST reference documents it (shared/docs/meet-api-v2.md).
describe("emulator v2 over REST (GA reference)", () => {
  const emu = useEmulator();
  const call = (method: string, path: string, body?: unknown, token = ALICE) =>
    rest(emu.httpUrl, method, path, { token, body });

  async function createSpace(config: object = {}) {
    const res = await call("POST", "/v2/spaces", { config });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  async function addMembers(space: string, count: number, role = "ROLE_UNSPECIFIED") {
    // Seeded in-process: hundreds of REST calls would only slow the test down.
    const id = space.replace(/^spaces\//, "");
    const owner = emu.emulator.store.spaces.get(id)!.owner;
    for (let i = 0; i < count; i++)
      emu.emulator.store.createMember(owner, space, { email: `m${i}@example.com`, role });
  }

  describe("spaces", () => {
    it("creates, gets (also by meeting code), patches and ends a conference with the full v2 SpaceConfig", async () => {
      const space = await createSpace({
        accessType: "OPEN",
        moderation: "ON",
        moderationRestrictions: { chatRestriction: "HOSTS_ONLY", defaultJoinAsViewerType: 1 },
        attendanceReportGenerationType: "GENERATE_REPORT",
        artifactConfig: { recordingConfig: { autoRecordingGeneration: "ON" } },
      });
      assert.deepEqual(space.config, {
        accessType: "OPEN",
        entryPointAccess: "ALL",
        moderation: "ON",
        moderationRestrictions: {
          chatRestriction: "HOSTS_ONLY",
          reactionRestriction: "NO_RESTRICTION",
          presentRestriction: "NO_RESTRICTION",
          defaultJoinAsViewerType: "ON",
        },
        attendanceReportGenerationType: "GENERATE_REPORT",
        artifactConfig: {
          recordingConfig: { autoRecordingGeneration: "ON" },
          transcriptionConfig: { autoTranscriptionGeneration: "OFF" },
          smartNotesConfig: { autoSmartNotesGeneration: "OFF" },
        },
      });
      const byCode = await call("GET", `/v2/spaces/${space.meetingCode.toUpperCase()}`);
      assert.equal(byCode.body.name, space.name, "a meeting code is an alias on get");
      const patchByCode = await call("PATCH", `/v2/spaces/${space.meetingCode}`, { config: {} });
      assert.equal(patchByCode.status, 400, "a meeting code is for get only");
      const patched = await call(
        "PATCH",
        `/v2/${space.name}?updateMask=config.artifactConfig.transcriptionConfig.autoTranscriptionGeneration`,
        { config: { artifactConfig: { transcriptionConfig: { autoTranscriptionGeneration: 1 } } } },
      );
      assert.equal(patched.body.config.artifactConfig.transcriptionConfig.autoTranscriptionGeneration, "ON");
      await emu.admin.startConference(space.name);
      const ended = await call("POST", `/v2/${space.name}:endActiveConference`, {});
      assert.deepEqual([ended.status, ended.body], [200, {}]);
      const journal = await emu.admin.requests();
      assert.deepEqual(
        journal.map((e) => [e.method, e.version, e.transport, e.code]),
        [
          ["CreateSpace", "v2", "rest", "OK"],
          ["GetSpace", "v2", "rest", "OK"],
          ["UpdateSpace", "v2", "rest", "INVALID_ARGUMENT"],
          ["UpdateSpace", "v2", "rest", "OK"],
          ["EndActiveConference", "v2", "rest", "OK"],
        ],
      );
      assert.deepEqual(journal[3].updateMask, [
        "config.artifact_config.transcription_config.auto_transcription_generation",
      ]);
    });

    it("over gRPC, v2 carries only what the 0.7.2 protos have: accessType and entryPointAccess", async () => {
      const client = grpcClient(emu.grpcAddress, "v2");
      const [space] = await client.createSpace({ space: { config: { accessType: "OPEN" } } }, as(ALICE));
      assert.deepEqual(
        Object.keys(space.config).filter((k) => space.config[k] !== null),
        ["accessType", "entryPointAccess"],
      );
      // The server knows moderation (Google's v2 does); the proto just cannot carry it.
      const viaRest = await call("GET", `/v2/${space.name}`);
      assert.equal(viaRest.body.config.moderation, "OFF");
      assert.equal(client.listMembers, undefined, "the 0.7.2 v2 client has no members API");
      await client.close();
    });
  });

  describe("members", () => {
    it("creates, gets, lists, patches (role) and deletes a member", async () => {
      const space = await createSpace({ moderation: "ON" });
      const created = await call("POST", `/v2/${space.name}/members`, { email: "bob@example.com", role: 1 });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.match(created.body.name, new RegExp(`^${space.name}/members/[A-Za-z0-9]{12}$`));
      assert.equal(created.body.role, "COHOST", "enums answered as names");
      // Meet's v2 Member is {name, email, role} ("user" is a v2beta Developer Preview field).
      assert.equal(created.body.user, undefined, "a v2 answer carries no user");
      const got = await call("GET", `/v2/${created.body.name}`);
      assert.deepEqual(got.body, created.body);
      const demoted = await call("PATCH", `/v2/${created.body.name}?updateMask=role`, {
        role: "ROLE_UNSPECIFIED",
      });
      assert.equal(demoted.status, 200, JSON.stringify(demoted.body));
      assert.equal(demoted.body.role, undefined, "ROLE_UNSPECIFIED is left out, as proto3 JSON does");
      const promoted = await call("PATCH", `/v2/${created.body.name}`, { role: "COHOST" });
      assert.equal(promoted.body.role, "COHOST", "no mask: the fields sent with values");
      const kept = await call("PATCH", `/v2/${created.body.name}`, {});
      assert.equal(kept.body.role, "COHOST", "no mask and no role: nothing changes");
      const star = await call("PATCH", `/v2/${created.body.name}?updateMask=*`, {});
      assert.equal(star.body.role, undefined, "'*' deletes the fields not sent");
      const listed = await call("GET", `/v2/${space.name}/members`);
      assert.deepEqual(listed.body, { members: [star.body] });
      const deleted = await call("DELETE", `/v2/${created.body.name}`);
      assert.deepEqual([deleted.status, deleted.body], [200, {}]);
      assert.deepEqual((await call("GET", `/v2/${space.name}/members`)).body, {});
      const journal = await emu.admin.requests();
      assert.deepEqual(
        journal.slice(1).map((e) => [e.method, e.name, e.updateMask]),
        [
          ["CreateMember", space.name, undefined],
          ["GetMember", created.body.name, undefined],
          ["UpdateMember", created.body.name, ["role"]],
          ["UpdateMember", created.body.name, undefined],
          ["UpdateMember", created.body.name, undefined],
          ["UpdateMember", created.body.name, ["*"]],
          ["ListMembers", space.name, undefined],
          ["DeleteMember", created.body.name, undefined],
          ["ListMembers", space.name, undefined],
        ],
      );
    });

    it("refuses member patches that change anything but role, or come from a non-owner", async () => {
      const space = await createSpace();
      const member = (await call("POST", `/v2/${space.name}/members`, { email: "bob@example.com" })).body;
      const email = await call("PATCH", `/v2/${member.name}?updateMask=email`, { email: "x@example.com" });
      assert.equal(email.status, 400);
      assert.match(email.body.error.message, /"email" cannot be changed/);
      const unknown = await call("PATCH", `/v2/${member.name}?updateMask=colour`, {});
      assert.match(unknown.body.error.message, /"colour" is not a known field of Member/);
      const stranger = await call("PATCH", `/v2/${member.name}`, { role: "COHOST" }, "eve@example.com");
      assert.equal(stranger.status, 403);
      const missing = await call("PATCH", `/v2/${space.name}/members/ZZZZZZZZZZZZ`, { role: "COHOST" });
      assert.equal(missing.status, 404);
    });

    it("lists 250 members a page by default, at most 500 (larger is coerced); v2beta keeps 25 / 100", async () => {
      const space = await createSpace();
      await addMembers(space.name, 501);
      const byDefault = await call("GET", `/v2/${space.name}/members`);
      assert.equal(byDefault.body.members.length, 250);
      const zero = await call("GET", `/v2/${space.name}/members?pageSize=0`);
      assert.equal(zero.body.members.length, 250);
      const big = await call("GET", `/v2/${space.name}/members?pageSize=10000`);
      assert.equal(big.body.members.length, 500);
      const last = await call(
        "GET",
        `/v2/${space.name}/members?pageSize=500&pageToken=${encodeURIComponent(big.body.nextPageToken)}`,
      );
      assert.deepEqual(
        last.body.members.map((m: any) => m.email),
        ["m500@example.com"],
      );
      assert.equal(last.body.nextPageToken, undefined);
      assert.equal((await call("GET", `/v2beta/${space.name}/members`)).body.members.length, 25);
      assert.equal(
        (await call("GET", `/v2beta/${space.name}/members?pageSize=10000`)).body.members.length,
        100,
      );
    });
  });

  describe("members:batchUpdate", () => {
    async function spaceWithMembers(count: number) {
      const space = await createSpace({ moderation: "ON" });
      await addMembers(space.name, count);
      const listed = await call("GET", `/v2/${space.name}/members`);
      return { space, members: listed.body.members as any[] };
    }
    const batch = (space: any, body: unknown) => call("POST", `/v2/${space.name}/members:batchUpdate`, body);

    it("no masks at all: every field given is updated and unset ones deleted", async () => {
      const { space, members } = await spaceWithMembers(3);
      await call("PATCH", `/v2/${members[2].name}`, { role: "COHOST" });
      const res = await batch(space, {
        requests: [
          { member: { name: members[0].name, role: "COHOST" } },
          { member: { name: members[2].name } },
        ],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.members.map((m: any) => [m.name, m.role]),
        [
          [members[0].name, "COHOST"],
          [members[2].name, undefined],
        ],
      );
      const journal = await emu.admin.requests();
      const last = journal[journal.length - 1];
      assert.deepEqual(
        [last.method, last.name, last.updateMask, last.members],
        ["BatchUpdateMembers", space.name, undefined, [members[0].name, members[2].name]],
      );
    });

    it("top-level mask alone, or with equal child masks, updates the masked fields", async () => {
      const { space, members } = await spaceWithMembers(2);
      const top = await batch(space, {
        updateMask: "role",
        requests: [{ member: { name: members[0].name, role: "COHOST" } }],
      });
      assert.equal(top.body.members[0].role, "COHOST");
      const both = await batch(space, {
        updateMask: "role",
        requests: [{ member: { name: members[1].name, role: "COHOST" }, updateMask: "role" }],
      });
      assert.equal(both.status, 200, JSON.stringify(both.body));
      assert.equal(both.body.members[0].role, "COHOST");
    });

    it("refuses a child mask without a top-level one, a differing child mask, and more than 500 members; nothing changes", async () => {
      const { space, members } = await spaceWithMembers(2);
      const childOnly = await batch(space, {
        requests: [{ member: { name: members[0].name, role: "COHOST" }, updateMask: "role" }],
      });
      assert.equal(childOnly.status, 400);
      assert.match(
        childOnly.body.error.message,
        /requests\[0\]\.update_mask is set but the top-level update_mask is not/,
      );
      const differing = await batch(space, {
        updateMask: "role",
        requests: [
          { member: { name: members[0].name, role: "COHOST" } },
          { member: { name: members[1].name, role: "COHOST" }, updateMask: "*" },
        ],
      });
      assert.equal(differing.status, 400);
      assert.match(differing.body.error.message, /requests\[1\]\.update_mask \(\*\) must be absent or equal/);
      const tooMany = await batch(space, {
        requests: Array.from({ length: 501 }, () => ({ member: { name: members[0].name, role: "COHOST" } })),
      });
      assert.equal(tooMany.status, 400);
      assert.match(tooMany.body.error.message, /a maximum of 500 members can be modified in a batch/);
      const objectMask = await batch(space, {
        updateMask: { paths: ["role"] },
        requests: [{ member: { name: members[0].name, role: "COHOST" } }],
      });
      assert.equal(objectMask.status, 400, "a FieldMask is a string in JSON");
      assert.match(objectMask.body.error.message, /Invalid value at 'update_mask'/);
      const foreign = await batch(space, {
        requests: [{ member: { name: "spaces/OTHERSPACE12/members/abc", role: "COHOST" } }],
      });
      assert.equal(foreign.status, 400);
      const after = await call("GET", `/v2/${space.name}/members`);
      assert.deepEqual(
        after.body.members.map((m: any) => m.role),
        [undefined, undefined],
      );
    });

    it("accepts exactly 500 members in one call", async () => {
      const { space } = await spaceWithMembers(500);
      const all = (await call("GET", `/v2/${space.name}/members?pageSize=500`)).body.members;
      const res = await batch(space, {
        updateMask: "role",
        requests: all.map((m: any) => ({ member: { name: m.name, role: "COHOST" } })),
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.members.length, 500);
    });
  });
});
