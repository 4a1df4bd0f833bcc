/** `npm run bench`'s command line: usage, knobs, and refusals that name the argument (no engine runs). */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { parseArgs } from "../../bench/options";
import { REPO_ROOT } from "../support/engine";

const BENCH = path.join(REPO_ROOT, "dist", "bench", "index.js");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BENCH, ...args], {
    encoding: "utf8",
    env: { ...process.env, BENCH_ROOMS: "" },
  });

describe("bench command line", () => {
  it("defaults to 200 rooms x 5 co-hosts at 30 ms; flags and environment variables set the knobs", () => {
    const defaults = parseArgs([], {});
    assert.ok(defaults !== "help");
    assert.deepEqual(
      { ...defaults, out: undefined },
      {
        rooms: 200,
        cohosts: 5,
        latencyMs: 30,
        quotaRooms: 60,
        mixedRooms: 30,
        pairs: 3,
        hostCalls: 200,
        out: undefined,
      },
    );
    assert.equal(defaults.out, path.join(REPO_ROOT, "bench", "results", "latest.json"));
    const set = parseArgs(["--rooms", "800", "--latency=10", "--out", "/tmp/r.json"], { BENCH_COHOSTS: "2" });
    assert.ok(set !== "help");
    assert.deepEqual([set.rooms, set.latencyMs, set.cohosts, set.out], [800, 10, 2, "/tmp/r.json"]);
    const fromEnv = parseArgs([], { BENCH_ROOMS: "800" });
    assert.ok(fromEnv !== "help");
    assert.equal(fromEnv.rooms, 800);
  });

  it("refuses an unknown argument or a bad value, naming it", () => {
    assert.throws(() => parseArgs(["--room", "3"], {}), { message: 'unknown argument "--room"' });
    assert.throws(() => parseArgs(["up"], {}), { message: 'unknown argument "up"' });
    assert.throws(() => parseArgs(["--rooms", "ten"], {}), {
      message: '--rooms must be a whole number of at least 1, got "ten"',
    });
    assert.throws(() => parseArgs(["--rooms"], {}), { message: "--rooms needs a value" });
    assert.throws(() => parseArgs([], { BENCH_QUOTA_ROOMS: "5" }), {
      message: 'BENCH_QUOTA_ROOMS must be a whole number of at least 20, got "5"',
    });
  });

  it("--help prints the usage with every knob and exits 0; an unknown argument exits 2 naming it", () => {
    const help = run("--help");
    assert.equal(help.status, 0);
    for (const knob of [
      "--rooms",
      "BENCH_ROOMS",
      "--cohosts",
      "--latency",
      "--quota-rooms",
      "--mixed-rooms",
      "--pairs",
      "BENCH_PAIRS",
      "--host-calls",
      "--out",
      "--table",
    ])
      assert.match(help.stdout, new RegExp(knob));
    const bad = run("--bogus");
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'bench: unknown argument "--bogus" (see --help)\n');
    assert.equal(bad.stdout, "");
  });
});
