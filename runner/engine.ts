/**
 * Running a program directory through the real Pulumi engine, where no Node.js language host is
 * installed: the program runs inline in this process (Pulumi's Automation API serves the language
 * runtime itself), and everything else is the Pulumi CLI: steps, diffs, checkpoints, config and
 * secrets, refresh, import, plugins. This file is only the glue; it decides nothing about
 * resources.
 */
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
import { type ImportSpec, importSpecs, importedFrom, typescriptFor } from "./importCode";
import { type Automation, pulumiBinDir, pulumiCommand } from "./pulumiCli";

export type Command = "preview" | "up" | "refresh" | "destroy" | "import" | "cancel";
export const COMMANDS: readonly Command[] = ["preview", "up", "refresh", "destroy", "import", "cancel"];

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
