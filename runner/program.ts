/**
 * Loading a Pulumi program in this process: module resolution and TypeScript.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The root directory of this package (`pulumi-google-meet`), found upwards from this file. */
export function ownPackageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, "utf8")).name === "pulumi-google-meet") return dir;
      } catch {
        // keep looking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the pulumi-google-meet package root above ${__dirname}`);
    dir = up;
  }
}

/**
 * Whether package `name` is installed where a program in `fromDir` finds it: a `node_modules`
 * directory at or above `fromDir`, or a NODE_PATH entry. (Not require.resolve: inside this package
 * it would answer through the package's self-reference.)
 */
export function isInstalledFor(name: string, fromDir: string): boolean {
  let dir = path.resolve(fromDir);
  for (;;) {
    if (fs.existsSync(path.join(dir, "node_modules", name, "package.json"))) return true;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const extra = (process.env.NODE_PATH ?? "").split(path.delimiter).filter(Boolean);
  return extra.some((d) => fs.existsSync(path.join(d, name, "package.json")));
}

export interface ModuleShim {
  /** Directory to prepend to NODE_PATH, or undefined when the program resolves everything itself. */
  nodePath?: string;
  /** Removes the temporary directory. */
  dispose(): void;
}

/**
 * When the program directory cannot resolve `pulumi-google-meet` (the examples inside this
 * repository) or `@pulumi/pulumi`, makes a temporary `node_modules` whose entries are symlinks to
 * this package and to the `@pulumi/pulumi` this package uses. The caller prepends its path to
 * NODE_PATH for both the host process and this one.
 */
export function makeModuleShim(cwd: string): ModuleShim {
  const root = ownPackageRoot();
  const links: Array<[string, string]> = [];
  if (!isInstalledFor("pulumi-google-meet", cwd)) links.push(["pulumi-google-meet", root]);
  if (!isInstalledFor("@pulumi/pulumi", cwd)) {
    const ours = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [root] }));
    links.push(["@pulumi/pulumi", ours]);
  }
  if (links.length === 0) return { dispose() {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-meet-local-"));
  const nodeModules = path.join(dir, "node_modules");
  for (const [name, target] of links) {
    const link = path.join(nodeModules, name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link, "dir");
  }
  // Also removed if the process exits mid-run (process.exit, mocha --exit).
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once("exit", remove);
  return {
    nodePath: nodeModules,
    dispose() {
      process.off("exit", remove);
      remove();
    },
  };
}

/** NODE_PATH with `dir` prepended. */
export function prependNodePath(dir: string | undefined, current: string | undefined): string | undefined {
  if (!dir) return current;
  return current ? `${dir}${path.delimiter}${current}` : dir;
}

/** Sets NODE_PATH of this process and makes the module loader re-read it. */
export function setOwnNodePath(value: string | undefined): void {
  if (value === undefined) delete process.env.NODE_PATH;
  else process.env.NODE_PATH = value;
  (require("node:module") as any)._initPaths();
}

/**
 * Makes `require()` of `.ts` files work in this process, the simple way: each file is transpiled
 * alone with `typescript.transpileModule` to CommonJS ES2020 (no type checking, as Pulumi's own
 * language host does by default with `transpileOnly`). The compiler is the program's own
 * `typescript`, else this package's, else the TypeScript 3.8 that @pulumi/pulumi vendors. A `.ts`
 * hook installed by someone else (ts-node) is left alone.
 */
export function installTypeScriptHook(cwd: string, pulumiDir: string): void {
  const exts = (require("node:module") as any)._extensions as Record<string, any>;
  if (exts[".ts"]) return;
  const candidates = [
    () => require(require.resolve("typescript", { paths: [cwd] })),
    () => require(require.resolve("typescript", { paths: [ownPackageRoot()] })),
    () => require(path.join(pulumiDir, "vendor", "typescript@3.8.3", "typescript")),
  ];
  let ts: any;
  for (const load of candidates) {
    try {
      ts = load();
      if (typeof ts.transpileModule === "function") break;
      ts = undefined;
    } catch {
      // try the next one
    }
  }
  if (!ts) throw new Error("cannot load a TypeScript compiler to run a .ts program");
  exts[".ts"] = (module: any, filename: string) => {
    const source = fs.readFileSync(filename, "utf8");
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
        inlineSourceMap: true,
        useDefineForClassFields: false,
      },
      reportDiagnostics: false,
    });
    module._compile(out.outputText, filename);
  };
}

/**
 * The program's entry file: Pulumi.yaml `main` (a file or a directory), else the directory itself
 * (package.json `main`, else `index.js` / `index.ts`).
 */
export function resolveMain(cwd: string, main: string | undefined): string {
  const target = path.resolve(cwd, main ?? ".");
  try {
    return require.resolve(target);
  } catch {
    throw new Error(
      `cannot find the program's entry point in ${target} (set "main" in Pulumi.yaml, or add index.ts)`,
    );
  }
}

/** Forgets cached modules of the program directory (not its node_modules), so a run loads afresh. */
export function forgetProgramModules(cwd: string): void {
  const prefix = path.resolve(cwd) + path.sep;
  const real = fs.realpathSync(cwd) + path.sep;
  for (const key of Object.keys(require.cache)) {
    if (
      (key.startsWith(prefix) || key.startsWith(real)) &&
      !key.includes(`${path.sep}node_modules${path.sep}`)
    ) {
      delete require.cache[key];
    }
  }
}
