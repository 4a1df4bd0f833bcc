/**
 * Admin hooks of auth mode, under /emulator/v1/auth/: what Google's consoles set.
 *   GET    /emulator/v1/auth                    accounts, Token Creator grants, delegation, domains
 *   POST   /emulator/v1/auth/serviceAccounts    {email} -> {email, uniqueId} (uniqueId = its OAuth client id)
 *   POST   /emulator/v1/auth/serviceAccounts/{email}/keys  a key file (user-managed key), as gcloud's keys create
 *   POST   /emulator/v1/auth/tokenCreators      {serviceAccount, member}: grant roles/iam.serviceAccountTokenCreator
 *   DELETE /emulator/v1/auth/tokenCreators      {serviceAccount, member}: revoke it
 *   PUT    /emulator/v1/auth/delegation/{clientId}  {scopes}: the Admin console's domain-wide delegation entry
 *   POST   /emulator/v1/auth/logins             {user, scopes}: an authorized-user file, as gcloud's login writes
 *   PUT    /emulator/v1/auth/metadata           {serviceAccount}: the runtime's attached service account
 *   POST   /emulator/v1/auth/expireTokens       every issued access token expires now
 */
import { ApiError } from "../wire/errors";
import { type HttpExchange, parseJsonBody, readBody, sendError, sendJson } from "../wire/httpJson";
import type { Authority } from "./authority";

const stringList = (value: unknown, field: string): string[] => {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new ApiError("INVALID_ARGUMENT", `${field} must be a list of strings`);
  }
  return value;
};

const text = (value: unknown, field: string): string => {
  if (typeof value !== "string" || value === "")
    throw new ApiError("INVALID_ARGUMENT", `${field} is required`);
  return value;
};

/** Takes the requests under /emulator/v1/auth (false for any other). */
export async function handleAuthAdmin(authority: Authority | undefined, x: HttpExchange): Promise<boolean> {
  const under = /^\/emulator\/v1\/auth(?:\/(.*))?$/.exec(x.url.pathname);
  if (!under) return false;
  await answerAuthAdmin(authority, x, under[1] ?? "");
  return true;
}

async function answerAuthAdmin(
  authority: Authority | undefined,
  { req, res }: HttpExchange,
  path: string,
): Promise<void> {
  if (!authority) {
    return sendError(
      res,
      new ApiError("FAILED_PRECONDITION", "The emulator runs without auth mode; start it with --auth"),
    );
  }
  const verb = req.method ?? "GET";
  const body = parseJsonBody(await readBody(req));
  if (path === "" && verb === "GET") return sendJson(res, 200, authority.summary());
  if (path === "serviceAccounts" && verb === "POST") {
    const account = authority.serviceAccount(text(body.email, "email"));
    return sendJson(res, 200, { email: account.email, uniqueId: account.uniqueId });
  }
  const keys = /^serviceAccounts\/([^/]+)\/keys$/.exec(path);
  if (keys && verb === "POST") return sendJson(res, 200, authority.createKey(decodeURIComponent(keys[1])));
  if (path === "tokenCreators" && (verb === "POST" || verb === "DELETE")) {
    const sa = text(body.serviceAccount, "serviceAccount");
    const member = text(body.member, "member");
    if (!/^(user|serviceAccount|group|principal|principalSet):/.test(member)) {
      throw new ApiError(
        "INVALID_ARGUMENT",
        `member must be user:…, serviceAccount:…, principal://… or principalSet://…, got ${member}`,
      );
    }
    if (verb === "POST") authority.grantTokenCreator(sa, member);
    else authority.revokeTokenCreator(sa, member);
    return sendJson(res, 200, authority.summary());
  }
  const delegation = /^delegation\/([^/]+)$/.exec(path);
  if (delegation && verb === "PUT") {
    authority.setDelegation(decodeURIComponent(delegation[1]), stringList(body.scopes, "scopes"));
    return sendJson(res, 200, authority.summary());
  }
  if (path === "logins" && verb === "POST") {
    return sendJson(res, 200, authority.login(text(body.user, "user"), stringList(body.scopes, "scopes")));
  }
  if (path === "metadata" && verb === "PUT") {
    const sa = text(body.serviceAccount, "serviceAccount");
    authority.serviceAccount(sa);
    authority.metadataServiceAccount = sa;
    return sendJson(res, 200, authority.summary());
  }
  if (path === "expireTokens" && verb === "POST") {
    authority.expireTokens();
    return sendJson(res, 200, {});
  }
  sendError(res, new ApiError("NOT_FOUND", `No admin hook for ${verb} /emulator/v1/auth/${path}`));
}
