/**
 * The Meet store: the state and space methods (meet/spaces.ts) with the member methods below:
 * CreateMember, GetMember, UpdateMember, BatchUpdateMembers, DeleteMember, ListMembers.
 * Transport-free: callers pass lowerCamel JSON-ish objects (enum names or numbers) and get records
 * back; errors are ApiError.
 */
import { BATCH_UPDATE_MEMBERS_MAX, LIST_MEMBERS_PAGE_SIZES } from "../../google/meet";
import { randomId, userIdForEmail } from "../ids";
import { ApiError, invalidArgument, notFound } from "../wire/errors";
import { decodePageToken, encodePageToken } from "../wire/pageTokens";
import { expandMemberMask } from "./masks";
import { type ApiVersion, parseRole } from "./model";
import {
  type ListResult,
  type MemberRecord,
  type MemberUpdate,
  type SpaceRecord,
  spaceName,
} from "./records";
import { MeetSpaces } from "./spaces";

export type { MemberJson, MemberRecord, SpaceJson, SpaceRecord, UserSettings } from "./records";
export { memberToJson, spaceName, spaceToJson } from "./records";

const MEMBER_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

/** The space methods (meet/spaces.ts) and the member methods. */
export class Store extends MeetSpaces {
  private resolveMember(caller: string, name: unknown, method: string): [SpaceRecord, MemberRecord] {
    const str = typeof name === "string" ? name : "";
    const match = /^(spaces\/[^/]+)\/members\/([^/]+)$/.exec(str);
    if (!match || !MEMBER_ID_RE.test(match[2])) {
      throw invalidArgument(
        `${method}: invalid member name ${JSON.stringify(str)}; expected "spaces/{space}/members/{member}"`,
      );
    }
    const space = this.ownedSpace(caller, match[1], method);
    const member = space.members.find((m) => m.id === match[2]);
    if (!member) throw notFound(`Member ${str} not found`);
    return [space, member];
  }

  // --- members ---------------------------------------------------------------------------

  createMember(caller: string, parent: unknown, member: any): [SpaceRecord, MemberRecord] {
    const space = this.ownedSpace(caller, parent, "CreateMember");
    const email = typeof member?.email === "string" ? member.email.trim() : "";
    if (member?.user && email !== "") {
      throw invalidArgument(
        "CreateMember: set either member.email or member.user, not both; the server sets user",
      );
    }
    if (email === "") throw invalidArgument("CreateMember: member.email is required");
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw invalidArgument(`CreateMember: invalid email ${JSON.stringify(email)}`);
    const role = parseRole(member?.role, "member.role");
    if (space.members.some((m) => m.email.toLowerCase() === email.toLowerCase())) {
      throw new ApiError(
        "ALREADY_EXISTS",
        `CreateMember: ${email} is already a member of ${spaceName(space)}`,
      );
    }
    let id = randomId(12);
    while (space.members.some((m) => m.id === id)) id = randomId(12);
    const record: MemberRecord = {
      id,
      email,
      role,
      user: userIdForEmail(email),
      seq: space.nextMemberSeq++,
    };
    space.members.push(record);
    this.onChange();
    return [space, record];
  }

  getMember(caller: string, name: unknown): [SpaceRecord, MemberRecord] {
    return this.resolveMember(caller, name, "GetMember");
  }

  /**
   * UpdateMember (v2): `mask` as for spaces: absent or empty → the fields sent with values;
   * `*` → every field, unset ones deleted (role back to ROLE_UNSPECIFIED). Only role changes.
   */
  updateMember(caller: string, member: any, mask: string[] | undefined): [SpaceRecord, MemberRecord] {
    const [space, record, role] = this.planMemberUpdate(caller, member, mask, "UpdateMember");
    record.role = role;
    this.onChange();
    return [space, record];
  }

