/**
 * ChatSpace's core: the desired state a user writes, its validation (every failure at once, with
 * the property path and what is allowed), the UpdateSpace plan that respects Chat's update-mask
 * groups, the member reconciliation plan, and the SetUpSpace request id. Pure: no Pulumi, no API.
 *
 * The rules come from the comments of `@google-apps/chat` 0.22's protos (google/chat/v1) and
 * Google's `spaces.setup` reference; /work/shared/docs/chat-api.md summarises them.
 */
import { createHash } from "node:crypto";
import { MeetApiError, explainCommonFailure } from "./errors";
import { emailKey, validateEmail, validateMemberList } from "./members";
import { Code } from "./retry";
import {
  type CheckFailure,
  checkKnownKeys,
  describeType,
  isPlainObject,
  isUnknown,
  listAlternatives,
} from "./validation";

export type ChatSpaceType = "SPACE" | "GROUP_CHAT";
export type ChatHistoryState = "HISTORY_ON" | "HISTORY_OFF";
export type ChatMemberRole = "ROLE_MEMBER" | "ROLE_MANAGER";
export type ChatDeletionPolicy = "DELETE" | "ABANDON";

export const CHAT_SPACE_TYPES: readonly ChatSpaceType[] = ["SPACE", "GROUP_CHAT"];
export const CHAT_HISTORY_STATES: readonly ChatHistoryState[] = ["HISTORY_ON", "HISTORY_OFF"];
export const CHAT_MEMBER_ROLES: readonly ChatMemberRole[] = ["ROLE_MEMBER", "ROLE_MANAGER"];
export const CHAT_DELETION_POLICIES: readonly ChatDeletionPolicy[] = ["DELETE", "ABANDON"];

/** The permissions UpdateSpace can set, as its mask names them (`permission_settings.<name>`). */
export const CHAT_PERMISSIONS = [
  "manageMembersAndGroups",
  "modifySpaceDetails",
  "toggleHistory",
  "useAtMentionAll",
  "manageApps",
  "manageWebhooks",
  "replyMessages",
] as const;
export type ChatPermission = (typeof CHAT_PERMISSIONS)[number];
const PERMISSION_LEAVES = ["managersAllowed", "assistantManagersAllowed", "membersAllowed"] as const;

/** Who holds one permission; a leaf left out is not managed. */
export interface ChatPermissionSetting {
  managersAllowed?: boolean;
  assistantManagersAllowed?: boolean;
  membersAllowed?: boolean;
}
export type ChatPermissionSettings = Partial<Record<ChatPermission, ChatPermissionSetting>>;

export interface ChatMemberSpec {
  email: string;
  /** Default ROLE_MEMBER. */
  role?: ChatMemberRole;
}

/** A membership as the space has it. `email` is known for the members this resource manages. */
export interface ChatActualMember {
  email: string;
  role: ChatMemberRole | string;
  /** `spaces/{space}/members/{member}` */
  name: string;
  /** `users/{id}`, the canonical name the API answers with. */
  user: string;
}

/** ChatSpace inputs. Every setting left out is unmanaged: never sent, never drift. */
export interface ChatSpaceInputs {
  spaceType?: ChatSpaceType;
  displayName?: string;
  spaceDetails?: { description?: string; guidelines?: string };
  spaceHistoryState?: ChatHistoryState;
  externalUserAllowed?: boolean;
  accessSettings?: { audience?: string };
  permissionSettings?: ChatPermissionSettings;
  members?: ChatMemberSpec[];
  deletionPolicy?: ChatDeletionPolicy;
  owner?: string;
  /** Seeds SetUpSpace's requestId (the resource faces set it to the resource's identity). */
  setupKey?: string;
}

/** The settings a space has, as read back from the API (what outputs record). */
export interface ChatSpaceSettings {
  spaceType: ChatSpaceType | string;
  displayName: string;
  spaceDetails: { description: string; guidelines: string };
  spaceHistoryState: string;
  externalUserAllowed: boolean;
  accessSettings: { audience: string; accessState?: string };
  permissionSettings: Record<string, Required<ChatPermissionSetting>>;
}

