/**
 * The plugin archives `pulumi plugin install resource googlemeet <version>` unpacks into
 * `$PULUMI_HOME/plugins/resource-googlemeet-v<version>/`: the provider bundled with everything it
 * requires (`...-provider.js`, and `...-apis.js` for the Google clients, loaded on first use), the
 * entry that runs it from V8's code cache (`pulumi-resource-googlemeet.js`, pluginEntry.ts), and the
 * launcher the engine runs, `pulumi-resource-googlemeet` (a POSIX shell script), or on Windows
 * `pulumi-resource-googlemeet.cmd` (the engine probes `.exe`, then `.cmd`). Nothing else is needed
 * but Node.js 20 or newer on PATH. The entry's `code-cache/` appears after the first start.
 *
 * No PulumiPlugin.yaml goes in: with one, the engine would install and run the plugin through the
 * Node.js language host (npm install in the plugin directory) instead of executing it.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import * as tar from "tar";

export const PLUGIN = "pulumi-resource-googlemeet";
export const PLATFORMS = [
  { os: "linux", arch: "amd64" },
  { os: "linux", arch: "arm64" },
  { os: "darwin", arch: "amd64" },
  { os: "darwin", arch: "arm64" },
  { os: "windows", arch: "amd64" },
  { os: "windows", arch: "arm64" },
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The oldest Node.js the bundle runs on (package.json `engines`). */
export const NODE_MAJOR = 20;

/** Pulumi's archive name for one platform (what `pulumi plugin install` downloads). */
export function archiveName(version: string, p: { os: string; arch: string }): string {
  return `${PLUGIN}-v${version}-${p.os}-${p.arch}.tar.gz`;
}

/** This machine as Pulumi names platforms (Go's GOOS and GOARCH). */
export function hostPlatform(): { os: string; arch: string } {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  return { os, arch };
}

const SH_LAUNCHER = `#!/bin/sh
# The googlemeet Pulumi provider: Node.js runs the bundled provider beside this file.
if ! command -v node >/dev/null 2>&1; then
  echo "${PLUGIN}: Node.js ${NODE_MAJOR} or newer must be on PATH (https://nodejs.org)" >&2
  exit 1
fi
exec node "$(dirname "$0")/${PLUGIN}.js" "$@"
`;

const CMD_LAUNCHER = `@echo off\r
rem The googlemeet Pulumi provider: Node.js runs the bundled provider beside this file.\r
where node >nul 2>nul || (echo ${PLUGIN}: Node.js ${NODE_MAJOR} or newer must be on PATH ^(https://nodejs.org^) 1>&2 & exit /b 1)\r
node "%~dp0${PLUGIN}.js" %*\r
`;

export interface Bundle {
  /** The entry (pluginEntry.ts), the bundled provider it runs, and the Google API clients it loads on first use. */
  files: string[];
  /** Third-party notices of every package inside the bundle. */
  notices: string;
}

/**
 * The Google API client libraries: most of the bundle's bytes and none of the handshake's needs
 * (the provider loads them on its first resource operation), so they go in a second file that
 * Node.js reads only then. Each name is one the provider requires.
 */
const API_PACKAGES = ["@google-apps/meet", "@google-apps/chat", "google-auth-library"];
const APIS_FILE = `${PLUGIN}-apis.js`;
/** The provider and everything the handshake needs, which the entry runs from V8's code cache. */
const PROVIDER_FILE = `${PLUGIN}-provider.js`;
/** The one grpc-js both files use (the Google clients check credentials with `instanceof`). */
const SHARED_GRPC = `globalThis[Symbol.for("${PLUGIN}/grpc-js")]`;

/** Serves `names` from `contents(name)` instead of node_modules, in esbuild's resolution. */
function replacePackages(
  names: string[],
  contents: (name: string) => string,
  external: string[] = [],
): esbuild.Plugin {
  const exact = (list: string[]) =>
    new RegExp(`^(${list.map((n) => n.replace(/[/.]/g, "\\$&")).join("|")})$`);
  return {
    name: "replace-packages",
    setup(build) {
      build.onResolve({ filter: exact(names) }, (args) => ({ path: args.path, namespace: "replaced" }));
      if (external.length)
        build.onResolve({ filter: exact(external) }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: "replaced" }, (args) => ({
        contents: contents(args.path),
        resolveDir: ".",
      }));
    },
  };
}

/**
 * Bundles the plugin as the npm package runs it (`bin/pulumi-resource-googlemeet`, which requires
 * the compiled `dist/provider/native/main.js`, so run after `npm run build`) with esbuild, into
 * `<workDir>/pulumi-resource-googlemeet-provider.js` and, for the Google clients, `...-apis.js`;
 * and the entry that runs the provider, `pulumi-resource-googlemeet.js` (pluginEntry.ts). The
 * clients carry their protocol descriptions as JSON modules, so they travel inside; nothing is
 * read from a node_modules at run time.
 */
