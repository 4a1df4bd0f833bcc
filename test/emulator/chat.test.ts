/**
 * The emulator's Chat API through the official @google-apps/chat client, over gRPC and REST.
 * Each rule cites the sentence of the client's protos (google/chat/v1) it follows.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, startEmulator } from "../../emulator";
import {
  type ChatClientFor,
  chatGrpcClients,
  chatRestClients,
  messageOf,
  statusOf,
} from "../support/chatClients";
import { useEmulator } from "../support/emulator";
import { rejection, rest } from "../support/meetClients";

const ALICE = "alice@example.com";
const BOB = "bob@example.com";
const CAROL = "carol@example.com";
const DAN = "dan@example.com";

const human = (email: string) => ({ member: { name: `users/${email}`, type: "HUMAN" } });

for (const transport of ["grpc", "rest"] as const) {
  describe(`emulator: Chat API over ${transport} (official @google-apps/chat 0.22 client)`, () => {
    const emu = useEmulator();
    let as: ChatClientFor;
    let close: () => void;
    before(() => {
      ({ clientFor: as, close } =
        transport === "grpc" ? chatGrpcClients(emu.grpcAddress) : chatRestClients(emu.httpUrl));
    });
    after(() => close());

    async function setUp(extra: Record<string, unknown> = {}, caller = ALICE, options: object = {}) {
      const [space] = await as(caller).setUpSpace(
        {
          space: { spaceType: "SPACE", displayName: "Team room" },
          memberships: [human(BOB), human(CAROL)],
          ...extra,
        },
        options,
      );
      return space;
    }

    async function failure(promise: Promise<unknown>): Promise<[string, string]> {
      const err = await rejection(promise);
      return [statusOf(err), messageOf(err)];
    }

    describe("SetUpSpace", () => {
      it("creates a SPACE with its members; the caller is added as ROLE_MANAGER, the others as ROLE_MEMBER", async () => {
        const space = await setUp({
          space: { spaceType: "SPACE", displayName: "Team room", spaceDetails: { description: "d" } },
        });
        assert.match(space.name, /^spaces\/[A-Za-z0-9]{11}$/);
        assert.equal(space.spaceType, "SPACE");
        assert.equal(space.displayName, "Team room");
        assert.equal(space.spaceDetails.description, "d");
        assert.equal(space.spaceUri, `https://chat.google.com/room/${space.name.slice(7)}?cls=7`);
        const [memberships] = await as(ALICE).listMemberships({ parent: space.name });
        const roles = memberships.map((m: any) => m.role);
        assert.deepEqual(roles, ["ROLE_MANAGER", "ROLE_MEMBER", "ROLE_MEMBER"]);
        // "Only the canonical resource name (for example users/123456789) will be returned from the API."
        for (const m of memberships) assert.match(m.member.name, /^users\/\d{21}$/);
        const journal = await emu.admin.requests();
        assert.deepEqual(journal[0], {
          method: "chat.SetUpSpace",
          name: space.name,
          caller: ALICE,
          code: "OK",
          transport,
          version: "v1",
        });
      });

      it("with an existing requestId returns the space created with it instead of a new one", async () => {
        // "Specifying an existing request ID returns the space created with that ID instead of creating a new space."
        const first = await setUp({ requestId: "4a1c4a9e-0000-4000-8000-000000000001" });
        const again = await setUp({ requestId: "4a1c4a9e-0000-4000-8000-000000000001" });
        assert.equal(again.name, first.name);
        assert.equal((await emu.admin.chatSpaces()).length, 1);
      });

      it("refuses an existing requestId from another user", async () => {
        // "Specifying an existing request ID from the same Chat app with a different authenticated user returns an error."
        await setUp({ requestId: "r-1" });
        const [status, message] = await failure(
          setUp({ requestId: "r-1", memberships: [human(ALICE)] }, DAN),
        );
        assert.equal(status, "INVALID_ARGUMENT");
        assert.match(message, /request_id "r-1" was already used by another user/);
      });

      it("needs displayName for a SPACE, and ALREADY_EXISTS when another space has it", async () => {
        // "To create a space, set Space.spaceType to SPACE and set Space.displayName. If you receive the
        // error message ALREADY_EXISTS when setting up a space, try a different displayName."
        assert.equal((await failure(setUp({ space: { spaceType: "SPACE" } })))[0], "INVALID_ARGUMENT");
        await setUp();
        const [status, message] = await failure(
          setUp({ space: { spaceType: "SPACE", displayName: "team ROOM" } }, DAN),
        );
        assert.equal(status, "ALREADY_EXISTS");
        assert.equal(
          message,
          'A space named "team ROOM" already exists in the organization; try a different displayName',
        );
      });

      it("needs spaceType", async () => {
        // "Required. The Space.spaceType field is required."
        const [status, message] = await failure(setUp({ space: { displayName: "x" } }));
        assert.equal(status, "INVALID_ARGUMENT");
        assert.match(message, /space\.space_type is required: SPACE or GROUP_CHAT/);
      });

      it("GROUP_CHAT: no displayName, at least two memberships, and the caller is ROLE_MEMBER", async () => {
        // "To create a group chat, set Space.spaceType to GROUP_CHAT. Don't set Space.displayName."
        // "Required when setting Space.spaceType to GROUP_CHAT, along with at least two memberships."
        const [named] = await failure(setUp({ space: { spaceType: "GROUP_CHAT", displayName: "x" } }));
        assert.equal(named, "INVALID_ARGUMENT");
        const [few, message] = await failure(
          setUp({ space: { spaceType: "GROUP_CHAT" }, memberships: [human(BOB)] }),
        );
        assert.equal(few, "INVALID_ARGUMENT");
        assert.match(message, /at least two memberships/);
        const space = await setUp({ space: { spaceType: "GROUP_CHAT" } });
        assert.equal(space.spaceType, "GROUP_CHAT");
        const [memberships] = await as(ALICE).listMemberships({ parent: space.name });
        // "In direct messages and unnamed group conversations, everyone has this role." (ROLE_MEMBER)
        assert.deepEqual(
          memberships.map((m: any) => m.role),
          ["ROLE_MEMBER", "ROLE_MEMBER", "ROLE_MEMBER"],
        );
      });

      it("allows up to 49 memberships besides the caller", async () => {
        // "The set currently allows up to 49 memberships (in addition to the caller)."
        const people = (n: number) => Array.from({ length: n }, (_, i) => human(`p${i}@example.com`));
        const [status, message] = await failure(setUp({ memberships: people(50) }));
        assert.equal(status, "INVALID_ARGUMENT");
        assert.match(message, /up to 49 memberships .* got 50/);
        const space = await setUp({ memberships: people(49) });
        assert.equal(space.membershipCount.joinedDirectHumanUserCount, 50);
      });

      it("refuses the caller among the memberships", async () => {
        // "Omit the calling user, as they are added automatically."
        const [status, message] = await failure(setUp({ memberships: [human(BOB), human(ALICE)] }));
        assert.equal(status, "INVALID_ARGUMENT");
        assert.match(message, /memberships\[1\] is the calling user/);
      });
    });

    describe("UpdateSpace masks", () => {
      it("needs an update mask", async () => {
        const space = await setUp();
        const [status] = await failure(
          as(ALICE).updateSpace({ space: { name: space.name, displayName: "x" } }),
        );
        assert.equal(status, "INVALID_ARGUMENT");
      });

      it("display_name and space_details go together in one call; space_details replaces both fields", async () => {
        const space = await setUp({
          space: {
            spaceType: "SPACE",
            displayName: "Team room",
            spaceDetails: { description: "d", guidelines: "g" },
          },
        });
        const [updated] = await as(ALICE).updateSpace({
          space: { name: space.name, displayName: "Renamed", spaceDetails: { description: "new" } },
          updateMask: { paths: ["display_name", "space_details"] },
        });
        assert.equal(updated.displayName, "Renamed");
        // "You must pass both description and guidelines ... pass the existing value for the other field."
        assert.equal(updated.spaceDetails.description, "new");
        assert.ok(!updated.spaceDetails.guidelines);
        const journal = await emu.admin.requests();
        assert.deepEqual(journal.at(-1)!.updateMask, ["display_name", "space_details"]);
      });

      for (const [alone, value] of [
        ["space_history_state", { spaceHistoryState: "HISTORY_OFF" }],
        ["access_settings.audience", { accessSettings: { audience: "audiences/default" } }],
      ] as const) {
        it(`${alone} must be alone in the mask`, async () => {
          // "To update the space history state, you must omit all other field masks in your request." /
          // "To update access settings ... omit all other field masks in your request."
          const space = await setUp();
          const [status, message] = await failure(
            as(ALICE).updateSpace({
              space: { name: space.name, displayName: "x", ...value },
              updateMask: { paths: [alone, "display_name"] },
            }),
          );
          assert.equal(status, "INVALID_ARGUMENT");
          assert.equal(message, `${alone} must be the only path in update_mask`);
          const [ok] = await as(ALICE).updateSpace({
            space: { name: space.name, ...value },
            updateMask: { paths: [alone] },
          });
          if (alone === "space_history_state") assert.equal(ok.spaceHistoryState, "HISTORY_OFF");
          else
            assert.deepEqual(ok.accessSettings, {
              accessState: "DISCOVERABLE",
              audience: "audiences/default",
            });
        });
      }

      it("permission_settings paths go together, only with each other, in either spelling", async () => {
        // "When updating permission settings, you can only specify permissionSettings field masks"
        const space = await setUp();
        const permissionSettings = {
          manageMembersAndGroups: { managersAllowed: true, membersAllowed: true },
          useAtMentionAll: { managersAllowed: true },
        };
        const [mixed] = await failure(
          as(ALICE).updateSpace({
            space: { name: space.name, displayName: "x", permissionSettings },
            updateMask: { paths: ["permission_settings.manageMembersAndGroups", "display_name"] },
          }),
        );
        assert.equal(mixed, "INVALID_ARGUMENT");
        const [updated] = await as(ALICE).updateSpace({
          space: { name: space.name, permissionSettings },
          updateMask: {
            paths: ["permission_settings.manageMembersAndGroups", "permission_settings.use_at_mention_all"],
          },
        });
        assert.equal(updated.permissionSettings.manageMembersAndGroups.membersAllowed, true);
        assert.equal(updated.permissionSettings.useAtMentionAll.managersAllowed, true);
        assert.ok(!updated.permissionSettings.useAtMentionAll.assistantManagersAllowed);
        const journal = await emu.admin.requests();
        assert.deepEqual(journal.at(-1)!.updateMask, [
          "permission_settings.manage_members_and_groups",
          "permission_settings.use_at_mention_all",
        ]);
      });

      it("space_type changes only a GROUP_CHAT to SPACE, together with display_name", async () => {
        // "Only supports changing a GROUP_CHAT space type to SPACE. Include display_name together with space_type"
        const group = await setUp({ space: { spaceType: "GROUP_CHAT" } });
        const [alone] = await failure(
          as(ALICE).updateSpace({
            space: { name: group.name, spaceType: "SPACE", displayName: "Now named" },
            updateMask: { paths: ["space_type"] },
          }),
        );
        assert.equal(alone, "INVALID_ARGUMENT");
        // "display_name: Only supports updating the display name for spaces where spaceType field is SPACE."
        const [onGroup] = await failure(
          as(ALICE).updateSpace({
            space: { name: group.name, displayName: "Now named" },
            updateMask: { paths: ["display_name"] },
          }),
        );
        assert.equal(onGroup, "INVALID_ARGUMENT");
        const [converted] = await as(ALICE).updateSpace({
          space: { name: group.name, spaceType: "SPACE", displayName: "Now named" },
          updateMask: { paths: ["space_type", "display_name"] },
        });
        assert.equal(converted.spaceType, "SPACE");
        assert.equal(converted.displayName, "Now named");
      });

      it("refuses unknown paths and lists the allowed ones", async () => {
        const space = await setUp();
        const [status, message] = await failure(
          as(ALICE).updateSpace({
            space: { name: space.name },
            updateMask: { paths: ["external_user_allowed"] },
          }),
        );
        assert.equal(status, "INVALID_ARGUMENT");
        assert.match(
          message,
          /Invalid update_mask path\(s\) "external_user_allowed"; allowed: display_name, space_type, space_details/,
        );
      });

      it("a member without the modifySpaceDetails permission cannot rename; ALREADY_EXISTS on a taken name", async () => {
        const space = await setUp();
        const [denied] = await failure(
          as(BOB).updateSpace({
            space: { name: space.name, displayName: "x" },
            updateMask: { paths: ["display_name"] },
          }),
        );
        assert.equal(denied, "PERMISSION_DENIED");
        await setUp({ space: { spaceType: "SPACE", displayName: "Other" }, memberships: [] });
        const [taken] = await failure(
          as(ALICE).updateSpace({
            space: { name: space.name, displayName: "Other" },
            updateMask: { paths: ["display_name"] },
          }),
        );
        assert.equal(taken, "ALREADY_EXISTS");
      });
    });

    describe("GetSpace and DeleteSpace", () => {
      it("members read the space; people outside it are refused", async () => {
        const space = await setUp();
        const [got] = await as(BOB).getSpace({ name: space.name });
        assert.equal(got.displayName, "Team room");
        assert.equal((await failure(as(DAN).getSpace({ name: space.name })))[0], "PERMISSION_DENIED");
        assert.equal((await failure(as(ALICE).getSpace({ name: "spaces/nothere" })))[0], "NOT_FOUND");
      });

      it("a manager deletes the space with its memberships; a member cannot", async () => {
        const space = await setUp();
        assert.equal((await failure(as(BOB).deleteSpace({ name: space.name })))[0], "PERMISSION_DENIED");
        await as(ALICE).deleteSpace({ name: space.name });
        assert.deepEqual(await emu.admin.chatSpaces(), []);
        assert.equal((await failure(as(ALICE).getSpace({ name: space.name })))[0], "NOT_FOUND");
      });
    });

    describe("memberships", () => {
      it("create, get by email alias, patch the role (mask role), delete", async () => {
        const space = await setUp();
        const [created] = await as(ALICE).createMembership({ parent: space.name, membership: human(DAN) });
        assert.equal(created.role, "ROLE_MEMBER");
        assert.match(created.name, new RegExp(`^${space.name}/members/\\d{21}$`));
        assert.equal(created.member.name, `users/${created.name.split("/").pop()}`);
        // "You can use the user's email as an alias for {member}."
        const [got] = await as(ALICE).getMembership({ name: `${space.name}/members/${DAN}` });
        assert.equal(got.name, created.name);
        const [dup] = await failure(
          as(ALICE).createMembership({ parent: space.name, membership: human(DAN) }),
        );
        assert.equal(dup, "ALREADY_EXISTS");
        // "Currently supported field paths: - role"
        const [badMask, badMessage] = await failure(
          as(ALICE).updateMembership({
            membership: { name: created.name, role: "ROLE_MANAGER" },
            updateMask: { paths: ["state"] },
          }),
        );
        assert.equal(badMask, "INVALID_ARGUMENT");
        assert.match(badMessage, /the supported path is role/);
        const [promoted] = await as(ALICE).updateMembership({
          membership: { name: created.name, role: "ROLE_MANAGER" },
          updateMask: { paths: ["role"] },
        });
        assert.equal(promoted.role, "ROLE_MANAGER");
        await as(ALICE).deleteMembership({ name: created.name });
        assert.equal((await failure(as(ALICE).getMembership({ name: created.name })))[0], "NOT_FOUND");
        const methods = (await emu.admin.requests()).map(
          (e) => `${e.method} ${e.code}${e.updateMask ? ` ${e.updateMask}` : ""}`,
        );
        assert.deepEqual(methods.slice(1), [
          "chat.CreateMembership OK",
          "chat.GetMembership OK",
          "chat.CreateMembership ALREADY_EXISTS",
          "chat.UpdateMembership INVALID_ARGUMENT state",
          "chat.UpdateMembership OK role",
          "chat.DeleteMembership OK",
          "chat.GetMembership NOT_FOUND",
        ]);
      });

      it("lists in pages and filters by role", async () => {
        const space = await setUp({ memberships: [human(BOB), human(CAROL), human(DAN)] });
        const [page1, , response1] = await as(ALICE).listMemberships(
          { parent: space.name, pageSize: 2 },
          { autoPaginate: false },
        );
        assert.equal(page1.length, 2);
        assert.ok(response1.nextPageToken);
        const [page2, , response2] = await as(ALICE).listMemberships(
          { parent: space.name, pageSize: 2, pageToken: response1.nextPageToken },
          { autoPaginate: false },
        );
        assert.equal(page2.length, 2);
        assert.ok(!response2?.nextPageToken);
        // "To filter by role, set role to ROLE_MEMBER or ROLE_MANAGER."
        const [managers] = await as(ALICE).listMemberships({
          parent: space.name,
          filter: 'role = "ROLE_MANAGER"',
        });
        assert.equal(managers.length, 1);
        const [either] = await as(ALICE).listMemberships({
          parent: space.name,
          filter: 'role = "ROLE_MANAGER" OR role = "ROLE_MEMBER"',
        });
        assert.equal(either.length, 4);
        // 'The following queries are invalid: role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"'
        const [bad] = await failure(
          as(ALICE).listMemberships({
            parent: space.name,
            filter: 'role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"',
          }),
        );
        assert.equal(bad, "INVALID_ARGUMENT");
        // "Negative values return an INVALID_ARGUMENT error."
        assert.equal(
          (await failure(as(ALICE).listMemberships({ parent: space.name, pageSize: -1 })))[0],
          "INVALID_ARGUMENT",
        );
      });

      it("a space must keep a manager: the last one can be neither demoted nor removed", async () => {
        const space = await setUp();
        const caller = `${space.name}/members/${ALICE}`;
        const [demote, message] = await failure(
          as(ALICE).updateMembership({
            membership: { name: caller, role: "ROLE_MEMBER" },
            updateMask: { paths: ["role"] },
          }),
        );
        assert.equal(demote, "FAILED_PRECONDITION");
        assert.match(message, /must keep a space manager; make another member ROLE_MANAGER first/);
        assert.equal((await failure(as(ALICE).deleteMembership({ name: caller })))[0], "FAILED_PRECONDITION");
        await as(ALICE).updateMembership({
          membership: { name: `${space.name}/members/${BOB}`, role: "ROLE_MANAGER" },
          updateMask: { paths: ["role"] },
        });
        const [demoted] = await as(ALICE).updateMembership({
          membership: { name: caller, role: "ROLE_MEMBER" },
          updateMask: { paths: ["role"] },
        });
        assert.equal(demoted.role, "ROLE_MEMBER");
      });

      it("ROLE_MANAGER exists only in a SPACE", async () => {
        // ROLE_MANAGER: "Only supported in SpaceType.SPACE (named spaces)."
        const group = await setUp({ space: { spaceType: "GROUP_CHAT" } });
        const [status] = await failure(
          as(ALICE).updateMembership({
            membership: { name: `${group.name}/members/${BOB}`, role: "ROLE_MANAGER" },
            updateMask: { paths: ["role"] },
          }),
        );
        assert.equal(status, "INVALID_ARGUMENT");
      });

      it("members without manageMembersAndGroups cannot add people", async () => {
        const space = await setUp();
        assert.equal(
          (await failure(as(BOB).createMembership({ parent: space.name, membership: human(DAN) })))[0],
          "PERMISSION_DENIED",
        );
      });
    });

    describe("the shared pipeline: faults and quotas", () => {
      it("an afterApply fault applies SetUpSpace and loses the answer; the same requestId then returns that space", async () => {
        await emu.admin.addFault({
          method: "chat.SetUpSpace",
          code: "UNAVAILABLE",
          afterApply: true,
          times: 1,
        });
        // gax's own retry (its config retries SetUpSpace on UNAVAILABLE) is off to see the lost answer.
        assert.equal(
          (await failure(setUp({ requestId: "lost-1" }, ALICE, { retry: null })))[0],
          "UNAVAILABLE",
        );
        const [stored] = await emu.admin.chatSpaces();
        const space = await setUp({ requestId: "lost-1" });
        assert.equal(space.name, stored.name);
        assert.equal((await emu.admin.chatSpaces()).length, 1);
      });
    });
  });
}

describe("emulator: Chat REST errors and wire details", () => {
  const emu = useEmulator({ quota: { enabled: true, limits: { chatSpaceWrites: 1 } } });

  it("answers Google's JSON error body", async () => {
    const answer = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", {
      token: ALICE,
      body: { space: { spaceType: "SPACE" } },
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, {
      error: {
        code: 400,
        message: "space.display_name is required when space_type is SPACE",
        status: "INVALID_ARGUMENT",
      },
    });
  });

  it("reads enums as numbers and answers numbers for enum-encoding=int", async () => {
    const answer = await rest(emu.httpUrl, "POST", "/v1/spaces:setup?$alt=json;enum-encoding=int", {
      token: ALICE,
      body: { space: { spaceType: 1, displayName: "Numbers", spaceHistoryState: 1 } },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.spaceType, 1);
    assert.equal(answer.body.spaceHistoryState, 1);
    assert.match(answer.body.createTime, /^\d{4}-\d\d-\d\dT/);
  });

  it("counts Chat space writes in their own quota bucket", async () => {
    const body = (n: string) => ({ space: { spaceType: "SPACE", displayName: n } });
    assert.equal(
      (await rest(emu.httpUrl, "POST", "/v1/spaces:setup", { token: ALICE, body: body("a") })).status,
      200,
    );
    const refused = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", { token: ALICE, body: body("b") });
    assert.equal(refused.status, 429);
    assert.match(
      refused.body.error.message,
      /^Quota exceeded for quota metric 'chatSpaceWrites' .* of service 'chat\.googleapis\.com' for user alice@example\.com\.$/,
    );
  });
});

describe("emulator: Chat REST goes through the same front end as Meet's", () => {
  const emu = useEmulator();
  const setUp = (displayName: string) =>
    rest(emu.httpUrl, "POST", "/v1/spaces:setup", {
      token: ALICE,
      body: { space: { spaceType: "SPACE", displayName }, memberships: [human(BOB)] },
    });

  // Protocol Buffers' JSON mapping: "Proto3 JSON parser should reject unknown fields by default but
  // may provide an option to ignore unknown fields in parsing." Google's REST front end does not
  // ignore them: "Invalid JSON payload received. Unknown name ...".
  it("refuses unknown body fields, naming each, before anything is set up; the refusal is journalled", async () => {
    const typo = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", {
      token: ALICE,
      body: { space: { spaceType: "SPACE", displayName: "Typo", colour: "red" }, requestID: "r-1" },
    });
    assert.equal(typo.status, 400);
    assert.equal(
      typo.body.error.message,
      [
        `Invalid JSON payload received. Unknown name "colour" at 'space': Cannot find field.`,
        `Invalid JSON payload received. Unknown name "requestID": Cannot find field.`,
      ].join("\n"),
    );
    assert.deepEqual(typo.body.error.details, [
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [
          {
            field: "space",
            description: `Invalid JSON payload received. Unknown name "colour" at 'space': Cannot find field.`,
          },
          { description: `Invalid JSON payload received. Unknown name "requestID": Cannot find field.` },
        ],
      },
    ]);
    assert.deepEqual(await emu.admin.chatSpaces(), [], "nothing was set up");
    const [entry] = await emu.admin.requests();
    assert.deepEqual(
      [entry.method, entry.code, entry.transport],
      ["chat.SetUpSpace", "INVALID_ARGUMENT", "rest"],
    );

    const space = (await setUp("Known fields")).body;
    const role = await rest(emu.httpUrl, "PATCH", `/v1/${space.name}/members/${BOB}?updateMask=role`, {
      token: ALICE,
      body: { role: "ROLE_MANAGER", rank: 1 },
    });
    assert.equal(role.status, 400);
    assert.equal(
      role.body.error.message,
      `Invalid JSON payload received. Unknown name "rank" at 'membership': Cannot find field.`,
    );
    const bob = await rest(emu.httpUrl, "GET", `/v1/${space.name}/members/${BOB}`, { token: ALICE });
    assert.equal(bob.body.role, "ROLE_MEMBER", "the refused update changed nothing");
    // Every field of the protos' messages is known, output-only ones included (the proto reads them).
    const known = await rest(emu.httpUrl, "PATCH", `/v1/${space.name}?updateMask=display_name`, {
      token: ALICE,
      body: { displayName: "Renamed", spaceUri: "ignored", membershipCount: { joinedGroupCount: 9 } },
    });
    assert.equal(known.status, 200);
    assert.equal(known.body.displayName, "Renamed");
  });

  // "Google services can filter the fields in a response using the X-Goog-FieldMask header" (the
  // `fields` system parameter), for every method of every API.
  it("honours the fields parameter on spaces and memberships; a malformed selection is 400", async () => {
    const created = await rest(emu.httpUrl, "POST", "/v1/spaces:setup?fields=name,spaceType", {
      token: ALICE,
      body: { space: { spaceType: "SPACE", displayName: "Fields" }, memberships: [human(BOB)] },
    });
    assert.equal(created.status, 200);
    assert.deepEqual(Object.keys(created.body), ["name", "spaceType"]);
    assert.equal(created.body.spaceType, "SPACE");
    const got = await rest(emu.httpUrl, "GET", `/v1/${created.body.name}?fields=accessSettings/accessState`, {
      token: ALICE,
    });
    assert.deepEqual(got.body, { accessSettings: { accessState: "PRIVATE" } });
    const list = await rest(
      emu.httpUrl,
      "GET",
      `/v1/${created.body.name}/members?fields=memberships(role,member/type)`,
      { token: ALICE },
    );
    assert.deepEqual(list.body, {
      memberships: [
        { role: "ROLE_MANAGER", member: { type: "HUMAN" } },
        { role: "ROLE_MEMBER", member: { type: "HUMAN" } },
      ],
    });
    const bad = await rest(emu.httpUrl, "GET", `/v1/${created.body.name}?fields=accessSettings(`, {
      token: ALICE,
    });
    assert.equal(bad.status, 400);
    assert.match(
      bad.body.error.message,
      /^Invalid field selection "accessSettings\(" in the fields parameter$/,
    );
  });
});

describe("emulator: Chat scopes from a token file", () => {
  const emu = useEmulator({
    tokens: {
      tokens: {
        "tok-spaces": { user: ALICE, scopes: ["https://www.googleapis.com/auth/chat.spaces.create"] },
      },
    },
  });

  it("SetUpSpace works with chat.spaces.create; DeleteSpace needs chat.delete", async () => {
    // chat_service.proto: SetUpSpace accepts chat.spaces or chat.spaces.create; DeleteSpace needs chat.delete.
    const setup = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", {
      token: "tok-spaces",
      body: { space: { spaceType: "SPACE", displayName: "S" } },
    });
    assert.equal(setup.status, 200);
    const deleted = await rest(emu.httpUrl, "DELETE", `/v1/${setup.body.name}`, { token: "tok-spaces" });
    assert.equal(deleted.status, 403);
    assert.equal(deleted.body.error.details[0].reason, "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    assert.match(
      deleted.body.error.message,
      /chat\.DeleteSpace needs one of https:\/\/www\.googleapis\.com\/auth\/chat\.delete$/,
    );
  });
});

describe("emulator: Chat spaces in the state file", () => {
  it("survive a restart, with their request ids", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-state-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const body = {
        space: { spaceType: "SPACE", displayName: "Kept" },
        requestId: "keep-1",
        memberships: [human(BOB)],
      };
      let emu = await startEmulator({ stateFile });
      const first = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", { token: ALICE, body });
      await emu.stop();
      emu = await startEmulator({ stateFile });
      try {
        const again = await rest(emu.httpUrl, "POST", "/v1/spaces:setup", { token: ALICE, body });
        assert.equal(again.body.name, first.body.name);
        const members = await rest(emu.httpUrl, "GET", `/v1/${first.body.name}/members/${BOB}`, {
          token: ALICE,
        });
        assert.equal(members.status, 200);
        assert.equal((await new EmulatorAdminClient(emu.httpUrl).chatSpaces()).length, 1);
      } finally {
        await emu.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
