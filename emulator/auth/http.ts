/**
 * Google's token services over HTTP, for the emulator's auth mode: the OAuth token endpoint
 * (oauth2.googleapis.com/token: JWT-bearer and refresh-token grants; /tokeninfo), IAM Credentials
 * (iamcredentials.googleapis.com: signJwt, generateAccessToken), IAM's service-account get
 * (iam.googleapis.com, for the unique id), STS (sts.googleapis.com/v1/token: workload identity
 * federation's token exchange) and the metadata server (metadata.google.internal/computeMetadata).
 * Every host's paths are distinct, so one port serves them all. Each call is journalled like an
 * API call (`oauth2.Token`, `iamcredentials.SignJwt`, …) with the scopes it asked for.
 */
import type * as http from "node:http";
import { ApiError, permissionDenied } from "../wire/errors";
import { type HttpExchange, parseJsonBody, readBody, sendError, sendJson } from "../wire/httpJson";
import type { ApiService, JournalEntry } from "../pipeline/service";
import {
  type Authority,
  CLOUD_PLATFORM,
  GOOGLE_TOKEN_URL,
  IAM_SCOPE,
  type IssuedToken,
  OAuthError,
  TOKEN_LIFETIME_S,
} from "./authority";
import { decodeJwt, signJwt, verifySignature } from "./jwt";

export type AuthMethod =
  | "oauth2.Token"
  | "oauth2.TokenInfo"
  | "sts.Token"
  | "iamcredentials.SignJwt"
  | "iamcredentials.GenerateAccessToken"
  | "iam.GetServiceAccount"
  | "metadata.Token";

/** A journal entry of a token service call: who asked, for which scopes, with what answer. */
export interface AuthJournalEntry extends JournalEntry {
  method: AuthMethod;
  /** The scopes asked for (a JWT's `scope`, a metadata or generateAccessToken request's list). */
  scopes?: string[];
  /** oauth2.Token: the grant type (`jwt-bearer`, `refresh_token`). */
  grant?: string;
  /** The Workspace user a delegation token is for (the JWT's `sub`). */
  subject?: string;
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const SA_PATH = /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/:]+)(?::(signJwt|generateAccessToken))?$/;
const POOL_AUDIENCE =
  /^\/\/iam\.googleapis\.com\/(projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+)\/providers\/[^/]+$/;

/** True for the paths auth mode serves (besides its admin hooks). */
export function isAuthPath(pathname: string): boolean {
  return (
    pathname === "/token" ||
    pathname === "/tokeninfo" ||
    pathname === "/v1/token" ||
    pathname.startsWith("/computeMetadata/") ||
    SA_PATH.test(pathname)
  );
}

function journal(service: ApiService, entry: Omit<AuthJournalEntry, "transport" | "version">): void {
  service.journal.push({ transport: "rest", version: "v1", ...entry } as AuthJournalEntry);
}

/** A form (what OAuth clients send) or JSON body, as string fields. */
async function readParams(req: http.IncomingMessage, url: URL): Promise<Record<string, string>> {
  const text = await readBody(req);
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (/json/.test(req.headers["content-type"] ?? "")) {
    for (const [k, v] of Object.entries(parseJsonBody(text))) params[k] = String(v);
  } else {
    for (const [k, v] of new URLSearchParams(text)) params[k] = v;
  }
  return params;
}

function sendOAuthError(res: http.ServerResponse, err: OAuthError): void {
  sendJson(res, err.httpStatus, { error: err.error, error_description: err.description });
}

/** One HTTP exchange with the token services, and what answers it. */
interface AuthExchange extends HttpExchange {
  authority: Authority;
  service: ApiService;
}

/** Takes the token services' requests (false for any other). */
export async function handleAuth(
  authority: Authority,
  service: ApiService,
  exchange: HttpExchange,
): Promise<boolean> {
  if (!isAuthPath(exchange.url.pathname)) return false;
  await answerAuth({ ...exchange, authority, service });
  return true;
}

