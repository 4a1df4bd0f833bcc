/** Bad input is rejected by check, every failure at once, naming the property and what is allowed; no API call. */
import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../provider/core/validation";
import { useEmulator } from "../support/emulator";
import { configureRuntime, runtime } from "../support/runtime";

type Case = [
  title: string,
  inputs: Record<string, unknown>,
  failures: Array<[property: string, reason: RegExp]>,
];

const SPACE_CASES: Case[] = [
  [
    "wrong enum",
    { config: { accessType: "PUBLIC" } },
    [["config.accessType", /must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"/]],
  ],
  [
    "enum in the wrong case",
    { config: { moderation: "on" } },
    [["config.moderation", /must be "OFF" or "ON", got string "on"/]],
  ],
  [
    "wrong type",
    { config: { accessType: 3 } },
    [["config.accessType", /must be "OPEN", "TRUSTED" or "RESTRICTED", got number 3/]],
  ],
  ["config not an object", { config: "OPEN" }, [["config", /must be an object, got string "OPEN"/]]],
  [
    "unknown field in config",
    { config: { firstJoinerType: "HOSTS" } },
    [
      [
        "config.firstJoinerType",
        /unknown property "firstJoinerType"; allowed: accessType, entryPointAccess, moderation/,
      ],
    ],
  ],
  [
    "unknown top-level field",
    { acessType: "OPEN" },
    [["acessType", /unknown property "acessType"; allowed: config, adopt, deletionPolicy, owner, members/]],
  ],
  [
    "moderation restrictions with invalid values",
    {
      config: {
        moderation: "ON",
        moderationRestrictions: { chatRestriction: "HOSTS", defaultJoinAsViewerType: true },
      },
    },
    [
      [
        "config.moderationRestrictions.chatRestriction",
        /must be "HOSTS_ONLY" or "NO_RESTRICTION", got string "HOSTS"/,
      ],
      ["config.moderationRestrictions.defaultJoinAsViewerType", /must be "ON" or "OFF", got boolean true/],
    ],
  ],
  [
    "unknown restriction",
    { config: { moderationRestrictions: { emojiRestriction: "HOSTS_ONLY" } } },
    [
      [
        "config.moderationRestrictions.emojiRestriction",
        /unknown property "emojiRestriction"; allowed: chatRestriction, reactionRestriction, presentRestriction, defaultJoinAsViewerType/,
      ],
    ],
  ],
  [
    "artifact setting invalid",
    { config: { artifactConfig: { recordingConfig: { autoRecordingGeneration: "YES" } } } },
    [
      [
        "config.artifactConfig.recordingConfig.autoRecordingGeneration",
        /must be "ON" or "OFF", got string "YES"/,
      ],
    ],
  ],
  [
    "a restriction that moderation OFF would reset",
    { config: { moderation: "OFF", moderationRestrictions: { presentRestriction: "HOSTS_ONLY" } } },
    [
      [
        "config.moderationRestrictions.presentRestriction",
        /no effect while moderation is "OFF".*set config.moderation to "ON" or remove this setting/,
      ],
    ],
  ],
  [
    "several settings wrong at once: the moderation conflict is listed with the others",
    {
      config: {
        accessType: "PUBLIC",
        moderation: "OFF",
        moderationRestrictions: { chatRestriction: "HOSTS_ONLY", reactionRestriction: "SOME" },
      },
    },
    [
      ["config.accessType", /must be "OPEN", "TRUSTED" or "RESTRICTED", got string "PUBLIC"/],
      [
        "config.moderationRestrictions.reactionRestriction",
        /must be "HOSTS_ONLY" or "NO_RESTRICTION", got string "SOME"/,
      ],
      [
        "config.moderationRestrictions.chatRestriction",
        /"HOSTS_ONLY" has no effect while moderation is "OFF".*set config.moderation to "ON" or remove this setting/,
      ],
    ],
  ],
  [
    "malformed adopt",
    { adopt: "room-42" },
    [
      [
        "adopt",
        /must be a space name "spaces\/{id}" .*a meeting code of the form \[a-z\]\+-\[a-z\]\+-\[a-z\]\+ in any case and at most 128 characters .*got string "room-42"/,
      ],
    ],
  ],
  ["adopt not a string", { adopt: 42 }, [["adopt", /got number 42/]]],
  // Space.meetingCode: "Format: `[a-z]+-[a-z]+-[a-z]+` ... The maximum length is 128 characters."
  [
    "adopt: a code of Google's form longer than 128 characters",
    { adopt: `${"a".repeat(64)}-${"b".repeat(62)}-c` },
    [["adopt", /at most 128 characters .*got string "a{64}-b{62}-c"/]],
  ],
  ["adopt: a code with a digit", { adopt: "abc-mn0p-xyz" }, [["adopt", /got string "abc-mn0p-xyz"/]]],
  [
    "deletionPolicy unknown",
    { deletionPolicy: "DELETE" },
    [["deletionPolicy", /must be "RETIRE" or "ABANDON" \(default "RETIRE"\), got string "DELETE"/]],
  ],
  [
    "owner not an email",
    { owner: "alice" },
    [["owner", /must be an email address like "alex@example.com", got string "alice"/]],
  ],
  [
    "members not a list",
    { members: "alice@example.com" },
    [["members", /must be a list of \{ email, role\? \}/]],
  ],
  [
    "member email malformed",
    { members: [{ email: "alice@example.com" }, { email: "bob at example.com" }] },
    [["members[1].email", /must be an email address/]],
  ],
  [
    "member without email",
    { members: [{ role: "COHOST" }] },
    [["members[0].email", /must be an email address like "alex@example.com", got undefined/]],
  ],
  [
    "member role unknown",
    { members: [{ email: "a@example.com", role: "HOST" }] },
    [["members[0].role", /must be "COHOST" or left out .*got string "HOST"/]],
  ],
  [
    "duplicate member, other case",
    {
      members: [
        { email: "Alice@Example.com" },
        { email: "bob@example.com" },
        { email: "alice@example.com", role: "COHOST" },
      ],
    },
    [
      [
        "members[2].email",
        /"alice@example.com" is already listed at members\[0\] \(emails compare case-insensitively\)/,
      ],
    ],
  ],
  [
    "member with an unknown field",
    { members: [{ email: "a@example.com", name: "A" }] },
    [["members[0].name", /unknown property "name"; allowed: email, role/]],
  ],
  [
    "every failure at once",
    {
      config: { accessType: "PUBLIC", entryPointAccess: "SOME" },
      deletionPolicy: "X",
      members: [{ email: "nope" }],
    },
    [
      ["config.accessType", /must be/],
      ["config.entryPointAccess", /must be "ALL" or "CREATOR_APP_ONLY"/],
      ["deletionPolicy", /must be/],
      ["members[0].email", /must be an email/],
    ],
  ],
];

const MEMBER_CASES: Case[] = [
  [
    "space missing",
    { email: "a@example.com" },
    [["space", /must be a space name like "spaces\/jQCFfuBOdN5z"/]],
  ],
  [
    "space given as a meeting code",
    { space: "spaces/abc-mnop-xyz", email: "a@example.com" },
    [["space", /meeting codes are not accepted here/]],
  ],
  ["email missing", { space: "spaces/AAAAAAAAAAAA" }, [["email", /is required/]]],
  [
    "email malformed",
    { space: "spaces/AAAAAAAAAAAA", email: "a@b" },
    [["email", /must be an email address/]],
  ],
  [
    "role unknown",
    { space: "spaces/AAAAAAAAAAAA", email: "a@example.com", role: "OWNER" },
    [["role", /must be "COHOST" or left out/]],
  ],
  [
    "unknown field",
    { space: "spaces/AAAAAAAAAAAA", email: "a@example.com", rol: "COHOST" },
    [["rol", /unknown property "rol"; allowed: space, email, role, owner/]],
  ],
];

describe("check rejects bad input before any API call", () => {
  const emu = useEmulator();
  before(() => configureRuntime(emu));
  afterEach(async () => assert.deepEqual(await emu.admin.requests(), [], "check must make no API call"));

  for (const [kind, cases] of [
    ["space", SPACE_CASES],
    ["member", MEMBER_CASES],
  ] as const) {
    for (const [title, inputs, expected] of cases) {
      it(`${kind === "space" ? "MeetSpace" : "MeetSpaceMember"}: ${title}`, async () => {
        const { failures } = await runtime[kind].check({}, inputs);
        assert.deepEqual(
          failures.map((f: { property: string }) => f.property),
          expected.map(([property]) => property),
        );
        failures.forEach((f: { reason: string }, i: number) => {
          assert.match(f.reason, expected[i][1]);
        });
      });
    }
  }

  it("accepts values still unknown during preview", async () => {
    const space = await runtime.space.check(
      {},
      {
        config: { accessType: UNKNOWN, moderationRestrictions: UNKNOWN },
        adopt: UNKNOWN,
        members: [{ email: UNKNOWN }],
      },
    );
    assert.deepEqual(space.failures, []);
    const member = await runtime.member.check({}, { space: UNKNOWN, email: "a@example.com" });
    assert.deepEqual(member.failures, []);
    const olds = {
      name: "spaces/AAAAAAAAAAAA",
      meetingUri: "",
      meetingCode: "",
      config: { accessType: "OPEN" as const },
      managedSettings: ["accessType"],
      members: [],
    };
    assert.equal(
      (await runtime.space.diff(olds.name, olds, { config: { accessType: "OPEN" }, members: UNKNOWN as any }))
        .changes,
      true,
    );
    assert.equal(
      (await runtime.space.diff(olds.name, olds, { config: { accessType: UNKNOWN as any } })).changes,
      true,
    );
  });

  it("accepts every valid setting and normalizes members", async () => {
    const { failures, inputs } = await runtime.space.check(
      {},
      {
        config: {
          accessType: "TRUSTED",
          entryPointAccess: "ALL",
          moderation: "ON",
          moderationRestrictions: {
            chatRestriction: "HOSTS_ONLY",
            reactionRestriction: "NO_RESTRICTION",
            presentRestriction: "HOSTS_ONLY",
            defaultJoinAsViewerType: "OFF",
          },
          attendanceReportGenerationType: "GENERATE_REPORT",
          artifactConfig: {
            recordingConfig: { autoRecordingGeneration: "ON" },
            transcriptionConfig: { autoTranscriptionGeneration: "OFF" },
            smartNotesConfig: { autoSmartNotesGeneration: "ON" },
          },
        },
        adopt: "spaces/jQCFfuBOdN5z",
        deletionPolicy: "ABANDON",
        owner: "owner@example.com",
        members: [
          { email: "a@example.com", role: "COHOST" },
          { email: "b@example.com", role: undefined },
        ],
      },
    );
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.members, [
      { email: "a@example.com", role: "COHOST" },
      { email: "b@example.com" },
    ]);
  });
});
