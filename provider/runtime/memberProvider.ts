/**
 * MeetSpaceMember: one member of a space, managed apart from the others. A role change is one
 * member patch on v2; any other change (and a role change on v2beta, which has no member update)
 * replaces it, deleting first (the same email cannot be a member twice).
 */
import {
  CREATED_SCOPE_SENTENCE,
  isNotCreatedByAppRefusal,
  memberOfForeignRoomMessage,
} from "../meet/createdByApp";
import { isApiError } from "../api/error";
import { OperationError } from "../core/errors";
import { type MemberInputs, validateMemberInputs } from "../core/member";
import { emailKey } from "../core/members";
import { Code } from "../../google/statusCodes";
import { type MeetApi, meetApiFor } from "../meet/client";
import { explainFailure } from "../meet/errors";
import { memberCapabilities } from "../meet/versions";
import { apiVersion, connection } from "./context";
import type { DiffResult, PropertyChange } from "./contracts";
import { RoleMismatch, createOrTakeOverMember, deleteMemberIfPresent, memberFromApi } from "./memberSync";

export interface MemberOutputs {
  /** `spaces/{space}/members/{member}` */
  name: string;
  space: string;
  email: string;
  role?: string;
  user?: string;
  owner?: string;
}

const api = (inputs: { owner?: string }) => meetApiFor(connection(), inputs.owner);

export async function check(_olds: unknown, news: Record<string, unknown>) {
  const failures = validateMemberInputs(news);
  const inputs = { ...news };
  if (!failures.length && inputs.role === undefined) delete inputs.role;
  return { inputs, failures };
}

const roleChanged = (olds: MemberOutputs, news: MemberInputs) =>
  (olds.role ?? undefined) !== (news.role ?? undefined);

export async function diff(_id: string, olds: MemberOutputs, news: MemberInputs): Promise<DiffResult> {
  const replaces: string[] = [];
  if (olds.space !== news.space) replaces.push("space");
  if (emailKey(olds.email) !== emailKey(news.email)) replaces.push("email");
  const roleInPlace = memberCapabilities(apiVersion()).updateRole;
  if (roleChanged(olds, news) && !roleInPlace) replaces.push("role");
  if ((olds.owner ?? undefined) !== (news.owner ?? undefined)) replaces.push("owner");
  const detailedDiff: Record<string, PropertyChange> = {};
  const changed = roleChanged(olds, news) && !replaces.includes("role") ? [...replaces, "role"] : replaces;
  for (const key of changed) {
    const [old, now] = [olds[key as keyof MemberOutputs], news[key as keyof MemberInputs]];
    const kind = old === undefined ? "add" : now === undefined ? "delete" : "update";
    detailedDiff[key] = replaces.includes(key) ? `${kind}-replace` : kind;
  }
  return {
    changes: replaces.length > 0 || roleChanged(olds, news),
    replaces,
    deleteBeforeReplace: true,
    detailedDiff,
  };
}

function outputsOf(
  space: string,
  member: { name: string; email: string; role?: string; user?: string },
  owner?: string,
): MemberOutputs {
  return {
    name: member.name,
    space,
    email: member.email,
    ...(member.role ? { role: member.role } : {}),
    ...(member.user ? { user: member.user } : {}),
    ...(owner ? { owner } : {}),
  };
}

/** Creates the member, or takes over one that exists with the same role. */
export async function create(inputs: MemberInputs) {
  const meet = api(inputs);
  try {
    const member = await createOrTakeOverMember(meet, inputs.space, {
      email: inputs.email,
      role: inputs.role,
    });
    return { id: member.name, outs: outputsOf(inputs.space, member, inputs.owner) };
  } catch (err) {
    if (err instanceof RoleMismatch) {
      throw new OperationError(
        `Could not add ${inputs.email} to ${inputs.space}: ${err.message}. Set role to match, or remove the existing member first.`,
      );
    }
    if (isNotCreatedByAppRefusal(err))
      throw new OperationError(memberOfForeignRoomMessage(inputs, err, "add"));
    throw new OperationError(
      explainFailure(err, {
        action: `add ${inputs.email} as a member`,
        space: inputs.space,
        owner: meet.user,
      }),
    );
  }
}

export async function read(id: string, props: Partial<MemberOutputs>) {
  const meet = api(props);
  // Nothing recorded yet (`pulumi import` by id): the space is the id's parent.
  const space = props.space ?? id.split("/members/")[0];
  try {
    const member = memberFromApi(await meet.getMember(id));
    const outs = outputsOf(space, member, props.owner);
    const inputs: Record<string, unknown> = { space, email: member.email };
    if (member.role) inputs.role = member.role;
    if (props.owner) inputs.owner = props.owner;
    return { id, props: outs, inputs };
  } catch (err) {
    if (isApiError(err, Code.NOT_FOUND)) return { id: "" };
    throw new OperationError(
      explainFailure(err, { action: `refresh member ${props.email ?? id}`, space, owner: meet.user }),
    );
  }
}

/** Only a role change updates in place (v2: one UpdateMember, mask `role`); the rest replaces. */
export async function update(id: string, olds: MemberOutputs, news: MemberInputs) {
  if (!roleChanged(olds, news)) return { outs: olds };
  const meet = api(news);
  try {
    const updated = memberFromApi(await meet.updateMemberRole(id, news.role));
    return {
      outs: outputsOf(olds.space, { ...updated, email: updated.email || olds.email }, news.owner),
    };
  } catch (err) {
    if (isNotCreatedByAppRefusal(err))
      throw new OperationError(memberOfForeignRoomMessage(olds, err, "change the role of"));
    throw new OperationError(
      explainFailure(err, {
        action: `change the role of ${olds.email} to ${news.role ?? "none"}`,
        space: olds.space,
        owner: meet.user,
      }),
    );
  }
}

/**
 * DeleteMember; one already gone counts as done. On a room the app did not create Google refuses
 * it: when the acting user owns the room (so the refusal is that rule, not a wrong owner), the
 * member is forgotten with a warning instead of leaving a destroy stuck.
 */
export async function remove(id: string, props: MemberOutputs) {
  const meet = api(props);
  try {
    await deleteMemberIfPresent(meet, id);
  } catch (err) {
    if (isNotCreatedByAppRefusal(err) && (await ownsRoom(meet, props.space))) {
      console.error(
        `warning: MeetSpaceMember ${props.email}: forgotten, not removed: ${props.space} was not created by this app, and Google lets an app remove members only of rooms it created (${CREATED_SCOPE_SENTENCE}). ${props.email} stays a member; remove them in Google Meet if it matters.`,
      );
      return;
    }
    if (isNotCreatedByAppRefusal(err))
      throw new OperationError(memberOfForeignRoomMessage(props, err, "remove"));
    throw new OperationError(
      explainFailure(err, { action: `remove member ${props.email}`, space: props.space, owner: meet.user }),
    );
  }
}

/** True when the acting user sees the room's settings, i.e. owns it (a read; false on any failure). */
async function ownsRoom(meet: MeetApi, space: string): Promise<boolean> {
  try {
    return Boolean((await meet.getSpace(space)).config);
  } catch {
    return false;
  }
}
