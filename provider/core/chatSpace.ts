/**
 * ChatSpace's core: the desired state a user writes, its validation (every failure at once, with
 * the property path and what is allowed), Chat's member plan rules, and the SetUpSpace request id.
 * The settings (update plan, managed keys) are chatSettings.ts'. Pure: no Pulumi, no API.
 *
 * The rules come from the comments of `@google-apps/chat` 0.22's protos (google/chat/v1) and
 * Google's `spaces.setup` reference; /work/shared/docs/chat-api.md summarises them.
 */
import { createHash } from "node:crypto";
import {
  type AccessPermissionSettings,
  canonicalAccessSetting,
  validateAccessPermissions,
} from "./chatAccess";
import { GROUP_ROLE, describeChatRole, isGroupEntry, isGroupKey, validateChatGroups } from "./chatMembers";
import {
  type DeclaredMember,
  type MemberPlan,
  type MemberRules,
  emailKey,
  planMembers,
  sameMembers,
} from "./memberPlan";
import { validateEmail, validateMemberList } from "./members";
import {
  type CheckFailure,
  checkKnownKeys,
  containsUnknown,
  describeType,
  isPlainObject,
  isUnknown,
  listAlternatives,
  UNKNOWN,
} from "./validation";

export type ChatSpaceType = "SPACE" | "GROUP_CHAT";
export type ChatHistoryState = "HISTORY_ON" | "HISTORY_OFF";
export type ChatMemberRole = "ROLE_MEMBER" | "ROLE_MANAGER" | "ROLE_ASSISTANT_MANAGER";
export type ChatDeletionPolicy = "DELETE" | "ABANDON";
export type ChatPredefinedPermissions = "COLLABORATION_SPACE" | "ANNOUNCEMENT_SPACE";

export const CHAT_SPACE_TYPES: readonly ChatSpaceType[] = ["SPACE", "GROUP_CHAT"];
export const CHAT_HISTORY_STATES: readonly ChatHistoryState[] = ["HISTORY_ON", "HISTORY_OFF"];
export const CHAT_MEMBER_ROLES: readonly ChatMemberRole[] = [
  "ROLE_MEMBER",
  "ROLE_MANAGER",
  "ROLE_ASSISTANT_MANAGER",
];
export const CHAT_DELETION_POLICIES: readonly ChatDeletionPolicy[] = ["DELETE", "ABANDON"];
/**
 * Space.predefined_permission_settings: "Input only when creating a space. If the field is not
 * set, a collaboration space is created." An announcement space lets only its managers post.
 */
export const CHAT_PREDEFINED_PERMISSIONS: readonly ChatPredefinedPermissions[] = [
  "COLLABORATION_SPACE",
  "ANNOUNCEMENT_SPACE",
];

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
export const PERMISSION_LEAVES = ["managersAllowed", "assistantManagersAllowed", "membersAllowed"] as const;

/** Who holds one permission; a leaf left out is not managed. */
export interface ChatPermissionSetting {
  managersAllowed?: boolean;
  assistantManagersAllowed?: boolean;
  membersAllowed?: boolean;
}
export type ChatPermissionSettings = Partial<Record<ChatPermission, ChatPermissionSetting>>;

/** A person (`email`, `role`) or a Google group (`group`, SPACE only; chatMembers.ts). */
export interface ChatMemberSpec {
  email?: string;
  /** `groups/{id}`: a Google group instead of a person. */
  group?: string;
  /** Default ROLE_MEMBER. People only. */
  role?: ChatMemberRole;
}

/**
 * A membership as the space has it. `email` is the planning key: the person's email for the
 * members this resource manages, `users/{id}` for others, `groups/{id}` for a group (also `group`).
 */
export interface ChatActualMember {
  email: string;
  group?: string;
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
  /** SPACE only. `accessPermissionSettings`: who may discover and join (chatAccess.ts). */
  accessSettings?: { audience?: string; accessPermissionSettings?: AccessPermissionSettings };
  /** SPACE only, at creation: the kind of space; a change replaces it. Left out: collaboration. */
  predefinedPermissionSettings?: ChatPredefinedPermissions;
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
  accessSettings: {
    audience: string;
    accessState?: string;
    /** Only when the API answers it (a space whose settings were never set has none). */
    accessPermissionSettings?: Required<AccessPermissionSettings>;
  };
  permissionSettings: Record<string, Required<ChatPermissionSetting>>;
}

/** "The set currently allows up to 49 memberships (in addition to the caller)." (space_setup.proto) */
export const SETUP_MEMBERSHIPS_MAX = 49;
/** Space.displayName: "Supports up to 128 characters." */
const DISPLAY_NAME_MAX = 128;
/** SpaceDetails: description "up to 150 characters", guidelines "up to 5,000 characters". */
const DESCRIPTION_MAX = 150;
const GUIDELINES_MAX = 5000;

/** The settings of a space: the inputs its outputs read back (`ChatSpaceSettings`). */
export const CHAT_SETTING_FIELDS = [
  "spaceType",
  "displayName",
  "spaceDetails",
  "spaceHistoryState",
  "externalUserAllowed",
  "accessSettings",
  "permissionSettings",
] as const satisfies readonly (keyof ChatSpaceSettings)[];

