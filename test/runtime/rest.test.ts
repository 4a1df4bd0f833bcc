/** The same behaviour over the REST transport (googlemeet:transport = rest), as the official client sends it. */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { checked, configureRuntime, runtime } from "../support/runtime";

describe("REST transport", () => {
  const emu = useEmulator();
  before(() => configureRuntime(emu, { "googlemeet:transport": "rest", "googlemeet:endpoint": emu.httpUrl }));
  after(() => configureRuntime(emu));

  it("creates, updates with a one-path mask, reconciles members, all over REST as the owner", async () => {
    const { id, outs } = await runtime.space.create(
      await checked("space", {
        owner: "rita@example.com",
        config: { accessType: "OPEN", moderation: "ON" },
        members: [{ email: "a@example.com" }],
      }),
    );
    const news = await checked("space", {
      owner: "rita@example.com",
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
    assert.deepEqual(
      journal.map((r) => [r.method, r.transport, r.caller, r.updateMask?.join() ?? "", r.code]),
      [
        ["CreateSpace", "rest", "rita@example.com", "", "OK"],
        ["CreateMember", "rest", "rita@example.com", "", "OK"],
        ["UpdateSpace", "rest", "rita@example.com", "config.moderation_restrictions.chat_restriction", "OK"],
        ["ListMembers", "rest", "rita@example.com", "", "OK"],
        ["DeleteMember", "rest", "rita@example.com", "", "OK"],
        ["CreateMember", "rest", "rita@example.com", "", "OK"],
      ],
    );
    const [stored] = await emu.admin.spaces();
    assert.deepEqual(updated.outs.config, stored.config);
  });

  it("reads Google's JSON error body: statuses, reasons and retries work as over gRPC", async () => {
    const { id, outs } = await runtime.space.create(
      await checked("space", { owner: "rita@example.com", config: { accessType: "OPEN" } }),
    );
    await emu.admin.addFault({ method: "GetSpace", code: "UNAVAILABLE", times: 1 });
    assert.equal((await runtime.space.read(id, outs)).id, id, "UNAVAILABLE was retried");
    assert.deepEqual(
      await runtime.space.read("spaces/ZZZZZZZZZZZZ", outs),
      { id: "" },
      "404 read as NOT_FOUND",
    );
    await emu.admin.setUser("rita@example.com", { unavailableFeatures: ["transcription"] });
    await assert.rejects(
      runtime.space.update(
        id,
        outs,
        await checked("space", {
          owner: "rita@example.com",
          config: { artifactConfig: { transcriptionConfig: { autoTranscriptionGeneration: "ON" } } },
        }),
      ),
      /UpdateSpace answered PERMISSION_DENIED: .*lacks a feature this room asks for \(config.artifactConfig.transcriptionConfig.autoTranscriptionGeneration\)/s,
    );
  });
});
