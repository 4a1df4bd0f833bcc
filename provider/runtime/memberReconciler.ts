/**
 * The one member reconciler: runs a member plan (core/memberPlan.ts) phase by phase with at most
 * `concurrency` calls in flight, through the calls an API gives (`MemberCalls`). What every API
 * shares lives here: a delete that finds nothing (NOT_FOUND) is done; a create that finds the
 * member (ALREADY_EXISTS, e.g. a retried create that had landed) is resolved by the API's own
 * `existing`; a step for an email whose earlier step failed is skipped (a role change whose delete
 * failed cannot be created again); failures are collected, not thrown, so the caller records
 * exactly what the space has.
 */
import { settleWithLimit } from "../core/concurrency";
import { type ExistingMember, type MemberPlan, type MemberStep, emailKey } from "../core/memberPlan";
import { Code } from "../../google/statusCodes";
import { isApiError } from "../api/error";

type Create<R extends string> = Extract<MemberStep<R>, { kind: "create" }>;
type SetRole<R extends string> = Extract<MemberStep<R>, { kind: "setRole" }>;

/** What an API gives the reconciler; each returns the member as the space now has it. */
export interface MemberCalls<R extends string, M extends ExistingMember> {
  create(step: Create<R>): Promise<M>;
  /** The member a create found already there (ALREADY_EXISTS); throws when it cannot be taken over. */
  existing(step: Create<R>, err: unknown): Promise<M>;
  setRole(step: SetRole<R>, name: string): Promise<M>;
  /**
   * Several role changes of one phase at once (Meet v2: members:batchUpdate), one result per
   * change in order. Absent: one `setRole` each.
   */
  setRoles?(changes: readonly { step: SetRole<R>; name: string }[]): Promise<PromiseSettledResult<M>[]>;
  delete(name: string): Promise<void>;
}

export interface StepFailure<R extends string> {
  step: MemberStep<R>;
  error: unknown;
}

export interface ReconcileResult<R extends string, M extends ExistingMember> {
  /** The members the space has now, as far as this run knows. */
  members: M[];
  failures: StepFailure<R>[];
}

/**
 * The rule every member create follows, in a plan or alone (MeetSpaceMember): ALREADY_EXISTS
 * means the member is there, and `existing` says whether it can be taken over.
 */
export function createOrExisting<M>(created: Promise<M>, existing: (err: unknown) => Promise<M>): Promise<M> {
  return created.catch((err) => {
    if (!isApiError(err, Code.ALREADY_EXISTS)) throw err;
    return existing(err);
  });
}

/** The rule every member delete follows, in a plan or alone: NOT_FOUND means done. */
export function deleteUnlessGone(deleted: Promise<void>): Promise<void> {
  return deleted.catch((err) => {
    if (!isApiError(err, Code.NOT_FOUND)) throw err;
  });
}

export async function reconcileMembers<R extends string, M extends ExistingMember>(
  plan: MemberPlan<R>,
  actual: readonly M[],
  calls: MemberCalls<R, M>,
  concurrency: number,
): Promise<ReconcileResult<R, M>> {
  const current = new Map(actual.map((m) => [emailKey(m.email), m]));
  const failed = new Set<string>();
  const failures: StepFailure<R>[] = [];

  const run = async (step: MemberStep<R>): Promise<void> => {
    const key = emailKey(step.email);
    if (step.kind === "create") {
      current.set(key, await createOrExisting(calls.create(step), (err) => calls.existing(step, err)));
    } else if (step.kind === "setRole") {
      const name = step.name ?? current.get(key)?.name;
      if (!name) return;
      current.set(key, await calls.setRole(step, name));
    } else {
      await deleteUnlessGone(calls.delete(step.name));
      current.delete(key);
    }
  };

  for (const phase of plan.phases) {
    const steps = phase.filter((s) => !failed.has(emailKey(s.email)));
    const results = await runPhase(steps, calls, current, concurrency, run);
    results.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      failed.add(emailKey(steps[i].email));
      failures.push({ step: steps[i], error: r.reason });
    });
  }
  return { members: [...current.values()], failures };
}

/** A phase of role changes goes to `setRoles` when the API has it; any other phase step by step. */
async function runPhase<R extends string, M extends ExistingMember>(
  steps: readonly MemberStep<R>[],
  calls: MemberCalls<R, M>,
  current: Map<string, M>,
  concurrency: number,
  run: (step: MemberStep<R>) => Promise<void>,
): Promise<PromiseSettledResult<void>[]> {
  const roleChanges = steps.filter((s): s is SetRole<R> => s.kind === "setRole");
  if (!calls.setRoles || roleChanges.length !== steps.length || steps.length < 2)
    return settleWithLimit(steps, concurrency, run);
  const named = roleChanges.map((step) => ({
    step,
    name: step.name ?? current.get(emailKey(step.email))?.name ?? "",
  }));
  const results = await calls.setRoles(named);
  return results.map((r, i) => {
    if (r.status === "rejected") return r;
    current.set(emailKey(named[i].step.email), r.value);
    return { status: "fulfilled", value: undefined };
  });
}
