/**
 * The guardrails' rule functions, table-driven: each row a resource's inputs, the rule's
 * configuration, and the exact messages (or corrected inputs) expected.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type PolicyResourceArgs, policies } from "../../policy/src/pack";
import { RULES, resolveConfig } from "../../policy/src/rules";
import { type Kind, type Subject, TYPE_TOKENS, kindOf } from "../../policy/src/subjects";

const rule = (name: string) => {
  const found = RULES.find((r) => r.name === name);
  assert.ok(found, `no rule ${name}`);
  return found;
};
const subject = (kind: Kind, name: string, props: Record<string, any>, providerUser?: string): Subject => ({
  kind,
  name,
  urn: `urn:pulumi:dev::rooms::googlemeet:index:${kind}::${name}`,
  props,
  providerUser,
});
const cohosts = (n: number, domain = "example.com") =>
  Array.from({ length: n }, (_, i) => ({ email: `host${i}@${domain}`, role: "COHOST" }));

interface Row {
  rule: string;
  what: string;
  subject: Subject;
  config?: Record<string, unknown>;
  messages: string[];
}

const rows: Row[] = [
  // meet-access-type
  {
    rule: "meet-access-type",
    what: "an OPEN room is refused by default",
    subject: subject("MeetSpace", "lobby", { config: { accessType: "OPEN" } }),
    messages: [
      'MeetSpace "lobby": config.accessType is "OPEN"; allowed: "TRUSTED" or "RESTRICTED" (or list the room in allowedRooms)',
    ],
  },
  {
    rule: "meet-access-type",
    what: "an allow-listed room may be OPEN",
    subject: subject("MeetSpace", "lobby", { config: { accessType: "OPEN" } }),
    config: { allowedRooms: ["lobby"] },
    messages: [],
  },
  {
    rule: "meet-access-type",
    what: "a room allow-listed by URN",
    subject: subject("MeetSpace", "lobby", { config: { accessType: "OPEN" } }),
    config: { allowedRooms: ["urn:pulumi:dev::rooms::googlemeet:index:MeetSpace::lobby"] },
    messages: [],
  },
  {
    rule: "meet-access-type",
    what: "configured values replace the defaults",
    subject: subject("MeetSpace", "standup", { config: { accessType: "TRUSTED" } }),
    config: { allowedAccessTypes: ["RESTRICTED"] },
    messages: [
      'MeetSpace "standup": config.accessType is "TRUSTED"; allowed: "RESTRICTED" (or list the room in allowedRooms)',
    ],
  },
  {
    rule: "meet-access-type",
    what: "a room that leaves access out is not judged (it keeps the owner's default)",
    subject: subject("MeetSpace", "plain", {}),
    messages: [],
  },
  // meet-auto-artifacts
  {
    rule: "meet-auto-artifacts",
    what: "each automatic artifact turned ON is named",
    subject: subject("MeetSpace", "board", {
      config: {
        artifactConfig: {
          recordingConfig: { autoRecordingGeneration: "ON" },
          transcriptionConfig: { autoTranscriptionGeneration: "ON" },
          smartNotesConfig: { autoSmartNotesGeneration: "OFF" },
        },
      },
    }),
    messages: [
      'MeetSpace "board": config.artifactConfig.recordingConfig.autoRecordingGeneration is "ON"; automatic recording is forbidden: allowed: "OFF" or not set (or list the room in allowedRooms)',
      'MeetSpace "board": config.artifactConfig.transcriptionConfig.autoTranscriptionGeneration is "ON"; automatic transcription is forbidden: allowed: "OFF" or not set (or list the room in allowedRooms)',
    ],
  },
  {
    rule: "meet-auto-artifacts",
    what: "only the configured artifacts are forbidden",
    subject: subject("MeetSpace", "board", {
      config: { artifactConfig: { recordingConfig: { autoRecordingGeneration: "ON" } } },
    }),
    config: { forbidden: ["transcription"] },
    messages: [],
  },
  // meet-cohost-domains
  {
    rule: "meet-cohost-domains",
    what: "a co-host outside the configured domains, in MeetSpace.members",
    subject: subject("MeetSpace", "board", {
      members: [
        { email: "ceo@example.com", role: "COHOST" },
        { email: "guest@partner.org" },
        { email: "Advisor@Partner.org", role: "COHOST" },
      ],
    }),
    config: { allowedDomains: ["Example.com"] },
    messages: [
      'MeetSpace "board": members[2].email is "Advisor@Partner.org" (a co-host); allowed domains: "example.com"',
    ],
  },
  {
    rule: "meet-cohost-domains",
    what: "allMembers extends the rule to members without a role",
    subject: subject("MeetSpace", "board", { members: [{ email: "guest@partner.org" }] }),
    config: { allowedDomains: ["example.com"], allMembers: true },
    messages: [
      'MeetSpace "board": members[0].email is "guest@partner.org" (a member); allowed domains: "example.com"',
    ],
  },
  {
    rule: "meet-cohost-domains",
    what: "a MeetSpaceMember co-host; without configured domains the owner's domain applies",
    subject: subject("MeetSpaceMember", "ext", {
      space: "spaces/x",
      email: "a@partner.org",
      role: "COHOST",
      owner: "it@example.com",
    }),
    messages: ['MeetSpaceMember "ext": email is "a@partner.org" (a co-host); allowed domains: "example.com"'],
  },
  {
    rule: "meet-cohost-domains",
    what: "the native provider's impersonateUser gives the domain when no owner is written",
    subject: subject(
      "MeetSpaceMember",
      "ext",
      { space: "spaces/x", email: "a@partner.org", role: "COHOST" },
      "it@example.com",
    ),
    messages: ['MeetSpaceMember "ext": email is "a@partner.org" (a co-host); allowed domains: "example.com"'],
  },
  {
    rule: "meet-cohost-domains",
    what: "an exempt address passes",
    subject: subject("MeetSpaceMember", "ext", { space: "spaces/x", email: "a@partner.org", role: "COHOST" }),
    config: { allowedDomains: ["example.com"], allowedCohosts: ["A@partner.org"] },
    messages: [],
  },
  {
    rule: "meet-cohost-domains",
    what: "no domains configured and no owner known: nothing to compare with",
    subject: subject("MeetSpaceMember", "ext", { space: "spaces/x", email: "a@partner.org", role: "COHOST" }),
    messages: [],
  },
  // meet-cohost-limit
  {
    rule: "meet-cohost-limit",
    what: "25 co-hosts are Meet's limit",
    subject: subject("MeetSpace", "big", { members: cohosts(25) }),
    messages: [],
  },
  {
    rule: "meet-cohost-limit",
    what: "26 co-hosts are one too many",
    subject: subject("MeetSpace", "big", { members: cohosts(26) }),
    messages: ['MeetSpace "big": members declares 26 co-hosts; allowed: at most 25'],
  },
  {
    rule: "meet-cohost-limit",
    what: "an organisation's lower limit",
    subject: subject("MeetSpace", "big", { members: [...cohosts(4), { email: "x@example.com" }] }),
    config: { maxCohosts: 3 },
    messages: ['MeetSpace "big": members declares 4 co-hosts; allowed: at most 3'],
  },
  // meet-moderation
  {
    rule: "meet-moderation",
    what: "an OPEN room without moderation",
    subject: subject("MeetSpace", "town-hall", { config: { accessType: "OPEN" } }),
    messages: ['MeetSpace "town-hall": config.moderation is not set on an OPEN room; required: "ON"'],
  },
  {
    rule: "meet-moderation",
    what: "a large room with moderation OFF",
    subject: subject("MeetSpace", "all-hands", {
      config: { accessType: "TRUSTED", moderation: "OFF" },
      members: Array.from({ length: 3 }, (_, i) => ({ email: `p${i}@example.com` })),
    }),
    config: { minMembers: 3 },
    messages: ['MeetSpace "all-hands": config.moderation is "OFF" on a room of 3 members; required: "ON"'],
  },
  {
    rule: "meet-moderation",
    what: "a moderated OPEN room passes",
    subject: subject("MeetSpace", "town-hall", { config: { accessType: "OPEN", moderation: "ON" } }),
    messages: [],
  },
  // meet-entry-point-access
  {
    rule: "meet-entry-point-access",
    what: "a room left at ALL entry points (the default) when only app entry is allowed",
    subject: subject("MeetSpace", "kiosk", { config: {} }),
    messages: ['MeetSpace "kiosk": config.entryPointAccess is "ALL"; allowed: "CREATOR_APP_ONLY"'],
  },
  // owner-domain
  {
    rule: "owner-domain",
    what: "an owner outside the domains, on each kind",
    subject: subject("ChatSpace", "ops", { owner: "bob@gmail.com" }),
    config: { allowedDomains: ["example.com", "example.org"] },
    messages: ['ChatSpace "ops": owner is "bob@gmail.com"; allowed domains: "example.com" or "example.org"'],
  },
  {
    rule: "owner-domain",
    what: "not checked until domains are configured",
    subject: subject("MeetSpace", "x", { owner: "bob@gmail.com" }),
    messages: [],
  },
  // chat-external-users
  {
    rule: "chat-external-users",
    what: "a space open to external users",
    subject: subject("ChatSpace", "partners", { spaceType: "SPACE", externalUserAllowed: true }),
    messages: [
      'ChatSpace "partners": externalUserAllowed is true; allowed: false or not set (or list the space in allowedSpaces)',
    ],
  },
  {
    rule: "chat-external-users",
    what: "an allow-listed space may",
    subject: subject("ChatSpace", "partners", { externalUserAllowed: true }),
    config: { allowedSpaces: ["partners"] },
    messages: [],
  },
  {
    rule: "chat-external-users",
    what: "members outside configured domains",
    subject: subject("ChatSpace", "ops", { members: [{ email: "a@example.com" }, { email: "b@other.net" }] }),
    config: { allowedDomains: ["example.com"] },
    messages: ['ChatSpace "ops": members[1].email is "b@other.net"; allowed domains: "example.com"'],
  },
  // chat-history
  {
    rule: "chat-history",
    what: "history turned off",
    subject: subject("ChatSpace", "legal", { spaceHistoryState: "HISTORY_OFF" }),
    messages: [
      'ChatSpace "legal": spaceHistoryState is "HISTORY_OFF"; retention requires "HISTORY_ON" (or list the space in allowedSpaces)',
    ],
  },
  {
    rule: "chat-history",
    what: "left out passes unless requireExplicit",
    subject: subject("ChatSpace", "legal", {}),
    config: { requireExplicit: true },
    messages: [
      'ChatSpace "legal": spaceHistoryState is not set; retention requires "HISTORY_ON" (or list the space in allowedSpaces)',
    ],
  },
  {
    rule: "chat-history",
    what: "left out passes by default",
    subject: subject("ChatSpace", "legal", {}),
    messages: [],
  },
];

describe("policy: rules", () => {
  for (const row of rows) {
    it(`${row.rule}: ${row.what}`, () => {
      const r = rule(row.rule);
      assert.deepEqual(r.check(row.subject, resolveConfig(r, row.config)), row.messages);
    });
  }

  it("the rules and their default enforcement levels", () => {
    assert.deepEqual(Object.fromEntries(RULES.map((r) => [r.name, r.enforcementLevel])), {
      "meet-access-type": "mandatory",
      "meet-auto-artifacts": "mandatory",
      "meet-cohost-domains": "mandatory",
      "meet-cohost-limit": "mandatory",
      "meet-moderation": "advisory",
      "meet-entry-point-access": "disabled",
      "owner-domain": "advisory",
      "chat-external-users": "mandatory",
      "chat-history": "mandatory",
    });
  });

  it("the README's Guardrails table lists every rule with its default level and every setting", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
    for (const r of RULES) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${r.name}\` |`));
      assert.ok(row, `README has a row for ${r.name}`);
      assert.equal(row.split("|")[2].trim(), r.enforcementLevel, r.name);
      for (const key of Object.keys(r.config))
        assert.ok(row.includes(`\`${key}\``), `${r.name}: ${key} in README`);
    }
  });

  it("every setting is documented and has a default", () => {
    for (const r of RULES) {
      for (const [key, setting] of Object.entries(r.config)) {
        assert.ok(setting.doc.length > 10, `${r.name}.${key} is documented`);
        assert.ok("default" in setting.schema, `${r.name}.${key} has a default`);
      }
    }
  });
});

describe("policy: remediations (offered only where the fix is safe)", () => {
  it("meet-moderation turns moderation ON and keeps everything else", () => {
    const props = {
      config: { accessType: "OPEN", moderationRestrictions: { chatRestriction: "HOSTS_ONLY" } },
    };
    const r = rule("meet-moderation");
    assert.deepEqual(r.remediate!(subject("MeetSpace", "t", props), resolveConfig(r, {})), {
      config: {
        accessType: "OPEN",
        moderation: "ON",
        moderationRestrictions: { chatRestriction: "HOSTS_ONLY" },
      },
    });
    assert.equal(
      r.remediate!(subject("MeetSpace", "t", { config: { accessType: "TRUSTED" } }), resolveConfig(r, {})),
      undefined,
    );
  });

  it("meet-auto-artifacts turns the forbidden automatic artifacts OFF, leaving allowed ones alone", () => {
    const props = {
      owner: "it@example.com",
      config: {
        accessType: "TRUSTED",
        artifactConfig: {
          recordingConfig: { autoRecordingGeneration: "ON" },
          smartNotesConfig: { autoSmartNotesGeneration: "ON" },
        },
      },
    };
    const r = rule("meet-auto-artifacts");
    assert.deepEqual(
      r.remediate!(subject("MeetSpace", "b", props), resolveConfig(r, { forbidden: ["recording"] })),
      {
        owner: "it@example.com",
        config: {
          accessType: "TRUSTED",
          artifactConfig: {
            recordingConfig: { autoRecordingGeneration: "OFF" },
            smartNotesConfig: { autoSmartNotesGeneration: "ON" },
          },
        },
      },
    );
    assert.equal(
      props.config.artifactConfig.recordingConfig.autoRecordingGeneration,
      "ON",
      "inputs not mutated",
    );
  });

  it("chat-history turns history on", () => {
    const r = rule("chat-history");
    assert.deepEqual(
      r.remediate!(
        subject("ChatSpace", "l", { displayName: "Legal", spaceHistoryState: "HISTORY_OFF" }),
        resolveConfig(r, {}),
      ),
      { displayName: "Legal", spaceHistoryState: "HISTORY_ON" },
    );
  });

  it("access type, domains, limits and external users have no automatic fix (who may join is a person's decision)", () => {
    for (const name of [
      "meet-access-type",
      "meet-cohost-domains",
      "meet-cohost-limit",
      "chat-external-users",
    ]) {
      assert.equal(rule(name).remediate, undefined, name);
    }
  });
});

describe("policy: the pack's adapter", () => {
  const args = (type: string, props: Record<string, any>, config: object = {}): PolicyResourceArgs => ({
    type,
    name: "lobby",
    urn: `urn:pulumi:dev::rooms::${type}::lobby`,
    props,
    getConfig: <T>() => config as T,
  });
  const violations = (policyName: string, a: PolicyResourceArgs) => {
    const messages: string[] = [];
    policies.find((p) => p.name === policyName)!.validateResource(a, (m) => messages.push(m));
    return messages;
  };

  it("both faces' type tokens are recognised, and nothing else", () => {
    for (const kind of ["MeetSpace", "MeetSpaceMember", "ChatSpace"] as const) {
      for (const token of TYPE_TOKENS[kind]) assert.equal(kindOf(token), kind);
    }
    assert.equal(kindOf("aws:s3/bucket:Bucket"), undefined);
    for (const token of TYPE_TOKENS.MeetSpace) {
      assert.equal(
        violations("meet-access-type", args(token, { config: { accessType: "OPEN" } })).length,
        1,
        token,
      );
    }
    assert.deepEqual(
      violations("meet-access-type", args("googlemeet:index:ChatSpace", { config: { accessType: "OPEN" } })),
      [],
    );
  });

  it("configuration reaches the rule; the schema lists each setting with its default and meaning", () => {
    const open = args(
      "googlemeet:index:MeetSpace",
      { config: { accessType: "OPEN" } },
      { allowedRooms: ["lobby"] },
    );
    assert.deepEqual(violations("meet-access-type", open), []);
    const schema = policies.find((p) => p.name === "meet-cohost-limit")!.configSchema;
    assert.deepEqual(schema.properties.maxCohosts, {
      type: "integer",
      minimum: 0,
      maximum: 25,
      default: 25,
      description: "the most co-hosts MeetSpace.members may declare (Meet allows 25)",
    });
  });

  it("the native provider's impersonateUser reaches the domain rule", () => {
    const a = {
      ...args("googlemeet:index:MeetSpaceMember", {
        space: "spaces/x",
        email: "a@partner.org",
        role: "COHOST",
      }),
      provider: { props: { impersonateUser: "it@example.com" } },
    };
    assert.deepEqual(violations("meet-cohost-domains", a), [
      'MeetSpaceMember "lobby": email is "a@partner.org" (a co-host); allowed domains: "example.com"',
    ]);
  });

  it("a remediation is offered through the pack only for the rules that have one", () => {
    assert.deepEqual(
      policies.filter((p) => p.remediateResource).map((p) => p.name),
      ["meet-auto-artifacts", "meet-moderation", "chat-history"],
    );
  });
});
