/**
 * ChatSpace: the whole behaviour of the resource, behind the stable runtime entry (the same
 * contract as spaceProvider.ts). check makes no API call; if create fails before the space exists,
 * nothing exists (and a repeat of the same create returns the same space: SetUpSpace is keyed by a
 * requestId derived from the resource); once the space exists, every failure carries its id
 * (PartialFailure).
 */
import { isDeepStrictEqual } from "node:util";
import { SETUP_MEMBERSHIPS_MAX } from "../../google/chat";
import { ApiError, isApiError } from "../api/error";
import { type ApiChatSpace, type ChatApi, chatApiFor } from "../chat/client";
import { startedAlongside } from "../core/concurrency";
import { explainChatFailure } from "../chat/errors";
import {
  type ChatActualMember,
  type ChatSpaceInputs,
  type ChatSpaceSettings,
  CHAT_SETTING_FIELDS,
  chatRequestId,
  normalizeChatSpaceInputs,
} from "../core/chatSpace";
import { plannedChatMembers, sameChatMembers } from "../core/chatMembers";
import { validateChatSpaceInputs } from "../core/chatSpaceValidation";
import {
  chatReplaceReasons,
  chatSettingsFromApi,
  importedChatKeys,
  managedChatKeys,
  pickChatSettings,
  planChatSpaceUpdates,
} from "../core/chatSettings";
import { planAccessPermissions } from "../core/chatAccess";
import { chatMemberKey, chatMembershipBody } from "../core/chatMembers";
import { OperationError } from "../core/errors";
import { emailKey, inDeclaredOrder } from "../core/memberPlan";
import { Code } from "../../google/statusCodes";
import { type CheckFailure, containsUnknown } from "../core/validation";
import { creatorOf, reconcile, resolveMembers } from "./chatMembers";
import { connection, impersonatedUser } from "./context";
import { type DiffResult, type PropertyChange, partialFailure } from "./contracts";
import { defaultedChange, diffResult, membersChange, noteChange, propertyChange } from "./diffs";

/** Everything ChatSpace records in state: the effective settings, managed or not, and what it manages. */
export interface ChatSpaceOutputs extends ChatSpaceSettings {
  name: string;
  spaceUri: string;
  /** Setting keys written in the program, e.g. `spaceDetails.description`. */
  managedSettings: string[];
  /** The members the space has (besides its creator), when `members` is managed. */
  members?: ChatActualMember[];
  /** `users/{id}` of the user SetUpSpace added automatically: never drift. */
  creator?: string;
  deletionPolicy?: string;
  owner?: string;
  setupKey?: string;
  /** What the space was created as (input only in the API, so kept from the inputs). */
  predefinedPermissionSettings?: string;
}

type Inputs = ChatSpaceInputs & { __provider?: string };

/** Inputs that are not settings, recorded in the outputs as given. */
/** Inputs kept in state as written; predefinedPermissionSettings is input only in the API. */
const KEPT_INPUTS = ["deletionPolicy", "owner", "setupKey", "predefinedPermissionSettings"] as const;

function api(inputs: { owner?: string }, needs = { delete: false }): ChatApi {
  return chatApiFor(connection(), inputs.owner, needs);
}

export async function check(_olds: unknown, news: Record<string, unknown>) {
  // Who "you" are (the caller Chat adds as a manager), without reading credentials: check makes no call.
  const caller = (typeof news.owner === "string" && news.owner) || impersonatedUser();
  const failures: CheckFailure[] = validateChatSpaceInputs(news, caller);
  return { inputs: failures.length ? news : normalizeChatSpaceInputs(news), failures };
}

/** The settings part of the outputs. */
function settingsOf(outs: ChatSpaceOutputs): ChatSpaceSettings {
  return Object.fromEntries(CHAT_SETTING_FIELDS.map((k) => [k, outs[k]])) as unknown as ChatSpaceSettings;
}

