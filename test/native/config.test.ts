/** The native provider's configuration checks (CheckConfig), on the runtime's own parser. */
import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../provider/core/validation";
import { checkProviderConfig } from "../../provider/native/config";

describe("native provider: provider configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("with every key valid, credentials that cannot be found fail, named in the reason (no property: nothing was set)", () => {
    delete process.env.GOOGLE_MEET_EMULATOR_HOST;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = "/nonexistent/key.json";
    assert.deepEqual(
      checkProviderConfig({ writeQuota: 50 }).map((f) => f.property),
      [""],
    );
    assert.match(
      checkProviderConfig({})[0].reason,
      /^GOOGLE_APPLICATION_CREDENTIALS names \/nonexistent\/key.json, which does not exist/,
    );
    assert.deepEqual(checkProviderConfig({ accessToken: "t" }), [], "a token is a credential");
  });

  it("keys the engine adds and values not known yet pass", () => {
    process.env.GOOGLE_MEET_EMULATOR_HOST = "127.0.0.1:1";
    assert.deepEqual(
      checkProviderConfig({ version: "0.1.0", pluginDownloadURL: "x", writeQuota: UNKNOWN }),
      [],
    );
  });

  it("a credential that is not JSON is refused without echoing it", () => {
    process.env.GOOGLE_MEET_EMULATOR_HOST = "127.0.0.1:1";
    const [failure] = checkProviderConfig({ credentials: "s3cret-not-json" });
    assert.equal(failure.property, "credentials");
    assert.doesNotMatch(failure.reason, /s3cret/);
  });

  it("a bad GOOGLE_MEET_EMULATOR_HOST is the environment's problem, not the credentials property's", () => {
    process.env.GOOGLE_MEET_EMULATOR_HOST = "http://127.0.0.1:8086";
    const [failure] = checkProviderConfig({});
    assert.equal(failure.property, "");
    assert.match(
      failure.reason,
      /^GOOGLE_MEET_EMULATOR_HOST must be the emulator's host:port, e\.g\. 127\.0\.0\.1:8086/,
    );
  });
});
