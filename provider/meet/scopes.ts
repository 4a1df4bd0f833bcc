import { scope } from "../../google/oauth";

/** OAuth scopes, requested no wider than the operations need. */
export const SCOPES = {
  /** Create rooms and manage the rooms (and members) this app created. */
  created: scope("meetings.space.created"),
  /** Change the settings of any of the user's rooms: needed only to adopt rooms made elsewhere. */
  settings: scope("meetings.space.settings"),
} as const;

export function scopesFor(needs: { adopt: boolean }): string[] {
  return needs.adopt ? [SCOPES.created, SCOPES.settings] : [SCOPES.created];
}
