/**
 * A SPACE's access permission settings (`accessSettings.accessPermissionSettings`, July 2026): who
 * may discover the space and who may join it, each a list of principals (today only target
 * audiences). Validation, the UpdateSpace call that changes them, and reading them back. Pure: no
 * Pulumi, no API.
 *
 * Google's rules (space.proto after `@google-apps/chat` 0.22, UpdateSpaceRequest.update_mask):
 * "Updates the access permission settings of who can discover and join the space where
 * `spaceType` field is `SPACE`. Principals allowed to join the space must also be allowed to
 * discover it. To update access permission settings for a space, the authenticating user must be a
 * space manager or assistant manager and omit all other field masks in the request."
 * On the field itself: "To set the target audience when creating a space, specify the
 * `accessSettings.audience` field in your request." So they are set by UpdateSpace, after setup.
 */
import { isDeepStrictEqual } from "node:util";
import { ACCESS_PERMISSION_MASK, ACCESS_PERMISSIONS, type AccessPermission } from "../../google/chat";
import { OperationError } from "./errors";
import { type CheckFailure, checkKnownKeys, describeType, isPlainObject, isUnknown } from "./validation";

export { ACCESS_PERMISSIONS, type AccessPermission };

/** A principal: a target audience by resource name (the API's `{ audience: { name } }`). */
export interface AccessPrincipal {
  audience: string;
}
export interface AccessPermissionSetting {
  principals: AccessPrincipal[];
}
export type AccessPermissionSettings = Partial<Record<AccessPermission, AccessPermissionSetting>>;

/** The mask path of each setting, exactly as UpdateSpaceRequest.update_mask lists it. */
export const ACCESS_PERMISSION_PATHS = Object.fromEntries(
  ACCESS_PERMISSIONS.map((s) => [s, `${ACCESS_PERMISSION_MASK}.${s}`]),
) as Record<AccessPermission, string>;

/** The managed key of a setting, as state records it. */
export const accessPermissionKey = (setting: AccessPermission) =>
  `accessSettings.accessPermissionSettings.${setting}`;

const AUDIENCE_RE = /^audiences\/[^/\s]+$/;
const PROPERTY = "accessSettings.accessPermissionSettings";

/** Validates `accessSettings.accessPermissionSettings` (the caller has checked it is a SPACE's). */
export function validateAccessPermissions(value: unknown, failures: CheckFailure[]): void {
  if (value === undefined || isUnknown(value)) return;
  if (!isPlainObject(value)) {
    failures.push({
      property: PROPERTY,
      reason: `must be an object with ${ACCESS_PERMISSIONS.join(", ")}, got ${describeType(value)}`,
    });
    return;
  }
  checkKnownKeys(value, ACCESS_PERMISSIONS, PROPERTY, failures);
  const audiences: Partial<Record<AccessPermission, string[]>> = {};
  for (const setting of ACCESS_PERMISSIONS) {
    const found = checkSetting(value[setting], `${PROPERTY}.${setting}`, failures);
    if (found) audiences[setting] = found;
  }
  const { discoverSpaceSetting: discover, joinSpaceSetting: join } = audiences;
  if (discover && join) failures.push(...joinOutsideDiscover(join, discover));
}

/** The audiences of one setting, or undefined when it is left out, unknown or malformed. */
function checkSetting(value: unknown, property: string, failures: CheckFailure[]): string[] | undefined {
  if (value === undefined || isUnknown(value)) return undefined;
  if (!isPlainObject(value)) {
    failures.push({
      property,
      reason: `must be { principals: [{ audience: "audiences/{id}" }, ...] }, got ${describeType(value)}`,
    });
    return undefined;
  }
  checkKnownKeys(value, ["principals"], property, failures);
  const principals = value.principals;
  if (isUnknown(principals)) return undefined;
  if (!Array.isArray(principals)) {
    failures.push({
      property: `${property}.principals`,
      reason: `must be a list of { audience: "audiences/{id}" } ([] for nobody beyond the people and groups added), got ${describeType(principals)}`,
    });
    return undefined;
  }
  const audiences: string[] = [];
  let complete = true;
  principals.forEach((p, i) => {
    const at = `${property}.principals[${i}]`;
    if (isUnknown(p) || (isPlainObject(p) && isUnknown(p.audience))) {
      complete = false;
      return;
    }
    if (!isPlainObject(p)) {
      failures.push({
        property: at,
        reason: `must be { audience: "audiences/{id}" }, got ${describeType(p)}`,
      });
      complete = false;
      return;
    }
    checkKnownKeys(p, ["audience"], at, failures);
    if (typeof p.audience !== "string" || !AUDIENCE_RE.test(p.audience)) {
      const got = p.audience === undefined ? "left out" : `got ${describeType(p.audience)}`;
      failures.push({
        property: `${at}.audience`,
        reason: `must be "audiences/{id}" (e.g. "audiences/default", the organization's default target audience), ${got}`,
      });
      complete = false;
    } else if (audiences.includes(p.audience)) {
      failures.push({ property: `${at}.audience`, reason: `repeats ${JSON.stringify(p.audience)}` });
    } else audiences.push(p.audience);
  });
  return complete ? audiences : undefined;
}

