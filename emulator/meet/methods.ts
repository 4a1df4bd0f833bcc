/**
 * The Meet API's store step inside the emulator's one call pipeline (pipeline/service.ts): what the
 * journal notes of a Meet request, and how each RPC runs against the store and renders its answer.
 */
import type { MeetMethod } from "../../google/meet";
import type { CallOf, Caller, JournalEntry } from "../wire/call";
import { checkScopesCoverSpace } from "./createdByApp";
import type { ApiVersion } from "./model";
import { normalizeMask } from "../wire/masks";
import { findSpace } from "./records";
import { type Store, memberToJson, spaceName } from "./store";

/** The journal's view of a Meet request before it runs: the names and emails it is about. */
export function noteMeetRequest(call: CallOf<MeetMethod>, entry: JournalEntry): void {
  const { request } = call;
  if (call.method === "CreateSpace") entry.name = "";
  if (call.method === "CreateMember") entry.email = String(request.member?.email ?? "");
  if (call.method === "UpdateMember") entry.name = String(request.member?.name ?? "");
  if (call.method === "BatchUpdateMembers" && Array.isArray(request.requests))
    entry.members = request.requests.map((r: any) => String(r?.member?.name ?? ""));
}

/** The space a Meet request is about: its name, parent, space.name or member.name. */
function spaceNamed(request: Record<string, any>): unknown {
  return request.name ?? request.parent ?? request.space?.name ?? request.member?.name;
}

/**
 * Runs one Meet call against the store and renders the answer as wire JSON. First, on an existing
 * space, the caller's scopes must cover it ("created by the app": createdByApp.ts).
 */
export function applyMeet(
  store: Store,
  call: CallOf<MeetMethod>,
  who: Caller,
  entry: JournalEntry,
): Record<string, any> {
  const { request } = call;
  const caller = who.email;
  if (call.method !== "CreateSpace") {
    const space = findSpace(store.spaces, spaceNamed(request));
    if (space) checkScopesCoverSpace(who, call.method, space.app);
  }
  const withUser = call.version === "v2beta";
  const version = call.version as ApiVersion;
  const numericEnums = call.numericEnums === true;
  const rest = call.transport === "rest";
  const mask = call.updateMask === undefined ? undefined : normalizeMask(call.updateMask, rest);
  switch (call.method) {
    case "CreateSpace": {
      const record = store.createSpace(caller, request.space, who.app);
      entry.name = spaceName(record);
      return store.spaceJson(record, { numericEnums });
    }
    case "GetSpace": {
      const { record, restricted } = store.getSpace(caller, request.name);
      return store.spaceJson(record, { numericEnums, restricted });
    }
    case "UpdateSpace": {
      const record = store.updateSpace(caller, request.space, mask);
      return store.spaceJson(record, { numericEnums });
    }
    case "EndActiveConference":
      store.endActiveConference(caller, request.name);
      return {};
    case "CreateMember": {
      const [space, member] = store.createMember(caller, request.parent, request.member);
      return memberToJson(space, member, numericEnums, withUser);
    }
    case "GetMember": {
      const [space, member] = store.getMember(caller, request.name);
      return memberToJson(space, member, numericEnums, withUser);
    }
    case "ListMembers": {
      const [space, page] = store.listMembers(
        caller,
        request.parent,
        request.pageSize,
        request.pageToken,
        version,
      );
      // proto3 JSON leaves out empty fields: no `members` when there are none, and
      // "nextPageToken ... unset if all members are returned".
      const answer: Record<string, any> = {};
      if (page.members.length > 0)
        answer.members = page.members.map((m) => memberToJson(space, m, numericEnums, withUser));
      if (page.nextPageToken !== "") answer.nextPageToken = page.nextPageToken;
      return answer;
    }
    case "UpdateMember": {
      const [space, member] = store.updateMember(caller, request.member, mask);
      return memberToJson(space, member, numericEnums, withUser);
    }
    case "BatchUpdateMembers": {
      const requests = Array.isArray(request.requests)
        ? request.requests.map((r: any) => ({
            member: r?.member,
            updateMask: r?.updateMask === undefined ? undefined : normalizeMask(r.updateMask, rest),
          }))
        : request.requests;
      const [space, members] = store.batchUpdateMembers(caller, request.parent, requests, mask);
      return { members: members.map((m) => memberToJson(space, m, numericEnums, withUser)) };
    }
    case "DeleteMember":
      store.deleteMember(caller, request.name);
      return {};
    default:
      throw new Error(`applyMeet: ${call.method} is not a Meet method`);
  }
}
