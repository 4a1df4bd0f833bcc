/**
 * The Meet API versions and what each can do with members: the one place that knows it. The wires
 * (v2Rest.ts, v2betaGax.ts) size their pages by it, the member reconciler plans role changes by it,
 * and MeetSpaceMember's diff asks for a replacement where a role cannot change in place.
 */
export type ApiVersion = "v2" | "v2beta";
export const API_VERSIONS: readonly ApiVersion[] = ["v2", "v2beta"];

export interface MemberCapabilities {
  /** A member's role can change in place (v2: members.patch and members:batchUpdate); else delete + create. */
  readonly updateRole: boolean;
  /** ListMembers' maximum page size (larger values are coerced to it). */
  readonly pageSize: number;
}

const MEMBER_CAPABILITIES: Record<ApiVersion, MemberCapabilities> = {
  // v2 reference: pageSize "Maximum value is 500", unset means 250.
  v2: { updateRole: true, pageSize: 500 },
  // Developer Preview: no member update; ListMembers' maximum is 100.
  v2beta: { updateRole: false, pageSize: 100 },
};

export function memberCapabilities(version: ApiVersion): MemberCapabilities {
  return MEMBER_CAPABILITIES[version];
}

/** members:batchUpdate takes at most this many members a call (v2 reference). */
export const MAX_BATCH_MEMBERS = 500;
