/**
 * The Chat API's vocabulary as the emulator uses it: methods, scopes, quota buckets, enums, the
 * UpdateSpace mask groups, and how a space or membership is rendered for each transport. Source:
 * the comments of `@google-apps/chat` 0.22's protos (google/chat/v1/*.proto) and Google's
 * `spaces.setup` and usage-limits references; where they are silent, emulator/README.md says so.
 */
import { scope } from "../../google/oauth";
import { CHAT_LIMITS, CHAT_PERMISSIONS, type ChatPermission } from "../../google/chat";
import { camelToSnake } from "../wire/case";
import { ACCESS_PERMISSION_MASK_PATHS } from "./accessPermissions";
import { normalizeMask } from "../wire/masks";

import type { ChatMethod } from "../wire/call";
export type { ChatMethod } from "../wire/call";

/** User-authentication scopes each method accepts (chat_service.proto; any one is enough). */
export const CHAT_METHOD_SCOPES: Record<ChatMethod, string[]> = {
  "chat.SetUpSpace": [scope("chat.spaces"), scope("chat.spaces.create")],
  "chat.GetSpace": [scope("chat.spaces"), scope("chat.spaces.readonly")],
  "chat.UpdateSpace": [scope("chat.spaces")],
  "chat.DeleteSpace": [scope("chat.delete")],
  "chat.CreateMembership": [scope("chat.memberships")],
  "chat.ListMemberships": [scope("chat.memberships"), scope("chat.memberships.readonly")],
  "chat.GetMembership": [scope("chat.memberships"), scope("chat.memberships.readonly")],
  "chat.UpdateMembership": [scope("chat.memberships")],
  "chat.DeleteMembership": [scope("chat.memberships")],
};

export type ChatQuotaBucket =
  | "chatSpaceWrites"
  | "chatSpaceReads"
  | "chatMembershipWrites"
  | "chatMembershipReads"
  | "chatSpaceCreates";

/** Chat's per-space buckets, counted per second in each space. */
export type ChatSpaceQuotaBucket = "chatSpaceScopedReads" | "chatSpaceScopedWrites";

/**
 * Google's Chat quotas per minute (developers.google.com/workspace/chat/limits). Per project:
 * space writes (setup, create, patch, delete) 60, space reads 3000, membership writes 300,
 * membership reads 3000; the emulator holds each per user too, with the same number. Per user:
 * "Create less than 35 spaces per minute" (spaces of type GROUP_CHAT or SPACE, by spaces.create or
 * spaces.setup), so 34.
 */
export const CHAT_DEFAULT_LIMITS: Record<ChatQuotaBucket, number> = {
  chatSpaceWrites: CHAT_LIMITS.project.spaceWrites,
  chatSpaceReads: CHAT_LIMITS.project.spaceReads,
  chatMembershipWrites: CHAT_LIMITS.project.membershipWrites,
  chatMembershipReads: CHAT_LIMITS.project.membershipReads,
  chatSpaceCreates: CHAT_LIMITS.user.spaceCreates,
};

/**
 * Google's per-space Chat quotas per second, "shared among all Chat apps acting in that space":
 * reads (spaces.get, spaces.members.get, spaces.members.list) 15, writes (spaces.patch,
 * spaces.delete; membership writes are not among them) 1.
 */
export const CHAT_DEFAULT_SPACE_LIMITS: Record<ChatSpaceQuotaBucket, number> = {
  chatSpaceScopedReads: CHAT_LIMITS.space.reads,
  chatSpaceScopedWrites: CHAT_LIMITS.space.writes,
};

/** The per-minute buckets (per project and per user) each method counts in. */
export const CHAT_METHOD_BUCKETS: Record<ChatMethod, ChatQuotaBucket[]> = {
  "chat.SetUpSpace": ["chatSpaceWrites", "chatSpaceCreates"],
  "chat.UpdateSpace": ["chatSpaceWrites"],
  "chat.DeleteSpace": ["chatSpaceWrites"],
  "chat.GetSpace": ["chatSpaceReads"],
  "chat.CreateMembership": ["chatMembershipWrites"],
  // spaces.members.patch is in no table of the page: counted as a membership write.
  "chat.UpdateMembership": ["chatMembershipWrites"],
  "chat.DeleteMembership": ["chatMembershipWrites"],
  "chat.ListMemberships": ["chatMembershipReads"],
  "chat.GetMembership": ["chatMembershipReads"],
};

/** The per-second bucket of the space it targets each method counts in, if any. */
export const CHAT_METHOD_SPACE_BUCKET: Partial<Record<ChatMethod, ChatSpaceQuotaBucket>> = {
  "chat.GetSpace": "chatSpaceScopedReads",
  "chat.GetMembership": "chatSpaceScopedReads",
  "chat.ListMemberships": "chatSpaceScopedReads",
  "chat.UpdateSpace": "chatSpaceScopedWrites",
  "chat.DeleteSpace": "chatSpaceScopedWrites",
};

// --- enums (index = proto number) ----------------------------------------------------------

