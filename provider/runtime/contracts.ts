/**
 * What every resource's operations promise their faces (the dynamic stubs through runtime/v1, and
 * the native provider): the result types they share, apart from any one resource.
 */

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

/** A property's change: `add` when it had no value before, else `update`; `-replace` when it replaces. */
export function propertyChange(old: unknown, replace: boolean): PropertyChange {
  const kind = old === undefined ? "add" : "update";
  return replace ? `${kind}-replace` : kind;
}
