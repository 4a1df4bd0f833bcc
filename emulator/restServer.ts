/**
 * HTTP transport: the REST/JSON API at the paths of the protos' google.api.http rules
 * (as google-gax's REST fallback and Google's REST reference use them), plus the admin
 * hooks under /emulator/v1/. Enums are accepted as names or numbers; answers use names,
 * or numbers when the client asks with `$alt=json;enum-encoding=int`.
 */
import * as http from "node:http";
import { handleAdmin } from "./admin";
import { handleAuthAdmin } from "./auth/admin";
import type { Authority } from "./auth/authority";
import { handleAuth, isAuthPath } from "./auth/http";
import { handleChatRest } from "./chat/rest";
import { ApiError, toApiError } from "./errors";
import { type FieldSelector, parseFields, selectFields } from "./fields";
import { parseJsonBody, readBody, sendError, sendJson } from "./httpJson";
import type { Method } from "./identity";
import { type ApiVersion, checkKnownFields } from "./model";
import type { ApiService } from "./service";

interface Route {
  method: Method;
  name?: string;
  parent?: string;
}

const BOTH: ApiVersion[] = ["v2", "v2beta"];
const V2: ApiVersion[] = ["v2"];

/**
 * The google.api.http rules of Google's REST reference, as [verb, path pattern, RPC, field the
 * capture fills, versions]. Member patch and batchUpdate are v2 only (v2beta has no member update).
 */
const RULES: [string, RegExp, Method, "name" | "parent" | undefined, ApiVersion[]][] = [
  ["POST", /^spaces$/, "CreateSpace", undefined, BOTH],
  ["GET", /^(spaces\/[^/:]+)$/, "GetSpace", "name", BOTH],
  ["PATCH", /^(spaces\/[^/:]+)$/, "UpdateSpace", "name", BOTH],
  ["POST", /^(spaces\/[^/:]+):endActiveConference$/, "EndActiveConference", "name", BOTH],
  ["POST", /^(spaces\/[^/:]+)\/members$/, "CreateMember", "parent", BOTH],
  ["GET", /^(spaces\/[^/:]+)\/members$/, "ListMembers", "parent", BOTH],
  ["POST", /^(spaces\/[^/:]+)\/members:batchUpdate$/, "BatchUpdateMembers", "parent", V2],
  ["GET", /^(spaces\/[^/:]+\/members\/[^/:]+)$/, "GetMember", "name", BOTH],
  ["PATCH", /^(spaces\/[^/:]+\/members\/[^/:]+)$/, "UpdateMember", "name", V2],
  ["DELETE", /^(spaces\/[^/:]+\/members\/[^/:]+)$/, "DeleteMember", "name", BOTH],
];

/** Maps verb + path to an RPC, following the google.api.http rules. */
function route(verb: string, path: string): { version: ApiVersion; route: Route } | undefined {
  const m = /^\/(v2beta|v2)\/(.*)$/.exec(path);
  if (!m) return undefined;
  const version = m[1] as ApiVersion;
  for (const [ruleVerb, pattern, method, field, versions] of RULES) {
    if (ruleVerb !== verb || !versions.includes(version)) continue;
    const match = pattern.exec(m[2]);
    if (!match) continue;
    const r: Route = { method };
    if (field) r[field] = match[1];
    return { version, route: r };
  }
  return undefined;
}

/** Which body schema each method's JSON body is checked against (unknown names are 400). */
const BODY_KIND: Partial<Record<Method, Parameters<typeof checkKnownFields>[1]>> = {
  CreateSpace: "space",
  UpdateSpace: "space",
  CreateMember: "member",
  UpdateMember: "member",
  BatchUpdateMembers: "batchUpdateMembers",
};

/** A FieldMask in JSON is one comma-separated string. */
function splitMask(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ApiError(
      "INVALID_ARGUMENT",
      `Invalid value at '${field}' (type.googleapis.com/google.protobuf.FieldMask): expected a comma-separated string of paths`,
    );
  }
  return value.split(",");
}

/** updateMask may come comma-separated, repeated, lowerCamel or snake_case. */
function maskFromQuery(query: URLSearchParams): string[] | undefined {
  const values = [...query.getAll("updateMask"), ...query.getAll("update_mask")];
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(","));
}

