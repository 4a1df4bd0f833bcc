/**
 * MeetSpace: the whole behaviour of the resource, behind the stable runtime entry. Each operation
 * follows Pulumi's dynamic-provider contract: check makes no API call; if create fails before the
 * space exists, nothing exists; once it exists, every failure carries its id (PartialFailure).
 */
import { ApiError, isApiError } from "../api/error";
import { startedAlongside } from "../core/concurrency";
import { OperationError, PartialFailure } from "../core/errors";
import { inDeclaredOrder, sameMembers } from "../core/memberPlan";
import { type ActualMember, type MemberSpec, normalizeMembers } from "../core/members";
import { Code } from "../../google/statusCodes";
import {
  ADOPT_FORMS,
  type DeletionPolicy,
  type GatewaySipAccess,
  type PhoneAccess,
  type SpaceInputs,
  adoptLookupName,
  normalizeSpaceInputs,
  validateSpaceInputs,
} from "../core/space";
import {
  SETTINGS,
  type SpaceConfig,
  changedSettings,
  configFromApi,
  managedKeys,
  pickSettings,
  planConfigUpdate,
  planFeaturesUsed,
  settingValue,
} from "../core/spaceConfig";
import { type CheckFailure, containsUnknown } from "../core/validation";
import { type ApiSpace, type MeetApi, meetApiFor } from "../meet/client";
import { explainFailure } from "../meet/errors";
import { connection, resourceUrnOf } from "./context";
import {
  listMembersBeforeWriting,
  memberFailureReasons,
  resolveAdopted,
  retireConferenceAndMembers,
} from "./adoptedRoom";
import { type DiffResult, type PropertyChange, partialFailure } from "./contracts";
import { defaultedChange, diffResult, membersChange, noteChange, propertyChange } from "./diffs";
import { listActualMembers, syncMembers } from "./memberSync";
import { earlierRoom, recordCreated, settled } from "./spaceReceipts";
import { notOwnerMessage } from "./notOwner";

/** Everything MeetSpace records in state. */
export interface SpaceOutputs {
  name: string;
  meetingUri: string;
  meetingCode: string;
  /** The effective settings, managed or not. */
  config: SpaceConfig;
  activeConference?: { conferenceRecord: string };
  /** Dial-in numbers (output only; none when the owner's plan has no dial-in). */
  phoneAccess?: PhoneAccess[];
  /** SIP gateway access (output only; can be empty). */
  gatewaySipAccess?: GatewaySipAccess[];
  /** Setting keys written in the program (the managed ones), e.g. `moderationRestrictions.chatRestriction`. */
  managedSettings: string[];
  /** The members the room has, when `members` is managed. */
  members?: ActualMember[];
  adopt?: string;
  deletionPolicy?: string;
  owner?: string;
  /** The resource's URN, on the dynamic face (its create receipt's key; see core/receipts). */
  resourceUrn?: string;
}

type Inputs = SpaceInputs & { __provider?: string };

function api(inputs: { owner?: string; adopt?: string }): MeetApi {
  return meetApiFor(connection(), inputs.owner, { adopt: Boolean(inputs.adopt) });
}

export async function check(_olds: unknown, news: Record<string, unknown>) {
  const { failures, warnings } = validateSpaceInputs(news);
  for (const w of warnings) console.error(`warning: MeetSpace: ${w}`);
  return {
    inputs: failures.length ? news : normalizeSpaceInputs(news),
    failures: failures as CheckFailure[],
  };
}

function sameAdopt(a?: string, b?: string): boolean {
  return (a ? (adoptLookupName(a) ?? a) : undefined) === (b ? (adoptLookupName(b) ?? b) : undefined);
}

