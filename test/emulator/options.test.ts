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
    let started = Date.now();
    const res = await rest(emu.httpUrl, "POST", "/v2beta/spaces", { body: {} });
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 110, "API call delayed");
    started = Date.now();
    await rest(emu.httpUrl, "GET", "/emulator/v1/spaces");
    assert.ok(Date.now() - started < 100, "admin hook not delayed");
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
