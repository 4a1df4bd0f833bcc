/**
 * Running a program directory through the real Pulumi engine, where no Node.js language host is
 * installed: the program runs inline in this process (Pulumi's Automation API serves the language
 * runtime itself), and everything else is the Pulumi CLI: steps, diffs, checkpoints, config and
 * secrets, refresh, import, plugins. This file is only the glue; it decides nothing about
 * resources.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CreatedRoom } from "../provider/core/receipts";
import { CreatedRooms } from "./created";
import {
  forgetProgramModules,
  installTypeScriptHook,
  makeModuleShim,
  ownPackageRoot,
  prependNodePath,
  resolveMain,
  setOwnNodePath,
} from "./program";
import { Display } from "./display";
import { type GuardOptions, guardRunOptions } from "./guard";
import { type ImportedResource, typescriptFor } from "./importCode";

export type Command = "preview" | "up" | "refresh" | "destroy" | "import" | "cancel";
export const COMMANDS: readonly Command[] = ["preview", "up", "refresh", "destroy", "import", "cancel"];

/** One resource to import: `pulumi import TYPE NAME ID`. */
export interface ImportSpec {
  type: string;
  name: string;
  id: string;
}

export interface RunOptions extends Partial<GuardOptions> {
  /** The program directory, holding Pulumi.yaml. */
  cwd: string;
  stack: string;
  command: Command;
  /** preview/up/refresh: show each property's change (`--diff`). */
  diff?: boolean;
  /** Resource operations at once (`--parallel`); the engine's default when unset. */
  parallel?: number;
  /** import: what to import (else `importFile`). */
  imports?: ImportSpec[];
  /** import: a `pulumi import --file` document. */
  importFile?: string;
  /** Extra environment for the CLI and the plugins it starts. */
  env?: Record<string, string>;
  /** Where the engine's own output goes (default: stderr). */
  out?: NodeJS.WritableStream;
  /** Aborting sends the CLI an interrupt (as Ctrl-C would): it cancels cleanly. */
  signal?: AbortSignal;
}

export interface RunResult {
  command: Command;
  stack: string;
  /** Resource operations by kind (`create`, `update`, `same`, `delete`, `replace`, …). */
  summary: Record<string, number>;
  /** Stack outputs, secrets included as values. */
  outputs: Record<string, unknown>;
  /** import: the program code Pulumi generated for the imported resources. */
  generatedCode?: string;
  /** Rooms this run created that the engine did not report recorded (an interrupted run's). */
  unrecorded: CreatedRoom[];
  /** up: pending creates a killed run left that this run resolved (their resources are now recorded). */
  resolvedPendingCreates?: string[];
}

/** A failed run: the engine's message, the command and the stack. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly command: Command,
    override readonly stack: string,
    /** Rooms the failed run created that the engine did not report recorded. */
    readonly unrecorded: CreatedRoom[] = [],
  ) {
    super(message);
  }
}

type Automation = typeof import("@pulumi/pulumi/automation");

// ---------------------------------------------------------------------------------------------
// The CLI.

/** The bin directory found once per process (the install script answers the same each time). */
let foundBinDir: string | undefined;

/**
 * The directory holding the `pulumi` CLI: PULUMI_BIN_DIR, else one on PATH (a normal install), else
 * the one `npm run pulumi:install` built (building it now, with progress on stderr, when Go is
 * present).
 */
export function pulumiBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PULUMI_BIN_DIR) return env.PULUMI_BIN_DIR;
  if (foundBinDir) return foundBinDir;
  const script = path.join(ownPackageRoot(), "scripts", "pulumi-install.sh");
  try {
    const out = execFileSync("bash", [script], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      // A build's progress is shown; a CLI found is not announced on every run.
      env: { ...env, PULUMI_INSTALL_QUIET: "1" } as NodeJS.ProcessEnv,
    });
    foundBinDir = out.trim().split("\n").pop()!;
    return foundBinDir;
  } catch {
    throw new Error(
      "No Pulumi CLI: none is on PATH and it could not be built from source (see the lines above). Install Pulumi (https://www.pulumi.com/docs/install/) or Go, then run `npm run pulumi:install`.",
    );
  }
}

