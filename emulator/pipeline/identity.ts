/**
 * Who is calling, with which OAuth scopes. Without a token file a bearer token is read as
 * the caller's email with every scope (`Bearer alice@example.com`); with one, only the
 * tokens it lists are valid. No token at all means the configured default user.
 */
import { readFileSync } from "node:fs";
import { CHAT_METHOD_SCOPES } from "../chat/model";
import type { Caller, Method } from "../wire/call";
import { ApiError, permissionDenied } from "../wire/errors";
import { EmulatorStartError, readFailure } from "../startError";
import type { UserSettings } from "../meet/store";
import { MEET_METHOD_SCOPES } from "../meet/access";

/** Scopes that each allow a method (any one is enough), as each API declares them. */
export const METHOD_SCOPES: Record<Method, string[]> = { ...MEET_METHOD_SCOPES, ...CHAT_METHOD_SCOPES };

export interface TokenFile {
  /** `app`: the OAuth client / Cloud project the token was issued to; left out: the default app. */
  tokens?: Record<string, { user: string; scopes?: string[]; app?: string }>;
  users?: Record<string, UserSettings>;
}

/** Auth mode's issued tokens (emulator/auth/): a bearer token's caller, or undefined when unknown. */
export type IssuedTokens = (token: string) => Caller | undefined;

/** Reads a token file; an unreadable or malformed one is an EmulatorStartError naming it. */
export function loadTokenFile(path: string): TokenFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new EmulatorStartError(`cannot read token file ${path}: ${readFailure(err)}`, "tokenFile");
  }
  let data: TokenFile;
  try {
    data = JSON.parse(text) as TokenFile;
  } catch (err) {
    throw new EmulatorStartError(
      `token file ${path} is not valid JSON (${(err as Error).message})`,
      "tokenFile",
    );
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new EmulatorStartError(
      `token file ${path} must hold a JSON object {"tokens":{...},"users":{...}}`,
      "tokenFile",
    );
  }
  if (data.tokens !== undefined && (typeof data.tokens !== "object" || data.tokens === null)) {
    throw new EmulatorStartError(`token file ${path}: "tokens" must be an object`, "tokenFile");
  }
  return data;
}

export class Identity {
  constructor(
    private defaultUser: string,
    private tokenFile?: TokenFile,
    /** Auth mode: only tokens the emulator's token services issued are valid. */
    private issuedTokens?: IssuedTokens,
  ) {}

  /** Resolves the `authorization` header/metadata value to a caller, or UNAUTHENTICATED. */
  resolve(authorization: string | undefined): Caller {
    const header = (authorization ?? "").trim();
    if (header === "" && this.issuedTokens) {
      throw new ApiError(
        "UNAUTHENTICATED",
        "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
      );
    }
    if (header === "") return { email: this.defaultUser };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new ApiError(
        "UNAUTHENTICATED",
        'Request had invalid authentication credentials: expected "Bearer <token>"',
      );
    const token = match[1];
    if (this.issuedTokens) {
      const caller = this.issuedTokens(token);
      if (!caller)
        throw new ApiError(
          "UNAUTHENTICATED",
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        );
      return caller;
    }
    if (!this.tokenFile) return { email: token };
    const entry = this.tokenFile.tokens?.[token];
    if (!entry)
      throw new ApiError("UNAUTHENTICATED", "Request had invalid authentication credentials: unknown token");
    return { email: entry.user, scopes: entry.scopes ?? [], ...(entry.app ? { app: entry.app } : {}) };
  }

  checkScopes(caller: Caller, method: Method): void {
    if (!caller.scopes) return;
    const allowed = METHOD_SCOPES[method];
    if (allowed.some((s) => caller.scopes!.includes(s))) return;
    throw permissionDenied(
      `Request had insufficient authentication scopes: ${method} needs one of ${allowed.join(", ")}`,
      { reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", metadata: { method, required_scopes: allowed.join(",") } },
    );
  }
}
