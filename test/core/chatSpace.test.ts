import * as assert from "node:assert/strict";
import { planChatMembers, sameChatMembers } from "../../provider/core/chatMembers";
import { type ChatSpaceInputs, type ChatSpaceSettings, chatRequestId } from "../../provider/core/chatSpace";
import { validateChatSpaceInputs } from "../../provider/core/chatSpaceValidation";
import {
  chatReplaceReasons,
  managedChatKeys,
  pickChatSettings,
  planChatSpaceUpdates,
} from "../../provider/core/chatSettings";
import { ApiError } from "../../provider/api/error";
import { explainChatFailure } from "../../provider/chat/errors";
import { Code } from "../../google/statusCodes";
import { UNKNOWN } from "../../provider/core/validation";

const ME = "me@example.com";
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `p${i}@example.com` }));

describe("core: ChatSpace validation", () => {
  const cases: [string, Record<string, unknown>, [string, string][]][] = [
    [
      "a named space with members",
      { displayName: "Team", members: [{ email: "a@example.com", role: "ROLE_MANAGER" }] },
      [],
    ],
    ["a group chat of two", { spaceType: "GROUP_CHAT", members: people(2) }, []],
    ["preview: unknown values pass", { displayName: UNKNOWN, members: UNKNOWN }, []],
    [
      "a SPACE without displayName",
      {},
      [
        [
          "displayName",
          "is required when spaceType is SPACE (the space's name, up to 128 characters, unique in the organization)",
        ],
      ],
    ],
    [
      "displayName on a GROUP_CHAT, and too few people",
      { spaceType: "GROUP_CHAT", displayName: "x", members: people(1) },
      [
        [
          "displayName",
          "must be left out when spaceType is GROUP_CHAT (a group chat has no name); use spaceType SPACE for a named space",
        ],
        ["members", "a GROUP_CHAT needs at least two people besides you, got 1"],
      ],
    ],
    [
      "a GROUP_CHAT with more people than one setup call allows, one of them a manager",
      { spaceType: "GROUP_CHAT", members: [...people(49), { email: "x@example.com", role: "ROLE_MANAGER" }] },
      [
        [
          "members[49].role",
          'must be "ROLE_MEMBER" in a GROUP_CHAT: "ROLE_MANAGER" (Owner in Chat) exists only in spaces of type SPACE',
        ],
        [
          "members",
          "a GROUP_CHAT is set up with all its people in one call, which allows up to 49 besides you; got 50. Use spaceType SPACE for more",
        ],
      ],
    ],
    [
      "every failure at once: enums, bad email, duplicate, lengths, unknown keys",
      {
        spaceType: "ROOM",
        displayName: "x".repeat(129),
        spaceDetails: { description: "d".repeat(151), rules: "r" },
        spaceHistoryState: "ON",
        externalUserAllowed: "yes",
        accessSettings: { audience: "everyone" },
        permissionSettings: { manageApps: { membersAllowed: 1 }, postMessages: {} },
        members: [
          { email: "not-an-email" },
          { email: "A@example.com" },
          { email: "a@EXAMPLE.com", role: "OWNER" },
        ],
        deletionPolicy: "RETIRE",
        colour: "red",
      },
      [
        [
          "colour",
          'unknown property "colour"; allowed: spaceType, displayName, spaceDetails, spaceHistoryState, externalUserAllowed, accessSettings, permissionSettings, predefinedPermissionSettings, members, deletionPolicy, owner, setupKey',
        ],
        ["spaceType", 'must be "SPACE" or "GROUP_CHAT", got string "ROOM"'],
        ["displayName", "supports up to 128 characters, got 129"],
        ["spaceDetails.rules", 'unknown property "rules"; allowed: description, guidelines'],
        ["spaceDetails.description", "supports up to 150 characters, got 151"],
        ["spaceHistoryState", 'must be "HISTORY_ON" or "HISTORY_OFF", got string "ON"'],
        ["externalUserAllowed", 'must be true or false, got string "yes"'],
        [
          "accessSettings.audience",
          'must be "audiences/{audience}" (e.g. "audiences/default"), or "" for no target audience, got string "everyone"',
        ],
        [
          "permissionSettings.postMessages",
          'unknown property "postMessages"; allowed: manageMembersAndGroups, modifySpaceDetails, toggleHistory, useAtMentionAll, manageApps, manageWebhooks, replyMessages',
        ],
        ["permissionSettings.manageApps.membersAllowed", "must be true or false, got number 1"],
        ["deletionPolicy", 'must be "DELETE" or "ABANDON", got string "RETIRE"'],
        ["members[0].email", 'must be an email address like "alex@example.com", got string "not-an-email"'],
        [
          "members[2].role",
          'must be "ROLE_MEMBER" (Member in Chat), "ROLE_MANAGER" (Owner in Chat), "ROLE_ASSISTANT_MANAGER" (Manager in Chat), got string "OWNER"',
        ],
        [
          "members[2].email",
          '"a@EXAMPLE.com" is already listed at members[1] (emails compare case-insensitively)',
        ],
      ],
    ],
    [
      "the caller demoted with no other manager",
      {
        displayName: "Team",
        members: [{ email: "ME@example.com", role: "ROLE_MEMBER" }, { email: "b@example.com" }],
      },
      [
        [
          "members",
          'lists you (me@example.com) as ROLE_MEMBER and nobody as ROLE_MANAGER: a space must keep an owner (ROLE_MANAGER, "Owner" in Chat); make someone ROLE_MANAGER',
        ],
      ],
    ],
    [
      // membership.proto, ROLE_ASSISTANT_MANAGER: "Only supported in SpaceType.SPACE (named spaces)."
      // space_setup.proto: "You can only add Google groups when setting Space.spaceType to SPACE."
      "an assistant manager and a group in a group chat",
      {
        spaceType: "GROUP_CHAT",
        members: [
          ...people(2),
          { email: "m@example.com", role: "ROLE_ASSISTANT_MANAGER" },
          { group: "groups/g1" },
        ],
      },
      [
        ["members[3].group", "Google groups can be members only of spaces of type SPACE"],
        [
          "members[2].role",
          'must be "ROLE_MEMBER" in a GROUP_CHAT: "ROLE_ASSISTANT_MANAGER" (Manager in Chat) exists only in spaces of type SPACE',
        ],
      ],
    ],
    [
      'a group entry that is not { group: "groups/{id}" } alone, and a group twice',
      {
        displayName: "Team",
        members: [
          { group: "eng@example.com" },
          { group: "groups/g1", role: "ROLE_MANAGER" },
          { group: "groups/g1" },
        ],
      },
      [
        [
          "members[0].group",
          'must be "groups/{id}" (the group\'s id in the Cloud Identity Groups API, not its email), got string "eng@example.com"',
        ],
        [
          "members[1].role",
          'must be left out for a Google group: a group is { group: "groups/{id}" } alone (Chat gives every group membership MEMBERSHIP_ROLE_UNSPECIFIED)',
        ],
        ["members[2].group", '"groups/g1" is already listed at members[1]'],
      ],
    ],
    [
      "a SPACE with an assistant manager and a group",
      {
        displayName: "Team",
        members: [{ email: "m@example.com", role: "ROLE_ASSISTANT_MANAGER" }, { group: "groups/g1" }],
      },
      [],
    ],
    [
      "permission settings on a group chat",
      { spaceType: "GROUP_CHAT", members: people(2), permissionSettings: {} },
      [["permissionSettings", "applies only to spaces of type SPACE"]],
    ],
  ];
  for (const [title, inputs, expected] of cases) {
    it(title, () => {
      const failures = validateChatSpaceInputs(inputs, ME).map((f) => [f.property, f.reason]);
      assert.deepEqual(failures, expected);
    });
  }
});

