/**
 * The READMEs' offline commands, run verbatim: every shell block marked
 * `<!-- run-by: test/engine/readme.test.ts -->` runs as written, from the repository root, with
 * bash. (The quick start's commands are CI's own: `.ci/run` runs them. Blocks that need a Google
 * account cannot run here.)
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, pulumiBinDir } from "../support/engine";
import { listening, untilClosed } from "../support/ports";

const MARK = "<!-- run-by: test/engine/readme.test.ts -->";
const READMES = ["README.md", "examples/basic/README.md", "examples/gitops-rooms/README.md"];

function markedBlocks(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
  return text
    .split(MARK)
    .slice(1)
    .map((rest) => {
      const block = /^\s*```sh\n([\s\S]*?)\n```/.exec(rest);
      assert.ok(block, `${file}: the marker must stand right before a sh block`);
      return block[1];
    });
}

/**
 * Runs `script`; also says whether an emulator it started in the background still listens once it
 * ended (a user following the READMEs in one terminal would find the ports taken by the next block).
 */
function bash(script: string): Promise<{ code: number | null; output: string; leftListening: string[] }> {
  const ports = [...script.matchAll(/--(?:grpc|http)-port (\d+)/g)].map((m) => `127.0.0.1:${m[1]}`);
  return new Promise((resolve) => {
    // In a process group of its own: the README's `&` leaves the emulator running (under npm),
    // and the whole group is stopped once the script ends.
    const child = spawn("bash", ["-c", `set -euo pipefail\n${script}`], {
      cwd: REPO_ROOT,
      env: { ...process.env, PULUMI_BIN_DIR: pulumiBinDir() },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("exit", async (code) => {
      // A stopped emulator closes its ports within seconds; one left running holds them.
      const grace = new Promise((resolve) => setTimeout(resolve, 30_000));
      await Promise.race([Promise.all(ports.map(untilClosed)), grace]);
      const leftListening: string[] = [];
      for (const port of ports) if (await listening(port)) leftListening.push(port);
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // the group is gone already
      }
      resolve({ code, output, leftListening });
    });
  });
}

describe("engine: the READMEs' offline commands, verbatim", function () {
  this.timeout(600_000);
  // The blocks run in the checkout's examples: a developer's own stack there is set aside and put back.
  const kept = ["basic", "gitops-rooms"].flatMap((example) =>
    [".pulumi-local", "Pulumi.dev.yaml"].map((name) => path.join(REPO_ROOT, "examples", example, name)),
  );
  const aside = (file: string) => `${file}.readme-test-aside`;
  before(() => {
    for (const file of kept) if (fs.existsSync(file)) fs.renameSync(file, aside(file));
  });
  after(() => {
    for (const file of kept) {
      fs.rmSync(file, { recursive: true, force: true });
      if (fs.existsSync(aside(file))) fs.renameSync(aside(file), file);
    }
  });

  for (const file of READMEs()) {
    markedBlocks(file).forEach((block, i) => {
      it(`${file}, block ${i + 1}: runs and applies through the real engine`, async () => {
        const before = gitStatus();
        const ran = await bash(block);
        assert.equal(ran.code, 0, ran.output);
        assert.equal(gitStatus(), before, "the commands leave `git status` as it was");
        assert.deepEqual(ran.leftListening, [], "the block stops the emulator it started");
        assert.match(ran.output, /\+ \d+ created/);
        if (/destroy/.test(block)) assert.match(ran.output, /- \d+ deleted/);
      });
    });
  }
});

/** `git status --porcelain` of the checkout (what a user would see change). */
function gitStatus(): string {
  return execFileSync("git", ["status", "--porcelain"], { cwd: REPO_ROOT, encoding: "utf8" });
}

function READMEs(): string[] {
  const found = READMES.filter((f) => markedBlocks(f).length > 0);
  assert.equal(found.length, READMES.length, "each README has a block marked to run");
  return found;
}
