/** The generated TypeScript SDK of the native face, for engine tests' programs. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./engine";

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
