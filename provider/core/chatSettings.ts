/**
 * A Chat space's settings: which input changes need a new space, the UpdateSpace calls that turn
 * the space's settings into the managed ones (respecting Chat's update-mask groups), the managed
 * keys state records, and reading the API's answers. Pure: no Pulumi, no API.
 */
import { CHAT_PERMISSIONS } from "../../google/chat";
import {
  type ChatPermissionSetting,
  type ChatSpaceInputs,
  type ChatSpaceSettings,
  PERMISSION_LEAVES,
} from "./chatSpace";

/** Inputs whose change needs a new space: the API cannot change them in place. */
export function chatReplaceReasons(
  olds: ChatSpaceInputs,
  news: ChatSpaceInputs,
  oldSettings?: ChatSpaceSettings,
): string[] {
  const reasons: string[] = [];
  const oldType = olds.spaceType ?? oldSettings?.spaceType ?? "SPACE";
  const newType = news.spaceType ?? "SPACE";
  // UpdateSpace "Only supports changing a GROUP_CHAT space type to SPACE".
  if (oldType !== newType && !(oldType === "GROUP_CHAT" && newType === "SPACE")) reasons.push("spaceType");
  // externalUserAllowed is "Immutable ... For existing spaces, this field is output only."
  if (
    news.externalUserAllowed !== undefined &&
    news.externalUserAllowed !== (oldSettings?.externalUserAllowed ?? olds.externalUserAllowed ?? false)
  )
    reasons.push("externalUserAllowed");
  if ((olds.owner ?? undefined) !== (news.owner ?? undefined)) reasons.push("owner");
  // predefined_permission_settings is "Input only when creating a space"; left out, not managed.
  if (
    news.predefinedPermissionSettings !== undefined &&
    news.predefinedPermissionSettings !== (olds.predefinedPermissionSettings ?? "COLLABORATION_SPACE")
  )
    reasons.push("predefinedPermissionSettings");
  return reasons;
}

/** One UpdateSpace call: the space fields to send and exactly the mask paths they fill. */
export interface ChatSpaceUpdate {
  paths: string[];
  space: Record<string, unknown>;
}

/**
 * The fewest UpdateSpace calls that turn `current` into the managed settings of `desired`, each
 * with exactly the changed paths. UpdateSpace's mask rules (space.proto) make four groups:
 * `space_history_state` alone; `access_settings.audience` alone; `permission_settings.*` only with
 * each other; and display_name / space_type / space_details together. No change, no call.
 * `space_details` sends both fields ("pass the existing value for the other field"); a permission
 * sends all its leaves ("existing permission settings are replaced"), unmanaged ones as they are.
 */
export function planChatSpaceUpdates(
  desired: ChatSpaceInputs,
  current: ChatSpaceSettings,
): ChatSpaceUpdate[] {
  const calls: ChatSpaceUpdate[] = [];
  const details: ChatSpaceUpdate = { paths: [], space: {} };
  if (desired.spaceType === "SPACE" && current.spaceType === "GROUP_CHAT") {
    // "Include display_name together with space_type in the update mask"
    details.paths.push("space_type", "display_name");
    details.space.spaceType = "SPACE";
    details.space.displayName = desired.displayName ?? "";
  } else if (desired.displayName !== undefined && desired.displayName !== current.displayName) {
    details.paths.push("display_name");
    details.space.displayName = desired.displayName;
  }
  const d = desired.spaceDetails;
  if (
    d &&
    ((d.description !== undefined && d.description !== current.spaceDetails.description) ||
      (d.guidelines !== undefined && d.guidelines !== current.spaceDetails.guidelines))
  ) {
    details.paths.push("space_details");
    details.space.spaceDetails = {
      description: d.description ?? current.spaceDetails.description,
      guidelines: d.guidelines ?? current.spaceDetails.guidelines,
    };
  }
  if (details.paths.length > 0) calls.push(details);

  if (desired.spaceHistoryState !== undefined && desired.spaceHistoryState !== current.spaceHistoryState)
    calls.push({ paths: ["space_history_state"], space: { spaceHistoryState: desired.spaceHistoryState } });

  const audience = desired.accessSettings?.audience;
  if (audience !== undefined && audience !== (current.accessSettings.audience ?? ""))
    calls.push({ paths: ["access_settings.audience"], space: { accessSettings: { audience } } });

  const permissions: ChatSpaceUpdate = { paths: [], space: {} };
  const sent: Record<string, unknown> = {};
  for (const key of CHAT_PERMISSIONS) {
    const want = desired.permissionSettings?.[key];
    if (!want) continue;
    const have = current.permissionSettings[key] ?? {
      managersAllowed: false,
      assistantManagersAllowed: false,
      membersAllowed: false,
    };
    const changed = PERMISSION_LEAVES.some((leaf) => want[leaf] !== undefined && want[leaf] !== have[leaf]);
    if (!changed) continue;
    permissions.paths.push(`permission_settings.${key}`);
    sent[key] = Object.fromEntries(PERMISSION_LEAVES.map((leaf) => [leaf, want[leaf] ?? have[leaf]]));
  }
  if (permissions.paths.length > 0) {
    permissions.space.permissionSettings = sent;
    calls.push(permissions);
  }
  return calls;
}

