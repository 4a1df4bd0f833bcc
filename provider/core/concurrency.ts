/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. Never rejects. */
export async function settleWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await fn(items[i]) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * A call started now, to be awaited after another that goes at the same time (one round trip
 * instead of two). Should the other fail first and this one never be awaited, its failure is not
 * an unhandled rejection, which would end the provider's process; awaiting it still throws.
 */
export function startedAlongside<T>(call: Promise<T>): Promise<T> {
  call.catch(() => {});
  return call;
}
