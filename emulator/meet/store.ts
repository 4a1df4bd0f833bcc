/**
 * The emulator's state and the Meet semantics over it: spaces, members, owners, update
 * masks, policy defaults and plan features. Transport-free: callers pass lowerCamel JSON-ish
 * objects (enum names or numbers) and get records back; errors are ApiError.
 */
import { randomId, userIdForEmail } from "../pipeline/ids";
import { ApiError, invalidArgument, notFound, permissionDenied } from "../wire/errors";
import { decodePageToken, encodePageToken } from "../wire/pageTokens";
import { expandMask, expandMemberMask } from "./masks";
import {
  type ApiVersion,
  type Feature,
  type FlatConfig,
  FEATURES,
  LEAVES,
  MODERATION_PATH,
  RESTRICTION_PATHS,
  parseRole,
  parseSentConfig,
  policyDefaults,
} from "./model";
import {
  type ListResult,
  type MemberRecord,
  type MemberUpdate,
  type SpaceRecord,
  type UserSettings,
  spaceName,
} from "./records";

export type { MemberJson, MemberRecord, SpaceJson, SpaceRecord, UserSettings } from "./records";
export { memberToJson, spaceName, spaceToJson } from "./records";

const MEETING_CODE_RE = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/i;
const SPACE_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
const MEMBER_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
/** ListMembers page sizes: v2 "unset or 0 → at most 250; max 500"; v2beta default 25, max 100. */
const PAGE_SIZES: Record<ApiVersion, { byDefault: number; max: number }> = {
  v2: { byDefault: 250, max: 500 },
  v2beta: { byDefault: 25, max: 100 },
};
/** BatchUpdateMembers: "A maximum of 500 members can be modified in a batch." */
export const BATCH_UPDATE_MAX = 500;

function randomMeetingCode(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  return `${randomId(3, letters)}-${randomId(4, letters)}-${randomId(3, letters)}`;
}

export class Store {
  readonly spaces = new Map<string, SpaceRecord>();
  private users = new Map<string, UserSettings>();
  /** Called after each mutation (the state file hooks in here). */
  onChange: () => void = () => {};

  constructor(private baseUsers: Record<string, UserSettings> = {}) {
    this.resetUsers();
  }

  // --- users and plan features -------------------------------------------------------

  setUser(email: string, settings: { unavailableFeatures?: unknown }): UserSettings {
    const list = settings.unavailableFeatures ?? [];
    if (!Array.isArray(list) || list.some((f) => !FEATURES.includes(f as Feature))) {
      throw invalidArgument(`unavailableFeatures must be a list of: ${FEATURES.join(", ")}`);
    }
    const user = { unavailableFeatures: [...(list as Feature[])] };
    this.users.set(email.toLowerCase(), user);
    return user;
  }

  resetUsers(): void {
    this.users = new Map();
    for (const [email, settings] of Object.entries(this.baseUsers)) this.setUser(email, settings);
  }

  private checkFeatures(caller: string, touched: Iterable<string>, next: FlatConfig): void {
    const missing = this.users.get(caller.toLowerCase())?.unavailableFeatures ?? [];
    for (const path of touched) {
      const leaf = LEAVES.find((l) => l.path === path);
      if (leaf?.feature && missing.includes(leaf.feature.name) && next[path] === leaf.feature.onValue) {
        throw permissionDenied(
          `The ${leaf.feature.name} feature is not available to user ${caller}: cannot set ${path} to ${leaf.feature.onValue}`,
          { reason: "FEATURE_UNAVAILABLE_TO_USER", metadata: { feature: leaf.feature.name, field: path } },
        );
      }
    }
  }

  // --- names -----------------------------------------------------------------------------

  /** Resolves `spaces/{id}` (and, for GetSpace only, `spaces/{meetingCode}`). */
  private resolveSpace(name: unknown, method: string, allowMeetingCode: boolean): SpaceRecord {
    const str = typeof name === "string" ? name : "";
    const match = /^spaces\/([^/]+)$/.exec(str);
    if (!match) {
      throw invalidArgument(
        `${method}: invalid space name ${JSON.stringify(str)}; expected "spaces/{space}"`,
      );
    }
    const id = match[1];
    if (MEETING_CODE_RE.test(id)) {
      if (!allowMeetingCode) {
        throw invalidArgument(
          `${method}: "${str}" is a meeting code; only GetSpace accepts a meeting code, ${method} needs the space's resource name "spaces/{space}"`,
        );
      }
      const code = id.toLowerCase();
      for (const record of this.spaces.values()) if (record.meetingCode === code) return record;
      throw notFound(`Space ${str} not found`);
    }
    if (!SPACE_ID_RE.test(id)) {
      throw invalidArgument(
        `${method}: invalid space name ${JSON.stringify(str)}; expected "spaces/{space}"`,
      );
    }
    const record = this.spaces.get(id);
    if (!record) throw notFound(`Space ${str} not found`);
    return record;
  }

