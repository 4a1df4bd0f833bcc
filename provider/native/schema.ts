/**
 * The Pulumi package schema of the native provider `googlemeet`: what `GetSchema` serves, what
 * `pulumi package get-schema` binds and what the SDKs are generated from (`schema/schema.json` is
 * this, written by `npm run sdk:gen`). Each setting's allowed values come from core's table, so the
 * schema cannot offer a value that check would refuse; this file adds only names and descriptions.
 */
import {
  CHAT_DELETION_POLICIES,
  CHAT_PREDEFINED_PERMISSIONS,
  CHAT_HISTORY_STATES,
  CHAT_MEMBER_ROLES,
  CHAT_SPACE_TYPES,
} from "../core/chatSpace";
import { DELETION_POLICIES } from "../core/space";
import { MEMBER_ROLES } from "../core/members";
import { API_VERSIONS } from "../meet/versions";
import { chatResource, chatTypes } from "./schemaChat";
import { CONFIG_VARIABLES, configProperty } from "./schemaConfig";
import {
  ACTIVE_CONFERENCE,
  configTypes,
  meetTypes,
  memberResource,
  settingEnums,
  spaceResource,
} from "./schemaMeet";
import { type EnumSpec, enumType } from "./schemaTypes";
import { GO_MODULE, PLUGIN_DOWNLOAD_URL, REPOSITORY, VERSION } from "./release";

export const PACKAGE = "googlemeet";
export const SPACE_TOKEN = "googlemeet:index:MeetSpace";
export const MEMBER_TOKEN = "googlemeet:index:MeetSpaceMember";
export const CHAT_TOKEN = "googlemeet:index:ChatSpace";

/** The package version the plugin reports and the SDKs carry (package.json's). */
export { VERSION };

/** The enums that are not settings (those come from core's settings table), by the API's own names. */
const ENUMS: Record<string, EnumSpec> = {
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
    description:
      "A person's role in a Chat space, by the API's name (Chat's interface calls them Member, Owner and Manager).",
    values: {
      ROLE_MEMBER: 'A member (default; "Member" in Chat): basic permissions such as sending messages.',
      ROLE_MANAGER:
        'A space owner ("Owner" in Chat; SPACE only): every permission, including roles and deleting the space.',
      ROLE_ASSISTANT_MANAGER:
        'A space manager ("Manager" in Chat; SPACE only): an owner\'s permissions except deleting the space and making or changing owners.',
    },
  },
  ChatPredefinedPermissions: {
    description: "The kind of Chat space to create, by its predefined permission settings.",
    values: {
      COLLABORATION_SPACE: "A collaboration space (Chat's default): every member can post.",
      ANNOUNCEMENT_SPACE: "An announcement space: only owners and managers can post; members read and reply.",
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

/** The SDK packages' README (npm and PyPI show it): what the package is and how to get the plugin. */
const SDK_README = `# Google Meet for Pulumi (googlemeet)

Google Meet meeting spaces and their members, and Google Chat spaces, as Pulumi resources:
\`MeetSpace\`, \`MeetSpaceMember\` and \`ChatSpace\`. Only the settings a program writes down are
managed; a change of one setting is one update call naming only that setting.

This SDK talks to the \`googlemeet\` resource plugin, which the Pulumi engine downloads by itself on
first use (from the GitHub release of this version). To install it ahead of time (CI runners,
air-gapped machines), with Node.js 20 or newer on PATH:

    pulumi plugin install resource googlemeet ${VERSION} --server ${PLUGIN_DOWNLOAD_URL}

Documentation, examples and the local emulator of the Meet and Chat APIs:
https://github.com/${REPOSITORY}
`;

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
    homepage: `https://github.com/${REPOSITORY}`,
    repository: `https://github.com/${REPOSITORY}`,
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    config: { variables: configProps },
    provider: {
      description:
        "The googlemeet provider: how to reach Meet and as whom. Several explicit providers can serve one program (two Workspace domains, or two acting users).",
      inputProperties: configProps,
      properties: configProps,
    },
    types: {
      ...Object.fromEntries(
        Object.entries({ ...settingEnums(), ...ENUMS }).map(([n, e]) => [
          `googlemeet:index:${n}`,
          enumType(e),
        ]),
      ),
      ...Object.fromEntries(Object.entries(configTypes()).map(([n, t]) => [`googlemeet:index:${n}`, t])),
      ...meetTypes(),
      ...chatTypes(),
      ...ACTIVE_CONFERENCE,
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
        readme: SDK_README,
        respectSchemaVersion: true,
      },
      python: {
        packageName: "pulumi_googlemeet",
        requires: { pulumi: ">=3.142.0,<4.0.0" },
        readme: SDK_README,
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: `${GO_MODULE}/googlemeet`,
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
  ["ChatPredefinedPermissions", CHAT_PREDEFINED_PERMISSIONS],
  ["ApiVersion", API_VERSIONS],
  ["Transport", ["grpc", "rest"]],
] as const) {
  if (enumValues(name).join() !== values.join()) throw new Error(`schema: enum ${name} differs from core`);
}