const CURRENT: ChatSpaceSettings = {
  spaceType: "SPACE",
  displayName: "Team",
  spaceDetails: { description: "d", guidelines: "g" },
  spaceHistoryState: "HISTORY_ON",
  externalUserAllowed: false,
  accessSettings: { audience: "" },
  permissionSettings: {
    manageMembersAndGroups: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: false },
    useAtMentionAll: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: false },
  },
};

describe("core: ChatSpace UpdateSpace plan (fewest calls, exact paths)", () => {
  const cases: [string, ChatSpaceInputs, ChatSpaceSettings, { paths: string[]; space: object }[]][] = [
    [
      "nothing changed: no call",
      { displayName: "Team", spaceDetails: { description: "d" }, spaceHistoryState: "HISTORY_ON" },
      CURRENT,
      [],
    ],
    [
      "unmanaged settings are never sent",
      { displayName: "Team" },
      { ...CURRENT, spaceHistoryState: "HISTORY_OFF" },
      [],
    ],
    [
      "one name change: one call, one path",
      { displayName: "New" },
      CURRENT,
      [{ paths: ["display_name"], space: { displayName: "New" } }],
    ],
    [
      "name and description share a call; space_details carries the unmanaged guidelines as they are",
      { displayName: "New", spaceDetails: { description: "new" } },
      CURRENT,
      [
        {
          paths: ["display_name", "space_details"],
          space: { displayName: "New", spaceDetails: { description: "new", guidelines: "g" } },
        },
      ],
    ],
    [
      "history and audience each alone; permissions together: four calls for four groups",
      {
        displayName: "New",
        spaceHistoryState: "HISTORY_OFF",
        accessSettings: { audience: "audiences/default" },
        permissionSettings: {
          manageMembersAndGroups: { membersAllowed: true },
          useAtMentionAll: { managersAllowed: true },
          manageApps: { membersAllowed: false },
        },
      },
      CURRENT,
      [
        { paths: ["display_name"], space: { displayName: "New" } },
        { paths: ["space_history_state"], space: { spaceHistoryState: "HISTORY_OFF" } },
        { paths: ["access_settings.audience"], space: { accessSettings: { audience: "audiences/default" } } },
        {
          paths: ["permission_settings.manageMembersAndGroups"],
          space: {
            permissionSettings: {
              manageMembersAndGroups: {
                managersAllowed: true,
                assistantManagersAllowed: true,
                membersAllowed: true,
              },
            },
          },
        },
      ],
    ],
    [
      "GROUP_CHAT to SPACE: space_type with display_name",
      { spaceType: "SPACE", displayName: "Named" },
      { ...CURRENT, spaceType: "GROUP_CHAT", displayName: "" },
      [{ paths: ["space_type", "display_name"], space: { spaceType: "SPACE", displayName: "Named" } }],
    ],
    [
      "removing the audience sends the path with an empty value",
      { accessSettings: { audience: "" } },
      { ...CURRENT, accessSettings: { audience: "audiences/default" } },
      [{ paths: ["access_settings.audience"], space: { accessSettings: { audience: "" } } }],
    ],
  ];
  for (const [title, desired, current, expected] of cases) {
    it(title, () => assert.deepEqual(planChatSpaceUpdates(desired, current), expected));
  }

  it("replaces for SPACE to GROUP_CHAT, externalUserAllowed and owner; not for GROUP_CHAT to SPACE", () => {
    assert.deepEqual(chatReplaceReasons({ spaceType: "SPACE" }, { spaceType: "GROUP_CHAT" }), ["spaceType"]);
    assert.deepEqual(chatReplaceReasons({ spaceType: "GROUP_CHAT" }, { spaceType: "SPACE" }), []);
    assert.deepEqual(chatReplaceReasons({}, { externalUserAllowed: true }, CURRENT), ["externalUserAllowed"]);
    assert.deepEqual(chatReplaceReasons({}, { externalUserAllowed: false }, CURRENT), []);
    assert.deepEqual(chatReplaceReasons({ owner: "a@example.com" }, { owner: "b@example.com" }), ["owner"]);
  });
});

