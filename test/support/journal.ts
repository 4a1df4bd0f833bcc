/** The emulator's journal as engine tests compare it. */
import * as assert from "node:assert/strict";
import type { EmulatorAdminClient } from "../../emulator";

/**
 * The Chat calls the emulator saw, as `RPC mask,mask CODE` (no code when OK), in the order it saw
 * them, or sorted when the engine ran resources in parallel.
 */
export async function chatCalls(admin: EmulatorAdminClient, order: "seen" | "sorted"): Promise<string[]> {
  const calls = (await admin.requests())
    .filter((r) => r.method.startsWith("chat."))
    .map((r) =>
      [
        r.method.slice(5),
        ...(r.updateMask ? [r.updateMask.join(",")] : []),
        ...(r.code === "OK" ? [] : [r.code]),
      ].join(" "),
    );
  return order === "sorted" ? calls.sort() : calls;
}

/** The calls the emulator saw since the last look, as `Method mask…`, sorted; then forgets them. */
export async function takeCalls(admin: EmulatorAdminClient): Promise<string[]> {
  const seen = (await admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" "));
  await admin.clearRequests();
  return seen.sort();
}

/** Calls the provider sends at once (a room and its members read together, say): the emulator may journal them in either order. */
export interface Together<T> {
  together: T[];
}

export function together<T>(...calls: T[]): Together<T> {
  return { together: calls };
}

function isTogether<T>(item: T | Together<T>): item is Together<T> {
  return typeof item === "object" && item !== null && !Array.isArray(item) && "together" in item;
}

/**
 * Asserts the journal's calls in order, except that the calls of a `together(...)` group may come
 * in any order among themselves: all after what precedes the group, all before what follows it.
 */
export function assertCallsInOrder<T>(actual: readonly T[], expected: ReadonlyArray<T | Together<T>>): void {
  const key = (x: T) => JSON.stringify(x);
  const canonical = (xs: readonly T[]) =>
    [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const seen: T[] = [];
  const wanted: T[] = [];
  let i = 0;
  for (const item of expected) {
    const group = isTogether(item) ? item.together : [item];
    seen.push(...canonical(actual.slice(i, i + group.length)));
    wanted.push(...canonical(group));
    i += group.length;
  }
  seen.push(...actual.slice(i));
  assert.deepEqual(seen, wanted);
}
