/** The plugin archive's rows: its start-up beside a bare Node.js, both timed from spawn (pluginStartup.ts). */
import { REPO_ROOT } from "../tools/engine/environment";
import { median } from "./formulas";
import { STARTUP_RUNS, pluginStartup, startupRows } from "./pluginStartup";
import { type Report, fmt, progress } from "./report";

export async function pluginRows(report: Report): Promise<void> {
  progress(
    `plugin archive: building it, then ${STARTUP_RUNS} start-ups each of it, node -e 0 and the npm package's plugin`,
  );
  const f = await pluginStartup(REPO_ROOT);
  report.raw.pluginStartup = f;
  const bare = median(f.nodeBare);
  const over = (ms: number) => `${fmt(ms - bare)} ms more than node -e 0`;
  const archive = median(f.archivePlugin);
  report.record({
    figure: `plugin archive (${fmt(f.archiveBytes / 1024)} KiB): start-up, spawn to port printed, median of ${STARTUP_RUNS}`,
    value: archive,
    unit: "ms",
    baseline: bare,
    baselineLabel: "node -e 0 (same run)",
    note: over(archive),
  });
  const npm = median(f.npmPlugin);
  report.record({
    figure: "npm package's plugin (node_modules): start-up, same measure",
    value: npm,
    unit: "ms",
    baseline: bare,
    baselineLabel: "node -e 0 (same run)",
    note: over(npm),
  });
  for (const [figure, value, unit, baseline, baselineLabel, note] of startupRows(f))
    report.record({ figure, value, unit, baseline, baselineLabel, note });
}