const SPACE_TYPES = ["SPACE_TYPE_UNSPECIFIED", "SPACE", "GROUP_CHAT", "DIRECT_MESSAGE"] as const;
const HISTORY_STATES = ["HISTORY_STATE_UNSPECIFIED", "HISTORY_OFF", "HISTORY_ON"] as const;
export const ROLES: Record<string, number> = {
  MEMBERSHIP_ROLE_UNSPECIFIED: 0,
  ROLE_MEMBER: 1,
  ROLE_MANAGER: 2,
  ROLE_ASSISTANT_MANAGER: 4,
};
const THREADING: Record<string, number> = {
  THREADED_MESSAGES: 2,
  GROUPED_MESSAGES: 3,
  UNTHREADED_MESSAGES: 4,
};
const MEMBERSHIP_STATES: Record<string, number> = { JOINED: 1, INVITED: 2, NOT_A_MEMBER: 3 };
const USER_TYPES: Record<string, number> = { HUMAN: 1, BOT: 2 };
const ACCESS_STATES: Record<string, number> = { PRIVATE: 1, DISCOVERABLE: 2 };
const LEGACY_TYPES: Record<string, number> = { ROOM: 1, DM: 2 };
const PREDEFINED: Record<string, number> = { COLLABORATION_SPACE: 1, ANNOUNCEMENT_SPACE: 2 };

function listToMap(values: readonly string[]): Record<string, number> {
  return Object.fromEntries(values.map((v, i) => [v, i]));
}

/** Enum fields by message, for reading numbers and writing `enum-encoding=int` answers. */
const ENUMS = {
  spaceType: listToMap(SPACE_TYPES),
  spaceHistoryState: listToMap(HISTORY_STATES),
  role: ROLES,
  spaceThreadingState: THREADING,
  state: MEMBERSHIP_STATES,
  type: { ...USER_TYPES, ...LEGACY_TYPES },
  accessState: ACCESS_STATES,
  predefinedPermissionSettings: PREDEFINED,
} as const;

/** Reads an enum sent as a name or a number; returns the name, or undefined when unknown. */
export function enumName(field: keyof typeof ENUMS, value: unknown): string | undefined {
  const table = ENUMS[field] as Record<string, number>;
  if (typeof value === "number") return Object.keys(table).find((k) => table[k] === value);
  if (typeof value === "string" && value in table) return value;
  return undefined;
}

/** Rewrites enum names to numbers in an answer (REST `$alt=json;enum-encoding=int`). */
export function numericEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(numericEnums);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const table = (ENUMS as Record<string, Record<string, number>>)[k];
    out[k] = table && typeof v === "string" && v in table ? table[v] : numericEnums(v);
  }
  return out;
}

// --- UpdateSpace masks ---------------------------------------------------------------------

/** A space's permissions: those UpdateSpace may set, and postMessages, which is output only. */
export type Permission = ChatPermission | "postMessages";

/**
 * Mask paths UpdateSpace accepts, snake_case. The proto's update_mask comment lists
 * `permission_settings.manageMembersAndGroups` etc. in lowerCamel; both spellings are accepted and
 * journaled as snake_case.
 */
export const SPACE_MASK_PATHS: readonly string[] = [
  "display_name",
  "space_type",
  "space_details",
  "space_history_state",
  "access_settings.audience",
  ...ACCESS_PERMISSION_MASK_PATHS,
  ...CHAT_PERMISSIONS.map((p) => `permission_settings.${camelToSnake(p)}`),
];

/** Chat's masks: comma-separated or listed, lowerCamel or snake_case, over either transport. */
export function normalizeChatMask(paths: readonly string[]): string[] {
  return normalizeMask(
    paths.flatMap((p) => p.split(",")),
    true,
  );
}

// --- defaults ------------------------------------------------------------------------------

export interface PermissionSettingJson {
  managersAllowed?: boolean;
  assistantManagersAllowed?: boolean;
  membersAllowed?: boolean;
}

/**
 * A new SPACE's permission settings. Google documents the settings (support.google.com/chat/answer/13340792)
 * but not the API's initial values; these follow the Chat UI's defaults for a collaboration space.
 * An ANNOUNCEMENT_SPACE lets only managers post.
 */
export function defaultPermissions(announcement: boolean): Record<Permission, PermissionSettingJson> {
  const managers = { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: false };
  const everyone = { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: true };
  return {
    manageMembersAndGroups: { ...managers },
    modifySpaceDetails: { ...managers },
    toggleHistory: { ...managers },
    useAtMentionAll: { ...managers },
    manageApps: { ...everyone },
    manageWebhooks: { ...everyone },
    postMessages: announcement ? { ...managers } : { ...everyone },
    replyMessages: { ...everyone },
  };
}

/** google.protobuf.Timestamp: RFC 3339 over REST, {seconds, nanos} over gRPC. */
export function timestamp(ms: number, transport: "grpc" | "rest"): unknown {
  if (transport === "rest") return new Date(ms).toISOString();
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}
