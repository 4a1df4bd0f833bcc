import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { rejection, rest, restClient } from "../support/meetClients";

const ALICE = "alice@example.com";

describe("emulator over REST", () => {
  const emu = useEmulator();

  describe("official client in REST mode (fallback, numeric enums)", () => {
    let client: any;
    before(() => {
      client = restClient(emu.httpUrl, ALICE);
    });
    after(async () => client.close());

    it("creates, patches with a query-parameter mask, and manages members; caller from the Authorization header", async () => {
      const [space] = await client.createSpace({
        space: { config: { accessType: "OPEN", moderation: "ON" } },
      });
      assert.equal(space.config.accessType, "OPEN");
      assert.equal(space.config.moderation, "ON");
      const [updated] = await client.updateSpace({
        space: { name: space.name, config: { moderationRestrictions: { chatRestriction: "HOSTS_ONLY" } } },
        updateMask: { paths: ["config.moderation_restrictions.chat_restriction"] },
      });
      assert.equal(updated.config.moderationRestrictions.chatRestriction, "HOSTS_ONLY");
      const [member] = await client.createMember({
        parent: space.name,
        member: { email: "c@example.com", role: "COHOST" },
      });
      assert.equal(member.role, "COHOST");
      const [members] = await client.listMembers({ parent: space.name });
      assert.deepEqual(
        members.map((m: any) => m.name),
        [member.name],
      );
      await client.deleteMember({ name: member.name });
      const journal = await emu.admin.requests();
      assert.deepEqual(
        journal.map((e) => [e.method, e.caller, e.transport, e.code]),
        [
          ["CreateSpace", ALICE, "rest", "OK"],
          ["UpdateSpace", ALICE, "rest", "OK"],
          ["CreateMember", ALICE, "rest", "OK"],
          ["ListMembers", ALICE, "rest", "OK"],
          ["DeleteMember", ALICE, "rest", "OK"],
        ],
      );
      assert.deepEqual(journal[1].updateMask, ["config.moderation_restrictions.chat_restriction"]);
    });

    it("answers enums as numbers when asked with $alt=json;enum-encoding=int", async () => {
      const created = await rest(emu.httpUrl, "POST", "/v2beta/spaces?$alt=json%3Benum-encoding=int", {
        token: ALICE,
        body: { config: { accessType: 3 } },
      });
      assert.equal(created.status, 200);
      assert.equal(created.body.config.accessType, 3);
      assert.equal(created.body.config.moderation, 1);
    });

    it("surfaces errors as gaxios errors: HTTP status in code, Google's JSON body in message", async () => {
      const [space] = await client.createSpace({ space: {} });
      const err = await rejection(
        client.updateSpace({
          space: { name: space.name, config: { accessType: 7 } },
          updateMask: { paths: ["config.access_type"] },
        }),
      );
      // google-gax 5.0.8 + gaxios 7 in REST mode: auth.fetch throws a GaxiosError for any
      // non-2xx answer before gax can parse it, so err.code/err.status are the HTTP status
      // (400, not 3), err.message is the raw JSON error body, and there is no err.reason or
      // err.statusDetails. Callers must parse err.message to get status and details.
      assert.equal(err.constructor.name, "GaxiosError");
      assert.equal(err.code, 400);
      assert.equal(err.status, 400);
      const body = JSON.parse(err.message);
      assert.equal(body.error.status, "INVALID_ARGUMENT");
      assert.match(body.error.message, /Invalid value 7 for field config\.access_type/);
      assert.equal(err.reason, undefined);
    });
  });

  describe("plain HTTP as Google's REST reference documents it", () => {
    async function create(config: object = {}, token = ALICE) {
      const res = await rest(emu.httpUrl, "POST", "/v2beta/spaces", { token, body: { config } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    }
    const get = async (name: string, token = ALICE) =>
      (await rest(emu.httpUrl, "GET", `/v2beta/${name}`, { token })).body;

    it("answers enum names and lowerCamel JSON", async () => {
      const space = await create({ entryPointAccess: "CREATOR_APP_ONLY" });
      assert.equal(space.config.entryPointAccess, "CREATOR_APP_ONLY");
      assert.equal(space.config.artifactConfig.smartNotesConfig.autoSmartNotesGeneration, "OFF");
      assert.equal(space.activeConference, undefined);
    });

    it("accepts lowerCamel and snake_case mask paths, comma-separated", async () => {
      const space = await create({ moderation: "ON" });
      const res = await rest(
        emu.httpUrl,
        "PATCH",
        `/v2beta/${space.name}?updateMask=config.accessType,config.moderation_restrictions.present_restriction`,
        {
          token: ALICE,
          body: {
            config: { accessType: "OPEN", moderationRestrictions: { presentRestriction: "HOSTS_ONLY" } },
          },
        },
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.config.accessType, "OPEN");
      assert.equal(res.body.config.moderationRestrictions.presentRestriction, "HOSTS_ONLY");
      const [, patch] = await emu.admin.requests();
      assert.deepEqual(patch.updateMask, [
        "config.access_type",
        "config.moderation_restrictions.present_restriction",
      ]);
    });

    it("rejects an unknown enum name with 400 and Google's error body; nothing changes", async () => {
      const space = await create();
      const res = await rest(emu.httpUrl, "PATCH", `/v2beta/${space.name}?updateMask=config.accessType`, {
        token: ALICE,
        body: { config: { accessType: "PUBLIC" } },
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 400);
      assert.equal(res.body.error.status, "INVALID_ARGUMENT");
      assert.match(res.body.error.message, /Invalid value "PUBLIC" for field config\.access_type/);
      assert.equal((await get(space.name)).config.accessType, "TRUSTED");
    });

    it("rejects unknown JSON fields (a typo) and a non-JSON body with 400, journaled", async () => {
      const space = await create();
      const typo = await rest(emu.httpUrl, "PATCH", `/v2beta/${space.name}`, {
        token: ALICE,
        body: { config: { accesType: "OPEN" } },
      });
      assert.equal(typo.status, 400);
      assert.equal(
        typo.body.error.message,
        `Invalid JSON payload received. Unknown name "accesType" at 'space.config': Cannot find field.`,
      );
      const snake = await rest(emu.httpUrl, "PATCH", `/v2beta/${space.name}`, {
        token: ALICE,
        body: { config: { access_type: "OPEN" } },
      });
      assert.equal(snake.status, 200, "proto field names are accepted too");
      const v2 = await rest(emu.httpUrl, "POST", "/v2/spaces", {
        token: ALICE,
        body: { config: { moderation: "ON", colour: "RED" } },
      });
      assert.equal(v2.status, 400, "v2's SpaceConfig has moderation but no colour");
      const res = await fetch(`${emu.httpUrl}/v2beta/${space.name}/members`, {
        method: "POST",
        headers: { authorization: `Bearer ${ALICE}` },
        body: "{not json",
      });
      assert.equal(res.status, 400);
      const journal = await emu.admin.requests();
      assert.deepEqual(
        journal.slice(1).map((e) => [e.method, e.version, e.code]),
        [
          ["UpdateSpace", "v2beta", "INVALID_ARGUMENT"],
          ["UpdateSpace", "v2beta", "OK"],
          ["CreateSpace", "v2", "INVALID_ARGUMENT"],
          ["CreateMember", "v2beta", "INVALID_ARGUMENT"],
        ],
      );
      assert.equal((await get(space.name)).config.accessType, "OPEN");
    });

    it("rejects a mask with only an output-only path", async () => {
      const space = await create();
      const res = await rest(emu.httpUrl, "PATCH", `/v2beta/${space.name}?updateMask=meetingUri`, {
        token: ALICE,
        body: { meetingUri: "https://meet.google.com/x" },
      });
      assert.equal(res.status, 400);
      assert.match(res.body.error.message, /"meeting_uri" is output only/);
    });

    it("ignores output-only fields sent on create", async () => {
      const res = await rest(emu.httpUrl, "POST", "/v2beta/spaces", {
        token: ALICE,
        body: {
          name: "spaces/mine",
          meetingCode: "abc-defg-hij",
          activeConference: { conferenceRecord: "x" },
        },
      });
      assert.equal(res.status, 200);
      assert.notEqual(res.body.name, "spaces/mine");
      assert.notEqual(res.body.meetingCode, "abc-defg-hij");
      assert.equal(res.body.activeConference, undefined);
    });

    it("maps statuses to HTTP: 404 unknown space, 403 non-owner, 409 duplicate member, 400 no conference", async () => {
      const space = await create();
      assert.equal(
        (await rest(emu.httpUrl, "GET", "/v2beta/spaces/ZZZZZZZZZZZZ", { token: ALICE })).status,
        404,
      );
      const denied = await rest(emu.httpUrl, "PATCH", `/v2beta/${space.name}`, {
        token: "bob@example.com",
        body: { config: { accessType: "OPEN" } },
      });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.status, "PERMISSION_DENIED");
      const member = { email: "x@example.com" };
      assert.equal(
        (await rest(emu.httpUrl, "POST", `/v2beta/${space.name}/members`, { token: ALICE, body: member }))
          .status,
        200,
      );
      const dup = await rest(emu.httpUrl, "POST", `/v2beta/${space.name}/members`, {
        token: ALICE,
        body: member,
      });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.status, "ALREADY_EXISTS");
      const end = await rest(emu.httpUrl, "POST", `/v2beta/${space.name}:endActiveConference`, {
        token: ALICE,
        body: {},
      });
      assert.equal(end.status, 400);
      assert.equal(end.body.error.status, "FAILED_PRECONDITION");
    });

    it("coerces an oversized page size to 100 and rejects a negative one", async () => {
      const space = await create();
      for (let i = 0; i < 105; i++) {
        await rest(emu.httpUrl, "POST", `/v2beta/${space.name}/members`, {
          token: ALICE,
          body: { email: `u${i}@example.com` },
        });
      }
      const big = await rest(emu.httpUrl, "GET", `/v2beta/${space.name}/members?pageSize=1000`, {
        token: ALICE,
      });
      assert.equal(big.status, 200);
      assert.equal(big.body.members.length, 100);
      assert.ok(big.body.nextPageToken);
      const rest2 = await rest(
        emu.httpUrl,
        "GET",
        `/v2beta/${space.name}/members?pageToken=${encodeURIComponent(big.body.nextPageToken)}`,
        { token: ALICE },
      );
      assert.equal(rest2.body.members.length, 5);
      assert.equal(rest2.body.nextPageToken, undefined, "unset if all members are returned");
      const byDefault = await rest(emu.httpUrl, "GET", `/v2beta/${space.name}/members`, { token: ALICE });
      assert.equal(byDefault.body.members.length, 25);
      const negative = await rest(emu.httpUrl, "GET", `/v2beta/${space.name}/members?pageSize=-5`, {
        token: ALICE,
      });
      assert.equal(negative.status, 400);
    });

    it("refuses attendance reports to a user whose plan lacks them, naming the setting", async () => {
      await emu.admin.setUser("bob@example.com", { unavailableFeatures: ["attendanceReport"] });
      const space = await create({}, "bob@example.com");
      const res = await rest(emu.httpUrl, "PATCH", `/v2beta/${space.name}`, {
        token: "bob@example.com",
        body: { config: { attendanceReportGenerationType: "GENERATE_REPORT" } },
      });
      assert.equal(res.status, 403);
      assert.match(res.body.error.message, /attendance_report_generation_type/);
      assert.deepEqual(res.body.error.details, [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "FEATURE_UNAVAILABLE_TO_USER",
          domain: "meet.googleapis.com",
          metadata: { feature: "attendanceReport", field: "config.attendance_report_generation_type" },
        },
      ]);
      assert.equal(
        (await get(space.name, "bob@example.com")).config.attendanceReportGenerationType,
        "DO_NOT_GENERATE",
      );
      // Turning it explicitly off is allowed.
      const off = await rest(emu.httpUrl, "PATCH", `/v2beta/${space.name}`, {
        token: "bob@example.com",
        body: { config: { attendanceReportGenerationType: "DO_NOT_GENERATE" } },
      });
      assert.equal(off.status, 200);
    });

    it("uses the default user without an Authorization header", async () => {
      const space = await create({}, "");
      const [stored] = await emu.admin.spaces();
      assert.equal(stored.owner, "emulator-user@example.com");
      assert.equal(stored.name, space.name);
    });

    it("has no member patch or batchUpdate on v2beta (v2 only)", async () => {
      const space = await create();
      const member = await rest(emu.httpUrl, "POST", `/v2beta/${space.name}/members`, {
        token: ALICE,
        body: { email: "x@example.com" },
      });
      const patch = await rest(emu.httpUrl, "PATCH", `/v2beta/${member.body.name}`, {
        token: ALICE,
        body: { role: "COHOST" },
      });
      assert.equal(patch.status, 404);
      const batch = await rest(emu.httpUrl, "POST", `/v2beta/${space.name}/members:batchUpdate`, {
        token: ALICE,
        body: { requests: [] },
      });
      assert.equal(batch.status, 404);
    });
  });
});
