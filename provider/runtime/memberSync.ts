/**
 * Making a space's members match a declared list, and creating one member safely. Shared by
 * MeetSpace's authoritative `members` and by MeetSpaceMember.
 */
import { settleWithLimit } from "../core/concurrency";
import { MeetApiError, isApiError } from "../core/errors";
import { type ActualMember, type MemberPlan, type MemberSpec, emailKey, planMembers } from "../core/members";
import { Code } from "../core/retry";
import type { ApiMember, MeetApi } from "../meet/client";
import { MAX_BATCH_MEMBERS } from "../meet/wire";

export function memberFromApi(m: ApiMember): ActualMember {
  const role = m.role === "COHOST" || m.role === 1 ? "COHOST" : undefined;
  return {
    name: m.name,
    email: m.email ?? "",
    ...(role ? { role } : {}),
    ...(m.user ? { user: m.user } : {}),
  };
}

export async function listActualMembers(api: MeetApi, space: string): Promise<ActualMember[]> {
  return (await api.listMembers(space)).map(memberFromApi);
}

/** A member that exists with another role than the one declared. */
export class RoleMismatch extends Error {
  constructor(
    readonly existing: ActualMember,
    wanted: MemberSpec,
  ) {
    super(
      `${existing.email} is already a member of ${existing.name.split("/members/")[0]} with role ${existing.role ?? "none (contributor or viewer)"}, not ${wanted.role ?? "none"}`,
    );
  }
}

/**
 * CreateMember, where ALREADY_EXISTS means the member is there: taken over when its role is the
 * one wanted (a retried create that had landed, or a member made before we managed it).
 */
export async function createOrTakeOverMember(
  api: MeetApi,
  space: string,
  spec: MemberSpec,
): Promise<ActualMember> {
  try {
    return memberFromApi(
      await api.createMember(
        space,
        spec.role ? { email: spec.email, role: spec.role } : { email: spec.email },
      ),
    );
  } catch (err) {
    if (!isApiError(err, Code.ALREADY_EXISTS)) throw err;
    const existing = (await listActualMembers(api, space)).find(
      (m) => emailKey(m.email) === emailKey(spec.email),
    );
    if (!existing) throw err;
    if ((existing.role ?? undefined) !== (spec.role ?? undefined)) throw new RoleMismatch(existing, spec);
    return existing;
  }
}

/** DeleteMember where NOT_FOUND means done. */
export async function deleteMemberIfPresent(api: MeetApi, name: string): Promise<void> {
  try {
    await api.deleteMember(name);
  } catch (err) {
    if (!isApiError(err, Code.NOT_FOUND)) throw err;
  }
}

export interface MemberFailure {
  email: string;
  action: "add" | "remove" | "change the role of";
  error: unknown;
}

export interface SyncResult {
  /** The members the space has now, as far as this sync knows. */
  members: ActualMember[];
  failures: MemberFailure[];
}

/**
 * Deletes the extra members, changes roles, then creates the missing ones, with at most
 * `concurrency` calls in flight. A role change is one member patch on v2 (several in one room: one
 * members:batchUpdate per 500), a delete then a create on v2beta. Failures are collected, not thrown, so the caller can
 * record exactly what happened. `actual` is what the space holds now.
 */
export async function syncMembers(
  api: MeetApi,
  space: string,
  desired: readonly MemberSpec[],
  actual: readonly ActualMember[],
  concurrency: number,
): Promise<SyncResult> {
  const plan = planMembers(desired, actual, { updateRoles: api.canUpdateMembers });
  const current = new Map(actual.map((m) => [emailKey(m.email), m]));
  const failures: MemberFailure[] = [];

  const removals = await settleWithLimit(plan.remove, concurrency, (m) => deleteMemberIfPresent(api, m.name));
  removals.forEach((r, i) => {
    const m = plan.remove[i];
    if (r.status === "fulfilled") current.delete(emailKey(m.email));
    else failures.push({ email: m.email, action: "remove", error: r.reason });
  });

  failures.push(...(await changeRoles(api, space, plan.changeRole, current)));

  // A role change whose delete failed cannot be created (the email would exist twice).
  const additions = plan.add.filter((m) => !current.has(emailKey(m.email)));
  const created = await settleWithLimit(additions, concurrency, (m) => createOrTakeOverMember(api, space, m));
  created.forEach((r, i) => {
    const m = additions[i];
    if (r.status === "fulfilled") current.set(emailKey(m.email), r.value);
    else failures.push({ email: m.email, action: "add", error: r.reason });
  });
  return { members: [...current.values()], failures };
}

/**
 * Role changes in place (v2): one UpdateMember for a single change, else members:batchUpdate, which
 * takes up to 500 members a call. Updates `current`; returns the failures.
 */
async function changeRoles(
  api: MeetApi,
  space: string,
  changes: MemberPlan["changeRole"],
  current: Map<string, ActualMember>,
): Promise<MemberFailure[]> {
  const record = (updated: ApiMember[], emails: Map<string, string>) => {
    for (const m of updated) {
      const member = memberFromApi({ ...m, email: m.email || emails.get(m.name) || "" });
      current.set(emailKey(member.email), member);
    }
  };
  const failures: MemberFailure[] = [];
  // One patch for a single change, else batches of at most MAX_BATCH_MEMBERS, each recorded as it
  // lands: a later batch failing leaves the earlier ones' roles known.
  for (let i = 0; i < changes.length; i += MAX_BATCH_MEMBERS) {
    const batch = changes.slice(i, i + MAX_BATCH_MEMBERS);
    const emails = new Map(batch.map((c) => [c.member.name, c.member.email]));
    try {
      if (changes.length === 1) {
        record([await api.updateMemberRole(batch[0].member.name, batch[0].role)], emails);
      } else {
        const updated = await api.batchUpdateMemberRoles(
          space,
          batch.map((c) => ({ name: c.member.name, role: c.role })),
        );
        record(updated, emails);
      }
    } catch (error) {
      for (const c of batch) failures.push({ email: c.member.email, action: "change the role of", error });
    }
  }
  return failures;
}

export function describeMemberFailures(failures: readonly MemberFailure[]): string[] {
  return failures.map((f) => {
    const why =
      f.error instanceof MeetApiError
        ? f.error.answer
        : f.error instanceof Error
          ? f.error.message
          : String(f.error);
    const doing = { add: "adding", remove: "removing", "change the role of": "changing the role of" }[
      f.action
    ];
    return `${doing} ${f.email} failed: ${why}`;
  });
}
