/**
 * Google's "created by the app" rule. The scope `meetings.space.created` is "Create, edit, and see
 * information about your Google Meet conferences created by the app": it counts for a space only
 * when the caller's app (OAuth client / Cloud project) created it. `meetings.space.readonly` ("Read
 * information about any of your Google Meet conferences") and `meetings.space.settings` ("Edit, and
 * see settings for all of your Google Meet calls") count for any of the user's spaces. A call on a
 * space is allowed when one of the caller's scopes that the method accepts (MEET_METHOD_SCOPES,
 * meet/access.ts, from the discovery document) counts for that space; else Google answers PERMISSION_DENIED
 * "Permission denied on resource MeetingSpace (or it might not exist)" with no ErrorInfo (what a
 * public client saw for a room made in Meet's own interface). So member writes and
 * EndActiveConference, which accept only `created`, are refused on a room the app did not create.
 */
import { ApiError } from "../wire/errors";
import type { MeetMethod } from "../../google/meet";
import type { Caller } from "../wire/call";
import { CREATED_SCOPE, MEET_METHOD_SCOPES } from "./access";

/** Who made a space: an app id, undefined for the one default app, null for Meet's own interface. */
export type SpaceApp = string | null | undefined;

export const DENIED_ON_RESOURCE = "Permission denied on resource MeetingSpace (or it might not exist)";

/** True when `caller`'s app made the space (undefined on both sides is the default app). */
export function createdByCallersApp(caller: Caller, spaceApp: SpaceApp): boolean {
  return spaceApp !== null && (spaceApp ?? undefined) === (caller.app ?? undefined);
}

/** Throws PERMISSION_DENIED unless one of the caller's scopes the method accepts covers the space. */
export function checkScopesCoverSpace(caller: Caller, method: MeetMethod, spaceApp: SpaceApp): void {
  const accepted = MEET_METHOD_SCOPES[method];
  const held = caller.scopes ?? accepted;
  const covers = accepted.some(
    (scope) => held.includes(scope) && (scope !== CREATED_SCOPE || createdByCallersApp(caller, spaceApp)),
  );
  if (!covers) throw new ApiError("PERMISSION_DENIED", DENIED_ON_RESOURCE);
}
