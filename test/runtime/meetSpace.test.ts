/**
 * MeetSpace through the runtime entry against the emulator: every assertion on what the API saw
 * comes from the emulator's request journal.
 */
import * as assert from "node:assert/strict";
import { SETTINGS, settingKey } from "../../provider/core/spaceConfig";

/** The update mask the emulator journals for each setting, written out (not computed by the code under test). */
const MASKS: Record<string, string> = {
  accessType: "config.access_type",
  entryPointAccess: "config.entry_point_access",
  moderation: "config.moderation",
  "moderationRestrictions.chatRestriction": "config.moderation_restrictions.chat_restriction",
  "moderationRestrictions.reactionRestriction": "config.moderation_restrictions.reaction_restriction",
  "moderationRestrictions.presentRestriction": "config.moderation_restrictions.present_restriction",
  "moderationRestrictions.defaultJoinAsViewerType":
    "config.moderation_restrictions.default_join_as_viewer_type",
  attendanceReportGenerationType: "config.attendance_report_generation_type",
  "artifactConfig.recordingConfig.autoRecordingGeneration":
    "config.artifact_config.recording_config.auto_recording_generation",
  "artifactConfig.transcriptionConfig.autoTranscriptionGeneration":
    "config.artifact_config.transcription_config.auto_transcription_generation",
  "artifactConfig.smartNotesConfig.autoSmartNotesGeneration":
    "config.artifact_config.smart_notes_config.auto_smart_notes_generation",
};
import { useEmulator } from "../support/emulator";
import { calls, checked, configureRuntime, patchBehindOurBack, runtime } from "../support/runtime";

/** A nested config from settings by dotted key ("moderationRestrictions.chatRestriction"), built here, not by the code under test. */
function nestSettings(flat: Record<string, string>): Record<string, any> {
  const config: Record<string, any> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".");
    let node = config;
    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
    node[parts[parts.length - 1]] = value;
  }
  return config;
}

const DEFAULT_USER = "emulator-user@example.com";

/** A value of each setting that differs from the emulator's policy default. */
const NON_DEFAULT: Record<string, string> = {
  accessType: "RESTRICTED",
  entryPointAccess: "CREATOR_APP_ONLY",
  moderation: "ON",
  "moderationRestrictions.chatRestriction": "HOSTS_ONLY",
  "moderationRestrictions.reactionRestriction": "HOSTS_ONLY",
  "moderationRestrictions.presentRestriction": "HOSTS_ONLY",
  "moderationRestrictions.defaultJoinAsViewerType": "ON",
  attendanceReportGenerationType: "GENERATE_REPORT",
  "artifactConfig.recordingConfig.autoRecordingGeneration": "ON",
  "artifactConfig.transcriptionConfig.autoTranscriptionGeneration": "ON",
  "artifactConfig.smartNotesConfig.autoSmartNotesGeneration": "ON",
};
const OTHER: Record<string, string> = {
  accessType: "OPEN",
  entryPointAccess: "ALL",
  moderation: "OFF",
  "moderationRestrictions.chatRestriction": "NO_RESTRICTION",
  "moderationRestrictions.reactionRestriction": "NO_RESTRICTION",
  "moderationRestrictions.presentRestriction": "NO_RESTRICTION",
  "moderationRestrictions.defaultJoinAsViewerType": "OFF",
  attendanceReportGenerationType: "DO_NOT_GENERATE",
  "artifactConfig.recordingConfig.autoRecordingGeneration": "OFF",
  "artifactConfig.transcriptionConfig.autoTranscriptionGeneration": "OFF",
  "artifactConfig.smartNotesConfig.autoSmartNotesGeneration": "OFF",
};

