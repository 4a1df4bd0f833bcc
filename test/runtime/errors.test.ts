/** Errors that speak to the user: each names the room or operation, the cause, and what to change. */
import * as assert from "node:assert/strict";
import { ApiError } from "../../provider/api/error";
import { explainChatFailure } from "../../provider/chat/errors";
import { explainFailure } from "../../provider/meet/errors";
import { meetApiFor } from "../../provider/meet/client";
import { connection } from "../../provider/runtime/context";
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

  describe("a project that cannot use an API version", () => {
    const emu = useEmulator();
    after(() => configureRuntime(emu));

    it("not enrolled in the Developer Preview: v2beta names the version, the method and the fix; v2 (the default) works", async () => {
      await emu.admin.setProject({ developerPreview: false });
      configureRuntime(emu, { "googlemeet:apiVersion": "v2beta" });
      await assert.rejects(
        runtime.space.create(await checked("space", { config: { accessType: "OPEN" } })),
        (err: Error) => {
          assert.equal(
            err.message,
            "Could not create the room: CreateSpace answered PERMISSION_DENIED: The caller does not have permission. CreateSpace (Meet API v2beta) is a Developer Preview method: a Cloud project not enrolled in the Google Workspace Developer Preview Program gets this answer. Set googlemeet:apiVersion to v2 (the default: every setting and member operation works on the GA API), or enroll the project.",
          );
          return true;
        },
      );
      configureRuntime(emu);
      const { id } = await runtime.space.create(await checked("space", { config: { accessType: "OPEN" } }));
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.version, r.code]),
        [
          ["CreateSpace", "v2beta", "PERMISSION_DENIED"],
          ["CreateSpace", "v2", "OK"],
        ],
        "refused once, not retried; v2 works for the same project",
      );
      assert.match(id, /^spaces\//);
    });

    it("a v2beta refusal on a room's call also names the preview beside the owner", async () => {
      configureRuntime(emu);
      const { id, outs } = await runtime.space.create(
        await checked("space", { config: { accessType: "OPEN" } }),
      );
      await emu.admin.setProject({ developerPreview: false });
      configureRuntime(emu, { "googlemeet:apiVersion": "v2beta" });
      await assert.rejects(
        runtime.space.read(id, outs),
        /GetSpace answered PERMISSION_DENIED: The caller does not have permission\. Only the room's owner can do this.* Or: GetSpace \(Meet API v2beta\) is a Developer Preview method: .*Set googlemeet:apiVersion to v2/s,
      );
    });

    for (const version of ["v2", "v2beta"]) {
      it(`the API disabled in the project (SERVICE_DISABLED), ${version}: names the version, the method and the activation URL`, async () => {
        await emu.admin.setProject({ apiEnabled: false });
        configureRuntime(emu, { "googlemeet:apiVersion": version });
        const { id: project } = await emu.admin.project();
        await assert.rejects(runtime.space.create(await checked("space", {})), (err: Error) => {
          assert.match(
            err.message,
            /^Could not create the room: CreateSpace answered PERMISSION_DENIED: Google Meet REST API has not been used in project/,
          );
          assert.ok(
            err.message.endsWith(
              `CreateSpace (Meet API ${version}) cannot be used: the Google Meet API is not enabled in the Cloud project ${project} of the credentials. Enable it at https://console.developers.google.com/apis/api/meet.googleapis.com/overview?project=${project}, wait a few minutes for it to take effect, then run again.`,
            ),
            err.message,
          );
          assert.doesNotMatch(err.message, /may or may not have been created/);
          return true;
        });
        assert.deepEqual(
          (await emu.admin.requests()).map((r) => [r.version, r.code]),
          [[version, "PERMISSION_DENIED"]],
          "not retried",
        );
      });
    }
  });
});

// Google's 400s carry a google.rpc.BadRequest detail whose fieldViolations[] name each refused
// request field ("A message type used to describe a single bad request field": field, description).
describe("errors quote the fields of google.rpc.BadRequest field violations", () => {
  const emu = useEmulator();
  after(() => configureRuntime(emu)); // back to the default API version for the suites after this
  it("v2: a refused enum value names space.config.access_type in the message", async () => {
    configureRuntime(emu, { "googlemeet:apiVersion": "v2" });
    const meet = meetApiFor(connection(), undefined);
    const err = await meet.createSpace({ accessType: "PUBLIC" }).then(
      () => assert.fail("the emulator accepted PUBLIC"),
      (e: unknown) => e as ApiError,
    );
    assert.deepEqual(err.fieldViolations, [
      {
        field: "space.config.access_type",
        description: `Invalid value at 'space.config.access_type', "PUBLIC"`,
      },
    ]);
    assert.match(
      explainFailure(err, { action: "create the room" }),
      /^Could not create the room: CreateSpace answered INVALID_ARGUMENT: Invalid value "PUBLIC" for field config\.access_type; allowed: OPEN, TRUSTED, RESTRICTED \(field refused: "space\.config\.access_type": Invalid value at 'space\.config\.access_type', "PUBLIC"\)\./,
    );
  });

  for (const apiVersion of ["v2", "v2beta"] as const) {
    it(`${apiVersion}: a refused mask path names update_mask (REST body and gRPC trailer alike)`, async () => {
      configureRuntime(emu, { "googlemeet:apiVersion": apiVersion });
      const meet = meetApiFor(connection(), undefined);
      const space = await meet.createSpace({});
      // The client takes setting keys (`colour`); the wire sends them as mask paths (`config.colour`).
      const err = await meet.updateSpace(space.name, {}, ["colour"]).then(
        () => assert.fail("the emulator accepted config.colour"),
        (e: unknown) => e as ApiError,
      );
      assert.deepEqual(err.fieldViolations, [
        { field: "update_mask", description: `"config.colour" is not a known field of Space` },
      ]);
      assert.match(
        explainFailure(err, { action: "update the room", space: space.name }),
        /UpdateSpace answered INVALID_ARGUMENT: Invalid update_mask: "config\.colour" is not a known field of Space \(field refused: "update_mask"\)\./,
      );
    });
  }

  it("Chat's errors quote them the same way, and a violation whose description is the message names only the field", () => {
    const err = new ApiError("chat.UpdateSpace" as never, 3, `"x" is not a field Chat can update`);
    err.fieldViolations = [
      { field: "update_mask", description: `"x" is not a field Chat can update` },
      { field: "space.display_name", description: "too long" },
    ];
    assert.equal(
      explainChatFailure(err, { action: "update the Chat space", space: "spaces/AAA" }),
      `Could not update the Chat space (spaces/AAA): chat.UpdateSpace answered INVALID_ARGUMENT: "x" is not a field Chat can update (fields refused: "update_mask"; "space.display_name": too long).`,
    );
  });
  it("Chat's quota refusal after every retry names the three kinds of Chat limit and the space", () => {
    const err = new ApiError(
      "chat.GetMembership" as never,
      8,
      "Resource has been exhausted (e.g. check quota).",
    );
    assert.equal(
      explainChatFailure(err, { action: "finish setting up the space", space: "spaces/AAA" }),
      "Could not finish setting up the space (spaces/AAA): chat.GetMembership answered RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota). Chat's quotas stayed exhausted through every retry. Chat counts calls per Cloud project, per space (15 reads and 1 write a second, shared with every app acting in the space) and per user (fewer than 35 new spaces a minute): apply fewer Chat spaces at once, or wait until other apps are less busy in spaces/AAA.",
    );
  });
});