export async function diff(id: string, olds: SpaceOutputs, news: Inputs): Promise<DiffResult> {
  await settled(resourceUrnOf(news), id);
  const detailedDiff: Record<string, PropertyChange> = {};
  const replaces: string[] = [];
  if (!sameAdopt(olds.adopt, news.adopt)) {
    replaces.push("adopt");
    detailedDiff.adopt = news.adopt === undefined ? "delete-replace" : propertyChange(olds.adopt, true);
  }
  if ((olds.owner ?? undefined) !== (news.owner ?? undefined)) {
    replaces.push("owner");
    detailedDiff.owner = news.owner === undefined ? "delete-replace" : propertyChange(olds.owner, true);
  }
  // During preview, a value not known yet may change anything it feeds.
  if (containsUnknown(news.config)) detailedDiff.config = "update";
  for (const spec of changedSettings(news.config, olds.config)) {
    detailedDiff[`config.${spec.key}`] = propertyChange(settingValue(olds.config, spec), false);
  }
  // A setting removed from the program stops being managed: no call, but the state changes.
  const managedNow = managedKeys(news.config);
  for (const key of olds.managedSettings ?? []) {
    if (!managedNow.includes(key)) detailedDiff[`config.${key}`] = "delete";
  }
  for (const key of managedNow) {
    if (!(olds.managedSettings ?? []).includes(key)) detailedDiff[`config.${key}`] ??= "update";
  }
  noteChange(detailedDiff, "members", membersChange(olds.members, news.members, sameMembers));
  noteChange(
    detailedDiff,
    "deletionPolicy",
    defaultedChange(olds.deletionPolicy, news.deletionPolicy, "RETIRE"),
  );
  return diffResult(detailedDiff, replaces, false);
}

function membersChanged(olds: SpaceOutputs, news: Inputs): boolean {
  return Boolean(news.members) && !sameMembers(news.members!, olds.members ?? []);
}

function outputsOf(space: ApiSpace, inputs: Inputs, members?: ActualMember[]): SpaceOutputs {
  const out: SpaceOutputs = {
    name: space.name,
    meetingUri: space.meetingUri ?? "",
    meetingCode: space.meetingCode ?? "",
    config: configFromApi(space.config),
    phoneAccess: (space.phoneAccess ?? []).map((p) =>
      onlyStrings(p, ["phoneNumber", "pin", "regionCode", "languageCode"]),
    ),
    gatewaySipAccess: (space.gatewaySipAccess ?? []).map((g) => onlyStrings(g, ["uri", "sipAccessCode"])),
    managedSettings: managedKeys(inputs.config),
  };
  if (space.activeConference?.conferenceRecord) {
    out.activeConference = { conferenceRecord: space.activeConference.conferenceRecord };
  }
  if (members) out.members = inDeclaredOrder(members, inputs.members ?? []);
  for (const key of ["adopt", "deletionPolicy", "owner", "resourceUrn"] as const)
    if (inputs[key]) out[key] = inputs[key];
  return out;
}

/** The named string fields of an API object, without absent ones (state holds no nulls). */
function onlyStrings<T extends object>(value: T, keys: readonly (keyof T & string)[]): T {
  return Object.fromEntries(keys.filter((k) => typeof value[k] === "string").map((k) => [k, value[k]])) as T;
}

export async function create(inputs: Inputs) {
  const meet = api(inputs);
  const urn = resourceUrnOf(inputs);
  let space: ApiSpace;
  // A room that already existed (adopted, or made by an interrupted earlier run) may have members.
  let existed = true;
  // A new room's receipt, being written while its co-hosts are added (see below).
  let recorded: Promise<void> = Promise.resolve();
  // An adopted room's members, read before anything changes.
  let adoptedMembers: ActualMember[] | undefined;
  if (inputs.adopt) {
    const found = await resolveAdopted(meet, inputs.adopt);
    // Members first, before anything changes: a room the app did not create stops here.
    if (inputs.members)
      adoptedMembers = await listMembersBeforeWriting(meet, { name: found.name, adopt: inputs.adopt });
    space = await patchToDeclared(meet, found, inputs, `adopt ${inputs.adopt}`);
  } else {
    const earlier = await earlierRoom(meet, urn);
    if (earlier) {
      space = await patchToDeclared(meet, earlier, inputs, `adopt ${earlier.name}`);
    } else {
      try {
        space = await meet.createSpace(pickSettings(inputs.config, SETTINGS) as Record<string, unknown>);
      } catch (err) {
        throw new OperationError(explainCreateFailure(err, meet, inputs));
      }
      // The receipt goes to disk while the co-hosts are added: waiting for its two fsyncs first
      // made every room one disk flush slower, and protects nothing more. A kill before the
      // receipt is durable leaves the room unrecorded either way; after it, the receipt names the
      // room, whatever its members. Create still returns only once the receipt is on disk.
      recorded = recordCreated(space, meet, urn);
      existed = false;
    }
  }
  if (!inputs.members) {
    await recorded;
    return { id: space.name, outs: outputsOf(space, inputs) };
  }

  // The space exists from here on: every failure must carry its id.
  const actual =
    adoptedMembers ??
    (existed ? await withSpaceId(space, inputs, () => listActualMembers(meet, space.name)) : []);
  // Settled both ways: whatever the members do, create answers only once the receipt is on disk.
  const [synced] = await Promise.allSettled([
    syncMembers(meet, space.name, normalizeMembers(inputs.members), actual, connection().memberConcurrency),
    recorded,
  ]);
  if (synced.status === "rejected") throw synced.reason;
  const result = synced.value;
  const outs = outputsOf(space, inputs, result.members);
  if (result.failures.length) {
    throw partialFailure(
      {
        id: space.name,
        what: "The room",
        done: "created",
        failed: "member change",
        recorded: "the members the room has now",
      },
      { ...outs, __provider: inputs.__provider },
      memberFailureReasons({ name: space.name, adopt: inputs.adopt }, result.failures),
    );
  }
  return { id: space.name, outs };
}