/** "The set currently allows up to 49 memberships (in addition to the caller)." (space_setup.proto) */
export const SETUP_MEMBERSHIPS_MAX = 49;
/** Space.displayName: "Supports up to 128 characters." */
const DISPLAY_NAME_MAX = 128;
/** SpaceDetails: description "up to 150 characters", guidelines "up to 5,000 characters". */
const DESCRIPTION_MAX = 150;
const GUIDELINES_MAX = 5000;

const INPUT_KEYS = [
  "spaceType",
  "displayName",
  "spaceDetails",
  "spaceHistoryState",
  "externalUserAllowed",
  "accessSettings",
  "permissionSettings",
  "members",
  "deletionPolicy",
  "owner",
  "setupKey",
];

// --- validation --------------------------------------------------------------------------------

function checkEnum(
  value: unknown,
  allowed: readonly string[],
  property: string,
  failures: CheckFailure[],
): void {
  if (value === undefined || isUnknown(value)) return;
  if (!allowed.includes(value as string))
    failures.push({ property, reason: `must be ${listAlternatives(allowed)}, got ${describeType(value)}` });
}

function checkString(value: unknown, max: number, property: string, failures: CheckFailure[]): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "string")
    failures.push({ property, reason: `must be a string, got ${describeType(value)}` });
  else if (value.length > max)
    failures.push({ property, reason: `supports up to ${max} characters, got ${value.length}` });
}

function checkBoolean(value: unknown, property: string, failures: CheckFailure[]): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "boolean")
    failures.push({ property, reason: `must be true or false, got ${describeType(value)}` });
}

function checkObject(
  value: unknown,
  property: string,
  keys: readonly string[],
  failures: CheckFailure[],
): value is Record<string, unknown> {
  if (value === undefined || isUnknown(value)) return false;
  if (!isPlainObject(value)) {
    failures.push({
      property,
      reason: `must be an object with ${keys.join(", ")}, got ${describeType(value)}`,
    });
    return false;
  }
  checkKnownKeys(value, keys, property, failures);
  return true;
}

/**
 * Validates ChatSpace inputs. `caller` is the acting user's email when known (the `owner`, else
 * googlemeet:impersonateUser): SetUpSpace adds the caller itself, as the space's manager.
 */
