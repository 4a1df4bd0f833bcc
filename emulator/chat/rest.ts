/**
 * The Chat API over REST at the paths of chat_service.proto's google.api.http rules (`/v1/...`),
 * as google-gax's REST fallback and Google's REST reference use them. Enums are read as names or
 * numbers; answers use names, or numbers for `$alt=json;enum-encoding=int`.
 */
import type * as http from "node:http";
import { ApiError } from "../wire/errors";
import { parseJsonBody, readBody, sendError, sendJson } from "../wire/httpJson";
import type { ApiService } from "../pipeline/service";
import { type ChatRpc, enumName } from "./model";

/** [verb, path pattern, RPC, field the capture fills]. */
const RULES: [string, RegExp, ChatRpc, "name" | "parent" | undefined][] = [
  ["POST", /^spaces:setup$/, "SetUpSpace", undefined],
  ["GET", /^(spaces\/[^/:]+)$/, "GetSpace", "name"],
  ["PATCH", /^(spaces\/[^/:]+)$/, "UpdateSpace", "name"],
  ["DELETE", /^(spaces\/[^/:]+)$/, "DeleteSpace", "name"],
  ["POST", /^(spaces\/[^/]+)\/members$/, "CreateMembership", "parent"],
  ["GET", /^(spaces\/[^/]+)\/members$/, "ListMemberships", "parent"],
  ["GET", /^(spaces\/[^/]+\/members\/[^/]+)$/, "GetMembership", "name"],
  ["PATCH", /^(spaces\/[^/]+\/members\/[^/]+)$/, "UpdateMembership", "name"],
  ["DELETE", /^(spaces\/[^/]+\/members\/[^/]+)$/, "DeleteMembership", "name"],
];

/** REST bodies may carry enums as numbers: read them as names, the shape gRPC requests have. */
function enumsToNames(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => enumsToNames(v));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, enumsToNames(v, k)]));
  if (typeof value === "number") {
    for (const field of [
      "spaceType",
      "spaceHistoryState",
      "role",
      "type",
      "predefinedPermissionSettings",
    ] as const)
      if (key === field) return enumName(field, value) ?? value;
  }
  return value;
}

const param = (query: URLSearchParams, camel: string, snake: string) => query.get(camel) ?? query.get(snake);

/** Answers a `/v1/...` request; false when the path is not the Chat API's. */
export async function handleChatRest(
  service: ApiService,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<boolean> {
  const m = /^\/v1\/(.*)$/.exec(decodeURIComponent(url.pathname));
  if (!m) return false;
  const rule = RULES.find(([verb, pattern]) => verb === req.method && pattern.test(m[1]));
  if (!rule) {
    sendError(res, new ApiError("NOT_FOUND", `No Chat API method for ${req.method} ${url.pathname}`));
    return true;
  }
  const [, pattern, rpc, field] = rule;
  const captured = pattern.exec(m[1])?.[1];
  const query = url.searchParams;
  let body: any = {};
  let badBody: unknown;
  try {
    body = enumsToNames(parseJsonBody(await readBody(req)));
  } catch (err) {
    badBody = err;
  }
  const request: Record<string, any> = {};
  if (field) request[field] = captured;
  switch (rpc) {
    case "SetUpSpace":
      Object.assign(request, body);
      break;
    case "UpdateSpace":
      request.space = { ...body, name: captured };
      break;
    case "CreateMembership":
      request.membership = body;
      break;
    case "UpdateMembership":
      request.membership = { ...body, name: captured };
      break;
    case "ListMemberships":
      if (param(query, "pageSize", "page_size") !== null)
        request.pageSize = Number(param(query, "pageSize", "page_size"));
      if (param(query, "pageToken", "page_token") !== null)
        request.pageToken = param(query, "pageToken", "page_token");
      if (param(query, "filter", "filter") !== null) request.filter = query.get("filter");
      if (param(query, "showGroups", "show_groups") === "true") request.showGroups = true;
      if (param(query, "showInvited", "show_invited") === "true") request.showInvited = true;
      break;
  }
  const masks = [...query.getAll("updateMask"), ...query.getAll("update_mask")].flatMap((v) => v.split(","));
  const alt = query.get("$alt") ?? query.get("alt") ?? "";
  const outcome = await service.call({
    method: `chat.${rpc}`,
    version: "v1",
    transport: "rest",
    authorization: req.headers.authorization,
    request,
    // Journalled only when sent, as for Meet (the store then answers that the mask is required).
    updateMask: (rpc === "UpdateSpace" || rpc === "UpdateMembership") && masks.length ? masks : undefined,
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
  return true;
}
