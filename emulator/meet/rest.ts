/**
 * The Meet API over REST (v2beta and v2) at the paths of the protos' google.api.http rules, as
 * google-gax's REST fallback and Google's REST reference use them. Enums are accepted as names or
 * numbers; answers use names, or numbers when the client asks with `$alt=json;enum-encoding=int`.
 */
import { ApiError } from "../wire/errors";
import type { RestApi, RestRule } from "../wire/rest";
import { BATCH_UPDATE_MEMBERS_SCHEMA, MEMBER_SCHEMA, SPACE_SCHEMA } from "./model";

const SPACE = /^(spaces\/[^/:]+)$/;
const MEMBERS = /^(spaces\/[^/:]+)\/members$/;
const MEMBER = /^(spaces\/[^/:]+\/members\/[^/:]+)$/;
/** Member patch and batchUpdate are v2 only (v2beta has no member update). */
const V2 = ["v2"];

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

/** BatchUpdateMembers' body: the child requests with their own masks, and the top-level mask. */
function readBatchUpdate(body: any, request: Record<string, any>): string[] | undefined {
  request.requests = Array.isArray(body?.requests)
    ? body.requests.map((child: any, i: number) => ({
        member: child?.member,
        updateMask: splitMask(child?.updateMask ?? child?.update_mask, `requests[${i}].update_mask`),
      }))
    : body?.requests;
  return splitMask(body?.updateMask ?? body?.update_mask, "update_mask");
}

const RULES: RestRule[] = [
  { verb: "POST", path: /^spaces$/, method: "CreateSpace", body: "space", schema: SPACE_SCHEMA },
  { verb: "GET", path: SPACE, method: "GetSpace", capture: "name" },
  {
    verb: "PATCH",
    path: SPACE,
    method: "UpdateSpace",
    body: "space",
    schema: SPACE_SCHEMA,
    capture: "space.name",
    maskInQuery: true,
  },
  {
    verb: "POST",
    path: /^(spaces\/[^/:]+):endActiveConference$/,
    method: "EndActiveConference",
    capture: "name",
  },
  {
    verb: "POST",
    path: MEMBERS,
    method: "CreateMember",
    capture: "parent",
    body: "member",
    schema: MEMBER_SCHEMA,
  },
  {
    verb: "GET",
    path: MEMBERS,
    method: "ListMembers",
    capture: "parent",
    query: { pageSize: "number", pageToken: "string" },
  },
  {
    verb: "POST",
    path: /^(spaces\/[^/:]+)\/members:batchUpdate$/,
    method: "BatchUpdateMembers",
    versions: V2,
    capture: "parent",
    schema: BATCH_UPDATE_MEMBERS_SCHEMA,
    readBody: readBatchUpdate,
  },
  { verb: "GET", path: MEMBER, method: "GetMember", capture: "name" },
  {
    verb: "PATCH",
    path: MEMBER,
    method: "UpdateMember",
    versions: V2,
    body: "member",
    schema: MEMBER_SCHEMA,
    capture: "member.name",
    maskInQuery: true,
  },
  { verb: "DELETE", path: MEMBER, method: "DeleteMember", capture: "name" },
];

export const MEET_REST: RestApi = {
  versions: ["v2beta", "v2"],
  rules: RULES,
  unmatched: meetUnmatched,
};

/** No Meet method at this path: ConnectActiveConference (WebRTC) is not emulated; the rest is NOT_FOUND. */
export function meetUnmatched(verb: string, pathname: string): ApiError {
  if (/:connectActiveConference$/.test(pathname))
    return new ApiError("UNIMPLEMENTED", "ConnectActiveConference is not implemented by the emulator");
  return new ApiError("NOT_FOUND", `No API method for ${verb} ${pathname}`);
}