  /**
   * BatchUpdateMembers (v2), all or nothing. Mask rules from Google's reference: "1. top-level
   * and child field mask is absent: All fields provided in the requests are updated, including
   * deleting fields not set in the requests. 2. top-level field mask is present but child field
   * mask is absent: The fields specified in the top-level field mask are updated. 3. top-level
   * and child field mask is present: The child field mask must be the same as the top-level
   * field mask. 4. top-level field mask is absent but child field mask is present: It isn't
   * supported and will return an error."
   */
  batchUpdateMembers(
    caller: string,
    parent: unknown,
    requests: MemberUpdate[],
    topMask: string[] | undefined,
  ): [SpaceRecord, MemberRecord[]] {
    const method = "BatchUpdateMembers";
    const space = this.ownedSpace(caller, parent, method);
    if (!Array.isArray(requests) || requests.length === 0)
      throw invalidArgument(`${method}: requests is required`);
    if (requests.length > BATCH_UPDATE_MEMBERS_MAX) {
      throw invalidArgument(
        `${method}: ${requests.length} requests; a maximum of ${BATCH_UPDATE_MEMBERS_MAX} members can be modified in a batch`,
      );
    }
    const top = topMask === undefined ? [] : topMask;
    const plans = requests.map((request, i) => {
      const child = request?.updateMask ?? [];
      if (top.length === 0 && child.length > 0) {
        throw invalidArgument(
          `${method}: requests[${i}].update_mask is set but the top-level update_mask is not; a child mask needs the same top-level mask`,
        );
      }
      if (child.length > 0 && [...child].sort().join(",") !== [...top].sort().join(",")) {
        throw invalidArgument(
          `${method}: requests[${i}].update_mask (${child.join(",")}) must be absent or equal to the top-level update_mask (${top.join(",")})`,
        );
      }
      const member = request?.member;
      const name = typeof member?.name === "string" ? member.name : "";
      if (!name.startsWith(`${spaceName(space)}/members/`)) {
        throw invalidArgument(
          `${method}: requests[${i}].member.name ${JSON.stringify(name)} is not a member of ${spaceName(space)}`,
        );
      }
      // No masks at all: every field given is updated and unset ones deleted, as with "*".
      return this.planMemberUpdate(caller, member, top.length === 0 ? ["*"] : top, method);
    });
    for (const [, record, role] of plans) record.role = role;
    this.onChange();
    return [space, plans.map(([, record]) => record)];
  }

  /** Validates one member update and returns the role it leads to, changing nothing. */
  private planMemberUpdate(
    caller: string,
    member: any,
    mask: string[] | undefined,
    method: string,
  ): [SpaceRecord, MemberRecord, MemberRecord["role"]] {
    const paths = expandMemberMask(mask ?? [], method);
    if (!member || typeof member !== "object") throw invalidArgument(`${method}: member is required`);
    const sentRole = parseRole(member.role, "member.role");
    const [space, record] = this.resolveMember(caller, member.name, method);
    if (paths.length === 0) return [space, record, sentRole === "ROLE_UNSPECIFIED" ? record.role : sentRole];
    return [space, record, sentRole];
  }

  deleteMember(caller: string, name: unknown): void {
    const [space, member] = this.resolveMember(caller, name, "DeleteMember");
    space.members = space.members.filter((m) => m !== member);
    this.onChange();
  }

  listMembers(
    caller: string,
    parent: unknown,
    pageSize: unknown,
    pageToken: unknown,
    version: ApiVersion,
  ): [SpaceRecord, ListResult] {
    const size = Number(pageSize ?? 0);
    if (!Number.isInteger(size) || size < 0) {
      throw invalidArgument(
        `ListMembers: page_size must be a non-negative integer, got ${JSON.stringify(pageSize)}`,
      );
    }
    const space = this.ownedSpace(caller, parent, "ListMembers");
    const sizes = LIST_MEMBERS_PAGE_SIZES[version];
    const limit = size === 0 ? sizes.byDefault : Math.min(size, sizes.max);
    let after = 0;
    if (typeof pageToken === "string" && pageToken !== "") {
      const seq = decodePageToken(pageToken, "mt1", space.id);
      if (seq === undefined) throw invalidArgument("ListMembers: invalid page_token");
      after = seq;
    }
    const rest = space.members.filter((m) => m.seq > after);
    const page = rest.slice(0, limit);
    const nextPageToken =
      rest.length > limit ? encodePageToken("mt1", space.id, page[page.length - 1].seq) : "";
    return [space, { members: page, nextPageToken }];
  }
}