/** "Principals allowed to join the space must also be allowed to discover it." */
function joinOutsideDiscover(join: readonly string[], discover: readonly string[]): CheckFailure[] {
  const outside = join.filter((a) => !discover.includes(a));
  if (outside.length === 0) return [];
  return [
    {
      property: `${PROPERTY}.joinSpaceSetting`,
      reason: `lets ${outside.map((a) => JSON.stringify(a)).join(", ")} join but discoverSpaceSetting does not let ${outside.length === 1 ? "it" : "them"} discover the space; Google requires that principals allowed to join the space are also allowed to discover it: add ${outside.length === 1 ? "it" : "them"} to discoverSpaceSetting`,
    },
  ];
}

/** A setting in canonical form: principals sorted (the API's list is unordered). */
export function canonicalAccessSetting(setting: AccessPermissionSetting): AccessPermissionSetting {
  return {
    principals: [...setting.principals]
      .map((p) => ({ audience: p.audience }))
      .sort((a, b) => a.audience.localeCompare(b.audience)),
  };
}

const NOBODY: AccessPermissionSetting = { principals: [] };

/**
 * The one UpdateSpace call that turns `current` into `desired` (only the settings declared and
 * changed, each its own mask path), or undefined when nothing changes. Throws, before any call,
 * what Google would refuse: join must stay within discover, counting the discover setting the
 * space keeps when the program leaves it out.
 */
export function planAccessPermissions(
  desired: AccessPermissionSettings | undefined,
  current: AccessPermissionSettings | undefined,
): { paths: string[]; space: Record<string, unknown> } | undefined {
  if (!desired) return undefined;
  const effective = (s: AccessPermission) => canonicalAccessSetting(desired[s] ?? current?.[s] ?? NOBODY);
  const [failure] = joinOutsideDiscover(
    effective("joinSpaceSetting").principals.map((p) => p.audience),
    effective("discoverSpaceSetting").principals.map((p) => p.audience),
  );
  if (failure)
    throw new OperationError(
      `${failure.property} ${failure.reason}${desired.discoverSpaceSetting ? "" : " (the space's discoverSpaceSetting, not managed here, is kept as it is)"}. Nothing was changed.`,
    );
  const paths: string[] = [];
  const sent: Record<string, unknown> = {};
  for (const setting of ACCESS_PERMISSIONS) {
    const want = desired[setting];
    if (!want) continue;
    if (isDeepStrictEqual(canonicalAccessSetting(want), canonicalAccessSetting(current?.[setting] ?? NOBODY)))
      continue;
    paths.push(ACCESS_PERMISSION_PATHS[setting]);
    sent[setting] = { principals: want.principals.map((p) => ({ audience: { name: p.audience } })) };
  }
  if (paths.length === 0) return undefined;
  return { paths, space: { accessSettings: { accessPermissionSettings: sent } } };
}

/** Reads the API's `accessPermissionSettings` (absent settings and lists as nobody). */
export function accessPermissionsFromApi(value: any): Required<AccessPermissionSettings> {
  const read = (setting: any): AccessPermissionSetting =>
    canonicalAccessSetting({
      principals: (Array.isArray(setting?.principals) ? setting.principals : [])
        .map((p: any) => p?.audience?.name)
        .filter((name: unknown): name is string => typeof name === "string")
        .map((audience: string) => ({ audience })),
    });
  return {
    discoverSpaceSetting: read(value?.discoverSpaceSetting),
    joinSpaceSetting: read(value?.joinSpaceSetting),
  };
}
