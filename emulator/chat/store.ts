/**
 * The emulator's Chat state and the Chat API's rules over it: spaces set up with their initial
 * members (idempotent by requestId), UpdateSpace's mask groups, memberships and roles. Transport
 * free: callers pass lowerCamel request objects (enums as names; REST numbers are converted before)
 * and get records back; every refusal is an ApiError with Google's status.
 *
 * Each rule cites the proto comment (`@google-apps/chat` 0.22, google/chat/v1) it follows.
 */
import { randomBytes } from "node:crypto";
import { snakeToCamel } from "../wire/case";
import { ApiError, invalidArgument, notFound, permissionDenied } from "../wire/errors";
import { userIdForEmail } from "../meet/store";
import {
  PERMISSIONS,
  type Permission,
  type PermissionSettingJson,
  ROLES,
  SPACE_MASK_PATHS,
  defaultPermissions,
  enumName,
  normalizeChatMask,
  timestamp,
} from "./model";

export type Role = "ROLE_MEMBER" | "ROLE_MANAGER" | "ROLE_ASSISTANT_MANAGER";
export type SpaceType = "SPACE" | "GROUP_CHAT";

export interface ChatMembershipRecord {
  /** The member id: the user's numeric id (`users/{id}`) or a group's id. */
  id: string;
  kind: "user" | "group";
  /** The email the member was added with (users only; the API never returns it). */
  email?: string;
  role: Role | "MEMBERSHIP_ROLE_UNSPECIFIED";
  createTime: number;
  seq: number;
}

export interface ChatSpaceRecord {
  id: string;
  spaceType: SpaceType;
  displayName: string;
  description: string;
  guidelines: string;
  historyState: "HISTORY_ON" | "HISTORY_OFF";
  externalUserAllowed: boolean;
  audience: string;
  /** SPACE only. */
  permissions?: Record<Permission, PermissionSettingJson>;
  creator: string;
  createTime: number;
  memberships: ChatMembershipRecord[];
  nextSeq: number;
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const EMAIL_RE = /^[^@\s/]+@[^@\s/]+$/;
/** "The set currently allows up to 49 memberships (in addition to the caller)." (space_setup.proto) */
export const SETUP_MAX_MEMBERSHIPS = 49;
const LIST_DEFAULT = 100;
const LIST_MAX = 1000;

function randomId(length: number): string {
  let out = "";
  for (const b of randomBytes(length)) out += ID_CHARS[b % ID_CHARS.length];
  return out;
}

const numericId = (email: string) => userIdForEmail(email).slice("users/".length);

export interface ChatSnapshot {
  spaces: ChatSpaceRecord[];
  requests: { requestId: string; spaceId: string; caller: string }[];
  emails: Record<string, string>;
}

export class ChatStore {
  readonly spaces = new Map<string, ChatSpaceRecord>();
  /** requestId → the space it set up and who asked. */
  private requests = new Map<string, { spaceId: string; caller: string }>();
  /** Numeric user id → email, for every user the emulator has seen. */
  private emails = new Map<string, string>();
  /** Test hook: the clock (ms). */
  now: () => number = Date.now;
  /** Called after each mutation (the state file hooks in here). */
  onChange: () => void = () => {};

  clear(): void {
    this.spaces.clear();
    this.requests.clear();
    this.onChange();
  }

  /** What the state file keeps: spaces, the request ids that made them, and the emails seen. */
  snapshot(): ChatSnapshot {
    return {
      spaces: [...this.spaces.values()].map((s) => structuredClone(s)),
      requests: [...this.requests.entries()].map(([requestId, r]) => ({ requestId, ...r })),
      emails: Object.fromEntries(this.emails),
    };
  }

  load(data: Partial<ChatSnapshot>): void {
    this.spaces.clear();
    this.requests.clear();
    for (const s of data.spaces ?? []) this.spaces.set(s.id, s);
    for (const r of data.requests ?? [])
      this.requests.set(r.requestId, { spaceId: r.spaceId, caller: r.caller });
    for (const [id, email] of Object.entries(data.emails ?? {})) this.emails.set(id, email);
  }

