/**
 * The Chat store: the state (chat/state.ts) with the space methods (chat/spaces.ts) and the
 * membership methods below. Transport free: callers pass lowerCamel request objects (enums as
 * names; REST numbers are converted before) and get records back; every refusal is an ApiError with
 * Google's status.
 *
 * Each rule cites the proto comment (`@google-apps/chat` 0.22, google/chat/v1) it follows.
 */
import { ApiError, invalidArgument, notFound, permissionDenied } from "../wire/errors";
import { decodePageToken, encodePageToken } from "../wire/pageTokens";
import { ROLES, enumName, normalizeChatMask } from "./model";
import { parseMembershipFilter } from "./filter";
import { ChatSpaces } from "./spaces";
import type { ChatMembershipRecord, ChatSpaceRecord } from "./state";

export type { ChatMembershipRecord, ChatSnapshot, ChatSpaceRecord, Role, SpaceType } from "./state";
export { chatMembershipToJson, chatSpaceToJson, storedChatSpace } from "./render";

/** ListMemberships: "If unspecified, at most 100 memberships are returned. The maximum value is 1000". */
const LIST_DEFAULT = 100;
const LIST_MAX = 1000;

export class ChatStore extends ChatSpaces {
  /** `spaces/{space}/members/{member}`; "You can use the user's email as an alias for {member}." */
  private membership(name: unknown, method: string): [ChatSpaceRecord, ChatMembershipRecord] {
    const m = typeof name === "string" ? /^(spaces\/[^/]+)\/members\/([^/]+)$/.exec(name) : null;
    if (!m)
      throw invalidArgument(
        `${method}: invalid membership name ${JSON.stringify(name)}; expected "spaces/{space}/members/{member}"`,
      );
    const space = this.space(m[1], method);
    const id = m[2].includes("@") ? this.userId(m[2]) : m[2];
    const found = space.memberships.find((x) => x.id === id);
    if (!found) throw notFound(`${method}: membership ${name} not found`);
    return [space, found];
  }

  createMembership(
    caller: string,
    parent: unknown,
    membership: any,
  ): [ChatSpaceRecord, ChatMembershipRecord] {
    const space = this.space(parent, "CreateMembership");
    this.require(space, caller, "manageMembersAndGroups", "CreateMembership");
    if (!membership || typeof membership !== "object") throw invalidArgument("membership is required");
    const added = this.newMembership(membership, space.spaceType, "membership", this.now(), space.nextSeq);
    if (space.memberships.some((m) => m.kind === added.kind && m.id === added.id))
      throw new ApiError(
        "ALREADY_EXISTS",
        `CreateMembership: ${membership.member?.name ?? membership.groupMember?.name} is already a member of spaces/${space.id}`,
      );
    space.nextSeq++;
    space.memberships.push(added);
    this.onChange();
    return [space, added];
  }

  getMembership(caller: string, name: unknown): [ChatSpaceRecord, ChatMembershipRecord] {
    const [space, found] = this.membership(name, "GetMembership");
    this.member(space, caller, "GetMembership");
    return [space, found];
  }

  /**
   * ListMemberships: "If unspecified, at most 100 memberships are returned. The maximum value is
   * 1000 ... Negative values return an INVALID_ARGUMENT error." Groups only with `showGroups`.
   */
  listMemberships(caller: string, request: any): [ChatSpaceRecord, ChatMembershipRecord[], string] {
    const size = Number(request?.pageSize ?? 0);
    if (!Number.isInteger(size) || size < 0)
      throw invalidArgument(`page_size must not be negative, got ${JSON.stringify(request?.pageSize)}`);
    const space = this.space(request?.parent, "ListMemberships");
    this.member(space, caller, "ListMemberships");
    const match = parseMembershipFilter(String(request?.filter ?? ""));
    const limit = size === 0 ? LIST_DEFAULT : Math.min(size, LIST_MAX);
    let after = 0;
    const token = typeof request?.pageToken === "string" ? request.pageToken : "";
    if (token !== "") {
      const seq = decodePageToken(token, "ct1", space.id);
      if (seq === undefined) throw invalidArgument("ListMemberships: invalid page_token");
      after = seq;
    }
    const rest = space.memberships
      .filter((m) => m.seq > after)
      .filter((m) => (m.kind === "group" ? request?.showGroups === true : true))
      .filter(match);
    const page = rest.slice(0, limit);
    const next = rest.length > limit ? encodePageToken("ct1", space.id, page[page.length - 1].seq) : "";
    return [space, page, next];
  }

