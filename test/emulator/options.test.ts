import * as assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { rest } from "../support/meetClients";

describe("emulator options", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ latencyMs: 120, defaultUser: "owner@example.com" });
  });
  after(async () => emu.stop());

  it("latencyMs delays every API call but not the admin hooks", async () => {
    // Its own emulator, with a latency far above what an admin hook takes even on a busy machine:
    // the hook must answer while a call sent before it is still held, whatever the machine's speed.
    const slow = await startEmulator({ latencyMs: 1000 });
    try {
      const started = Date.now();
      let callDone = false;
      const call = rest(slow.httpUrl, "POST", "/v2beta/spaces", { body: {} }).then((res) => {
        callDone = true;
        return res;
      });
      await rest(slow.httpUrl, "GET", "/emulator/v1/spaces");
      assert.equal(callDone, false, "admin hook answered only after the delayed call");
      assert.equal((await call).status, 200);
      assert.ok(Date.now() - started >= 990, "API call delayed");
    } finally {
      await slow.stop();
    }
  });

  it("defaultUser owns what token-less calls create", async () => {
    await rest(emu.httpUrl, "POST", "/v2beta/spaces", { body: {} });
    const spaces = (await rest(emu.httpUrl, "GET", "/emulator/v1/spaces")).body.spaces;
    assert.ok(spaces.every((s: any) => s.owner === "owner@example.com"));
  });

  it("validates config on create like on update", async () => {
    const res = await rest(emu.httpUrl, "POST", "/v2beta/spaces", {
      body: { config: { moderation: "MAYBE" } },
    });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /Invalid value "MAYBE" for field config\.moderation/);
  });

  it("answers unknown paths with a 404 JSON error", async () => {
    const res = await rest(emu.httpUrl, "GET", "/v1/spaces");
    assert.equal(res.status, 404);
    assert.equal(res.body.error.status, "NOT_FOUND");
  });
});
