import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rejection, rest } from "../support/meetClients";

describe("emulator quotas (time-scaled)", () => {
  // timeScale 60: a quota minute lasts one second.
  const emu = useEmulator({ quota: { enabled: true, timeScale: 60, limits: { creates: 3, writes: 2 } } });
  let client: any;
  before(() => {
    client = grpcClient(emu.grpcAddress);
  });
  after(async () => client.close());

  it("answers RESOURCE_EXHAUSTED with ErrorInfo and RetryInfo over gRPC, then recovers", async () => {
    for (let i = 0; i < 3; i++) await client.createSpace({ space: {} }, as("alice@example.com"));
    const err = await rejection(client.createSpace({ space: {} }, as("alice@example.com")));
    assert.equal(err.code, 8);
    assert.equal(err.reason, "RATE_LIMIT_EXCEEDED");
    assert.deepEqual(err.errorInfoMetadata, { quota_bucket: "creates", service: "meet.googleapis.com" });
    const retry = err.statusDetails.find((d: any) => d.retryDelay);
    const delayMs = Number(retry.retryDelay.seconds) * 1000 + retry.retryDelay.nanos / 1e6;
    assert.ok(delayMs > 0 && delayMs <= 1000, `retry delay ${delayMs} ms is within the scaled minute`);
    // Another user has their own bucket.
    await client.createSpace({ space: {} }, as("bob@example.com"));
    await new Promise((resolve) => setTimeout(resolve, delayMs + 20));
    await client.createSpace({ space: {} }, as("alice@example.com"));
    assert.equal((await emu.admin.spaces()).length, 5, "the refused create made nothing");
  });

  it("answers 429 with Google's error body over REST, per bucket, and recovers in the next window", async () => {
    const created = await rest(emu.httpUrl, "POST", "/v2beta/spaces", {
      token: "carol@example.com",
      body: {},
    });
    const path = `/v2beta/${created.body.name}`;
    const patch = () =>
      rest(emu.httpUrl, "PATCH", path, {
        token: "carol@example.com",
        body: { config: { accessType: "OPEN" } },
      });
    assert.equal((await patch()).status, 200);
    assert.equal((await patch()).status, 200);
    const refused = await patch();
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.status, "RESOURCE_EXHAUSTED");
    assert.deepEqual(refused.body.error.details[0], {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "RATE_LIMIT_EXCEEDED",
      domain: "meet.googleapis.com",
      metadata: { quota_bucket: "writes", service: "meet.googleapis.com" },
    });
    assert.equal(refused.body.error.details[1]["@type"], "type.googleapis.com/google.rpc.RetryInfo");
    assert.match(refused.body.error.details[1].retryDelay, /^0(\.\d{3})?s$/);
    // Reads are a separate bucket.
    assert.equal((await rest(emu.httpUrl, "GET", path, { token: "carol@example.com" })).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    assert.equal((await patch()).status, 200);
    assert.equal((await patch()).status, 200);
  });

  it("reset clears the quota counters", async () => {
    for (let i = 0; i < 3; i++) await client.createSpace({ space: {} }, as("dan@example.com"));
    await emu.admin.reset();
    await client.createSpace({ space: {} }, as("dan@example.com"));
  });
});
