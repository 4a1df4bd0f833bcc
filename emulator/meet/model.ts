/**
 * The Space/Member data model shared by the store and both transports: the table of
 * SpaceConfig leaf settings (mask path, JSON path, enum values, policy default, plan
 * feature), and conversions between wire JSON and the store's flat representation.
 * Enum values are held as names; number 0 / `*_UNSPECIFIED` means "not set".
 */
import { camelToSnake } from "../wire/case";
import { fieldsInvalid, invalidArgument } from "../wire/errors";
import type { Schema } from "../wire/knownFields";

export type { MeetApiVersion as ApiVersion } from "../../google/meet";
/** Plan features a user may lack; `dialIn`: the space answers no phoneAccess / gatewaySipAccess. */
export type Feature = "recording" | "transcription" | "smartNotes" | "attendanceReport" | "dialIn";
export const FEATURES: readonly Feature[] = [
  "recording",
  "transcription",
  "smartNotes",
  "attendanceReport",
  "dialIn",
];

export interface Leaf {
  /** snake_case update-mask path, e.g. "config.moderation_restrictions.chat_restriction". */
  path: string;
  /** lowerCamel JSON keys below `config`. */
  json: string[];
  /** Enum names indexed by enum number (index 0 is *_UNSPECIFIED). */
  values: string[];
  /** The default policy value returned when the setting was never set. */
  policyDefault: string;
  /** Plan feature needed to turn the setting on, and the value that means "on". */
  feature?: { name: Feature; onValue: string };
}

const RESTRICTION = ["RESTRICTION_TYPE_UNSPECIFIED", "HOSTS_ONLY", "NO_RESTRICTION"];
const AUTO = ["AUTO_GENERATION_TYPE_UNSPECIFIED", "ON", "OFF"];

export const LEAVES: readonly Leaf[] = [
  {
    path: "config.access_type",
    json: ["accessType"],
    values: ["ACCESS_TYPE_UNSPECIFIED", "OPEN", "TRUSTED", "RESTRICTED"],
    policyDefault: "TRUSTED",
  },
  {
    path: "config.entry_point_access",
    json: ["entryPointAccess"],
    values: ["ENTRY_POINT_ACCESS_UNSPECIFIED", "ALL", "CREATOR_APP_ONLY"],
    policyDefault: "ALL",
  },
  {
    path: "config.moderation",
    json: ["moderation"],
    values: ["MODERATION_UNSPECIFIED", "OFF", "ON"],
    policyDefault: "OFF",
  },
  ...(["chat", "reaction", "present"] as const).map(
    (kind): Leaf => ({
      path: `config.moderation_restrictions.${kind}_restriction`,
      json: ["moderationRestrictions", `${kind}Restriction`],
      values: RESTRICTION,
      policyDefault: "NO_RESTRICTION",
    }),
  ),
  {
    path: "config.moderation_restrictions.default_join_as_viewer_type",
    json: ["moderationRestrictions", "defaultJoinAsViewerType"],
    values: ["DEFAULT_JOIN_AS_VIEWER_TYPE_UNSPECIFIED", "ON", "OFF"],
    policyDefault: "OFF",
  },
  {
    path: "config.attendance_report_generation_type",
    json: ["attendanceReportGenerationType"],
    values: ["ATTENDANCE_REPORT_GENERATION_TYPE_UNSPECIFIED", "GENERATE_REPORT", "DO_NOT_GENERATE"],
    policyDefault: "DO_NOT_GENERATE",
    feature: { name: "attendanceReport", onValue: "GENERATE_REPORT" },
  },
  // The automatic artifacts, each `artifact_config.<kind>_config.auto_<kind>_generation` behind
  // the plan feature of the same name.
  ...(["recording", "transcription", "smartNotes"] as const).map((kind): Leaf => {
    const snake = camelToSnake(kind);
    return {
      path: `config.artifact_config.${snake}_config.auto_${snake}_generation`,
      json: ["artifactConfig", `${kind}Config`, `auto${kind[0].toUpperCase()}${kind.slice(1)}Generation`],
      values: AUTO,
      policyDefault: "OFF",
      feature: { name: kind, onValue: "ON" },
    };
  }),
];

export const MODERATION_PATH = "config.moderation";
export const RESTRICTION_PATHS = LEAVES.filter((l) =>
  l.path.startsWith("config.moderation_restrictions."),
).map((l) => l.path);

/** Resolved settings of a space: every leaf path mapped to an enum name (never UNSPECIFIED). */
export type FlatConfig = Record<string, string>;

export function policyDefaults(): FlatConfig {
  return Object.fromEntries(LEAVES.map((l) => [l.path, l.policyDefault]));
}

/** Reads a JSON key in lowerCamel or snake_case form (proto JSON parsers accept both). */
function readKey(obj: any, camel: string): unknown {
  if (obj === null || typeof obj !== "object") return undefined;
  if (obj[camel] !== undefined && obj[camel] !== null) return obj[camel];
  const snake = camelToSnake(camel);
  return obj[snake] === null ? undefined : obj[snake];
}