function explainCreateFailure(err: unknown, meet: MeetApi, inputs: Inputs): string {
  const base = explainFailure(err, {
    action: "create the room",
    owner: meet.user,
    settings: planFeaturesUsed(inputs.config),
  });
  // A call that never reached the server made nothing: no "may have been created".
  const ambiguous =
    err instanceof ApiError &&
    !err.unreached &&
    ![Code.INVALID_ARGUMENT, Code.PERMISSION_DENIED, Code.UNAUTHENTICATED, Code.RESOURCE_EXHAUSTED].includes(
      err.code as any,
    );
  if (!ambiguous) return base;
  return `${base} The request reached Meet, so the room may or may not have been created. It was not retried: CreateSpace is not idempotent, and a second attempt could make a duplicate that nothing can find (the API cannot list rooms). Nothing was recorded in state; the next \`up\` creates a new room. A room made by this attempt would belong to ${meet.user ?? "the credentials' user"} and can be left alone (it has no members and is not linked anywhere).`;
}

/** Patches a room taken over to the declared settings: only those that differ, in one call. */
async function patchToDeclared(meet: MeetApi, found: ApiSpace, inputs: Inputs, action: string) {
  const change = planConfigUpdate(inputs.config, configFromApi(found.config));
  if (!change) return found;
  const { patch, settings } = change;
  try {
    return await meet.updateSpace(found.name, patch as Record<string, unknown>, settings);
  } catch (err) {
    throw new OperationError(
      explainFailure(err, {
        action,
        space: found.name,
        owner: meet.user,
        settings: planFeaturesUsed(patch),
      }),
    );
  }
}

async function withSpaceId<T>(space: ApiSpace, inputs: Inputs, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const outs = outputsOf(space, inputs, []);
    const message = explainFailure(err, { action: "read the room's members", space: space.name });
    throw new PartialFailure(message, space.name, { ...outs, __provider: inputs.__provider }, [message]);
  }
}

export async function read(id: string, props: SpaceOutputs & { __provider?: string }) {
  await settled(resourceUrnOf(props), id);
  // Nothing recorded yet (`pulumi import`, `.get`): the room was made elsewhere, so it is read with
  // the scope that reads the settings of rooms the app did not create.
  const importing = props.managedSettings === undefined;
  if (importing && !adoptLookupName(id))
    throw new OperationError(
      `Cannot import ${JSON.stringify(id)} as a MeetSpace: the id must be ${ADOPT_FORMS}.`,
    );
  const meet = api(importing ? { ...props, adopt: props.adopt ?? id } : props);
  // The room and its members are read at once; the room's answer is looked at first.
  const listing = props.members ? startedAlongside(listActualMembers(meet, id)) : undefined;
  let space: ApiSpace;
  try {
    space = await meet.getSpace(id);
  } catch (err) {
    if (isApiError(err, Code.NOT_FOUND)) return { id: "" };
    throw new OperationError(
      explainFailure(err, { action: "refresh the room", space: id, owner: meet.user }),
    );
  }
  if (!space.config)
    throw new OperationError(notOwnerMessage(id, meet.user, props.managedSettings === undefined));
  let members: ActualMember[] | undefined;
  if (listing) {
    try {
      members = await listing;
    } catch (err) {
      throw new OperationError(
        explainFailure(err, { action: "refresh the room's members", space: id, owner: meet.user }),
      );
    }
  }
  const config = configFromApi(space.config);
  // Nothing recorded yet (`pulumi import`, `.get`): every setting the room has becomes managed, so
  // the imported definition states the room as it is.
  const managed = props.managedSettings ?? managedKeys(config);
  const inputs: Inputs = {};
  if (managed.length) inputs.config = pickSettings(config, managed);
  // Not written into the inputs: a program importing with the `import` option must match them.
  if (props.adopt) inputs.adopt = props.adopt;
  if (props.deletionPolicy) inputs.deletionPolicy = props.deletionPolicy as DeletionPolicy;
  if (props.owner) inputs.owner = props.owner;
  if (props.resourceUrn) inputs.resourceUrn = props.resourceUrn;
  if (members) inputs.members = normalizeMembers(inDeclaredOrder(members, props.members ?? []));
  // Recorded as before: the managed set is what the program wrote, even for a setting now unset.
  return {
    id: space.name,
    props: { ...outputsOf(space, inputs, members), managedSettings: managed },
    inputs,
  };
}

