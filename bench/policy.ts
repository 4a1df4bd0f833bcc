/**
 * What the policy pack costs: `pulumi preview` of a fleet of rooms (a Pulumi YAML program through
 * the native provider, the real CLI) with `--policy-pack policy` and without it, interleaved in
 * the same run so that both see the same machine. One of `npm run bench`'s sections; alone:
 * `npm run bench:policy [-- --rooms N --runs N]`.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator } from "../emulator";
import { UNPACED, engineEnv, pulumiBinDir, tempBackend, writeStackConfig } from "../tools/engine/environment";
import { ensurePolicyPack } from "../tools/engine/policyPack";
import { median } from "./formulas";
import type { Figure } from "./report";
import { nativeFleetYaml } from "./nativeFleet";

function cli(
  dir: string,
  env: Record<string, string>,
  args: string[],
): Promise<{ seconds: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      path.join(pulumiBinDir(), "pulumi"),
      ["--non-interactive", "--color=never", ...args],
      {
        cwd: dir,
        env: { ...process.env, ...env },
      },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out = (out + d).slice(-6000);
    });
    child.stderr.on("data", (d) => {
      out = (out + d).slice(-6000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`pulumi ${args.join(" ")} failed (exit ${code}):\n${out}`));
      else resolve({ seconds: (performance.now() - started) / 1000, out });
    });
  });
}

/**
 * Previews of `rooms` rooms, `runs` times each way, alternating: first on a new stack (every room
 * a create), then after `up` (every room unchanged, as a pull request's preview mostly sees).
 */
export async function policyFigures(
  rooms: number,
  cohosts: number,
  runs = 3,
  progress: (line: string) => void = () => {},
): Promise<Figure[]> {
  const pack = ensurePolicyPack();
  const emulator = await startEmulator();
  try {
    // The fleet's rooms are compliant: TRUSTED, moderated, co-hosts of the owner's domain.
    const dir = tempBackend();
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), nativeFleetYaml("fleet-guarded", rooms, cohosts));
    const env = engineEnv(tempBackend(), { GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress });
    await cli(dir, env, ["stack", "init", "bench"]);
    writeStackConfig(dir, "bench", UNPACED);
    const guarded = ["--policy-pack", pack];
    const figures: Figure[] = [];
    const measure = async (label: string) => {
      const plain: number[] = [];
      const withPack: number[] = [];
      for (let i = 0; i < runs; i++) {
        plain.push((await cli(dir, env, ["preview"])).seconds);
        const ran = await cli(dir, env, ["preview", ...guarded]);
        if (!ran.out.includes("✅ google-meet-guardrails"))
          throw new Error(`the pack did not run:\n${ran.out}`);
        withPack.push(ran.seconds);
        progress(
          `policy: ${label} ${i + 1}/${runs}: ${plain[i].toFixed(2)} s plain, ${withPack[i].toFixed(2)} s with the pack`,
        );
      }
      figures.push({
        figure: `preview, ${label}, with the policy pack`,
        value: median(withPack),
        unit: "s",
        baseline: median(plain),
        baselineLabel: "the same preview without it",
        note: `median of ${runs}, alternating; ${rooms} rooms through the native provider (YAML)`,
      });
    };
    await measure(`${rooms} rooms to create`);
    await cli(dir, env, ["up", "--yes", "--skip-preview"]);
    await measure(`${rooms} rooms unchanged`);
    return figures;
  } finally {
    await emulator.stop();
  }
}

function numberArg(argv: string[], flag: string, fallback: number): number {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return fallback;
  const text = argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  if (!/^[1-9]\d*$/.test(text ?? ""))
    throw new Error(`${flag} must be a positive whole number, got "${text}"`);
  return Number(text);
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const rooms = numberArg(argv, "--rooms", 200);
  const runs = numberArg(argv, "--runs", 3);
  policyFigures(rooms, 5, runs, (line) => process.stderr.write(`  ${line}\n`)).then(
    (figures) => {
      for (const f of figures) {
        process.stdout.write(
          `${f.figure}: ${f.value.toFixed(2)} ${f.unit} against ${f.baseline.toFixed(2)} ${f.unit} (${f.baselineLabel}): ratio ${(f.value / f.baseline).toFixed(2)}\n`,
        );
      }
      process.exit(0);
    },
    (err) => {
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exit(1);
    },
  );
}