  // --- names and people ---------------------------------------------------------------------

  private userId(email: string): string {
    const id = numericId(email);
    this.emails.set(id, email.toLowerCase());
    return id;
  }

  /**
   * `users/{user}`: "{user}" is the numeric id, or the email "as an alias for {user} in API
   * requests. ... Only the canonical resource name (for example users/123456789) will be returned".
   */
  private parseUser(name: unknown, field: string): { id: string; email?: string } {
    const m = typeof name === "string" ? /^users\/([^/]+)$/.exec(name) : null;
    if (!m)
      throw invalidArgument(
        `${field} must be "users/{user}" (a user id or an email), got ${JSON.stringify(name)}`,
      );
    if (m[1].includes("@")) {
      if (!EMAIL_RE.test(m[1])) throw invalidArgument(`${field}: invalid email ${JSON.stringify(m[1])}`);
      return { id: this.userId(m[1]), email: m[1].toLowerCase() };
    }
    if (!/^\d+$/.test(m[1]))
      throw invalidArgument(`${field}: ${JSON.stringify(name)} is neither a user id nor an email`);
    return { id: m[1], email: this.emails.get(m[1]) };
  }

  private space(name: unknown, method: string): ChatSpaceRecord {
    const m = typeof name === "string" ? /^spaces\/([^/]+)$/.exec(name) : null;
    if (!m)
      throw invalidArgument(
        `${method}: invalid space name ${JSON.stringify(name)}; expected "spaces/{space}"`,
      );
    const record = this.spaces.get(m[1]);
    if (!record) throw notFound(`${method}: space ${name} not found`);
    return record;
  }

  /** The caller's own membership; a caller outside the space may not see it. */
  private member(space: ChatSpaceRecord, caller: string, method: string): ChatMembershipRecord {
    const id = this.userId(caller);
    const own = space.memberships.find((m) => m.kind === "user" && m.id === id);
    if (!own) throw permissionDenied(`${method}: ${caller} is not a member of spaces/${space.id}`);
    return own;
  }

  /**
   * Whether the caller's role holds a permission. Everyone holds every permission in a GROUP_CHAT
   * ("In direct messages and unnamed group conversations, everyone has this role", membership.proto).
   */
  private require(
    space: ChatSpaceRecord,
    caller: string,
    permission: Permission | "manager",
    method: string,
  ): void {
    const own = this.member(space, caller, method);
    if (space.spaceType !== "SPACE") return;
    if (permission === "manager") {
      if (own.role === "ROLE_MANAGER") return;
      throw permissionDenied(
        `${method}: only a space manager (ROLE_MANAGER) of spaces/${space.id} can do this; ${caller} is ${own.role}`,
      );
    }
    const setting = space.permissions![permission];
    const allowed =
      own.role === "ROLE_MANAGER"
        ? setting.managersAllowed
        : own.role === "ROLE_ASSISTANT_MANAGER"
          ? setting.assistantManagersAllowed
          : setting.membersAllowed;
    if (!allowed)
      throw permissionDenied(
        `${method}: the space's ${permission} permission does not allow ${own.role} (${caller})`,
      );
  }

  private checkDisplayName(name: string, except?: ChatSpaceRecord): void {
    if (name.length > 128) throw invalidArgument("space.display_name supports up to 128 characters");
    const taken = [...this.spaces.values()].some(
      (s) => s !== except && s.spaceType === "SPACE" && s.displayName.toLowerCase() === name.toLowerCase(),
    );
    // "If you receive the error message ALREADY_EXISTS ... try a different displayName. An existing
    // space within the Google Workspace organization might already use this display name."
    if (taken)
      throw new ApiError(
        "ALREADY_EXISTS",
        `A space named "${name}" already exists in the organization; try a different displayName`,
      );
  }

