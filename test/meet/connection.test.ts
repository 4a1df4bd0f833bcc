/** Bad stack config is refused with a message naming the key (and never echoing a secret). */
import * as assert from "node:assert/strict";
import { meetApiFor } from "../../provider/meet/client";
import { readConnectionSettings } from "../../provider/meet/connection";

const settings = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  readConnectionSettings((k) => config[k], env);

describe("connection settings", () => {
  it("reads the defaults: gRPC, Meet's quotas, 4 member calls at once, 5 minutes of retries", () => {
    const s = settings({});
    assert.equal(s.transport, "grpc");
    assert.deepEqual(s.quotas, { creates: 10, writes: 100, reads: 600, windowMs: 60_000 });
    assert.equal(s.memberConcurrency, 4);
    assert.equal(s.retry.totalDeadlineMs, 300_000);
    assert.equal(settings({}, { GOOGLE_MEET_EMULATOR_HOST: "127.0.0.1:1" }).emulatorHost, "127.0.0.1:1");
  });

  it("names the key and the allowed values", () => {
    assert.throws(
      () => settings({ "googlemeet:transport": "http" }),
      /^Error: Stack config googlemeet:transport must be "grpc" or "rest", got "http"$/,
    );
    assert.throws(
      () => settings({ "googlemeet:writeQuota": "lots" }),
      /^Error: Stack config googlemeet:writeQuota must be a positive number, got "lots"$/,
    );
    assert.throws(
      () => settings({ "googlemeet:memberConcurrency": "0" }),
      /googlemeet:memberConcurrency must be a positive number/,
    );
  });

  it("refuses credentials that are not JSON without echoing them", () => {
    assert.throws(
      () => settings({ "googlemeet:credentials": "-----BEGIN PRIVATE KEY----- secret" }),
      (err: Error) =>
        /googlemeet:credentials must be a service-account key or authorized-user JSON/.test(err.message) &&
        !err.message.includes("secret"),
    );
  });

  it("a service-account key needs a user to act as", () => {
    const s = settings({
      "googlemeet:credentials": JSON.stringify({
        type: "service_account",
        client_email: "a@b",
        private_key: "k",
      }),
    });
    assert.throws(() => meetApiFor(s), /set googlemeet:impersonateUser \(or the room's `owner`\)/);
  });

  it("an unknown credentials type names the types accepted", () => {
    const s = settings({ "googlemeet:credentials": JSON.stringify({ type: "external_account" }) });
    assert.throws(
      () => meetApiFor(s, "u@example.com"),
      /googlemeet:credentials has type "external_account"; expected "service_account" or "authorized_user"/,
    );
  });

  it("REST against the emulator needs its HTTP address", () => {
    const s = settings({ "googlemeet:transport": "rest" }, { GOOGLE_MEET_EMULATOR_HOST: "127.0.0.1:1" });
    assert.throws(() => meetApiFor(s), /also set googlemeet:endpoint to the emulator's HTTP address/);
  });
});
