/**
 * The guardrails: one table of rules, each a plain function from a resource's inputs and the
 * rule's configuration to messages (and, where a fix is safe, to corrected inputs). The pack
 * (`pack.ts`) only adapts them to `@pulumi/policy`. Every message names the resource, the property,
 * the value found and what is allowed.
 */
import { MAX_COHOSTS } from "../../provider/core/members";
import {
  type Kind,
  type Subject,
  domainOf,
  isListed,
  label,
  normalizeDomain,
  show,
  showList,
} from "./subjects";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One configuration property of a rule: its JSON schema (with the default) and what it means. */
export interface Setting {
  schema: Record<string, unknown> & { default: unknown };
  doc: string;
}

export interface Rule {
  name: string;
  description: string;
  kinds: readonly Kind[];
  enforcementLevel: EnforcementLevel;
  config: Readonly<Record<string, Setting>>;
  /** The violations of `subject`, one message each. */
  check(subject: Subject, config: Record<string, any>): string[];
  /** Corrected inputs when the fix is safe and needed, else undefined. */
  remediate?(subject: Subject, config: Record<string, any>): Record<string, any> | undefined;
}

const ACCESS_TYPES = ["OPEN", "TRUSTED", "RESTRICTED"];
const stringList = (defaults: string[], items: Record<string, unknown> = { type: "string" }) => ({
  type: "array",
  items,
  default: defaults,
});
const allowedRooms: Setting = {
  schema: stringList([]),
  doc: "resource names (or URNs) of rooms the rule does not apply to",
};
const allowedDomains = (doc: string): Setting => ({ schema: stringList([]), doc });

/** A room's co-hosts (or all its members) as declared, with where each was written. */
function declaredMembers(subject: Subject, cohostsOnly: boolean): { email: unknown; property: string }[] {
  if (subject.kind === "MeetSpaceMember") {
    const { email, role } = subject.props;
    return !cohostsOnly || role === "COHOST" ? [{ email, property: "email" }] : [];
  }
  const members: any[] = Array.isArray(subject.props.members) ? subject.props.members : [];
  return members
    .map((member, i) => ({ member, i }))
    .filter(({ member }) => !cohostsOnly || member?.role === "COHOST")
    .map(({ member, i }) => ({ email: member?.email, property: `members[${i}].email` }));
}

/** The domains a rule allows: configured, else the owner's (the resource's `owner`, else the provider's user). */
function effectiveDomains(subject: Subject, configured: readonly string[] | undefined): string[] {
  if (configured && configured.length > 0) return configured.map(normalizeDomain);
  const ownerDomain = domainOf(subject.props.owner) ?? domainOf(subject.providerUser);
  return ownerDomain ? [ownerDomain] : [];
}

const ARTIFACTS = {
  recording: { path: ["recordingConfig", "autoRecordingGeneration"], what: "automatic recording" },
  transcription: {
    path: ["transcriptionConfig", "autoTranscriptionGeneration"],
    what: "automatic transcription",
  },
  smartNotes: {
    path: ["smartNotesConfig", "autoSmartNotesGeneration"],
    what: "automatic note-taking (smart notes)",
  },
} as const;
type Artifact = keyof typeof ARTIFACTS;

const roomConfig = (subject: Subject): Record<string, any> => subject.props.config ?? {};