export function validateChatSpaceInputs(news: Record<string, unknown>, caller?: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  checkKnownKeys(news, INPUT_KEYS, "", failures);
  checkEnum(news.spaceType, CHAT_SPACE_TYPES, "spaceType", failures);
  const type = (news.spaceType ?? "SPACE") as string;
  const group = type === "GROUP_CHAT";

  if (group) {
    if (news.displayName !== undefined)
      failures.push({
        property: "displayName",
        reason:
          "must be left out when spaceType is GROUP_CHAT (a group chat has no name); use spaceType SPACE for a named space",
      });
  } else if (news.displayName === undefined || news.displayName === "") {
    if (type === "SPACE")
      failures.push({
        property: "displayName",
        reason:
          "is required when spaceType is SPACE (the space's name, up to 128 characters, unique in the organization)",
      });
  } else if (
    !isUnknown(news.displayName) &&
    typeof news.displayName === "string" &&
    news.displayName.trim() === ""
  ) {
    failures.push({ property: "displayName", reason: "must not be blank" });
  }
  checkString(news.displayName, DISPLAY_NAME_MAX, "displayName", failures);

  if (checkObject(news.spaceDetails, "spaceDetails", ["description", "guidelines"], failures)) {
    const d = news.spaceDetails as Record<string, unknown>;
    checkString(d.description, DESCRIPTION_MAX, "spaceDetails.description", failures);
    checkString(d.guidelines, GUIDELINES_MAX, "spaceDetails.guidelines", failures);
  }
  checkEnum(news.spaceHistoryState, CHAT_HISTORY_STATES, "spaceHistoryState", failures);
  checkBoolean(news.externalUserAllowed, "externalUserAllowed", failures);

  if (checkObject(news.accessSettings, "accessSettings", ["audience"], failures)) {
    const audience = (news.accessSettings as Record<string, unknown>).audience;
    if (group) failures.push({ property: "accessSettings", reason: "applies only to spaces of type SPACE" });
    else if (
      audience !== undefined &&
      !isUnknown(audience) &&
      (typeof audience !== "string" || (audience !== "" && !/^audiences\/[^/\s]+$/.test(audience)))
    )
      failures.push({
        property: "accessSettings.audience",
        reason: `must be "audiences/{audience}" (e.g. "audiences/default"), or "" for no target audience, got ${describeType(audience)}`,
      });
  }

  if (checkObject(news.permissionSettings, "permissionSettings", CHAT_PERMISSIONS, failures)) {
    if (group)
      failures.push({ property: "permissionSettings", reason: "applies only to spaces of type SPACE" });
    for (const [key, setting] of Object.entries(news.permissionSettings as Record<string, unknown>)) {
      if (!CHAT_PERMISSIONS.includes(key as ChatPermission)) continue;
      const path = `permissionSettings.${key}`;
      if (checkObject(setting, path, PERMISSION_LEAVES, failures))
        for (const leaf of PERMISSION_LEAVES)
          checkBoolean((setting as Record<string, unknown>)[leaf], `${path}.${leaf}`, failures);
    }
  }

  checkEnum(news.deletionPolicy, CHAT_DELETION_POLICIES, "deletionPolicy", failures);
  if (news.owner !== undefined) validateEmail(news.owner, "owner", failures);
  if (news.setupKey !== undefined && !isUnknown(news.setupKey) && typeof news.setupKey !== "string")
    failures.push({ property: "setupKey", reason: `must be a string, got ${describeType(news.setupKey)}` });

  failures.push(...validateChatMembers(news.members, type, caller));
  return failures;
}

function validateChatMembers(members: unknown, type: string, caller?: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const group = type === "GROUP_CHAT";
  if (members === undefined || isUnknown(members)) {
    if (group && members === undefined)
      failures.push({
        property: "members",
        reason: "is required when spaceType is GROUP_CHAT: at least two people besides you",
      });
    return failures;
  }
  if (!Array.isArray(members))
    return [
      { property: "members", reason: `must be a list of { email, role? }, got ${describeType(members)}` },
    ];
  failures.push(
    ...validateMemberList(members, "members", (role, property, found) => {
      checkEnum(role, CHAT_MEMBER_ROLES, property, found);
      if (group && role === "ROLE_MANAGER")
        found.push({
          property,
          reason: 'must be "ROLE_MEMBER" in a GROUP_CHAT: managers exist only in spaces of type SPACE',
        });
    }),
  );
  const entries = members.filter(
    (m): m is { email?: unknown; role?: unknown } => isPlainObject(m) && !isUnknown(m),
  );
  const managers = entries.filter((m) => m.role === "ROLE_MANAGER").length;
  const listedCaller = caller
    ? entries.find((m) => typeof m.email === "string" && emailKey(m.email) === emailKey(caller))
    : undefined;
  const callerListed = listedCaller ? { role: String(listedCaller.role ?? "ROLE_MEMBER") } : undefined;
  const others = members.length - (callerListed ? 1 : 0);
  if (group && others < 2)
    failures.push({
      property: "members",
      reason: `a GROUP_CHAT needs at least two people besides you, got ${others}`,
    });
  if (group && others > SETUP_MEMBERSHIPS_MAX)
    failures.push({
      property: "members",
      reason: `a GROUP_CHAT is set up with all its people in one call, which allows up to ${SETUP_MEMBERSHIPS_MAX} besides you; got ${others}. Use spaceType SPACE for more`,
    });
  // SetUpSpace makes the caller a manager; a SPACE must keep one.
  if (!group && callerListed && callerListed.role !== "ROLE_MANAGER" && managers === 0)
    failures.push({
      property: "members",
      reason: `lists you (${caller}) as ROLE_MEMBER and nobody as ROLE_MANAGER: a space must keep a manager; make someone ROLE_MANAGER`,
    });
  return failures;
}

