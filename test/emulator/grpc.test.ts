import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rejection } from "../support/meetClients";

const ALICE = as("alice@example.com");
const BOB = as("bob@example.com");

describe("emulator over gRPC (official v2beta client)", () => {
  const emu = useEmulator();
  let client: any;
  before(() => {
    client = grpcClient(emu.grpcAddress);
  });
  after(async () => client.close());

  async function createSpace(config: object = {}, opts = ALICE) {
    const [space] = await client.createSpace({ space: { config } }, opts);
    return space;
  }

  it("creates a space with generated name, meeting code and policy defaults, owned by the caller", async () => {
    const space = await createSpace({ accessType: "OPEN" });
    assert.match(space.name, /^spaces\/[A-Za-z0-9]{12}$/);
    assert.match(space.meetingCode, /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    assert.equal(space.meetingUri, `https://meet.google.com/${space.meetingCode}`);
    assert.deepEqual(space.config, {
      accessType: "OPEN",
      entryPointAccess: "ALL",
      moderation: "OFF",
      moderationRestrictions: {
        chatRestriction: "NO_RESTRICTION",
        reactionRestriction: "NO_RESTRICTION",
        presentRestriction: "NO_RESTRICTION",
        defaultJoinAsViewerType: "OFF",
      },
      attendanceReportGenerationType: "DO_NOT_GENERATE",
      artifactConfig: {
        recordingConfig: { autoRecordingGeneration: "OFF" },
        transcriptionConfig: { autoTranscriptionGeneration: "OFF" },
        smartNotesConfig: { autoSmartNotesGeneration: "OFF" },
      },
    });
    const [stored] = await emu.admin.spaces();
    assert.equal(stored.owner, "alice@example.com");
    const [entry] = await emu.admin.requests();
    assert.deepEqual(entry, {
      method: "CreateSpace",
      name: space.name,
      caller: "alice@example.com",
      code: "OK",
      transport: "grpc",
      version: "v2beta",
    });
  });

  it("gets a space by meeting code, case-insensitively, answering the canonical name", async () => {
    const space = await createSpace();
    const [byCode] = await client.getSpace({ name: `spaces/${space.meetingCode.toUpperCase()}` }, ALICE);
    assert.equal(byCode.name, space.name);
    assert.equal(byCode.config.accessType, "TRUSTED");
  });

  it("updates exactly the masked leaf paths", async () => {
    const space = await createSpace();
    const [updated] = await client.updateSpace(
      {
        space: { name: space.name, config: { accessType: "RESTRICTED", moderation: "ON" } },
        updateMask: { paths: ["config.access_type"] },
      },
      ALICE,
    );
    assert.equal(updated.config.accessType, "RESTRICTED");
    assert.equal(updated.config.moderation, "OFF", "moderation was not in the mask");
    const [deep] = await client.updateSpace(
      {
        space: {
          name: space.name,
          config: { artifactConfig: { recordingConfig: { autoRecordingGeneration: "ON" } } },
        },
        updateMask: { paths: ["config.artifact_config.recording_config.auto_recording_generation"] },
      },
      ALICE,
    );
    assert.equal(deep.config.artifactConfig.recordingConfig.autoRecordingGeneration, "ON");
    assert.equal(deep.config.accessType, "RESTRICTED");
  });

  it("merges non-default fields when the mask is empty, and resets masked-but-unset fields to defaults", async () => {
    const space = await createSpace({ accessType: "OPEN", moderation: "ON" });
    const [merged] = await client.updateSpace(
      { space: { name: space.name, config: { entryPointAccess: "CREATOR_APP_ONLY" } } },
      ALICE,
    );
    assert.equal(merged.config.accessType, "OPEN");
    assert.equal(merged.config.entryPointAccess, "CREATOR_APP_ONLY");
    const [reset] = await client.updateSpace(
      { space: { name: space.name, config: {} }, updateMask: { paths: ["config.access_type"] } },
      ALICE,
    );
    assert.equal(reset.config.accessType, "TRUSTED");
    assert.equal(reset.config.moderation, "ON");
  });

  it("'*' replaces every mutable field; unset ones return to the policy default", async () => {
    const space = await createSpace({
      accessType: "OPEN",
      moderation: "ON",
      entryPointAccess: "CREATOR_APP_ONLY",
    });
    const [replaced] = await client.updateSpace(
      { space: { name: space.name, config: { accessType: "RESTRICTED" } }, updateMask: { paths: ["*"] } },
      ALICE,
    );
    assert.equal(replaced.config.accessType, "RESTRICTED");
    assert.equal(replaced.config.moderation, "OFF");
    assert.equal(replaced.config.entryPointAccess, "ALL");
  });

  it("setting moderation OFF resets the four restrictions", async () => {
    const space = await createSpace({
      moderation: "ON",
      moderationRestrictions: { chatRestriction: "HOSTS_ONLY", defaultJoinAsViewerType: "ON" },
    });
    assert.equal(space.config.moderationRestrictions.chatRestriction, "HOSTS_ONLY");
    const [off] = await client.updateSpace(
      {
        space: { name: space.name, config: { moderation: "OFF" } },
        updateMask: { paths: ["config.moderation"] },
      },
      ALICE,
    );
    assert.deepEqual(off.config.moderationRestrictions, {
      chatRestriction: "NO_RESTRICTION",
      reactionRestriction: "NO_RESTRICTION",
      presentRestriction: "NO_RESTRICTION",
      defaultJoinAsViewerType: "OFF",
    });
  });

  describe("rejects bad updates with INVALID_ARGUMENT and changes nothing", () => {
    const cases: [string, (name: string) => object, RegExp][] = [
      [
        // SpaceConfig.Moderation: "Users are not allowed to set the value as unspecified." (issue 12 #6)
        "MODERATION_UNSPECIFIED under a mask naming config.moderation",
        (name) => ({
          space: { name, config: { moderation: "MODERATION_UNSPECIFIED" } },
          updateMask: { paths: ["config.moderation"] },
        }),
        /config\.moderation: MODERATION_UNSPECIFIED cannot be set/,
      ],
      [
        "an unknown path",
        (name) => ({
          space: { name, config: { accessType: "OPEN" } },
          updateMask: { paths: ["config.colour"] },
        }),
        /"config\.colour" is not a known field/,
      ],
      [
        "a lowerCamel path (gRPC takes proto names)",
        (name) => ({
          space: { name, config: { accessType: "OPEN" } },
          updateMask: { paths: ["config.accessType"] },
        }),
        /"config\.accessType" is not a known field/,
      ],
      [
        "an output-only path",
        (name) => ({
          space: { name, config: { accessType: "OPEN" } },
          updateMask: { paths: ["meeting_code"] },
        }),
        /"meeting_code" is output only/,
      ],
      [
        "an out-of-range enum number",
        (name) => ({
          space: { name, config: { accessType: 7 } },
          updateMask: { paths: ["config.access_type"] },
        }),
        /Invalid value 7 for field config\.access_type/,
      ],
    ];
    for (const [label, request, message] of cases) {
      it(label, async () => {
        const space = await createSpace();
        const err = await rejection(client.updateSpace(request(space.name), ALICE));
        assert.equal(err.code, 3);
        assert.match(err.details, message);
        const [after] = await client.getSpace({ name: space.name }, ALICE);
        assert.deepEqual(after, space);
      });
    }
  });

  it("refuses a patch by meeting code and malformed names with INVALID_ARGUMENT, unknown ids with NOT_FOUND", async () => {
    const space = await createSpace();
    const byCode = await rejection(
      client.updateSpace(
        { space: { name: `spaces/${space.meetingCode}`, config: { accessType: "OPEN" } } },
        ALICE,
      ),
    );
    assert.equal(byCode.code, 3);
    assert.match(byCode.details, /is a meeting code; only GetSpace accepts a meeting code/);
    const malformed = await rejection(client.endActiveConference({ name: "rooms/abc" }, ALICE));
    assert.equal(malformed.code, 3);
    assert.match(malformed.details, /invalid space name "rooms\/abc"/);
    const unknown = await rejection(client.getSpace({ name: "spaces/AAAAAAAAAAAA" }, ALICE));
    assert.equal(unknown.code, 5);
    const [after] = await client.getSpace({ name: space.name }, ALICE);
    assert.equal(after.config.accessType, "TRUSTED");
  });

  it("gives non-owners the restricted view and PERMISSION_DENIED for changes", async () => {
    const space = await createSpace({ accessType: "OPEN" });
    const [seen] = await client.getSpace({ name: space.name }, BOB);
    assert.deepEqual(
      { name: seen.name, uri: seen.meetingUri, code: seen.meetingCode, config: seen.config },
      { name: space.name, uri: space.meetingUri, code: space.meetingCode, config: null },
    );
    const err = await rejection(
      client.updateSpace(
        {
          space: { name: space.name, config: { accessType: "RESTRICTED" } },
          updateMask: { paths: ["config.access_type"] },
        },
        BOB,
      ),
    );
    assert.equal(err.code, 7);
    assert.match(err.details, /bob@example.com is not the owner/);
    const memberErr = await rejection(client.listMembers({ parent: space.name }, BOB));
    assert.equal(memberErr.code, 7);
    const [after] = await client.getSpace({ name: space.name }, ALICE);
    assert.equal(after.config.accessType, "OPEN");
  });

  it("uses the default user when no token is sent", async () => {
    await client.createSpace({ space: {} });
    const [entry] = await emu.admin.requests();
    assert.equal(entry.caller, "emulator-user@example.com");
  });

  it("refuses plan features with FEATURE_UNAVAILABLE_TO_USER and surfaces ErrorInfo on the gax error", async () => {
    await emu.admin.setUser("alice@example.com", { unavailableFeatures: ["recording"] });
    const err = await rejection(
      client.createSpace(
        { space: { config: { artifactConfig: { recordingConfig: { autoRecordingGeneration: "ON" } } } } },
        ALICE,
      ),
    );
    // What google-gax surfaces over gRPC: code (number), details (message), message
    // ("7 PERMISSION_DENIED: ..."), reason/domain/errorInfoMetadata and statusDetails (decoded).
    assert.equal(err.code, 7);
    assert.match(err.message, /^7 PERMISSION_DENIED: /);
    assert.match(err.details, /auto_recording_generation/);
    assert.equal(err.reason, "FEATURE_UNAVAILABLE_TO_USER");
    assert.equal(err.domain, "meet.googleapis.com");
    assert.deepEqual(err.errorInfoMetadata, {
      feature: "recording",
      field: "config.artifact_config.recording_config.auto_recording_generation",
    });
    assert.equal(err.statusDetails[0].reason, "FEATURE_UNAVAILABLE_TO_USER");
    assert.deepEqual(await emu.admin.spaces(), []);
  });

  it("ends an active conference, and FAILED_PRECONDITION when none is running", async () => {
    const space = await createSpace();
    const none = await rejection(client.endActiveConference({ name: space.name }, ALICE));
    assert.equal(none.code, 9);
    await emu.admin.startConference(space.name);
    const [running] = await client.getSpace({ name: space.name }, ALICE);
    assert.match(running.activeConference.conferenceRecord, /^conferenceRecords\/\w+$/);
    await client.endActiveConference({ name: space.name }, ALICE);
    const [ended] = await client.getSpace({ name: space.name }, ALICE);
    assert.equal(ended.activeConference, null);
  });

  describe("members", () => {
    it("creates, gets, lists and deletes members", async () => {
      const space = await createSpace();
      const [member] = await client.createMember(
        { parent: space.name, member: { email: "Carol@Example.com", role: "COHOST" } },
        ALICE,
      );
      assert.match(member.name, new RegExp(`^${space.name}/members/[A-Za-z0-9]+$`));
      assert.equal(member.role, "COHOST");
      assert.match(member.user, /^users\/\d+$/);
      const [again] = await client.getMember({ name: member.name }, ALICE);
      assert.deepEqual(again, member);
      const [list] = await client.listMembers({ parent: space.name }, ALICE);
      assert.deepEqual(
        list.map((m: any) => m.email),
        ["Carol@Example.com"],
      );
      await client.deleteMember({ name: member.name }, ALICE);
      const gone = await rejection(client.getMember({ name: member.name }, ALICE));
      assert.equal(gone.code, 5);
      const twice = await rejection(client.deleteMember({ name: member.name }, ALICE));
      assert.equal(twice.code, 5);
    });

    it("rejects a duplicate email (case-insensitive), a missing email, and user+email", async () => {
      const space = await createSpace();
      await client.createMember({ parent: space.name, member: { email: "dan@example.com" } }, ALICE);
      const dup = await rejection(
        client.createMember({ parent: space.name, member: { email: "DAN@example.com" } }, ALICE),
      );
      assert.equal(dup.code, 6);
      const noEmail = await rejection(
        client.createMember({ parent: space.name, member: { role: "COHOST" } }, ALICE),
      );
      assert.equal(noEmail.code, 3);
      assert.match(noEmail.details, /member\.email is required/);
      const both = await rejection(
        client.createMember(
          { parent: space.name, member: { email: "eve@example.com", user: "users/1" } },
          ALICE,
        ),
      );
      assert.equal(both.code, 3);
      assert.match(both.details, /not both/);
      const userOnly = await rejection(
        client.createMember({ parent: space.name, member: { user: "users/1" } }, ALICE),
      );
      assert.equal(userOnly.code, 3);
      assert.match(userOnly.details, /member\.email is required/);
      const [stored] = await emu.admin.spaces();
      assert.deepEqual(
        stored.members.map((m) => m.email),
        ["dan@example.com"],
      );
      const [created] = (await emu.admin.requests()).filter((e) => e.method === "CreateMember");
      assert.equal(created.email, "dan@example.com");
    });

    it("pages in creation order with an opaque token; rejects a bad token and a negative size", async () => {
      const space = await createSpace();
      for (let i = 0; i < 5; i++) {
        await client.createMember({ parent: space.name, member: { email: `m${i}@example.com` } }, ALICE);
      }
      const [page1, , resp1] = await client.listMembers(
        { parent: space.name, pageSize: 2 },
        { ...ALICE, autoPaginate: false },
      );
      assert.deepEqual(
        page1.map((m: any) => m.email),
        ["m0@example.com", "m1@example.com"],
      );
      assert.ok(resp1.nextPageToken);
      const [page2] = await client.listMembers(
        { parent: space.name, pageSize: 2, pageToken: resp1.nextPageToken },
        { ...ALICE, autoPaginate: false },
      );
      assert.deepEqual(
        page2.map((m: any) => m.email),
        ["m2@example.com", "m3@example.com"],
      );
      const [all] = await client.listMembers({ parent: space.name }, ALICE);
      assert.equal(all.length, 5);
      const bad = await rejection(
        client.listMembers({ parent: space.name, pageToken: "garbage" }, { ...ALICE, autoPaginate: false }),
      );
      assert.equal(bad.code, 3);
      const negative = await rejection(
        client.listMembers({ parent: space.name, pageSize: -1 }, { ...ALICE, autoPaginate: false }),
      );
      assert.equal(negative.code, 3);
    });
  });

  describe("v2 surface", () => {
    let v2: any;
    before(() => {
      v2 = grpcClient(emu.grpcAddress, "v2");
    });
    after(async () => v2.close());

    it("serves what v2's protos carry over the same store", async () => {
      const [space] = await v2.createSpace({ space: { config: { accessType: "OPEN" } } }, ALICE);
      assert.deepEqual(space.config, { accessType: "OPEN", entryPointAccess: "ALL" });
      const [full] = await client.getSpace({ name: space.name }, ALICE);
      assert.equal(full.config.moderation, "OFF");
      const err = await rejection(
        v2.updateSpace(
          { space: { name: space.name, config: {} }, updateMask: { paths: ["config.moderation"] } },
          ALICE,
        ),
      );
      assert.equal(err.code, 3);
      const [entry] = await emu.admin.requests();
      assert.equal(entry.version, "v2");
    });
  });
});
