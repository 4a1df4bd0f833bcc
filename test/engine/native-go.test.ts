/**
 * examples/go through the real engine: the generated Go SDK (sdk/go, by a replace directive) in a
 * program built with `go build`, run inline by the Go SDK's Automation API (`sdk/v3/go/auto`), the
 * native plugin found on PATH, against the emulator, with the same exact calls as Python and YAML.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/engine";
import { describeRoomsExample, jsonDriver } from "./nativeRooms";

function buildExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "go-rooms-bin-"));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const binary = path.join(dir, "meet-go-rooms");
  execFileSync("go", ["build", "-o", binary, "."], {
    cwd: path.join(REPO_ROOT, "examples", "go"),
    stdio: "inherit",
    env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? "local" },
  });
  return binary;
}

describeRoomsExample("engine: examples/go (generated SDK, Automation API inline program)", () =>
  jsonDriver(buildExample(), []),
);
