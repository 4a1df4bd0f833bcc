/**
 * The Pulumi package schema of the native provider `googlemeet`: what `GetSchema` serves, what
 * `pulumi package get-schema` binds and what the SDKs are generated from (`schema/schema.json` is
 * this, written by `npm run sdk:gen`). Each setting's allowed values come from core's table, so the
 * schema cannot offer a value that check would refuse; this file adds only names and descriptions.
 */
import * as path from "node:path";
import {
  CHAT_DELETION_POLICIES,
  CHAT_HISTORY_STATES,
  CHAT_MEMBER_ROLES,
  CHAT_PERMISSIONS,
  CHAT_SPACE_TYPES,
} from "../core/chatSpace";
import { DELETION_POLICIES } from "../core/space";
import { MEMBER_ROLES } from "../core/members";
import { SETTINGS, settingKey } from "../core/spaceConfig";
import { CONFIG_KEYS } from "../meet/connection";
import { API_VERSIONS } from "../meet/wire";

export const PACKAGE = "googlemeet";
export const SPACE_TOKEN = "googlemeet:index:MeetSpace";
export const MEMBER_TOKEN = "googlemeet:index:MeetSpaceMember";
export const CHAT_TOKEN = "googlemeet:index:ChatSpace";

/** The package version the plugin reports and the SDKs carry. */
export const VERSION: string = require(path.resolve(__dirname, "..", "..", "..", "package.json")).version;

const ref = (name: string) => ({ $ref: `#/types/googlemeet:index:${name}` });

interface EnumSpec {
  description: string;
  /** Value → what it means. Values must be exactly core's for every setting using this enum. */
  values: Record<string, string>;
}

/** The Meet API's enums, by the API's own names. */
const ENUMS: Record<string, EnumSpec> = {
  AccessType: {
    description: "Who can join the meeting space without knocking.",
    values: {
      OPEN: "Anyone with the join information (the link or the meeting code) can join without knocking.",
      TRUSTED:
        "Members of the owner's organisation, invitees and dial-in callers can join without knocking; everyone else knocks.",
      RESTRICTED: "Only invitees can join without knocking; everyone else knocks.",
    },
  },
  EntryPointAccess: {
    description: "The entry points that can be used to join the meeting space.",
    values: {
      ALL: "Every entry point (the Meet app, Calendar, links, dial-in, and apps) can be used to join.",
      CREATOR_APP_ONLY:
        "Only apps owned by the Google Cloud project that created the space can be used to join.",
    },
  },
  Moderation: {
    description: "Whether the hosts' moderation controls are on.",
    values: {
      OFF: "Moderation is off: Meet resets the moderation restrictions to their defaults.",
      ON: "Moderation is on: the owner and co-hosts have the restrictions in `moderationRestrictions`.",
    },
  },
  RestrictionType: {
    description: "Who may use a feature while moderation is on.",
    values: {
      HOSTS_ONLY: "Only the meeting owner and co-hosts may use the feature.",
      NO_RESTRICTION: "Every participant may use the feature.",
    },
  },
  DefaultJoinAsViewerType: {
    description: "Whether people join as viewers by default while moderation is on.",
    values: {
      ON: "People join as viewers unless a member role says otherwise.",
      OFF: "People join as contributors.",
    },
  },
  AttendanceReportGenerationType: {
    description: "Whether Meet writes an attendance report after each meeting.",
    values: {
      GENERATE_REPORT: "Generate an attendance report (needs a Workspace plan with attendance reports).",
      DO_NOT_GENERATE: "Do not generate an attendance report.",
    },
  },
  AutoGenerationType: {
    description: "Whether an artifact is made automatically for every meeting in the space.",
    values: {
      ON: "Made automatically for every meeting (needs a Workspace plan with this feature).",
      OFF: "Not made automatically.",
    },
  },
  DeletionPolicy: {
    description: "What destroying a MeetSpace does: the Meet API cannot delete a meeting space.",
    values: {
      RETIRE:
        "Default. End any running meeting, remove the members this resource manages, and lock the space (access RESTRICTED).",
      ABANDON: "Forget the space and change nothing in Meet.",
    },
  },
  MemberRole: {
    description: "A member's role in the meeting space.",
    values: {
      COHOST: "A co-host: the same powers as the owner in meetings, except changing the space's settings.",
    },
  },
  ChatSpaceType: {
    description: "The kind of Google Chat space.",
    values: {
      SPACE: "A named space (default): people send messages, share files and collaborate.",
      GROUP_CHAT: "An unnamed group conversation of 3 or more people.",
    },
  },
  ChatHistoryState: {
    description: "Whether a Chat space keeps its message history.",
    values: {
      HISTORY_ON: "History on: the organization's Vault retention rules apply.",
      HISTORY_OFF: "History off: messages and threads are kept for 24 hours.",
    },
  },
  ChatMemberRole: {
    description: "A person's role in a Chat space.",
    values: {
      ROLE_MEMBER: "A member (default): basic permissions such as sending messages.",
      ROLE_MANAGER: "A space owner (SPACE only): every permission, including roles and deleting the space.",
    },
  },
  ChatDeletionPolicy: {
    description: "What destroying a ChatSpace does.",
    values: {
      DELETE: "Default. Delete the space with its messages and memberships.",
      ABANDON: "Forget the space and change nothing in Chat.",
    },
  },
  Transport: {
    description: "How the provider talks to the Meet API.",
    values: { grpc: "gRPC (default).", rest: "REST over HTTP/1.1 (JSON), for networks that block gRPC." },
  },
  ApiVersion: {
    description: "The Meet API version the provider calls.",
    values: {
      v2: "The generally available API (default).",
      v2beta: "The Developer Preview API: only for projects enrolled in the Developer Preview Program.",
    },
  },
};

