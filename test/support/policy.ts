/** The repository's policy pack for engine tests and the benchmark: installed once, configured per test. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, tempBackend } from "./engine";

export const POLICY_PACK = path.join(REPO_ROOT, "policy");

/**
 * Installs the pack's dependencies from its lock file (`npm run policy:install`) unless present.
 * `npm ci` writes only the ignored policy/node_modules: the checkout stays clean.
 */
export function ensurePolicyPack(): string {
  if (!fs.existsSync(path.join(POLICY_PACK, "node_modules", "@pulumi", "policy", "package.json"))) {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], {
      cwd: POLICY_PACK,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  return POLICY_PACK;
}

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
