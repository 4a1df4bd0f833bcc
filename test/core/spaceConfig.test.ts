import * as assert from "node:assert/strict";
import {
  SETTINGS,
  changedSettings,
  configFromApi,
  pickSettings,
  settingKey,
} from "../../provider/core/spaceConfig";
import { protoMaskPath } from "../../provider/meet/v2betaGax";

const maskPath = (spec: (typeof SETTINGS)[number]) => protoMaskPath(settingKey(spec));

describe("space settings", () => {
  it("v2beta's wire maps every setting to its snake_case leaf mask path", () => {
    assert.deepEqual(SETTINGS.map(maskPath), [
      "config.access_type",
      "config.entry_point_access",
      "config.moderation",
      "config.moderation_restrictions.chat_restriction",
      "config.moderation_restrictions.reaction_restriction",
      "config.moderation_restrictions.present_restriction",
      "config.moderation_restrictions.default_join_as_viewer_type",
      "config.attendance_report_generation_type",
      "config.artifact_config.recording_config.auto_recording_generation",
      "config.artifact_config.transcription_config.auto_transcription_generation",
      "config.artifact_config.smart_notes_config.auto_smart_notes_generation",
    ]);
  });

  it("reads enum numbers (REST int encoding) by the proto's numbering; unspecified is absent", () => {
    assert.deepEqual(
      configFromApi({
        accessType: 3,
        moderation: 1,
        moderationRestrictions: { chatRestriction: 1, defaultJoinAsViewerType: 0 },
      }),
      {
        accessType: "RESTRICTED",
        moderation: "OFF",
        moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
      },
    );
    assert.deepEqual(configFromApi({ accessType: "ACCESS_TYPE_UNSPECIFIED", entryPointAccess: "ALL" }), {
      entryPointAccess: "ALL",
    });
  });

  it("compares only the settings written in the program", () => {
    const actual = {
      accessType: "OPEN",
      moderation: "ON",
      moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
    } as const;
    assert.deepEqual(changedSettings({ moderation: "ON" }, actual), []);
    assert.deepEqual(
      changedSettings({ moderationRestrictions: { chatRestriction: "NO_RESTRICTION" } }, actual).map(
        maskPath,
      ),
      ["config.moderation_restrictions.chat_restriction"],
    );
    assert.deepEqual(pickSettings(actual, ["moderationRestrictions.chatRestriction"]), {
      moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
    });
  });
});
