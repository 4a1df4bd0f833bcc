/** The repository's policy pack in engine tests: configured per test (installing it: tools/engine/policyPack). */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { tempBackend } from "./engine";
import { ensurePolicyPack } from "../../tools/engine/policyPack";

export { POLICY_PACK, ensurePolicyPack } from "../../tools/engine/policyPack";

/** Writes a `--policy-pack-config` file (policy name -> level or settings) and returns its path. */
export function policyConfig(config: Record<string, unknown>): string {
  const file = path.join(tempBackend(), "policy-config.json");
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Changes a room behind Pulumi's back, as a person in Meet's settings would: a PATCH to the REST API. */
export async function changeRoomOutOfBand(httpUrl: string, space: string, config: Record<string, unknown>) {
  const mask = Object.keys(config).map((k) => `config.${k}`);
  const res = await fetch(`${httpUrl}/v2/${space}?updateMask=${mask.join(",")}`, {
    method: "PATCH",
    headers: { authorization: "Bearer emulator-user@example.com", "content-type": "application/json" },
    body: JSON.stringify({ config }),
  });
  if (!res.ok) throw new Error(`out-of-band PATCH failed: ${res.status} ${await res.text()}`);
}

export interface GuardedEmulator {
  emulator: RunningEmulator;
  admin: EmulatorAdminClient;
  /** The pack's directory, its dependencies installed. */
  pack: string;
  /** The journal since the last reset, as `Method mask…`. */
  calls(): Promise<string[]>;
}

/** Mocha: the pack installed and an emulator for the block, reset before each test. */
export function useGuardedEmulator(): GuardedEmulator {
  const handle = {
    calls: async () =>
      (await handle.admin.requests()).map((r) => [r.method, ...(r.updateMask ?? [])].join(" ")),
  } as GuardedEmulator;
  before(async () => {
    handle.pack = ensurePolicyPack();
    handle.emulator = await startEmulator();
    handle.admin = new EmulatorAdminClient(handle.emulator.httpUrl);
  });
  beforeEach(() => handle.admin.reset());
  after(() => handle.emulator?.stop());
  return handle;
}

/** Asserts that `output` holds every one of `lines`, showing the output when one is missing. */
export function assertPrinted(output: string, ...lines: string[]): void {
  for (const line of lines) assert.ok(output.includes(line), `missing: ${line}\nin:\n${output}`);
}