async function handleApi(service: ApiService, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const found = route(req.method ?? "GET", decodeURIComponent(url.pathname));
  if (!found) {
    if (/:connectActiveConference$/.test(url.pathname)) {
      return sendError(
        res,
        new ApiError("UNIMPLEMENTED", "ConnectActiveConference is not implemented by the emulator"),
      );
    }
    return sendError(res, new ApiError("NOT_FOUND", `No API method for ${req.method} ${url.pathname}`));
  }
  const { version, route: r } = found;
  // A bad body is still an API call: it is journaled and answered from inside the pipeline.
  let body: any = {};
  let badBody: unknown;
  try {
    body = parseJsonBody(await readBody(req));
    const kind = BODY_KIND[r.method];
    if (kind) checkKnownFields(body, kind);
  } catch (err) {
    badBody = err;
  }
  const query = url.searchParams;
  const request: Record<string, any> = {};
  switch (r.method) {
    case "CreateSpace":
      request.space = body;
      break;
    case "UpdateSpace":
      // The path carries space.name; it wins over any name in the body.
      request.space = { ...body, name: r.name };
      break;
    case "CreateMember":
      request.parent = r.parent;
      request.member = body;
      break;
    case "UpdateMember":
      // The path carries member.name; it wins over any name in the body.
      request.member = { ...body, name: r.name };
      break;
    case "BatchUpdateMembers":
      request.parent = r.parent;
      try {
        request.requests = Array.isArray(body?.requests)
          ? body.requests.map((child: any, i: number) => ({
              member: child?.member,
              updateMask: splitMask(child?.updateMask ?? child?.update_mask, `requests[${i}].update_mask`),
            }))
          : body?.requests;
      } catch (err) {
        badBody ??= err;
      }
      break;
    case "ListMembers":
      request.parent = r.parent;
      if (query.has("pageSize") || query.has("page_size"))
        request.pageSize = Number(query.get("pageSize") ?? query.get("page_size"));
      if (query.has("pageToken") || query.has("page_token"))
        request.pageToken = query.get("pageToken") ?? query.get("page_token");
      break;
    default:
      request.name = r.name;
  }
  const alt = query.get("$alt") ?? query.get("alt") ?? "";
  const authorization = req.headers.authorization;
  let updateMask: string[] | undefined;
  if (r.method === "UpdateSpace" || r.method === "UpdateMember") updateMask = maskFromQuery(query);
  let fields: FieldSelector | undefined;
  try {
    if (r.method === "BatchUpdateMembers")
      updateMask = splitMask(body?.updateMask ?? body?.update_mask, "update_mask");
    fields = parseFields(query.get("fields") ?? undefined);
  } catch (err) {
    badBody ??= err;
  }
  const outcome = await service.call({
    method: r.method,
    version,
    transport: "rest",
    authorization,
    request,
    updateMask,
    numericEnums: alt.includes("enum-encoding=int"),
    validate:
      badBody === undefined
        ? undefined
        : () => {
            throw badBody;
          },
  });
  if (outcome.ok) sendJson(res, 200, selectFields(outcome.response, fields));
  else sendError(res, outcome.error);
}

/**
 * The HTTP/1.1 server for REST and the admin hooks. It does not listen itself: the public
 * ports (portMux.ts) hand it the connections that are not gRPC.
 */
export function createHttpServer(service: ApiService, authority?: Authority): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const work = url.pathname.startsWith("/emulator/v1/auth")
      ? handleAuthAdmin(authority, req, res, url.pathname.replace(/^\/emulator\/v1\/auth\/?/, ""))
      : authority && isAuthPath(url.pathname)
        ? handleAuth(authority, service, req, res, url)
        : url.pathname.startsWith("/emulator/v1/")
          ? handleAdmin(service, req, res, url)
          : url.pathname.startsWith("/v1/")
            ? handleChatRest(service, req, res, url)
            : handleApi(service, req, res, url);
    work.catch((err) => {
      if (!res.headersSent) sendError(res, toApiError(err));
      else res.end();
    });
  });
}
