/**
 * Meet's state and its space methods: the spaces, the users' plan features, resolving a space's
 * name, CreateSpace, GetSpace, UpdateSpace (masks, policy defaults, the moderation rule),
 * EndActiveConference, and the whole-store operations. The member methods build on it in
 * meet/store.ts. Transport-free: callers pass lowerCamel JSON-ish objects (enum names or numbers)
 * and get records back; errors are ApiError.
 */
import { randomId } from "../ids";
import { ApiError, invalidArgument, notFound, permissionDenied } from "../wire/errors";
import { expandMask } from "./masks";
import {
  type Feature,
  type FlatConfig,
  FEATURES,
  LEAVES,
  MODERATION_PATH,
  RESTRICTION_PATHS,
  parseSentConfig,
  policyDefaults,
} from "./model";
import {
  type SpaceJson,
  type SpaceRecord,
  type UserSettings,
  MEETING_CODE_RE,
  spaceName,
  spaceToJson,
} from "./records";

const SPACE_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

function randomMeetingCode(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  return `${randomId(3, letters)}-${randomId(4, letters)}-${randomId(3, letters)}`;
}

/** The spaces and their methods. */
export class MeetSpaces {
  readonly spaces = new Map<string, SpaceRecord>();
  /**
   * The meeting codes given out (or loaded): a create draws a code not among them without
   * collecting every space's code, which made a fleet's creates quadratic.
   */
  private readonly meetingCodes = new Set<string>();
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

  /** Whether the user's plan has `feature` (every feature unless switched off for them). */
  hasFeature(email: string, feature: Feature): boolean {
    return !(this.users.get(email.toLowerCase())?.unavailableFeatures ?? []).includes(feature);
  }

  /** The space as the API answers it, with dial-in details when its owner's plan has dial-in. */
  spaceJson(record: SpaceRecord, opts: { restricted?: boolean; numericEnums?: boolean } = {}): SpaceJson {
    return spaceToJson(record, { ...opts, dialIn: this.hasFeature(record.owner, "dialIn") });
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

  /** The space named, which `caller` must own. */
  protected ownedSpace(caller: string, name: unknown, method: string): SpaceRecord {
    const record = this.resolveSpace(name, method, false);
    if (record.owner.toLowerCase() !== caller.toLowerCase()) {
      throw permissionDenied(`${method}: ${caller} is not the owner of ${spaceName(record)}`);
    }
    return record;
  }

  // --- spaces ----------------------------------------------------------------------------

  /** `app`: who made it (see SpaceRecord.app); left out: the default app. */
  createSpace(caller: string, space: any, app?: string | null): SpaceRecord {
    const sent = parseSentConfig(space?.config);
    const config = withModerationRule({ ...policyDefaults(), ...sent });
    this.checkFeatures(caller, Object.keys(sent), config);
    let id = randomId(12);
    while (this.spaces.has(id)) id = randomId(12);
    let meetingCode = randomMeetingCode();
    while (this.meetingCodes.has(meetingCode)) meetingCode = randomMeetingCode();
    const record: SpaceRecord = { id, meetingCode, owner: caller, config, members: [], nextMemberSeq: 1 };
    if (app !== undefined) record.app = app;
    this.add(record);
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

  // --- whole-store operations ------------------------------------------------------------

  private add(record: SpaceRecord): void {
    this.spaces.set(record.id, record);
    this.meetingCodes.add(record.meetingCode);
  }

  clear(): void {
    this.spaces.clear();
    this.meetingCodes.clear();
    this.resetUsers();
    this.onChange();
  }

  snapshot(): { version: 1; spaces: SpaceRecord[] } {
    return { version: 1, spaces: [...this.spaces.values()].map((s) => structuredClone(s)) };
  }

  load(data: { spaces?: SpaceRecord[] }): void {
    this.spaces.clear();
    this.meetingCodes.clear();
    for (const s of data.spaces ?? []) this.add({ ...s, config: { ...policyDefaults(), ...s.config } });
  }
}

/** "When moderation.OFF, [moderationRestrictions] will be reset to default ModerationRestrictions." */
function withModerationRule(config: FlatConfig): FlatConfig {
  if (config[MODERATION_PATH] !== "OFF") return config;
  const defaults = policyDefaults();
  for (const p of RESTRICTION_PATHS) config[p] = defaults[p];
  return config;
}
