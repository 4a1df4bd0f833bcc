/**
 * The benchmark's report: rows, each a figure beside a baseline measured in the same run, the raw
 * measurements behind them, the Markdown table (docs/benchmarks.md's too), and the results file.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiBinDir } from "../tools/engine/environment";
import { ratio } from "./formulas";
import type { Options } from "./options";

export interface Row {
  figure: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  /** value / baseline; null when the baseline is 0. */
  ratio: number | null;
  note?: string;
}

/**
 * A row as a section reports it. The ratio is value / baseline unless the section gives its own
 * (paired rounds: the median of the rounds' ratios, not the ratio of the two medians).
 */
export type Figure = Omit<Row, "ratio"> & { ratio?: number | null };

/** What one bench run found: its rows, in order, and the raw measurements by section. */
export class Report {
  readonly rows: Row[] = [];
  readonly raw: Record<string, unknown> = {};

  record(figure: Figure): void {
    const { note, ratio: given, ...rest } = figure;
    const r = given === undefined ? ratio(figure.value, figure.baseline) : given;
    this.rows.push({ ...rest, ratio: r, ...(note ? { note } : {}) });
  }
}

/** A number as the table shows it: integers whole, small values to 2 decimals, larger to fewer. */
export function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const a = Math.abs(n);
  return a < 10 ? n.toFixed(2) : n.toFixed(a < 100 ? 1 : 0);
}

/** A line of progress on stderr (the table goes to stdout). */
export function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

/** The rows as a Markdown table (docs/benchmarks.md's, too: `npm run bench -- --table FILE`). */
export function table(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.figure,
    `${fmt(r.value)} ${r.unit}`,
    `${fmt(r.baseline)} ${r.unit} (${r.baselineLabel})`,
    r.ratio === null ? (r.value === 0 ? "=" : "n/a") : r.ratio.toFixed(2),
    r.note ?? "",
  ]);
  const header = ["figure", "measured", "baseline (same run)", "ratio", "note"];
  const width = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    `| ${c.map((x, i) => (i === 1 || i === 3 ? x.padStart(width[i]) : x.padEnd(width[i]))).join(" | ")} |`;
  return [line(header), `|${width.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

/** Prints the table and writes the results file: the rows, the raw figures, the machine and its load. */
export function writeResults(o: Options, report: Report, started: number, loadBefore: number): void {
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = os.loadavg()[0];
  process.stdout.write(
    `\n${table(report.rows)}\n\nbench took ${fmt(seconds)} s; load average ${fmt(loadBefore)} before, ${fmt(loadAfter)} after, on ${os.cpus().length} cores\n`,
  );
  const pulumiVersion = spawnSync(path.join(pulumiBinDir(), "pulumi"), ["version"], {
    encoding: "utf8",
  }).stdout.trim();
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  const doc = {
    date: new Date().toISOString(),
    options: { ...o, out: undefined },
    machine: {
      cores: os.cpus().length,
      node: process.version,
      pulumi: pulumiVersion,
      // Other work on the machine moves every timing: the 1-minute load average before and after.
      loadAverage: { before: loadBefore, after: loadAfter },
    },
    benchSeconds: seconds,
    rows: report.rows,
    raw: report.raw,
  };
  fs.writeFileSync(o.out, `${JSON.stringify(doc, null, 2)}\n`);
  process.stdout.write(`written: ${path.relative(process.cwd(), o.out)}\n`);
}
