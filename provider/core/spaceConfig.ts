/**
 * What is done with a space's settings, all derived from the one table (spaceConfigTable.ts): the
 * settings a config writes, the changed settings an update sends (each wire writes its own mask
 * case from their keys), the plan features, reading the API's answers, and validation. A config
 * keeps its nested shape throughout.
 */
import {
  CONFIG_TABLE,
  type Group,
  type Node,
  SETTINGS,
  type SettingSpec,
  type SpaceConfig,
} from "./spaceConfigTable";
import {
  type CheckFailure,
  checkEnum,
  checkKnownKeys,
  describeType,
  isPlainObject,
  isUnknown,
} from "./validation";

export * from "./spaceConfigTable";

/** `moderationRestrictions.chatRestriction` */
export function settingKey(spec: SettingSpec): string {
  return spec.key;
}

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

/** A setting's value as written in `config` (a string), else undefined. */
export function settingValue(config: unknown, spec: SettingSpec): string | undefined {
  const value = getPath(config, spec.path);
  return typeof value === "string" ? value : undefined;
}

/** The settings written in a config (the managed ones). */
export function writtenSettings(config: SpaceConfig | undefined): SettingSpec[] {
  return SETTINGS.filter((spec) => settingValue(config, spec) !== undefined);
}

/** The keys of the settings written in a config: what state records as managed. */
export function managedKeys(config: SpaceConfig | undefined): string[] {
  return writtenSettings(config).map(settingKey);
}

/** A config holding only the given settings of `config`, in the same nested shape. */
export function pickSettings(
  config: SpaceConfig | undefined,
  keys: readonly string[] | readonly SettingSpec[],
): SpaceConfig {
  const out: Record<string, any> = {};
  const wanted = new Set(
    (keys as readonly (string | SettingSpec)[]).map((k) => (typeof k === "string" ? k : k.key)),
  );
  for (const spec of SETTINGS) {
    const value = wanted.has(spec.key) ? settingValue(config, spec) : undefined;
    if (value !== undefined) setPath(out, spec.path, value);
  }
  return out;
}

/** The plan features a config turns on, as `config.…` property paths (for messages). */
export function planFeaturesUsed(config: SpaceConfig | undefined): string[] {
  return SETTINGS.filter((spec) => spec.planFeature && settingValue(config, spec) === spec.planFeature).map(
    (spec) => `config.${spec.key}`,
  );
}

/**
 * Reads a config as the API answers it: enums may come as names or numbers (REST with
 * `enum-encoding=int`), and proto3 defaults (`*_UNSPECIFIED`, 0, "") mean "absent".
 */
export function configFromApi(apiConfig: unknown): SpaceConfig {
  const config: Record<string, any> = {};
  for (const spec of SETTINGS) {
    const raw = getPath(apiConfig, spec.path);
    // The API's enum numbers are 1-based in the order of the proto (which `values` follows).
    const name = typeof raw === "number" ? (raw >= 1 ? spec.values[raw - 1] : undefined) : raw;
    if (typeof name === "string" && spec.values.includes(name)) setPath(config, spec.path, name);
  }
  return config;
}

/**
 * The managed settings whose desired value differs from the actual one: exactly what an
 * UpdateSpace must carry. Settings not written in `desired` are never compared.
 */
export function changedSettings(
  desired: SpaceConfig | undefined,
  actual: SpaceConfig | undefined,
): SettingSpec[] {
  return SETTINGS.filter((spec) => {
    const want = settingValue(desired, spec);
    return want !== undefined && !isUnknown(want) && want !== settingValue(actual, spec);
  });
}

/** One UpdateSpace: the changed settings' keys (each wire writes its mask from them) and the config to send. */
export interface ConfigUpdate {
  settings: string[];
  patch: SpaceConfig;
}

/** What turns `actual` into the managed settings of `desired`; undefined when nothing differs. */
export function planConfigUpdate(
  desired: SpaceConfig | undefined,
  actual: SpaceConfig | undefined,
): ConfigUpdate | undefined {
  const changes = changedSettings(desired, actual);
  if (!changes.length) return undefined;
  return { settings: changes.map(settingKey), patch: pickSettings(desired, changes) };
}

// --- validation --------------------------------------------------------------------------------

/** Checks a `config` input; `prefix` is its property path (`config`). Values still unknown pass. */
export function validateSpaceConfig(config: unknown, prefix = "config"): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (config === undefined || isUnknown(config)) return failures;
  walk(config, CONFIG_TABLE, "", failures, prefix);
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

function walk(
  value: unknown,
  node: Group<Record<string, Node>>,
  key: string,
  failures: CheckFailure[],
  prefix: string,
): void {
  const path = key ? `${prefix}.${key}` : prefix;
  if (!isPlainObject(value)) {
    failures.push({ property: path, reason: `must be an object, got ${describeType(value)}` });
    return;
  }
  checkKnownKeys(value, Object.keys(node.children), path, failures);
  for (const [name, child] of Object.entries(node.children)) {
    const given = value[name];
    if (given === undefined || given === null || isUnknown(given)) continue;
    const childKey = key ? `${key}.${name}` : name;
    if (child.kind === "group") {
      walk(given, child, childKey, failures, prefix);
      continue;
    }
    checkEnum(given, Object.keys(child.enum.values), `${prefix}.${childKey}`, failures);
  }
}
