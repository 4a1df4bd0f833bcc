/**
 * MeetSpace and MeetSpaceMember in the package schema. The settings' object types, enums and docs
 * are derived from core's settings table, so the schema cannot offer a value check would refuse;
 * this file adds the resources' own properties.
 */
import { GROUPS, SETTINGS } from "../core/spaceConfig";
import { type EnumSpec, ref } from "./schemaTypes";

const UNMANAGED = " Left out: not managed (never sent; the space keeps its current value).";

/** The settings' enums, by schema name, in the order the table first uses them. */
export function settingEnums(): Record<string, EnumSpec> {
  const enums: Record<string, EnumSpec> = {};
  for (const spec of SETTINGS) enums[spec.enum.name] ??= spec.enum;
  return enums;
}

/** The object types of `config`: one per group of the table, a property per child. */
export function configTypes(): Record<string, unknown> {
  const types: Record<string, { type: string; description: string; properties: Record<string, unknown> }> =
    {};
  const typeOf = new Map(GROUPS.map((g) => [g.key, g.node.typeName]));
  for (const g of GROUPS)
    types[g.node.typeName] = { type: "object", description: g.node.typeDoc, properties: {} };
  for (const spec of SETTINGS) {
    // Each level of the path is a property of its group's type.
    for (let depth = 1; depth <= spec.path.length; depth++) {
      const parent = spec.path.slice(0, depth - 1).join(".");
      const own = spec.path.slice(0, depth).join(".");
      const leaf = depth === spec.path.length;
      const doc = leaf ? spec.doc + UNMANAGED : GROUPS.find((g) => g.key === own)!.node.doc;
      types[typeOf.get(parent)!].properties[spec.path[depth - 1]] = {
        ...(leaf ? ref(spec.enum.name) : ref(typeOf.get(own)!)),
        description: doc,
      };
    }
  }
  return types;
}

const MEMBER_SPEC_DOC = "A member of the space, as declared in `MeetSpace.members`.";

export function spaceResource() {
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

export function memberResource() {
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

/** The member and conference object types of MeetSpace. */
export function meetTypes(): Record<string, unknown> {
  return {
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
  };
}

/** The running meeting's type (listed after Chat's types in the schema). */
export const ACTIVE_CONFERENCE = {
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
};
