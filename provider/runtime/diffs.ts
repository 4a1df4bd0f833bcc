/** Small rules every resource's diff shares: how one property changes. */
import { containsUnknown } from "../core/validation";
import type { DiffResult, PropertyChange } from "./contracts";

/** A property's change: `add` when it had no value before, else `update`; `-replace` when it replaces. */
export function propertyChange(old: unknown, replace: boolean): PropertyChange {
  const kind = old === undefined ? "add" : "update";
  return replace ? `${kind}-replace` : kind;
}

/**
 * The change of an authoritative member list: `delete` when it stops being managed, a change when
 * it starts, when `same` says the lists differ, or (preview) while it is not known yet.
 */
export function membersChange<D, M>(
  olds: readonly M[] | undefined,
  news: readonly D[] | undefined,
  same: (desired: readonly D[], actual: readonly M[]) => boolean,
): PropertyChange | undefined {
  const changed =
    containsUnknown(news) ||
    Boolean(news) !== Boolean(olds) ||
    (news !== undefined && !same(news, olds ?? []));
  if (!changed) return undefined;
  return news === undefined ? "delete" : propertyChange(olds, false);
}

/** The change of an input that has a default (`deletionPolicy`): none when both resolve alike. */
export function defaultedChange(
  old: string | undefined,
  now: string | undefined,
  fallback: string,
): PropertyChange | undefined {
  if ((old ?? fallback) === (now ?? fallback)) return undefined;
  return now === undefined ? "delete" : propertyChange(old, false);
}

/** Sets `detailedDiff[key]` when there is a change. */
export function noteChange(
  detailedDiff: Record<string, PropertyChange>,
  key: string,
  change: PropertyChange | undefined,
): void {
  if (change) detailedDiff[key] = change;
}

/** The verdict of a diff from its fields: a change when any field changes. */
export function diffResult(
  detailedDiff: Record<string, PropertyChange>,
  replaces: string[],
  deleteBeforeReplace: boolean,
): DiffResult {
  return { changes: Object.keys(detailedDiff).length > 0, replaces, deleteBeforeReplace, detailedDiff };
}
