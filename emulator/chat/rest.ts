/**
 * The Chat API over REST at the paths of chat_service.proto's google.api.http rules (`/v1/...`),
 * as google-gax's REST fallback and Google's REST reference use them. Enums are read as names or
 * numbers; answers use names, or numbers for `$alt=json;enum-encoding=int`.
 */
import { ApiError } from "../wire/errors";
import { type Schema, schemaFromProtos } from "../wire/knownFields";
import { loadProtos } from "../wire/protos";
import type { RestApi, RestRule } from "../wire/rest";
import { withAccessPermissionFields } from "./accessPermissions";
import { enumName } from "./model";

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

/**
 * The known fields of a Chat message, read from the protos `@google-apps/chat` ships: "Google's
 * JSON parser refuses unknown fields" for Chat as for Meet.
 */
function chatSchema(message: string): Schema {
  return schemaFromProtos(
    loadProtos("@google-apps/chat", "google/chat/v1/chat_service.proto"),
    `google.chat.v1.${message}`,
  );
}

const SPACE = /^(spaces\/[^/:]+)$/;
const MEMBERS = /^(spaces\/[^/]+)\/members$/;
const MEMBERSHIP = /^(spaces\/[^/]+\/members\/[^/]+)$/;

function rules(): RestRule[] {
  const space = withAccessPermissionFields(chatSchema("Space"));
  const membership = chatSchema("Membership");
  const setup = chatSchema("SetUpSpaceRequest");
  withAccessPermissionFields(setup.space as Schema);
  return [
    {
      verb: "POST",
      path: /^spaces:setup$/,
      method: "chat.SetUpSpace",
      body: "*",
      schema: setup,
    },
    { verb: "GET", path: SPACE, method: "chat.GetSpace", capture: "name" },
    {
      verb: "PATCH",
      path: SPACE,
      method: "chat.UpdateSpace",
      body: "space",
      schema: space,
      capture: "space.name",
      maskInQuery: true,
    },
    { verb: "DELETE", path: SPACE, method: "chat.DeleteSpace", capture: "name" },
    {
      verb: "POST",
      path: MEMBERS,
      method: "chat.CreateMembership",
      capture: "parent",
      body: "membership",
      schema: membership,
    },
    {
      verb: "GET",
      path: MEMBERS,
      method: "chat.ListMemberships",
      capture: "parent",
      query: {
        pageSize: "number",
        pageToken: "string",
        filter: "string",
        showGroups: "true",
        showInvited: "true",
      },
    },
    { verb: "GET", path: MEMBERSHIP, method: "chat.GetMembership", capture: "name" },
    {
      verb: "PATCH",
      path: MEMBERSHIP,
      method: "chat.UpdateMembership",
      body: "membership",
      schema: membership,
      capture: "membership.name",
      maskInQuery: true,
    },
    { verb: "DELETE", path: MEMBERSHIP, method: "chat.DeleteMembership", capture: "name" },
  ];
}

/** The Chat API under `/v1/` (its body schemas are read from the protos once, here). */
export function chatRestApi(): RestApi {
  return {
    versions: ["v1"],
    rules: rules(),
    unmatched: (verb, pathname) => new ApiError("NOT_FOUND", `No Chat API method for ${verb} ${pathname}`),
    normalizeBody: (body) => enumsToNames(body),
  };
}
