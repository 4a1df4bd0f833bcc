/** ChatSpace in the package schema: its object types and the resource. */
import { CHAT_PERMISSIONS } from "../../google/chat";
import { ref } from "./schemaTypes";

const CHAT_UNMANAGED = " Left out: not managed (never sent; the space keeps its current value).";

/** The object types of ChatSpace. */
export function chatTypes(): Record<string, unknown> {
  const permission = {
    type: "object",
    description: "Who holds one permission of a Chat space. Each flag left out is not managed.",
    properties: {
      managersAllowed: { type: "boolean", description: "Whether space owners (`ROLE_MANAGER`) have it." },
      assistantManagersAllowed: {
        type: "boolean",
        description: "Whether space managers (`ROLE_ASSISTANT_MANAGER`) have it.",
      },
      membersAllowed: { type: "boolean", description: "Whether members (`ROLE_MEMBER`) have it." },
    },
  };
  const PERMISSION_DOCS: Record<string, string> = {
    manageMembersAndGroups: "Adding and removing members and groups.",
    modifySpaceDetails: "Changing the space's name, avatar, description and guidelines.",
    toggleHistory: "Turning history on and off.",
    useAtMentionAll: "Mentioning everyone with @all.",
    manageApps: "Managing apps in the space.",
    manageWebhooks: "Managing webhooks in the space.",
    replyMessages: "Replying to messages.",
  };
  return {
    "googlemeet:index:ChatPermissionSetting": permission,
    "googlemeet:index:ChatPermissionSettings": {
      type: "object",
      description: "A SPACE's permission settings, by permission.",
      properties: Object.fromEntries(
        CHAT_PERMISSIONS.map((p) => [
          p,
          { ...ref("ChatPermissionSetting"), description: PERMISSION_DOCS[p] + CHAT_UNMANAGED },
        ]),
      ),
    },
    "googlemeet:index:ChatSpaceDetails": {
      type: "object",
      description: "A Chat space's description and guidelines.",
      properties: {
        description: { type: "string", description: "Up to 150 characters." + CHAT_UNMANAGED },
        guidelines: {
          type: "string",
          description: "The space's rules, up to 5,000 characters." + CHAT_UNMANAGED,
        },
      },
    },
    "googlemeet:index:ChatAccessSettings": {
      type: "object",
      description: "Who can discover and join a SPACE.",
      properties: {
        audience: {
          type: "string",
          description:
            '`audiences/{id}` (e.g. `audiences/default`): the target audience that can discover and join the space; `""` for none.' +
            CHAT_UNMANAGED,
        },
        accessState: { type: "string", description: "Output: `PRIVATE` or `DISCOVERABLE`." },
      },
    },
    "googlemeet:index:ChatSpaceMemberSpec": {
      type: "object",
      description:
        "A person (`email`, `role`) or a Google group (`group`, SPACE only) in the space, as declared in `ChatSpace.members`.",
      properties: {
        email: { type: "string", description: "The person's email (compared case-insensitively)." },
        group: {
          type: "string",
          description:
            "`groups/{id}`: a Google group instead of a person (SPACE only; the group's id in the Cloud Identity Groups API). A group has no role.",
        },
        role: {
          ...ref("ChatMemberRole"),
          description:
            '`ROLE_MEMBER` (default, "Member" in Chat), `ROLE_MANAGER` ("Owner" in Chat, SPACE only) or `ROLE_ASSISTANT_MANAGER` ("Manager" in Chat, SPACE only). People only.',
        },
      },
    },
    "googlemeet:index:ChatSpaceMemberState": {
      type: "object",
      description: "A membership as the space has it.",
      properties: {
        email: {
          type: "string",
          description:
            "The person's email, `users/{id}` for someone this resource did not add, or `groups/{id}` for a group.",
        },
        group: { type: "string", description: "`groups/{id}` when the member is a Google group." },
        role: {
          type: "string",
          description:
            "`ROLE_MEMBER`, `ROLE_MANAGER` (Owner), `ROLE_ASSISTANT_MANAGER` (Manager), or `MEMBERSHIP_ROLE_UNSPECIFIED` for a group.",
        },
        name: { type: "string", description: "`spaces/{space}/members/{member}`." },
        user: { type: "string", description: "`users/{id}`; empty for a group." },
      },
      required: ["email", "role", "name", "user"],
    },
  };
}