/**
 * The settings a program manages, as leaf keys: `displayName`, `spaceDetails.description`,
 * `spaceHistoryState`, `accessSettings.audience`, `permissionSettings.manageApps.membersAllowed`, …
 * State records them, so refresh reports drift only in these, and removing one stops managing it.
 */
export function managedChatKeys(inputs: ChatSpaceInputs): string[] {
  const keys: string[] = [];
  if (inputs.displayName !== undefined) keys.push("displayName");
  for (const field of ["description", "guidelines"] as const)
    if (inputs.spaceDetails?.[field] !== undefined) keys.push(`spaceDetails.${field}`);
  if (inputs.spaceHistoryState !== undefined) keys.push("spaceHistoryState");
  if (inputs.externalUserAllowed !== undefined) keys.push("externalUserAllowed");
  if (inputs.accessSettings?.audience !== undefined) keys.push("accessSettings.audience");
  for (const key of CHAT_PERMISSIONS)
    for (const leaf of PERMISSION_LEAVES)
      if (inputs.permissionSettings?.[key]?.[leaf] !== undefined)
        keys.push(`permissionSettings.${key}.${leaf}`);
  return keys;
}

/**
 * What an import (a read with nothing recorded) manages: every setting the space has that a program
 * may write for its type, so the imported inputs pass check (a SPACE's name, say) and match it.
 */
export function importedChatKeys(current: ChatSpaceSettings): string[] {
  const named = current.spaceType === "SPACE";
  const set = (v: string) => v || undefined;
  return managedChatKeys({
    spaceType: current.spaceType,
    displayName: named ? set(current.displayName) : undefined,
    spaceDetails: named
      ? {
          description: set(current.spaceDetails.description),
          guidelines: set(current.spaceDetails.guidelines),
        }
      : undefined,
    spaceHistoryState: /UNSPECIFIED/.test(current.spaceHistoryState)
      ? undefined
      : set(current.spaceHistoryState),
    externalUserAllowed: current.externalUserAllowed,
    accessSettings:
      named && current.accessSettings.audience ? { audience: current.accessSettings.audience } : undefined,
    permissionSettings: named ? current.permissionSettings : undefined,
  } as ChatSpaceInputs);
}

/** The managed settings (by `managedChatKeys`) as `current` has them: what refresh reports as inputs. */
export function pickChatSettings(
  keys: readonly string[],
  current: ChatSpaceSettings,
): Partial<ChatSpaceInputs> {
  const out: Record<string, any> = {};
  for (const key of keys) {
    const parts = key.split(".");
    let from: any = current;
    for (const p of parts) from = from?.[p];
    if (parts[0] === "permissionSettings" && from === undefined) from = false;
    let into = out;
    for (const p of parts.slice(0, -1)) into = into[p] ??= {};
    into[parts[parts.length - 1]] = from;
  }
  return out as Partial<ChatSpaceInputs>;
}

/** Reads a Space answer (either transport; enums as names or numbers) into settings. */
export function chatSettingsFromApi(space: Record<string, any>): ChatSpaceSettings {
  const enumOf = (v: unknown, names: readonly string[]) =>
    typeof v === "number" ? (names[v] ?? String(v)) : String(v ?? "");
  const permissionSettings: Record<string, Required<ChatPermissionSetting>> = {};
  for (const [key, value] of Object.entries<any>(space.permissionSettings ?? {})) {
    if (!value) continue;
    permissionSettings[key] = {
      managersAllowed: value.managersAllowed === true,
      assistantManagersAllowed: value.assistantManagersAllowed === true,
      membersAllowed: value.membersAllowed === true,
    };
  }
  const settings: ChatSpaceSettings = {
    spaceType: enumOf(space.spaceType, ["SPACE_TYPE_UNSPECIFIED", "SPACE", "GROUP_CHAT", "DIRECT_MESSAGE"]),
    displayName: space.displayName ?? "",
    spaceDetails: {
      description: space.spaceDetails?.description ?? "",
      guidelines: space.spaceDetails?.guidelines ?? "",
    },
    spaceHistoryState: enumOf(space.spaceHistoryState, CHAT_HISTORY_NAMES),
    externalUserAllowed: space.externalUserAllowed === true,
    accessSettings: { audience: space.accessSettings?.audience ?? "" },
    permissionSettings,
  };
  if (space.accessSettings?.accessState !== undefined)
    settings.accessSettings.accessState = enumOf(space.accessSettings.accessState, [
      "ACCESS_STATE_UNSPECIFIED",
      "PRIVATE",
      "DISCOVERABLE",
    ]);
  return settings;
}
const CHAT_HISTORY_NAMES = ["HISTORY_STATE_UNSPECIFIED", "HISTORY_OFF", "HISTORY_ON"];

/** A role from the API (name or number) as its name. */
export function chatRoleName(role: unknown): string {
  const names: Record<number, string> = {
    0: "MEMBERSHIP_ROLE_UNSPECIFIED",
    1: "ROLE_MEMBER",
    2: "ROLE_MANAGER",
    4: "ROLE_ASSISTANT_MANAGER",
  };
  return typeof role === "number"
    ? (names[role] ?? String(role))
    : String(role ?? "MEMBERSHIP_ROLE_UNSPECIFIED");
}