  /** UpdateMembership: "Currently supported field paths: role" (or `*`). */
  updateMembership(caller: string, request: any): [ChatSpaceRecord, ChatMembershipRecord] {
    const paths = normalizeChatMask(request?.updateMaskPaths ?? []);
    if (paths.length === 0) throw invalidArgument("update_mask is required; the supported path is role");
    const bad = paths.filter((p) => p !== "role" && p !== "*");
    if (bad.length > 0)
      throw invalidArgument(
        `Invalid update_mask path(s) ${bad.map((p) => `"${p}"`).join(", ")}; the supported path is role`,
      );
    const [space, found] = this.membership(request?.membership?.name, "UpdateMembership");
    const role = enumName("role", request?.membership?.role);
    this.requireRoleChange(space, caller, found, role);
    if (role !== "ROLE_MEMBER" && role !== "ROLE_MANAGER" && role !== "ROLE_ASSISTANT_MANAGER")
      throw invalidArgument(
        `membership.role must be one of ${Object.keys(ROLES).slice(1).join(", ")}, got ${JSON.stringify(request?.membership?.role ?? null)}`,
      );
    // ROLE_MANAGER / ROLE_ASSISTANT_MANAGER: "Only supported in SpaceType.SPACE (named spaces)."
    if (role !== "ROLE_MEMBER" && space.spaceType !== "SPACE")
      throw invalidArgument(
        `${role} is only supported in spaces of type SPACE; spaces/${space.id} is a ${space.spaceType}`,
      );
    if (found.kind === "group")
      throw invalidArgument("the role of a Google group membership cannot be changed");
    if (found.role === "ROLE_MANAGER" && role !== "ROLE_MANAGER")
      this.keepAManager(space, found, "UpdateMembership");
    found.role = role;
    this.onChange();
    return [space, found];
  }

  deleteMembership(caller: string, name: unknown): [ChatSpaceRecord, ChatMembershipRecord] {
    const [space, found] = this.membership(name, "DeleteMembership");
    this.require(space, caller, "manageMembersAndGroups", "DeleteMembership");
    if (found.role === "ROLE_MANAGER") this.keepAManager(space, found, "DeleteMembership");
    space.memberships = space.memberships.filter((m) => m !== found);
    this.onChange();
    return [space, found];
  }

  /**
   * Who may change a role. An owner (ROLE_MANAGER) may change any. A manager (ROLE_ASSISTANT_MANAGER)
   * "can be granted a subset of administrative permissions by an owner. By default, managers have
   * all the permissions of an owner except for the ability to: ... Make another space member an
   * owner. Change an owner's role." and their permissions include "Make another member a manager."
   */
  private requireRoleChange(
    space: ChatSpaceRecord,
    caller: string,
    target: ChatMembershipRecord,
    role: string | undefined,
  ): void {
    const own = this.member(space, caller, "UpdateMembership");
    if (space.spaceType !== "SPACE" || own.role === "ROLE_MANAGER") return;
    if (own.role === "ROLE_ASSISTANT_MANAGER" && role !== "ROLE_MANAGER" && target.role !== "ROLE_MANAGER")
      return;
    throw permissionDenied(
      own.role === "ROLE_ASSISTANT_MANAGER"
        ? `UpdateMembership: a space manager (ROLE_ASSISTANT_MANAGER, "Manager" in Chat) cannot make an owner or change an owner's role in spaces/${space.id}; ${caller} is ROLE_ASSISTANT_MANAGER`
        : `UpdateMembership: only an owner (ROLE_MANAGER) or a manager (ROLE_ASSISTANT_MANAGER) of spaces/${space.id} can change roles; ${caller} is ${own.role}`,
    );
  }

  /** A SPACE must keep a manager (ROLE_MANAGER): the last one can be neither demoted nor removed. */
  private keepAManager(space: ChatSpaceRecord, leaving: ChatMembershipRecord, method: string): void {
    if (space.spaceType !== "SPACE") return;
    const others = space.memberships.filter((m) => m !== leaving && m.role === "ROLE_MANAGER");
    if (others.length === 0)
      throw new ApiError(
        "FAILED_PRECONDITION",
        `${method}: spaces/${space.id} must keep a space manager; make another member ROLE_MANAGER first`,
      );
  }
}