describe("MeetSpace runtime against the emulator", () => {
  const emu = useEmulator();
  before(() => configureRuntime(emu));

  async function createSpace(inputs: Record<string, unknown>) {
    const created = await runtime.space.create(await checked("space", inputs));
    await emu.admin.clearRequests();
    return created;
  }

  describe("create", () => {
    it("makes exactly one CreateSpace holding the managed settings; outputs match the emulator", async () => {
      const config = {
        accessType: "OPEN",
        moderation: "ON",
        moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
        artifactConfig: { recordingConfig: { autoRecordingGeneration: "ON" } },
      };
      const { id, outs } = await runtime.space.create(await checked("space", { config }));
      assert.deepEqual(await calls(emu), [{ method: "CreateSpace", code: "OK" }]);
      const [stored] = await emu.admin.spaces();
      assert.equal(id, stored.name);
      assert.equal(outs.name, stored.name);
      assert.equal(outs.meetingUri, stored.meetingUri);
      assert.equal(outs.meetingCode, stored.meetingCode);
      assert.match(outs.meetingUri, /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      assert.deepEqual(outs.config, stored.config);
      assert.equal(outs.config.accessType, "OPEN");
      assert.equal(outs.config.moderationRestrictions?.chatRestriction, "HOSTS_ONLY");
      assert.equal(outs.config.artifactConfig?.recordingConfig?.autoRecordingGeneration, "ON");
      // Unmanaged settings resolve to the owner's policy and are reported, never sent.
      assert.equal(outs.config.entryPointAccess, "ALL");
      assert.deepEqual(outs.managedSettings, [
        "accessType",
        "moderation",
        "moderationRestrictions.chatRestriction",
        "artifactConfig.recordingConfig.autoRecordingGeneration",
      ]);
      assert.equal(outs.deletionPolicy, undefined, "recorded as written: left out means RETIRE");
      assert.equal(stored.owner, DEFAULT_USER);
    });

    it("with no config at all creates a room on the owner's policy defaults", async () => {
      const { outs } = await runtime.space.create(await checked("space", {}));
      assert.deepEqual(await calls(emu), [{ method: "CreateSpace", code: "OK" }]);
      assert.equal(outs.config.accessType, "TRUSTED");
      assert.deepEqual(outs.managedSettings, []);
    });
  });

  describe("update", () => {
    it("the masks written out above are one per setting of the table, no more, no fewer", () => {
      assert.deepEqual(SETTINGS.map(settingKey).sort(), Object.keys(MASKS).sort());
    });

    for (const spec of SETTINGS) {
      const key = settingKey(spec);
      it(`changing only ${key} is one UpdateSpace with mask [${MASKS[key]}]`, async () => {
        const before = nestSettings({
          ...(key.startsWith("moderationRestrictions") ? { moderation: "ON" } : {}),
          [key]: OTHER[key],
        });
        const { id, outs } = await createSpace({ config: before });
        const after = nestSettings({
          ...(key.startsWith("moderationRestrictions") ? { moderation: "ON" } : {}),
          [key]: NON_DEFAULT[key],
        });
        const news = await checked("space", { config: after });
        assert.equal((await runtime.space.diff(id, outs, news)).changes, true);
        const updated = await runtime.space.update(id, outs, news);
        assert.deepEqual(await calls(emu), [{ method: "UpdateSpace", updateMask: [MASKS[key]], code: "OK" }]);
        const [stored] = await emu.admin.spaces();
        assert.deepEqual(updated.outs.config, stored.config);
        assert.equal(
          settingKey(spec)
            .split(".")
            .reduce((o: any, p) => o?.[p], stored.config),
          NON_DEFAULT[key],
        );
      });
    }

    it("changing k settings is one UpdateSpace with exactly those k paths", async () => {
      const { id, outs } = await createSpace({
        config: { accessType: "OPEN", moderation: "ON", attendanceReportGenerationType: "DO_NOT_GENERATE" },
      });
      const news = await checked("space", {
        config: {
          accessType: "RESTRICTED",
          moderation: "ON",
          attendanceReportGenerationType: "GENERATE_REPORT",
          entryPointAccess: "CREATOR_APP_ONLY",
        },
      });
      await runtime.space.update(id, outs, news);
      assert.deepEqual(await calls(emu), [
        {
          method: "UpdateSpace",
          updateMask: [
            "config.access_type",
            "config.entry_point_access",
            "config.attendance_report_generation_type",
          ],
          code: "OK",
        },
      ]);
    });

    it("an identical program is no change and no call", async () => {
      const config = {
        accessType: "OPEN",
        moderation: "ON",
        moderationRestrictions: { presentRestriction: "HOSTS_ONLY" },
      };
      const { id, outs } = await createSpace({ config });
      const diff = await runtime.space.diff(id, outs, await checked("space", { config }));
      assert.deepEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false, detailedDiff: {} });
      assert.deepEqual(await calls(emu), []);
    });

    it("a setting removed from the program makes no call and leaves the room as it is", async () => {
      const { id, outs } = await createSpace({ config: { accessType: "OPEN", moderation: "ON" } });
      const news = await checked("space", { config: { moderation: "ON" } });
      const diff = await runtime.space.diff(id, outs, news);
      assert.equal(diff.changes, true, "state must stop listing the setting as managed");
      const updated = await runtime.space.update(id, outs, news);
      assert.deepEqual(await calls(emu), []);
      assert.equal(updated.outs.config.accessType, "OPEN");
      assert.deepEqual(updated.outs.managedSettings, ["moderation"]);
    });

    it("changing owner or adopt replaces; deletionPolicy alone updates without a call", async () => {
      const { id, outs } = await createSpace({ config: { accessType: "OPEN" } });
      assert.deepEqual(
        (await runtime.space.diff(id, outs, { config: { accessType: "OPEN" }, owner: "x@example.com" }))
          .replaces,
        ["owner"],
      );
      assert.deepEqual(
        (await runtime.space.diff(id, outs, { config: { accessType: "OPEN" }, adopt: "abc-defg-hij" }))
          .replaces,
        ["adopt"],
      );
      const news = { config: { accessType: "OPEN" as const }, deletionPolicy: "ABANDON" as const };
      assert.deepEqual(await runtime.space.diff(id, outs, news), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
        detailedDiff: { deletionPolicy: "add" },
      });
      const updated = await runtime.space.update(id, outs, news);
      assert.equal(updated.outs.deletionPolicy, "ABANDON");
      assert.deepEqual(await calls(emu), []);
    });
  });

  describe("read (refresh)", () => {
    it("reports drift in managed settings as changed inputs, and the next update undoes it", async () => {
      const { id, outs } = await createSpace({ config: { accessType: "OPEN", moderation: "ON" } });
      await patchBehindOurBack(
        emu,
        id,
        DEFAULT_USER,
        { accessType: "RESTRICTED", entryPointAccess: "CREATOR_APP_ONLY" },
        "config.accessType,config.entryPointAccess",
      );
      await emu.admin.clearRequests();

      const read = await runtime.space.read(id, outs);
      assert.deepEqual(await calls(emu), [{ method: "GetSpace", code: "OK" }]);
      assert.equal(read.id, id);
      // Only managed settings come back as inputs; the unmanaged drift is visible in outputs only.
      assert.deepEqual(read.inputs, { config: { accessType: "RESTRICTED", moderation: "ON" } });
      assert.equal(read.props!.config.entryPointAccess, "CREATOR_APP_ONLY");

      const program = await checked("space", { config: { accessType: "OPEN", moderation: "ON" } });
      assert.equal((await runtime.space.diff(id, read.props!, program)).changes, true);
      await emu.admin.clearRequests();
      const updated = await runtime.space.update(id, read.props!, program);
      assert.deepEqual(await calls(emu), [
        { method: "UpdateSpace", updateMask: ["config.access_type"], code: "OK" },
      ]);
      assert.equal(updated.outs.config.accessType, "OPEN");
      assert.equal(
        updated.outs.config.entryPointAccess,
        "CREATOR_APP_ONLY",
        "unmanaged settings are left alone",
      );
    });

    it("reports a space that is gone as gone", async () => {
      const { outs } = await createSpace({ config: { accessType: "OPEN" } });
      const read = await runtime.space.read("spaces/AAAAAAAAAAAA", { ...outs, name: "spaces/AAAAAAAAAAAA" });
      assert.deepEqual(read, { id: "" });
    });
  });

  describe("adopt", () => {
    async function existingRoom(owner: string) {
      const res = await fetch(`${emu.httpUrl}/v2beta/spaces`, {
        method: "POST",
        headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
        body: JSON.stringify({ config: { accessType: "OPEN" } }),
      });
      const space = await res.json();
      await emu.admin.clearRequests();
      return space as { name: string; meetingCode: string };
    }

    it("by id: one GetSpace, then one UpdateSpace for the settings that differ", async () => {
      const room = await existingRoom(DEFAULT_USER);
      const { id, outs } = await runtime.space.create(
        await checked("space", { adopt: room.name, config: { accessType: "OPEN", moderation: "ON" } }),
      );
      assert.equal(id, room.name);
      assert.deepEqual(await calls(emu), [
        { method: "GetSpace", code: "OK" },
        { method: "UpdateSpace", updateMask: ["config.moderation"], code: "OK" },
      ]);
      assert.equal(outs.adopt, room.name);
      assert.equal(outs.config.moderation, "ON");
    });

    it("by meeting code in any case: resolved to the canonical name; nothing to change is no UpdateSpace", async () => {
      const room = await existingRoom(DEFAULT_USER);
      const { id } = await runtime.space.create(
        await checked("space", { adopt: room.meetingCode.toUpperCase(), config: { accessType: "OPEN" } }),
      );
      assert.equal(id, room.name);
      const journal = await emu.admin.requests();
      assert.deepEqual(
        journal.map((r) => [r.method, r.name, r.code]),
        [["GetSpace", `spaces/${room.meetingCode}`, "OK"]],
      );
      const spaces = await emu.admin.spaces();
      assert.equal(spaces.length, 1, "no new room was made");
    });

    it("by meet.google.com link", async () => {
      const room = await existingRoom(DEFAULT_USER);
      const { id } = await runtime.space.create(
        await checked("space", { adopt: `https://meet.google.com/${room.meetingCode}` }),
      );
      assert.equal(id, room.name);
    });

    it("a room owned by someone else fails clearly, changing nothing", async () => {
      const room = await existingRoom("someone-else@example.com");
      await assert.rejects(
        runtime.space.create(
          await checked("space", { adopt: room.name, config: { accessType: "RESTRICTED" } }),
        ),
        (err: Error) => {
          assert.match(err.message, new RegExp(`Could not adopt ${room.name}`));
          assert.match(err.message, /owned by someone other than the credentials' user/);
          assert.match(err.message, /Set `owner` to the room's owner/);
          return true;
        },
      );
      assert.deepEqual(await calls(emu), [{ method: "GetSpace", code: "OK" }]);
      const [stored] = await emu.admin.spaces();
      assert.equal(stored.config!.accessType, "OPEN");
    });
  });

  describe("owners", () => {
    it("two rooms with different owners are created as those owners", async () => {
      await runtime.space.create(
        await checked("space", { owner: "alice@example.com", config: { accessType: "OPEN" } }),
      );
      await runtime.space.create(
        await checked("space", { owner: "bob@example.com", config: { accessType: "OPEN" } }),
      );
      const journal = await emu.admin.requests();
      assert.deepEqual(
        journal.map((r) => [r.method, r.caller]),
        [
          ["CreateSpace", "alice@example.com"],
          ["CreateSpace", "bob@example.com"],
        ],
      );
      assert.deepEqual((await emu.admin.spaces()).map((s) => s.owner).sort(), [
        "alice@example.com",
        "bob@example.com",
      ]);
    });

    it("a non-owner update names the owner problem and how to fix it", async () => {
      const { id, outs } = await createSpace({ owner: "alice@example.com", config: { accessType: "OPEN" } });
      // The same state, but the program now claims another owner without replacing (e.g. edited state).
      await assert.rejects(
        runtime.space.update(
          id,
          { ...outs, owner: "bob@example.com" },
          { owner: "bob@example.com", config: { accessType: "RESTRICTED" } },
        ),
        /Could not update the room \(spaces\/\w+\): UpdateSpace answered PERMISSION_DENIED: .*Only the room's owner can do this, and the provider acted as "bob@example.com"/s,
      );
    });
  });

  describe("delete", () => {
    it("RETIRE without a conference locks the room with one UpdateSpace", async () => {
      const { id, outs } = await createSpace({ config: { accessType: "OPEN" } });
      await runtime.space.delete(id, outs);
      assert.deepEqual(await calls(emu), [
        { method: "UpdateSpace", updateMask: ["config.access_type"], code: "OK" },
      ]);
      assert.equal((await emu.admin.spaces())[0].config!.accessType, "RESTRICTED");
    });

    it("RETIRE with an active conference ends it, and deleting twice is harmless", async () => {
      const { id, outs } = await createSpace({ config: { accessType: "OPEN" } });
      await emu.admin.startConference(id);
      await runtime.space.delete(id, outs);
      await runtime.space.delete(id, outs);
      assert.deepEqual(await calls(emu), [
        { method: "UpdateSpace", updateMask: ["config.access_type"], code: "OK" },
        { method: "EndActiveConference", code: "OK" },
        { method: "UpdateSpace", updateMask: ["config.access_type"], code: "OK" },
      ]);
      const [stored] = await emu.admin.spaces();
      assert.equal(stored.activeConference, undefined);
    });

    it("ABANDON makes no call, even with a conference running", async () => {
      const { id, outs } = await createSpace({ config: { accessType: "OPEN" }, deletionPolicy: "ABANDON" });
      await emu.admin.startConference(id);
      await emu.admin.clearRequests();
      await runtime.space.delete(id, outs);
      assert.deepEqual(await calls(emu), []);
      assert.equal((await emu.admin.spaces())[0].config!.accessType, "OPEN");
    });

    it("a room that is gone counts as retired", async () => {
      const { outs } = await createSpace({ config: { accessType: "OPEN" } });
      await runtime.space.delete("spaces/AAAAAAAAAAAA", outs);
      assert.deepEqual(await calls(emu), [
        { method: "UpdateSpace", updateMask: ["config.access_type"], code: "NOT_FOUND" },
      ]);
    });
  });
});

