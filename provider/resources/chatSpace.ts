/** The ChatSpace resource class: the program-facing half of a Google Chat space and its members. */
import * as pulumi from "@pulumi/pulumi";
import type { AccessPermissionSettings } from "../core/chatAccess";
import type {
  ChatDeletionPolicy,
  ChatHistoryState,
  ChatMemberRole,
  ChatPermissionSettings,
  ChatPredefinedPermissions,
  ChatSpaceType,
} from "../core/chatSpace";
import { setupKeyOf } from "./identity";
import { chatStub } from "./stub";
import { nameFromId } from "./nameFromId";

/** A person in the space, declared in `ChatSpace.members`. */
export interface ChatSpacePersonSpec {
  /** The person's email (compared case-insensitively); Gmail and external users too. */
  email: pulumi.Input<string>;
  /**
   * `"ROLE_MEMBER"` (default; "Member" in Chat), `"ROLE_MANAGER"` ("Owner" in Chat) or
   * `"ROLE_ASSISTANT_MANAGER"` ("Manager" in Chat); the last two in a SPACE only.
   */
  role?: pulumi.Input<ChatMemberRole>;
}

/** A Google group in a SPACE, declared in `ChatSpace.members`: `{ group: "groups/{id}" }`, no role. */
export interface ChatSpaceGroupSpec {
  /** `groups/{id}`: the group's id in the Cloud Identity Groups API. */
  group: pulumi.Input<string>;
}

export type ChatSpaceMemberSpec = ChatSpacePersonSpec | ChatSpaceGroupSpec;

export interface ChatSpaceArgs {
  /** `"SPACE"` (default): a named space. `"GROUP_CHAT"`: an unnamed conversation of 3 or more people. A GROUP_CHAT can later become a SPACE (give it a displayName); the other way round replaces it. */
  spaceType?: pulumi.Input<ChatSpaceType>;
  /** The space's name (SPACE only, required there), up to 128 characters, unique in the organization. */
  displayName?: pulumi.Input<string>;
  /** Description (up to 150 characters) and guidelines (up to 5,000). Each one left out is unmanaged. */
  spaceDetails?: pulumi.Input<{ description?: pulumi.Input<string>; guidelines?: pulumi.Input<string> }>;
  /** `"HISTORY_ON"` or `"HISTORY_OFF"`. Left out: unmanaged. */
  spaceHistoryState?: pulumi.Input<ChatHistoryState>;
  /** Whether people outside the organization may join. Fixed at creation: changing it replaces the space. */
  externalUserAllowed?: pulumi.Input<boolean>;
  /**
   * SPACE only. `audience` `"audiences/{id}"` (e.g. `"audiences/default"`) makes it discoverable;
   * `""` removes it. `accessPermissionSettings`: who may discover (`discoverSpaceSetting`) and who
   * may join (`joinSpaceSetting`), each `{ principals: [{ audience: "audiences/{id}" }] }` (`[]` for
   * nobody beyond the members); those allowed to join must also be allowed to discover. Each setting
   * left out is unmanaged.
   */
  accessSettings?: pulumi.Input<{
    audience?: pulumi.Input<string>;
    accessPermissionSettings?: pulumi.Input<AccessPermissionSettings>;
  }>;
  /** SPACE only: who holds each permission (`manageMembersAndGroups`, `modifySpaceDetails`, `toggleHistory`, `useAtMentionAll`, `manageApps`, `manageWebhooks`, `replyMessages`); each leaf left out is unmanaged. */
  permissionSettings?: pulumi.Input<ChatPermissionSettings>;
  /**
   * SPACE only, at creation: `"COLLABORATION_SPACE"` (Chat's default) or `"ANNOUNCEMENT_SPACE"`
   * (only owners and managers post). A change replaces the space; left out, not managed.
   */
  predefinedPermissionSettings?: pulumi.Input<ChatPredefinedPermissions>;
  /**
   * The people and Google groups (SPACE only) in the space besides its creator, authoritative when given: missing ones are added,
   * others removed, a changed role is one membership update. The creator (the acting user, added by
   * Chat as a manager) is never removed. Required for a GROUP_CHAT (2 to 49 people).
   */
  members?: pulumi.Input<pulumi.Input<ChatSpaceMemberSpec>[]>;
  /** `"DELETE"` (default): destroying the resource deletes the space with its messages. `"ABANDON"`: leave it. */
  deletionPolicy?: pulumi.Input<ChatDeletionPolicy>;
  /** The Workspace user who creates and manages the space (domain-wide delegation). Default: googlemeet:impersonateUser, else the credentials' own user. Changing it replaces the space. */
  owner?: pulumi.Input<string>;
  /**
   * What makes this resource's creation unique: SetUpSpace's requestId is derived from it, so a
   * create repeated after a lost answer returns the same space. Default: `<project>/<stack>/<name>`.
   */
  setupKey?: pulumi.Input<string>;
}

/** A membership as the space has it. */
export interface ChatSpaceMemberState {
  email: string;
  role: string;
  /** `spaces/{space}/members/{member}` */
  name: string;
  /** `users/{id}` */
  user: string;
}

/**
 * A Google Chat space and its members, set up in one call (`spaces.setup`) and kept as declared:
 * `pulumi up` changes exactly the settings that differ, in the fewest UpdateSpace calls Chat's
 * update-mask rules allow, and reconciles the members with one listing.
 */
export class ChatSpace extends pulumi.dynamic.Resource {
  /** `spaces/{id}`, also the resource id. */
  declare readonly name: pulumi.Output<string>;
  /** The link to the space in Chat. */
  declare readonly spaceUri: pulumi.Output<string>;
  declare readonly spaceType: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
  declare readonly spaceDetails: pulumi.Output<{ description: string; guidelines: string }>;
  declare readonly spaceHistoryState: pulumi.Output<string>;
  declare readonly externalUserAllowed: pulumi.Output<boolean>;
  declare readonly accessSettings: pulumi.Output<{
    audience: string;
    accessState?: string;
    /** Present once the space's access permission settings were set (here or in Chat). */
    accessPermissionSettings?: Required<AccessPermissionSettings>;
  }>;
  /** The effective permission settings (SPACE only). */
  declare readonly permissionSettings: pulumi.Output<
    Record<string, Required<NonNullable<ChatPermissionSettings[keyof ChatPermissionSettings]>>>
  >;
  /** The members (besides the creator), when `members` is managed. */
  declare readonly members: pulumi.Output<ChatSpaceMemberState[] | undefined>;
  /** `users/{id}` of the creator, whom Chat made a manager. */
  declare readonly creator: pulumi.Output<string | undefined>;
  /** The setting keys this resource manages. */
  declare readonly managedSettings: pulumi.Output<string[]>;
  declare readonly deletionPolicy: pulumi.Output<ChatDeletionPolicy | undefined>;
  declare readonly owner: pulumi.Output<string | undefined>;
  declare readonly setupKey: pulumi.Output<string>;

  constructor(name: string, args: ChatSpaceArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      chatStub,
      name,
      {
        spaceUri: undefined,
        creator: undefined,
        managedSettings: undefined,
        ...args,
        // Unique like the resource's URN: under a parent, two spaces may share a name.
        setupKey: args.setupKey ?? setupKeyOf(name, opts),
        name: undefined,
      },
      opts,
      "googlemeet",
      "ChatSpace",
    );
    nameFromId(this);
  }
}
