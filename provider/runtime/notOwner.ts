/** The errors for a room the acting user does not own, each with its fix. */

/** How to act as a room's owner: the one fix for every "not the owner" error. */
export const ACT_AS_OWNER =
  "Set `owner` to the room's owner (with domain-wide delegation) or use that user's credentials.";

export function userName(user: string | undefined): string {
  return user ? `"${user}"` : "the credentials' user";
}

/**
 * Meet shows a room's settings to its owner only. Reading one without them: an import (or `.get`,
 * nothing recorded yet) of someone else's room, or a refresh of a room whose owner changed.
 */
export function notOwnerMessage(id: string, user: string | undefined, importing: boolean): string {
  return importing
    ? `Could not import ${id}: the room is owned by someone other than ${userName(user)}, so its settings cannot be read. Import it as its owner: \`pulumi config set googlemeet:impersonateUser OWNER-EMAIL\` (a service account with domain-wide delegation) or that user's credentials; then declare it with \`owner\` set to that user.`
    : `Could not refresh ${id}: ${userName(user)} does not own it any more (Meet shows only a restricted view). ${ACT_AS_OWNER}`;
}