  private ownedSpace(caller: string, name: unknown, method: string): SpaceRecord {
    const record = this.resolveSpace(name, method, false);
    if (record.owner.toLowerCase() !== caller.toLowerCase()) {
      throw permissionDenied(`${method}: ${caller} is not the owner of ${spaceName(record)}`);
    }
    return record;
  }

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

  // --- spaces ----------------------------------------------------------------------------

  createSpace(caller: string, space: any): SpaceRecord {
    const sent = parseSentConfig(space?.config);
    const config = withModerationRule({ ...policyDefaults(), ...sent });
    this.checkFeatures(caller, Object.keys(sent), config);
    let id = randomId(12);
    while (this.spaces.has(id)) id = randomId(12);
    const codes = new Set([...this.spaces.values()].map((s) => s.meetingCode));
    let meetingCode = randomMeetingCode();
    while (codes.has(meetingCode)) meetingCode = randomMeetingCode();
    const record: SpaceRecord = { id, meetingCode, owner: caller, config, members: [], nextMemberSeq: 1 };
    this.spaces.set(id, record);
    this.onChange();
    return record;
  }

  /** Returns the space and whether the caller may see the full view (owner). */
  getSpace(caller: string, name: unknown): { record: SpaceRecord; restricted: boolean } {
    const record = this.resolveSpace(name, "GetSpace", true);
    return { record, restricted: record.owner.toLowerCase() !== caller.toLowerCase() };
  }

  /**
   * Applies an update. `mask` holds snake_case paths (already normalized); absent or empty
   * means "the fields sent with non-default values"; "*" replaces every mutable field; a
   * parent path replaces the sub-message below it.
   */
  updateSpace(caller: string, space: any, mask: string[] | undefined): SpaceRecord {
    const paths = mask ?? [];
    const replaced = expandMask(paths);
    if (!space || typeof space !== "object") throw invalidArgument("UpdateSpace: space is required");
    const sent = parseSentConfig(space.config);
    if (paths.includes(MODERATION_PATH) && sent[MODERATION_PATH] === undefined) {
      // "MODERATION_UNSPECIFIED: ... Users are not allowed to set the value as unspecified."
      throw invalidArgument(
        `Invalid value for field config.moderation: MODERATION_UNSPECIFIED cannot be set; the mask names config.moderation, so send OFF or ON`,
      );
    }
    const record = this.ownedSpace(caller, space.name, "UpdateSpace");
    const defaults = policyDefaults();
    const next = { ...record.config };
    const touched = paths.length === 0 ? Object.keys(sent) : replaced;
    for (const path of touched) next[path] = sent[path] ?? defaults[path];
    this.checkFeatures(caller, touched, next);
    record.config = withModerationRule(next);
    this.onChange();
    return record;
  }

  endActiveConference(caller: string, name: unknown): void {
    const record = this.ownedSpace(caller, name, "EndActiveConference");
    if (!record.activeConference) {
      throw new ApiError(
        "FAILED_PRECONDITION",
        `EndActiveConference: ${spaceName(record)} has no active conference`,
      );
    }
    record.activeConference = undefined;
    this.onChange();
  }

  /** Test hook: starts a conference in a space (the real API does this when someone joins). */
  startConference(id: string): SpaceRecord {
    const record = this.spaces.get(id);
    if (!record) throw notFound(`Space spaces/${id} not found`);
    record.activeConference = `conferenceRecords/${randomId(16)}`;
    this.onChange();
    return record;
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
    if (requests.length > BATCH_UPDATE_MAX) {
      throw invalidArgument(
        `${method}: ${requests.length} requests; a maximum of ${BATCH_UPDATE_MAX} members can be modified in a batch`,
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
    const sizes = PAGE_SIZES[version];
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

  // --- whole-store operations ------------------------------------------------------------

  clear(): void {
    this.spaces.clear();
    this.resetUsers();
    this.onChange();
  }

  snapshot(): { version: 1; spaces: SpaceRecord[] } {
    return { version: 1, spaces: [...this.spaces.values()].map((s) => structuredClone(s)) };
  }

  load(data: { spaces?: SpaceRecord[] }): void {
    this.spaces.clear();
    for (const s of data.spaces ?? [])
      this.spaces.set(s.id, { ...s, config: { ...policyDefaults(), ...s.config } });
  }
}

/** "When moderation.OFF, [moderationRestrictions] will be reset to default ModerationRestrictions." */
function withModerationRule(config: FlatConfig): FlatConfig {
  if (config[MODERATION_PATH] !== "OFF") return config;
  const defaults = policyDefaults();
  for (const p of RESTRICTION_PATHS) config[p] = defaults[p];
  return config;
}
