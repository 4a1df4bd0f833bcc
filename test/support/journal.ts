/** The emulator's journal as engine tests compare it. */
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