/** What changes, field by field (the native provider shows it; the dynamic host uses only the verdict). */
export async function diff(_id: string, olds: ChatSpaceOutputs, news: Inputs): Promise<DiffResult> {
  const detailedDiff: Record<string, PropertyChange> = {};
  const current = settingsOf(olds);
  const replaces = chatReplaceReasons(
    {
      owner: olds.owner,
      predefinedPermissionSettings:
        olds.predefinedPermissionSettings as ChatSpaceInputs["predefinedPermissionSettings"],
    },
    news,
    current,
  );
  for (const key of replaces) detailedDiff[key] = propertyChange((olds as any)[key], true);
  // Each managed leaf that differs, and each leaf that starts or stops being managed.
  const managedNow = managedChatKeys(news);
  const wanted = pickChatSettings(managedNow, current);
  for (const key of managedNow) {
    const [want, have] = [leaf(news, key), leaf(wanted, key)];
    // Values are canonical (principal lists sorted), so equal settings compare equal.
    if (
      containsUnknown(want) ||
      !isDeepStrictEqual(want, have) ||
      !(olds.managedSettings ?? []).includes(key)
    )
      detailedDiff[key] ??= propertyChange(leaf(olds, key), false);
  }
  for (const key of olds.managedSettings ?? []) if (!managedNow.includes(key)) detailedDiff[key] = "delete";
  if (news.spaceType === "SPACE" && current.spaceType === "GROUP_CHAT") detailedDiff.spaceType ??= "update";
  if (containsUnknown(news.displayName) || containsUnknown(news.spaceDetails))
    detailedDiff.displayName ??= "update";
  noteChange(detailedDiff, "members", membersChange(olds.members, news.members, sameChatMembers));
  noteChange(
    detailedDiff,
    "deletionPolicy",
    defaultedChange(olds.deletionPolicy, news.deletionPolicy, "DELETE"),
  );
  // A SPACE's display name is unique in the organization: the old space must go before the new
  // one can take the name.
  return diffResult(detailedDiff, replaces, replaces.length > 0 && (news.spaceType ?? "SPACE") === "SPACE");
}

function leaf(value: unknown, key: string): unknown {
  let at: any = value;
  for (const p of key.split(".")) at = at?.[p];
  return at;
}

function outputsOf(
  space: ApiChatSpace,
  inputs: Inputs,
  members: ChatActualMember[] | undefined,
  creator: string | undefined,
): ChatSpaceOutputs {
  const out: ChatSpaceOutputs = {
    name: space.name,
    spaceUri: String(space.spaceUri ?? ""),
    ...chatSettingsFromApi(space),
    managedSettings: managedChatKeys(inputs),
  };
  // Declared people by email, groups by `groups/{id}`: the key members are recorded by.
  if (members)
    out.members = inDeclaredOrder(
      members,
      (inputs.members ?? []).map((m) => ({ email: chatMemberKey(m) })),
    );
  if (creator) out.creator = creator;
  for (const key of KEPT_INPUTS) if (inputs[key]) out[key] = inputs[key];
  return out;
}

/** The SetUpSpace body: the settings it accepts (permission settings come after, by UpdateSpace). */
function setupSpace(inputs: Inputs): Record<string, unknown> {
  const space: Record<string, unknown> = { spaceType: inputs.spaceType ?? "SPACE" };
  if (inputs.spaceType !== "GROUP_CHAT") space.displayName = inputs.displayName;
  if (inputs.spaceDetails) space.spaceDetails = { ...inputs.spaceDetails };
  if (inputs.spaceHistoryState) space.spaceHistoryState = inputs.spaceHistoryState;
  if (inputs.externalUserAllowed !== undefined) space.externalUserAllowed = inputs.externalUserAllowed;
  if (inputs.accessSettings?.audience) space.accessSettings = { audience: inputs.accessSettings.audience };
  // One of the oneof space_permission_settings: explicit permission settings follow by UpdateSpace.
  if (inputs.predefinedPermissionSettings)
    space.predefinedPermissionSettings = inputs.predefinedPermissionSettings;
  return space;
}