/**
 * The CLI, started in a process group of its own: an interrupt from the terminal reaches this
 * driver only, which passes exactly one on (a second one stops the CLI at once). Were the CLI in
 * the terminal's group, Ctrl-C would reach it directly and the driver's forward would count as the
 * second, hard interrupt, leaving operations unrecorded.
 */
async function pulumiCommand(
  auto: Automation,
  binDir: string,
): Promise<import("@pulumi/pulumi/automation").PulumiCommand> {
  const command = await auto.PulumiCommand.get({ root: path.dirname(binDir), skipVersionCheck: true });
  const { CommandResult } = require(resolveFrom(auto, "cmd"));
  const { createCommandError } = require(resolveFrom(auto, "errors"));
  const binary = path.join(binDir, "pulumi");
  (command as any).run = (
    args: string[],
    cwd: string,
    additionalEnv: Record<string, string>,
    onOutput?: (s: string) => void,
    onError?: (s: string) => void,
    signal?: AbortSignal,
  ) => {
    if (!args.includes("--non-interactive")) args.push("--non-interactive");
    const env = {
      ...process.env,
      ...additionalEnv,
      PATH: `${binDir}${path.delimiter}${additionalEnv.PATH ?? process.env.PATH}`,
      PULUMI_AUTOMATION_API: "true",
    };
    return new Promise((resolve, reject) => {
      const child = spawn(binary, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      running.add(child);
      let stdout = "";
      let stderr = "";
      child.stdout!.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        onOutput?.(d);
      });
      child.stderr!.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
        onError?.(d);
      });
      const interrupt = () => child.kill("SIGINT");
      signal?.addEventListener("abort", interrupt);
      child.on("error", (err) => {
        running.delete(child);
        reject(createCommandError(new CommandResult("", err.message, -2, err)));
      });
      child.on("close", (code) => {
        running.delete(child);
        signal?.removeEventListener("abort", interrupt);
        const result = new CommandResult(stdout, stderr, code ?? -1);
        if (code === 0) resolve(result);
        else reject(createCommandError(result));
      });
    });
  };
  return command;
}

function resolveFrom(auto: Automation, file: string): string {
  const index = Object.keys(require.cache).find((k) => require.cache[k]?.exports === auto);
  return path.join(path.dirname(index ?? require.resolve("@pulumi/pulumi/automation")), file);
}

/** CLI processes running now: interrupted again (a hard stop) on a second signal, killed at exit. */
const running = new Set<ChildProcess>();

/** Sends the running CLIs a second interrupt: Pulumi then stops at once. */
export function hardStop(): void {
  for (const child of running) child.kill("SIGINT");
}

process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

// ---------------------------------------------------------------------------------------------
// The program.

/** Stack settings as the CLI reads them: `Pulumi.yaml` of the program directory. */
function projectOf(cwd: string): { name: string; main?: string } {
  const file = ["Pulumi.yaml", "Pulumi.yml", "Pulumi.json"].map((f) => path.join(cwd, f)).find(fs.existsSync);
  if (!file)
    throw new Error(`no Pulumi.yaml in ${path.resolve(cwd)}: --cwd must name a Pulumi project directory`);
  const text = fs.readFileSync(file, "utf8");
  const name = /^name:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
  const main = /^main:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
  if (!name) throw new Error(`${file} has no "name"`);
  return { name, main };
}

/** Loads the Automation API the program itself uses, so the program and the engine share one SDK. */
function automationFor(cwd: string): Automation {
  const entry = require.resolve("@pulumi/pulumi/automation", { paths: [cwd, ownPackageRoot()] });
  return require(entry);
}

/**
 * Runs `options.command` on the program in `options.cwd` through the real engine. State lives in
 * PULUMI_BACKEND_URL, by default a file backend in `<cwd>/.pulumi-local`; secrets use the
 * passphrase in PULUMI_CONFIG_PASSPHRASE(_FILE), empty when neither is set.
 */
