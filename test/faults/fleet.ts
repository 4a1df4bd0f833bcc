/** Applying the generated fleet (bench/fleet) with the offline runner, and checking the emulator holds exactly it. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorAdminClient } from "../../emulator";
import { type RunResult, runStack, statePath } from "../../runner";

export const FLEET = path.resolve(__dirname, "..", "..", "..", "bench", "fleet");

export interface FleetOptions {
  rooms: number;
  cohosts: number;
  owners?: number;
  accessType?: string;
  rotate?: number;
  /** Extra stack config (e.g. quota settings). */
  config?: Record<string, string>;
}

export function fleetEnv(grpcAddress: string, o: FleetOptions): Record<string, string> {
  return {
    GOOGLE_MEET_EMULATOR_HOST: grpcAddress,
    PULUMI_CONFIG: JSON.stringify({
      "fleet:rooms": String(o.rooms),
      "fleet:cohosts": String(o.cohosts),
      "fleet:owners": String(o.owners ?? 1),
      "fleet:accessType": o.accessType ?? "TRUSTED",
      "fleet:rotate": String(o.rotate ?? 0),
      // Pacing has its own test; elsewhere the fleet runs as fast as the emulator answers.
      "googlemeet:createQuota": "100000",
      "googlemeet:writeQuota": "100000",
      "googlemeet:readQuota": "100000",
      ...o.config,
    }),
  };
}

export function applyFleet(
  stack: string,
  grpcAddress: string,
  o: FleetOptions,
  command: "up" | "destroy" = "up",
): Promise<RunResult> {
  return runStack({ cwd: FLEET, stack, command, env: fleetEnv(grpcAddress, o), onOutput: () => {} });
}

export function removeState(stack: string): void {
  fs.rmSync(statePath(FLEET, stack), { force: true });
}

/** The spaces recorded in the stack's state, by resource name. */
export function recordedSpaces(stack: string): Map<string, string> {
  const state = JSON.parse(fs.readFileSync(statePath(FLEET, stack), "utf8"));
  return new Map(state.resources.map((r: any) => [r.name, r.id]));
}

/** Asserts that every room of the fleet exists as recorded, with exactly its declared co-hosts. */
export async function assertFleetHeld(
  admin: EmulatorAdminClient,
  stack: string,
  o: FleetOptions,
): Promise<void> {
  const recorded = recordedSpaces(stack);
  assert.equal(recorded.size, o.rooms, "every room recorded once");
  const stored = new Map((await admin.spaces()).map((s) => [s.name, s]));
  for (let i = 0; i < o.rooms; i++) {
    const id = recorded.get(`room-${i}`);
    assert.ok(id, `room-${i} recorded`);
    const space = stored.get(id);
    assert.ok(space, `room-${i} (${id}) exists`);
    assert.equal(space.owner, `owner${i % (o.owners ?? 1)}@example.com`);
    assert.equal(space.config!.accessType, o.accessType ?? "TRUSTED");
    const want = Array.from(
      { length: o.cohosts },
      (_, j) => `cohost${j + (o.rotate ?? 0)}.room${i}@example.com:COHOST`,
    ).sort();
    assert.deepEqual(space.members.map((m) => `${m.email}:${m.role}`).sort(), want, `members of room-${i}`);
  }
}
