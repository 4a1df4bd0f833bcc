/** The generated TypeScript SDK of the native face, for engine tests' programs. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, engineEnv, pulumiBinDir, tempBackend } from "./engine";

/** The generated TypeScript SDK compiled into `<dir>/node_modules/@pulumi-google-meet/googlemeet`. */
export function installNodeSdk(dir: string): void {
  const target = path.join(dir, "node_modules", "@pulumi-google-meet", "googlemeet");
  fs.mkdirSync(target, { recursive: true });
  // Emitted without type checks: the SDK's `exists()` wants @pulumi/pulumi >= 3.270 (Node 22)
  // types, this repository's is 3.248; nothing here calls it.
  execFileSync(
    process.execPath,
    [
      require.resolve("typescript/bin/tsc"),
      "-p",
      path.join(REPO_ROOT, "sdk", "nodejs", "tsconfig.json"),
      "--noCheck",
      "--outDir",
      target,
      "--declaration",
      "false",
      "--declarationMap",
      "false",
    ],
    { stdio: "inherit" },
  );
  fs.copyFileSync(path.join(REPO_ROOT, "sdk", "nodejs", "package.json"), path.join(target, "package.json"));
}

/**
 * A program directory under `dist/engine-work/` (inside the checkout, where the driver resolves
 * this package and its SDK), holding `files`, removed at exit; with the native SDK when `nativeSdk`.
 */
export function programDir(prefix: string, files: Record<string, string>, nativeSdk = true): string {
  const root = path.join(REPO_ROOT, "dist", "engine-work");
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, `${prefix}-`));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  if (nativeSdk) installNodeSdk(dir);
  return dir;
}

/** The driver's environment for both faces: a fresh backend, the plugin in bin/ on PATH, the emulator. */
export function bothFacesEnv(emulatorGrpc: string): Record<string, string> {
  const base = engineEnv(tempBackend());
  return {
    ...base,
    PATH: `${path.join(REPO_ROOT, "bin")}${path.delimiter}${base.PATH}`,
    PULUMI_BIN_DIR: pulumiBinDir(),
    GOOGLE_MEET_EMULATOR_HOST: emulatorGrpc,
  };
}
