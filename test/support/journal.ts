/** The emulator's journal as engine tests compare it. */
import type { EmulatorAdminClient } from "../../emulator";

/** The calls the emulator saw since the last look, as `Method mask…`, sorted; then forgets them. */
export async function takeCalls(admin: EmulatorAdminClient): Promise<string[]> {
  const seen = (await admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" "));
  await admin.clearRequests();
  return seen.sort();
}
