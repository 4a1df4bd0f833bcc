/**
 * ChatSpace input validation: every failure at once, each with the property path and what is
 * allowed, before any API call. Pure: no Pulumi, no API.
 *
 * The limits quote `@google-apps/chat` 0.22's protos (google/chat/v1).
 */
import {
  CHAT_PERMISSIONS,
  type ChatPermission,
  SETUP_MEMBERSHIPS_MAX,
  SPACE_FIELD_MAX,
} from "../../google/chat";
import { describeChatRole, isGroupEntry, validateChatGroups } from "./chatMembers";
import {
  CHAT_DELETION_POLICIES,
  CHAT_HISTORY_STATES,
  CHAT_MEMBER_ROLES,
  CHAT_PREDEFINED_PERMISSIONS,
  CHAT_SETTING_FIELDS,
  CHAT_SPACE_TYPES,
  type ChatMemberRole,
  PERMISSION_LEAVES,
} from "./chatSpace";
import { emailKey } from "./memberPlan";
import { validateEmail, validateMemberList } from "./members";
import {
  type CheckFailure,
  checkBoolean,
  checkEnum,
  checkKnownKeys,
  checkObject,
  checkString,
  describeType,
  isPlainObject,
  isUnknown,
  UNKNOWN,
} from "./validation";

const INPUT_KEYS = [
  ...CHAT_SETTING_FIELDS,
  "predefinedPermissionSettings",
  "members",
  "deletionPolicy",
  "owner",
  "setupKey",
];

/**
 * Validates ChatSpace inputs. `caller` is the acting user's email when known (the `owner`, else
 * googlemeet:impersonateUser): SetUpSpace adds the caller itself, as the space's manager.
 */
export function validateChatSpaceInputs(news: Record<string, unknown>, caller?: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  checkKnownKeys(news, INPUT_KEYS, "", failures);
  checkEnum(news.spaceType, CHAT_SPACE_TYPES, "spaceType", failures);
  const type = (news.spaceType ?? "SPACE") as string;
  const group = type === "GROUP_CHAT";

  if (group) {
    if (news.displayName !== undefined)
      failures.push({
        property: "displayName",
        reason:
          "must be left out when spaceType is GROUP_CHAT (a group chat has no name); use spaceType SPACE for a named space",
      });
  } else if (news.displayName === undefined || news.displayName === "") {
    if (type === "SPACE")
      failures.push({
        property: "displayName",
        reason:
          "is required when spaceType is SPACE (the space's name, up to 128 characters, unique in the organization)",
      });
  } else if (
    !isUnknown(news.displayName) &&
    typeof news.displayName === "string" &&
    news.displayName.trim() === ""
  ) {
    failures.push({ property: "displayName", reason: "must not be blank" });
  }
  checkString(news.displayName, SPACE_FIELD_MAX.displayName, "displayName", failures);

  if (checkObject(news.spaceDetails, "spaceDetails", ["description", "guidelines"], failures)) {
    const d = news.spaceDetails as Record<string, unknown>;
    checkString(d.description, SPACE_FIELD_MAX.description, "spaceDetails.description", failures);
    checkString(d.guidelines, SPACE_FIELD_MAX.guidelines, "spaceDetails.guidelines", failures);
  }
  checkEnum(news.spaceHistoryState, CHAT_HISTORY_STATES, "spaceHistoryState", failures);
  checkBoolean(news.externalUserAllowed, "externalUserAllowed", failures);

  if (checkObject(news.accessSettings, "accessSettings", ["audience"], failures)) {
    const audience = (news.accessSettings as Record<string, unknown>).audience;
    if (group) failures.push({ property: "accessSettings", reason: "applies only to spaces of type SPACE" });
    else if (
      audience !== undefined &&
      !isUnknown(audience) &&
      (typeof audience !== "string" || (audience !== "" && !/^audiences\/[^/\s]+$/.test(audience)))
    )
      failures.push({
        property: "accessSettings.audience",
        reason: `must be "audiences/{audience}" (e.g. "audiences/default"), or "" for no target audience, got ${describeType(audience)}`,
      });
  }

  if (checkObject(news.permissionSettings, "permissionSettings", CHAT_PERMISSIONS, failures)) {
    if (group)
      failures.push({ property: "permissionSettings", reason: "applies only to spaces of type SPACE" });
    for (const [key, setting] of Object.entries(news.permissionSettings as Record<string, unknown>)) {
      if (!CHAT_PERMISSIONS.includes(key as ChatPermission)) continue;
      const path = `permissionSettings.${key}`;
      if (checkObject(setting, path, PERMISSION_LEAVES, failures))
        for (const leaf of PERMISSION_LEAVES)
          checkBoolean((setting as Record<string, unknown>)[leaf], `${path}.${leaf}`, failures);
    }
  }

  checkEnum(
    news.predefinedPermissionSettings,
    CHAT_PREDEFINED_PERMISSIONS,
    "predefinedPermissionSettings",
    failures,
  );
  if (group && news.predefinedPermissionSettings !== undefined)
    failures.push({
      property: "predefinedPermissionSettings",
      reason: "applies only to spaces of type SPACE (a group chat has no permission settings)",
    });
  checkEnum(news.deletionPolicy, CHAT_DELETION_POLICIES, "deletionPolicy", failures);
  if (news.owner !== undefined) validateEmail(news.owner, "owner", failures);
  if (news.setupKey !== undefined && !isUnknown(news.setupKey) && typeof news.setupKey !== "string")
    failures.push({ property: "setupKey", reason: `must be a string, got ${describeType(news.setupKey)}` });

  failures.push(...validateChatMembers(news.members, type, caller));
  return failures;
}

