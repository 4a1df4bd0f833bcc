import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rest } from "../support/meetClients";

const ALICE = "alice@example.com";

// Each test pins one finding of the fidelity audit (issue 12, items 2-7) to the sentence of
// Google's reference it follows.
describe("emulator fidelity to Google's reference (issue 12)", () => {
  const emu = useEmulator();
  const call = (method: string, path: string, body?: unknown) =>
    rest(emu.httpUrl, method, path, { token: ALICE, body });
  const restrictions = async (name: string) =>
    (await call("GET", `/v2/${name}`)).body.config.moderationRestrictions;
  const DEFAULT_RESTRICTIONS = {
    chatRestriction: "NO_RESTRICTION",
    reactionRestriction: "NO_RESTRICTION",
    presentRestriction: "NO_RESTRICTION",
    defaultJoinAsViewerType: "OFF",
  };

  // SpaceConfig.moderationRestrictions: "When moderation.OFF, will be reset to default ModerationRestrictions."
  describe("(2) moderation OFF resets moderationRestrictions to defaults", () => {
    it("turning moderation OFF resets restrictions set while it was ON", async () => {
      const space = (
        await call("POST", "/v2/spaces", {
          config: { moderation: "ON", moderationRestrictions: { chatRestriction: "HOSTS_ONLY" } },
        })
      ).body;
      assert.equal(space.config.moderationRestrictions.chatRestriction, "HOSTS_ONLY");
      await call("PATCH", `/v2/${space.name}?updateMask=config.moderation`, {
        config: { moderation: "OFF" },
      });
      assert.deepEqual(await restrictions(space.name), DEFAULT_RESTRICTIONS);
    });

    it("restrictions sent while moderation is OFF are not kept", async () => {
      const space = (await call("POST", "/v2/spaces", { config: { moderation: "OFF" } })).body;
      const res = await call(
        "PATCH",
        `/v2/${space.name}?updateMask=config.moderationRestrictions.presentRestriction`,
        { config: { moderationRestrictions: { presentRestriction: "HOSTS_ONLY" } } },
      );
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.config.moderationRestrictions, DEFAULT_RESTRICTIONS);
      const created = await call("POST", "/v2beta/spaces", {
        config: { moderationRestrictions: { reactionRestriction: "HOSTS_ONLY" } },
      });
      assert.deepEqual(
        created.body.config.moderationRestrictions,
        DEFAULT_RESTRICTIONS,
        "moderation defaults to OFF, so a create with restrictions only gets the defaults",
      );
    });
  });

  // google.protobuf.FieldMask: a path naming a sub-message replaces that whole sub-message.
  describe("(3) parent paths in update masks replace the sub-message", () => {
    it("config.moderationRestrictions over REST: the leaves sent are set, the others reset", async () => {
      const space = (
        await call("POST", "/v2/spaces", {
          config: {
            moderation: "ON",
            moderationRestrictions: { chatRestriction: "HOSTS_ONLY", reactionRestriction: "HOSTS_ONLY" },
          },
        })
      ).body;
      const res = await call("PATCH", `/v2/${space.name}?updateMask=config.moderationRestrictions`, {
        config: { moderationRestrictions: { presentRestriction: "HOSTS_ONLY" } },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.config.moderationRestrictions, {
        ...DEFAULT_RESTRICTIONS,
        presentRestriction: "HOSTS_ONLY",
      });
      assert.equal(res.body.config.moderation, "ON", "fields outside the sub-message are untouched");
      const [, patch] = await emu.admin.requests();
      assert.deepEqual(patch.updateMask, ["config.moderation_restrictions"]);
    });

    it("config.artifact_config over gRPC (v2beta), with every artifact leaf replaced", async () => {
      const client = grpcClient(emu.grpcAddress);
      const [space] = await client.createSpace(
        {
          space: {
            config: {
              accessType: "OPEN",
              artifactConfig: {
                recordingConfig: { autoRecordingGeneration: "ON" },
                smartNotesConfig: { autoSmartNotesGeneration: "ON" },
              },
            },
          },
        },
        as(ALICE),
      );
      const [updated] = await client.updateSpace(
        {
          space: {
            name: space.name,
            config: { artifactConfig: { transcriptionConfig: { autoTranscriptionGeneration: "ON" } } },
          },
          updateMask: { paths: ["config.artifact_config"] },
        },
        as(ALICE),
      );
      await client.close();
      assert.equal(updated.config.accessType, "OPEN");
      assert.deepEqual(updated.config.artifactConfig, {
        recordingConfig: { autoRecordingGeneration: "OFF" },
        transcriptionConfig: { autoTranscriptionGeneration: "ON" },
        smartNotesConfig: { autoSmartNotesGeneration: "OFF" },
      });
    });
  });

  // spaces.members.{create,get,list}: "This API supports the fields parameter in
  // SystemParameterContext. When the fields parameter is omitted, this API response will
  // default to "name,email,role,user"."
  describe("(4) the fields partial-response parameter on member create, get and list", () => {
    it("selects fields on create and get; without it the answer holds the whole Member (v2: name, email, role)", async () => {
      const space = (await call("POST", "/v2/spaces", {})).body;
      const created = await call("POST", `/v2/${space.name}/members?fields=name,role`, {
        email: "bob@example.com",
        role: "COHOST",
      });
      assert.deepEqual(Object.keys(created.body), ["name", "role"]);
      const full = await call("GET", `/v2/${created.body.name}`);
      // The v2 Member is {name, email, role}: `user` is a v2beta (Developer Preview) field.
      assert.deepEqual(Object.keys(full.body).sort(), ["email", "name", "role"]);
      const beta = await call("GET", `/v2beta/${created.body.name}`);
      assert.deepEqual(Object.keys(beta.body).sort(), ["email", "name", "role", "user"]);
      const emailOnly = await call("GET", `/v2/${created.body.name}?fields=email`);
      assert.deepEqual(emailOnly.body, { email: "bob@example.com" });
    });

    it("selects inside lists with members(a,b) and members/a; a malformed selection is 400", async () => {
      const space = (await call("POST", "/v2beta/spaces", {})).body;
      for (const email of ["a@example.com", "b@example.com"])
        await call("POST", `/v2beta/${space.name}/members`, { email });
      const paren = await call(
        "GET",
        `/v2beta/${space.name}/members?pageSize=1&fields=members(email),nextPageToken`,
      );
      assert.deepEqual(Object.keys(paren.body), ["members", "nextPageToken"]);
      assert.deepEqual(paren.body.members, [{ email: "a@example.com" }]);
      const slash = await call("GET", `/v2beta/${space.name}/members?fields=members/user`);
      assert.deepEqual(Object.keys(slash.body), ["members"]);
      assert.deepEqual(Object.keys(slash.body.members[0]), ["user"]);
      const bad = await call("GET", `/v2beta/${space.name}/members?fields=members(email`);
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /Invalid field selection/);
    });
  });

  // ListMembersResponse.next_page_token: "Token to be circulated back for further list call if
  // current list doesn't include all members. Unset if all members are returned."
  describe("(5) ListMembers leaves out members and nextPageToken when empty or done", () => {
    it("answers {} for a space without members, and no token on the last page", async () => {
      const space = (await call("POST", "/v2/spaces", {})).body;
      const empty = await rest(emu.httpUrl, "GET", `/v2/${space.name}/members`, { token: ALICE });
      assert.deepEqual(empty.body, {});
      await call("POST", `/v2/${space.name}/members`, { email: "a@example.com" });
      const one = await call("GET", `/v2/${space.name}/members`);
      assert.deepEqual(Object.keys(one.body), ["members"]);
    });
  });

  // SpaceConfig.Moderation.MODERATION_UNSPECIFIED: "Users are not allowed to set the value as unspecified."
  describe("(6) MODERATION_UNSPECIFIED under a mask is INVALID_ARGUMENT, not OFF", () => {
    it("refuses it by name, by number, and when the masked field is not sent; nothing changes", async () => {
      const space = (await call("POST", "/v2/spaces", { config: { moderation: "ON" } })).body;
      for (const config of [{ moderation: "MODERATION_UNSPECIFIED" }, { moderation: 0 }, {}]) {
        const res = await call("PATCH", `/v2/${space.name}?updateMask=config.moderation`, { config });
        assert.equal(res.status, 400, JSON.stringify(config));
        assert.match(res.body.error.message, /MODERATION_UNSPECIFIED cannot be set/);
      }
      assert.equal((await call("GET", `/v2/${space.name}`)).body.config.moderation, "ON");
    });

    it("keeps today's reading where the reference is silent: '*' and parent paths reset an unsent moderation to the policy default", async () => {
      const space = (await call("POST", "/v2/spaces", { config: { moderation: "ON" } })).body;
      const star = await call("PATCH", `/v2/${space.name}?updateMask=*`, { config: {} });
      assert.equal(star.status, 200);
      assert.equal(star.body.config.moderation, "OFF");
      await call("PATCH", `/v2/${space.name}`, { config: { moderation: "ON" } });
      const parent = await call("PATCH", `/v2/${space.name}?updateMask=config`, {
        config: { accessType: "OPEN" },
      });
      assert.equal(parent.status, 200);
      assert.deepEqual([parent.body.config.moderation, parent.body.config.accessType], ["OFF", "OPEN"]);
    });
  });

  // Google's front end answers unknown JSON names with INVALID_ARGUMENT and a
  // google.rpc.BadRequest detail holding one field violation per unknown name.
  describe("(7) 400s for unknown JSON fields carry google.rpc.BadRequest field violations", () => {
    it("lists every unknown name, each with the field path it was found at", async () => {
      const space = (await call("POST", "/v2/spaces", {})).body;
      const res = await call("PATCH", `/v2/${space.name}`, {
        colour: "RED",
        config: { accesType: "OPEN", moderationRestrictions: { chat: "HOSTS_ONLY" } },
      });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.error, {
        code: 400,
        message: [
          `Invalid JSON payload received. Unknown name "colour" at 'space': Cannot find field.`,
          `Invalid JSON payload received. Unknown name "accesType" at 'space.config': Cannot find field.`,
          `Invalid JSON payload received. Unknown name "chat" at 'space.config.moderationRestrictions': Cannot find field.`,
        ].join("\n"),
        status: "INVALID_ARGUMENT",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            fieldViolations: [
              {
                field: "space",
                description: `Invalid JSON payload received. Unknown name "colour" at 'space': Cannot find field.`,
              },
              {
                field: "space.config",
                description: `Invalid JSON payload received. Unknown name "accesType" at 'space.config': Cannot find field.`,
              },
              {
                field: "space.config.moderationRestrictions",
                description: `Invalid JSON payload received. Unknown name "chat" at 'space.config.moderationRestrictions': Cannot find field.`,
              },
            ],
          },
        ],
      });
    });

    it("names top-level and list-element fields of a members:batchUpdate body", async () => {
      const space = (await call("POST", "/v2/spaces", {})).body;
      const res = await call("POST", `/v2/${space.name}/members:batchUpdate`, {
        mask: "role",
        requests: [{ member: { name: "x", rol: "COHOST" } }],
      });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.error.details[0].fieldViolations, [
        { description: `Invalid JSON payload received. Unknown name "mask": Cannot find field.` },
        {
          field: "requests[0].member",
          description: `Invalid JSON payload received. Unknown name "rol" at 'requests[0].member': Cannot find field.`,
        },
      ]);
    });
  });
});
