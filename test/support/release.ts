/**
 * The release artifacts for engine tests, built once per test process (`npm run release`'s code,
 * into a temporary folder), and a user's machine after a release: a fresh PULUMI_HOME where
 * `pulumi plugin install resource googlemeet <version> --file <archive>` put the plugin, and a fresh
 * directory outside the repository. Nothing of this checkout is on PATH: the engine finds the
 * plugin in PULUMI_HOME's plugins, as it would after `pulumi plugin install` from the release.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Release, buildRelease } from "../../tools/release";
import { archiveName, hostPlatform } from "../../tools/release/plugin";
import { engineEnv, pulumi, pulumiBinDir, tempBackend, tempDir } from "./engine";

let building: Promise<Release> | undefined;

/** The release, built on first use into a folder removed at process exit. */
export function builtRelease(): Promise<Release> {
  if (!building) {
    const root = tempDir("meet-release-");
    building = buildRelease(path.join(root, "out"), path.join(root, "work"));
  }
  return building;
}

/** A fresh directory outside the repository, removed at process exit. */
export function freshDir(prefix: string): string {
  return tempDir(`${prefix}-`);
}

/** Where `PATH` finds `name`, or undefined. */
function onPath(name: string, pathVar: string): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/**
 * A user's environment after `pulumi plugin install resource googlemeet <v> --file <archive>`: a
 * fresh file backend and PULUMI_HOME, the Pulumi CLI and Node.js on PATH and nothing of this
 * checkout. Asserts where the plugin landed and that no other copy could be found.
 */
export async function installedPlugin(
  release: Release,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const archive = path.join(release.outDir, archiveName(release.version, hostPlatform()));
  const base = engineEnv(tempBackend(), extra);
  const PATH = [pulumiBinDir(), path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(
    path.delimiter,
  );
  const env: Record<string, string> = { ...base, PATH };
  assert.equal(onPath("pulumi-resource-googlemeet", PATH), undefined, "no plugin on PATH");
  const ran = await pulumi(
    ["plugin", "install", "resource", "googlemeet", release.version, "--file", archive],
    os.tmpdir(),
    env,
  );
  assert.equal(ran.code, 0, `plugin install failed:\n${ran.stdout}\n${ran.stderr}`);
  const dir = path.join(base.PULUMI_HOME, "plugins", `resource-googlemeet-v${release.version}`);
  assert.deepEqual(fs.readdirSync(dir).sort(), [
    "LICENSE",
    "THIRD_PARTY_NOTICES",
    "pulumi-resource-googlemeet",
    "pulumi-resource-googlemeet-apis.js",
    "pulumi-resource-googlemeet-provider.js",
    "pulumi-resource-googlemeet.js",
  ]);
  return env;
}

/** The plugins the engine used, as `pulumi plugin ls --json` lists them in this PULUMI_HOME. */
export function installedPlugins(env: Record<string, string>): { name: string; version: string }[] {
  const out = execFileSync(path.join(pulumiBinDir(), "pulumi"), ["plugin", "ls", "--json"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return JSON.parse(out).map((p: any) => ({ name: p.name, version: p.version }));
}
