/** Errors that speak to the user: each names the room or operation, the cause, and what to change. */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { checked, configureRuntime, runtime } from "../support/runtime";

describe("error messages", () => {
  describe("plan features and lost answers", () => {
    const emu = useEmulator();
    before(() => configureRuntime(emu));

    it("a feature the owner's plan lacks names the setting, at create", async () => {
      await emu.admin.setUser("emulator-user@example.com", { unavailableFeatures: ["recording"] });
      const inputs = await checked("space", {
        config: {
          accessType: "OPEN",
          artifactConfig: { recordingConfig: { autoRecordingGeneration: "ON" } },
        },
      });
      await assert.rejects(runtime.space.create(inputs), (err: Error) => {
        assert.match(err.message, /^Could not create the room: CreateSpace answered PERMISSION_DENIED: /);
        assert.match(
          err.message,
          /The Workspace plan of the credentials' user lacks a feature this room asks for \(config\.artifactConfig\.recordingConfig\.autoRecordingGeneration\)/,
        );
        return true;
      });
      assert.deepEqual(await emu.admin.spaces(), []);
    });

    it("a feature the owner's plan lacks names the setting and the room, at update", async () => {
      const { id, outs } = await runtime.space.create(
        await checked("space", { owner: "bob@example.com", config: { accessType: "OPEN" } }),
      );
      await emu.admin.setUser("bob@example.com", { unavailableFeatures: ["smartNotes"] });
      const news = await checked("space", {
        owner: "bob@example.com",
        config: {
          accessType: "OPEN",
          artifactConfig: { smartNotesConfig: { autoSmartNotesGeneration: "ON" } },
        },
      });
      await assert.rejects(
        runtime.space.update(id, outs, news),
        new RegExp(
          `Could not update the room \\(${id}\\): UpdateSpace answered PERMISSION_DENIED: .*The Workspace plan of "bob@example.com" lacks a feature this room asks for \\(config.artifactConfig.smartNotesConfig.autoSmartNotesGeneration\\)`,
          "s",
        ),
      );
    });

    it("a lost answer on CreateSpace is never retried into a duplicate, and the user is told what may exist", async () => {
      await emu.admin.addFault({ method: "CreateSpace", code: "UNAVAILABLE", afterApply: true, times: 1 });
      await assert.rejects(
        runtime.space.create(await checked("space", { config: { accessType: "OPEN" } })),
        (err: Error) => {
          assert.match(err.message, /CreateSpace answered UNAVAILABLE/);
          assert.match(
            err.message,
            /the room may or may not have been created\. It was not retried: CreateSpace is not idempotent/,
          );
          assert.match(err.message, /Nothing was recorded in state; the next `up` creates a new room/);
          return true;
        },
      );
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.code]),
        [["CreateSpace", "UNAVAILABLE"]],
      );
      assert.equal((await emu.admin.spaces()).length, 1, "the one room the lost call made, and no second");
    });

    it("CreateSpace refused for quota is retried (it provably did not happen)", async () => {
      await emu.admin.addFault({
        method: "CreateSpace",
        code: "RESOURCE_EXHAUSTED",
        times: 2,
        retryDelayMs: 10,
      });
      await runtime.space.create(await checked("space", { config: { accessType: "OPEN" } }));
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => r.code),
        ["RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED", "OK"],
      );
      assert.equal((await emu.admin.spaces()).length, 1);
    });

    it("CreateSpace refused with server pushback (UNAVAILABLE + RetryInfo) is retried; a bare UNAVAILABLE is not", async () => {
      await emu.admin.addFault({ method: "CreateSpace", code: "UNAVAILABLE", times: 1, retryDelayMs: 10 });
      await runtime.space.create(await checked("space", {}));
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => r.code),
        ["UNAVAILABLE", "OK"],
      );
      await emu.admin.clearRequests();
      await emu.admin.addFault({ method: "CreateSpace", code: "UNAVAILABLE", times: 1 });
      await assert.rejects(
        runtime.space.create(await checked("space", {})),
        /may or may not have been created/,
      );
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => r.code),
        ["UNAVAILABLE"],
      );
    });
  });

  describe("scopes", () => {
    const emu = useEmulator({
      tokens: {
        tokens: {
          "readonly-token": {
            user: "carol@example.com",
            scopes: ["https://www.googleapis.com/auth/meetings.space.readonly"],
          },
        },
      },
    });
    before(() => configureRuntime(emu, { "googlemeet:accessToken": "readonly-token" }));

    it("a missing scope is named, with where to grant it", async () => {
      await assert.rejects(
        runtime.space.create(await checked("space", { config: { accessType: "OPEN" } })),
        /CreateSpace answered PERMISSION_DENIED: .*The credentials lack the OAuth scope https:\/\/www\.googleapis\.com\/auth\/meetings\.space\.created: grant it/s,
      );
    });
  });

  describe("quota", () => {
    const emu = useEmulator({ quota: { enabled: true, timeScale: 1, limits: { creates: 1 } } });
    before(() => configureRuntime(emu, { "googlemeet:retryDeadlineSeconds": "1" }));

    it("quota still exhausted when retries run out names the bucket and the user", async () => {
      await runtime.space.create(await checked("space", { owner: "dan@example.com" }));
      await assert.rejects(
        runtime.space.create(await checked("space", { owner: "dan@example.com" })),
        /Could not create the room: CreateSpace answered RESOURCE_EXHAUSTED: .*The creates quota of "dan@example.com" stayed exhausted through every retry/s,
      );
    });
  });
});
