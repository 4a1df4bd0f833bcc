/**
 * ChatSpace's members beyond people with a plain role: the owner/manager vocabulary (the API's role
 * names and the names Chat's interface shows), Google groups as members, and the one key a person
 * or a group is planned by. Pure: no Pulumi, no API.
 *
 * Sources (`@google-apps/chat` 0.22, google/chat/v1/membership.proto and space_setup.proto):
 * - ROLE_MANAGER: "A space owner. In the Chat UI, this role is called Owner."
 * - ROLE_ASSISTANT_MANAGER: "A space manager. In the Chat UI, this role is called Manager. ...
 *   Only supported in SpaceType.SPACE (named spaces)."
 * - group_member: "The Google Group the membership corresponds to."; "You can only add Google
 *   groups when setting Space.spaceType to SPACE."; a group is "always assigned"
 *   MEMBERSHIP_ROLE_UNSPECIFIED.
 */
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
