/**
 * The plugin archive's entry, `pulumi-resource-googlemeet.js` (the launcher runs it with Node.js):
 * refuses an older Node.js with a sentence, then runs the bundled provider from V8's code cache.
 *
 * Why a cache: compiling the 0.9 MB bundle is most of what the plugin spends before it can print
 * its port. After the first start on a given Node.js, this entry saves V8's compiled code for the
 * bundle, taken once the port is printed so that it holds every function the start-up ran, in
 * `code-cache/` beside it (in the plugin's install directory); later starts load that instead of
 * compiling. V8 refuses a cache made by another V8, with other flags or for another source; the
 * entry then compiles as usual and saves a new one. Where the directory cannot be written, the
 * plugin simply starts without one. (Node.js 22's `module.enableCompileCache` keeps only the
 * top-level code and writes it at exit, which an engine-stopped plugin never reaches.)
 *
 * The release build (plugin.ts) bundles this file with esbuild and fills in the constants below.
 */
// Plain `require`s (TypeScript's `import x = require`), so the entry in the archive reads as written.
import fs = require("node:fs");
import path = require("node:path");
import vm = require("node:vm");
import Module = require("node:module");

/** The plugin's name, for messages. */
declare const PLUGIN_NAME: string;
/** The oldest Node.js major version the bundle runs on. */
declare const NODE_MAJOR: number;
/** The bundled provider's file name, beside this one. */
declare const PROVIDER_FILE: string;
/** A digest of the bundle, so that a cache never outlives the bundle it was made for. */
declare const PROVIDER_DIGEST: string;

interface Loaded {
  exports: unknown;
  script: vm.Script;
}

/** Runs a CommonJS file through `vm.Script`, whose compiled code can be saved and reused. */
function runCommonJs(file: string, cachedData: Buffer | undefined): Loaded {
  const source = fs.readFileSync(file, "utf8");
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const loaded = { exports: {} as unknown };
  script
    .runInThisContext()
    .call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file));
  return { exports: loaded.exports, script };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes V8's code for `script` as it is now; written whole then renamed, as plugins may start together. */
function saveCodeCache(script: vm.Script, file: string): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(partial, script.createCachedData());
    fs.renameSync(partial, file);
  } catch {
    // A read-only install: the plugin starts without a cache, as on its first start.
    fs.rm(partial, { force: true }, () => {});
  }
}

function main(): void {
  if (Number(process.versions.node.split(".")[0]) < NODE_MAJOR) {
    process.stderr.write(`${PLUGIN_NAME}: needs Node.js ${NODE_MAJOR} or newer, found ${process.version}\n`);
    process.exit(1);
  }
  const cacheFile = path.join(
    __dirname,
    "code-cache",
    `${PROVIDER_DIGEST}-node${process.version}-${process.arch}.bin`,
  );
  const cachedData = readIfPresent(cacheFile);
  // The bundle's exports: its `main`, resolved once the port is printed.
  const { exports: started, script } = runCommonJs(path.join(__dirname, PROVIDER_FILE), cachedData);
  (started as Promise<void>).then(
    () => {
      if (!cachedData || script.cachedDataRejected) saveCodeCache(script, cacheFile);
    },
    (err) => {
      process.stderr.write(`${PLUGIN_NAME}: ${err?.stack ?? err}\n`);
      process.exit(1);
    },
  );
}

main();
