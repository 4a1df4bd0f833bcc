import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmulatorAdminClient, startEmulator } from "../../emulator";
import { rest } from "../support/meetClients";

describe("emulator state file", () => {
  it("keeps spaces and members (not the journal) across restarts, written atomically", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meet-state-"));
    const stateFile = join(dir, "state.json");
    const first = await startEmulator({ stateFile });
    const created = await rest(first.httpUrl, "POST", "/v2beta/spaces", {
      token: "alice@example.com",
      body: { config: { accessType: "OPEN", moderation: "ON" } },
    });
    const name = created.body.name;
    await rest(first.httpUrl, "POST", `/v2beta/${name}/members`, {
      token: "alice@example.com",
      body: { email: "m@example.com", role: "COHOST" },
    });
    await first.stop();
    assert.ok(existsSync(stateFile));
    assert.deepEqual(readdirSync(dir), ["state.json"], "no temp files left behind");
    assert.equal(JSON.parse(readFileSync(stateFile, "utf8")).spaces.length, 1);

    const second = await startEmulator({ stateFile });
    try {
      const got = await rest(second.httpUrl, "GET", `/v2beta/${name}`, { token: "alice@example.com" });
      assert.equal(got.status, 200);
      assert.equal(got.body.config.accessType, "OPEN");
      assert.equal(got.body.meetingCode, created.body.meetingCode);
      const byCode = await rest(second.httpUrl, "GET", `/v2beta/spaces/${created.body.meetingCode}`, {
        token: "alice@example.com",
      });
      assert.equal(byCode.body.name, name);
      const admin = new EmulatorAdminClient(second.httpUrl);
      const [stored] = await admin.spaces();
      assert.equal(stored.owner, "alice@example.com");
      assert.deepEqual(
        stored.members.map((m) => [m.email, m.role]),
        [["m@example.com", "COHOST"]],
      );
      // The journal holds only this run's GETs, and new members keep unique order.
      assert.deepEqual(
        (await admin.requests()).map((e) => e.method),
        ["GetSpace", "GetSpace"],
      );
      await rest(second.httpUrl, "POST", `/v2beta/${name}/members`, {
        token: "alice@example.com",
        body: { email: "n@example.com" },
      });
      const list = await rest(second.httpUrl, "GET", `/v2beta/${name}/members?pageSize=1`, {
        token: "alice@example.com",
      });
      assert.equal(list.body.members[0].email, "m@example.com");
      const next = await rest(
        second.httpUrl,
        "GET",
        `/v2beta/${name}/members?pageSize=1&pageToken=${encodeURIComponent(list.body.nextPageToken)}`,
        { token: "alice@example.com" },
      );
      assert.equal(next.body.members[0].email, "n@example.com");
    } finally {
      await second.stop();
    }
  });

  it("writes mutations without waiting for stop (coalesced)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meet-state-"));
    const stateFile = join(dir, "state.json");
    const emu = await startEmulator({ stateFile });
    try {
      for (let i = 0; i < 5; i++) await rest(emu.httpUrl, "POST", "/v2beta/spaces", { body: {} });
      await emu.stateWritten();
      assert.equal(JSON.parse(readFileSync(stateFile, "utf8")).spaces.length, 5);
    } finally {
      await emu.stop();
    }
  });
});
