import * as assert from "node:assert/strict";
import { Code } from "../../google/statusCodes";
import { RETRY_DEFAULTS, canRetry, retryDelayMs } from "../../provider/core/retry";
import { MEET_METHODS, type MeetMethod } from "../../google/meet";
import { shouldRetryMeet as shouldRetry } from "../../provider/meet/methods";

describe("retry policy", () => {
  const ALL: MeetMethod[] = [
    "CreateSpace",
    "GetSpace",
    "UpdateSpace",
    "EndActiveConference",
    "CreateMember",
    "GetMember",
    "ListMembers",
    "DeleteMember",
    "UpdateMember",
    "BatchUpdateMembers",
  ];

  it("covers every Meet method (a method added to the seam must be added here)", () => {
    assert.deepEqual([...ALL].sort(), [...MEET_METHODS].sort());
  });

  it("retries every call but CreateSpace on UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED", () => {
    for (const method of ALL.filter((m) => m !== "CreateSpace")) {
      for (const code of [Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.RESOURCE_EXHAUSTED])
        assert.equal(shouldRetry(method, code), true, `${method} ${code}`);
    }
  });

  it("retries CreateSpace only when the server provably refused it (quota)", () => {
    assert.equal(shouldRetry("CreateSpace", Code.RESOURCE_EXHAUSTED), true);
    for (const code of [Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.UNKNOWN, Code.INTERNAL])
      assert.equal(shouldRetry("CreateSpace", code), false);
  });

  it("never retries errors that would answer the same again", () => {
    for (const method of ALL) {
      for (const code of [
        Code.INVALID_ARGUMENT,
        Code.PERMISSION_DENIED,
        Code.NOT_FOUND,
        Code.ALREADY_EXISTS,
        Code.FAILED_PRECONDITION,
        Code.UNAUTHENTICATED,
        Code.INTERNAL,
      ]) {
        assert.equal(shouldRetry(method, code), false, `${method} ${code}`);
      }
    }
  });

  it("backs off exponentially with full jitter, capped", () => {
    assert.equal(
      retryDelayMs(1, RETRY_DEFAULTS, () => 0.999999),
      249,
    );
    assert.equal(
      retryDelayMs(3, RETRY_DEFAULTS, () => 0.999999),
      999,
    );
    assert.equal(
      retryDelayMs(30, RETRY_DEFAULTS, () => 0.999999),
      RETRY_DEFAULTS.maxDelayMs - 1,
    );
    assert.equal(
      retryDelayMs(5, RETRY_DEFAULTS, () => 0),
      0,
    );
  });

  it("waits at least the delay the server asked for", () => {
    assert.equal(
      retryDelayMs(1, RETRY_DEFAULTS, () => 0.5, 3000),
      3000,
    );
    assert.equal(
      retryDelayMs(8, RETRY_DEFAULTS, () => 0.5, 10),
      8000,
    );
  });

  it("stops at the attempt limit or when the wait would pass the total deadline", () => {
    assert.equal(canRetry(1, 0, 100), true);
    assert.equal(canRetry(RETRY_DEFAULTS.maxAttempts, 0, 100), false);
    assert.equal(canRetry(2, RETRY_DEFAULTS.totalDeadlineMs - 50, 100), false);
  });
});
