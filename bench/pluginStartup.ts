/**
 * The release's plugin archive: its size, and how long the plugin takes from spawn to printing its
 * port (the engine waits for that line before its first call), beside a bare `node -e 0` (spawn to
 * exit) measured in the same run. The runs are paired: one of each in turn, so that other work on
 * the machine weighs on both alike. Beside wall time, the CPU time (user + system) each process
 * used, which other work on the machine sways far less, and the load average over the runs.
 *
 * The archive is timed as a user meets it after its first start (the entry's code cache written,
 * see tools/release/pluginEntry.ts) and, separately, on a first start (no cache yet). Also the same
 * for the npm package's plugin (bin/pulumi-resource-googlemeet, modules loaded from node_modules),
 * which the archive replaces.
 *
 * `npm run bench -- --plugin` runs this section alone. On a busy machine, wall times stretch with
 * the load, the plugin's more than node's (it does more); run as root, `chrt -f 10 npm run bench --
 * --plugin` puts the runs ahead of other work, close to what an idle machine measures.
 */
import { spawn } from "node:child_process";
import { procCpuMs } from "./procStat";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as tar from "tar";
import { VERSION } from "../provider/native/release";
import { PLUGIN, archiveName, bundlePlugin, hostPlatform, pluginArchives } from "../tools/release/plugin";

export const STARTUP_RUNS = 10;

/** An address where nothing listens: the engine passes its own, which the plugin dials only to log. */
const ENGINE_ADDRESS = "127.0.0.1:1";

export interface StartupFigures {
  archiveBytes: number;
  /** Milliseconds of wall time, one per run: spawn to exit for `node -e 0`, else to the port's line. */
  nodeBare: number[];
  archivePlugin: number[];
  /** The archive's plugin with no code cache yet, as on its first start on this Node.js. */
  archiveFirstStart: number[];
  npmPlugin: number[];
  /** Milliseconds of CPU time (user + system) of each run's process; absent where not measurable. */
  cpu?: { nodeBare: number[]; archivePlugin: number[] };
  /** The 1-minute load average before and after the runs, and the machine's cores. */
  load: { before: number; after: number; cores: number };
}

interface Run {
  wallMs: number;
  cpuMs: number | undefined;
}

/**
 * Spawns `command`; resolves with the milliseconds until its first stdout line (or, `untilExit`,
 * its exit), and the CPU time the process used, read once it has exited (a plugin is stopped on its
 * line; it is idle by then).
 */
function timeToFirstLine(command: string, args: string[], untilExit = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const cpuBefore = procCpuMs("self", "children");
    const started = performance.now();
    let wallMs: number | undefined;
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (!untilExit && wallMs === undefined && out.includes("\n")) {
        wallMs = performance.now() - started;
        if (!/^\d+\n/.test(out)) reject(new Error(`${command} printed ${JSON.stringify(out)}, not a port`));
        child.kill();
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (untilExit) wallMs = performance.now() - started;
      if (wallMs === undefined) reject(new Error(`${command} exited (${code}) before printing its port`));
      const cpuAfter = procCpuMs("self", "children");
      resolve({
        wallMs: wallMs!,
        cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      });
    });
  });
}