async function answerAuth(x: AuthExchange): Promise<void> {
  const { req, res, url } = x;
  const path = url.pathname;
  if (path === "/token" && req.method === "POST") return oauthToken(x);
  if (path === "/tokeninfo") return tokenInfo(x);
  if (path === "/v1/token" && req.method === "POST") return stsToken(x);
  if (path.startsWith("/computeMetadata/")) return metadata(x);
  const sa = SA_PATH.exec(path);
  if (sa) return serviceAccountCall(x, decodeURIComponent(sa[2]), sa[3]);
  sendError(res, new ApiError("NOT_FOUND", `No auth method for ${req.method} ${path}`));
}

/** oauth2.googleapis.com/token: the JWT-bearer grant (delegation) and the refresh-token grant. */
async function oauthToken({ authority, service, req, res, url }: AuthExchange): Promise<void> {
  const params = await readParams(req, url);
  const entry: Omit<AuthJournalEntry, "transport" | "version"> = {
    method: "oauth2.Token",
    name: "",
    caller: "",
    code: "OK",
    grant: params.grant_type === JWT_BEARER ? "jwt-bearer" : params.grant_type,
  };
  try {
    if (params.grant_type === JWT_BEARER) {
      const jwt = decodeJwt(params.assertion ?? "");
      if (!jwt)
        throw new OAuthError(
          400,
          "invalid_grant",
          "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.",
        );
      const { iss, sub, scope, aud, iat, exp } = jwt.claims as Record<string, any>;
      entry.caller = String(iss ?? "");
      entry.name = String(sub ?? iss ?? "");
      entry.subject = typeof sub === "string" ? sub : undefined;
      entry.scopes = typeof scope === "string" ? scope.split(/\s+/).filter(Boolean) : [];
      const account = typeof iss === "string" ? authority.existingServiceAccount(iss) : undefined;
      const publicKey = account?.publicKeys.get(String(jwt.header.kid ?? ""));
      if (!account || !publicKey || !verifySignature(jwt, publicKey)) {
        throw new OAuthError(400, "invalid_grant", "Invalid JWT Signature.");
      }
      const ownUrl = `http://${req.headers.host}/token`;
      if (aud !== GOOGLE_TOKEN_URL && aud !== ownUrl) {
        throw new OAuthError(400, "invalid_grant", `Invalid JWT: audience must be ${GOOGLE_TOKEN_URL}`);
      }
      const now = Date.now() / 1000;
      if (
        typeof iat !== "number" ||
        typeof exp !== "number" ||
        exp - iat > TOKEN_LIFETIME_S ||
        exp < now ||
        iat > now + 300
      ) {
        throw new OAuthError(
          400,
          "invalid_grant",
          "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
        );
      }
      const answer = authority.delegate(account, entry.subject, entry.scopes);
      journal(service, entry);
      return sendJson(res, 200, answer);
    }
    if (params.grant_type === "refresh_token") {
      entry.caller = params.client_id ?? "";
      const answer = authority.refresh(
        params.client_id ?? "",
        params.client_secret ?? "",
        params.refresh_token ?? "",
      );
      entry.name = authority.lookup(answer.access_token)?.principal.email ?? "";
      entry.scopes = authority.lookup(answer.access_token)?.scopes;
      journal(service, entry);
      return sendJson(res, 200, { ...answer, scope: entry.scopes?.join(" ") });
    }
    throw new OAuthError(400, "unsupported_grant_type", `Invalid grant_type: ${params.grant_type ?? ""}`);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    journal(service, { ...entry, code: err.httpStatus === 401 ? "UNAUTHENTICATED" : "INVALID_ARGUMENT" });
    sendOAuthError(res, err);
  }
}