function validateChatMembers(members: unknown, type: string, caller?: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const group = type === "GROUP_CHAT";
  if (members === undefined || isUnknown(members)) {
    if (group && members === undefined)
      failures.push({
        property: "members",
        reason: "is required when spaceType is GROUP_CHAT: at least two people besides you",
      });
    return failures;
  }
  if (!Array.isArray(members))
    return [
      {
        property: "members",
        reason: `must be a list of { email, role? } or { group }, got ${describeType(members)}`,
      },
    ];
  failures.push(...validateChatGroups(members, type));
  // The person entries; group entries (checked above) are skipped as unknown entries are.
  const people = members.map((m) => (isGroupEntry(m) ? UNKNOWN : m));
  failures.push(
    ...validateMemberList(people, "members", (role, property, found) => {
      if (role === undefined || isUnknown(role)) return;
      if (!CHAT_MEMBER_ROLES.includes(role as ChatMemberRole))
        found.push({
          property,
          reason: `must be ${CHAT_MEMBER_ROLES.map(describeChatRole).join(", ")}, got ${describeType(role)}`,
        });
      // ROLE_MANAGER and ROLE_ASSISTANT_MANAGER: "Only supported in SpaceType.SPACE (named spaces)."
      else if (group && role !== "ROLE_MEMBER")
        found.push({
          property,
          reason: `must be "ROLE_MEMBER" in a GROUP_CHAT: ${describeChatRole(String(role))} exists only in spaces of type SPACE`,
        });
    }),
  );
  const entries = people.filter(
    (m): m is { email?: unknown; role?: unknown } => isPlainObject(m) && !isUnknown(m),
  );
  const managers = entries.filter((m) => m.role === "ROLE_MANAGER").length;
  const listedCaller = caller
    ? entries.find((m) => typeof m.email === "string" && emailKey(m.email) === emailKey(caller))
    : undefined;
  const callerListed = listedCaller ? { role: String(listedCaller.role ?? "ROLE_MEMBER") } : undefined;
  const others = members.length - (callerListed ? 1 : 0);
  if (group && others < 2)
    failures.push({
      property: "members",
      reason: `a GROUP_CHAT needs at least two people besides you, got ${others}`,
    });
  if (group && others > SETUP_MEMBERSHIPS_MAX)
    failures.push({
      property: "members",
      reason: `a GROUP_CHAT is set up with all its people in one call, which allows up to ${SETUP_MEMBERSHIPS_MAX} besides you; got ${others}. Use spaceType SPACE for more`,
    });
  // SetUpSpace makes the caller a manager; a SPACE must keep one.
  if (!group && callerListed && callerListed.role !== "ROLE_MANAGER" && managers === 0)
    failures.push({
      property: "members",
      reason: `lists you (${caller}) as ${callerListed.role} and nobody as ROLE_MANAGER: a space must keep an owner (ROLE_MANAGER, "Owner" in Chat); make someone ROLE_MANAGER`,
    });
  return failures;
}
