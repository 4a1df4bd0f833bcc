/**
 * The Meet API versions and what each can do with members: the one place that knows it. The wires
 * (v2Rest.ts, v2betaGax.ts) size their pages by it, the member reconciler plans role changes by it,
 * and MeetSpaceMember's diff asks for a replacement where a role cannot change in place.
 */
import { LIST_MEMBERS_PAGE_SIZES, type MeetApiVersion } from "../../google/meet";

export type ApiVersion = MeetApiVersion;
export const API_VERSIONS: readonly ApiVersion[] = ["v2", "v2beta"];

export interface MemberCapabilities {
  /** A member's role can change in place (v2: members.patch and members:batchUpdate); else delete + create. */
  readonly updateRole: boolean;
  /** ListMembers' maximum page size (larger values are coerced to it). */
  readonly pageSize: number;
}

const MEMBER_CAPABILITIES: Record<ApiVersion, MemberCapabilities> = {
  v2: { updateRole: true, pageSize: LIST_MEMBERS_PAGE_SIZES.v2.max },
  // Developer Preview: no member update.
  v2beta: { updateRole: false, pageSize: LIST_MEMBERS_PAGE_SIZES.v2beta.max },
};

export function memberCapabilities(version: ApiVersion): MemberCapabilities {
  return MEMBER_CAPABILITIES[version];
}
