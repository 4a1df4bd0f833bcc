/**
 * HTTP transport: the REST/JSON API at the paths of the protos' google.api.http rules
 * (as google-gax's REST fallback and Google's REST reference use them), plus the admin
 * hooks under /emulator/v1/. Enums are accepted as names or numbers; answers use names,
 * or numbers when the client asks with `$alt=json;enum-encoding=int`.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { handleChatRest } from "./chat/rest";
import { ApiError, HTTP_STATUS, restErrorBody, toApiError } from "./errors";
import type { Method } from "./identity";
import { type ApiVersion, checkKnownFields } from "./model";
import type { ApiService } from "./service";

interface Route {
  method: Method;
  name?: string;
  parent?: string;
}

/** The google.api.http rules of service.proto, as [verb, path pattern, RPC, field the capture fills]. */
const RULES: [string, RegExp, Method, "name" | "parent" | undefined, boolean][] = [
  ["POST", /^spaces$/, "CreateSpace", undefined, false],
  ["GET", /^(spaces\/[^/:]+)$/, "GetSpace", "name", false],
  ["PATCH", /^(spaces\/[^/:]+)$/, "UpdateSpace", "name", false],
  ["POST", /^(spaces\/[^/:]+):endActiveConference$/, "EndActiveConference", "name", false],
  // Members exist only in v2beta (last column).
  ["POST", /^(spaces\/[^/]+)\/members$/, "CreateMember", "parent", true],
  ["GET", /^(spaces\/[^/]+)\/members$/, "ListMembers", "parent", true],
  ["GET", /^(spaces\/[^/]+\/members\/[^/]+)$/, "GetMember", "name", true],
  ["DELETE", /^(spaces\/[^/]+\/members\/[^/]+)$/, "DeleteMember", "name", true],
];

/** Maps verb + path to an RPC, following the google.api.http rules of service.proto. */
function route(verb: string, path: string): { version: ApiVersion; route: Route } | undefined {
  const m = /^\/(v2beta|v2)\/(.*)$/.exec(path);
  if (!m) return undefined;
  const version = m[1] as ApiVersion;
  for (const [ruleVerb, pattern, method, field, v2betaOnly] of RULES) {
    if (ruleVerb !== verb || (v2betaOnly && version !== "v2beta")) continue;
    const match = pattern.exec(m[2]);
    if (!match) continue;
    const r: Route = { method };
    if (field) r[field] = match[1];
    return { version, route: r };
  }
  return undefined;
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function parseJsonBody(text: string): any {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError("INVALID_ARGUMENT", `Invalid JSON payload received. ${(err as Error).message}`);
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, err: ApiError): void {
  sendJson(res, HTTP_STATUS[err.status], restErrorBody(err));
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
    if (r.method === "CreateSpace" || r.method === "UpdateSpace") checkKnownFields(body, "space", version);
    if (r.method === "CreateMember") checkKnownFields(body, "member", version);
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
  const outcome = await service.call({
    method: r.method,
    version,
    transport: "rest",
    authorization,
    request,
    updateMask: r.method === "UpdateSpace" ? maskFromQuery(query) : undefined,
    numericEnums: alt.includes("enum-encoding=int"),
    validate:
      badBody === undefined
        ? undefined
        : () => {
            throw badBody;
          },
  });
  if (outcome.ok) sendJson(res, 200, outcome.response);
  else sendError(res, outcome.error);
}

export async function startHttpServer(
  service: ApiService,
  host: string,
  port: number,
): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const work = url.pathname.startsWith("/emulator/v1/")
      ? handleAdmin(service, req, res, url)
      : url.pathname.startsWith("/v1/")
        ? handleChatRest(service, req, res, url)
        : handleApi(service, req, res, url);
    work.catch((err) => {
      if (!res.headersSent) sendError(res, toApiError(err));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export function stopHttpServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
