/**
 * examples/python through the real engine: the generated Python SDK installed with pip into a
 * virtualenv, the program run inline by PyPI `pulumi`'s Automation API, the native plugin found on
 * PATH, against the emulator, with the same exact calls as the YAML and TypeScript examples.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/engine";
import { describeRoomsExample, jsonDriver } from "./nativeRooms";

/** The PyPI `pulumi` used (the newest the registry here serves). */
const PYTHON_PULUMI = "3.272.0";
const VENV = path.join(
  process.env.PULUMI_GOOGLE_MEET_CACHE ?? path.join(os.homedir(), ".cache", "pulumi-google-meet"),
  `py-venv-pulumi-${PYTHON_PULUMI}`,
);

/** A virtualenv with `pulumi` (made once, cached) and this checkout's generated SDK (reinstalled). */
function pythonWithSdk(): string {
  const python = path.join(VENV, "bin", "python");
  if (!fs.existsSync(path.join(VENV, ".complete"))) {
    execFileSync("python3", ["-m", "venv", VENV], { stdio: "inherit" });
    execFileSync(python, ["-m", "pip", "install", "-q", `pulumi==${PYTHON_PULUMI}`], { stdio: "inherit" });
    fs.writeFileSync(path.join(VENV, ".complete"), "");
  }
  // From a copy: building the package writes build/ and *.egg-info beside its sources.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-python-"));
  fs.cpSync(path.join(REPO_ROOT, "sdk", "python"), copy, { recursive: true });
  execFileSync(python, ["-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", copy], {
    stdio: "inherit",
  });
  fs.rmSync(copy, { recursive: true, force: true });
  return python;
}

describeRoomsExample("engine: examples/python (generated SDK, Automation API inline program)", () =>
  jsonDriver(pythonWithSdk(), [path.join(REPO_ROOT, "examples", "python", "rooms.py")]),
);
