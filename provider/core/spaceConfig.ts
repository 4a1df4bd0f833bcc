/**
 * The settings of a Meet space: one table that everything else is derived from (types, validation,
 * the diff, update masks, and reading the API's answers). Field and enum names are the API's own.
 */
import {
  type CheckFailure,
  checkKnownKeys,
  describeType,
  isPlainObject,
  isUnknown,
  listAlternatives,
} from "./validation";

export type AccessType = "OPEN" | "TRUSTED" | "RESTRICTED";
export type EntryPointAccess = "ALL" | "CREATOR_APP_ONLY";
export type Moderation = "ON" | "OFF";
export type RestrictionType = "HOSTS_ONLY" | "NO_RESTRICTION";
export type OnOff = "ON" | "OFF";
export type AttendanceReportGenerationType = "GENERATE_REPORT" | "DO_NOT_GENERATE";

/** Restrictions that apply while moderation is ON. */
export interface ModerationRestrictions {
  /** Who may send chat messages: `HOSTS_ONLY` or `NO_RESTRICTION`. Left out: the room keeps its value (the owner's policy default when created). */
  chatRestriction?: RestrictionType;
  /** Who may send reactions: `HOSTS_ONLY` or `NO_RESTRICTION`. Left out: unmanaged. */
  reactionRestriction?: RestrictionType;
  /** Who may present (share the screen): `HOSTS_ONLY` or `NO_RESTRICTION`. Left out: unmanaged. */
  presentRestriction?: RestrictionType;
  /** `ON`: people join as viewers unless a member role says otherwise. Left out: unmanaged. */
  defaultJoinAsViewerType?: OnOff;
}

export interface ArtifactConfig {
  recordingConfig?: {
    /** `ON`: record every meeting automatically (needs a plan with recording). Left out: unmanaged. */
    autoRecordingGeneration?: OnOff;
  };
  transcriptionConfig?: {
    /** `ON`: transcribe every meeting automatically (needs a plan with transcripts). Left out: unmanaged. */
    autoTranscriptionGeneration?: OnOff;
  };
  smartNotesConfig?: {
    /** `ON`: take notes with Gemini automatically (needs a plan with smart notes). Left out: unmanaged. */
    autoSmartNotesGeneration?: OnOff;
  };
}

/**
 * Every setting the Meet API has for a space. Each one left out is not managed: it is never sent,
 * and the room keeps whatever value it has (at creation, the owner's Workspace policy default).
 */
export interface SpaceConfig {
  /** Who can join without knocking: `OPEN` (anyone with the link), `TRUSTED` (the organisation and invitees), `RESTRICTED` (invitees only). */
  accessType?: AccessType;
  /** `ALL` entry points, or `CREATOR_APP_ONLY`: only apps of the Cloud project that created the room can join. */
  entryPointAccess?: EntryPointAccess;
  /** `ON` gives the hosts the restrictions below. Setting `OFF` makes Meet reset the restrictions to their defaults. */
  moderation?: Moderation;
  /** Restrictions in effect while moderation is ON. */
  moderationRestrictions?: ModerationRestrictions;
  /** `GENERATE_REPORT` makes an attendance report after each meeting (needs a plan with attendance reports). */
  attendanceReportGenerationType?: AttendanceReportGenerationType;
  /** Automatic recording, transcripts and smart notes. */
  artifactConfig?: ArtifactConfig;
}

/** One leaf setting. `path` is the JSON path under `config`; `mask` the gRPC update-mask path. */
export interface SettingSpec {
  readonly path: readonly string[];
  readonly values: readonly string[];
}

const RESTRICTION = ["HOSTS_ONLY", "NO_RESTRICTION"] as const;
const ON_OFF = ["ON", "OFF"] as const;

