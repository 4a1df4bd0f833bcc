/**
 * `npm run pulumi:install` on a CLI cache that already exists (as CI reuses one): it adds the
 * policy-pack runner beside the CLI without building anything, leaves it alone when unchanged,
 * and never replaces a real Node.js language host.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-install.sh");

describe("pulumi:install writes the policy-pack runner into an existing CLI cache", () => {
  let cache: string;
  let bin: string;
  // No pulumi on PATH (the script would use it), and no go: nothing may be built.
  const pathWithoutPulumi = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => !fs.existsSync(path.join(dir, "pulumi")) && !fs.existsSync(path.join(dir, "go")))
    .join(path.delimiter);
  const install = (pathPrefix = "") =>
    execFileSync("bash", [SCRIPT], {
      env: { ...process.env, PATH: pathPrefix + pathWithoutPulumi, PULUMI_GOOGLE_MEET_CACHE: cache },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });

  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), "meet-cli-cache-"));
    bin = path.join(cache, "pulumi-v3.274.1", "bin");
    fs.mkdirSync(bin, { recursive: true });
    for (const exe of ["pulumi", "pulumi-language-yaml"]) {
      fs.writeFileSync(path.join(bin, exe), "#!/bin/sh\n", { mode: 0o755 });
    }
    fs.writeFileSync(path.join(cache, "pulumi-v3.274.1", ".complete"), "");
  });
  afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

  it("adds both shims to a cache built before the runner existed, and prints the bin directory", () => {
    const out = install();
    assert.equal(out.trim().split("\n").pop(), bin);
    const runner = path.join(bin, "pulumi-language-nodejs");
    assert.equal(
      fs.readFileSync(runner, "utf8"),
      fs.readFileSync(path.join(REPO_ROOT, "scripts", "policy-pack-host.js"), "utf8"),
    );
    assert.ok(fs.statSync(runner).mode & 0o100, "executable");
    assert.ok(fs.existsSync(path.join(bin, "pulumi-resource-pulumi-nodejs")));
  });

  it("also when the cache's own pulumi is on PATH (a CI job that put it there before)", () => {
    const out = install(`${bin}${path.delimiter}`);
    assert.equal(out.trim().split("\n").pop(), bin);
    assert.ok(fs.existsSync(path.join(bin, "pulumi-language-nodejs")));
  });

  it("is idempotent: a second run replaces nothing (a running engine may be executing the file)", () => {
    install();
    const runner = path.join(bin, "pulumi-language-nodejs");
    const before = fs.statSync(runner);
    install();
    const after = fs.statSync(runner);
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.deepEqual(
      fs.readdirSync(bin).filter((f) => f.startsWith(".shim")),
      [],
      "no temporary file left behind",
    );
  });

  it("updates a runner it wrote before, and leaves a real language host alone", () => {
    install();
    const runner = path.join(bin, "pulumi-language-nodejs");
    fs.writeFileSync(runner, "#!/bin/sh\n# an older runner\n", { mode: 0o755 });
    install();
    assert.match(fs.readFileSync(runner, "utf8"), /only runs policy packs/);

    fs.rmSync(path.join(bin, ".policy-pack-host"));
    fs.writeFileSync(runner, "#!/bin/sh\n# the real pulumi-language-nodejs\n", { mode: 0o755 });
    install();
    assert.equal(fs.readFileSync(runner, "utf8"), "#!/bin/sh\n# the real pulumi-language-nodejs\n");
  });
});
