/**
 * MeetSpace's create receipts at work (the reasons: core/receipts; the files: ./receipts). Create
 * asks {@link earlierRoom} before making a room, and calls {@link recordCreated} the moment Meet
 * answers; the operations that prove the engine recorded a room call {@link settled}.
 */
import { isApiError } from "../api/error";
import { OperationError } from "../core/errors";
import { createdLine, receiptApplies } from "../core/receipts";
import { Code } from "../../google/statusCodes";
import type { ApiSpace, MeetApi } from "../meet/client";
import { explainFailure } from "../meet/errors";
import { meetEndpoint } from "./context";
import { dropReceipt, findReceipt, settleReceipt, writeReceipt } from "./receipts";

/**
 * The room an earlier, interrupted create made for this resource, when its receipt is here and the
 * room still exists and is this user's: the create takes it over instead of making another.
 * Undefined when there is none (a receipt whose room is gone is dropped).
 */
export async function earlierRoom(meet: MeetApi, urn: string | undefined): Promise<ApiSpace | undefined> {
  const receipt = urn ? findReceipt(urn) : undefined;
  if (!urn || !receipt) return undefined;
  if (!receiptApplies(receipt, { urn, endpoint: meetEndpoint(), user: meet.user })) return undefined;
  let found: ApiSpace;
  try {
    found = await meet.getSpace(receipt.space);
  } catch (err) {
    if (isApiError(err, Code.NOT_FOUND)) {
      dropReceipt(urn);
      return undefined;
    }
    // Creating now could duplicate a room that exists: stop, and let the next run look again.
    throw new OperationError(
      `${explainFailure(err, { action: `look up ${receipt.space}`, owner: meet.user })} An earlier run created that room for this resource (${receipt.createdAt}) and was interrupted before Pulumi recorded it; nothing new was created, so that no duplicate is made. Run \`up\` again to adopt it.`,
    );
  }
  // Only its owner sees a room's settings: a room that is not this user's any more is not taken.
  if (!found.config) return undefined;
  console.error(
    `googlemeet: adopted ${found.name} (${found.meetingUri ?? ""}): an earlier run created it for this resource (${receipt.createdAt}) and was interrupted before Pulumi recorded it`,
  );
  return found;
}

/**
 * Called the moment CreateSpace answers, before anything else can fail or be killed: the receipt
 * first (durable), then the line that names the room and the command that adopts it elsewhere.
 */
export function recordCreated(space: ApiSpace, meet: MeetApi, urn: string | undefined): void {
  if (urn) {
    try {
      writeReceipt({
        version: 1,
        urn,
        space: space.name,
        ...(space.meetingUri ? { meetingUri: space.meetingUri } : {}),
        ...(meet.user ? { user: meet.user } : {}),
        endpoint: meetEndpoint(),
        createdAt: new Date().toISOString(),
      });
    } catch (err) {
      console.error(
        `warning: MeetSpace: could not write the create receipt of ${space.name} (${(err as Error).message}): if this run is killed before Pulumi records the room, the next \`up\` on this machine cannot adopt it by itself; the line below names it`,
      );
    }
  }
  console.error(createdLine(space.name, space.meetingUri ?? "", meet.user, urn));
}

/** The engine has this resource recorded as `id`: its receipt, if any, is done. */
export function settled(urn: string | undefined, id: string): void {
  if (id) settleReceipt(urn, id);
}