export const SETTINGS: readonly SettingSpec[] = [
  { path: ["accessType"], values: ["OPEN", "TRUSTED", "RESTRICTED"] },
  { path: ["entryPointAccess"], values: ["ALL", "CREATOR_APP_ONLY"] },
  // Moderation's enum is OFF=1, ON=2: the reverse of the other on/off enums.
  { path: ["moderation"], values: ["OFF", "ON"] },
  { path: ["moderationRestrictions", "chatRestriction"], values: RESTRICTION },
  { path: ["moderationRestrictions", "reactionRestriction"], values: RESTRICTION },
  { path: ["moderationRestrictions", "presentRestriction"], values: RESTRICTION },
  { path: ["moderationRestrictions", "defaultJoinAsViewerType"], values: ON_OFF },
  { path: ["attendanceReportGenerationType"], values: ["GENERATE_REPORT", "DO_NOT_GENERATE"] },
  { path: ["artifactConfig", "recordingConfig", "autoRecordingGeneration"], values: ON_OFF },
  { path: ["artifactConfig", "transcriptionConfig", "autoTranscriptionGeneration"], values: ON_OFF },
  { path: ["artifactConfig", "smartNotesConfig", "autoSmartNotesGeneration"], values: ON_OFF },
];

/** `moderationRestrictions.chatRestriction` */
export function settingKey(spec: SettingSpec): string {
  return spec.path.join(".");
}

/** Settings that need a feature of the owner's Workspace plan when turned on. */
const PLAN_FEATURES: Record<string, string> = {
  attendanceReportGenerationType: "GENERATE_REPORT",
  "artifactConfig.recordingConfig.autoRecordingGeneration": "ON",
  "artifactConfig.transcriptionConfig.autoTranscriptionGeneration": "ON",
  "artifactConfig.smartNotesConfig.autoSmartNotesGeneration": "ON",
};

/** The plan features a config turns on, as `config.…` property paths (for messages). */
export function planFeaturesUsed(config: SpaceConfig | undefined): string[] {
  return Object.entries(flattenConfig(config))
    .filter(([key, value]) => PLAN_FEATURES[key] === value)
    .map(([key]) => `config.${key}`);
}

/** Settings as a flat map from setting key to enum name. */
export type FlatSettings = Record<string, string>;

function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

function setPath(obj: Record<string, any>, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    cur[p] ??= {};
    cur = cur[p];
  }
  cur[path[path.length - 1]] = value;
}

/** The settings written in a config (the managed ones), flattened. */
export function flattenConfig(config: SpaceConfig | undefined): FlatSettings {
  const flat: FlatSettings = {};
  for (const spec of SETTINGS) {
    const value = getPath(config, spec.path);
    if (typeof value === "string") flat[settingKey(spec)] = value;
  }
  return flat;
}

/** Builds a nested config holding only the given settings. */
export function nestSettings(flat: FlatSettings): SpaceConfig {
  const config: Record<string, any> = {};
  for (const spec of SETTINGS) {
    const value = flat[settingKey(spec)];
    if (value !== undefined) setPath(config, spec.path, value);
  }
  return config;
}

/**
 * Reads a config as the API answers it: enums may come as names or numbers (REST with
 * `enum-encoding=int`), and proto3 defaults (`*_UNSPECIFIED`, 0, "") mean "absent".
 */
export function configFromApi(apiConfig: unknown): SpaceConfig {
  const flat: FlatSettings = {};
  for (const spec of SETTINGS) {
    const raw = getPath(apiConfig, spec.path);
    const name = typeof raw === "number" ? (raw >= 1 ? enumName(spec, raw) : undefined) : raw;
    if (typeof name === "string" && spec.values.includes(name)) flat[settingKey(spec)] = name;
  }
  return nestSettings(flat);
}

/** The API's enum numbers are 1-based in the order of the proto (which `values` follows). */
function enumName(spec: SettingSpec, n: number): string | undefined {
  return spec.values[n - 1];
}

/**
 * The managed settings whose desired value differs from the actual one: exactly what an
 * UpdateSpace must carry. Settings not written in `desired` are never compared.
 */
