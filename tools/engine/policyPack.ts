/** The repository's policy pack, for the engine tests and the benchmark: its dependencies installed once. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./environment";

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
