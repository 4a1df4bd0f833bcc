/**
 * Applying the generated fleet (bench/fleet) through the real Pulumi engine (the driver's runStack,
 * in this process), and checking the emulator holds exactly it.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Writable } from "node:stream";
import type { EmulatorAdminClient } from "../../emulator";
import { type RunResult, runStack } from "../../runner";
import {
  REPO_ROOT,
  UNPACED,
  engineEnv,
  pulumi,
  pulumiBinDir,
  tempBackend,
  workCopy,
  writeStackConfig,
} from "../support/engine";

const FLEET = path.join(REPO_ROOT, "bench", "fleet");

export interface FleetOptions {
  rooms: number;
  cohosts: number;
  owners?: number;
  accessType?: string;
  rotate?: number;
  /** Extra stack config (e.g. quota settings). */
  config?: Record<string, string>;
}

/** One copy of the fleet program and one file backend per test process. */
let fleet: { dir: string; env: Record<string, string> } | undefined;

function fleetDir(): { dir: string; env: Record<string, string> } {
  fleet ??= { dir: workCopy(FLEET), env: { ...engineEnv(tempBackend()), PULUMI_BIN_DIR: pulumiBinDir() } };
  return fleet;
}

function writeFleetConfig(stack: string, o: FleetOptions): void {
  const config: Record<string, string> = {
    "fleet:rooms": String(o.rooms),
    "fleet:cohosts": String(o.cohosts),
    "fleet:owners": String(o.owners ?? 1),
    "fleet:accessType": o.accessType ?? "TRUSTED",
    "fleet:rotate": String(o.rotate ?? 0),
    ...UNPACED,
    ...o.config,
  };
  writeStackConfig(fleetDir().dir, stack, config);
}

/** Rooms by kind of change, the stack itself left out. */
export function roomChanges(result: RunResult): Record<string, number> {
  const summary = { ...result.summary };
  for (const kind of ["create", "same", "delete"]) if (summary[kind] !== undefined) summary[kind]--;
  return Object.fromEntries(Object.entries(summary).filter(([, n]) => n > 0));
}

export async function applyFleet(
  stack: string,
  grpcAddress: string,
  o: FleetOptions,
  command: "up" | "refresh" | "destroy" = "up",
): Promise<RunResult> {
  const { dir, env } = fleetDir();
  writeFleetConfig(stack, o);
  let output = "";
  const out = new Writable({
    write(chunk, _enc, done) {
      output += chunk;
      done();
    },
  });
  try {
    return await runStack({
      cwd: dir,
      stack,
      command,
      env: { ...env, GOOGLE_MEET_EMULATOR_HOST: grpcAddress },
      out,
    });
  } catch (err) {
    throw Object.assign(err as Error, { output });
  }
}

export function removeState(stack: string): void {
  fs.rmSync(path.join(fleetDir().dir, `Pulumi.${stack}.yaml`), { force: true });
}

/** The spaces recorded in the stack's state, by resource name. */
export async function recordedSpaces(stack: string): Promise<Map<string, string>> {
  const { dir, env } = fleetDir();
  const ran = await pulumi(["stack", "export", "--stack", stack], dir, env);
  assert.equal(ran.code, 0, ran.stderr);
  const resources: any[] = JSON.parse(ran.stdout).deployment.resources ?? [];
  return new Map(
    resources
      .filter((r) => r.type.endsWith("googlemeet:MeetSpace") && r.id)
      .map((r) => [r.urn.split("::").pop(), r.id]),
  );
}

/** Asserts that every room of the fleet exists as recorded, with exactly its declared co-hosts. */
export async function assertFleetHeld(
  admin: EmulatorAdminClient,
  stack: string,
  o: FleetOptions,
): Promise<void> {
  const recorded = await recordedSpaces(stack);
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