export function changedSettings(
  desired: SpaceConfig | undefined,
  actual: SpaceConfig | undefined,
): SettingSpec[] {
  const want = flattenConfig(desired);
  const have = flattenConfig(actual);
  return SETTINGS.filter((spec) => {
    const key = settingKey(spec);
    return want[key] !== undefined && !isUnknown(want[key]) && want[key] !== have[key];
  });
}

/** Keeps only the given settings of a config. */
export function pickSettings(config: SpaceConfig | undefined, keys: readonly string[]): SpaceConfig {
  const flat = flattenConfig(config);
  return nestSettings(Object.fromEntries(Object.entries(flat).filter(([k]) => keys.includes(k))));
}

const GROUPS: Record<string, readonly string[]> = {
  "": [
    "accessType",
    "entryPointAccess",
    "moderation",
    "moderationRestrictions",
    "attendanceReportGenerationType",
    "artifactConfig",
  ],
  moderationRestrictions: [
    "chatRestriction",
    "reactionRestriction",
    "presentRestriction",
    "defaultJoinAsViewerType",
  ],
  artifactConfig: ["recordingConfig", "transcriptionConfig", "smartNotesConfig"],
  "artifactConfig.recordingConfig": ["autoRecordingGeneration"],
  "artifactConfig.transcriptionConfig": ["autoTranscriptionGeneration"],
  "artifactConfig.smartNotesConfig": ["autoSmartNotesGeneration"],
};

/** Checks a `config` input; `prefix` is its property path (`config`). Values still unknown pass. */
export function validateSpaceConfig(config: unknown, prefix = "config"): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (config === undefined || isUnknown(config)) return failures;
  walk(config, "", failures, prefix);
  // Listed with the other failures, so one run shows every mistake.
  if (isPlainObject(config)) checkModerationConflicts(config as SpaceConfig, prefix, failures);
  return failures;
}

/**
 * Meet resets the restrictions whenever moderation is turned OFF, so asking for a restriction
 * together with moderation OFF could never converge: every `up` would change it again.
 */
function checkModerationConflicts(config: SpaceConfig, prefix: string, failures: CheckFailure[]): void {
  if (config.moderation !== "OFF") return;
  const restrictive: Record<string, string> = {
    chatRestriction: "HOSTS_ONLY",
    reactionRestriction: "HOSTS_ONLY",
    presentRestriction: "HOSTS_ONLY",
    defaultJoinAsViewerType: "ON",
  };
  for (const [key, value] of Object.entries(restrictive)) {
    const restrictions = config.moderationRestrictions as unknown;
    if (isPlainObject(restrictions) && restrictions[key] === value) {
      failures.push({
        property: `${prefix}.moderationRestrictions.${key}`,
        reason: `"${value}" has no effect while moderation is "OFF" (Meet resets the restrictions when moderation is turned off); set ${prefix}.moderation to "ON" or remove this setting`,
      });
    }
  }
}

function walk(value: unknown, group: string, failures: CheckFailure[], prefix: string): void {
  const path = group ? `${prefix}.${group}` : prefix;
  if (!isPlainObject(value)) {
    failures.push({ property: path, reason: `must be an object, got ${describeType(value)}` });
    return;
  }
  const allowed = GROUPS[group];
  checkKnownKeys(value, allowed, path, failures);
  for (const key of allowed) {
    const child = value[key];
    if (child === undefined || child === null || isUnknown(child)) continue;
    const childGroup = group ? `${group}.${key}` : key;
    if (GROUPS[childGroup]) {
      walk(child, childGroup, failures, prefix);
      continue;
    }
    const spec = SETTINGS.find((s) => settingKey(s) === childGroup)!;
    if (typeof child !== "string" || !spec.values.includes(child)) {
      failures.push({
        property: `${prefix}.${childGroup}`,
        reason: `must be ${listAlternatives(spec.values)}, got ${describeType(child)}`,
      });
    }
  }
}