/** Inputs in canonical form: spaceType and member roles filled in. */
export function normalizeChatSpaceInputs(news: Record<string, unknown>): ChatSpaceInputs {
  const inputs = { ...news } as ChatSpaceInputs & Record<string, unknown>;
  inputs.spaceType ??= "SPACE";
  if (Array.isArray(inputs.members))
    inputs.members = inputs.members.map((m) => ({ email: m.email, role: m.role ?? "ROLE_MEMBER" }));
  return inputs;
}

// --- request id ------------------------------------------------------------------------------

/**
 * SetUpSpace's requestId: "Specifying an existing request ID returns the space created with that
 * ID instead of creating a new space." A UUID-shaped SHA-256 of what identifies this resource's
 * creation: its setup key (the faces pass project/stack/resource name, or the URN), the acting user
 * (the same id from another user is an error), and the inputs a change of which replaces the space
 * (so a replacement, created before the old one is deleted, gets a new space). Stable across
 * retries and later runs; different between two resources.
 */
export function chatRequestId(inputs: ChatSpaceInputs, actingUser: string | undefined): string {
  const seed = JSON.stringify([
    "ChatSpace/v1",
    inputs.setupKey ?? "",
    (actingUser ?? "").toLowerCase(),
    inputs.spaceType ?? "SPACE",
    inputs.externalUserAllowed ?? null,
    inputs.spaceType === "GROUP_CHAT" ? null : (inputs.displayName ?? ""),
  ]);
  const h = createHash("sha256").update(seed).digest("hex");
  // Version-4-shaped (RFC 9562 layout: version nibble 4, variant 10xx).
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// --- replacement and settings diff -------------------------------------------------------------

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

// --- members -------------------------------------------------------------------------------

/** One membership change. */
export type ChatMemberStep =
  | { kind: "create"; email: string }
  | { kind: "setRole"; email: string; name?: string; role: ChatMemberRole }
  | { kind: "delete"; email: string; name: string };

/**
 * The member changes in phases; each phase runs after the previous one has finished, the steps of
 * a phase may run concurrently. A SPACE never loses its last manager on the way: promotions of
 * existing members come first, then creates and the promotions of the people just added, then
 * demotions, then deletions.
 */
export interface ChatMemberPlan {
  phases: ChatMemberStep[][];
  /** Steps in total. */
  count: number;
}

/**
 * Turns `actual` into `desired`. Memberships whose email is unknown (people added outside this
 * program) are extra unless they are the caller (`callerUser`, `users/{id}`), whom SetUpSpace added
 * and who is never drift. Memberships are new as ROLE_MEMBER (role is "only used as input in
 * UpdateMembership"), so a manager added is a create and then a role change.
 */
export function planChatMembers(
  desired: readonly ChatMemberSpec[],
  actual: readonly ChatActualMember[],
  callerUser?: string,
): ChatMemberPlan {
  const have = new Map(
    actual.filter((m) => !m.email.startsWith("users/")).map((m) => [emailKey(m.email), m]),
  );
  const want = new Map(
    desired.map((m) => [emailKey(m.email), { email: m.email, role: m.role ?? "ROLE_MEMBER" }]),
  );
  const promote: ChatMemberStep[] = [];
  const create: ChatMemberStep[] = [];
  const promoteNew: ChatMemberStep[] = [];
  const demote: ChatMemberStep[] = [];
  const remove: ChatMemberStep[] = [];
  for (const [key, member] of want) {
    const current = have.get(key);
    if (!current) {
      create.push({ kind: "create", email: member.email });
      if (member.role !== "ROLE_MEMBER")
        promoteNew.push({ kind: "setRole", email: member.email, role: member.role });
    } else if (current.role !== member.role) {
      const step: ChatMemberStep = {
        kind: "setRole",
        email: member.email,
        name: current.name,
        role: member.role,
      };
      (member.role === "ROLE_MANAGER" ? promote : demote).push(step);
    }
  }
  for (const m of actual) {
    const key = emailKey(m.email);
    if (want.has(key)) continue;
    if (callerUser && m.user === callerUser) continue;
    remove.push({ kind: "delete", email: m.email, name: m.name });
  }
  // Deleting a manager comes after the demotions, like them after every promotion.
  const phases = [promote, create, promoteNew, demote, remove].filter((p) => p.length > 0);
  return { phases, count: phases.reduce((n, p) => n + p.length, 0) };
}

/** True when the actual members (with emails) already match the declared ones. */
export function sameChatMembers(
  desired: readonly ChatMemberSpec[],
  actual: readonly { email: string; role?: string }[],
): boolean {
  if (desired.length !== actual.length) return false;
  const have = new Map(actual.map((m) => [emailKey(m.email), m.role ?? "ROLE_MEMBER"]));
  return desired.every((m) => have.get(emailKey(m.email)) === (m.role ?? "ROLE_MEMBER"));
}

// --- retry and errors ----------------------------------------------------------------------

/**
 * Whether a failed Chat call may be sent again: every call ChatSpace makes is safe to repeat after
 * a transient failure. SetUpSpace carries a requestId (a repeat returns the space the first attempt
 * made; Google's own client config retries it on UNAVAILABLE); a repeated CreateMembership finds
 * the member (ALREADY_EXISTS) and a repeated delete finds nothing (NOT_FOUND), which the operations
 * take as done; GetSpace, UpdateSpace, UpdateMembership and the reads are idempotent.
 */
export function shouldRetryChat(code: number): boolean {
  return code === Code.UNAVAILABLE || code === Code.DEADLINE_EXCEEDED || code === Code.RESOURCE_EXHAUSTED;
}

export interface ChatFailureContext {
  /** e.g. "set up the Chat space \"Team\"". */
  action: string;
  space?: string;
  /** The acting user, when known. */
  user?: string;
  displayName?: string;
}

/** A message that says what failed, why, and what to do. */
export function explainChatFailure(err: unknown, ctx: ChatFailureContext): string {
  const common = explainCommonFailure(err, ctx, {
    title: "Chat API",
    service: "chat.googleapis.com",
    version: "v1",
  });
  if (common !== undefined || !(err instanceof MeetApiError)) return common ?? String(err);
  const where = ctx.space ? ` (${ctx.space})` : "";
  const who = ctx.user ? `"${ctx.user}"` : "the credentials' user";
  const head = `Could not ${ctx.action}${where}: ${err.method} answered ${err.answer}.`;
  switch (err.code) {
    case Code.ALREADY_EXISTS:
      if (ctx.displayName !== undefined)
        return `${head} Another Chat space in the organization is already named "${ctx.displayName}" (display names are unique). Choose another displayName, or delete or rename the other space.`;
      return head;
    case Code.PERMISSION_DENIED:
      if (/scope/i.test(err.detail))
        return `${head} The credentials lack a Chat OAuth scope: grant ${["chat.spaces", "chat.memberships", "chat.delete"].map((s) => `https://www.googleapis.com/auth/${s}`).join(", ")} (for a service account, in its domain-wide delegation).`;
      return `${head} ${who} must be a member of the space, and a manager (ROLE_MANAGER) for settings, roles and deletion. Set \`owner\` to a manager of the space, or use that user's credentials.`;
    case Code.UNAUTHENTICATED:
      return `${head} The credentials were refused: check googlemeet:credentials, googlemeet:accessToken, or Application Default Credentials.`;
    case Code.RESOURCE_EXHAUSTED:
      return `${head} Chat's quota stayed exhausted through every retry: apply fewer Chat spaces at once.`;
    case Code.NOT_FOUND:
      return `${head} The space does not exist, or ${who} cannot see it.`;
    case Code.FAILED_PRECONDITION:
      return `${head} A space must keep a manager: make another member ROLE_MANAGER first.`;
    default:
      return head;
  }
}
