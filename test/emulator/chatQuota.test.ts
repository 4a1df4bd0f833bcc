/**
 * The emulator's Chat quotas, each pinned with the sentence of Google's usage-limits page
 * (developers.google.com/workspace/chat/limits) it models: "Multiple quota types may apply to Chat
 * API methods: per-project, per-space, and per-user quotas." A refusal is 429 RESOURCE_EXHAUSTED:
 * "If you exceed a quota, you'll receive a `429: Too many requests` HTTP status code response."
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { rest } from "../support/meetClients";

const ALICE = "alice@example.com";
const BOB = "bob@example.com";
const CAROL = "carol@example.com";

// timeScale 60: a quota minute lasts 1000 ms and a quota second 1000/60 ms, on a clock the tests
// move (no sleeping).
const SECOND = 1000 / 60;
const MINUTE = 1000;

describe("emulator: Chat's quotas per space, per user and per project (time-scaled)", () => {
  let now = 0;
  const emu = useEmulator({ quota: { enabled: true, timeScale: 60 }, clock: () => now });
  beforeEach(async () => {
    await emu.admin.reset();
    now = 0;
  });

  let spaceCount = 0;
  /** A SPACE of alice with bob in it, made a quota minute away from the test's calls. */
  async function setUp(owner = ALICE): Promise<string> {
    now -= 10 * MINUTE;
    const made = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", {
      token: owner,
      body: {
        space: { spaceType: "SPACE", displayName: `Quota ${++spaceCount}` },
        memberships: [{ member: { name: `users/${BOB}`, type: "HUMAN" } }],
      },
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    now += 10 * MINUTE;
    return made.body.name;
  }
  const get = (path: string, token = ALICE) => rest(emu.httpUrl, "GET", `/v1/${path}`, { token });
  const rename = (space: string, displayName: string) =>
    rest(emu.httpUrl, "PATCH", `/v1/${space}?updateMask=displayName`, {
      token: ALICE,
      body: { displayName },
    });

  function assertRefused(
    answer: { status: number; body: any },
    message: string,
    metadata: { bucket: string; limit: string; value: number },
  ): void {
    assert.equal(answer.status, 429, JSON.stringify(answer.body));
    assert.equal(answer.body.error.status, "RESOURCE_EXHAUSTED");
    assert.equal(answer.body.error.message, message);
    assert.deepEqual(answer.body.error.details[0].metadata, {
      quota_bucket: metadata.bucket,
      service: "chat.googleapis.com",
      quota_limit: metadata.limit,
      quota_limit_value: String(metadata.value),
      consumer: "projects/123456789012",
    });
    assert.equal(answer.body.error.details[1]["@type"], "type.googleapis.com/google.rpc.RetryInfo");
  }

  it("per space, reads: 15 a second, shared by every caller in the space; other spaces have their own", async () => {
    // "Per-space quotas limit the rate of queries in a given space and are shared among all Chat
    // apps acting in that space"; "Reads per second: … spaces.get, spaces.members.get,
    // spaces.members.list …: 15".
    const space = await setUp();
    const other = await setUp();
    const reads = [space, `${space}/members`, `${space}/members/${BOB}`];
    for (let i = 0; i < 15; i++) assert.equal((await get(reads[i % 3])).status, 200, `read ${i + 1}`);
    const message = `Quota exceeded for quota metric 'chatSpaceScopedReads' and limit 'chatSpaceScopedReads per second per space' of service 'chat.googleapis.com' for space ${space}.`;
    const limit = {
      bucket: "chatSpaceScopedReads",
      limit: "chatSpaceScopedReads per second per space",
      value: 15,
    };
    assertRefused(await get(`${space}/members`), message, limit);
    assertRefused(await get(space, BOB), message, limit);
    assert.equal((await get(other)).status, 200, "another space has its own 15");
    now += SECOND - 1;
    assert.equal((await get(space)).status, 429, "still inside the second");
    now += 1;
    assert.equal((await get(space)).status, 200, "the next second has 15 again");
    const journal = await emu.admin.requests();
    assert.equal(journal.filter((e) => e.code === "RESOURCE_EXHAUSTED").length, 3);
  });

  it("per space, writes: 1 a second for spaces.patch and spaces.delete; membership writes are not among them", async () => {
    // "Writes per second: media.upload, spaces.delete, spaces.patch, spaces.messages.create, …: 1"
    // (the page gave it before as 60 per 60 seconds). spaces.members.create is not in that list.
    const space = await setUp();
    assert.equal((await rename(space, "Renamed")).status, 200);
    const message = `Quota exceeded for quota metric 'chatSpaceScopedWrites' and limit 'chatSpaceScopedWrites per second per space' of service 'chat.googleapis.com' for space ${space}.`;
    const limit = {
      bucket: "chatSpaceScopedWrites",
      limit: "chatSpaceScopedWrites per second per space",
      value: 1,
    };
    assertRefused(await rename(space, "Again"), message, limit);
    const deleteSpace = () => rest(emu.httpUrl, "DELETE", `/v1/${space}`, { token: ALICE });
    assertRefused(await deleteSpace(), message, limit);
    const added = await rest(emu.httpUrl, "POST", `/v1/${space}/members`, {
      token: ALICE,
      body: { member: { name: `users/${CAROL}`, type: "HUMAN" } },
    });
    assert.equal(added.status, 200, "a membership write in the same second is not a per-space write");
    now += SECOND;
    assert.equal((await deleteSpace()).status, 200, "the next second takes the delete");
    assert.deepEqual(await emu.admin.chatSpaces(), [], "the refused writes changed nothing; the delete went");
  });

  it("per user: fewer than 35 spaces a minute; another user has their own", async () => {
    // "There are additional quota limits for creating spaces of type GROUP_CHAT or SPACE (by using
    // either the spaces.create or the spaces.setup method). Create less than 35 spaces per minute".
    const setUpAs = (token: string, n: number) =>
      rest(emu.httpUrl, "POST", "/v1/spaces:setup", {
        token,
        body: { space: { spaceType: "SPACE", displayName: `${token} ${n}` } },
      });
    for (let i = 0; i < 34; i++) assert.equal((await setUpAs(ALICE, i)).status, 200, `space ${i + 1}`);
    assertRefused(
      await setUpAs(ALICE, 34),
      `Quota exceeded for quota metric 'chatSpaceCreates' and limit 'chatSpaceCreates per minute per user' of service 'chat.googleapis.com' for user ${ALICE}.`,
      { bucket: "chatSpaceCreates", limit: "chatSpaceCreates per minute per user", value: 34 },
    );
    assert.equal((await setUpAs(BOB, 0)).status, 200, "bob's creations are his own");
    now += MINUTE;
    assert.equal((await setUpAs(ALICE, 35)).status, 200, "the next minute takes alice's again");
    assert.equal((await emu.admin.chatSpaces()).length, 36, "the refused setup made nothing");
  });

  it("per project: 60 space writes a minute, all users together", async () => {
    // "Space writes per minute: spaces.setup, spaces.create, spaces.patch, spaces.delete: 60".
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) {
      const owner = `owner${i % 3}@example.com`;
      const made = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", {
        token: owner,
        body: { space: { spaceType: "SPACE", displayName: `Project ${i}` } },
      });
      codes.push(made.status);
    }
    assert.deepEqual(codes.slice(0, 60), Array(60).fill(200), "3 users of 20: each under their own 34");
    assert.equal(codes[60], 429);
    const journal = await emu.admin.requests();
    assert.equal(journal.filter((e) => e.code === "RESOURCE_EXHAUSTED").length, 1);
  });
});