/** The enum of each setting, by setting key (`moderationRestrictions.chatRestriction`). */
const SETTING_ENUMS: Record<string, string> = {
  accessType: "AccessType",
  entryPointAccess: "EntryPointAccess",
  moderation: "Moderation",
  "moderationRestrictions.chatRestriction": "RestrictionType",
  "moderationRestrictions.reactionRestriction": "RestrictionType",
  "moderationRestrictions.presentRestriction": "RestrictionType",
  "moderationRestrictions.defaultJoinAsViewerType": "DefaultJoinAsViewerType",
  attendanceReportGenerationType: "AttendanceReportGenerationType",
  "artifactConfig.recordingConfig.autoRecordingGeneration": "AutoGenerationType",
  "artifactConfig.transcriptionConfig.autoTranscriptionGeneration": "AutoGenerationType",
  "artifactConfig.smartNotesConfig.autoSmartNotesGeneration": "AutoGenerationType",
};

const UNMANAGED = " Left out: not managed (never sent; the space keeps its current value).";

/** Descriptions of every property of the config object types, by setting key or group. */
const CONFIG_DOCS: Record<string, string> = {
  accessType: "Who can join without knocking." + UNMANAGED,
  entryPointAccess: "Which entry points can join the space." + UNMANAGED,
  moderation:
    "Whether the hosts' moderation controls are on. Setting `OFF` makes Meet reset the moderation restrictions." +
    UNMANAGED,
  moderationRestrictions: "Restrictions in effect while moderation is `ON`.",
  "moderationRestrictions.chatRestriction": "Who may send chat messages." + UNMANAGED,
  "moderationRestrictions.reactionRestriction": "Who may send reactions." + UNMANAGED,
  "moderationRestrictions.presentRestriction": "Who may present (share their screen)." + UNMANAGED,
  "moderationRestrictions.defaultJoinAsViewerType":
    "Whether people join as viewers unless a member role says otherwise." + UNMANAGED,
  attendanceReportGenerationType: "Whether an attendance report is made after each meeting." + UNMANAGED,
  artifactConfig: "Automatic recording, transcripts and smart notes.",
  "artifactConfig.recordingConfig": "Automatic recording.",
  "artifactConfig.recordingConfig.autoRecordingGeneration": "Record every meeting automatically." + UNMANAGED,
  "artifactConfig.transcriptionConfig": "Automatic transcripts.",
  "artifactConfig.transcriptionConfig.autoTranscriptionGeneration":
    "Transcribe every meeting automatically." + UNMANAGED,
  "artifactConfig.smartNotesConfig": "Automatic notes taken by Gemini.",
  "artifactConfig.smartNotesConfig.autoSmartNotesGeneration":
    "Take notes with Gemini in every meeting automatically." + UNMANAGED,
};

