/**
 * The emulator's Chat state: the records (spaces, memberships, the request ids that set spaces up,
 * the emails seen), their names, who may do what in a space, and the checks on a space's own fields.
 * The rules of each method build on it: chat/spaces.ts, then chat/store.ts (memberships).
 *
 * Each rule cites the proto comment (`@google-apps/chat` 0.22, google/chat/v1) it follows.
 */
import { SPACE_FIELD_MAX } from "../../google/chat";
import { userIdForEmail } from "../ids";
import { ApiError, invalidArgument, notFound, permissionDenied } from "../wire/errors";
import type { AccessPermissionsRecord } from "./accessPermissions";
import { type Permission, type PermissionSettingJson, enumName } from "./model";

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
  /** Who may discover and join (SPACE only); absent until an UpdateSpace sets it. */
  access?: AccessPermissionsRecord;
  /** SPACE only. */
  permissions?: Record<Permission, PermissionSettingJson>;
  creator: string;
  createTime: number;
  memberships: ChatMembershipRecord[];
  nextSeq: number;
}

export const EMAIL_RE = /^[^@\s/]+@[^@\s/]+$/;

const numericId = (email: string) => userIdForEmail(email).slice("users/".length);

export interface ChatSnapshot {
  spaces: ChatSpaceRecord[];
  requests: { requestId: string; spaceId: string; caller: string }[];
  emails: Record<string, string>;
}

/** The records and the checks every Chat method shares. */
export class ChatState {
  readonly spaces = new Map<string, ChatSpaceRecord>();
  /** requestId → the space it set up and who asked. */
  protected requests = new Map<string, { spaceId: string; caller: string }>();
  /** Numeric user id → email, for every user the emulator has seen. */
  protected emails = new Map<string, string>();
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

  protected userId(email: string): string {
    const id = numericId(email);
    this.emails.set(id, email.toLowerCase());
    return id;
  }

  /**
   * `users/{user}`: "{user}" is the numeric id, or the email "as an alias for {user} in API
   * requests. ... Only the canonical resource name (for example users/123456789) will be returned".
   */
  protected parseUser(name: unknown, field: string): { id: string; email?: string } {
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

  protected space(name: unknown, method: string): ChatSpaceRecord {
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
  protected member(space: ChatSpaceRecord, caller: string, method: string): ChatMembershipRecord {
    const id = this.userId(caller);
    const own = space.memberships.find((m) => m.kind === "user" && m.id === id);
    if (!own) throw permissionDenied(`${method}: ${caller} is not a member of spaces/${space.id}`);
    return own;
  }

  /**
   * Whether the caller's role holds a permission. Everyone holds every permission in a GROUP_CHAT
   * ("In direct messages and unnamed group conversations, everyone has this role", membership.proto).
   */
  protected require(
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

  protected checkDisplayName(name: string, except?: ChatSpaceRecord): void {
    const max = SPACE_FIELD_MAX.displayName;
    if (name.length > max) throw invalidArgument(`space.display_name supports up to ${max} characters`);
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

  protected static details(d: any): { description: string; guidelines: string } {
    const description = typeof d?.description === "string" ? d.description : "";
    const guidelines = typeof d?.guidelines === "string" ? d.guidelines : "";
    for (const [field, value] of [
      ["description", description],
      ["guidelines", guidelines],
    ] as const) {
      const max = SPACE_FIELD_MAX[field];
      if (value.length > max)
        throw invalidArgument(
          `space.space_details.${field} supports up to ${max.toLocaleString("en-US")} characters`,
        );
    }
    return { description, guidelines };
  }

  protected static audience(value: unknown): string {
    const audience = typeof value === "string" ? value : "";
    if (audience !== "" && !/^audiences\/[^/]+$/.test(audience))
      throw invalidArgument(
        `space.access_settings.audience must be "audiences/{audience}" (or "audiences/default"), got ${JSON.stringify(audience)}`,
      );
    return audience;
  }

  protected static history(value: unknown): "HISTORY_ON" | "HISTORY_OFF" {
    const name = enumName("spaceHistoryState", value);
    if (name !== "HISTORY_ON" && name !== "HISTORY_OFF")
      throw invalidArgument(
        `space.space_history_state must be HISTORY_ON or HISTORY_OFF, got ${JSON.stringify(value)}`,
      );
    return name;
  }
}
