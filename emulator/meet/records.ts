/**
 * Meet's records as the store keeps them, and their wire JSON: a space (its id, meeting code,
 * owner, flat settings, members) and a member.
 */
import { type DialIn, dialInFor } from "./dialIn";
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
  /** The app that created it: undefined = the default app, null = Meet's own interface (no app). */
  app?: string | null;
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
  phoneAccess?: DialIn["phoneAccess"];
  gatewaySipAccess?: DialIn["gatewaySipAccess"];
}

export interface MemberJson {
  name: string;
  email: string;
  role?: string | number;
  /** v2beta only: the GA v2 Member is {name, email, role}. */
  user?: string;
}

export interface UserSettings {
  unavailableFeatures: Feature[];
}

/** "Format: `[a-z]+-[a-z]+-[a-z]+` ... The maximum length is 128 characters", case-insensitive. */
export const MEETING_CODE_RE = /^(?=.{1,128}$)[a-z]+-[a-z]+-[a-z]+$/i;

/** The space a request names (`spaces/{id}`, a meeting code, or a member below it), if any. */
export function findSpace(spaces: ReadonlyMap<string, SpaceRecord>, name: unknown): SpaceRecord | undefined {
  const id = /^spaces\/([^/]+)/.exec(typeof name === "string" ? name : "")?.[1];
  if (id === undefined) return undefined;
  if (!MEETING_CODE_RE.test(id)) return spaces.get(id);
  const code = id.toLowerCase();
  return [...spaces.values()].find((s) => s.meetingCode === code);
}

export function spaceName(record: SpaceRecord): string {
  return `spaces/${record.id}`;
}

/** `dialIn`: add phoneAccess and gatewaySipAccess (the owner's plan has dial-in); full view only. */
export function spaceToJson(
  record: SpaceRecord,
  opts: { restricted?: boolean; numericEnums?: boolean; dialIn?: boolean } = {},
): SpaceJson {
  const json: SpaceJson = {
    name: spaceName(record),
    meetingUri: `https://meet.google.com/${record.meetingCode}`,
    meetingCode: record.meetingCode,
  };
  if (opts.restricted) return json;
  json.config = configToJson(record.config, opts.numericEnums);
  if (record.activeConference) json.activeConference = { conferenceRecord: record.activeConference };
  if (opts.dialIn) Object.assign(json, dialInFor(record.id));
  return json;
}

/** `withUser`: v2beta's Member has `user`; the GA v2 Member is {name, email, role}. */
export function memberToJson(
  space: SpaceRecord,
  member: MemberRecord,
  numericEnums = false,
  withUser = true,
): MemberJson {
  const json: MemberJson = {
    name: `spaces/${space.id}/members/${member.id}`,
    email: member.email,
  };
  if (withUser) json.user = member.user;
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
