/**
 * What every resource's operations promise their faces (the dynamic stubs through runtime/v1, and
 * the native provider): the result types they share, apart from any one resource.
 */
import { PartialFailure } from "../core/errors";

/**
 * How one property changes, for Pulumi's detailed diff (`pulumi preview --diff` names each field).
 * The dynamic host ignores it; the native provider passes it on.
 */
export type PropertyChange =
  | "add"
  | "delete"
  | "update"
  | "add-replace"
  | "delete-replace"
  | "update-replace";

/** What diff decides: whether anything changes, what forces a replacement, and each field that differs. */
export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Property path (`config.moderationRestrictions.chatRestriction`, `members`) to its change. */
  detailedDiff: Record<string, PropertyChange>;
}

/**
 * The failure of an operation after its resource exists: "`what` `id` was `done`, but N `failed`s
 * failed: - … The state records `recorded`; the next `up` makes only the changes still missing."
 * `properties` (with the stub's `__provider`) are what Pulumi records, so nothing is orphaned.
 */
export function partialFailure(
  step: { id: string; what: string; done: string; failed: string; recorded: string },
  properties: Record<string, unknown>,
  reasons: string[],
): PartialFailure {
  const n = reasons.length;
  const list = reasons.map((r) => `  - ${r}`).join("\n");
  const message = `${step.what} ${step.id} was ${step.done}, but ${n} ${step.failed}${n > 1 ? "s" : ""} failed:\n${list}\nThe state records ${step.recorded}; the next \`up\` makes only the changes still missing.`;
  return new PartialFailure(message, step.id, properties, reasons);
}
