/**
 * `npm run bench`: what an apply through the real Pulumi engine costs a user, set beside what the
 * API, the engine and the machine allow. A benchmark, not a test: it prints a table and writes
 * the results file (git-ignored; see options.ts). Every row has a baseline measured in the same
 * run: the minimum number of calls, the latency bound, the same stack's no-op apply, the engine's
 * floor (do-nothing dynamic resources of the same input shape, bench/floor, in paired rounds), the
 * same apply without checkpoints, a do-nothing provider in the same provider host, the quota
 * ceiling. The native face's rows run the same rooms as a generated Pulumi YAML program through
 * bin/pulumi-resource-googlemeet.
 *
 * The sections, each in its own file: fleet.ts (applies of the fleet, measured) and fleetRows.ts
 * (its rows), refreshRead.ts, quota.ts, policy.ts, pluginRows.ts; formulas.ts holds the arithmetic,
 * report.ts the table and the results file, engine.ts the cold applies.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { Engine, stopOnSignal } from "./engine";
import { runFleet } from "./fleet";
import { fleetRows } from "./fleetRows";
import { HELP, type Options, UsageError, parseArgs } from "./options";
import { pluginRows } from "./pluginRows";
import { policyFigures } from "./policy";
import { quotaRows } from "./quota";
import { refreshReadRows } from "./refreshRead";
import { Report, progress, table, writeResults } from "./report";

async function main(argv: string[]): Promise<number> {
  let o: Options | "help";
  try {
    o = parseArgs(argv, process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bench: ${err.message} (see --help)\n`);
    return 2;
  }
  if (o === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  if (o.table) {
    process.stdout.write(`${table(JSON.parse(fs.readFileSync(o.table, "utf8")).rows)}\n`);
    return 0;
  }
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  const report = new Report();
  stopOnSignal();
  if (o.pluginOnly) {
    process.stdout.write(
      `pulumi-google-meet plugin archive, ${os.cpus().length} cores, Node ${process.version}\n`,
    );
    await pluginRows(report);
    writeResults(o, report, started, loadBefore);
    return 0;
  }
  const engine = new Engine();
  process.stdout.write(
    `pulumi-google-meet benchmark through the real Pulumi engine: ${o.rooms} rooms x ${o.cohosts} co-hosts, ` +
      `${o.latencyMs} ms per call, --parallel ${engine.parallel}, ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  const fleet = await runFleet(o, engine);
  fleetRows(fleet, report);
  await refreshReadRows(
    o,
    { roomInputs: fleet.entries.rooms[0]?.inputs, floorInputs: fleet.entries.floor[0]?.inputs },
    report,
  );
  await quotaRows(o, engine, report);
  for (const f of await policyFigures(o.rooms, o.cohosts, 3, progress)) report.record(f);
  await pluginRows(report);
  writeResults(o, report, started, loadBefore);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exit(1);
    },
  );
}
