import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rejection, rest } from "../support/meetClients";

describe("emulator quotas (time-scaled)", () => {
  // timeScale 60: a quota minute lasts one second, on a clock the tests move (no sleeping).
  let now = 0;
  const emu = useEmulator({
    quota: { enabled: true, timeScale: 60, limits: { creates: 3, writes: 2 } },
    clock: () => now,
  });
  beforeEach(() => {
    now = 0;
  });
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
    assert.deepEqual(err.errorInfoMetadata, {
      quota_bucket: "creates",
      service: "meet.googleapis.com",
      quota_limit: "creates per minute per user",
      quota_limit_value: "3",
      consumer: "projects/123456789012",
    });
    assert.equal(
      err.details,
      "Quota exceeded for quota metric 'creates' and limit 'creates per minute per user' of service 'meet.googleapis.com' for user alice@example.com.",
    );
    const retry = err.statusDetails.find((d: any) => d.retryDelay);
    const delayMs = Number(retry.retryDelay.seconds) * 1000 + retry.retryDelay.nanos / 1e6;
    assert.equal(delayMs, 1000, "the clock has not moved: the whole scaled minute is left");
    // Another user has their own bucket.
    await client.createSpace({ space: {} }, as("bob@example.com"));
    now = delayMs - 1;
    assert.equal((await rejection(client.createSpace({ space: {} }, as("alice@example.com")))).code, 8);
    now = delayMs;
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
      metadata: {
        quota_bucket: "writes",
        service: "meet.googleapis.com",
        quota_limit: "writes per minute per user",
        quota_limit_value: "2",
        consumer: "projects/123456789012",
      },
    });
    assert.equal(refused.body.error.details[1]["@type"], "type.googleapis.com/google.rpc.RetryInfo");
    now = 250;
    const later = await patch();
    assert.equal(
      later.body.error.details[1].retryDelay,
      "0.750s",
      "the window frees a scaled minute after it began",
    );
    // Reads are a separate bucket.
    assert.equal((await rest(emu.httpUrl, "GET", path, { token: "carol@example.com" })).status, 200);
    now = 1000;
    assert.equal((await patch()).status, 200);
    assert.equal((await patch()).status, 200);
  });

  it("reset clears the quota counters", async () => {
    for (let i = 0; i < 3; i++) await client.createSpace({ space: {} }, as("dan@example.com"));
    const before = await rejection(client.createSpace({ space: {} }, as("dan@example.com")));
    assert.equal(before.code, 8, "dan's creates are spent before the reset");
    await emu.admin.reset();
    // The clock has not moved: only the reset can have freed the window.
    const [after] = await client.createSpace({ space: {} }, as("dan@example.com"));
    assert.deepEqual(
      (await emu.admin.spaces()).map((s) => s.name),
      [after.name],
      "the create after the reset made the one space left",
    );
  });
});

describe("emulator quotas per project (all users together)", () => {
  describe("Google's default limits: a 20-owner fleet meets the project's 100 creates a minute", () => {
    // Real-time minute: the test never waits for a window to roll over.
    const emu = useEmulator({ quota: { enabled: true } });

    it("refuses the 101st create of the minute though no user is past their own 10", async () => {
      const owners = Array.from({ length: 20 }, (_, i) => `owner${i}@example.com`);
      const codes: number[] = [];
      for (let round = 0; round < 6; round++) {
        for (const owner of owners) {
          codes.push((await rest(emu.httpUrl, "POST", "/v2/spaces", { token: owner, body: {} })).status);
        }
      }
      assert.equal(codes.filter((c) => c === 200).length, 100);
      assert.deepEqual(codes.slice(100), Array(20).fill(429));
      const refused = await rest(emu.httpUrl, "POST", "/v2/spaces", { token: "new@example.com", body: {} });
      assert.equal(refused.status, 429, "a user who made no call at all is refused too");
      assert.equal(
        refused.body.error.message,
        "Quota exceeded for quota metric 'creates' and limit 'creates per minute per project' of service 'meet.googleapis.com' for consumer 'project_number:123456789012'.",
      );
      assert.deepEqual(refused.body.error.details[0].metadata, {
        quota_bucket: "creates",
        service: "meet.googleapis.com",
        quota_limit: "creates per minute per project",
        quota_limit_value: "100",
        consumer: "projects/123456789012",
      });
      const journal = await emu.admin.requests();
      assert.equal(journal.filter((e) => e.code === "RESOURCE_EXHAUSTED").length, 21);
      assert.equal((await emu.admin.spaces()).length, 100, "refused creates made nothing");
      // Reads are another bucket.
      const [space] = await emu.admin.spaces();
      assert.equal((await rest(emu.httpUrl, "GET", `/v2/${space.name}`, { token: space.owner })).status, 200);
    });
  });

  describe("tight, time-scaled project limits", () => {
    let now = 0;
    const emu = useEmulator({
      quota: { enabled: true, timeScale: 60, limits: { writes: 5 }, projectLimits: { writes: 3 } },
      clock: () => now,
    });

    it("refuses at the project's limit before any user's own, and frees the project window after a scaled minute", async () => {
      const space = (await rest(emu.httpUrl, "POST", "/v2/spaces", { token: "a@example.com", body: {} }))
        .body;
      const patch = (token: string) =>
        rest(emu.httpUrl, "PATCH", `/v2/${space.name}`, { token, body: { config: { accessType: "OPEN" } } });
      // a@ owns the space; b@ and c@ are refused by ownership but still spend quota (checked first).
      assert.deepEqual(
        [
          (await patch("a@example.com")).status,
          (await patch("b@example.com")).status,
          (await patch("c@example.com")).status,
        ],
        [200, 403, 403],
      );
      const over = await patch("a@example.com");
      assert.equal(over.status, 429);
      assert.match(over.body.error.message, /per minute per project/);
      const delay = Number(/^([\d.]+)s$/.exec(over.body.error.details[1].retryDelay)![1]) * 1000;
      assert.equal(delay, 1000, "the clock has not moved: the whole scaled minute is left");
      now = delay - 1;
      assert.equal((await patch("a@example.com")).status, 429, "not a moment before the window ends");
      now = delay;
      assert.equal((await patch("a@example.com")).status, 200);
    });
  });
});