export function chatResource() {
  const inputs = {
    spaceType: {
      ...ref("ChatSpaceType"),
      description:
        "`SPACE` (default) or `GROUP_CHAT`. A GROUP_CHAT can become a SPACE (give it a displayName); the other way replaces it.",
    },
    displayName: {
      type: "string",
      description:
        "The space's name: SPACE only and required there; up to 128 characters, unique in the organization.",
    },
    spaceDetails: { ...ref("ChatSpaceDetails"), description: "Description and guidelines." },
    spaceHistoryState: { ...ref("ChatHistoryState"), description: "Whether history is on." + CHAT_UNMANAGED },
    externalUserAllowed: {
      type: "boolean",
      description:
        "Whether people outside the organization may join. Fixed at creation: a change replaces the space.",
    },
    accessSettings: { ...ref("ChatAccessSettings"), description: "SPACE only: the target audience." },
    predefinedPermissionSettings: {
      ...ref("ChatPredefinedPermissions"),
      description:
        "SPACE only, at creation: `COLLABORATION_SPACE` (Chat's default) or `ANNOUNCEMENT_SPACE` (only owners and managers post). A change replaces the space. Left out: a collaboration space, and not managed.",
    },
    permissionSettings: {
      ...ref("ChatPermissionSettings"),
      description:
        "SPACE only: who holds each permission. With `predefinedPermissionSettings`, applied after setup (the API takes one or the other when a space is set up).",
    },
    members: {
      type: "array",
      items: ref("ChatSpaceMemberSpec"),
      description:
        "The people and Google groups besides the creator, authoritative when given (2 to 49 people for a GROUP_CHAT). The creator, made the owner (`ROLE_MANAGER`) by Chat, is never removed. Left out: not managed.",
    },
    deletionPolicy: {
      ...ref("ChatDeletionPolicy"),
      description: "What destroying the resource does; default `DELETE`.",
    },
    owner: {
      type: "string",
      description:
        "The user who creates and manages the space (domain-wide delegation). Default: the provider's `impersonateUser`, else the credentials' own user. A change replaces the space.",
    },
    setupKey: {
      type: "string",
      description:
        "Seeds SetUpSpace's request id, so a repeated create returns the same space. Default: the resource's URN.",
    },
  };
  return {
    description:
      "A Google Chat space and its members, set up in one call (`spaces.setup`, idempotent by a request id derived from the resource) and kept as declared: an update makes the fewest UpdateSpace calls Chat's mask rules allow, each with exactly the changed paths, and reconciles the members with one listing.\n\nImport with `pulumi import googlemeet:index:ChatSpace <name> spaces/<id>`.",
    inputProperties: inputs,
    properties: {
      ...inputs,
      name: { type: "string", description: "`spaces/{id}`, also the resource id." },
      spaceUri: { type: "string", description: "The link to the space in Chat." },
      spaceType: { type: "string", description: "The space's type as Chat has it." },
      displayName: { type: "string", description: "The space's name as Chat has it." },
      spaceDetails: { ...ref("ChatSpaceDetails"), description: "The effective description and guidelines." },
      spaceHistoryState: { type: "string", description: "The effective history state." },
      externalUserAllowed: {
        type: "boolean",
        description: "Whether people outside the organization may join.",
      },
      accessSettings: { ...ref("ChatAccessSettings"), description: "The effective access settings." },
      permissionSettings: {
        ...ref("ChatPermissionSettings"),
        description: "The effective permission settings (SPACE only).",
      },
      members: {
        type: "array",
        items: ref("ChatSpaceMemberState"),
        description: "The memberships besides the creator, when `members` is managed.",
      },
      creator: { type: "string", description: "`users/{id}` of the creator." },
      managedSettings: {
        type: "array",
        items: { type: "string" },
        description: "The setting paths this resource manages, e.g. `spaceDetails.description`.",
      },
    },
    required: ["name", "spaceUri", "spaceType", "managedSettings"],
  };
}
