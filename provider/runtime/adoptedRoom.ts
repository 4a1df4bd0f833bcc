/**
 * Taking over a room MeetSpace did not create (`adopt`, `pulumi import`): finding it (its settings
 * are then patched like any room taken over, in spaceProvider), and what differs because it may
 * not be this app's room: its members are read before anything is written, so Google's "created by
 * the app" rule stops the operation with nothing changed; and RETIRE does what Google allows, warning about the rest.
 * The rule and how it is recognised: meet/createdByApp.ts.
 */
import { settleWithLimit } from "../core/concurrency";
import { isNotCreatedByAppRefusal, membersOfForeignRoomMessage, retireWarning } from "../meet/createdByApp";
import { isApiError } from "../api/error";
import { OperationError } from "../core/errors";
import { type ActualMember, emailKey } from "../core/members";
import { Code } from "../../google/statusCodes";
import { adoptLookupName } from "../core/space";
import type { ApiSpace, MeetApi } from "../meet/client";
import { explainFailure } from "../meet/errors";
import { connection } from "./context";
import { ACT_AS_OWNER, userName } from "./notOwner";
import {
  type MemberFailure,
  deleteMemberIfPresent,
  describeMemberFailures,
  listActualMembers,
} from "./memberSync";

/** Finds the space to take over; the acting user must own it (its settings must be readable). */
export async function resolveAdopted(meet: MeetApi, adopt: string): Promise<ApiSpace> {
  const lookup = adoptLookupName(adopt)!;
  let found: ApiSpace;
  try {
    found = await meet.getSpace(lookup);
  } catch (err) {
    throw new OperationError(explainFailure(err, { action: `adopt ${adopt}`, owner: meet.user }));
  }
  if (!found.config) {
    // Non-owners get a restricted view without settings: they could not change anything.
    throw new OperationError(
      `Could not adopt ${adopt} (${found.name}): the room is owned by someone other than ${userName(meet.user)}, so its settings cannot be read or changed. ${ACT_AS_OWNER}`,
    );
  }
  return found;
}

/**
 * The members of an adopted room, read before any member write or settings patch. The acting user
 * owns the room (its settings were readable), so a PERMISSION_DENIED here is Google's rule: the
 * error says so and names the room; nothing has been changed.
 */
export async function listMembersBeforeWriting(
  meet: MeetApi,
  room: { name: string; adopt?: string },
): Promise<ActualMember[]> {
  try {
    return await listActualMembers(meet, room.name);
  } catch (err) {
    if (isNotCreatedByAppRefusal(err)) throw new OperationError(membersOfForeignRoomMessage(room, err));
    throw new OperationError(
      explainFailure(err, { action: "read the room's members", space: room.name, owner: meet.user }),
    );
  }
}

/** True when every member change failed by Google's rule: none landed, the room is not the app's. */
export function allRefusedByRule(failures: readonly MemberFailure[]): boolean {
  return failures.length > 0 && failures.every((f) => isNotCreatedByAppRefusal(f.error));
}

/** The reasons of a member sync's failures, told as Google's rule where it was the rule. */
export function memberFailureReasons(
  room: { name: string; adopt?: string },
  failures: readonly MemberFailure[],
): string[] {
  if (room.adopt && allRefusedByRule(failures)) return [membersOfForeignRoomMessage(room, failures[0].error)];
  return describeMemberFailures(failures);
}

/**
 * RETIRE after the room is locked: end its conference if one runs, then remove the members this
 * resource manages. The lock succeeded, so the acting user owns the room: a PERMISSION_DENIED now
 * is Google's "created by the app" rule, which must not make a destroy fail (a stack whose destroy
 * fails is stuck). What the rule stopped is named in one warning; other failures still throw.
 * `listed`: the room's members, listed beside the lock; undefined when it manages none.
 */
export async function retireConferenceAndMembers(
  meet: MeetApi,
  id: string,
  conference: string | undefined,
  managed: readonly { email: string }[],
  listed: Promise<ActualMember[]> | undefined,
  warn: (line: string) => void = (line) => console.error(line),
): Promise<void> {
  const skipped: string[] = [];
  if (conference) {
    try {
      await meet.endActiveConference(id);
    } catch (err) {
      if (isNotCreatedByAppRefusal(err)) skipped.push(`ending its running conference (${conference})`);
      else if (!isApiError(err, Code.FAILED_PRECONDITION)) throw err;
    }
  }
  if (listed) {
    const emails = new Set(managed.map((m) => emailKey(m.email)));
    let toRemove: ActualMember[] | undefined;
    try {
      toRemove = (await listed).filter((m) => emails.has(emailKey(m.email)));
    } catch (err) {
      if (!isNotCreatedByAppRefusal(err)) throw err;
      skipped.push(`removing its members ${managed.map((m) => m.email).join(", ")}`);
    }
    const removed = await settleWithLimit(toRemove ?? [], connection().memberConcurrency, (m) =>
      deleteMemberIfPresent(meet, m.name),
    );
    const failures: MemberFailure[] = removed.flatMap((r, i) =>
      r.status === "rejected"
        ? [{ email: toRemove![i].email, action: "remove" as const, error: r.reason }]
        : [],
    );
    const byRule = failures.filter((f) => isNotCreatedByAppRefusal(f.error));
    if (byRule.length) skipped.push(`removing its members ${byRule.map((f) => f.email).join(", ")}`);
    const others = failures.filter((f) => !byRule.includes(f));
    if (others.length) {
      throw new OperationError(
        `Could not retire ${id}: the room is locked, but removing ${others.length} member(s) failed:\n${describeMemberFailures(
          others,
        )
          .map((r) => `  - ${r}`)
          .join("\n")}`,
      );
    }
  }
  if (skipped.length) warn(retireWarning(id, skipped));
}
