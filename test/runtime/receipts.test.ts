/**
 * MeetSpace's create receipts against the emulator: a create files one before it returns, a later
 * create of the same resource adopts its room (no second CreateSpace), and the operations that
 * prove the engine recorded the room remove it. Every call asserted comes from the journal.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { receiptFileName } from "../../provider/core/receipts";
import { findReceipt, writeReceipt } from "../../provider/runtime/receipts";
import { useEmulator } from "../support/emulator";
import { calls, checked, configureRuntime, runtime } from "../support/runtime";

const URN = "urn:pulumi:dev::rooms::pulumi-nodejs:dynamic/googlemeet:MeetSpace::standup";
const OWNER = "owner@example.com";

describe("MeetSpace create receipts", () => {
  const emu = useEmulator();
  let home: string;
  let previousHome: string | undefined;
  before(() => configureRuntime(emu));
  beforeEach(() => {
    previousHome = process.env.PULUMI_HOME;
    home = fs.mkdtempSync(path.join(os.tmpdir(), "meet-receipts-"));
    process.env.PULUMI_HOME = home;
  });
  afterEach(() => {
    if (previousHome === undefined) delete process.env.PULUMI_HOME;
    else process.env.PULUMI_HOME = previousHome;
    fs.rmSync(home, { recursive: true, force: true });
  });

  const folder = () => path.join(home, "googlemeet", "receipts", "rooms", "dev");
  const inputs = (extra: Record<string, unknown> = {}) =>
    checked("space", {
      owner: OWNER,
      config: { accessType: "TRUSTED", moderation: "ON" },
      members: [{ email: "a@example.com", role: "COHOST" }],
      resourceUrn: URN,
      ...extra,
    });

  it("create files a receipt under PULUMI_HOME/googlemeet/receipts/<project>/<stack> before it returns", async () => {
    const { id } = await runtime.space.create(await inputs());
    assert.deepEqual(fs.readdirSync(folder()), [receiptFileName(URN)]);
    const receipt = findReceipt(URN)!;
    assert.equal(receipt.space, id);
    assert.equal(receipt.urn, URN);
    assert.equal(receipt.user, OWNER);
    assert.equal(receipt.endpoint, `emulator ${emu.grpcAddress}`);
  });

  it("a later create of the same resource adopts the room: GetSpace, one patch of the differing setting, the missing member", async () => {
    const first = await runtime.space.create(await inputs());
    const receipt = findReceipt(URN)!;
    // The killed run's room without its member (as if the run died before adding it). The update
    // proves the room recorded and removes the receipt: put it back, as a kill would have left it.
    await runtime.space.update(first.id, first.outs, await inputs({ members: [] }));
    assert.equal(findReceipt(URN), undefined);
    await writeReceipt(receipt);
    await emu.admin.clearRequests();
    const again = await runtime.space.create(
      await inputs({ config: { accessType: "OPEN", moderation: "ON" } }),
    );
    assert.equal(again.id, first.id);
    assert.deepEqual(await calls(emu), [
      { method: "GetSpace", code: "OK" },
      { method: "UpdateSpace", updateMask: ["config.access_type"], code: "OK" },
      { method: "ListMembers", code: "OK" },
      { method: "CreateMember", email: "a@example.com", code: "OK" },
    ]);
    assert.equal((await emu.admin.spaces()).length, 1, "no second room");
    assert.equal(again.outs.adopt, undefined, "not recorded as an `adopt` input: nothing to replace later");
  });

  it("a receipt whose room is gone is dropped, and a room is made", async () => {
    await writeReceipt({ version: 1, urn: URN, space: "spaces/goneGone123", user: OWNER, createdAt: "x" });
    await emu.admin.clearRequests();
    const { id } = await runtime.space.create(await inputs());
    assert.deepEqual(
      (await calls(emu)).map((c) => `${c.method} ${c.code}`),
      ["GetSpace NOT_FOUND", "CreateSpace OK", "CreateMember OK"],
    );
    assert.equal(findReceipt(URN)?.space, id);
  });

  it("a receipt of another acting user, or another Meet, is not used", async () => {
    const first = await runtime.space.create(await inputs());
    await writeReceipt({ ...findReceipt(URN)!, user: "someone-else@example.com" });
    await emu.admin.clearRequests();
    await runtime.space.create(await inputs());
    assert.deepEqual(
      (await calls(emu)).map((c) => c.method),
      ["CreateSpace", "CreateMember"],
    );
    await writeReceipt({ ...findReceipt(URN)!, endpoint: "meet.googleapis.com" });
    await emu.admin.clearRequests();
    await runtime.space.create(await inputs());
    assert.deepEqual(
      (await calls(emu)).map((c) => c.method),
      ["CreateSpace", "CreateMember"],
    );
    assert.notEqual(findReceipt(URN)?.space, first.id);
  });

  it("diff, read and delete with the recorded id remove the receipt; with another id they keep it", async () => {
    const { id, outs } = await runtime.space.create(await inputs());
    assert.equal(outs.resourceUrn, URN, "kept in outputs: read and delete receive only those");
    await runtime.space.diff("spaces/another", outs, await inputs());
    assert.ok(findReceipt(URN), "a replacement's receipt stays while the old room is recorded");
    await runtime.space.diff(id, outs, await inputs());
    assert.equal(findReceipt(URN), undefined);
    for (const op of ["read", "delete"] as const) {
      await writeReceipt({ version: 1, urn: URN, space: id, user: OWNER, createdAt: "x" });
      if (op === "read") await runtime.space.read(id, outs);
      else await runtime.space.delete(id, outs);
      assert.equal(findReceipt(URN), undefined, op);
    }
  });
});
