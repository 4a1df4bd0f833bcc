/**
 * The desired state of a space as a user writes it (`MeetSpace` inputs), its validation, and the
 * naming rules of spaces. Pure: no Pulumi, no API.
 */
import {
  type MemberSpec,
  countCohosts,
  MAX_COHOSTS,
  normalizeMembers,
  validateMemberList,
  validateEmail,
} from "./members";
import { type SpaceConfig, validateSpaceConfig } from "./spaceConfig";
import {
  type CheckFailure,
  checkKnownKeys,
  describeType,
  isPlainObject,
  isUnknown,
  listAlternatives,
} from "./validation";

export type DeletionPolicy = "RETIRE" | "ABANDON";
export const DELETION_POLICIES: readonly DeletionPolicy[] = ["RETIRE", "ABANDON"];

export interface SpaceInputs {
  config?: SpaceConfig;
  adopt?: string;
  deletionPolicy?: DeletionPolicy;
  owner?: string;
  members?: MemberSpec[];
  /** Set by the resource class, not by users: the resource's own URN (its create receipt's key). */
  resourceUrn?: string;
}

/**
 * One regional dial-in number of a room and the PIN to enter after dialing it (Space.phoneAccess,
 * output only): "Phone access contains information required to dial into a conference using a
 * regional phone number and a PIN that is specific to that phone number."
 */
export interface PhoneAccess {
  /** The number to dial, in E.164 format, e.g. `+1 ...` without spaces. */
  phoneNumber?: string;
  /** Decimal digits; the length varies. */
  pin?: string;
  /** CLDR/ISO 3166 region of the number, e.g. `SE`. */
  regionCode?: string;
  /** BCP 47 language of the number's prompts, e.g. `fr-CA`. */
  languageCode?: string;
}

/** How to join a room's conference through a SIP gateway. */
export interface GatewaySipAccess {
  /** `sip:USER_ID@GATEWAY_ADDRESS` (or `sips:`), USER_ID being the 13-digit universal PIN. */
  uri?: string;
  /** The permanent numeric code for manual entry on specially configured devices. */
  sipAccessCode?: string;
}

export const SPACE_INPUT_KEYS = [
  "config",
  "adopt",
  "deletionPolicy",
  "owner",
  "members",
  "resourceUrn",
] as const;

const SPACE_NAME = /^spaces\/[A-Za-z0-9_-]+$/;
/**
 * Meet's meeting code: "Format: `[a-z]+-[a-z]+-[a-z]+` ... The maximum length is 128 characters"
 * (Space.meetingCode), and "case-insensitive" as an alias of the space name. The common
 * `abc-mnop-xyz` is only one shape of it.
 */
const MEETING_CODE = /^[a-z]+-[a-z]+-[a-z]+$/i;
export const MEETING_CODE_MAX = 128;
const MEETING_URL = /^https:\/\/meet\.google\.com\/([a-z]+-[a-z]+-[a-z]+)\/?$/i;
/** The forms `adopt` and `pulumi import` take, for error messages. */
export const ADOPT_FORMS =
  'a space name "spaces/{id}" (e.g. "spaces/jQCFfuBOdN5z"), a meeting code of the form [a-z]+-[a-z]+-[a-z]+ in any case and at most 128 characters (e.g. "abc-mnop-xyz"), or its https://meet.google.com/{code} link';

export function isMeetingCode(value: string): boolean {
  return value.length <= MEETING_CODE_MAX && MEETING_CODE.test(value);
}

export function isSpaceName(value: string): boolean {
  return SPACE_NAME.test(value) && !isMeetingCode(value.slice("spaces/".length));
}

/**
 * What GetSpace should be asked for to find an adopted space: `spaces/{id}` as is, a meeting code
 * (any case, or inside a meet.google.com link) as `spaces/{code}`; undefined when it is neither.
 */
export function adoptLookupName(adopt: string): string | undefined {
  const trimmed = adopt.trim();
  if (isSpaceName(trimmed)) return trimmed;
  const code = MEETING_URL.exec(trimmed)?.[1] ?? trimmed.replace(/^spaces\//, "");
  return isMeetingCode(code) ? `spaces/${code.toLowerCase()}` : undefined;
}

/** Validates MeetSpace inputs; every failure at once. Unknown values (preview) pass. */
export function validateSpaceInputs(inputs: Record<string, unknown>): {
  failures: CheckFailure[];
  warnings: string[];
} {
  const failures: CheckFailure[] = [];
  const warnings: string[] = [];
  checkKnownKeys(inputs, SPACE_INPUT_KEYS, "", failures);
  failures.push(...validateSpaceConfig(inputs.config));
  const { adopt, deletionPolicy, owner, members } = inputs;
  if (adopt !== undefined && !isUnknown(adopt) && (typeof adopt !== "string" || !adoptLookupName(adopt))) {
    failures.push({
      property: "adopt",
      reason: `must be ${ADOPT_FORMS}, got ${describeType(adopt)}`,
    });
  }
  if (
    deletionPolicy !== undefined &&
    !isUnknown(deletionPolicy) &&
    !DELETION_POLICIES.includes(deletionPolicy as DeletionPolicy)
  ) {
    failures.push({
      property: "deletionPolicy",
      reason: `must be ${listAlternatives(DELETION_POLICIES)} (default "RETIRE"), got ${describeType(deletionPolicy)}`,
    });
  }
  if (owner !== undefined) validateEmail(owner, "owner", failures);
  const { resourceUrn } = inputs;
  if (
    resourceUrn !== undefined &&
    !isUnknown(resourceUrn) &&
    (typeof resourceUrn !== "string" || !resourceUrn.startsWith("urn:pulumi:"))
  ) {
    failures.push({
      property: "resourceUrn",
      reason: `is set by MeetSpace itself and must be the resource's URN ("urn:pulumi:<stack>::<project>::<type>::<name>"), got ${describeType(resourceUrn)}`,
    });
  }
  failures.push(...validateMemberList(members));
  if (Array.isArray(members) && members.every(isPlainObject)) {
    const cohosts = countCohosts(members as unknown as MemberSpec[]);
    if (cohosts > MAX_COHOSTS) {
      warnings.push(
        `members lists ${cohosts} co-hosts; Meet allows at most ${MAX_COHOSTS} co-hosts in a meeting, so some will join without co-host powers`,
      );
    }
  }
  return { failures, warnings };
}

/** Inputs in canonical form (members with `role` only when set); call after validation passed. */
export function normalizeSpaceInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  const out = { ...inputs };
  if (Array.isArray(out.members) && out.members.every((m) => isPlainObject(m))) {
    out.members = normalizeMembers(out.members as unknown as MemberSpec[]);
  }
  return out;
}
