/**
 * The one seam between the operations and an API version: what a call looks like on the wire.
 * Two implementations: `v2Rest` (GA v2, JSON REST through google-auth-library, the default) and
 * `v2betaGax` (Developer Preview v2beta through the official @google-apps/meet client, gRPC or its
 * REST fallback). Pacing, retries and error translation live once, in `client.ts`, above this.
 */
import type { MeetApiError } from "../core/errors";
import type { MeetMethod } from "../core/retry";

export type ApiVersion = "v2" | "v2beta";
export const API_VERSIONS: readonly ApiVersion[] = ["v2", "v2beta"];

/** A space as the API answers it (enums may be names or numbers; defaults mean absent). */
export interface ApiSpace {
  name: string;
  meetingUri?: string;
  meetingCode?: string;
  config?: Record<string, unknown> | null;
  activeConference?: { conferenceRecord?: string } | null;
}

export interface ApiMember {
  name: string;
  email?: string;
  role?: string | number | null;
  user?: string;
}

/** `COHOST`, or undefined for no role (contributor or viewer by the room's settings). */
export type WireRole = "COHOST" | undefined;

export interface MembersPage {
  members: ApiMember[];
  /** Empty when this was the last page. */
  nextPageToken: string;
}

/** Per-call options: the deadline of one attempt. */
export interface WireOptions {
  timeoutMs: number;
}

export interface MeetWire {
  readonly apiVersion: ApiVersion;
  /** Where calls go, for messages: `meet.googleapis.com`, `127.0.0.1:8086 (GOOGLE_MEET_EMULATOR_HOST)`. */
  readonly endpoint: string;
  /** The page size ListMembers asks for: the version's maximum. */
  readonly memberPageSize: number;
  /** True when the version can change a member's role in place (v2: patch and batchUpdate). */
  readonly canUpdateMembers: boolean;

  createSpace(config: Record<string, unknown>, o: WireOptions): Promise<ApiSpace>;
  getSpace(name: string, o: WireOptions): Promise<ApiSpace>;
  /** `maskPaths` are snake_case proto paths (`config.access_type`); each wire sends its own form. */
  updateSpace(
    name: string,
    config: Record<string, unknown>,
    maskPaths: string[],
    o: WireOptions,
  ): Promise<ApiSpace>;
  endActiveConference(name: string, o: WireOptions): Promise<void>;
  createMember(parent: string, member: { email: string; role?: string }, o: WireOptions): Promise<ApiMember>;
  getMember(name: string, o: WireOptions): Promise<ApiMember>;
  deleteMember(name: string, o: WireOptions): Promise<void>;
  listMembersPage(parent: string, pageToken: string, o: WireOptions): Promise<MembersPage>;
  /** v2 only (`canUpdateMembers`): one member's role, mask `role`. */
  updateMemberRole(name: string, role: WireRole, o: WireOptions): Promise<ApiMember>;
  /** v2 only: many members' roles in one call (at most `MAX_BATCH_MEMBERS`). */
  batchUpdateMemberRoles(
    parent: string,
    changes: readonly { name: string; role: WireRole }[],
    o: WireOptions,
  ): Promise<ApiMember[]>;

  /** What a failed call threw, as a MeetApiError (`unreached` set when nothing reached the server). */
  toError(method: MeetMethod, raw: unknown): MeetApiError;
}

/** members:batchUpdate takes at most this many members a call (v2 reference). */
export const MAX_BATCH_MEMBERS = 500;
