#!/usr/bin/env node
/**
 * `pulumi-meet-local`: runs a Pulumi TypeScript/JavaScript program directory through the real
 * Pulumi CLI on machines without the Node.js language host. A thin wrapper over runStack.
 */
import { COMMANDS, type Command, type ImportSpec, RunError, hardStop, runStack } from "./engine";
import { type GuardOptions, checkGuardOptions, parseGuardOption } from "./guard";

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
  command: Command;
  cwd: string;
  stack: string;
  diff: boolean;
  json: boolean;
  parallel?: number;
  imports?: ImportSpec[];
  importFile?: string;
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
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}" (commands: ${COMMANDS.join(", ")})`);
  }
  checkGuardOptions(command, args.guard, (m) => new UsageError(m));
  if (command === "import") {
    if (args.importFile && rest.length)
      throw new UsageError("import takes TYPE NAME ID or --file FILE, not both");
    if (!args.importFile) {
      if (rest.length !== 3) throw new UsageError("import needs TYPE NAME ID (or --file FILE)");
      args.imports = [{ type: rest[0], name: rest[1], id: rest[2] }];
    }
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
    if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (args.command === "cancel")
      process.stdout.write(`pulumi-meet-local: stack "${args.stack}" unlocked\n`);
    else if (result.generatedCode)
      process.stdout.write(
        `\nDeclare the imported resources in the program (as written, the next \`up\` changes nothing):\n\n${result.generatedCode}`,
      );
    return interrupts ? 130 : 0;
  } catch (err: any) {
    const message = explain(err, args);
    if (args.json)
      process.stdout.write(
        `${JSON.stringify({ command: args.command, stack: args.stack, error: message }, null, 2)}\n`,
      );
    process.stderr.write(`\npulumi-meet-local: ${args.command} failed:\n${message}\n`);
    return interrupts ? 130 : 1;
  }
}

/** Adds what to do where the engine's words alone leave a user stuck. */
function explain(err: any, args: Args): string {
  const message = err instanceof RunError ? err.message : String(err?.message ?? err);
  if (/currently locked/.test(message)) {
    return `${message}\nThe stack "${args.stack}" is locked: another run is in progress, or one was killed (SIGKILL, a lost CI machine) before it could unlock. If none is running: \`pulumi-meet-local cancel --cwd ${args.cwd} --stack ${args.stack}\`, then \`up\` again. Rooms that killed run created may exist without being in the state: their names are in its output ("googlemeet: created spaces/…"); see the README's troubleshooting to adopt them instead of making duplicates.`;
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
