/**
 * MeetSpace and MeetSpaceMember on rooms this app did not create (issue 21). Google's rule, from
 * the scope member writes and endActiveConference accept: meetings.space.created, "Create, edit,
 * and see information about your Google Meet conferences created by the app". The rooms here are
 * made through the emulator's admin hook, as in Meet's own interface.
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenFile } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { calls, checked, configureRuntime, runtime } from "../support/runtime";
import { assertCallsInOrder, together } from "../support/journal";

const S = "https://www.googleapis.com/auth/meetings.space.";
const OWNER = "owner@example.com";
const RULE = /Google lets an app manage members only of rooms it created/;

/** Runs `fn`, returning what it printed with console.error (warnings). */
async function printed(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(String(line));
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return lines;
}

const tokens: TokenFile = {
  // Exactly the scopes the provider asks for when it adopts: created and settings, never readonly.
  tokens: { "tok-provider": { user: OWNER, scopes: [`${S}created`, `${S}settings`] } },
};
const dir = mkdtempSync(join(tmpdir(), "created-by-app-"));
const tokenFile = join(dir, "tokens.json");
writeFileSync(tokenFile, JSON.stringify(tokens));

describe("MeetSpace on a room made in Meet, with the provider's own scopes", () => {
  const emu = useEmulator({ tokenFile });
  before(() => configureRuntime(emu, { "googlemeet:accessToken": "tok-provider" }));

  it("adopt with members fails before any write, naming the room and what to do; nothing changes", async () => {
    const room = await emu.admin.createRoomOutsideApp(OWNER, { accessType: "OPEN" });
    const inputs = await checked("space", {
      adopt: room.meetingCode,
      config: { accessType: "TRUSTED" },
      members: [{ email: "ada@example.com", role: "COHOST" }],
    });
    await assert.rejects(runtime.space.create(inputs), (err: Error) => {
      assert.match(
        err.message,
        new RegExp(`^Cannot manage the members of ${room.name} \\(adopted as "${room.meetingCode}"\\)`),
      );
      assert.match(err.message, RULE);
      assert.match(
        err.message,
        /"Create, edit, and see information about your Google Meet conferences created by the app"/,
      );
      assert.match(
        err.message,
        /ListMembers answered PERMISSION_DENIED: Permission denied on resource MeetingSpace/,
      );
      assert.match(err.message, /Nothing was changed\. Either leave `members` out of this MeetSpace/);
      return true;
    });
    // Read only: no settings patch, no member write.
    assert.deepEqual(await calls(emu), [
      { method: "GetSpace", code: "OK" },
      { method: "ListMembers", code: "PERMISSION_DENIED" },
    ]);
    const [stored] = await emu.admin.spaces();
    assert.deepEqual([stored.config?.accessType, stored.members], ["OPEN", []]);
  });

  it("adopted for its settings: exact masks; refresh and import read it; destroy locks it and warns about the conference", async () => {
    const room = await emu.admin.createRoomOutsideApp(OWNER, { accessType: "OPEN" });
    const { id, outs } = await runtime.space.create(
      await checked("space", { adopt: room.name, config: { accessType: "TRUSTED", moderation: "ON" } }),
    );
    assert.deepEqual(await calls(emu), [
      { method: "GetSpace", code: "OK" },
      { method: "UpdateSpace", updateMask: ["config.access_type", "config.moderation"], code: "OK" },
    ]);
    assert.equal(outs.phoneAccess?.length, 2, "dial-in numbers are outputs");
    await emu.admin.clearRequests();

    const { outs: updated } = await runtime.space.update(id, outs, {
      adopt: room.name,
      config: { accessType: "RESTRICTED", moderation: "ON" },
    });
    assert.equal(updated.config.accessType, "RESTRICTED");
    assert.deepEqual(await calls(emu), [
      { method: "UpdateSpace", updateMask: ["config.access_type"], code: "OK" },
    ]);

    // pulumi import: nothing recorded yet; read with the settings scope, which reads any room.
    const imported = await runtime.space.read(`spaces/${room.meetingCode}`, {} as any);
    assert.equal(imported.id, room.name);
    assert.equal((imported.inputs?.config as any)?.accessType, "RESTRICTED");

    await emu.admin.startConference(room.name);
    await emu.admin.clearRequests();
    const warnings = await printed(() => runtime.space.delete(id, updated));
    assert.deepEqual(await calls(emu), [
      { method: "UpdateSpace", updateMask: ["config.access_type"], code: "OK" },
      { method: "EndActiveConference", code: "PERMISSION_DENIED" },
    ]);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0],
      new RegExp(`^warning: MeetSpace ${room.name}: retired as far as Google allows`),
    );
    assert.match(warnings[0], /Not done: ending its running conference \(conferenceRecords\/\w+\)/);
    const [stored] = await emu.admin.spaces();
    assert.equal(stored.config?.accessType, "RESTRICTED");
  });

  it("adding members later to an adopted room is refused before the settings patch", async () => {
    const room = await emu.admin.createRoomOutsideApp(OWNER);
    const { id, outs } = await runtime.space.create(await checked("space", { adopt: room.name }));
    await emu.admin.clearRequests();
    await assert.rejects(
      runtime.space.update(id, outs, {
        adopt: room.name,
        config: { accessType: "OPEN" },
        members: [{ email: "ada@example.com" }],
      }),
      RULE,
    );
    assert.deepEqual(await calls(emu), [{ method: "ListMembers", code: "PERMISSION_DENIED" }]);
  });

  it("MeetSpaceMember on such a room: a clear error, nothing written", async () => {
    const room = await emu.admin.createRoomOutsideApp(OWNER);
    await assert.rejects(
      runtime.member.create(await checked("member", { space: room.name, email: "ada@example.com" })),
      (err: Error) => {
        assert.match(
          err.message,
          new RegExp(
            `^Could not add ada@example.com to ${room.name}: CreateMember answered PERMISSION_DENIED`,
          ),
        );
        assert.match(err.message, RULE);
        assert.match(err.message, /Nothing was changed\. Manage this member in Google Meet or Calendar/);
        return true;
      },
    );
    assert.deepEqual((await emu.admin.spaces())[0].members, []);
  });
});

