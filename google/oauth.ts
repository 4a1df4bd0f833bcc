/**
 * Google's OAuth scopes are URLs under one prefix; each API's scope tables (provider and emulator
 * alike) name theirs by the part after it.
 */
export const SCOPE_PREFIX = "https://www.googleapis.com/auth/";

/** A scope's full URL from its short name, e.g. `scope("chat.spaces")`. */
export function scope(name: string): string {
  return `${SCOPE_PREFIX}${name}`;
}