export async function update(id: string, olds: SpaceOutputs, news: Inputs) {
  await settled(resourceUrnOf(news), id);
  const meet = api(news);
  const syncing = Boolean(news.members) && (!olds.members || membersChanged(olds, news));
  // An adopted room's members are read before anything changes (Google's "created by the app" rule).
  const adoptedMembers =
    syncing && news.adopt ? await listMembersBeforeWriting(meet, { name: id, adopt: news.adopt }) : undefined;
  const change = planConfigUpdate(news.config, olds.config);
  // The members a sync starts from: an adopted room's, listed above before any write; any other
  // room's, listed while the settings change (one round trip, not two). None when not syncing.
  let listed: Promise<ActualMember[]> | undefined;
  if (adoptedMembers) listed = Promise.resolve(adoptedMembers);
  else if (syncing) listed = startedAlongside(listActualMembers(meet, id));
  let space: ApiSpace = olds as unknown as ApiSpace;
  if (change) {
    const { patch, settings } = change;
    try {
      space = await meet.updateSpace(id, patch as Record<string, unknown>, settings);
    } catch (err) {
      throw new OperationError(
        explainFailure(err, {
          action: "update the room",
          space: id,
          owner: meet.user,
          settings: planFeaturesUsed(patch),
        }),
      );
    }
  }
  if (!news.members) return { outs: outputsOf(space, news) };
  // The members are unchanged: nothing was listed.
  if (!listed) return { outs: outputsOf(space, news, olds.members) };

  const desired: MemberSpec[] = normalizeMembers(news.members);
  const actual = await withSpaceId(space, news, () => listed);
  const result = await syncMembers(meet, id, desired, actual, connection().memberConcurrency);
  const outs = outputsOf(space, news, result.members);
  if (result.failures.length) {
    throw partialFailure(
      {
        id,
        what: "The room",
        done: "updated",
        failed: "member change",
        recorded: "the members the room has now",
      },
      { ...outs, __provider: news.__provider },
      memberFailureReasons({ name: id, adopt: news.adopt }, result.failures),
    );
  }
  return { outs };
}

/**
 * RETIRE (default): lock the room (access RESTRICTED), end its conference if one runs, and remove
 * the members this resource manages. The API cannot delete a space. ABANDON: only forget it.
 * A room already gone counts as retired, so deleting twice is harmless.
 */
export async function remove(id: string, props: SpaceOutputs) {
  await settled(resourceUrnOf(props), id);
  if (props.deletionPolicy === "ABANDON") return;
  const meet = api(props);
  const managed = props.members ?? [];
  // The lock and the member list go at once; no member is removed before the lock has succeeded.
  const listed = managed.length ? startedAlongside(listActualMembers(meet, id)) : undefined;
  try {
    const locked = await meet.updateSpace(id, { accessType: "RESTRICTED" }, ["accessType"]);
    await retireConferenceAndMembers(
      meet,
      id,
      locked.activeConference?.conferenceRecord || undefined,
      managed,
      listed,
    );
  } catch (err) {
    if (isApiError(err, Code.NOT_FOUND)) return;
    if (err instanceof ApiError)
      throw new OperationError(
        explainFailure(err, { action: "retire the room", space: id, owner: meet.user }),
      );
    throw err;
  }
}
