/**
 * `npm run release [-- --out DIR]`: everything a release publishes, built from this checkout into
 * dist/release/ (git-ignored), for one version, package.json's:
 *
 * - the npm package `pulumi-google-meet-<v>.tgz`;
 * - the plugin archives `pulumi-resource-googlemeet-v<v>-<os>-<arch>.tar.gz` (linux, darwin,
 *   windows on amd64 and arm64), for the GitHub release `v<v>` the schema's pluginDownloadURL names;
 * - the Node.js SDK tarball, the Python sdist and wheel, and the Go SDK module (`sdk-go/`, to be
 *   tagged `sdk/go/v<v>`);
 * - SHA256SUMS of the files.
 *
 * It first checks that the version is stamped everywhere: the schema and the SDKs match what the
 * provider generates (else: npm run sdk:gen), and CHANGELOG.md has an entry for the version.
 * Publishing needs network access and credentials, so it only prints the commands.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { GO_MODULE, PLUGIN_DOWNLOAD_URL, REPOSITORY, VERSION } from "../../provider/native/release";
import { goSdk, nodeSdk, npmPackage, pythonSdk } from "./packages";
import { bundlePlugin, pluginArchives } from "./plugin";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

export interface Release {
  version: string;
  outDir: string;
  npmPackage: string;
  pluginArchives: string[];
  nodeSdk: string;
  pythonSdk: string[];
  goSdk: { dir: string; tag: string };
  checksums: string;
  /** This version's CHANGELOG entry, for the GitHub release. */
  notes: string;
}

/** The text under `## <version>` in the changelog, up to the next entry. */
export function changelogEntry(changelog: string, version: string): string {
  const start = changelog.search(new RegExp(`^## \\[?${version.replace(/\./g, "\\.")}\\]?( |$)`, "m"));
  if (start < 0) return "";
  const rest = changelog.slice(start);
  const next = rest.slice(3).search(/^## /m);
  return `${(next < 0 ? rest : rest.slice(0, next + 3)).split("\n").slice(1).join("\n").trim()}\n`;
}

/** Fails, naming the fix, when something does not carry package.json's version and setting. */
export function checkStamped(repoRoot: string): void {
  const problems: string[] = [];
  const run = (cmd: string, args: string[], cwd: string) => {
    try {
      execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    } catch (err: any) {
      problems.push(`${String(err.stderr || err.message).trim()}`);
    }
  };
  run(
    process.execPath,
    [path.join(repoRoot, "dist", "provider", "native", "writeSchema.js"), "--check", "schema/schema.json"],
    repoRoot,
  );
  run(
    "go",
    ["run", ".", "-check", "../../schema/schema.json", "../../sdk"],
    path.join(repoRoot, "tools", "sdkgen"),
  );
  const changelog = path.join(repoRoot, "CHANGELOG.md");
  const text = fs.existsSync(changelog) ? fs.readFileSync(changelog, "utf8") : "";
  if (!changelogEntry(text, VERSION).trim()) {
    problems.push(`CHANGELOG.md has no "## ${VERSION}" entry for package.json's version`);
  }
  if (problems.length) throw new Error(`release: not ready:\n- ${problems.join("\n- ")}`);
}

/** Builds every artifact into `outDir` (emptied first); `workDir` keeps intermediate files. */
export async function buildRelease(
  outDir = path.join(REPO_ROOT, "dist", "release"),
  workDir = `${outDir}-work`,
): Promise<Release> {
  checkStamped(REPO_ROOT);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.mkdirSync(workDir, { recursive: true });
  const license = path.join(REPO_ROOT, "LICENSE");

  const bundle = await bundlePlugin(REPO_ROOT, path.join(workDir, "plugin"));
  const release: Omit<Release, "checksums" | "notes"> = {
    version: VERSION,
    outDir,
    npmPackage: npmPackage(REPO_ROOT, outDir),
    pluginArchives: await pluginArchives(bundle, license, VERSION, path.join(workDir, "plugin"), outDir),
    nodeSdk: nodeSdk(REPO_ROOT, license, workDir, outDir),
    pythonSdk: pythonSdk(REPO_ROOT, license, workDir, outDir),
    goSdk: goSdk(REPO_ROOT, VERSION, GO_MODULE, outDir),
  };
  const checksums = path.join(outDir, "SHA256SUMS");
  fs.writeFileSync(checksums, sha256sums(outDir));
  const notes = path.join(workDir, "release-notes.md");
  fs.writeFileSync(
    notes,
    changelogEntry(fs.readFileSync(path.join(REPO_ROOT, "CHANGELOG.md"), "utf8"), VERSION),
  );
  return { ...release, checksums, notes };
}

/** `sha256sum` format for the files (not folders) of `dir`, by name. */
export function sha256sums(dir: string): string {
  return fs
    .readdirSync(dir)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && f !== "SHA256SUMS")
    .sort()
    .map(
      (f) =>
        `${createHash("sha256")
          .update(fs.readFileSync(path.join(dir, f)))
          .digest("hex")}  ${f}\n`,
    )
    .join("");
}

function size(file: string): string {
  const bytes = fs.statSync(file).size;
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(0)} KiB`;
}

/** What was written, and the commands that publish it (they need network access and credentials). */
function report(r: Release): string {
  const files = [r.npmPackage, ...r.pluginArchives, r.nodeSdk, ...r.pythonSdk, r.checksums];
  const rel = (f: string) => path.relative(process.cwd(), f);
  const wheel = r.pythonSdk.map(rel).join(" ");
  return [
    `release v${r.version} in ${rel(r.outDir)}:`,
    ...files.map((f) => `  ${size(f).padStart(9)}  ${path.basename(f)}`),
    `  ${"(folder)".padStart(9)}  sdk-go/ (module ${GO_MODULE}, tag ${r.goSdk.tag})`,
    "",
    "To publish (network access and credentials needed):",
    `  git tag v${r.version} && git tag ${r.goSdk.tag} && git push origin v${r.version} ${r.goSdk.tag}`,
    `  gh release create v${r.version} --repo ${REPOSITORY} --title v${r.version} --notes-file ${rel(r.notes)} ${r.pluginArchives.map(rel).join(" ")} ${rel(r.checksums)}`,
    `  npm publish ${rel(r.npmPackage)} && npm publish --access public ${rel(r.nodeSdk)}`,
    `  python3 -m pip install twine && python3 -m twine upload ${wheel}`,
    `The schema's pluginDownloadURL (${PLUGIN_DOWNLOAD_URL}) then serves the plugin archives to \`pulumi up\`.`,
  ].join("\n");
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const outDir = outAt >= 0 ? path.resolve(args[outAt + 1]) : undefined;
  buildRelease(outDir).then(
    (r) => process.stdout.write(`${report(r)}\n`),
    (err) => {
      process.stderr.write(`${err?.message ?? err}\n`);
      process.exit(1);
    },
  );
}
