/**
 * ChatSpace's members beyond people with a plain role: the owner/manager vocabulary (the API's role
 * names and the names Chat's interface shows), Google groups as members, and the one key a person
 * or a group is planned by, and Chat's rules for the member plan. Pure: no Pulumi, no API.
 *
 * Sources (`@google-apps/chat` 0.22, google/chat/v1/membership.proto and space_setup.proto):
 * - ROLE_MANAGER: "A space owner. In the Chat UI, this role is called Owner."
 * - ROLE_ASSISTANT_MANAGER: "A space manager. In the Chat UI, this role is called Manager. ...
 *   Only supported in SpaceType.SPACE (named spaces)."
 * - group_member: "The Google Group the membership corresponds to."; "You can only add Google
 *   groups when setting Space.spaceType to SPACE."; a group is "always assigned"
 *   MEMBERSHIP_ROLE_UNSPECIFIED.
 */
import type { ChatActualMember, ChatMemberRole, ChatMemberSpec } from "./chatSpace";
import {
  type DeclaredMember,
  type MemberPlan,
  type MemberRules,
  planMembers,
  sameMembers,
} from "./memberPlan";
import { type CheckFailure, checkKnownKeys, describeType, isPlainObject, isUnknown } from "./validation";

/** What Chat's interface calls each role the API names. */
export const CHAT_ROLE_UI_NAMES: Record<string, string> = {
  ROLE_MEMBER: "Member",
  ROLE_MANAGER: "Owner",
  ROLE_ASSISTANT_MANAGER: "Manager",
};

/** `"ROLE_MANAGER" (Owner in Chat)`: a role as errors and docs name it, both ways. */
export function describeChatRole(role: string): string {
  const ui = CHAT_ROLE_UI_NAMES[role];
  return ui ? `"${role}" (${ui} in Chat)` : JSON.stringify(role);
}

/** The role a Google group's membership always has. */
export const GROUP_ROLE = "MEMBERSHIP_ROLE_UNSPECIFIED";

const GROUP_NAME = /^groups\/[^/\s]+$/;

/** True for a declared entry that names a Google group (`{ group: "groups/{id}" }`). */
export function isGroupEntry(entry: unknown): entry is { group: unknown } {
  return isPlainObject(entry) && !isUnknown(entry) && "group" in entry;
}

/** True for a planning key (see `chatMemberKey`) that names a Google group. */
export function isGroupKey(key: string): boolean {
  return key.startsWith("groups/");
}

/** A declared member: a person (`email`, `role`) or a Google group (`group`). */
export interface ChatMemberEntry {
  email?: string;
  group?: string;
  role?: string;
}

/**
 * The key a member is planned, matched and recorded by: a person's email, or a group's
 * `groups/{id}` (no email contains a slash, so the two never collide).
 */
export function chatMemberKey(entry: ChatMemberEntry): string {
  return entry.group ?? entry.email ?? "";
}

/**
 * Checks the group entries of `members`: `{ group: "groups/{id}" }`, nothing else, SPACE only,
 * each group once. Person entries are checked by the caller.
 */
export function validateChatGroups(members: readonly unknown[], spaceType: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const seen = new Map<string, number>();
  members.forEach((entry, i) => {
    if (!isGroupEntry(entry)) return;
    const path = `members[${i}]`;
    // email and role are a person's: say why they do not fit a group; anything else is unknown.
    checkKnownKeys(entry as Record<string, unknown>, ["group", "email", "role"], path, failures);
    for (const key of ["email", "role"])
      if (key in entry)
        failures.push({
          property: `${path}.${key}`,
          reason:
            'must be left out for a Google group: a group is { group: "groups/{id}" } alone (Chat gives every group membership MEMBERSHIP_ROLE_UNSPECIFIED)',
        });
    const group = entry.group;
    if (isUnknown(group)) return;
    if (typeof group !== "string" || !GROUP_NAME.test(group)) {
      failures.push({
        property: `${path}.group`,
        reason: `must be "groups/{id}" (the group's id in the Cloud Identity Groups API, not its email), got ${describeType(group)}`,
      });
      return;
    }
    if (spaceType !== "SPACE")
      failures.push({
        property: `${path}.group`,
        reason: "Google groups can be members only of spaces of type SPACE",
      });
    const first = seen.get(group);
    if (first !== undefined)
      failures.push({
        property: `${path}.group`,
        reason: `"${group}" is already listed at members[${first}]`,
      });
    else seen.set(group, i);
  });
  return failures;
}

/** The CreateMembership / SetUpSpace membership body for a planning key. */
export function chatMembershipBody(key: string): Record<string, unknown> {
  return isGroupKey(key)
    ? { groupMember: { name: key } }
    : { member: { name: `users/${key}`, type: "HUMAN" } };
}

// --- the member plan ---------------------------------------------------------------------

/**
 * Chat's plan rules. Memberships are new as ROLE_MEMBER (role is "only used as input in
 * UpdateMembership"), so a manager added is a create and then a role change. A SPACE never loses
 * its last manager on the way: promotions of existing members come first, then creates and the
 * promotions of the people just added, then demotions, then deletions.
 */
export const CHAT_MEMBER_RULES: MemberRules<ChatMemberRole> = {
  defaultRole: "ROLE_MEMBER",
  updateRole: true,
  createWithRole: false,
  order: ({ creates, setRoles: allSetRoles, deletes }) => {
    // A group's role is always MEMBERSHIP_ROLE_UNSPECIFIED: never set.
    const setRoles = allSetRoles.filter((s) => !isGroupKey(s.email));
    const existing = setRoles.filter((s) => !s.isNew);
    return [
      existing.filter((s) => s.role === "ROLE_MANAGER"),
      creates,
      setRoles.filter((s) => s.isNew),
      existing.filter((s) => s.role !== "ROLE_MANAGER"),
      deletes,
    ];
  },
};

/**
 * Turns `actual` into `desired`. Memberships whose email is unknown (people added outside this
 * program, shown as `users/{id}`) are extra unless they are the caller (`callerUser`), whom
 * SetUpSpace added and who is never drift.
 */
export function planChatMembers(
  desired: readonly ChatMemberSpec[],
  actual: readonly ChatActualMember[],
  callerUser?: string,
): MemberPlan<ChatMemberRole> {
  return planMembers(
    plannedChatMembers(desired),
    actual,
    CHAT_MEMBER_RULES,
    (m) => Boolean(callerUser) && m.user === callerUser,
  );
}

/**
 * Declared members as the planner keys them (`chatMemberKey`): `email` is the person's email or
 * the group's `groups/{id}`; a group carries the role Chat always gives it.
 */
export function plannedChatMembers(desired: readonly ChatMemberSpec[]): DeclaredMember<ChatMemberRole>[] {
  return desired.map((m) =>
    m.group !== undefined
      ? { email: m.group, role: GROUP_ROLE as ChatMemberRole }
      : { email: m.email ?? "", role: m.role ?? "ROLE_MEMBER" },
  );
}

/** True when the space's members already match the declared ones (people and groups). */
export function sameChatMembers(
  desired: readonly ChatMemberSpec[],
  actual: readonly { email: string; role?: string }[],
): boolean {
  return sameMembers(plannedChatMembers(desired), actual, "ROLE_MEMBER");
}