/** oauth2.googleapis.com/tokeninfo?access_token=…: whose token, which scopes. */
async function tokenInfo({ authority, service, req, res, url }: AuthExchange): Promise<void> {
  const params = await readParams(req, url);
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const issued = authority.lookup(params.access_token ?? bearer ?? "");
  journal(service, {
    method: "oauth2.TokenInfo",
    name: "",
    caller: issued?.principal.email ?? "",
    code: issued ? "OK" : "INVALID_ARGUMENT",
  });
  if (!issued) return sendOAuthError(res, new OAuthError(400, "invalid_token", "Invalid Value"));
  sendJson(res, 200, {
    azp: issued.app,
    aud: issued.app,
    email: issued.principal.member.startsWith("principal://") ? undefined : issued.principal.email,
    scope: issued.scopes.join(" "),
    expires_in: String(Math.max(0, Math.floor((issued.expiresAt - Date.now()) / 1000))),
  });
}

/** sts.googleapis.com/v1/token: an external OIDC token (a CI job's) for a federated access token. */
async function stsToken({ authority, service, req, res, url }: AuthExchange): Promise<void> {
  const params = await readParams(req, url);
  const entry: Omit<AuthJournalEntry, "transport" | "version"> = {
    method: "sts.Token",
    name: params.audience ?? "",
    caller: "",
    code: "OK",
    scopes: (params.scope ?? "").split(/\s+/).filter(Boolean),
  };
  try {
    if (params.grant_type !== TOKEN_EXCHANGE) {
      throw new OAuthError(
        400,
        "invalid_request",
        `Invalid value for "grant_type": ${params.grant_type ?? ""}`,
      );
    }
    const pool = POOL_AUDIENCE.exec(params.audience ?? "");
    if (!pool) {
      throw new OAuthError(
        400,
        "invalid_target",
        'The target service indicated by the "audience" parameters is invalid.',
      );
    }
    const subject = decodeJwt(params.subject_token ?? "");
    if (!subject || typeof subject.claims.sub !== "string") {
      throw new OAuthError(400, "invalid_grant", "The incoming JWT is malformed or has no sub claim.");
    }
    const principal = authority.federatedPrincipal(pool[1], subject.claims);
    entry.caller = principal.member;
    const answer = authority.issue(principal, entry.scopes?.length ? entry.scopes : [CLOUD_PLATFORM]);
    journal(service, entry);
    sendJson(res, 200, { ...answer, issued_token_type: "urn:ietf:params:oauth:token-type:access_token" });
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    journal(service, { ...entry, code: "INVALID_ARGUMENT" });
    sendOAuthError(res, err);
  }
}