/** Parses one enum value (name or number); returns undefined for UNSPECIFIED/absent. */
export function parseEnum(leaf: Leaf, raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  let index = -1;
  if (typeof raw === "number" && Number.isInteger(raw)) index = raw;
  else if (typeof raw === "string" && /^\d+$/.test(raw)) index = Number(raw);
  else if (typeof raw === "string") index = leaf.values.indexOf(raw);
  if (index < 0 || index >= leaf.values.length) {
    const field = `space.${leaf.path}`;
    throw fieldsInvalid(
      `Invalid value ${JSON.stringify(raw)} for field ${leaf.path}; allowed: ${leaf.values.slice(1).join(", ")}`,
      [{ field, description: `Invalid value at '${field}', ${JSON.stringify(raw)}` }],
    );
  }
  return index === 0 ? undefined : leaf.values[index];
}

/**
 * Reads the settings sent in a Space's `config` (JSON or proto-loader object, both
 * lowerCamel). Returns only the leaves sent with a non-UNSPECIFIED value; throws
 * INVALID_ARGUMENT for an out-of-range enum anywhere in the config. v2 and v2beta have the
 * same SpaceConfig today (Google's v2 reference); over gRPC v2 the 0.7.2 protos carry only
 * accessType and entryPointAccess, so the other settings never arrive that way.
 */
export function parseSentConfig(config: unknown): FlatConfig {
  const sent: FlatConfig = {};
  if (config === undefined || config === null) return sent;
  if (typeof config !== "object") throw invalidArgument("Invalid value for field config: expected an object");
  for (const leaf of LEAVES) {
    let node: unknown = config;
    for (const key of leaf.json) node = readKey(node, key);
    const value = parseEnum(leaf, node);
    if (value !== undefined) sent[leaf.path] = value;
  }
  return sent;
}

/** Builds the nested `config` JSON from flat settings (enum names, or numbers if asked). */
export function configToJson(flat: FlatConfig, numericEnums = false): Record<string, any> {
  const out: Record<string, any> = {};
  for (const leaf of LEAVES) {
    const value = flat[leaf.path] ?? leaf.policyDefault;
    let node = out;
    for (const key of leaf.json.slice(0, -1)) node = node[key] ??= {};
    node[leaf.json[leaf.json.length - 1]] = numericEnums ? leaf.values.indexOf(value) : value;
  }
  return out;
}

/**
 * Parent (non-leaf) message paths and the leaves under them. Standard FieldMask semantics: a
 * parent path replaces the whole sub-message, so it stands for every leaf below it.
 */
export const PARENT_PATHS: ReadonlyMap<string, string[]> = new Map(
  [
    "config",
    "config.moderation_restrictions",
    "config.artifact_config",
    "config.artifact_config.recording_config",
    "config.artifact_config.transcription_config",
    "config.artifact_config.smart_notes_config",
  ].map((parent) => [parent, LEAVES.filter((l) => l.path.startsWith(`${parent}.`)).map((l) => l.path)]),
);

export const OUTPUT_ONLY_PATHS = new Set([
  "name",
  "meeting_uri",
  "meeting_code",
  "active_conference",
  "active_conference.conference_record",
]);

export const MEMBER_ROLES = ["ROLE_UNSPECIFIED", "COHOST"];

/** Parses a member role (name or number); throws INVALID_ARGUMENT naming `field`. */
export function parseRole(raw: unknown, field: string): "ROLE_UNSPECIFIED" | "COHOST" {
  const value = raw ?? 0;
  let index = -1;
  if (typeof value === "number") index = value;
  else if (typeof value === "string" && /^\d+$/.test(value)) index = Number(value);
  else if (typeof value === "string") index = MEMBER_ROLES.indexOf(value);
  if (!Number.isInteger(index) || index < 0 || index >= MEMBER_ROLES.length) {
    throw fieldsInvalid(
      `Invalid value ${JSON.stringify(raw)} for field ${field}; allowed: ${MEMBER_ROLES.join(", ")}`,
      [{ field, description: `Invalid value at '${field}', ${JSON.stringify(raw)}` }],
    );
  }
  return MEMBER_ROLES[index] as "ROLE_UNSPECIFIED" | "COHOST";
}

function spaceSchema(): Schema {
  const config: Schema = {};
  for (const leaf of LEAVES) {
    let node = config;
    for (const key of leaf.json.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Schema;
    }
    node[leaf.json[leaf.json.length - 1]] = true;
  }
  return {
    name: true,
    meetingUri: true,
    meetingCode: true,
    config,
    activeConference: { conferenceRecord: true },
    // Output only, newer than the 0.7.2 protos; accepted and ignored like the other output fields.
    phoneAccess: true,
    gatewaySipAccess: true,
  };
}

/**
 * The known fields of the REST bodies (unknown names are refused). Written out rather than read
 * from the protos: the 0.7.2 protos lack v2's members API and Space's newer output fields.
 */
export const SPACE_SCHEMA: Schema = spaceSchema();
/** The GA v2 Member is {name, email, role}: a v2 body with `user` is an unknown field. */
export const MEMBER_SCHEMA: Schema = { name: true, email: true, role: true };
/** v2beta's Member (Developer Preview) also has `user`. */
export const MEMBER_SCHEMA_V2BETA: Schema = { ...MEMBER_SCHEMA, user: true };
export const BATCH_UPDATE_MEMBERS_SCHEMA: Schema = {
  parent: true,
  updateMask: true,
  requests: { member: MEMBER_SCHEMA, updateMask: true },
};
