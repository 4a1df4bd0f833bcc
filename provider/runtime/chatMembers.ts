/**
 * ChatSpace's members: putting emails on the memberships Chat lists (it answers only `users/{id}`),
 * and running Chat's member plan through the one reconciler (memberReconciler.ts).
 */
import type { ApiMembership, ChatApi } from "../chat/client";
import { explainChatFailure } from "../chat/errors";
import { planChatMembers, plannedChatMembers } from "../core/chatMembers";
import type { ChatActualMember, ChatMemberRole, ChatMemberSpec } from "../core/chatSpace";
import { describeChatRole, isGroupKey } from "../core/chatMembers";
import { chatRoleName } from "../core/chatSettings";
import { settleWithLimit } from "../core/concurrency";
import { emailKey } from "../core/memberPlan";
import { Code } from "../../google/statusCodes";
import { isApiError } from "../api/error";
import { connection } from "./context";
import { type MemberCalls, reconcileMembers } from "./memberReconciler";

/** The caller's own membership, when the caller is known (`spaces/{space}/members/{email}`). */
export async function creatorOf(chat: ChatApi, space: string, caller?: string): Promise<string | undefined> {
  if (!caller) return undefined;
  const m = await chat.getMembership(`${space}/members/${caller}`);
  return m.member?.name ?? undefined;
}

function toActual(m: ApiMembership, email: string): ChatActualMember {
  const group = m.groupMember?.name;
  if (group) return { email: group, group, role: chatRoleName(m.role), name: m.name, user: "" };
  return { email, role: chatRoleName(m.role), name: m.name, user: m.member?.name ?? "" };
}

/**
 * Puts emails on listed memberships. The API answers only `users/{id}`, so the ids this resource
 * learnt before (`known`) are matched first; a declared email still unmatched while unknown ids
 * remain (besides the creator) is looked up once by its alias (`spaces/{space}/members/{email}`). Memberships still
 * without an email are "unclaimed": the creator, or people added outside this program.
 */
export async function resolveMembers(
  chat: ChatApi,
  space: string,
  listed: ApiMembership[],
  declared: readonly ChatMemberSpec[],
  known: readonly ChatActualMember[],
  creator?: string,
  candidates?: ReadonlySet<string>,
): Promise<{ members: ChatActualMember[]; unclaimed: ChatActualMember[] }> {
  const byUser = new Map(known.filter((m) => m.user).map((m) => [m.user, m.email]));
  const members: ChatActualMember[] = [];
  const unknown = new Map<string, ApiMembership>();
  for (const m of listed) {
    // A group is named by the API itself: `groups/{id}` is its key.
    if (m.groupMember?.name) {
      members.push(toActual(m, m.groupMember.name));
      continue;
    }
    const email = byUser.get(m.member?.name ?? "");
    if (email) members.push(toActual(m, email));
    else unknown.set(m.member?.name ?? m.name, m);
  }
  const matched = new Set(members.map((m) => emailKey(m.email)));
  const lookups = plannedChatMembers(declared).filter(
    (d) =>
      !isGroupKey(d.email) &&
      !matched.has(emailKey(d.email)) &&
      (!candidates || candidates.has(emailKey(d.email))),
  );
  const strangers = [...unknown.keys()].filter((user) => user !== creator);
  if (strangers.length > 0 && lookups.length > 0) {
    const found = await settleWithLimit(lookups, connection().memberConcurrency, (d) =>
      chat.getMembership(`${space}/members/${d.email}`).catch((err) => {
        if (isApiError(err, Code.NOT_FOUND)) return undefined;
        throw err;
      }),
    );
    found.forEach((r, i) => {
      if (r.status === "rejected") throw r.reason;
      const user = r.value?.member?.name;
      if (r.value && user && unknown.has(user)) {
        members.push(toActual(unknown.get(user)!, lookups[i].email));
        unknown.delete(user);
      }
    });
  }
  const unclaimed = [...unknown.values()].map((m) => toActual(m, m.member?.name ?? m.name));
  return { members, unclaimed };
}

async function groupMembership(chat: ChatApi, space: string, group: string): Promise<ApiMembership> {
  const found = (await chat.listMemberships(space)).find((m) => m.groupMember?.name === group);
  if (!found) throw new Error(`${group} is not a member of ${space}`);
  return found;
}

/** Runs Chat's member plan; returns the members the space has afterwards and the failures, explained. */
export async function reconcile(
  chat: ChatApi,
  space: string,
  declared: readonly ChatMemberSpec[],
  actual: ChatActualMember[],
  creator: string | undefined,
): Promise<{ members: ChatActualMember[]; failures: string[] }> {
  const plan = planChatMembers(declared, actual, creator);
  const calls: MemberCalls<ChatMemberRole, ChatActualMember> = {
    create: async (step) => toActual(await chat.createMembership(space, step.email), step.email),
    // A repeat after a lost answer finds the member already there (a group by listing: it has no alias).
    existing: async (step) =>
      isGroupKey(step.email)
        ? toActual(await groupMembership(chat, space, step.email), step.email)
        : toActual(await chat.getMembership(`${space}/members/${step.email}`), step.email),
    setRole: async (step, name) => toActual(await chat.updateMembershipRole(name, step.role!), step.email),
    delete: (name) => chat.deleteMembership(name),
  };
  const result = await reconcileMembers(plan, actual, calls, connection().memberConcurrency);
  const failures = result.failures.map(({ step, error }) => {
    const action =
      step.kind === "create"
        ? `add ${step.email}`
        : step.kind === "delete"
          ? `remove ${step.email}`
          : `make ${step.email} ${describeChatRole(step.role!)}`;
    return explainChatFailure(error, { action, space, user: chat.user });
  });
  return { members: result.members, failures };
}
