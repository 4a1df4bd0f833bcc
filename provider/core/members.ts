/**
 * Members of a Meet space: validation of the declared list (its entry checks serve Chat's lists
 * too), and Meet's rules for the one member planner (memberPlan.ts): a role change is an update in
 * place where the API version has one (v2), a delete then a create where it has none (v2beta).
 */
import { type MemberRules, emailKey } from "./memberPlan";
import { type CheckFailure, checkKnownKeys, describeType, isPlainObject, isUnknown } from "./validation";

export { emailKey };

export type MemberRole = "COHOST";
export const MEMBER_ROLES: readonly MemberRole[] = ["COHOST"];

/** A member as declared: `role` left out means the member joins as contributor or viewer by the room's settings. */
export interface MemberSpec {
  email: string;
  role?: MemberRole;
}

/** A member as the API holds it. */
export interface ActualMember extends MemberSpec {
  /** `spaces/{space}/members/{member}` */
  name: string;
  /** `users/{id}`; empty for people without a Google account. */
  user?: string;
}

/** Meet allows at most this many co-hosts in a meeting; the API does not refuse more members. */
export const MAX_COHOSTS = 25;

// Deliberately loose (one @, a dot in the domain, no spaces): the API is the judge of real addresses;
// this catches the typos that would otherwise fail half way through an apply.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(email: unknown, property: string, failures: CheckFailure[]): void {
  if (isUnknown(email)) return;
  if (typeof email !== "string" || !EMAIL.test(email)) {
    failures.push({
      property,
      reason: `must be an email address like "alex@example.com", got ${describeType(email)}`,
    });
  }
}

export function validateRole(role: unknown, property: string, failures: CheckFailure[]): void {
  if (role === undefined || role === null || isUnknown(role)) return;
  if (!MEMBER_ROLES.includes(role as MemberRole)) {
    failures.push({
      property,
      reason: `must be "COHOST" or left out (the member then joins as contributor or viewer by the room's settings), got ${describeType(role)}`,
    });
  }
}

/**
 * Checks a `members` list: each entry `{ email, role? }` (its role by `checkRole`: Meet's roles by
 * default; Chat passes its own), and no email twice (case-insensitive).
 */
export function validateMemberList(
  members: unknown,
  prefix = "members",
  checkRole: (role: unknown, property: string, failures: CheckFailure[]) => void = validateRole,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (members === undefined || isUnknown(members)) return failures;
  if (!Array.isArray(members)) {
    return [{ property: prefix, reason: `must be a list of { email, role? }, got ${describeType(members)}` }];
  }
  const seen = new Map<string, number>();
  members.forEach((member, i) => {
    const path = `${prefix}[${i}]`;
    if (isUnknown(member)) return;
    if (!isPlainObject(member)) {
      failures.push({
        property: path,
        reason: `must be an object { email, role? }, got ${describeType(member)}`,
      });
      return;
    }
    checkKnownKeys(member, ["email", "role"], path, failures);
    validateEmail(member.email, `${path}.email`, failures);
    checkRole(member.role, `${path}.role`, failures);
    if (typeof member.email === "string" && !isUnknown(member.email)) {
      const first = seen.get(emailKey(member.email));
      if (first !== undefined) {
        failures.push({
          property: `${path}.email`,
          reason: `"${member.email}" is already listed at ${prefix}[${first}] (emails compare case-insensitively)`,
        });
      } else {
        seen.set(emailKey(member.email), i);
      }
    }
  });
  return failures;
}

export function countCohosts(members: readonly MemberSpec[]): number {
  return members.filter((m) => m.role === "COHOST").length;
}

/** Declared members in a canonical form: role only when set. */
export function normalizeMembers(members: readonly MemberSpec[]): MemberSpec[] {
  return members.map((m) => (m.role ? { email: m.email, role: m.role } : { email: m.email }));
}

/**
 * Meet's plan rules: members are made with their role; deletions first (a replaced member must be
 * gone before it is made again), then the role changes in place, then the creates.
 */
export function meetMemberRules(updateRole: boolean): MemberRules<MemberRole> {
  return {
    updateRole,
    createWithRole: true,
    order: ({ deletes, setRoles, creates }) => [deletes, setRoles, creates],
  };
}
