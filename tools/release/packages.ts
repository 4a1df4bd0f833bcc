/**
 * The language packages of a release, each built from this checkout into the release folder:
 * the npm package, the Node.js SDK tarball, the Python sdist and wheel, and the Go SDK module.
 * The SDKs are built from copies (building writes beside the sources); `sdk/` is never changed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const quiet = {
  stdio: ["ignore", "pipe", "inherit"] as ("ignore" | "pipe" | "inherit")[],
  encoding: "utf8" as const,
};

/** `npm pack` of this package (dist/ is built already, so no lifecycle scripts). */
export function npmPackage(repoRoot: string, outDir: string): string {
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", outDir], {
    ...quiet,
    cwd: repoRoot,
  });
  return path.join(outDir, JSON.parse(out)[0].filename);
}

/**
 * The Node.js SDK `@pulumi-google-meet/googlemeet`: sdk/nodejs compiled to JavaScript with
 * declarations, beside its package.json, README and the license, then packed. Compiled without type
 * checks: the generated code is typed against @pulumi/pulumi 3.270 (its `exists()`), newer than
 * the one this repository builds with on Node 20; the SDK's consumers type-check it against theirs.
 */
export function nodeSdk(repoRoot: string, licenseFile: string, workDir: string, outDir: string): string {
  const source = path.join(repoRoot, "sdk", "nodejs");
  const stage = path.join(workDir, "sdk-nodejs");
  fs.rmSync(stage, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      require.resolve("typescript/bin/tsc", { paths: [repoRoot] }),
      "-p",
      path.join(source, "tsconfig.json"),
      "--noCheck",
      "--outDir",
      stage,
      "--declaration",
      "--sourceMap",
      "false",
    ],
    { ...quiet, cwd: repoRoot },
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8"));
  // What a consumer needs: no build script or compiler to install with it.
  delete manifest.scripts;
  delete manifest.devDependencies;
  manifest.main = "index.js";
  manifest.types = "index.d.ts";
  manifest.engines = { node: ">=20" };
  manifest.repository = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).repository;
  fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.copyFileSync(path.join(source, "README.md"), path.join(stage, "README.md"));
  fs.copyFileSync(licenseFile, path.join(stage, "LICENSE"));
  return npmPackage(stage, outDir);
}

/**
 * The Python sdist and wheel of sdk/python, built by PyPA's `build` from a throwaway virtualenv (so
 * CI needs nothing but python3). The package README is the one the generator writes inside the
 * package; the license goes beside it.
 */
export function pythonSdk(repoRoot: string, licenseFile: string, workDir: string, outDir: string): string[] {
  const stage = path.join(workDir, "sdk-python");
  fs.rmSync(stage, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, "sdk", "python"), stage, {
    recursive: true,
    filter: (src) => !/(__pycache__|\.egg-info|[/\\]build)$/.test(src),
  });
  fs.copyFileSync(path.join(stage, "pulumi_googlemeet", "README.md"), path.join(stage, "README.md"));
  fs.copyFileSync(licenseFile, path.join(stage, "LICENSE"));
  const venv = path.join(workDir, "build-venv");
  const python = path.join(venv, process.platform === "win32" ? "Scripts" : "bin", "python");
  if (!fs.existsSync(python)) {
    execFileSync("python3", ["-m", "venv", venv], quiet);
    execFileSync(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", "build"], quiet);
  }
  const before = new Set(fs.readdirSync(outDir));
  try {
    execFileSync(python, ["-m", "build", "--sdist", "--wheel", "--outdir", outDir, stage], {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (err: any) {
    throw new Error(`python -m build failed:\n${err.stdout}${err.stderr}`);
  }
  return fs
    .readdirSync(outDir)
    .filter((f) => !before.has(f))
    .map((f) => path.join(outDir, f));
}

/**
 * The Go SDK as the module a tag `sdk/go/v<version>` publishes (a copy of sdk/go), checked to
 * build on its own with its go.sum as committed, and as a tarball for the checksums.
 */
export function goSdk(
  repoRoot: string,
  version: string,
  module: string,
  outDir: string,
): { dir: string; tag: string } {
  const dir = path.join(outDir, "sdk-go");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, "sdk", "go"), dir, { recursive: true });
  const goMod = fs.readFileSync(path.join(dir, "go.mod"), "utf8");
  const declared = /^module (\S+)/.exec(goMod)?.[1];
  if (declared !== module)
    throw new Error(
      `sdk/go/go.mod declares module ${declared}, the release setting says ${module}: run npm run sdk:gen`,
    );
  execFileSync("go", ["build", "./..."], {
    ...quiet,
    cwd: dir,
    env: { ...process.env, GOFLAGS: "-mod=readonly", GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? "local" },
  });
  return { dir, tag: `sdk/go/v${version}` };
}
