/**
 * Facts about the Google Chat API (google.chat.v1.ChatService, as `@google-apps/chat` 0.22's protos
 * state them) that both the provider (a client) and the emulator (a model) rely on: the methods
 * ChatSpace uses, the permissions UpdateSpace can set, and the sizes a space's fields allow.
 */

/** The RPCs a ChatSpace needs. */
export const CHAT_RPCS = [
  "SetUpSpace",
  "GetSpace",
  "UpdateSpace",
  "DeleteSpace",
  "CreateMembership",
  "ListMemberships",
  "GetMembership",
  "UpdateMembership",
  "DeleteMembership",
] as const;
export type ChatRpc = (typeof CHAT_RPCS)[number];

/**
 * The permissions UpdateSpace can set, as its mask names them (`permission_settings.<name>`);
 * `postMessages` is output only.
 */
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

/** SetUpSpace: "The set currently allows up to 49 memberships (in addition to the caller)." */
export const SETUP_MEMBERSHIPS_MAX = 49;

/**
 * Space.displayName: "Supports up to 128 characters."; SpaceDetails.description: "Supports up to
 * 150 characters."; SpaceDetails.guidelines: "Supports up to 5,000 characters."
 */
export const SPACE_FIELD_MAX = { displayName: 128, description: 150, guidelines: 5000 } as const;