/** The bearer token of an IAM call, which must carry cloud-platform or iam. */
function iamCaller(authority: Authority, req: http.IncomingMessage): IssuedToken {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const issued = bearer ? authority.lookup(bearer) : undefined;
  if (!issued) {
    throw new ApiError(
      "UNAUTHENTICATED",
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
      { reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED" },
    );
  }
  if (!issued.scopes.includes(CLOUD_PLATFORM) && !issued.scopes.includes(IAM_SCOPE)) {
    throw permissionDenied("Request had insufficient authentication scopes.", {
      reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    });
  }
  return issued;
}

/** iamcredentials signJwt / generateAccessToken, and iam's service-account get. */
async function serviceAccountCall(
  { authority, service, req, res }: AuthExchange,
  email: string,
  verb: string | undefined,
): Promise<void> {
  const method: AuthMethod =
    verb === "signJwt"
      ? "iamcredentials.SignJwt"
      : verb
        ? "iamcredentials.GenerateAccessToken"
        : "iam.GetServiceAccount";
  const entry: Omit<AuthJournalEntry, "transport" | "version"> = {
    method,
    name: email,
    caller: "",
    code: "OK",
  };
  try {
    const body = parseJsonBody(await readBody(req));
    const caller = iamCaller(authority, req);
    entry.caller = caller.principal.member;
    const account = authority.existingServiceAccount(email);
    if (!verb) {
      if (req.method !== "GET") throw new ApiError("NOT_FOUND", `No auth method for ${req.method} ${email}`);
      if (!account) throw new ApiError("NOT_FOUND", `Unknown service account`);
      journal(service, entry);
      return sendJson(res, 200, {
        name: `projects/-/serviceAccounts/${account.email}`,
        email: account.email,
        uniqueId: account.uniqueId,
        oauth2ClientId: account.uniqueId,
      });
    }
    const permission =
      verb === "signJwt" ? "iam.serviceAccounts.signJwt" : "iam.serviceAccounts.getAccessToken";
    // Google's wording: with the `-` project wildcard, a missing account looks like a denial.
    if (!account || !authority.mayActAs(caller.principal, email)) {
      throw permissionDenied(`Permission '${permission}' denied on resource (or it may not exist).`, {
        reason: "IAM_PERMISSION_DENIED",
        metadata: { permission },
      });
    }
    if (verb === "signJwt") {
      let claims: Record<string, unknown>;
      try {
        claims = JSON.parse(String(body.payload ?? ""));
      } catch {
        throw new ApiError(
          "INVALID_ARGUMENT",
          "Invalid payload: must be a serialized JSON object that contains a JWT Claims Set.",
        );
      }
      const now = Math.floor(Date.now() / 1000);
      if (claims.exp === undefined) claims.exp = now + TOKEN_LIFETIME_S;
      else if (typeof claims.exp !== "number" || claims.exp > now + 12 * 3600) {
        throw new ApiError("INVALID_ARGUMENT", "The exp claim must be at most 12 hours in the future.");
      }
      entry.subject = typeof claims.sub === "string" ? claims.sub : undefined;
      entry.scopes = typeof claims.scope === "string" ? claims.scope.split(/\s+/).filter(Boolean) : undefined;
      journal(service, entry);
      return sendJson(res, 200, {
        keyId: account.keyId,
        signedJwt: signJwt(claims, account.privateKey, account.keyId),
      });
    }
    const scopes: string[] = Array.isArray(body.scope) ? body.scope.map(String) : [];
    entry.scopes = scopes;
    const answer = authority.issue(
      { member: `serviceAccount:${account.email}`, email: account.email },
      scopes,
      account.uniqueId,
    );
    journal(service, entry);
    sendJson(res, 200, {
      accessToken: answer.access_token,
      expireTime: new Date(Date.now() + answer.expires_in * 1000).toISOString(),
    });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    journal(service, { ...entry, code: err.status });
    sendError(res, err);
  }
}

/** The metadata server of a Google Cloud runtime (gcp-metadata's paths; Metadata-Flavor: Google). */
async function metadata({ authority, service, req, res, url }: AuthExchange): Promise<void> {
  await readBody(req);
  const text = (status: number, body: string, type = "application/text") => {
    res.writeHead(status, { "metadata-flavor": "Google", "content-type": type });
    res.end(body);
  };
  if (req.headers["metadata-flavor"] !== "Google") return text(403, "Missing Metadata-Flavor:Google header.");
  const path = url.pathname.replace(/^\/computeMetadata\/v1\/?/, "").replace(/\/$/, "");
  const account = authority.metadataServiceAccount;
  const accountPath = /^instance\/service-accounts\/(default|[^/]+)\/(token|email)$/.exec(path);
  if (path === "instance" || path === "") return text(200, JSON.stringify({ id: 1 }), "application/json");
  if (path === "project/project-id") return text(200, "emulator-project");
  if (path === "project/numeric-project-id") return text(200, authority.projectNumber);
  if (path === "universe/universe-domain") return text(200, "googleapis.com");
  if (accountPath && account && (accountPath[1] === "default" || accountPath[1] === account)) {
    if (accountPath[2] === "email") return text(200, account);
    const scopes = (url.searchParams.get("scopes") ?? CLOUD_PLATFORM).split(",").filter(Boolean);
    const answer = authority.issue(
      { member: `serviceAccount:${account}`, email: account },
      scopes,
      authority.serviceAccount(account).uniqueId,
    );
    journal(service, { method: "metadata.Token", name: account, caller: account, code: "OK", scopes });
    return text(200, JSON.stringify(answer), "application/json");
  }
  text(404, "Not Found");
}
