#!/usr/bin/env node
/**
 * `pulumi-meet-local`: runs a Pulumi TypeScript/JavaScript program directory through the real
 * Pulumi CLI on machines without the Node.js language host. A thin wrapper over runStack.
 */
import * as fs from "node:fs";
import type { CreatedRoom } from "../provider/core/receipts";
import { receiptsFromLog, recoveryAdvice, roomsInLog } from "./created";
import { COMMANDS, type Command, RunError, runStack } from "./engine";
import { type GuardOptions, checkGuardOptions, parseGuardOption } from "./guard";
import type { ImportSpec } from "./importCode";
import { hardStop } from "./pulumiCli";

const HELP = `pulumi-meet-local: run a Pulumi TypeScript or JavaScript program through the real Pulumi engine
on a machine without Pulumi's Node.js language host.

Usage: pulumi-meet-local <command> [--cwd DIR] [--stack NAME] [--diff] [--parallel N] [--json]

The program runs inline in this process (Pulumi's Automation API); everything else is the Pulumi
CLI: steps, diffs, checkpoints, config, secrets, refresh, import. With a normal Pulumi install,
use \`pulumi up\` in the directory instead. The CLI is the one on PATH, else the one built by
\`npm run pulumi:install\` (built now, with progress, when Go is present).

Commands:
  preview                 show what up would do; change nothing
  up                      create, update, replace and delete resources to match the program
  refresh                 read every resource; record drift and objects gone
  destroy                 delete every resource in the stack
  import TYPE NAME ID     adopt an existing resource into the stack (native provider types)
  import --file FILE      the same for every resource in a \`pulumi import --file\` document
  cancel                  release the lock a killed run left on the stack
  recover LOG             on a machine other than the one a killed run ran on: file the rooms
                          its saved output LOG names ("googlemeet: created … as <URN>") as create
                          receipts here, so that the next \`up\` adopts them instead of making more

Options:
  --cwd DIR      the program directory, holding Pulumi.yaml (default: .)
  --stack NAME   the stack (default: dev); config from Pulumi.<NAME>.yaml, as the CLI reads it
  --diff         show each property's change (preview, up, refresh)
  --parallel N   at most N resource operations at once (default: the engine's)
  --json         print one JSON document {command, stack, summary, outputs} on stdout
  --policy-pack DIR          run a policy pack (preview, up); repeatable
  --policy-pack-config FILE  its configuration (JSON), one per --policy-pack, in order
  --refresh                  read every resource first (preview, up)
  --expect-no-changes        fail if anything would change (preview, up): drift checks in pipelines
  -h, --help     show this help

State: PULUMI_BACKEND_URL, by default file://DIR/.pulumi-local. Secrets: set them with
\`pulumi config set --secret\`; the passphrase is PULUMI_CONFIG_PASSPHRASE (empty if unset).
Ctrl-C once: the engine cancels and records the operations in flight. Twice: stop at once.
`;

interface Args {
  command: Command | "recover";
  cwd: string;
  stack: string;
  diff: boolean;
  json: boolean;
  parallel?: number;
  imports?: ImportSpec[];
  importFile?: string;
  /** recover: the saved output of the killed run. */
  log?: string;
  guard: GuardOptions;
}

class UsageError extends Error {}

function parse(argv: string[]): Args | "help" {
  const positional: string[] = [];
  const args: Partial<Args> & {
    cwd: string;
    stack: string;
    diff: boolean;
    json: boolean;
    guard: GuardOptions;
  } = {
    cwd: ".",
    stack: "dev",
    diff: false,
    json: false,
    guard: { policyPacks: [], policyPackConfigs: [] },
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "-h" || a === "--help") return "help";
    else if (a === "--cwd") args.cwd = value();
    else if (a.startsWith("--cwd=")) args.cwd = a.slice(6);
    else if (a === "--stack") args.stack = value();
    else if (a.startsWith("--stack=")) args.stack = a.slice(8);
    else if (a === "--file") args.importFile = value();
    else if (a === "--diff") args.diff = true;
    else if (a === "--parallel" || a.startsWith("--parallel=")) {
      const v = a === "--parallel" ? value() : a.slice(11);
      if (!/^[1-9]\d*$/.test(v))
        throw new UsageError(`--parallel must be a positive whole number, got "${v}"`);
      args.parallel = Number(v);
    } else if (a === "--json") args.json = true;
    else if (parseGuardOption(a, value, args.guard)) continue;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  const [command, ...rest] = positional;
  if (!command) throw new UsageError("no command given");
  if (!(COMMANDS as readonly string[]).includes(command) && command !== "recover") {
    throw new UsageError(`unknown command "${command}" (commands: ${[...COMMANDS, "recover"].join(", ")})`);
  }
  checkGuardOptions(command, args.guard, (m) => new UsageError(m));
  if (command === "import") {
    if (args.importFile && rest.length)
      throw new UsageError("import takes TYPE NAME ID or --file FILE, not both");
    if (!args.importFile) {
      if (rest.length !== 3) throw new UsageError("import needs TYPE NAME ID (or --file FILE)");
      args.imports = [{ type: rest[0], name: rest[1], id: rest[2] }];
    }
  } else if (command === "recover") {
    if (rest.length !== 1)
      throw new UsageError("recover needs LOG: the saved output of the run that was killed");
    args.log = rest[0];
  } else {
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (args.importFile) throw new UsageError("--file is for import only");
  }
  return { ...args, command: command as Args["command"] };
}

