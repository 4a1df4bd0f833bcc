/**
 * Meet's records as the store keeps them, and their wire JSON: a space (its id, meeting code,
 * owner, flat settings, members) and a member.
 */
import { type Feature, type FlatConfig, MEMBER_ROLES, configToJson } from "./model";

export interface MemberRecord {
  id: string;
  email: string;
  role: "ROLE_UNSPECIFIED" | "COHOST";
  user: string;
  /** Creation sequence number: list order and page-token position. */
  seq: number;
}

export interface SpaceRecord {
  id: string;
  meetingCode: string;
  owner: string;
  config: FlatConfig;
  activeConference?: string;
  members: MemberRecord[];
  nextMemberSeq: number;
}

/** Space JSON as the API returns it (restricted view: no config, no activeConference). */
export interface SpaceJson {
  name: string;
  meetingUri: string;
  meetingCode: string;
  config?: Record<string, any>;
  activeConference?: { conferenceRecord: string };
}

export interface MemberJson {
  name: string;
  email: string;
  role?: string | number;
  user: string;
}

export interface UserSettings {
  unavailableFeatures: Feature[];
}

export function spaceName(record: SpaceRecord): string {
  return `spaces/${record.id}`;
}

export function spaceToJson(
  record: SpaceRecord,
  opts: { restricted?: boolean; numericEnums?: boolean } = {},
): SpaceJson {
  const json: SpaceJson = {
    name: spaceName(record),
    meetingUri: `https://meet.google.com/${record.meetingCode}`,
    meetingCode: record.meetingCode,
  };
  if (opts.restricted) return json;
  json.config = configToJson(record.config, opts.numericEnums);
  if (record.activeConference) json.activeConference = { conferenceRecord: record.activeConference };
  return json;
}

export function memberToJson(space: SpaceRecord, member: MemberRecord, numericEnums = false): MemberJson {
  const json: MemberJson = {
    name: `spaces/${space.id}/members/${member.id}`,
    email: member.email,
    user: member.user,
  };
  // proto3 JSON omits default values: ROLE_UNSPECIFIED is not written.
  if (member.role !== "ROLE_UNSPECIFIED")
    json.role = numericEnums ? MEMBER_ROLES.indexOf(member.role) : member.role;
  return json;
}

/** One member change of a BatchUpdateMembers call, as sent. */
export interface MemberUpdate {
  member: any;
  /** Child mask (snake_case paths), undefined when absent. */
  updateMask?: string[];
}

export interface ListResult {
  members: MemberRecord[];
  /** "" when every member has been returned. */
  nextPageToken: string;
}
