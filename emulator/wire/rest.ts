/**
 * One REST front end for every API the emulator serves: a request is matched to an RPC by the
 * google.api.http rules of its proto, its JSON body is parsed and checked for unknown fields, the
 * path and query fill the request, and the answer honours the `fields` and `$alt` system
 * parameters. An API (meet/rest.ts, chat/rest.ts) only states its rules.
 */
import type { ApiCall, CallHandler, Method } from "./call";
import { camelToSnake } from "./case";
import type { ApiError } from "./errors";
import { type FieldSelector, parseFields, selectFields } from "./fields";
import { type HttpExchange, parseJsonBody, readBody, sendError, sendJson } from "./httpJson";
import { checkKnownFields, type Schema } from "./knownFields";
import { maskFromQuery } from "./masks";

/** One google.api.http rule. */
export interface RestRule {
  verb: "GET" | "POST" | "PATCH" | "DELETE";
  /** The path after `/{version}/`; group 1, if any, is the resource name the path carries. */
  path: RegExp;
  method: Method;
  /** The versions that have this rule (default: all the API's). */
  versions?: readonly string[];
  /** The request field the path's resource name fills: `name`, `parent`, or `space.name` inside the body. */
  capture?: string;
  /** The request field the JSON body fills, or "*" for the whole request. */
  body?: string;
  /** The body's known fields; any other name is refused. */
  schema?: Schema;
  /** The update mask comes as the `updateMask` query parameter. */
  maskInQuery?: boolean;
  /** Query parameters the RPC reads, by lowerCamel name (snake_case is accepted too). */
  query?: Record<string, "string" | "number" | "true">;
  /** A body that is not one message: fills the request itself and returns the update mask, if any. */
  readBody?: (body: any, request: Record<string, any>) => string[] | undefined;
}

export interface RestApi {
  /** The path's first segment: `v2beta`, `v2`, or Chat's `v1`. */
  versions: readonly string[];
  rules: readonly RestRule[];
  /** The answer for a path under the API's versions that no rule matches. */
  unmatched(verb: string, pathname: string): ApiError;
  /** Rewrites a parsed body before it becomes the request (e.g. enum numbers to names). */
  normalizeBody?: (body: unknown) => unknown;
}

/** Answers a request under one of the API's versions; false when the path is not the API's. */
export async function serveRest(
  api: RestApi,
  service: CallHandler,
  { req, res, url }: HttpExchange,
): Promise<boolean> {
  const verb = req.method ?? "GET";
  const m = /^\/([^/]+)\/(.*)$/.exec(decodeURIComponent(url.pathname));
  if (!m || !api.versions.includes(m[1])) return false;
  const [, version, path] = m;
  let rule: RestRule | undefined;
  let captured: RegExpExecArray | null = null;
  for (const candidate of api.rules) {
    if (candidate.verb !== verb || !(candidate.versions ?? api.versions).includes(version)) continue;
    captured = candidate.path.exec(path);
    if (captured) {
      rule = candidate;
      break;
    }
  }
  if (!rule) {
    sendError(res, api.unmatched(verb, url.pathname));
    return true;
  }
  const query = url.searchParams;
  const request: Record<string, any> = {};
  let updateMask: string[] | undefined;
  // A bad request is still an API call: it is journalled and answered from inside the pipeline.
  let badRequest: unknown;
  const attempt = (step: () => void) => {
    try {
      step();
    } catch (err) {
      badRequest ??= err;
    }
  };
  let body: any = {};
  const text = await readBody(req);
  attempt(() => {
    body = parseJsonBody(text);
    if (rule.schema) checkKnownFields(body, rule.schema, rule.body === "*" || !rule.body ? "" : rule.body);
    body = api.normalizeBody ? api.normalizeBody(body) : body;
  });
  if (rule.readBody) attempt(() => (updateMask = rule.readBody!(body, request)));
  else if (rule.body === "*") Object.assign(request, body);
  else if (rule.body) request[rule.body] = body;
  const resource = captured?.[1];
  if (rule.capture && resource !== undefined) {
    // The path carries the resource name; it wins over any name in the body.
    const [field, inner] = rule.capture.split(".");
    if (inner) request[field] = { ...request[field], [inner]: resource };
    else request[field] = resource;
  }
  for (const [name, kind] of Object.entries(rule.query ?? {})) {
    const value = query.get(name) ?? query.get(camelToSnake(name));
    if (value === null) continue;
    if (kind === "number") request[name] = Number(value);
    else if (kind === "true") {
      if (value === "true") request[name] = true;
    } else request[name] = value;
  }
  if (rule.maskInQuery) updateMask = maskFromQuery(query);
  let fields: FieldSelector | undefined;
  attempt(() => (fields = parseFields(query.get("fields") ?? undefined)));
  const alt = query.get("$alt") ?? query.get("alt") ?? "";
  const outcome = await service.call({
    method: rule.method,
    version: version as ApiCall["version"],
    transport: "rest",
    authorization: req.headers.authorization,
    request,
    updateMask,
    numericEnums: alt.includes("enum-encoding=int"),
    validate:
      badRequest === undefined
        ? undefined
        : () => {
            throw badRequest;
          },
  });
  if (outcome.ok) sendJson(res, 200, selectFields(outcome.response, fields));
  else sendError(res, outcome.error);
  return true;
}
