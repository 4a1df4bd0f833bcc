/**
 * Driving the runtime entry (what the serialized stubs call) against an emulator, as the provider
 * host would: configure with stack config, then check/create/diff/update/read/delete.
 */
import * as runtime from "../../provider/runtime/v1";
import type { EmulatorHandle } from "./emulator";

export { runtime };

/** Points the runtime at the emulator and configures it with `config` (full `googlemeet:` keys). */
export function configureRuntime(emu: EmulatorHandle, config: Record<string, string> = {}): void {
  process.env.GOOGLE_MEET_EMULATOR_HOST = emu.grpcAddress;
  // Pacing is tested on its own; here it would only slow the suite down.
  const defaults = {
    "googlemeet:createQuota": "100000",
    "googlemeet:writeQuota": "100000",
    "googlemeet:readQuota": "100000",
  };
  runtime.space.configure({ config: { get: (key: string) => ({ ...defaults, ...config })[key] } });
}

/** check, and fail the test when it reports failures (the host would not go on either). */
export async function checked(
  kind: "space" | "member" | "chat",
  news: Record<string, unknown>,
): Promise<any> {
  const ops = { space: runtime.space, member: runtime.member, chat: runtime.chat }[kind];
  const result = await ops.check({}, news);
  if (result.failures.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs;
}

/** The journal without the noise: method, name, mask, caller, code. */
export async function calls(emu: EmulatorHandle) {
  return (await emu.admin.requests()).map((r) => ({
    method: r.method,
    ...(r.updateMask ? { updateMask: r.updateMask } : {}),
    ...(r.email ? { email: r.email } : {}),
    code: r.code,
  }));
}

/** Changes a space directly on the emulator, as its owner would in Meet (drift). */
export async function patchBehindOurBack(
  emu: EmulatorHandle,
  name: string,
  owner: string,
  config: object,
  mask: string,
) {
  const res = await fetch(`${emu.httpUrl}/v2/${name}?updateMask=${mask}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
    body: JSON.stringify({ config }),
  });
  if (!res.ok) throw new Error(`drift patch failed: ${res.status} ${await res.text()}`);
}

/** `checked` for a ChatSpace. */
export const checkedChat = (news: Record<string, unknown>) => checked("chat", news);
