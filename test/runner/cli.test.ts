import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cliPath, FixtureProgram, urnOf } from "./helpers";

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("runner: the pulumi-meet-local command", function () {
  this.timeout(60_000);
  let program: FixtureProgram;
  before(() => {
    program = new FixtureProgram([
      { name: "a", content: "A" },
      { name: "b", content: "B", after: "a" },
    ]);
  });
  after(() => program.dispose());

  it("--help says plainly that it is not the Pulumi engine", () => {
    const r = cli(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /NOT the Pulumi engine/);
    assert.match(r.stdout, /use `pulumi up`/);
    assert.match(r.stdout, /preview \| up \| refresh \| destroy|<preview\|up\|refresh\|destroy>/);
  });

  it("a missing or unknown command exits 2 with the usage", () => {
    assert.equal(cli([]).code, 2);
    assert.equal(cli(["apply"]).code, 2);
  });

  it("up --json prints one JSON document {summary, resources, outputs}", () => {
    const r = cli(["up", "--cwd", program.dir, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ["summary", "resources", "outputs"]);
    assert.deepEqual(doc.summary, { create: 2, update: 0, delete: 0, same: 0 });
    assert.deepEqual(doc.resources, [
      { urn: urnOf("a"), op: "create" },
      { urn: urnOf("b"), op: "create" },
    ]);
    assert.equal(doc.outputs.greeting, "hello from the stack file");
  });

  it("prints a Pulumi-like summary: ~ with the changed field, = for the same, counts, outputs", () => {
    program.setResources([
      { name: "a", content: "A" },
      { name: "b", content: "B2", after: "a" },
    ]);
    const r = cli(["up", "--cwd", program.dir, "--stack", "dev"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}= {2}pulumi-nodejs:dynamic\/fixture:File {2}a$/m);
    assert.match(
      r.stdout,
      /^ {2}~ {2}pulumi-nodejs:dynamic\/fixture:File {2}b {2}update {2}\[diff: content\]$/m,
    );
    assert.match(r.stdout, /~ 1 updated/);
    assert.match(r.stdout, /1 unchanged/);
    assert.match(r.stdout, /Outputs:\n(.*\n)*\s+greeting\s*: "hello from the stack file"/);
  });

  it("a provider failure exits non-zero with the provider's message on stderr", () => {
    program.setResources([{ name: "x", content: "X", fail: "create" }]);
    const r = cli(["up", "--cwd", program.dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: create of .*::x failed: disk is full \(creating x\)/);
    const j = cli(["up", "--cwd", program.dir, "--json"]);
    assert.equal(j.code, 1);
    const doc = JSON.parse(j.stdout);
    assert.match(doc.error, /disk is full/);
    assert.deepEqual(doc.resources.at(-1), {
      urn: urnOf("x"),
      op: "create",
      error: doc.error,
    });
    assert.equal(doc.summary.create, 0);
  });

  it("an unknown stack has no config: configure's require fails, reported with its message", () => {
    const r = cli(["preview", "--cwd", program.dir, "--stack", "nosuch", "--json"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Missing required configuration key: fixture:dir/);
    assert.equal(program.stateText("nosuch"), undefined);
  });
});
