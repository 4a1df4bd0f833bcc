/**
 * ChatSpace's core: the desired state a user writes (its types and allowed values), its canonical
 * form, and the SetUpSpace request id. Validation is chatSpaceValidation.ts', the member plan rules
 * chatMembers.ts', the settings (update plan, managed keys) chatSettings.ts'. Pure: no Pulumi, no API.
 *
 * The rules come from the comments of `@google-apps/chat` 0.22's protos (google/chat/v1) and
 * Google's `spaces.setup` reference; /work/shared/docs/chat-api.md summarises them.
 */
import { createHash } from "node:crypto";
import type { ChatPermission } from "../../google/chat";

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
  accessSettings?: { audience?: string };
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
  accessSettings: { audience: string; accessState?: string };
  permissionSettings: Record<string, Required<ChatPermissionSetting>>;
}

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

/** Inputs in canonical form: spaceType and member roles filled in. */
export function normalizeChatSpaceInputs(news: Record<string, unknown>): ChatSpaceInputs {
  const inputs = { ...news } as ChatSpaceInputs & Record<string, unknown>;
  inputs.spaceType ??= "SPACE";
  if (Array.isArray(inputs.members))
    inputs.members = inputs.members.map((m) =>
      m.group !== undefined ? { group: m.group } : { email: m.email, role: m.role ?? "ROLE_MEMBER" },
    );
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