export const RULES: readonly Rule[] = [
  {
    name: "meet-access-type",
    description: "Meet rooms are not OPEN (anyone with the link joins without knocking) unless allow-listed.",
    kinds: ["MeetSpace"],
    enforcementLevel: "mandatory",
    config: {
      allowedAccessTypes: {
        schema: stringList(["TRUSTED", "RESTRICTED"], { type: "string", enum: ACCESS_TYPES }),
        doc: "the access types any room may have",
      },
      allowedRooms,
    },
    check(subject, config) {
      const accessType = roomConfig(subject).accessType;
      if (accessType === undefined || config.allowedAccessTypes.includes(accessType)) return [];
      if (isListed(subject, config.allowedRooms)) return [];
      return [
        `${label(subject)}: config.accessType is ${show(accessType)}; allowed: ` +
          `${showList(config.allowedAccessTypes)} (or list the room in allowedRooms)`,
      ];
    },
  },
  {
    name: "meet-auto-artifacts",
    description: "No automatic recording, transcripts or smart notes where they are forbidden.",
    kinds: ["MeetSpace"],
    enforcementLevel: "mandatory",
    config: {
      forbidden: {
        schema: stringList(Object.keys(ARTIFACTS), { type: "string", enum: Object.keys(ARTIFACTS) }),
        doc: "which automatic artifacts are forbidden: recording, transcription, smartNotes",
      },
      allowedRooms,
    },
    check(subject, config) {
      if (isListed(subject, config.allowedRooms)) return [];
      const artifacts = roomConfig(subject).artifactConfig;
      return (config.forbidden as Artifact[]).flatMap((artifact) => {
        const { path, what } = ARTIFACTS[artifact];
        const value = artifacts?.[path[0]]?.[path[1]];
        if (value !== "ON") return [];
        return [
          `${label(subject)}: config.artifactConfig.${path.join(".")} is ${show(value)}; ${what} is ` +
            `forbidden: allowed: "OFF" or not set (or list the room in allowedRooms)`,
        ];
      });
    },
    // Turning automatic generation off is safe: people can still record by hand where allowed.
    remediate(subject, config) {
      if (this.check(subject, config).length === 0) return undefined;
      const artifactConfig = JSON.parse(JSON.stringify(roomConfig(subject).artifactConfig ?? {}));
      for (const artifact of config.forbidden as Artifact[]) {
        const [group, leaf] = ARTIFACTS[artifact].path;
        if (artifactConfig[group]?.[leaf] === "ON") artifactConfig[group][leaf] = "OFF";
      }
      return { ...subject.props, config: { ...roomConfig(subject), artifactConfig } };
    },
  },
  {
    name: "meet-cohost-domains",
    description: "Co-hosts come from the organisation's domains (MeetSpace.members and MeetSpaceMember).",
    kinds: ["MeetSpace", "MeetSpaceMember"],
    enforcementLevel: "mandatory",
    config: {
      allowedDomains: allowedDomains(
        "email domains co-hosts may have; empty: the room owner's domain (`owner`, else the provider's impersonateUser)",
      ),
      allowedCohosts: { schema: stringList([]), doc: "email addresses allowed whatever their domain" },
      allMembers: {
        schema: { type: "boolean", default: false },
        doc: "apply to every member, not only co-hosts",
      },
    },
    check(subject, config) {
      const domains = effectiveDomains(subject, config.allowedDomains);
      if (domains.length === 0) return [];
      const exempt = new Set((config.allowedCohosts as string[]).map((e) => e.trim().toLowerCase()));
      const who = config.allMembers ? "a member" : "a co-host";
      return declaredMembers(subject, !config.allMembers).flatMap(({ email, property }) => {
        const domain = domainOf(email);
        if (domain === undefined || domains.includes(domain)) return [];
        if (exempt.has(String(email).trim().toLowerCase())) return [];
        return [
          `${label(subject)}: ${property} is ${show(email)} (${who}); allowed domains: ${showList(domains)}`,
        ];
      });
    },
  },
  {
    name: "meet-cohost-limit",
    description: `At most ${MAX_COHOSTS} co-hosts in a room (Meet's limit), or fewer if configured.`,
    kinds: ["MeetSpace"],
    enforcementLevel: "mandatory",
    config: {
      maxCohosts: {
        schema: { type: "integer", minimum: 0, maximum: MAX_COHOSTS, default: MAX_COHOSTS },
        doc: `the most co-hosts MeetSpace.members may declare (Meet allows ${MAX_COHOSTS})`,
      },
    },
    check(subject, config) {
      const count = declaredMembers(subject, true).length;
      if (count <= config.maxCohosts) return [];
      return [`${label(subject)}: members declares ${count} co-hosts; allowed: at most ${config.maxCohosts}`];
    },
  },
  {
    name: "meet-moderation",
    description: "Hosts keep control of large or OPEN rooms: moderation is ON there.",
    kinds: ["MeetSpace"],
    enforcementLevel: "advisory",
    config: {
      accessTypes: {
        schema: stringList(["OPEN"], { type: "string", enum: ACCESS_TYPES }),
        doc: "rooms with these access types need moderation",
      },
      minMembers: {
        schema: { type: "integer", minimum: 1, default: 50 },
        doc: "rooms declaring at least this many members need moderation",
      },
      allowedRooms,
    },
    check(subject, config) {
      const { accessType, moderation } = roomConfig(subject);
      const members = Array.isArray(subject.props.members) ? subject.props.members.length : 0;
      const why = config.accessTypes.includes(accessType)
        ? `an ${accessType} room`
        : members >= config.minMembers
          ? `a room of ${members} members`
          : undefined;
      if (why === undefined || moderation === "ON" || isListed(subject, config.allowedRooms)) return [];
      return [`${label(subject)}: config.moderation is ${show(moderation)} on ${why}; required: "ON"`];
    },
    // Moderation only gives the hosts controls; the restrictions not written down keep their values.
    remediate(subject, config) {
      if (this.check(subject, config).length === 0) return undefined;
      return { ...subject.props, config: { ...roomConfig(subject), moderation: "ON" } };
    },
  },
  {
    name: "meet-entry-point-access",
    description: "Only the organisation's own apps let people into rooms (entryPointAccess).",
    kinds: ["MeetSpace"],
    enforcementLevel: "disabled",
    config: {
      allowedValues: {
        schema: stringList(["CREATOR_APP_ONLY"], { type: "string", enum: ["ALL", "CREATOR_APP_ONLY"] }),
        doc: "the entryPointAccess values allowed; a room that leaves it out keeps the default (ALL)",
      },
      allowedRooms,
    },
    check(subject, config) {
      const value = roomConfig(subject).entryPointAccess ?? "ALL";
      if (config.allowedValues.includes(value) || isListed(subject, config.allowedRooms)) return [];
      return [
        `${label(subject)}: config.entryPointAccess is ${show(value)}; allowed: ${showList(config.allowedValues)}`,
      ];
    },
  },
  {
    name: "owner-domain",
    description: "Rooms and spaces are owned by users of the organisation's domains.",
    kinds: ["MeetSpace", "MeetSpaceMember", "ChatSpace"],
    enforcementLevel: "advisory",
    config: { allowedDomains: allowedDomains("email domains an `owner` may have; empty: not checked") },
    check(subject, config) {
      const domains = (config.allowedDomains as string[]).map(normalizeDomain);
      const owner = subject.props.owner;
      const domain = domainOf(owner);
      if (domains.length === 0 || domain === undefined || domains.includes(domain)) return [];
      return [`${label(subject)}: owner is ${show(owner)}; allowed domains: ${showList(domains)}`];
    },
  },
  {
    name: "chat-external-users",
    description: "Chat spaces are not open to users outside the organisation.",
    kinds: ["ChatSpace"],
    enforcementLevel: "mandatory",
    config: {
      allowedSpaces: {
        schema: stringList([]),
        doc: "resource names (or URNs) of spaces that may admit external users",
      },
      allowedDomains: allowedDomains("email domains members may have; empty: members are not checked"),
    },
    check(subject, config) {
      if (isListed(subject, config.allowedSpaces)) return [];
      const messages: string[] = [];
      const { externalUserAllowed } = subject.props;
      if (externalUserAllowed === true) {
        messages.push(
          `${label(subject)}: externalUserAllowed is true; allowed: false or not set (or list the space in allowedSpaces)`,
        );
      }
      const domains = (config.allowedDomains as string[]).map(normalizeDomain);
      const members: any[] = Array.isArray(subject.props.members) ? subject.props.members : [];
      if (domains.length > 0) {
        members.forEach((member, i) => {
          const domain = domainOf(member?.email);
          if (domain !== undefined && !domains.includes(domain)) {
            messages.push(
              `${label(subject)}: members[${i}].email is ${show(member.email)}; allowed domains: ${showList(domains)}`,
            );
          }
        });
      }
      return messages;
    },
  },
  {
    name: "chat-history",
    description: "Chat history stays on where retention requires it.",
    kinds: ["ChatSpace"],
    enforcementLevel: "mandatory",
    config: {
      requireExplicit: {
        schema: { type: "boolean", default: false },
        doc: "also flag spaces that leave spaceHistoryState out (they take the organisation's default)",
      },
      allowedSpaces: {
        schema: stringList([]),
        doc: "resource names (or URNs) of spaces that may turn history off",
      },
    },
    check(subject, config) {
      const state = subject.props.spaceHistoryState;
      if (state === "HISTORY_ON" || (state === undefined && !config.requireExplicit)) return [];
      if (isListed(subject, config.allowedSpaces)) return [];
      return [
        `${label(subject)}: spaceHistoryState is ${show(state)}; retention requires "HISTORY_ON" ` +
          `(or list the space in allowedSpaces)`,
      ];
    },
    // Keeping history only keeps more; nothing is lost by turning it on.
    remediate(subject, config) {
      if (this.check(subject, config).length === 0) return undefined;
      return { ...subject.props, spaceHistoryState: "HISTORY_ON" };
    },
  },
];

/** A rule's configuration: its defaults overlaid with what the user configured. */
export function resolveConfig(
  rule: Rule,
  configured: Record<string, unknown> | undefined,
): Record<string, any> {
  const config: Record<string, any> = {};
  for (const [key, setting] of Object.entries(rule.config)) config[key] = setting.schema.default;
  for (const [key, value] of Object.entries(configured ?? {})) if (value !== undefined) config[key] = value;
  return config;
}
