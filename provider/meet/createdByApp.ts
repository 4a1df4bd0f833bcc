/**
 * Google's "created by the app" rule for Meet rooms, and how the provider tells when it bites.
 *
 * The rule: member writes (create, patch, batchUpdate, delete) and EndActiveConference accept only
 * the OAuth scope `meetings.space.created`, which Google describes as "Create, edit, and see
 * information about your Google Meet conferences created by the app". A room made in Meet's own
 * interface, in Calendar or by another Cloud project can be read and its settings patched (scope
 * `meetings.space.settings`: "Edit, and see settings for all of your Google Meet calls"), nothing
 * more. The API has no "creator" field, so the provider decides from what it observes:
 *
 * - A room this provider created (CreateSpace) is the app's: no check.
 * - An adopted or imported room is of unknown origin. The provider never asks for
 *   `meetings.space.readonly`, so with its own scopes ListMembers (created or readonly) is allowed
 *   only on a room the app created: a PERMISSION_DENIED on that read, for a room whose settings the
 *   acting user can see (so the user owns it), means "not created by this app". The list comes
 *   before any member write, so nothing is half done.
 * - Credentials that carry `readonly` anyway (a ready access token) can list; every member write
 *   is then refused alike, so none lands, and the same refusal is told the same way.
 *
 * Pure: no Pulumi, no API.
 */
import { ApiError } from "../api/error";
import { CODE_NAMES, Code } from "../../google/statusCodes";

/** Google's sentence for the scope that covers member writes and ending a conference. */
export const CREATED_SCOPE_SENTENCE =
  'member writes and endActiveConference accept only the scope meetings.space.created: "Create, edit, and see information about your Google Meet conferences created by the app"';

/** ErrorInfo reasons of PERMISSION_DENIED answers that are about something else than the rule. */
const OTHER_REASONS = new Set([
  "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
  "FEATURE_UNAVAILABLE_TO_USER",
  "SERVICE_DISABLED",
]);

/**
 * True when `err` is the refusal Google gives a room the app did not create: PERMISSION_DENIED
 * that names no missing scope, no plan feature and no disabled API ("Permission denied on resource
 * ... (or it might not exist)"). The caller must know the acting user owns the room (its settings
 * were readable), else the same answer means "not the owner".
 */
export function isNotCreatedByAppRefusal(err: unknown): boolean {
  if (!(err instanceof ApiError) || err.code !== Code.PERMISSION_DENIED || err.unreached) return false;
  if (err.reason && (OTHER_REASONS.has(err.reason) || /PREVIEW|ENROLL/i.test(err.reason))) return false;
  return !/scope|developer preview|not enrolled/i.test(err.detail);
}

function answered(err: unknown): string {
  if (err instanceof ApiError) return `${err.method} answered ${err.answer}`;
  return `the Meet API answered ${CODE_NAMES[Code.PERMISSION_DENIED]}`;
}

/**
 * MeetSpace with `members` on an adopted room the app did not create. `settingsUntouched`: the
 * refusal came before the settings patch too (the members list), so nothing at all was changed.
 */
export function membersOfForeignRoomMessage(
  room: { name: string; adopt?: string },
  err: unknown,
  settingsUntouched = true,
): string {
  const changed = settingsUntouched ? "Nothing was changed." : "No member was added, removed or changed.";
  const which =
    room.adopt && room.adopt !== room.name ? `${room.name} (adopted as "${room.adopt}")` : room.name;
  return `Cannot manage the members of ${which}: this room was not created by this app, and Google lets an app manage members only of rooms it created (${CREATED_SCOPE_SENTENCE}); ${answered(err)}. ${changed} Either leave \`members\` out of this MeetSpace and manage the room's people in Google Meet or Calendar, where the room was made (its settings stay managed here), or remove \`adopt\` so the program creates a room of its own, whose members it can manage.`;
}

/** MeetSpaceMember on a room the app did not create (or does not own); nothing was changed. */
export function memberOfForeignRoomMessage(
  member: { email: string; space: string },
  err: unknown,
  action: "add" | "remove" | "change the role of",
): string {
  return `Could not ${action} ${member.email} ${action === "add" ? "to" : "in"} ${member.space}: ${answered(err)}. Google lets an app manage members only of rooms it created (${CREATED_SCOPE_SENTENCE}), and only for the room's owner: either ${member.space} was made elsewhere (in Google Meet, Calendar or by another Cloud project), or the provider did not act as its owner. Nothing was changed. Manage this member in Google Meet or Calendar, or point \`space\` at a room this program creates (a MeetSpace without \`adopt\`); if the room is this app's, set \`owner\` to its owner.`;
}

/** What RETIRE could not do to a room the app did not create, for a warning. */
export function retireWarning(room: string, skipped: readonly string[]): string {
  return `warning: MeetSpace ${room}: retired as far as Google allows: the room is locked (access RESTRICTED), but it was not created by this app, and Google lets an app end conferences and remove members only of rooms it created (${CREATED_SCOPE_SENTENCE}). Not done: ${skipped.join("; ")}. Do it in Google Meet if it matters.`;
}
