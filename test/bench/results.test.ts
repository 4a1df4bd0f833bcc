/**
 * A bench run leaves `git status` clean: what it writes by default is git-ignored and untracked,
 * and so is where it copies the programs it runs. Checked with git itself (no engine runs).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_RESULTS, parseArgs } from "../../bench/options";
import { REPO_ROOT } from "../../tools/engine/environment";

const git = (...args: string[]) => spawnSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" });

describe("bench results", () => {
  it("the default results file is git-ignored and not tracked", () => {
    const o = parseArgs([], {});
    assert.ok(o !== "help");
    assert.equal(o.out, DEFAULT_RESULTS);
    const relative = path.relative(REPO_ROOT, DEFAULT_RESULTS);
    assert.equal(relative, path.join("bench", "results", "latest.json"));
    const ignored = git("check-ignore", "--no-index", "-q", relative);
    assert.equal(ignored.status, 0, `${relative} is not ignored by .gitignore`);
    const tracked = git("ls-files", "--error-unmatch", relative);
    assert.notEqual(tracked.status, 0, `${relative} is tracked: a bench run would change the checkout`);
  });

  it("the programs' work copies (dist/engine-work) are git-ignored", () => {
    const ignored = git("check-ignore", "--no-index", "-q", "dist/engine-work/fleet-x/Pulumi.fleet.yaml");
    assert.equal(ignored.status, 0);
  });

  it("the figures docs/benchmarks.md shows are committed, and every results file it links exists", () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "benchmarks.md"), "utf8");
    const linked = [...doc.matchAll(/\]\((\.\.\/bench\/results\/[^)]+\.json)\)/g)].map((m) => m[1]);
    assert.ok(linked.includes("../bench/results/reference.json"), `links: ${linked.join(", ")}`);
    for (const link of linked) {
      const file = path.relative(REPO_ROOT, path.resolve(REPO_ROOT, "docs", link));
      assert.equal(git("ls-files", "--error-unmatch", file).status, 0, `${file} is linked but not committed`);
    }
  });
});