  private static details(d: any): { description: string; guidelines: string } {
    const description = typeof d?.description === "string" ? d.description : "";
    const guidelines = typeof d?.guidelines === "string" ? d.guidelines : "";
    // "Supports up to 150 characters." / "Supports up to 5,000 characters." (space.proto SpaceDetails)
    if (description.length > 150)
      throw invalidArgument("space.space_details.description supports up to 150 characters");
    if (guidelines.length > 5000)
      throw invalidArgument("space.space_details.guidelines supports up to 5,000 characters");
    return { description, guidelines };
  }

  private static audience(value: unknown): string {
    const audience = typeof value === "string" ? value : "";
    if (audience !== "" && !/^audiences\/[^/]+$/.test(audience))
      throw invalidArgument(
        `space.access_settings.audience must be "audiences/{audience}" (or "audiences/default"), got ${JSON.stringify(audience)}`,
      );
    return audience;
  }

  private static history(value: unknown): "HISTORY_ON" | "HISTORY_OFF" {
    const name = enumName("spaceHistoryState", value);
    if (name !== "HISTORY_ON" && name !== "HISTORY_OFF")
      throw invalidArgument(
        `space.space_history_state must be HISTORY_ON or HISTORY_OFF, got ${JSON.stringify(value)}`,
      );
    return name;
  }

  // --- spaces ---------------------------------------------------------------------------------