async function main(argv: string[]): Promise<number> {
  let args: Args | "help";
  try {
    args = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`pulumi-meet-local: ${err.message}\n\n${HELP}`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  // Stay alive while the engine cancels: exiting would close its output and kill it mid-cancel.
  const abort = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write(
        `\npulumi-meet-local: ${sig}: asking the engine to cancel; it finishes and records the operations in flight. Interrupt again to stop at once (operations in flight are then not recorded).\n`,
      );
      abort.abort();
    } else {
      process.stderr.write(`\npulumi-meet-local: ${sig} again: stopping the engine now.\n`);
      hardStop();
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  if (args.command === "recover") return recover(args.log!);
  try {
    const result = await runStack({
      cwd: args.cwd,
      stack: args.stack,
      command: args.command,
      diff: args.diff,
      parallel: args.parallel,
      imports: args.imports,
      importFile: args.importFile,
      ...args.guard,
      out: args.json ? process.stderr : process.stdout,
      signal: abort.signal,
    });
    if (interrupts) printRecovery(result.unrecorded, args);
    if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (args.command === "cancel")
      process.stdout.write(`pulumi-meet-local: stack "${args.stack}" unlocked\n`);
    else if (result.generatedCode)
      process.stdout.write(
        `\nDeclare the imported resources in the program (as written, the next \`up\` changes nothing):\n\n${result.generatedCode}`,
      );
    if (result.resolvedPendingCreates?.length && !args.json) {
      process.stdout.write(
        `pulumi-meet-local: ${result.resolvedPendingCreates.length} pending create${result.resolvedPendingCreates.length > 1 ? "s" : ""} left by a killed run ${result.resolvedPendingCreates.length > 1 ? "are" : "is"} now recorded; cleared from the state\n`,
      );
    }
    return interrupts ? 130 : 0;
  } catch (err: any) {
    const message = explain(err, args);
    if (args.json)
      process.stdout.write(
        `${JSON.stringify({ command: args.command, stack: args.stack, error: message }, null, 2)}\n`,
      );
    process.stderr.write(`\npulumi-meet-local: ${args.command} failed:\n${message}\n`);
    if (err instanceof RunError) printRecovery(err.unrecorded, args);
    return interrupts ? 130 : 1;
  }
}

/** A run that ended abnormally names, together, the rooms it made that Pulumi may lack. */
function printRecovery(rooms: CreatedRoom[], args: Args): void {
  const advice = recoveryAdvice(rooms, args.cwd, args.stack);
  if (advice) process.stderr.write(`\npulumi-meet-local: ${advice.replace(/\n/g, "\n  ")}\n`);
}

/**
 * `recover LOG`: files a create receipt here for each room the log names with its resource. The
 * next `up` (after `cancel`, if the killed run left the stack locked) then adopts each room that
 * still exists, as the machine that made it would have.
 */
function recover(file: string): number {
  let text: string;
  try {
    text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (err) {
    process.stderr.write(`pulumi-meet-local: recover: cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const { rooms, conflicting } = roomsInLog(text);
  if (conflicting.length) {
    process.stderr.write(
      `pulumi-meet-local: recover: ${conflicting.join(", ")}: named with more than one resource in ${file}; left out (adopt by hand with the resource's \`adopt\` input)\n`,
    );
  }
  const named = rooms.filter((r) => r.urn);
  const unnamed = rooms.filter((r) => !r.urn).map((r) => r.space);
  if (unnamed.length) {
    process.stderr.write(
      `pulumi-meet-local: recover: ${unnamed.join(", ")} ${unnamed.length > 1 ? "are" : "is"} named without a resource (an older version printed it so); adopt ${unnamed.length > 1 ? "each" : "it"} with the resource's \`adopt\` input\n`,
    );
  }
  if (!named.length) {
    process.stderr.write(
      `pulumi-meet-local: recover: ${file} names no room with its resource ("googlemeet: created spaces/… (…) for … as urn:pulumi:…")\n`,
    );
    return 1;
  }
  receiptsFromLog(named, `${new Date().toISOString()} (from ${file})`);
  process.stdout.write(
    `pulumi-meet-local: recover: ${named.length} room${named.length > 1 ? "s" : ""} filed as create receipts: ${named.map((r) => `${r.space} (${r.urn!.split("::").pop()})`).join(", ")}. The next \`up\` of their stack on this machine adopts each that still exists (\`cancel\` first if the killed run left the stack locked).\n`,
  );
  return 0;
}

/** Adds what to do where the engine's words alone leave a user stuck. */
function explain(err: any, args: Args): string {
  const message = err instanceof RunError ? err.message : String(err?.message ?? err);
  if (/currently locked/.test(message)) {
    return `${message}\nThe stack "${args.stack}" is locked: another run is in progress, or one was killed (SIGKILL, a lost CI machine) before it could unlock. If none is running: \`pulumi-meet-local cancel --cwd ${args.cwd} --stack ${args.stack}\`, then \`up\` again. Rooms that killed run created may exist without being in the state: on the machine that ran it, the next \`up\` adopts them by itself; elsewhere, \`pulumi-meet-local recover LOG --cwd ${args.cwd} --stack ${args.stack}\` records them from its saved output ("googlemeet: created …" lines) once the stack is unlocked; see the README's troubleshooting.`;
  }
  return message;
}

main(process.argv.slice(2)).then(
  (code) => process.stdout.write("", () => process.exit(code)),
  (err) => {
    process.stderr.write(`pulumi-meet-local: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