const INPUT_KEYS = [
  ...CHAT_SETTING_FIELDS,
  "predefinedPermissionSettings",
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

  if (
    checkObject(news.accessSettings, "accessSettings", ["audience", "accessPermissionSettings"], failures)
  ) {
    const { audience, accessPermissionSettings } = news.accessSettings as Record<string, unknown>;
    if (!group) validateAccessPermissions(accessPermissionSettings, failures);
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

  checkEnum(
    news.predefinedPermissionSettings,
    CHAT_PREDEFINED_PERMISSIONS,
    "predefinedPermissionSettings",
    failures,
  );
  if (group && news.predefinedPermissionSettings !== undefined)
    failures.push({
      property: "predefinedPermissionSettings",
      reason: "applies only to spaces of type SPACE (a group chat has no permission settings)",
    });
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
      {
        property: "members",
        reason: `must be a list of { email, role? } or { group }, got ${describeType(members)}`,
      },
    ];
  failures.push(...validateChatGroups(members, type));
  // The person entries; group entries (checked above) are skipped as unknown entries are.
  const people = members.map((m) => (isGroupEntry(m) ? UNKNOWN : m));
  failures.push(
    ...validateMemberList(people, "members", (role, property, found) => {
      if (role === undefined || isUnknown(role)) return;
      if (!CHAT_MEMBER_ROLES.includes(role as ChatMemberRole))
        found.push({
          property,
          reason: `must be ${CHAT_MEMBER_ROLES.map(describeChatRole).join(", ")}, got ${describeType(role)}`,
        });
      // ROLE_MANAGER and ROLE_ASSISTANT_MANAGER: "Only supported in SpaceType.SPACE (named spaces)."
      else if (group && role !== "ROLE_MEMBER")
        found.push({
          property,
          reason: `must be "ROLE_MEMBER" in a GROUP_CHAT: ${describeChatRole(String(role))} exists only in spaces of type SPACE`,
        });
    }),
  );
  const entries = people.filter(
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
      reason: `lists you (${caller}) as ${callerListed.role} and nobody as ROLE_MANAGER: a space must keep an owner (ROLE_MANAGER, "Owner" in Chat); make someone ROLE_MANAGER`,
    });
  return failures;
}

/** Inputs in canonical form: spaceType and member roles filled in. */
export function normalizeChatSpaceInputs(news: Record<string, unknown>): ChatSpaceInputs {
  const inputs = { ...news } as ChatSpaceInputs & Record<string, unknown>;
  inputs.spaceType ??= "SPACE";
  if (Array.isArray(inputs.members))
    inputs.members = inputs.members.map((m) =>
      m.group !== undefined ? { group: m.group } : { email: m.email, role: m.role ?? "ROLE_MEMBER" },
    );
  // Principals are an unordered list: kept sorted, so a reordering is no change.
  const access = inputs.accessSettings?.accessPermissionSettings;
  if (access && !containsUnknown(access))
    inputs.accessSettings = {
      ...inputs.accessSettings,
      accessPermissionSettings: Object.fromEntries(
        Object.entries(access).map(([k, v]) => [k, canonicalAccessSetting(v!)]),
      ),
    };
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
    // Only when set, so the ids of spaces made before this input existed stay the same.
    ...(inputs.predefinedPermissionSettings ? [inputs.predefinedPermissionSettings] : []),
  ]);
  const h = createHash("sha256").update(seed).digest("hex");
  // Version-4-shaped (RFC 9562 layout: version nibble 4, variant 10xx).
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// --- members -------------------------------------------------------------------------------

/**
 * Chat's plan rules. Memberships are new as ROLE_MEMBER (role is "only used as input in
 * UpdateMembership"), so a manager added is a create and then a role change. A SPACE never loses
 * its last manager on the way: promotions of existing members come first, then creates and the
 * promotions of the people just added, then demotions, then deletions.
 */
export const CHAT_MEMBER_RULES: MemberRules<ChatMemberRole> = {
  defaultRole: "ROLE_MEMBER",
  updateRole: true,
  createWithRole: false,
  order: ({ creates, setRoles: allSetRoles, deletes }) => {
    // A group's role is always MEMBERSHIP_ROLE_UNSPECIFIED: never set.
    const setRoles = allSetRoles.filter((s) => !isGroupKey(s.email));
    const existing = setRoles.filter((s) => !s.isNew);
    return [
      existing.filter((s) => s.role === "ROLE_MANAGER"),
      creates,
      setRoles.filter((s) => s.isNew),
      existing.filter((s) => s.role !== "ROLE_MANAGER"),
      deletes,
    ];
  },
};

/**
 * Turns `actual` into `desired`. Memberships whose email is unknown (people added outside this
 * program, shown as `users/{id}`) are extra unless they are the caller (`callerUser`), whom
 * SetUpSpace added and who is never drift.
 */
export function planChatMembers(
  desired: readonly ChatMemberSpec[],
  actual: readonly ChatActualMember[],
  callerUser?: string,
): MemberPlan<ChatMemberRole> {
  return planMembers(
    plannedChatMembers(desired),
    actual,
    CHAT_MEMBER_RULES,
    (m) => Boolean(callerUser) && m.user === callerUser,
  );
}

/**
 * Declared members as the planner keys them (`chatMemberKey`): `email` is the person's email or
 * the group's `groups/{id}`; a group carries the role Chat always gives it.
 */
export function plannedChatMembers(desired: readonly ChatMemberSpec[]): DeclaredMember<ChatMemberRole>[] {
  return desired.map((m) =>
    m.group !== undefined
      ? { email: m.group, role: GROUP_ROLE as ChatMemberRole }
      : { email: m.email ?? "", role: m.role ?? "ROLE_MEMBER" },
  );
}

/** True when the space's members already match the declared ones (people and groups). */
export function sameChatMembers(
  desired: readonly ChatMemberSpec[],
  actual: readonly { email: string; role?: string }[],
): boolean {
  return sameMembers(plannedChatMembers(desired), actual, "ROLE_MEMBER");
}