/** Object type names of the config groups, by group key. */
const GROUP_TYPES: Record<string, string> = {
  "": "SpaceConfig",
  moderationRestrictions: "ModerationRestrictions",
  artifactConfig: "ArtifactConfig",
  "artifactConfig.recordingConfig": "RecordingConfig",
  "artifactConfig.transcriptionConfig": "TranscriptionConfig",
  "artifactConfig.smartNotesConfig": "SmartNotesConfig",
};

const GROUP_DOCS: Record<string, string> = {
  "": "A meeting space's settings, with the Meet API's names and values. Only the settings written down are managed.",
  moderationRestrictions: "Restrictions that apply while moderation is `ON`.",
  artifactConfig: "Automatically made meeting artifacts.",
  "artifactConfig.recordingConfig": "Automatic recording.",
  "artifactConfig.transcriptionConfig": "Automatic transcripts.",
  "artifactConfig.smartNotesConfig": "Automatic smart notes.",
};

/** `HOSTS_ONLY` → `HostsOnly`: each SDK derives its own spelling from it (Python: `HOSTS_ONLY`). */
function pascal(value: string): string {
  return value
    .toLowerCase()
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function enumType(spec: EnumSpec) {
  return {
    type: "string",
    description: spec.description,
    enum: Object.entries(spec.values).map(([value, description]) => ({
      name: pascal(value),
      value,
      description,
    })),
  };
}

/** The object types of `config`, built from core's setting table. */
function configTypes(): Record<string, unknown> {
  const types: Record<string, { type: string; description: string; properties: Record<string, unknown> }> =
    {};
  for (const [group, typeName] of Object.entries(GROUP_TYPES)) {
    types[typeName] = { type: "object", description: GROUP_DOCS[group], properties: {} };
  }
  for (const spec of SETTINGS) {
    const key = settingKey(spec);
    const enumName = SETTING_ENUMS[key];
    const declared = Object.keys(ENUMS[enumName]?.values ?? {});
    if (declared.slice().sort().join() !== [...spec.values].sort().join()) {
      throw new Error(`schema: enum ${enumName} of ${key} has ${declared}, core allows ${spec.values}`);
    }
    // Each level of the path is a property of its group's type.
    for (let depth = 1; depth <= spec.path.length; depth++) {
      const group = spec.path.slice(0, depth - 1).join(".");
      const prop = spec.path[depth - 1];
      const own = spec.path.slice(0, depth).join(".");
      const leaf = depth === spec.path.length;
      types[GROUP_TYPES[group]].properties[prop] = {
        ...(leaf ? ref(enumName) : ref(GROUP_TYPES[own])),
        description: CONFIG_DOCS[own],
      };
    }
  }
  return types;
}

const MEMBER_SPEC_DOC = "A member of the space, as declared in `MeetSpace.members`.";

function spaceResource() {
  const inputs = {
    config: {
      ...ref("SpaceConfig"),
      description:
        "The space's settings, with the Meet API's own names and values. Only the settings written here are managed: each one left out is never sent and keeps the space's current value (at creation, the owner's Workspace policy default). Removing a setting later stops managing it; the space keeps its value.",
    },
    adopt: {
      type: "string",
      description:
        "Take over an existing space instead of creating one: `spaces/{id}`, a meeting code such as `abc-mnop-xyz` (any case), or its meet.google.com link. Changing it replaces the resource.",
    },
    deletionPolicy: {
      ...ref("DeletionPolicy"),
      description: 'What destroying the resource does; default `"RETIRE"`.',
    },
    owner: {
      type: "string",
      description:
        "The Workspace user who owns the space: with service-account credentials and domain-wide delegation the provider acts as this user for this space. Default: the provider's `impersonateUser`, else the credentials' own user. Changing it replaces the space: ownership cannot move.",
    },
    members: {
      type: "array",
      items: ref("MeetSpaceMemberSpec"),
      description:
        "The space's members, authoritative when given: members missing are added, members not listed are removed, a changed role is applied. Left out: members are not managed.",
    },
  };
  return {
    description:
      "A Google Meet meeting space (a room), kept as declared: an update changes exactly the settings that differ, with one UpdateSpace whose update mask names only them. The Meet API cannot delete a space: destroying one retires it (see `deletionPolicy`).\n\nImport with `pulumi import googlemeet:index:MeetSpace <name> spaces/<id>` or with the meeting code in place of `spaces/<id>`.",
    inputProperties: inputs,
    properties: {
      ...inputs,
      name: { type: "string", description: "`spaces/{id}`, also the resource id." },
      meetingUri: {
        type: "string",
        description: "The link people join with, `https://meet.google.com/abc-mnop-xyz`.",
      },
      meetingCode: {
        type: "string",
        description:
          "The meeting code, e.g. `abc-mnop-xyz`. It can expire after a year unused: never keep it as an identity.",
      },
      config: {
        ...ref("SpaceConfig"),
        description: "The effective settings read back from Meet, managed or not.",
      },
      activeConference: {
        ...ref("ActiveConference"),
        description: "The meeting running in the space, if any.",
      },
      members: {
        type: "array",
        items: ref("MeetSpaceMemberState"),
        description: "The space's members as Meet has them, when `members` is managed.",
      },
      managedSettings: {
        type: "array",
        items: { type: "string" },
        description:
          "The setting paths this resource manages (those written in `config`), e.g. `moderationRestrictions.chatRestriction`.",
      },
    },
    required: ["name", "meetingUri", "meetingCode", "config", "managedSettings"],
  };
}

function memberResource() {
  const inputs = {
    space: {
      type: "string",
      description:
        "The space, `spaces/{id}`: typically a MeetSpace's `name`. Changing it replaces the member.",
    },
    email: {
      type: "string",
      description:
        "The person's email address (compared case-insensitively). Changing it replaces the member.",
    },
    role: {
      ...ref("MemberRole"),
      description:
        "`COHOST`, or left out: the member then joins as contributor or viewer by the space's settings. Changing it replaces the member (removed first: an email can be a member only once).",
    },
    owner: {
      type: "string",
      description:
        "The user the calls act as: member changes are for the space's owner. Default: the provider's `impersonateUser`, else the credentials' own user.",
    },
  };
  return {
    description:
      "One member of a Meet meeting space, managed apart from the others. Creating a member that already exists with the same role takes it over; any change replaces it, removing it first.\n\nImport with `pulumi import googlemeet:index:MeetSpaceMember <name> spaces/<id>/members/<member>`.",
    inputProperties: inputs,
    requiredInputs: ["space", "email"],
    properties: {
      ...inputs,
      name: { type: "string", description: "`spaces/{space}/members/{member}`, also the resource id." },
      user: { type: "string", description: "`users/{id}` of a person with a Google account." },
    },
    required: ["name", "space", "email"],
  };
}

const CHAT_UNMANAGED = " Left out: not managed (never sent; the space keeps its current value).";

/** The object types of ChatSpace. */
function chatTypes(): Record<string, unknown> {
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
      description: "A person in the space, as declared in `ChatSpace.members`.",
      properties: {
        email: { type: "string", description: "The person's email (compared case-insensitively)." },
        role: {
          ...ref("ChatMemberRole"),
          description: "`ROLE_MEMBER` (default) or `ROLE_MANAGER` (SPACE only).",
        },
      },
      required: ["email"],
    },
    "googlemeet:index:ChatSpaceMemberState": {
      type: "object",
      description: "A membership as the space has it.",
      properties: {
        email: {
          type: "string",
          description: "The person's email, or `users/{id}` for someone this resource did not add.",
        },
        role: { type: "string", description: "`ROLE_MEMBER`, `ROLE_MANAGER` or `ROLE_ASSISTANT_MANAGER`." },
        name: { type: "string", description: "`spaces/{space}/members/{member}`." },
        user: { type: "string", description: "`users/{id}`." },
      },
      required: ["email", "role", "name", "user"],
    },
  };
}

