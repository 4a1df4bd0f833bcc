/**
 * A SPACE's access permission settings (`accessSettings.accessPermissionSettings`, July 2026): who
 * may discover the space and who may join it. Newer than the protos the emulator loads
 * (`@google-apps/chat` 0.22), so their JSON fields are added to the REST schemas here, from Google's
 * reference (space.proto of the newer clients): AccessSettings.access_permission_settings = 5,
 * AccessPermissionSettings {discover_space_setting = 1, join_space_setting = 2},
 * AccessPermissionSetting {repeated Principal principals = 1}, Principal {oneof {Audience audience =
 * 1}}, Audience {string name = 1}. Over gRPC the 0.22 protos neither send nor answer them, as a
 * client built on those protos would see.
 */
import { ACCESS_PERMISSION_MASK, ACCESS_PERMISSIONS } from "../../google/chat";
import { camelToSnake } from "../wire/case";
import type { Schema } from "../wire/knownFields";
import { invalidArgument } from "../wire/errors";

export interface AccessPermissionsRecord {
  /** Audience names (`audiences/{id}`) allowed to discover the space. */
  discover: string[];
  /** Audience names allowed to join it. */
  join: string[];
}

/** The mask paths, snake_case as the emulator normalizes them; the whole message or either setting. */
export const ACCESS_PERMISSION_MASK_PATHS: readonly string[] = [
  ACCESS_PERMISSION_MASK,
  ...ACCESS_PERMISSIONS.map((s) => `${ACCESS_PERMISSION_MASK}.${camelToSnake(s)}`),
];

const SETTING_SCHEMA: Schema = { principals: { audience: { name: true } } };

/**
 * A Space schema whose AccessSettings names its fields, `accessPermissionSettings` included (in
 * place). The schemas read from the protos take nested messages of Space whole; this one is checked
 * field by field, as Google's parser checks it.
 */
export function withAccessPermissionFields(space: Schema): Schema {
  const known = space.accessSettings;
  space.accessSettings = {
    ...(known === true || known === undefined ? { accessState: true, audience: true } : known),
    accessPermissionSettings: { discoverSpaceSetting: SETTING_SCHEMA, joinSpaceSetting: SETTING_SCHEMA },
  };
  return space;
}

/** The audience names of one setting as sent; a principal that is not an audience is refused. */
function audiencesOf(setting: any, field: string): string[] {
  const principals = setting?.principals ?? [];
  if (!Array.isArray(principals)) throw invalidArgument(`${field}.principals must be a list`);
  const names: string[] = [];
  principals.forEach((p: any, i: number) => {
    const name = p?.audience?.name;
    if (typeof name !== "string" || !/^audiences\/[^/]+$/.test(name))
      throw invalidArgument(
        `${field}.principals[${i}].audience.name must be "audiences/{audience}" (or "audiences/default"), got ${JSON.stringify(name ?? null)}`,
      );
    if (!names.includes(name)) names.push(name);
  });
  return names;
}

/**
 * UpdateSpace's change of the access permission settings: the settings the mask names take the
 * values sent (a setting named but not sent lets nobody in), the others stay.
 */
export function updatedAccessPermissions(
  current: AccessPermissionsRecord | undefined,
  paths: readonly string[],
  sent: any,
): AccessPermissionsRecord {
  const whole = paths.includes("access_settings.access_permission_settings");
  const named = (setting: string) =>
    whole || paths.includes(`access_settings.access_permission_settings.${setting}`);
  const field = "space.access_settings.access_permission_settings";
  const next: AccessPermissionsRecord = {
    discover: named("discover_space_setting")
      ? audiencesOf(sent?.discoverSpaceSetting, `${field}.discover_space_setting`)
      : [...(current?.discover ?? [])],
    join: named("join_space_setting")
      ? audiencesOf(sent?.joinSpaceSetting, `${field}.join_space_setting`)
      : [...(current?.join ?? [])],
  };
  // "Principals allowed to join the space must also be allowed to discover it."
  const outside = next.join.filter((a) => !next.discover.includes(a));
  if (outside.length > 0)
    throw invalidArgument(
      `${field}: principals allowed to join the space must also be allowed to discover it; ${outside.join(", ")} may join but not discover`,
    );
  return next;
}

/** The REST answer's `accessPermissionSettings`, or undefined when nothing was ever set. */
export function accessPermissionsToJson(
  record: AccessPermissionsRecord | undefined,
): Record<string, unknown> | undefined {
  if (!record) return undefined;
  const setting = (names: string[]) =>
    // proto3 JSON leaves an empty list out.
    names.length > 0 ? { principals: names.map((name) => ({ audience: { name } })) } : {};
  return { discoverSpaceSetting: setting(record.discover), joinSpaceSetting: setting(record.join) };
}