describe("core: ChatSpace member plan", () => {
  const m = (email: string, role: string, user = `users/${email.length}`) => ({
    email,
    role,
    name: `spaces/s/members/${email}`,
    user,
  });

  it("promotions, then creates and their promotions, then demotions, then deletions; the caller is not drift", () => {
    const plan = planChatMembers(
      [
        { email: "b@example.com", role: "ROLE_MANAGER" },
        { email: "new@example.com", role: "ROLE_MANAGER" },
        { email: "plain@example.com" },
        { email: "boss@example.com", role: "ROLE_MEMBER" },
      ],
      [
        m("me@example.com", "ROLE_MANAGER", "users/1"),
        m("b@example.com", "ROLE_MEMBER"),
        m("boss@example.com", "ROLE_MANAGER"),
        m("gone@example.com", "ROLE_MANAGER"),
        m("users/999", "ROLE_MEMBER", "users/999"),
      ],
      "users/1",
    );
    assert.deepEqual(plan.phases, [
      [
        {
          kind: "setRole",
          email: "b@example.com",
          name: "spaces/s/members/b@example.com",
          role: "ROLE_MANAGER",
          isNew: false,
        },
      ],
      [
        { kind: "create", email: "new@example.com" },
        { kind: "create", email: "plain@example.com" },
      ],
      [{ kind: "setRole", email: "new@example.com", role: "ROLE_MANAGER", isNew: true }],
      [
        {
          kind: "setRole",
          email: "boss@example.com",
          name: "spaces/s/members/boss@example.com",
          role: "ROLE_MEMBER",
          isNew: false,
        },
      ],
      [
        { kind: "delete", email: "gone@example.com", name: "spaces/s/members/gone@example.com" },
        { kind: "delete", email: "users/999", name: "spaces/s/members/users/999" },
      ],
    ]);
    assert.equal(plan.count, 7);
  });

  it("a group is created and removed like a person and never gets a role; an assistant manager is a role change", () => {
    const group = (id: string) => ({
      email: `groups/${id}`,
      group: `groups/${id}`,
      role: "MEMBERSHIP_ROLE_UNSPECIFIED",
      name: `spaces/s/members/${id}`,
      user: "",
    });
    const plan = planChatMembers(
      [
        { group: "groups/new" },
        { group: "groups/kept" },
        { email: "a@example.com", role: "ROLE_ASSISTANT_MANAGER" },
      ],
      [
        m("me@example.com", "ROLE_MANAGER", "users/1"),
        m("a@example.com", "ROLE_MEMBER"),
        group("kept"),
        group("gone"),
      ],
      "users/1",
    );
    assert.deepEqual(plan.phases, [
      [{ kind: "create", email: "groups/new" }],
      [
        {
          kind: "setRole",
          email: "a@example.com",
          name: "spaces/s/members/a@example.com",
          role: "ROLE_ASSISTANT_MANAGER",
          isNew: false,
        },
      ],
      [{ kind: "delete", email: "groups/gone", name: "spaces/s/members/gone" }],
    ]);
    assert.ok(
      sameChatMembers(
        [{ group: "groups/kept" }, { email: "a@example.com" }],
        [group("kept"), m("a@example.com", "ROLE_MEMBER")],
      ),
    );
    assert.ok(!sameChatMembers([{ group: "groups/kept" }], [group("other")]));
  });

  it("nothing to do: no phase", () => {
    const plan = planChatMembers(
      [{ email: "A@example.com" }],
      [m("a@example.com", "ROLE_MEMBER"), m("me@example.com", "ROLE_MANAGER", "users/1")],
      "users/1",
    );
    assert.deepEqual(plan, { phases: [], count: 0 });
  });
});