export async function runStack(options: RunOptions): Promise<RunResult> {
  const cwd = path.resolve(options.cwd);
  const project = projectOf(cwd);
  const out = options.out ?? process.stderr;
  const shim = makeModuleShim(cwd);
  const previousNodePath = process.env.NODE_PATH;
  const nodePath = prependNodePath(shim.nodePath, previousNodePath);
  setOwnNodePath(nodePath);
  try {
    const auto = automationFor(cwd);
    const given: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    const binDir = pulumiBinDir(given);
    const envVars: Record<string, string> = {
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_BACKEND_URL: given.PULUMI_BACKEND_URL ?? `file://${path.join(cwd, ".pulumi-local")}`,
      ...(given.PULUMI_CONFIG_PASSPHRASE === undefined && !given.PULUMI_CONFIG_PASSPHRASE_FILE
        ? { PULUMI_CONFIG_PASSPHRASE: "" }
        : {}),
      ...(nodePath ? { NODE_PATH: nodePath } : {}),
      ...options.env,
    };
    if (envVars.PULUMI_BACKEND_URL.startsWith("file://")) {
      fs.mkdirSync(envVars.PULUMI_BACKEND_URL.slice("file://".length), { recursive: true });
    }
    const program = async () => {
      installTypeScriptHook(
        cwd,
        path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [cwd, ownPackageRoot()] })),
      );
      forgetProgramModules(cwd);
      const mod = require(resolveMain(cwd, project.main));
      const exported = mod?.__esModule && "default" in mod ? mod.default : mod;
      return typeof exported === "function" ? await exported() : { ...mod };
    };
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      { stackName: options.stack, projectName: project.name, program },
      {
        workDir: cwd,
        pulumiCommand: await pulumiCommand(auto, binDir),
        envVars,
      },
    );
    const display = new Display(out);
    const created = new CreatedRooms();
    // The CLI's closing "error: …" lines repeat the diagnostics: kept for the summary only.
    const closingErrors: string[] = [];
    const stream = {
      onOutput: (s: string) => display.text(s),
      onError: (s: string) => {
        for (const line of s.split("\n")) {
          if (/^error: /.test(line)) closingErrors.push(line.slice("error: ".length));
          else if (line) out.write(`${line}\n`);
        }
      },
      onEvent: (event: import("@pulumi/pulumi/automation").EngineEvent) => {
        // The display prints each created line once; the tracker remembers which the engine recorded.
        created.onEvent(event);
        display.event(event);
      },
      signal: options.signal,
      color: "never" as const,
      ...(options.parallel ? { parallel: options.parallel } : {}),
    };
    const summaryOf = (changes?: Record<string, number>) => ({ ...(changes ?? {}) });
    const run = async (): Promise<Omit<RunResult, "command" | "stack" | "unrecorded">> => {
      switch (options.command) {
        case "preview": {
          const r = await stack.preview({ ...stream, diff: options.diff, ...guardRunOptions(options) });
          return { summary: summaryOf(r.changeSummary), outputs: {} };
        }
        case "up": {
          const r = await stack.up({ ...stream, diff: options.diff, ...guardRunOptions(options) });
          return {
            summary: summaryOf(r.summary.resourceChanges),
            outputs: plainOutputs(r.outputs),
            resolvedPendingCreates: await dropResolvedPendingCreates(stack, created.createdUrns),
          };
        }
        case "refresh": {
          const r = await stack.refresh({ ...stream, ...({ diff: options.diff } as object) });
          return { summary: summaryOf(r.summary.resourceChanges), outputs: {} };
        }
        case "destroy": {
          const r = await stack.destroy(stream);
          return { summary: summaryOf(r.summary.resourceChanges), outputs: {} };
        }
        case "cancel":
          await stack.cancel();
          return { summary: {}, outputs: {} };
        case "import": {
          const resources = importSpecs(options);
          // Pulumi's code generation needs the Node.js language host; the code is written here.
          const r = await stack.import({ ...stream, resources, protect: false, generateCode: false });
          const state = (await stack.exportStack()).deployment?.resources ?? [];
          return {
            summary: summaryOf(r.summary.resourceChanges),
            outputs: {},
            generatedCode: typescriptFor(importedFrom(state, resources)),
          };
        }
      }
    };
    try {
      const result = await run();
      display.end();
      return { command: options.command, stack: options.stack, ...result, unrecorded: created.unrecorded() };
    } catch (err) {
      display.end();
      // Events, then the CLI's closing lines, then its whole output: each error once.
      const summary = display.failureSummary([...closingErrors, ...engineFailure(err).split("\n")]);
      throw new RunError(summary || engineFailure(err), options.command, options.stack, created.unrecorded());
    }
  } finally {
    setOwnNodePath(previousNodePath);
    shim.dispose();
  }
}

