/**
 * The one seam between the operations and an API version: what a call looks like on the wire.
 * Two implementations: `v2Rest` (GA v2, JSON REST through google-auth-library, the default) and
 * `v2betaGax` (Developer Preview v2beta through the official @google-apps/meet client, gRPC or its
 * REST fallback). Pacing, retries and error translation live once, in the call loop (api/call.ts)
 * that `client.ts` runs every call through; what each version can do is versions.ts'.
 */
import type { Destination } from "../api/normalize";
import type { ApiVersion } from "./versions";
import type { GatewaySipAccess, PhoneAccess } from "../core/space";

export type { ApiVersion };

/** A space as the API answers it (enums may be names or numbers; defaults mean absent). */
export interface ApiSpace {
  name: string;
  meetingUri?: string;
  meetingCode?: string;
  config?: Record<string, unknown> | null;
  activeConference?: { conferenceRecord?: string } | null;
  /** Output only (v2, GA since November 2025): regional dial-in numbers. */
  phoneAccess?: PhoneAccess[] | null;
  /** Output only (v2): SIP gateway access. */
  gatewaySipAccess?: GatewaySipAccess[] | null;
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

/** One UpdateSpace: the space, the settings to send, and the changed settings' keys. */
export interface SpacePatch {
  name: string;
  config: Record<string, unknown>;
  settings: readonly string[];
}

/** Per-call options: the deadline of one attempt. */
export interface WireOptions {
  timeoutMs: number;
}

export interface MeetWire {
  readonly apiVersion: ApiVersion;
  /** Where calls go, for messages: `meet.googleapis.com`, `127.0.0.1:8086 (GOOGLE_MEET_EMULATOR_HOST)`. */
  readonly destination: Destination;

  createSpace(config: Record<string, unknown>, o: WireOptions): Promise<ApiSpace>;
  getSpace(name: string, o: WireOptions): Promise<ApiSpace>;
  /**
   * `settings` are the changed settings' keys as the table names them, in the JSON form
   * (`moderationRestrictions.chatRestriction`); each wire writes its own mask case from them.
   */
  updateSpace(patch: SpacePatch, o: WireOptions): Promise<ApiSpace>;
  endActiveConference(name: string, o: WireOptions): Promise<void>;
  createMember(parent: string, member: { email: string; role?: string }, o: WireOptions): Promise<ApiMember>;
  getMember(name: string, o: WireOptions): Promise<ApiMember>;
  deleteMember(name: string, o: WireOptions): Promise<void>;
  listMembersPage(parent: string, pageToken: string, o: WireOptions): Promise<MembersPage>;
  /** v2 only (`memberCapabilities(v).updateRole`): one member's role, mask `role`. */
  updateMemberRole(name: string, role: WireRole, o: WireOptions): Promise<ApiMember>;
  /** v2 only: many members' roles in one call (at most `BATCH_UPDATE_MEMBERS_MAX`, google/meet.ts). */
  batchUpdateMemberRoles(
    parent: string,
    changes: readonly { name: string; role: WireRole }[],
    o: WireOptions,
  ): Promise<ApiMember[]>;
}
