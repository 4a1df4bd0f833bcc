/**
 * Facts about the Google Chat API (google.chat.v1.ChatService, as `@google-apps/chat` 0.22's protos
 * state them) that both the provider (a client) and the emulator (a model) rely on: the methods
 * ChatSpace uses, the permissions UpdateSpace can set, the sizes a space's fields allow, and the
 * usage limits (developers.google.com/workspace/chat/limits).
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

/**
 * A SPACE's access permission settings (`accessSettings.accessPermissionSettings`, July 2026, newer
 * than the 0.22 protos): who may discover and who may join. UpdateSpaceRequest.update_mask: "The
 * supported field masks include: `access_settings.access_permission_settings.discoverSpaceSetting`,
 * `access_settings.access_permission_settings.joinSpaceSetting`"; each setting is a list of
 * principals, today target audiences (`audiences/{audience}`).
 */
export const ACCESS_PERMISSIONS = ["discoverSpaceSetting", "joinSpaceSetting"] as const;
export type AccessPermission = (typeof ACCESS_PERMISSIONS)[number];
export const ACCESS_PERMISSION_MASK = "access_settings.access_permission_settings";

/**
 * Google's Chat limits (developers.google.com/workspace/chat/limits): "Multiple quota types may
 * apply to Chat API methods: per-project, per-space, and per-user quotas." A call must fit every
 * one that counts it.
 */
export const CHAT_LIMITS = {
  /** Per project, per 60 seconds (the Cloud console's Quotas page may grant more). */
  project: {
    /** "Space writes per minute": spaces.setup, spaces.create, spaces.patch, spaces.delete. */
    spaceWrites: 60,
    /** "Space reads per minute": spaces.get, spaces.list, spaces.findDirectMessage. */
    spaceReads: 3000,
    /** "Membership writes per minute": spaces.members.create, spaces.members.delete. */
    membershipWrites: 300,
    /** "Membership reads per minute": spaces.members.get, spaces.members.list. */
    membershipReads: 3000,
  },
  /**
   * Per space, per second, "shared among all Chat apps acting in that space" (the page gave the
   * same limits per 60 seconds before: reads 900, writes 60).
   */
  space: {
    /** "Reads per second": spaces.get, spaces.members.get, spaces.members.list (and messages'). */
    reads: 15,
    /** "Writes per second": spaces.patch, spaces.delete (and messages'); not membership writes. */
    writes: 1,
  },
  /**
   * Per user, per minute: "There are additional quota limits for creating spaces of type
   * GROUP_CHAT or SPACE (by using either the spaces.create or the spaces.setup method). Create
   * less than 35 spaces per minute": at most 34.
   */
  user: { spaceCreates: 34 },
} as const;