describe("MeetSpace on v2beta over gRPC (googlemeet:apiVersion = v2beta)", () => {
  const emu = useEmulator();
  before(() => configureRuntime(emu, { "googlemeet:apiVersion": "v2beta" }));
  after(() => configureRuntime(emu));

  it("every setting at create, then a change of every setting in one UpdateSpace with every leaf path; all v2beta over gRPC", async () => {
    const before = nestSettings({ ...OTHER, moderation: "ON" });
    const { id, outs } = await runtime.space.create(await checked("space", { config: before }));
    const after = nestSettings(NON_DEFAULT);
    const updated = await runtime.space.update(id, outs, await checked("space", { config: after }));
    const journal = await emu.admin.requests();
    assert.deepEqual(
      journal.map((r) => [r.method, r.version, r.transport, r.code]),
      [
        ["CreateSpace", "v2beta", "grpc", "OK"],
        ["UpdateSpace", "v2beta", "grpc", "OK"],
      ],
    );
    // moderation stays ON in both, so it is the one setting not in the mask.
    assert.deepEqual(
      journal[1].updateMask,
      Object.entries(MASKS)
        .filter(([key]) => key !== "moderation")
        .map(([, mask]) => mask),
    );
    const [stored] = await emu.admin.spaces();
    assert.deepEqual(updated.outs.config, stored.config);
    assert.deepEqual(updated.outs.config, after);
  });
});
