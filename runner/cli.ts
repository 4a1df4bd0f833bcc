#!/usr/bin/env node
/**
 * `pulumi-meet-local`: run a Pulumi TypeScript program offline. A thin wrapper over runStack.
 */
import { formatResult, jsonResult } from "./format";
import { type Command, RunError, runStack } from "./deploy";

const HELP = `pulumi-meet-local: run a Pulumi TypeScript (or JavaScript) program offline.

Usage: pulumi-meet-local <preview|up|refresh|destroy> [--cwd DIR] [--stack NAME] [--json]

This is NOT the Pulumi engine. It runs the program on the real Pulumi SDK under its mocks and
sends every dynamic resource (pulumi-nodejs:dynamic/...) through Pulumi's real dynamic-provider
host, keeping state in DIR/.pulumi-local/<stack>.json. It exists to run and test programs
offline, without the Pulumi CLI; with the Pulumi CLI installed, use \`pulumi up\`.

Commands:
  preview   check and diff every resource; change nothing, write no state
  up        create, update, replace and delete resources to match the program
  refresh   read every resource in state; record drift and objects gone
  destroy   delete every resource in state, dependents first

Options:
  --cwd DIR      the program directory, holding Pulumi.yaml (default: .)
  --stack NAME   the stack (default: dev); config comes from Pulumi.<NAME>.yaml
  --json         print one JSON document {summary, resources, outputs} on stdout
  -h, --help     show this help

Secrets ({secure: ...} config values) cannot be decrypted offline: give their values in the
PULUMI_CONFIG environment variable as JSON, e.g. PULUMI_CONFIG='{"googlemeet:token":"..."}'.
`;

async function main(argv: string[]): Promise<number> {
  let command: string | undefined;
  let cwd = ".";
  let stack = "dev";
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "-h" || a === "--help") {
      process.stdout.write(HELP);
      return 0;
    } else if (a === "--cwd") cwd = value();
    else if (a.startsWith("--cwd=")) cwd = a.slice(6);
    else if (a === "--stack") stack = value();
    else if (a.startsWith("--stack=")) stack = a.slice(8);
    else if (a === "--json") json = true;
    else if (a.startsWith("-")) throw new Error(`unknown option ${a} (see --help)`);
    else if (command === undefined) command = a;
    else throw new Error(`unexpected argument ${a} (see --help)`);
  }
  if (!command || !["preview", "up", "refresh", "destroy"].includes(command)) {
    process.stderr.write(HELP);
    return 2;
  }
  try {
    const result = await runStack({ cwd, stack, command: command as Command });
    process.stdout.write(formatResult(result, json));
    return 0;
  } catch (err: any) {
    if (err instanceof RunError) {
      if (json)
        process.stdout.write(
          JSON.stringify({ ...jsonResult(err.result), error: err.message }, null, 2) + "\n",
        );
      else if (err.result.resources.length > 0) process.stderr.write(formatResult(err.result, false));
    }
    process.stderr.write(`error: ${err?.message ?? err}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  // Exit explicitly: a program may leave timers or handles behind.
  (code) => process.stdout.write("", () => process.exit(code)),
  (err) => {
    process.stderr.write(`error: ${err?.message ?? err}\n`);
    process.exit(1);
  },
);