export async function bundlePlugin(repoRoot: string, workDir: string): Promise<Bundle> {
  fs.mkdirSync(workDir, { recursive: true });
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: "node",
    target: `node${NODE_MAJOR}`,
    format: "cjs",
    minify: true,
    // One copy of grpc-js and google-protobuf, shared with Pulumi's protocol code (pulumiCopies.ts).
    define: { PLUGIN_BUNDLE: "true" },
    legalComments: "none",
    metafile: true,
    logLevel: "error",
    nodePaths: [path.join(repoRoot, "node_modules")],
  };
  // The bin script's `main(...)`, exported for the entry, which saves the code cache once it resolves.
  const main = await esbuild.build({
    ...common,
    stdin: {
      contents: 'module.exports = require("../dist/provider/native/main.js").main(process.argv.slice(2));',
      resolveDir: path.join(repoRoot, "bin"),
      sourcefile: `bin/${PLUGIN}`,
    },
    outfile: path.join(workDir, PROVIDER_FILE),
    plugins: [
      replacePackages(
        API_PACKAGES,
        (name) =>
          `${SHARED_GRPC} ??= require("@grpc/grpc-js");\nmodule.exports = require("./${APIS_FILE}")(${JSON.stringify(name)});`,
        [`./${APIS_FILE}`],
      ),
    ],
  });
  const apis = await esbuild.build({
    ...common,
    stdin: {
      contents: `const load = {${API_PACKAGES.map((n) => `${JSON.stringify(n)}: () => require(${JSON.stringify(n)})`).join(", ")}};
module.exports = (name) => load[name]();`,
      resolveDir: repoRoot,
      sourcefile: APIS_FILE,
    },
    outfile: path.join(workDir, APIS_FILE),
    plugins: [replacePackages(["@grpc/grpc-js"], () => `module.exports = ${SHARED_GRPC};`)],
  });
  await bundleEntry(repoRoot, path.join(workDir, `${PLUGIN}.js`), PROVIDER_FILE);
  const notices = path.join(workDir, "THIRD_PARTY_NOTICES");
  const inputs = [main, apis].flatMap((r) => Object.keys(r.metafile!.inputs));
  fs.writeFileSync(notices, thirdPartyNotices(repoRoot, inputs));
  return {
    files: [`${PLUGIN}.js`, PROVIDER_FILE, APIS_FILE].map((f) => path.join(workDir, f)),
    notices,
  };
}

/**
 * Writes the entry (pluginEntry.ts) that runs `providerFile`, the bundle beside it, to `outFile`.
 * The cache it keeps is named for the bundle's digest, so a new bundle never meets an old cache.
 */
export async function bundleEntry(
  repoRoot: string,
  outFile: string,
  providerFile: string,
  nodeMajor = NODE_MAJOR,
): Promise<void> {
  const bundle = fs.readFileSync(path.join(path.dirname(outFile), providerFile));
  const digest = crypto.createHash("sha256").update(bundle).digest("hex").slice(0, 16);
  await esbuild.build({
    entryPoints: [path.join(repoRoot, "dist", "tools", "release", "pluginEntry.js")],
    outfile: outFile,
    bundle: true,
    platform: "node",
    target: `node${NODE_MAJOR}`,
    format: "cjs",
    logLevel: "error",
    // Not minified: short enough to read in the archive.
    banner: {
      js: "// The googlemeet plugin's entry, built from tools/release/pluginEntry.ts (see there for why).",
    },
    define: {
      PLUGIN_NAME: JSON.stringify(PLUGIN),
      NODE_MAJOR: String(nodeMajor),
      PROVIDER_FILE: JSON.stringify(providerFile),
      PROVIDER_DIGEST: JSON.stringify(digest),
    },
  });
}

/** Each bundled package's name, version, license and license text, for the archive. */
function thirdPartyNotices(repoRoot: string, inputs: string[]): string {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const found = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (found) dirs.add(found[1]);
  }
  const sections = [...dirs].sort().map((dir) => {
    const abs = path.resolve(repoRoot, dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(abs, "package.json"), "utf8"));
    const licenseFile = fs.readdirSync(abs).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = licenseFile
      ? fs.readFileSync(path.join(abs, licenseFile), "utf8").trim()
      : "(no license file)";
    return `${pkg.name} ${pkg.version} (${pkg.license ?? "see text"})\n\n${text}\n`;
  });
  return `The googlemeet provider bundle contains these packages:\n\n${sections.join(`\n${"-".repeat(72)}\n\n`)}`;
}

/**
 * Writes one archive per platform into `outDir`; the bundle is pure JavaScript, so the archives of
 * one OS differ only in name. Entries are owned by root, dated at the epoch, in a fixed order, so
 * that the same sources give the same bytes.
 */
export async function pluginArchives(
  bundle: Bundle,
  licenseFile: string,
  version: string,
  workDir: string,
  outDir: string,
): Promise<string[]> {
  const stage = (name: string, launcher: { file: string; text: string }) => {
    const dir = path.join(workDir, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, launcher.file), launcher.text, { mode: 0o755 });
    for (const file of bundle.files) {
      fs.copyFileSync(file, path.join(dir, path.basename(file)));
      fs.chmodSync(path.join(dir, path.basename(file)), 0o644);
    }
    fs.copyFileSync(bundle.notices, path.join(dir, "THIRD_PARTY_NOTICES"));
    fs.copyFileSync(licenseFile, path.join(dir, "LICENSE"));
    return dir;
  };
  const posix = stage("posix", { file: PLUGIN, text: SH_LAUNCHER });
  const windows = stage("windows", { file: `${PLUGIN}.cmd`, text: CMD_LAUNCHER });
  const written: string[] = [];
  for (const platform of PLATFORMS) {
    const dir = platform.os === "windows" ? windows : posix;
    const archive = path.join(outDir, archiveName(version, platform));
    await tar.create(
      { gzip: { level: 9 }, file: archive, cwd: dir, portable: true, mtime: new Date(0), noDirRecurse: true },
      fs.readdirSync(dir).sort(),
    );
    written.push(archive);
  }
  return written;
}
