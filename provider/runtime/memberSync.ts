/**
 * Making a space's members match a declared list, and creating one member safely. Shared by
 * MeetSpace's authoritative `members` and by MeetSpaceMember.
 */
import { ApiError } from "../api/error";
import {
  type ActualMember,
  type MemberRole,
  type MemberSpec,
  emailKey,
  meetMemberRules,
} from "../core/members";
import { type MemberStep, planMembers } from "../core/memberPlan";
import type { ApiMember, MeetApi } from "../meet/client";
import { BATCH_UPDATE_MEMBERS_MAX } from "../../google/meet";
import {
  type MemberCalls,
  type StepFailure,
  createOrExisting,
  deleteUnlessGone,
  reconcileMembers,
} from "./memberReconciler";

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
export function createOrTakeOverMember(api: MeetApi, space: string, spec: MemberSpec): Promise<ActualMember> {
  return createOrExisting(createMember(api, space, spec), (err) => takeOverMember(api, space, spec, err));
}

function createMember(api: MeetApi, space: string, spec: MemberSpec): Promise<ActualMember> {
  return api
    .createMember(space, spec.role ? { email: spec.email, role: spec.role } : { email: spec.email })
    .then(memberFromApi);
}

/** The member a create found already there, when its role is the one wanted; else `err` or a RoleMismatch. */
async function takeOverMember(
  api: MeetApi,
  space: string,
  spec: MemberSpec,
  err: unknown,
): Promise<ActualMember> {
  const existing = (await listActualMembers(api, space)).find(
    (m) => emailKey(m.email) === emailKey(spec.email),
  );
  if (!existing) throw err;
  if ((existing.role ?? undefined) !== (spec.role ?? undefined)) throw new RoleMismatch(existing, spec);
  return existing;
}

/** DeleteMember where NOT_FOUND means done. */
export function deleteMemberIfPresent(api: MeetApi, name: string): Promise<void> {
  return deleteUnlessGone(api.deleteMember(name));
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
 * `concurrency` calls in flight (the one reconciler, runtime/memberReconciler.ts). A role change is
 * one member patch on v2 (several in one room: one members:batchUpdate per 500), a delete then a
 * create on v2beta. Failures are collected, not thrown, so the caller can record exactly what
 * happened. `actual` is what the space holds now.
 */
export async function syncMembers(
  api: MeetApi,
  space: string,
  desired: readonly MemberSpec[],
  actual: readonly ActualMember[],
  concurrency: number,
): Promise<SyncResult> {
  const plan = planMembers(desired, actual, meetMemberRules(api.members.updateRole));
  const calls: MemberCalls<MemberRole, ActualMember> = {
    create: (step) => createMember(api, space, step),
    existing: (step, err) => takeOverMember(api, space, step, err),
    setRole: async (step, name) => {
      const m = memberFromApi(await api.updateMemberRole(name, step.role));
      return { ...m, email: m.email || step.email };
    },
    setRoles: (changes) => batchRoles(api, space, changes),
    delete: (name) => api.deleteMember(name),
  };
  const result = await reconcileMembers(plan, actual, calls, concurrency);
  return { members: result.members, failures: result.failures.map(memberFailure) };
}

const ACTIONS = { create: "add", delete: "remove", setRole: "change the role of" } as const;

function memberFailure(f: StepFailure<MemberRole>): MemberFailure {
  return { email: f.step.email, action: ACTIONS[f.step.kind], error: f.error };
}

/**
 * Role changes in place (v2): members:batchUpdate, which takes up to 500 members a call, each
 * batch recorded as it lands: a later batch failing leaves the earlier ones' roles known.
 */
async function batchRoles(
  api: MeetApi,
  space: string,
  changes: readonly { step: Extract<MemberStep<MemberRole>, { kind: "setRole" }>; name: string }[],
): Promise<PromiseSettledResult<ActualMember>[]> {
  const results: PromiseSettledResult<ActualMember>[] = [];
  for (let i = 0; i < changes.length; i += BATCH_UPDATE_MEMBERS_MAX) {
    const batch = changes.slice(i, i + BATCH_UPDATE_MEMBERS_MAX);
    try {
      const updated = await api.batchUpdateMemberRoles(
        space,
        batch.map((c) => ({ name: c.name, role: c.step.role })),
      );
      const byName = new Map(updated.map((m) => [m.name, m]));
      for (const c of batch) {
        const m = byName.get(c.name);
        const member = memberFromApi({
          ...(m ?? { name: c.name, role: c.step.role }),
          email: m?.email || c.step.email,
        });
        results.push({ status: "fulfilled", value: member });
      }
    } catch (reason) {
      results.push(...batch.map((): PromiseSettledResult<ActualMember> => ({ status: "rejected", reason })));
    }
  }
  return results;
}

export function describeMemberFailures(failures: readonly MemberFailure[]): string[] {
  return failures.map((f) => {
    const why =
      f.error instanceof ApiError
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