describe("MeetSpace on a room made in Meet, with credentials that can also read (every scope)", () => {
  const emu = useEmulator();
  before(() => configureRuntime(emu));

  it("adopt with members: every member write is refused alike, none lands, and the error tells the rule", async () => {
    const room = await emu.admin.createRoomOutsideApp("emulator-user@example.com");
    await assert.rejects(
      runtime.space.create(
        await checked("space", {
          adopt: room.name,
          members: [{ email: "a@example.com" }, { email: "b@example.com" }],
        }),
      ),
      (err: Error) => {
        assert.match(err.message, RULE);
        assert.match(err.message, /CreateMember answered PERMISSION_DENIED/);
        return true;
      },
    );
    assert.deepEqual((await emu.admin.spaces())[0].members, []);
  });

  it("pulumi import of an id of neither form fails naming the forms, with no call", async () => {
    await assert.rejects(
      runtime.space.read("room-42", {} as any),
      /^Error: Cannot import "room-42" as a MeetSpace: the id must be a space name "spaces\/\{id\}".*a meeting code of the form \[a-z\]\+-\[a-z\]\+-\[a-z\]\+ in any case and at most 128 characters/,
    );
    assert.deepEqual(await emu.admin.requests(), []);
  });

  it("destroy removes what Google allows and warns about the members it could not remove", async () => {
    const room = await emu.admin.createRoomOutsideApp("emulator-user@example.com");
    emu.emulator.store.createMember("emulator-user@example.com", room.name, { email: "ann@example.com" });
    await emu.admin.clearRequests();
    const props = {
      name: room.name,
      meetingUri: room.meetingUri,
      meetingCode: room.meetingCode,
      config: {},
      managedSettings: [],
      adopt: room.name,
      members: [{ name: `${room.name}/members/x`, email: "ann@example.com" }],
    };
    const warnings = await printed(() => runtime.space.delete(room.name, props as any));
    assertCallsInOrder(
      (await calls(emu)).map((c) => `${c.method} ${c.code}`),
      [together("UpdateSpace OK", "ListMembers OK"), "DeleteMember PERMISSION_DENIED"],
    );
    assert.match(warnings[0], /Not done: removing its members ann@example\.com\. Do it in Google Meet/);
  });

  it("MeetSpaceMember destroy on a room the owner has but the app did not create: forgotten with a warning", async () => {
    const room = await emu.admin.createRoomOutsideApp("emulator-user@example.com");
    const [, member] = emu.emulator.store.createMember("emulator-user@example.com", room.name, {
      email: "ann@example.com",
    });
    const name = `${room.name}/members/${member.id}`;
    const warnings = await printed(() =>
      runtime.member.delete(name, { name, space: room.name, email: "ann@example.com" }),
    );
    assert.match(warnings[0], /^warning: MeetSpaceMember ann@example\.com: forgotten, not removed/);
    assert.equal((await emu.admin.spaces())[0].members.length, 1, "Google kept the member");
  });
});
