/**
 * The driver's guardrail options, passed to the engine exactly as `pulumi preview/up` takes them:
 * policy packs (`--policy-pack DIR`, `--policy-pack-config FILE`) and drift checks (`--refresh`,
 * `--expect-no-changes`). The engine runs the packs; the driver only forwards.
 */
import * as path from "node:path";

export interface GuardOptions {
  /** Policy pack directories (each holding a PulumiPolicy.yaml), absolute. */
  policyPacks: string[];
  /** Their configuration files (JSON), absolute; the n-th configures the n-th pack. */
  policyPackConfigs: string[];
  /** Read every resource before planning. */
  refresh?: boolean;
  /** Fail when anything would change. */
  expectNoChanges?: boolean;
}

const FOR_COMMANDS = ["preview", "up"];

/** Takes `arg` into `guard` when it is one of these options; false when it is not. */
export function parseGuardOption(arg: string, value: () => string, guard: GuardOptions): boolean {
  const [name, inline] =
    arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
  const take = () => path.resolve(inline ?? value());
  if (name === "--policy-pack") guard.policyPacks.push(take());
  else if (name === "--policy-pack-config") guard.policyPackConfigs.push(take());
  else if (arg === "--refresh") guard.refresh = true;
  else if (arg === "--expect-no-changes") guard.expectNoChanges = true;
  else return false;
  return true;
}

/** Refuses these options where the engine would ignore them. */
export function checkGuardOptions(
  command: string,
  guard: GuardOptions,
  error: (message: string) => Error,
): void {
  const given = [
    guard.policyPacks.length > 0 && "--policy-pack",
    guard.policyPackConfigs.length > 0 && "--policy-pack-config",
    guard.refresh && "--refresh",
    guard.expectNoChanges && "--expect-no-changes",
  ].filter(Boolean);
  if (given.length > 0 && !FOR_COMMANDS.includes(command)) {
    throw error(`${given.join(", ")}: for preview and up only, not ${command}`);
  }
  if (guard.policyPackConfigs.length > guard.policyPacks.length) {
    throw error(
      "each --policy-pack-config configures the --policy-pack at the same position: give the pack first",
    );
  }
}

/** The options for the Automation API's `preview`/`up` (nothing when none was given). */
export function guardRunOptions(guard: Partial<GuardOptions>): Partial<GuardOptions> {
  return {
    ...(guard.policyPacks?.length ? { policyPacks: guard.policyPacks } : {}),
    ...(guard.policyPackConfigs?.length ? { policyPackConfigs: guard.policyPackConfigs } : {}),
    ...(guard.refresh ? { refresh: true } : {}),
    ...(guard.expectNoChanges ? { expectNoChanges: true } : {}),
  };
}