export async function create(inputs: Inputs) {
  const chat = api(inputs);
  const caller = chat.user;
  const declared = inputs.members ?? [];
  // People by email, groups by `groups/{id}`.
  const keys = plannedChatMembers(declared).map((m) => m.email);
  // "Omit the calling user, as they are added automatically."
  const invited = keys
    .filter((key) => !caller || emailKey(key) !== emailKey(caller))
    .slice(0, SETUP_MEMBERSHIPS_MAX);
  const requestId = chatRequestId(inputs, caller);
  // What Google would refuse of the access permissions (set after setup) fails before the space exists.
  planAccessPermissions(inputs.accessSettings?.accessPermissionSettings, undefined);
  let space: ApiChatSpace;
  try {
    space = await chat.setUpSpace({
      space: setupSpace(inputs),
      requestId,
      memberships: invited.map(chatMembershipBody),
    });
  } catch (err) {
    const what =
      inputs.spaceType === "GROUP_CHAT"
        ? "set up the group chat"
        : `set up the Chat space "${inputs.displayName}"`;
    let message = explainChatFailure(err, { action: what, user: caller, displayName: inputs.displayName });
    if (
      err instanceof ApiError &&
      !err.unreached &&
      [Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.UNKNOWN, Code.INTERNAL].includes(err.code as any)
    )
      message += ` The space may have been created. Running \`pulumi up\` again is safe: SetUpSpace carries the request id ${requestId}, so Chat returns that space instead of making a second one.`;
    throw new OperationError(message);
  }

  // The space exists from here on: every failure must carry its id.
  let members: ChatActualMember[] | undefined;
  let creator: string | undefined;
  const failures: string[] = [];
  try {
    const updates = planChatSpaceUpdates(inputs, chatSettingsFromApi(space));
    for (const call of updates) space = await chat.updateSpace(space.name, call.space, call.paths);
    const listed = await chat.listMemberships(space.name);
    // Who may already be in the space: the people set up with it, and the caller if declared.
    const callerKey = caller ? emailKey(caller) : undefined;
    const present = new Set(invited.map(emailKey));
    if (callerKey && keys.some((key) => emailKey(key) === callerKey)) present.add(callerKey);
    const resolved = await resolveMembers(chat, space.name, listed, declared, [], undefined, present);
    creator =
      resolved.members.find((m) => emailKey(m.email) === callerKey)?.user ??
      (resolved.unclaimed.length === 1
        ? resolved.unclaimed[0].user
        : await creatorOf(chat, space.name, caller));
    if (inputs.members) {
      const result = await reconcile(chat, space.name, declared, resolved.members, creator);
      members = result.members;
      failures.push(...result.failures);
    }
  } catch (err) {
    failures.push(
      explainChatFailure(err, { action: "finish setting up the space", space: space.name, user: caller }),
    );
  }
  const outs = outputsOf(space, inputs, members ?? (inputs.members ? [] : undefined), creator);
  if (failures.length)
    throw partialFailure(
      {
        id: space.name,
        what: "The Chat space",
        done: "created",
        failed: "step",
        recorded: "the space as it is now",
      },
      { ...outs, __provider: inputs.__provider },
      failures,
    );
  return { id: space.name, outs };
}

