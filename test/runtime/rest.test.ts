/**
 * API versions and transports: GA v2 over JSON REST by default (no v2beta call unless opted in),
 * and the Developer Preview v2beta through the official client's REST fallback when asked for.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { checked, configureRuntime, runtime } from "../support/runtime";
import { assertCallsInOrder, together } from "../support/journal";

const RITA = "rita@example.com";

describe("API versions", () => {
  const emu = useEmulator();

  describe("default: GA v2 over JSON REST", () => {
    before(() => configureRuntime(emu));

    it("a whole lifecycle makes no v2beta call: every journal entry is v2 over REST", async () => {
      const { id, outs } = await runtime.space.create(
        await checked("space", {
          owner: RITA,
          config: { accessType: "OPEN", moderation: "ON" },
          members: [{ email: "a@example.com" }, { email: "b@example.com" }],
        }),
      );
      const news = await checked("space", {
        owner: RITA,
        config: {
          accessType: "OPEN",
          moderation: "ON",
          moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
          artifactConfig: { recordingConfig: { autoRecordingGeneration: "ON" } },
        },
        members: [{ email: "a@example.com", role: "COHOST" }, { email: "c@example.com" }],
      });
      const updated = await runtime.space.update(id, outs, news);
      const refreshed = await runtime.space.read(id, updated.outs);
      const member = await runtime.member.create(
        await checked("member", { space: id, owner: RITA, email: "d@example.com" }),
      );
      const cohost = { space: id, owner: RITA, email: "d@example.com", role: "COHOST" as const };
      await runtime.member.update(member.id, member.outs, cohost);
      await runtime.member.read(member.id, { ...member.outs, role: "COHOST" });
      await runtime.member.delete(member.id, member.outs);
      await emu.admin.startConference(id);
      await runtime.space.delete(id, refreshed.props as any);

      const journal = await emu.admin.requests();
      assertCallsInOrder(
        journal.map((r) => [r.method, r.version, r.transport, r.caller, r.updateMask?.join() ?? "", r.code]),
        [
          ["CreateSpace", "v2", "rest", RITA, "", "OK"],
          ["CreateMember", "v2", "rest", RITA, "", "OK"],
          ["CreateMember", "v2", "rest", RITA, "", "OK"],
          together(
            [
              "UpdateSpace",
              "v2",
              "rest",
              RITA,
              "config.moderation_restrictions.chat_restriction,config.artifact_config.recording_config.auto_recording_generation",
              "OK",
            ],
            ["ListMembers", "v2", "rest", RITA, "", "OK"],
          ),
          ["DeleteMember", "v2", "rest", RITA, "", "OK"],
          ["UpdateMember", "v2", "rest", RITA, "role", "OK"],
          ["CreateMember", "v2", "rest", RITA, "", "OK"],
          together(["GetSpace", "v2", "rest", RITA, "", "OK"], ["ListMembers", "v2", "rest", RITA, "", "OK"]),
          ["CreateMember", "v2", "rest", RITA, "", "OK"],
          ["UpdateMember", "v2", "rest", RITA, "role", "OK"],
          ["GetMember", "v2", "rest", RITA, "", "OK"],
          ["DeleteMember", "v2", "rest", RITA, "", "OK"],
          // The lock and the list go at once; the conference ends after the lock has answered.
          together(
            ["UpdateSpace", "v2", "rest", RITA, "config.access_type", "OK"],
            ["ListMembers", "v2", "rest", RITA, "", "OK"],
          ),
          ["EndActiveConference", "v2", "rest", RITA, "", "OK"],
          ["DeleteMember", "v2", "rest", RITA, "", "OK"],
          ["DeleteMember", "v2", "rest", RITA, "", "OK"],
        ],
      );
      assert.equal(journal.filter((r) => r.version === "v2beta").length, 0, "no v2beta call");
      // Every setting came back on v2: nothing was dropped on the way.
      const [stored] = await emu.admin.spaces();
      assert.deepEqual(refreshed.props!.config, { ...stored.config, accessType: "OPEN" });
      assert.equal(refreshed.props!.config.artifactConfig?.recordingConfig?.autoRecordingGeneration, "ON");
      assert.equal(refreshed.props!.config.moderationRestrictions?.chatRestriction, "HOSTS_ONLY");
    });

    it("reads Google's JSON error body on v2: statuses, reasons and retries", async () => {
      const { id, outs } = await runtime.space.create(
        await checked("space", { owner: RITA, config: { accessType: "OPEN" } }),
      );
      await emu.admin.addFault({ method: "GetSpace", code: "UNAVAILABLE", times: 1 });
      assert.equal((await runtime.space.read(id, outs)).id, id, "UNAVAILABLE was retried");
      assert.deepEqual(
        await runtime.space.read("spaces/ZZZZZZZZZZZZ", outs),
        { id: "" },
        "404 read as NOT_FOUND",
      );
      await emu.admin.setUser(RITA, { unavailableFeatures: ["transcription"] });
      await assert.rejects(
        runtime.space.update(
          id,
          outs,
          await checked("space", {
            owner: RITA,
            config: { artifactConfig: { transcriptionConfig: { autoTranscriptionGeneration: "ON" } } },
          }),
        ),
        /UpdateSpace answered PERMISSION_DENIED: .*lacks a feature this room asks for \(config.artifactConfig.transcriptionConfig.autoTranscriptionGeneration\)/s,
      );
    });
  });

  describe("v2beta through the official client's REST fallback (googlemeet:transport = rest)", () => {
    before(() =>
      configureRuntime(emu, {
        "googlemeet:apiVersion": "v2beta",
        "googlemeet:transport": "rest",
        "googlemeet:endpoint": emu.httpUrl,
      }),
    );
    after(() => configureRuntime(emu));

    it("creates, updates with a one-path mask, reconciles members (role change: delete + create), all v2beta over REST", async () => {
      const { id, outs } = await runtime.space.create(
        await checked("space", {
          owner: RITA,
          config: { accessType: "OPEN", moderation: "ON" },
          members: [{ email: "a@example.com" }],
        }),
      );
      const news = await checked("space", {
        owner: RITA,
        config: {
          accessType: "OPEN",
          moderation: "ON",
          moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
        },
        members: [{ email: "a@example.com", role: "COHOST" }],
      });
      const updated = await runtime.space.update(id, outs, news);
      assert.equal(updated.outs.config.moderationRestrictions?.chatRestriction, "HOSTS_ONLY");
      const journal = await emu.admin.requests();
      assertCallsInOrder(
        journal.map((r) => [r.method, r.version, r.transport, r.caller, r.updateMask?.join() ?? "", r.code]),
        [
          ["CreateSpace", "v2beta", "rest", RITA, "", "OK"],
          ["CreateMember", "v2beta", "rest", RITA, "", "OK"],
          together(
            ["UpdateSpace", "v2beta", "rest", RITA, "config.moderation_restrictions.chat_restriction", "OK"],
            ["ListMembers", "v2beta", "rest", RITA, "", "OK"],
          ),
          ["DeleteMember", "v2beta", "rest", RITA, "", "OK"],
          ["CreateMember", "v2beta", "rest", RITA, "", "OK"],
        ],
      );
      const [stored] = await emu.admin.spaces();
      assert.deepEqual(updated.outs.config, stored.config);
    });

    it("without googlemeet:endpoint, the emulator's address from GOOGLE_MEET_EMULATOR_HOST serves REST too", async () => {
      configureRuntime(emu, { "googlemeet:apiVersion": "v2beta", "googlemeet:transport": "rest" });
      try {
        await runtime.space.create(await checked("space", { owner: RITA, config: { accessType: "OPEN" } }));
        assert.deepEqual(
          (await emu.admin.requests()).map((r) => [r.method, r.version, r.transport, r.code]),
          [["CreateSpace", "v2beta", "rest", "OK"]],
        );
      } finally {
        configureRuntime(emu, {
          "googlemeet:apiVersion": "v2beta",
          "googlemeet:transport": "rest",
          "googlemeet:endpoint": emu.httpUrl,
        });
      }
    });

    it("reads Google's JSON error body through the client: statuses, reasons and retries", async () => {
      const { id, outs } = await runtime.space.create(
        await checked("space", { owner: RITA, config: { accessType: "OPEN" } }),
      );
      await emu.admin.addFault({ method: "GetSpace", code: "UNAVAILABLE", times: 1 });
      assert.equal((await runtime.space.read(id, outs)).id, id, "UNAVAILABLE was retried");
      assert.deepEqual(await runtime.space.read("spaces/ZZZZZZZZZZZZ", outs), { id: "" });
    });
  });
});
