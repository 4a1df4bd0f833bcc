/**
 * The release's plugin archive: its size, and how long the plugin takes from spawn to printing its
 * port (the engine waits for that line before its first call), beside a bare `node -e 0` measured
 * in the same run, alternating, so that other work on the machine weighs on both alike. Also the
 * same for the npm package's plugin (bin/pulumi-resource-googlemeet, modules loaded from
 * node_modules), which the archive's bundle replaces.
 *
 * `npm run bench -- --plugin` runs this section alone.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as tar from "tar";
import { VERSION } from "../provider/native/release";
import { archiveName, bundlePlugin, hostPlatform, pluginArchives } from "../tools/release/plugin";

export const STARTUP_RUNS = 10;

export interface StartupFigures {
  archiveBytes: number;
  /** Milliseconds, one per run. */
  nodeBare: number[];
  archivePlugin: number[];
  npmPlugin: number[];
}

/** Spawns `command` and resolves with the milliseconds until its first stdout line (or its exit). */
function timeToFirstLine(command: string, args: string[], untilExit = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (!untilExit && out.includes("\n")) {
        const ms = performance.now() - started;
        if (!/^\d+\n/.test(out)) reject(new Error(`${command} printed ${JSON.stringify(out)}, not a port`));
        child.kill();
        resolve(ms);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (untilExit) resolve(performance.now() - started);
      else if (!out.includes("\n")) reject(new Error(`${command} exited (${code}) before printing its port`));
    });
  });
}

/** Builds this host's archive from the compiled checkout, unpacks it, and times the three. */
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
    const installed = path.join(work, "installed");
    fs.mkdirSync(installed);
    await tar.extract({ file: archive, cwd: installed });
    const launcher = path.join(
      installed,
      process.platform === "win32" ? "pulumi-resource-googlemeet.cmd" : "pulumi-resource-googlemeet",
    );
    const figures: StartupFigures = {
      archiveBytes: fs.statSync(archive).size,
      nodeBare: [],
      archivePlugin: [],
      npmPlugin: [],
    };
    const npmBin = path.join(repoRoot, "bin", "pulumi-resource-googlemeet");
    // One warm-up of each (file cache), then alternating runs.
    await timeToFirstLine(launcher, []);
    await timeToFirstLine(process.execPath, [npmBin]);
    for (let i = 0; i < runs; i++) {
      figures.nodeBare.push(await timeToFirstLine(process.execPath, ["-e", "0"], true));
      figures.archivePlugin.push(await timeToFirstLine(launcher, []));
      figures.npmPlugin.push(await timeToFirstLine(process.execPath, [npmBin]));
    }
    return figures;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