function chatResource() {
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
    permissionSettings: {
      ...ref("ChatPermissionSettings"),
      description: "SPACE only: who holds each permission.",
    },
    members: {
      type: "array",
      items: ref("ChatSpaceMemberSpec"),
      description:
        "The people besides the creator, authoritative when given (2 to 49 for a GROUP_CHAT). The creator, made a manager by Chat, is never removed. Left out: not managed.",
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

interface ConfigVariable {
  type: "string" | "number" | "integer";
  description: string;
  secret?: boolean;
  enumName?: string;
}

/**
 * The provider's configuration: the stack config keys `googlemeet:<key>`, or an explicit provider's
 * inputs. Keys are CONFIG_KEYS' (and `apiVersion`); defaults are those of meet/connection.
 */
export const CONFIG_VARIABLES: Record<string, ConfigVariable> = {
  credentials: {
    type: "string",
    secret: true,
    description:
      "A service-account key or an authorized-user JSON document. Left out: `accessToken`, else Application Default Credentials.",
  },
  accessToken: {
    type: "string",
    secret: true,
    description: "A ready OAuth access token with the Meet scopes.",
  },
  impersonateUser: {
    type: "string",
    description:
      "The Workspace user a service account acts as through domain-wide delegation (the Meet API accepts only user credentials). A space's `owner` overrides it.",
  },
  serviceAccount: {
    type: "string",
    description:
      "Keyless domain-wide delegation: the email of a service account that Application Default Credentials (a gcloud login, workload identity federation, an attached service account) may sign as (roles/iam.serviceAccountTokenCreator). The provider signs a JWT for the acting user with IAM Credentials' signJwt and exchanges it for that user's token; no key file.",
  },
  transport: { type: "string", enumName: "Transport", description: "`grpc` (default) or `rest`." },
  endpoint: {
    type: "string",
    description:
      "The API host, `host[:port]` or an http(s) URL. Default: meet.googleapis.com. With a local emulator and `rest`, its HTTP address.",
  },
  apiVersion: { type: "string", enumName: "ApiVersion", description: "The Meet API version; default `v2`." },
  createQuota: { type: "number", description: "CreateSpace calls per quota window per user; default 10." },
  writeQuota: {
    type: "number",
    description: "UpdateSpace, EndActiveConference and member writes per quota window per user; default 100.",
  },
  readQuota: {
    type: "number",
    description: "GetSpace, GetMember and ListMembers calls per quota window per user; default 600.",
  },
  projectCreateQuota: {
    type: "number",
    description: "CreateSpace calls per quota window for the whole Cloud project (all users); default 100.",
  },
  projectWriteQuota: {
    type: "number",
    description: "Writes per quota window for the whole Cloud project (all users); default 1000.",
  },
  projectReadQuota: {
    type: "number",
    description: "Reads per quota window for the whole Cloud project (all users); default 6000.",
  },
  quotaWindowSeconds: { type: "number", description: "The quota window in seconds; default 60." },
  memberConcurrency: { type: "integer", description: "Member calls in flight at once per space; default 4." },
  retryDeadlineSeconds: {
    type: "number",
    description:
      "How long one call is retried at most (quota and transient errors), in seconds; default 300.",
  },
};

// The schema's keys are exactly the runtime's.
for (const key of new Set([...Object.keys(CONFIG_KEYS), ...Object.keys(CONFIG_VARIABLES)])) {
  if (!CONFIG_VARIABLES[key] || !(key in CONFIG_KEYS))
    throw new Error(`schema: config key ${key} differs from meet/connection`);
}

function configProperty(v: ConfigVariable) {
  return {
    ...(v.enumName ? ref(v.enumName) : { type: v.type }),
    description: v.description,
    ...(v.secret ? { secret: true } : {}),
  };
}

/** The whole package schema. */
export function packageSchema(): Record<string, unknown> {
  const configProps = Object.fromEntries(
    Object.entries(CONFIG_VARIABLES).map(([k, v]) => [k, configProperty(v)]),
  );
  return {
    name: PACKAGE,
    displayName: "Google Meet",
    version: VERSION,
    description:
      "Google Meet meeting spaces and their members as Pulumi resources: settings with minimal update masks, authoritative members, adoption and import of existing spaces.",
    keywords: ["pulumi", "google", "meet", "workspace", "category/utility", "kind/native"],
    license: "Apache-2.0",
    publisher: "pulumi-google-meet",
    config: { variables: configProps },
    provider: {
      description:
        "The googlemeet provider: how to reach Meet and as whom. Several explicit providers can serve one program (two Workspace domains, or two acting users).",
      inputProperties: configProps,
      properties: configProps,
    },
    types: {
      ...Object.fromEntries(Object.entries(ENUMS).map(([n, e]) => [`googlemeet:index:${n}`, enumType(e)])),
      ...Object.fromEntries(Object.entries(configTypes()).map(([n, t]) => [`googlemeet:index:${n}`, t])),
      "googlemeet:index:MeetSpaceMemberSpec": {
        type: "object",
        description: MEMBER_SPEC_DOC,
        properties: {
          email: { type: "string", description: "The person's email address (compared case-insensitively)." },
          role: {
            ...ref("MemberRole"),
            description:
              "`COHOST`, or left out: the member joins as contributor or viewer by the space's settings.",
          },
        },
        required: ["email"],
      },
      "googlemeet:index:MeetSpaceMemberState": {
        type: "object",
        description: "A member as the space has it.",
        properties: {
          name: { type: "string", description: "`spaces/{space}/members/{member}`." },
          email: { type: "string", description: "The person's email address." },
          role: { ...ref("MemberRole"), description: "`COHOST`, or absent for a contributor or viewer." },
          user: { type: "string", description: "`users/{id}` of a person with a Google account." },
        },
        required: ["name", "email"],
      },
      ...chatTypes(),
      "googlemeet:index:ActiveConference": {
        type: "object",
        description: "The meeting running in a space.",
        properties: {
          conferenceRecord: {
            type: "string",
            description: "`conferenceRecords/{id}`: the record of the running meeting.",
          },
        },
        required: ["conferenceRecord"],
      },
    },
    resources: {
      [SPACE_TOKEN]: spaceResource(),
      [MEMBER_TOKEN]: memberResource(),
      [CHAT_TOKEN]: chatResource(),
    },
    language: {
      nodejs: {
        packageName: "@pulumi-google-meet/googlemeet",
        packageDescription: "Google Meet meeting spaces as Pulumi resources (native provider SDK).",
        // The generated `exists()` calls pulumi.runtime.existsResource, which 3.270 introduced.
        dependencies: { "@pulumi/pulumi": "^3.270.0" },
        respectSchemaVersion: true,
      },
      python: {
        packageName: "pulumi_googlemeet",
        requires: { pulumi: ">=3.142.0,<4.0.0" },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: "example.com/pulumi-google-meet/sdk/go/googlemeet",
        generateResourceContainerTypes: false,
        respectSchemaVersion: true,
      },
    },
  };
}

/** Values of an enum by name (for checks that are not settings: transport, apiVersion). */
export function enumValues(name: string): string[] {
  return Object.keys(ENUMS[name].values);
}

for (const [name, values] of [
  ["DeletionPolicy", DELETION_POLICIES],
  ["MemberRole", MEMBER_ROLES],
  ["ChatSpaceType", CHAT_SPACE_TYPES],
  ["ChatHistoryState", CHAT_HISTORY_STATES],
  ["ChatMemberRole", CHAT_MEMBER_ROLES],
  ["ChatDeletionPolicy", CHAT_DELETION_POLICIES],
  ["ApiVersion", API_VERSIONS],
  ["Transport", ["grpc", "rest"]],
] as const) {
  if (enumValues(name).join() !== values.join()) throw new Error(`schema: enum ${name} differs from core`);
}