describe("core: ChatSpace requestId", () => {
  const base: ChatSpaceInputs = { spaceType: "SPACE", displayName: "Team", setupKey: "proj/dev/team" };
  it("is UUID-shaped and the same for the same resource (a retried create)", () => {
    const id = chatRequestId(base, "me@example.com");
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(chatRequestId({ ...base, members: [{ email: "x@example.com" }] }, "ME@example.com"), id);
  });
  it("differs between resources, acting users, and replacements", () => {
    const id = chatRequestId(base, "me@example.com");
    for (const other of [
      chatRequestId({ ...base, setupKey: "proj/dev/other" }, "me@example.com"),
      chatRequestId(base, "you@example.com"),
      chatRequestId({ ...base, externalUserAllowed: true }, "me@example.com"),
      chatRequestId({ ...base, displayName: "Renamed" }, "me@example.com"),
    ])
      assert.notEqual(other, id);
  });
});

describe("core: ChatSpace managed settings", () => {
  it("records the leaves written and reads them back from the space", () => {
    const inputs: ChatSpaceInputs = {
      displayName: "Team",
      spaceDetails: { guidelines: "g" },
      accessSettings: { audience: "" },
      permissionSettings: { manageApps: { membersAllowed: true } },
    };
    const keys = managedChatKeys(inputs);
    assert.deepEqual(keys, [
      "displayName",
      "spaceDetails.guidelines",
      "accessSettings.audience",
      "permissionSettings.manageApps.membersAllowed",
    ]);
    assert.deepEqual(pickChatSettings(keys, { ...CURRENT, displayName: "Drifted" }), {
      displayName: "Drifted",
      spaceDetails: { guidelines: "g" },
      accessSettings: { audience: "" },
      permissionSettings: { manageApps: { membersAllowed: false } },
    });
  });

  it("explains a taken display name and a lost manager", () => {
    const taken = new ApiError("chat.SetUpSpace", Code.ALREADY_EXISTS, "exists");
    assert.equal(
      explainChatFailure(taken, { action: 'set up the Chat space "Team"', displayName: "Team" }),
      'Could not set up the Chat space "Team": chat.SetUpSpace answered ALREADY_EXISTS: exists. Another Chat space in the organization is already named "Team" (display names are unique). Choose another displayName, or delete or rename the other space.',
    );
    const manager = new ApiError("chat.DeleteMembership", Code.FAILED_PRECONDITION, "keep one");
    assert.match(
      explainChatFailure(manager, { action: "remove x", space: "spaces/s" }),
      /A space must keep an owner: make another member ROLE_MANAGER \("Owner" in Chat\) first\.$/,
    );
  });
});
