/**
 * Google's rules the emulator models (issue 21): "created by the app", the v2 Member shape, dial-in
 * details, meeting codes of any length of Google's form, and BadRequest field violations. Each
 * test quotes the sentence of Google's reference (or of Google's answer, seen by public clients)
 * it follows.
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenFile } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { rest } from "../support/meetClients";

const S = "https://www.googleapis.com/auth/meetings.space.";
const OWNER = "owner@example.com";
// What a public client saw on a room made in Meet's own interface (GAM-team/GAM#1822).
const DENIED = "Permission denied on resource MeetingSpace (or it might not exist)";

describe("emulator: rooms not created by the app (quick mode: every scope)", () => {
  const emu = useEmulator();
  const call = (method: string, path: string, body?: unknown, token = OWNER) =>
    rest(emu.httpUrl, method, path, { token, body });

  it("POST /emulator/v1/spaces makes a room with no app, answered as v2 GetSpace answers its owner", async () => {
    const made = await emu.admin.createRoomOutsideApp(OWNER, { accessType: "OPEN" });
    assert.match(made.name, /^spaces\/[A-Za-z0-9]{12}$/);
    const got = await call("GET", `/v2/${made.name}`);
    assert.equal(got.status, 200);
    assert.deepEqual(made, got.body);
    assert.equal(made.config?.accessType, "OPEN");
    const [stored] = await emu.admin.spaces();
    assert.deepEqual([stored.owner, stored.app], [OWNER, null]);
    // The hook is no API call: the journal holds only the GetSpace.
    assert.deepEqual(
      (await emu.admin.requests()).map((e) => e.method),
      ["GetSpace"],
    );
  });

  it("refuses a malformed admin request, naming the field", async () => {
    const res = await rest(emu.httpUrl, "POST", "/emulator/v1/spaces", { body: { owner: "nobody" } });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /"owner" must be the owner's email/);
  });

  // meetings.space.created: "Create, edit, and see information about your Google Meet conferences
  // created by the app"; member create, patch, batchUpdate, delete and endActiveConference accept
  // only that scope (discovery document meet.v2, revision 20261029).
  it("member writes and endActiveConference are PERMISSION_DENIED; reads and settings patches are not", async () => {
    const room = await emu.admin.createRoomOutsideApp(OWNER);
    const id = room.name.slice("spaces/".length);
    const [, existing] = emu.emulator.store.createMember(OWNER, room.name, { email: "ann@example.com" });
    const memberName = `${room.name}/members/${existing.id}`;
    await emu.admin.startConference(room.name);
    await emu.admin.clearRequests();

    const refused = [
      await call("POST", `/v2/${room.name}/members`, { email: "bob@example.com" }),
      await call("PATCH", `/v2/${memberName}?updateMask=role`, { role: "COHOST" }),
      await call("POST", `/v2/${room.name}/members:batchUpdate`, {
        updateMask: "role",
        requests: [{ member: { name: memberName, role: "COHOST" } }],
      }),
      await call("DELETE", `/v2/${memberName}`),
      await call("POST", `/v2/${room.name}:endActiveConference`, {}),
    ];
    for (const res of refused) {
      assert.equal(res.status, 403);
      assert.deepEqual(res.body.error, { code: 403, message: DENIED, status: "PERMISSION_DENIED" });
    }
    // meetings.space.readonly: "Read information about any of your Google Meet conferences";
    // meetings.space.settings: "Edit, and see settings for all of your Google Meet calls".
    assert.equal((await call("GET", `/v2/${room.name}`)).status, 200);
    assert.equal((await call("GET", `/v2/${room.name}/members`)).status, 200);
    const patched = await call("PATCH", `/v2/${room.name}?updateMask=config.accessType`, {
      config: { accessType: "RESTRICTED" },
    });
    assert.equal(patched.status, 200);
    const stored = emu.emulator.store.spaces.get(id)!;
    assert.deepEqual(
      stored.members.map((m) => [m.email, m.role]),
      [["ann@example.com", "ROLE_UNSPECIFIED"]],
      "nothing written",
    );
    assert.ok(stored.activeConference, "the conference still runs");
    assert.deepEqual(
      (await emu.admin.requests()).map((e) => `${e.method} ${e.code}`),
      [
        "CreateMember PERMISSION_DENIED",
        "UpdateMember PERMISSION_DENIED",
        "BatchUpdateMembers PERMISSION_DENIED",
        "DeleteMember PERMISSION_DENIED",
        "EndActiveConference PERMISSION_DENIED",
        "GetSpace OK",
        "ListMembers OK",
        "UpdateSpace OK",
      ],
    );
  });

  it("a room the default app created allows every method (every caller without a token file is that app)", async () => {
    const created = await call("POST", "/v2/spaces", {});
    const member = await call("POST", `/v2/${created.body.name}/members`, { email: "bob@example.com" });
    assert.equal(member.status, 200);
    assert.equal((await call("DELETE", `/v2/${member.body.name}`)).status, 200);
  });
});

const tokens: TokenFile = {
  tokens: {
    // The provider's own scopes for an adopted room: created + settings, never readonly.
    "tok-provider": { user: OWNER, scopes: [`${S}created`, `${S}settings`] },
    "tok-created": { user: OWNER, scopes: [`${S}created`] },
    "tok-readonly": { user: OWNER, scopes: [`${S}readonly`] },
    "tok-other-app": { user: OWNER, scopes: [`${S}created`], app: "other-project" },
  },
};
const dir = mkdtempSync(join(tmpdir(), "meet-created-by-app-"));
const tokenFile = join(dir, "tokens.json");
writeFileSync(tokenFile, JSON.stringify(tokens));

describe("emulator: scopes per method, and which spaces meetings.space.created covers", () => {
  const emu = useEmulator({ tokenFile });
  const call = (token: string, method: string, path: string, body?: unknown) =>
    rest(emu.httpUrl, method, path, { token, body });

  it("created alone reads nothing of a room made in Meet; settings reads and patches it; readonly lists its members", async () => {
    const room = await emu.admin.createRoomOutsideApp(OWNER);
    const status = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await call(token, method, path, body);
      if (res.status === 403) assert.equal(res.body.error.message, DENIED);
      return res.status;
    };
    assert.equal(await status("tok-created", "GET", `/v2/${room.name}`), 403);
    assert.equal(await status("tok-created", "GET", `/v2/${room.name}/members`), 403);
    assert.equal(await status("tok-provider", "GET", `/v2/${room.name}`), 200);
    assert.equal(
      await status("tok-provider", "PATCH", `/v2/${room.name}?updateMask=config.accessType`, {
        config: { accessType: "TRUSTED" },
      }),
      200,
    );
    // members.list accepts created or readonly: the provider's scopes cannot list this room.
    assert.equal(await status("tok-provider", "GET", `/v2/${room.name}/members`), 403);
    assert.equal(await status("tok-readonly", "GET", `/v2/${room.name}/members`), 200);
    assert.equal(await status("tok-readonly", "GET", `/v2/${room.name}`), 200);
  });

  it("another app's room is not covered by created; the app's own rooms are", async () => {
    const mine = (await call("tok-other-app", "POST", "/v2/spaces", {})).body;
    const theirs = (await call("tok-created", "POST", "/v2/spaces", {})).body;
    assert.equal((await emu.admin.spaces()).find((s) => s.name === mine.name)?.app, "other-project");
    const onMine = await call("tok-other-app", "POST", `/v2/${mine.name}/members`, {
      email: "a@example.com",
    });
    assert.equal(onMine.status, 200);
    const onTheirs = await call("tok-other-app", "POST", `/v2/${theirs.name}/members`, {
      email: "a@example.com",
    });
    assert.deepEqual([onTheirs.status, onTheirs.body.error.message], [403, DENIED]);
    const own = await call("tok-created", "POST", `/v2/${theirs.name}/members`, { email: "a@example.com" });
    assert.equal(own.status, 200);
  });
});

describe("emulator: v2 Member shape, dial-in details, meeting codes, field violations", () => {
  const emu = useEmulator();
  const call = (method: string, path: string, body?: unknown) =>
    rest(emu.httpUrl, method, path, { token: OWNER, body });

  // The v2 Member is {name, email, role} (discovery document meet.v2): "user" is v2beta's.
  it("a v2 body with user is refused as Google's parser refuses an unknown field; v2beta knows it", async () => {
    const space = (await call("POST", "/v2/spaces", {})).body;
    const res = await call("POST", `/v2/${space.name}/members`, {
      email: "bob@example.com",
      user: "users/123",
    });
    assert.equal(res.status, 400);
    const message = `Invalid JSON payload received. Unknown name "user" at 'member': Cannot find field.`;
    assert.equal(res.body.error.message, message);
    assert.deepEqual(res.body.error.details, [
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [{ field: "member", description: message }],
      },
    ]);
    const beta = await call("POST", `/v2beta/${space.name}/members`, { user: "users/123" });
    assert.doesNotMatch(beta.body.error?.message ?? "", /Unknown name/);
  });

  // Space.phoneAccess: "Output only. All regional phone access methods for this meeting space. Can
  // be empty."; PhoneAccess.phoneNumber "in E.164 format. Full phone number with a leading '+'";
  // pin: "only decimal digits".
  it("answers stable dial-in numbers and SIP access per space, and none for an owner without dial-in", async () => {
    const a = (await call("POST", "/v2/spaces", {})).body;
    const b = (await call("POST", "/v2/spaces", {})).body;
    assert.equal(a.phoneAccess.length, 2);
    for (const p of a.phoneAccess) {
      assert.match(p.phoneNumber, /^\+\d{8,15}$/);
      assert.match(p.pin, /^\d+$/);
      assert.match(p.regionCode, /^[A-Z]{2}$/);
      assert.match(p.languageCode, /^[a-z]{2}-[A-Z]{2}$/);
    }
    assert.match(a.gatewaySipAccess[0].uri, /^sip:\d{13}@/);
    assert.match(a.gatewaySipAccess[0].sipAccessCode, /^\d{13}$/);
    const again = (await call("GET", `/v2/${a.name}`)).body;
    assert.deepEqual([again.phoneAccess, again.gatewaySipAccess], [a.phoneAccess, a.gatewaySipAccess]);
    assert.notDeepEqual(a.phoneAccess, b.phoneAccess);

    await emu.admin.setUser("nodial@example.com", { unavailableFeatures: ["dialIn"] });
    const none = await rest(emu.httpUrl, "POST", "/v2/spaces", { token: "nodial@example.com", body: {} });
    assert.equal(none.body.phoneAccess, undefined);
    assert.equal(none.body.gatewaySipAccess, undefined);
  });

  // Space.meetingCode: "Format: `[a-z]+-[a-z]+-[a-z]+` ... The maximum length is 128 characters.
  // Can only be used as an alias of the space name to get the space."
  it("resolves any meeting code of Google's form, in any case, up to 128 characters", async () => {
    const space = (await call("POST", "/v2/spaces", {})).body;
    const record = emu.emulator.store.spaces.get(space.name.slice("spaces/".length))!;
    record.meetingCode = "ab-cdefghijklmnop-q";
    const got = await call("GET", "/v2/spaces/AB-CDEFGHIJKLMNOP-Q");
    assert.deepEqual([got.status, got.body.name], [200, space.name]);
    record.meetingCode = `${"a".repeat(62)}-${"b".repeat(62)}-c`;
    assert.equal((await call("GET", `/v2/spaces/${record.meetingCode}`)).status, 200);
  });

  it("a bad enum value and a bad mask path carry google.rpc.BadRequest field violations naming the field", async () => {
    const bad = await call("POST", "/v2/spaces", { config: { accessType: "PUBLIC" } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details, [
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [
          {
            field: "space.config.access_type",
            description: `Invalid value at 'space.config.access_type', "PUBLIC"`,
          },
        ],
      },
    ]);
    const space = (await call("POST", "/v2/spaces", {})).body;
    const mask = await call("PATCH", `/v2/${space.name}?updateMask=config.colour`, { config: {} });
    assert.equal(mask.status, 400);
    assert.deepEqual(mask.body.error.details[0].fieldViolations, [
      { field: "update_mask", description: `"config.colour" is not a known field of Space` },
    ]);
  });
});