export async function read(id: string, props: ChatSpaceOutputs & { __provider?: string }) {
  const chat = api(props);
  // The space and its memberships are read at once; the space's answer is looked at first.
  const listing = props.members ? startedAlongside(chat.listMemberships(id)) : undefined;
  let space: ApiChatSpace;
  let members: ChatActualMember[] | undefined;
  try {
    space = await chat.getSpace(id);
    if (listing && props.members) {
      // Refresh makes no lookups: people this resource never added show as their `users/{id}`.
      const { members: known, unclaimed } = await resolveMembers(chat, id, await listing, [], props.members);
      members = [...known, ...unclaimed.filter((m) => m.user !== props.creator)];
    }
  } catch (err) {
    if (isApiError(err, Code.NOT_FOUND)) return { id: "" };
    throw new OperationError(
      explainChatFailure(err, { action: "refresh the Chat space", space: id, user: chat.user }),
    );
  }
  const settings = chatSettingsFromApi(space);
  // Nothing recorded (pulumi import, .get): manage what the space has, so its inputs pass check.
  const managed = props.managedSettings ?? importedChatKeys(settings);
  const inputs: Record<string, unknown> = {
    spaceType: settings.spaceType,
    ...pickChatSettings(managed, settings),
  };
  if (members)
    inputs.members = inDeclaredOrder(members, props.members ?? []).map((m) =>
      m.group ? { group: m.group } : { email: m.email, role: m.role },
    );
  for (const key of KEPT_INPUTS) if (props[key]) inputs[key] = props[key];
  // Recorded as before: the managed set is what the program wrote.
  const outs = outputsOf(space, inputs as Inputs, members, props.creator);
  return { id: space.name, props: { ...outs, managedSettings: managed }, inputs };
}

export async function update(id: string, olds: ChatSpaceOutputs, news: Inputs) {
  const chat = api(news);
  let space = { ...olds } as unknown as ApiChatSpace;
  const failures: string[] = [];
  let done = 0;
  try {
    for (const call of planChatSpaceUpdates(news, settingsOf(olds))) {
      space = await chat.updateSpace(id, call.space, call.paths);
      done++;
    }
  } catch (err) {
    const message = explainChatFailure(err, {
      action: "update the Chat space",
      space: id,
      user: chat.user,
      displayName: news.displayName,
    });
    if (done === 0) throw new OperationError(message);
    failures.push(message);
  }
  let members = news.members ? olds.members : undefined;
  if (!failures.length && news.members && !(olds.members && sameChatMembers(news.members, olds.members))) {
    try {
      const listed = await chat.listMemberships(id);
      const resolved = await resolveMembers(chat, id, listed, news.members, olds.members ?? [], olds.creator);
      const result = await reconcile(
        chat,
        id,
        news.members,
        [...resolved.members, ...resolved.unclaimed],
        olds.creator,
      );
      members = result.members.filter(
        (m) =>
          m.user !== olds.creator ||
          news.members!.some((d) => emailKey(chatMemberKey(d)) === emailKey(m.email)),
      );
      failures.push(...result.failures);
    } catch (err) {
      failures.push(explainChatFailure(err, { action: "reconcile the members", space: id, user: chat.user }));
    }
  }
  // Left out, it is not managed: the record of what the space was created as stays.
  const created = news.predefinedPermissionSettings ?? olds.predefinedPermissionSettings;
  const outs = outputsOf(
    space,
    { ...news, predefinedPermissionSettings: created as ChatSpaceInputs["predefinedPermissionSettings"] },
    members,
    olds.creator,
  );
  if (failures.length)
    throw partialFailure(
      { id, what: "The Chat space", done: "updated", failed: "step", recorded: "the space as it is now" },
      { ...outs, __provider: news.__provider },
      failures,
    );
  return { outs };
}

/**
 * DELETE (default): DeleteSpace, which removes the space with its messages and memberships.
 * ABANDON: forget it. A space already gone counts as deleted.
 */
export async function remove(id: string, props: ChatSpaceOutputs) {
  if (props.deletionPolicy === "ABANDON") return;
  const chat = api(props, { delete: true });
  try {
    await chat.deleteSpace(id);
  } catch (err) {
    if (isApiError(err, Code.NOT_FOUND)) return;
    throw new OperationError(
      explainChatFailure(err, { action: "delete the Chat space", space: id, user: chat.user }),
    );
  }
}