/**
 * A killed run leaves a pending CREATE in the state for each resource it was creating; the engine
 * keeps them, and warns about them on every run, until a user clears them. Those this `up` has
 * just created (a room adopted through its create receipt, or made anew) are settled: they are
 * dropped from the state, and only they. Returns their URNs.
 */
async function dropResolvedPendingCreates(
  stack: import("@pulumi/pulumi/automation").Stack,
  createdNow: ReadonlySet<string>,
): Promise<string[]> {
  if (!createdNow.size) return [];
  const state = await stack.exportStack();
  const pending: { type: string; resource: { urn: string } }[] = state.deployment?.pending_operations ?? [];
  const resolved = pending.filter((op) => op.type === "creating" && createdNow.has(op.resource.urn));
  if (!resolved.length) return [];
  state.deployment.pending_operations = pending.filter((op) => !resolved.includes(op));
  await stack.importStack(state);
  return resolved.map((op) => op.resource.urn);
}

function plainOutputs(outputs: Record<string, { value: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

function readImportFile(file: string): ImportSpec[] {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(doc?.resources))
    throw new Error(`${file}: expected {"resources": [{type, name, id}, ...]}`);
  return doc.resources;
}

/** What to import, refusing dynamic types up front: Pulumi cannot import them (pulumi/pulumi#3550). */
function importSpecs(options: RunOptions): ImportSpec[] {
  const resources = options.importFile ? readImportFile(options.importFile) : (options.imports ?? []);
  const dynamic = resources.find((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  if (dynamic) {
    throw new Error(
      `${dynamic.type} cannot be imported: Pulumi does not import dynamic resources. Take the room over from the program instead, with \`adopt: "${dynamic.id}"\` on its MeetSpace, or import the native type (googlemeet:index:MeetSpace) and declare it with the native SDK.`,
    );
  }
  return resources;
}

/** The state's record of each imported resource, in the order asked for. */
function importedFrom(
  state: { urn: string; type: string; inputs?: Record<string, unknown> }[],
  asked: ImportSpec[],
): ImportedResource[] {
  return asked.flatMap((spec) => {
    const found = state.find((r) => r.type === spec.type && r.urn.endsWith(`::${spec.name}`));
    return found ? [{ type: spec.type, name: spec.name, inputs: found.inputs ?? {} }] : [];
  });
}

/** The engine's own words for a failed run (its output was streamed already), without the stack trace. */
function engineFailure(err: unknown): string {
  const e = err as { commandResult?: { stderr?: string; stdout?: string; code?: number }; message?: string };
  const result = e.commandResult;
  if (!result) return String(e.message ?? err);
  const text = `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
  const diagnostics = /\nDiagnostics:\n([\s\S]*?)(?:\n(?:Outputs|Resources|Duration):|$)/.exec(text)?.[1];
  const errors = (diagnostics ?? result.stderr ?? "")
    .split("\n")
    .filter((l) => /error:/.test(l))
    .map((l) => l.trim());
  return errors.length
    ? errors.join("\n")
    : (result.stderr || `the Pulumi CLI exited with code ${result.code}`).trim();
}
