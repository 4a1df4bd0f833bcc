import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rejection, rest } from "../support/meetClients";

const ALICE = "alice@example.com";
const ACTIVATION =
  "https://console.developers.google.com/apis/api/meet.googleapis.com/overview?project=987654321";
const DISABLED_MESSAGE = `Google Meet REST API has not been used in project 987654321 before or it is disabled. Enable it by visiting ${ACTIVATION} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;

describe("emulator project: Developer Preview enrollment and API enablement", () => {
  const emu = useEmulator({ project: { id: "987654321" } });

  it("by default the project is enrolled and the API enabled", async () => {
    assert.deepEqual(await emu.admin.project(), {
      id: "987654321",
      developerPreview: true,
      apiEnabled: true,
    });
    assert.equal((await rest(emu.httpUrl, "POST", "/v2beta/spaces", { token: ALICE, body: {} })).status, 200);
  });

  it("not enrolled: v2beta answers PERMISSION_DENIED 'The caller does not have permission' (REST and gRPC); v2 works", async () => {
    await emu.admin.setProject({ developerPreview: false });
    const refused = await rest(emu.httpUrl, "POST", "/v2beta/spaces", { token: ALICE, body: {} });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, {
      error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" },
    });
    const client = grpcClient(emu.grpcAddress);
    const err = await rejection(client.createSpace({ space: {} }, as(ALICE)));
    await client.close();
    assert.equal(err.code, 7);
    assert.equal(err.details, "The caller does not have permission");
    const v2 = await rest(emu.httpUrl, "POST", "/v2/spaces", { token: ALICE, body: {} });
    assert.equal(v2.status, 200);
    assert.deepEqual(
      (await emu.admin.requests()).map((e) => [e.version, e.method, e.code]),
      [
        ["v2beta", "CreateSpace", "PERMISSION_DENIED"],
        ["v2beta", "CreateSpace", "PERMISSION_DENIED"],
        ["v2", "CreateSpace", "OK"],
      ],
    );
    assert.equal((await emu.admin.spaces()).length, 1, "the refused creates made nothing");
  });

  it("API disabled: every call answers SERVICE_DISABLED as Google's front end words it", async () => {
    const space = (await rest(emu.httpUrl, "POST", "/v2/spaces", { token: ALICE, body: {} })).body;
    await emu.admin.setProject({ apiEnabled: false });
    for (const [method, path] of [
      ["GET", `/v2/${space.name}`],
      ["POST", "/v2beta/spaces"],
      ["GET", `/v2/${space.name}/members`],
    ]) {
      const res = await rest(emu.httpUrl, method, path, {
        token: ALICE,
        body: method === "GET" ? undefined : {},
      });
      assert.equal(res.status, 403, path);
      assert.deepEqual(res.body.error, {
        code: 403,
        message: DISABLED_MESSAGE,
        status: "PERMISSION_DENIED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "SERVICE_DISABLED",
            domain: "googleapis.com",
            metadata: {
              service: "meet.googleapis.com",
              consumer: "projects/987654321",
              activationUrl: ACTIVATION,
              containerInfo: "987654321",
              serviceTitle: "Google Meet REST API",
            },
          },
          {
            "@type": "type.googleapis.com/google.rpc.Help",
            links: [{ description: "Google developers console API activation", url: ACTIVATION }],
          },
        ],
      });
    }
    const client = grpcClient(emu.grpcAddress, "v2");
    const err = await rejection(client.getSpace({ name: space.name }, as(ALICE)));
    await client.close();
    assert.equal(err.code, 7);
    assert.equal(err.reason, "SERVICE_DISABLED");
    assert.equal(err.domain, "googleapis.com");
    assert.equal(err.errorInfoMetadata.activationUrl, ACTIVATION);
  });

  it("reset restores the start-up settings; bad settings are refused naming the allowed ones", async () => {
    await emu.admin.setProject({ apiEnabled: false, developerPreview: false });
    await emu.admin.reset();
    assert.deepEqual(await emu.admin.project(), {
      id: "987654321",
      developerPreview: true,
      apiEnabled: true,
    });
    await assert.rejects(
      emu.admin.setProject({ enrolled: false } as any),
      /unknown project setting "enrolled"; allowed: developerPreview, apiEnabled/,
    );
    await assert.rejects(
      emu.admin.setProject({ apiEnabled: "no" } as any),
      /"apiEnabled" must be true or false/,
    );
  });
});