/** Starts the plugin once and waits for its entry to write the code cache, as a first start does. */
async function warmCodeCache(launcher: string): Promise<void> {
  const cacheDir = path.join(path.dirname(launcher), "code-cache");
  const child = spawn(launcher, [ENGINE_ADDRESS], { stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let waited = 0; waited < 30_000; waited += 50) {
      const files = fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : [];
      if (files.some((f) => f.endsWith(".bin"))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the plugin wrote no code cache into ${cacheDir} within 30 s`);
  } finally {
    child.kill();
    await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(undefined)));
  }
}

/** Builds this host's archive from the compiled checkout, unpacks it, and times the runs. */
export async function pluginStartup(repoRoot: string, runs = STARTUP_RUNS): Promise<StartupFigures> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plugin-"));
  try {
    const bundle = await bundlePlugin(repoRoot, path.join(work, "bundle"));
    fs.mkdirSync(path.join(work, "out"));
    await pluginArchives(
      bundle,
      path.join(repoRoot, "LICENSE"),
      VERSION,
      path.join(work, "bundle"),
      path.join(work, "out"),
    );
    const archive = path.join(work, "out", archiveName(VERSION, hostPlatform()));
    // Two installs: one started before (its code cache written), one kept as on its first start.
    const install = async (name: string) => {
      const dir = path.join(work, name);
      fs.mkdirSync(dir);
      await tar.extract({ file: archive, cwd: dir });
      return path.join(dir, process.platform === "win32" ? `${PLUGIN}.cmd` : PLUGIN);
    };
    const launcher = await install("installed");
    const firstStartLauncher = await install("first-start");
    const firstStartCache = path.join(path.dirname(firstStartLauncher), "code-cache");
    const npmBin = path.join(repoRoot, "bin", PLUGIN);

    await warmCodeCache(launcher);
    // One more of each to warm the file cache, then the paired runs.
    await timeToFirstLine(process.execPath, ["-e", "0"], true);
    await timeToFirstLine(launcher, [ENGINE_ADDRESS]);
    await timeToFirstLine(process.execPath, [npmBin, ENGINE_ADDRESS]);
    const load = { before: os.loadavg()[0], after: 0, cores: os.cpus().length };
    const bare: Run[] = [];
    const cached: Run[] = [];
    const first: Run[] = [];
    const npm: Run[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await timeToFirstLine(process.execPath, ["-e", "0"], true));
      cached.push(await timeToFirstLine(launcher, [ENGINE_ADDRESS]));
      fs.rmSync(firstStartCache, { recursive: true, force: true });
      first.push(await timeToFirstLine(firstStartLauncher, [ENGINE_ADDRESS]));
      npm.push(await timeToFirstLine(process.execPath, [npmBin, ENGINE_ADDRESS]));
    }
    load.after = os.loadavg()[0];
    const wall = (rs: Run[]) => rs.map((r) => r.wallMs);
    const cpu = (rs: Run[]) => rs.map((r) => r.cpuMs).filter((ms): ms is number => ms !== undefined);
    const measurable = cpu(bare).length === runs && cpu(cached).length === runs;
    return {
      archiveBytes: fs.statSync(archive).size,
      nodeBare: wall(bare),
      archivePlugin: wall(cached),
      archiveFirstStart: wall(first),
      npmPlugin: wall(npm),
      ...(measurable ? { cpu: { nodeBare: cpu(bare), archivePlugin: cpu(cached) } } : {}),
      load,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const whole = (ms: number) => Math.round(ms);

/**
 * The rows beside the archive's median (which the bench records itself): its first start, the CPU
 * time of both, and the load the runs met. Each as the bench's `record` takes them.
 */
export function startupRows(
  f: StartupFigures,
): [figure: string, value: number, unit: string, baseline: number, baselineLabel: string, note?: string][] {
  const bare = median(f.nodeBare);
  const firstStart = median(f.archiveFirstStart);
  const rows: ReturnType<typeof startupRows> = [
    [
      `plugin archive's first start on a Node.js (no code cache yet): same measure, median of ${f.archiveFirstStart.length}`,
      firstStart,
      "ms",
      bare,
      "node -e 0 (same run)",
      `${whole(firstStart - bare)} ms more than node -e 0`,
    ],
  ];
  if (f.cpu) {
    const pluginCpu = mean(f.cpu.archivePlugin);
    const bareCpu = mean(f.cpu.nodeBare);
    rows.push([
      `plugin archive: CPU time (user + system) to port printed, mean of ${f.cpu.archivePlugin.length} (10 ms ticks)`,
      pluginCpu,
      "ms",
      bareCpu,
      "node -e 0 CPU time (same runs)",
      `${whole(pluginCpu - bareCpu)} ms more than node -e 0`,
    ]);
  }
  rows.push([
    `load average (1 min) after the start-up runs, per core (${f.load.cores} cores)`,
    f.load.after,
    "",
    f.load.cores,
    "cores",
    `${f.load.before.toFixed(1)} before them${f.load.after > f.load.cores ? "; a loaded machine stretches wall times, CPU times far less" : ""}`,
  ]);
  return rows;
}