  /** SetUpSpace: a space with the caller and up to 49 more members, once per requestId. */
  setUpSpace(caller: string, request: any): ChatSpaceRecord {
    const requestId = typeof request?.requestId === "string" ? request.requestId : "";
    if (requestId !== "") {
      const earlier = this.requests.get(requestId);
      const existing = earlier && this.spaces.get(earlier.spaceId);
      if (earlier && existing) {
        // "Specifying an existing request ID returns the space created with that ID instead of
        // creating a new space. Specifying an existing request ID from the same Chat app with a
        // different authenticated user returns an error."
        if (earlier.caller.toLowerCase() !== caller.toLowerCase())
          throw invalidArgument(
            `request_id ${JSON.stringify(requestId)} was already used by another user; use a new request id`,
          );
        return existing;
      }
    }
    const space = request?.space;
    if (!space || typeof space !== "object") throw invalidArgument("space is required");
    // "The Space.spaceType field is required."
    const type = enumName("spaceType", space.spaceType);
    if (type === "DIRECT_MESSAGE")
      throw new ApiError(
        "UNIMPLEMENTED",
        "SetUpSpace with DIRECT_MESSAGE is not implemented by the emulator",
      );
    if (type !== "SPACE" && type !== "GROUP_CHAT")
      throw invalidArgument(
        `space.space_type is required: SPACE or GROUP_CHAT, got ${JSON.stringify(space.spaceType ?? null)}`,
      );
    const displayName = typeof space.displayName === "string" ? space.displayName : "";
    const memberships: any[] = Array.isArray(request.memberships) ? request.memberships : [];
    if (type === "SPACE") {
      // "To create a space, set Space.spaceType to SPACE and set Space.displayName."
      if (displayName.trim() === "")
        throw invalidArgument("space.display_name is required when space_type is SPACE");
    } else {
      // "To create a group chat, set Space.spaceType to GROUP_CHAT. Don't set Space.displayName."
      if (displayName !== "")
        throw invalidArgument("space.display_name must not be set when space_type is GROUP_CHAT");
      // "Required when setting Space.spaceType to GROUP_CHAT, along with at least two memberships."
      if (memberships.length < 2)
        throw invalidArgument(
          `a GROUP_CHAT needs at least two memberships besides the caller, got ${memberships.length}`,
        );
    }
    if (memberships.length > SETUP_MAX_MEMBERSHIPS)
      throw invalidArgument(
        `memberships: up to ${SETUP_MAX_MEMBERSHIPS} memberships are allowed in addition to the caller, got ${memberships.length}`,
      );
    if (space.permissionSettings)
      throw invalidArgument(
        "space.permission_settings is for updating existing spaces; at setup use predefined_permission_settings",
      );
    const details = ChatStore.details(space.spaceDetails);
    const history =
      space.spaceHistoryState === undefined ? "HISTORY_ON" : ChatStore.history(space.spaceHistoryState);
    const audience = ChatStore.audience(space.accessSettings?.audience);
    if (type !== "SPACE" && audience !== "")
      throw invalidArgument("space.access_settings applies only to spaces of type SPACE");
    const predefined = enumName("predefinedPermissionSettings", space.predefinedPermissionSettings);

    const callerId = this.userId(caller);
    const created = this.now();
    const members: ChatMembershipRecord[] = [];
    let seq = 1;
    // The caller is added automatically: as manager of a SPACE; in a group chat everyone is ROLE_MEMBER.
    members.push({
      id: callerId,
      kind: "user",
      email: caller.toLowerCase(),
      role: type === "SPACE" ? "ROLE_MANAGER" : "ROLE_MEMBER",
      createTime: created,
      seq: seq++,
    });
    memberships.forEach((m, i) => {
      const added = this.newMembership(m, type, `memberships[${i}]`, created, seq++);
      // "Omit the calling user, as they are added automatically."
      if (added.kind === "user" && added.id === callerId)
        throw invalidArgument(`memberships[${i}] is the calling user, who is added automatically; omit it`);
      if (members.some((x) => x.kind === added.kind && x.id === added.id))
        throw invalidArgument(`memberships[${i}] repeats a member listed earlier`);
      members.push(added);
    });
    if (type === "SPACE") this.checkDisplayName(displayName);

    let id = randomId(11);
    while (this.spaces.has(id)) id = randomId(11);
    const record: ChatSpaceRecord = {
      id,
      spaceType: type,
      displayName: type === "SPACE" ? displayName : "",
      ...details,
      historyState: history,
      externalUserAllowed: space.externalUserAllowed === true,
      audience,
      permissions: type === "SPACE" ? defaultPermissions(predefined === "ANNOUNCEMENT_SPACE") : undefined,
      creator: caller,
      createTime: created,
      memberships: members,
      nextSeq: seq,
    };
    this.spaces.set(id, record);
    if (requestId !== "") this.requests.set(requestId, { spaceId: id, caller });
    this.onChange();
    return record;
  }

  /** A membership from a request: a HUMAN user by id or email, or a group (SPACE only). */
  private newMembership(
    m: any,
    type: SpaceType,
    field: string,
    now: number,
    seq: number,
  ): ChatMembershipRecord {
    if (m?.groupMember) {
      // "You can only add Google groups when setting Space.spaceType to SPACE."
      if (type !== "SPACE")
        throw invalidArgument(
          `${field}.group_member: Google groups can only be added to spaces of type SPACE`,
        );
      const g = /^groups\/([^/]+)$/.exec(String(m.groupMember.name ?? ""));
      if (!g) throw invalidArgument(`${field}.group_member.name must be "groups/{group}"`);
      return { id: g[1], kind: "group", role: "MEMBERSHIP_ROLE_UNSPECIFIED", createTime: now, seq };
    }
    const member = m?.member;
    if (!member) throw invalidArgument(`${field} needs member (a user) or group_member`);
    const userType = member.type === undefined ? undefined : enumName("type", member.type);
    // "the Membership.member field must contain a user with name populated ... and type set to User.Type.HUMAN"
    if (userType !== "HUMAN")
      throw invalidArgument(`${field}.member.type must be HUMAN (only human users can be added here)`);
    const user = this.parseUser(member.name, `${field}.member.name`);
    // Role is "only used as input in UpdateMembership": a new membership is ROLE_MEMBER.
    return { id: user.id, kind: "user", email: user.email, role: "ROLE_MEMBER", createTime: now, seq };
  }

