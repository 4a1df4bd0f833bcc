/** How a Chat space or membership is rendered for each transport, and for the admin hooks. */
import { CHAT_PERMISSIONS } from "../../google/chat";
import { type Permission, timestamp } from "./model";
import type { ChatMembershipRecord, ChatSpaceRecord } from "./state";

export function chatSpaceToJson(s: ChatSpaceRecord, transport: "grpc" | "rest"): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: `spaces/${s.id}`,
    type: "ROOM",
    spaceType: s.spaceType,
    spaceThreadingState: s.spaceType === "SPACE" ? "THREADED_MESSAGES" : "UNTHREADED_MESSAGES",
    spaceHistoryState: s.historyState,
    createTime: timestamp(s.createTime, transport),
    membershipCount: {
      joinedDirectHumanUserCount: s.memberships.filter((m) => m.kind === "user").length,
      joinedGroupCount: s.memberships.filter((m) => m.kind === "group").length,
    },
    spaceUri: `https://chat.google.com/room/${s.id}?cls=7`,
  };
  if (s.displayName) json.displayName = s.displayName;
  if (s.externalUserAllowed) json.externalUserAllowed = true;
  if (s.description || s.guidelines) {
    const details: Record<string, string> = {};
    if (s.description) details.description = s.description;
    if (s.guidelines) details.guidelines = s.guidelines;
    json.spaceDetails = details;
  }
  if (s.spaceType === "SPACE") {
    // "Only populated when the space_type is SPACE."
    json.accessSettings = s.audience
      ? { accessState: "DISCOVERABLE", audience: s.audience }
      : { accessState: "PRIVATE" };
    json.permissionSettings = Object.fromEntries(
      [...CHAT_PERMISSIONS, "postMessages"].map((p) => [p, { ...s.permissions![p as Permission] }]),
    );
  }
  return json;
}

export function chatMembershipToJson(
  s: ChatSpaceRecord,
  m: ChatMembershipRecord,
  transport: "grpc" | "rest",
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: `spaces/${s.id}/members/${m.id}`,
    state: "JOINED",
    createTime: timestamp(m.createTime, transport),
  };
  if (m.role !== "MEMBERSHIP_ROLE_UNSPECIFIED") json.role = m.role;
  if (m.kind === "user") json.member = { name: `users/${m.id}`, type: "HUMAN" };
  else json.groupMember = { name: `groups/${m.id}` };
  return json;
}

/** A Chat space as the admin hook shows it: the full view plus its creator and members with emails. */
export function storedChatSpace(s: ChatSpaceRecord): Record<string, unknown> {
  return {
    ...chatSpaceToJson(s, "rest"),
    creator: s.creator,
    memberships: s.memberships.map((m) => ({
      ...chatMembershipToJson(s, m, "rest"),
      ...(m.email ? { email: m.email } : {}),
    })),
  };
}
