/**
 * `name` taken from the resource's id, which it always equals (`spaces/…`,
 * `spaces/…/members/…`), so that a preview keeps it known.
 *
 * Why: Pulumi's dynamic-provider host does not declare preview support, so in a preview the engine
 * answers an update with the resource's new inputs as its outputs, and the SDK resolves every
 * output missing from them (`name` among them) as unknown. A MeetSpaceMember on `room.name` then
 * read as "space changes to [unknown]" and showed a replace that `up` never does. The engine keeps
 * the id known in a preview of an update (it is unknown only where a create or a replace makes a
 * new one), which is exactly when the name changes. The diff's `stables` would not help: the host
 * drops them and the engine does not read them.
 */
import type * as pulumi from "@pulumi/pulumi";

export function nameFromId(resource: pulumi.CustomResource): void {
  Object.defineProperty(resource, "name", { value: resource.id, enumerable: true });
}