  getSpace(caller: string, name: unknown): ChatSpaceRecord {
    const space = this.space(name, "GetSpace");
    this.member(space, caller, "GetSpace");
    return space;
  }

  /** UpdateSpace with the mask rules of UpdateSpaceRequest.update_mask (space.proto). */
  updateSpace(caller: string, request: any): ChatSpaceRecord {
    const sent = request?.space;
    if (!sent || typeof sent !== "object") throw invalidArgument("space is required");
    const paths = normalizeChatMask(request.updateMaskPaths ?? []);
    // "Required. The updated field paths"
    if (paths.length === 0) throw invalidArgument("update_mask is required: name the fields to update");
    const unknown = paths.filter((p) => !SPACE_MASK_PATHS.includes(p));
    if (unknown.length > 0) {
      throw invalidArgument(
        `Invalid update_mask path(s) ${unknown.map((p) => `"${p}"`).join(", ")}; allowed: ${SPACE_MASK_PATHS.join(", ")}`,
      );
    }
    const space = this.space(sent.name, "UpdateSpace");
    this.member(space, caller, "UpdateSpace");
    const others = (path: string) => paths.some((p) => p !== path);
    // "To update the space history state, you must omit all other field masks in your request."
    if (paths.includes("space_history_state") && others("space_history_state"))
      throw invalidArgument("space_history_state must be the only path in update_mask");
    // "To update access settings for a space, the authenticating user must be a space manager and
    // omit all other field masks in your request."
    if (paths.includes("access_settings.audience") && others("access_settings.audience"))
      throw invalidArgument("access_settings.audience must be the only path in update_mask");
    // "When updating permission settings, you can only specify permissionSettings field masks; you
    // cannot update other field masks at the same time."
    const permissionPaths = paths.filter((p) => p.startsWith("permission_settings."));
    if (permissionPaths.length > 0 && permissionPaths.length !== paths.length)
      throw invalidArgument("permission_settings.* paths cannot be combined with other paths in update_mask");

    const next = { ...space };
    if (paths.includes("space_type")) {
      // "Only supports changing a GROUP_CHAT space type to SPACE. Include display_name together
      // with space_type in the update mask and ensure that the specified space has a non-empty
      // display name and the SPACE space type."
      const to = enumName("spaceType", sent.spaceType);
      if (
        space.spaceType !== "GROUP_CHAT" ||
        to !== "SPACE" ||
        !paths.includes("display_name") ||
        !String(sent.displayName ?? "").trim()
      )
        throw invalidArgument(
          "space_type can only change a GROUP_CHAT to SPACE, with display_name in the same update_mask and a non-empty display name",
        );
      next.spaceType = "SPACE";
    }
    if (paths.includes("display_name")) {
      // "display_name: Only supports updating the display name for spaces where spaceType field is SPACE."
      if (next.spaceType !== "SPACE")
        throw invalidArgument("display_name can only be updated on spaces of type SPACE");
      const name = typeof sent.displayName === "string" ? sent.displayName : "";
      if (name.trim() === "") throw invalidArgument("display_name cannot be empty on a SPACE");
      this.require(space, caller, "modifySpaceDetails", "UpdateSpace");
      this.checkDisplayName(name, space);
      next.displayName = name;
    }
    if (paths.includes("space_details")) {
      // "You must pass both description and guidelines ... If you only want to update one of the
      // fields, pass the existing value for the other field." (an omitted one becomes empty)
      this.require(space, caller, "modifySpaceDetails", "UpdateSpace");
      Object.assign(next, ChatStore.details(sent.spaceDetails));
    }
    if (paths.includes("space_history_state")) {
      this.require(space, caller, "toggleHistory", "UpdateSpace");
      next.historyState = ChatStore.history(sent.spaceHistoryState);
    }
    if (paths.includes("access_settings.audience")) {
      if (space.spaceType !== "SPACE")
        throw invalidArgument("access_settings.audience applies only to spaces of type SPACE");
      this.require(space, caller, "manager", "UpdateSpace");
      // "you can remove the audience and restrict space access by omitting a value for this field mask"
      next.audience = ChatStore.audience(sent.accessSettings?.audience);
    }
    if (permissionPaths.length > 0) {
      if (space.spaceType !== "SPACE")
        throw invalidArgument("permission_settings applies only to spaces of type SPACE");
      this.require(space, caller, "manager", "UpdateSpace");
      const permissions = { ...space.permissions! };
      for (const path of permissionPaths) {
        const key = snakeToCamel(path.slice("permission_settings.".length)) as Permission;
        const value = sent.permissionSettings?.[key] ?? {};
        // "existing permission settings are replaced": what is not sent becomes false.
        permissions[key] = {
          managersAllowed: value.managersAllowed === true,
          assistantManagersAllowed: value.assistantManagersAllowed === true,
          membersAllowed: value.membersAllowed === true,
        };
      }
      next.permissions = permissions;
    }
    if (next.spaceType === "SPACE" && !next.permissions) next.permissions = defaultPermissions(false);
    // Converted group chats keep their members; everyone stays ROLE_MEMBER except the converter.
    if (space.spaceType === "GROUP_CHAT" && next.spaceType === "SPACE") {
      next.memberships = space.memberships.map((m) =>
        m.id === this.userId(caller) ? { ...m, role: "ROLE_MANAGER" as const } : m,
      );
    }
    Object.assign(space, next);
    this.onChange();
    return space;
  }

