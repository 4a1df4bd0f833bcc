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

export const PACKAGE = "googlemeet";
export const SPACE_TOKEN = "googlemeet:index:MeetSpace";
export const MEMBER_TOKEN = "googlemeet:index:MeetSpaceMember";
export const CHAT_TOKEN = "googlemeet:index:ChatSpace";

/** The package version the plugin reports and the SDKs carry. */
export const VERSION: string = require(path.resolve(__dirname, "..", "..", "..", "package.json")).version;

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