  /** DeleteSpace: SPACE by a manager ("A space owner ... Delete the space"); a group chat by any member. */
  deleteSpace(caller: string, name: unknown): void {
    const space = this.space(name, "DeleteSpace");
    this.require(space, caller, "manager", "DeleteSpace");
    this.spaces.delete(space.id);
    for (const [id, r] of this.requests) if (r.spaceId === space.id) this.requests.delete(id);
    this.onChange();
  }

  // --- memberships ----------------------------------------------------------------------------

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
      const t = /^ct1:([^:]+):(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
      if (!t || t[1] !== space.id) throw invalidArgument("ListMemberships: invalid page_token");
      after = Number(t[2]);
    }
    const rest = space.memberships
      .filter((m) => m.seq > after)
      .filter((m) => (m.kind === "group" ? request?.showGroups === true : true))
      .filter(match);
    const page = rest.slice(0, limit);
    const next =
      rest.length > limit
        ? Buffer.from(`ct1:${space.id}:${page[page.length - 1].seq}`).toString("base64url")
        : "";
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
    this.require(space, caller, "manager", "UpdateMembership");
    const role = enumName("role", request?.membership?.role);
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

/**
 * The ListMemberships filter: `role = "ROLE_X"`, `member.type = "HUMAN"|"BOT"`,
 * `member.type != "..."`, joined by AND or OR. Invalid: the same field twice under AND
 * ("role = \"ROLE_MANAGER\" AND role = \"ROLE_MEMBER\""), mixing AND with OR, anything else.
 */
export function parseMembershipFilter(filter: string): (m: ChatMembershipRecord) => boolean {
  const text = filter.trim();
  if (text === "") return () => true;
  const ops = [...text.matchAll(/\s(AND|OR)\s/g)].map((m) => m[1]);
  if (new Set(ops).size > 1)
    throw invalidArgument(`Invalid filter ${JSON.stringify(filter)}: use either AND or OR, not both`);
  const terms = text.split(/\s(?:AND|OR)\s/).map((t) => {
    const m = /^\s*(role|member\.type)\s*(=|!=)\s*"([A-Z_]+)"\s*$/.exec(t);
    if (!m)
      throw invalidArgument(
        `Invalid filter ${JSON.stringify(filter)}: terms are role = "ROLE_…" or member.type = / != "HUMAN"|"BOT"`,
      );
    const [, field, op, value] = m;
    if (field === "role" && (op !== "=" || (value !== "ROLE_MEMBER" && value !== "ROLE_MANAGER")))
      throw invalidArgument(
        `Invalid filter ${JSON.stringify(filter)}: role must be = "ROLE_MEMBER" or "ROLE_MANAGER"`,
      );
    if (field === "member.type" && value !== "HUMAN" && value !== "BOT")
      throw invalidArgument(`Invalid filter ${JSON.stringify(filter)}: member.type is HUMAN or BOT`);
    return { field, op, value };
  });
  if (ops[0] === "AND" && new Set(terms.map((t) => t.field)).size !== terms.length)
    throw invalidArgument(`Invalid filter ${JSON.stringify(filter)}: a field cannot be ANDed with itself`);
  const test = (t: { field: string; op: string; value: string }, m: ChatMembershipRecord) => {
    const actual = t.field === "role" ? m.role : m.kind === "user" ? "HUMAN" : "GROUP";
    return t.op === "=" ? actual === t.value : actual !== t.value;
  };
  return ops[0] === "OR" ? (m) => terms.some((t) => test(t, m)) : (m) => terms.every((t) => test(t, m));
}

// --- wire shapes -------------------------------------------------------------------------------

export function chatSpaceToJson(s: ChatSpaceRecord, transport: "grpc" | "rest"): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: `spaces/${s.id}`,
    type: "ROOM",
    spaceType: s.spaceType,
    spaceThreadingState: s.spaceType === "SPACE" ? "THREADED_MESSAGES" : "UNTHREADED_MESSAGES",
    spaceHistoryState: s.historyState,
    createTime: timestamp(s.createTime, transport),
    membershipCount: {
      joinedDirectHumanUserCount: s.memberships.filter((m) => m.kind === "user").length,
      joinedGroupCount: s.memberships.filter((m) => m.kind === "group").length,
    },
    spaceUri: `https://chat.google.com/room/${s.id}?cls=7`,
  };
  if (s.displayName) json.displayName = s.displayName;
  if (s.externalUserAllowed) json.externalUserAllowed = true;
  if (s.description || s.guidelines) {
    const details: Record<string, string> = {};
    if (s.description) details.description = s.description;
    if (s.guidelines) details.guidelines = s.guidelines;
    json.spaceDetails = details;
  }
  if (s.spaceType === "SPACE") {
    // "Only populated when the space_type is SPACE."
    json.accessSettings = s.audience
      ? { accessState: "DISCOVERABLE", audience: s.audience }
      : { accessState: "PRIVATE" };
    json.permissionSettings = Object.fromEntries(
      [...PERMISSIONS, "postMessages"].map((p) => [p, { ...s.permissions![p as Permission] }]),
    );
  }
  return json;
}

export function chatMembershipToJson(
  s: ChatSpaceRecord,
  m: ChatMembershipRecord,
  transport: "grpc" | "rest",
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: `spaces/${s.id}/members/${m.id}`,
    state: "JOINED",
    createTime: timestamp(m.createTime, transport),
  };
  if (m.role !== "MEMBERSHIP_ROLE_UNSPECIFIED") json.role = m.role;
  if (m.kind === "user") json.member = { name: `users/${m.id}`, type: "HUMAN" };
  else json.groupMember = { name: `groups/${m.id}` };
  return json;
}

/** A Chat space as the admin hook shows it: the full view plus its creator and members with emails. */
export function storedChatSpace(s: ChatSpaceRecord): Record<string, unknown> {
  return {
    ...chatSpaceToJson(s, "rest"),
    creator: s.creator,
    memberships: s.memberships.map((m) => ({
      ...chatMembershipToJson(s, m, "rest"),
      ...(m.email ? { email: m.email } : {}),
    })),
  };
}
