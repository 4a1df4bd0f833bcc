import * as assert from "node:assert/strict";
import { RunError, type RunResult, runStack } from "../../runner";
import { FixtureProgram, type FileSpec, fixtureSource, packageRoot, quiet, urnOf } from "./helpers";

function opsOf(result: RunResult): Record<string, string> {
  return Object.fromEntries(result.resources.map((r) => [r.urn.split("::").pop()!, r.op]));
}

describe("runner: runStack on a program with a file-writing dynamic provider", function () {
  this.timeout(60_000);
  const start: FileSpec[] = [
    { name: "a", content: "A" },
    { name: "b", content: "B", after: "a" },
  ];
  let program: FixtureProgram;
  const run = (command: "preview" | "up" | "refresh" | "destroy", env?: Record<string, string>) =>
    runStack({ cwd: program.dir, command, onOutput: quiet().onOutput, env });

  before(() => {
    program = new FixtureProgram(start);
  });
  after(() => program.dispose());

  it("up creates every resource through the real host, with real ids and outputs", async () => {
    const result = await run("up");
    assert.deepEqual(result.summary, { create: 2, update: 0, delete: 0, same: 0 });
    assert.deepEqual(
      result.resources.map((r) => [r.urn, r.op]),
      [
        [urnOf("a"), "create"],
        [urnOf("b"), "create"],
      ],
    );
    assert.deepEqual(program.ops(), [
      { op: "create", id: "a-1" },
      { op: "create", id: "b-2" },
    ]);
    // b's content embeds a's real output: the mock returned the host's outputs to the program.
    assert.equal(program.file("b-2"), `B after ${program.out}/a-1.txt`);
    assert.equal(result.outputs.greeting, "hello from the stack file");
    assert.deepEqual(result.outputs.sizes, { a: 1, b: `B after ${program.out}/a-1.txt`.length });
    // pulumi-google-meet resolves by name both in this process and in the host (via the shim).
    assert.equal(result.outputs.programPkg, "pulumi-google-meet");
    const state = program.state();
    assert.equal(state.version, 1);
    assert.deepEqual(
      state.resources.map((r: any) => [r.name, r.id, r.order, r.type]),
      [
        ["a", "a-1", 0, "pulumi-nodejs:dynamic/fixture:File"],
        ["b", "b-2", 1, "pulumi-nodejs:dynamic/fixture:File"],
      ],
    );
    assert.equal(state.resources[0].outputs.pkg, "pulumi-google-meet");
    assert.equal(typeof state.resources[0].outputs.__provider, "string");
    assert.equal(typeof state.resources[0].inputs.__provider, "string");
    assert.deepEqual(state.outputs, result.outputs);
  });

  it("passes the stack config from Pulumi.dev.yaml to the provider's configure", () => {
    const seen = program.configureSeen();
    assert.equal(seen["fixture:greeting"], "hello from the stack file");
    assert.equal(seen["fixture:dir"], program.out);
  });

  it("up again reports every resource the same and calls no create/update/delete", async () => {
    const result = await run("up");
    assert.deepEqual(result.summary, { create: 0, update: 0, delete: 0, same: 2 });
    assert.equal(program.ops().length, 2);
  });

  it("preview reports a change but changes nothing and writes no state", async () => {
    const before = program.stateText();
    program.setResources([{ name: "a", content: "A2" }, start[1]]);
    const result = await run("preview");
    assert.equal(result.preview, true);
    assert.deepEqual(result.resources[0], { urn: urnOf("a"), op: "update", changed: ["content"] });
    assert.equal(program.ops().length, 2);
    assert.equal(program.file("a-1"), "A");
    assert.equal(program.stateText(), before);
  });

  it("a changed input gives ~ with that field and calls the provider's update", async () => {
    const result = await run("up");
    assert.deepEqual(opsOf(result), { a: "update", b: "same" });
    assert.deepEqual(result.resources[0].changed, ["content"]);
    assert.deepEqual(result.summary, { create: 0, update: 1, delete: 0, same: 1 });
    assert.deepEqual(program.ops().slice(2), [{ op: "update", id: "a-1" }]);
    assert.equal(program.file("a-1"), "A2");
    assert.equal(program.state().resources[0].inputs.content, "A2");
  });

  it("a replace creates the new object before deleting the old, and dependents see the new id", async () => {
    program.setResources([{ name: "a", content: "A2", key: "k2" }, start[1]]);
    const result = await run("up");
    assert.deepEqual(opsOf(result), { a: "replace", b: "update" });
    assert.deepEqual(result.resources[0].changed, ["key"]);
    assert.deepEqual(result.summary, { create: 0, update: 1, delete: 0, same: 0, replace: 1 });
    assert.deepEqual(program.ops().slice(3), [
      { op: "create", id: "a-3" },
      { op: "delete", id: "a-1" },
      { op: "update", id: "b-2" },
    ]);
    assert.equal(program.file("a-1"), undefined);
    assert.equal(program.file("b-2"), `B after ${program.out}/a-3.txt`);
    assert.deepEqual(
      program.state().resources.map((r: any) => r.id),
      ["a-3", "b-2"],
    );
  });

  it("a replace with deleteBeforeReplace deletes the old object first", async () => {
    program.setResources([{ name: "a", content: "A2", key: "k3", dbr: true }, start[1]]);
    const result = await run("up");
    assert.equal(opsOf(result).a, "replace");
    assert.deepEqual(program.ops().slice(6, 8), [
      { op: "delete", id: "a-3" },
      { op: "create", id: "a-4" },
    ]);
    assert.equal(program.state().resources[0].id, "a-4");
  });

  it("refresh records a change made behind our back and forgets an object that is gone", async () => {
    const fs = await import("node:fs");
    fs.writeFileSync(`${program.out}/a-4.txt`, "drifted");
    fs.rmSync(`${program.out}/b-2.txt`);
    const opsBefore = program.ops().length;
    const result = await run("refresh");
    assert.deepEqual(result.resources, [
      { urn: urnOf("a"), op: "update", changed: ["content"] },
      { urn: urnOf("b"), op: "delete" },
    ]);
    const state = program.state();
    assert.deepEqual(
      state.resources.map((r: any) => [r.name, r.inputs.content, r.outputs.content]),
      [["a", "drifted", "drifted"]],
    );
    assert.equal(program.ops().length, opsBefore, "refresh only reads");
    // The next up puts things back: a is updated to the program's content, b is created anew.
    const up = await run("up");
    assert.deepEqual(opsOf(up), { a: "update", b: "create" });
    assert.equal(program.file("a-4"), "A2");
  });

  it("resources removed from the program are deleted at the end, dependents first", async () => {
    program.setResources([{ name: "c", content: "C" }]);
    const n = program.ops().length;
    const result = await run("up");
    assert.deepEqual(
      result.resources.map((r) => [r.urn.split("::").pop(), r.op]),
      [
        ["c", "create"],
        ["b", "delete"],
        ["a", "delete"],
      ],
    );
    assert.deepEqual(program.ops().slice(n), [
      { op: "create", id: "c-6" },
      { op: "delete", id: "b-5" },
      { op: "delete", id: "a-4" },
    ]);
    assert.deepEqual(
      program.state().resources.map((r: any) => r.name),
      ["c"],
    );
  });

  it("destroy deletes everything in reverse registration order and empties the state", async () => {
    program.setResources([
      { name: "c", content: "C" },
      { name: "d", content: "D", after: "c" },
      { name: "e", content: "E", after: "d" },
    ]);
    await run("up");
    const n = program.ops().length;
    const result = await run("destroy");
    assert.deepEqual(result.summary, { create: 0, update: 0, delete: 3, same: 0 });
    assert.deepEqual(
      program
        .ops()
        .slice(n)
        .map((o) => o.op + " " + o.id.split("-")[0]),
      ["delete e", "delete d", "delete c"],
    );
    assert.deepEqual(program.state().resources, []);
    assert.deepEqual(program.state().outputs, {});
  });
});

describe("runner: failures", function () {
  this.timeout(60_000);
  let program: FixtureProgram;
  beforeEach(() => {
    program = new FixtureProgram([]);
  });
  afterEach(() => program.dispose());
  const run = (command: "up" | "destroy", env?: Record<string, string>) =>
    runStack({ cwd: program.dir, command, onOutput: quiet().onOutput, env });

  it("a provider error rejects with the provider's message and records nothing for it", async () => {
    program.setResources([
      { name: "ok", content: "fine" },
      { name: "x", content: "X", fail: "create" },
    ]);
    const err = await run("up").then(
      () => assert.fail("up should fail"),
      (e) => e,
    );
    assert.ok(err instanceof RunError);
    assert.match(err.message, /disk is full \(creating x\)/);
    const x = err.result.resources.find((r: any) => r.urn === urnOf("x"));
    assert.match(x?.error ?? "", /disk is full/);
    assert.equal(err.result.summary.create, 1, "the failed create is not counted");
    assert.deepEqual(
      program.state().resources.map((r: any) => r.name),
      ["ok"],
      "what succeeded is in state",
    );
  });

  it("check failures reject before any create, naming the property", async () => {
    program.setResources([{ name: "bad", content: "invalid" }]);
    await assert.rejects(run("up"), /content: must not be invalid/);
    assert.deepEqual(program.ops(), []);
  });

  it("a partial create (error with id and properties) is recorded in state, as Pulumi does", async () => {
    program.setResources([{ name: "p", content: "P", fail: "partial" }]);
    await assert.rejects(run("up"), /made p-1 but could not finish/);
    const [r] = program.state().resources;
    assert.equal(r.id, "p-1");
    assert.equal(r.outputs.path, `${program.out}/p-1.txt`);
    assert.equal(typeof r.outputs.__provider, "string", "delete will find the provider");
    await run("destroy");
    assert.deepEqual(program.ops().pop(), { op: "delete", id: "p-1" });
    assert.equal(program.file("p-1"), undefined);
  });

  it("a program that throws fails the run with its error and leaves no host process behind", async () => {
    const fs = await import("node:fs");
    program.setResources([{ name: "t", content: "T" }]);
    fs.writeFileSync(`${program.dir}/throw.txt`, "");
    await assert.rejects(run("up"), /the program failed on purpose/);
    await new Promise((r) => setTimeout(r, 1500));
    if (fs.existsSync("/proc/self/cwd")) {
      const real = fs.realpathSync(program.dir);
      const hosts = fs.readdirSync("/proc").filter((pid) => {
        try {
          return /^\d+$/.test(pid) && fs.readlinkSync(`/proc/${pid}/cwd`) === real;
        } catch {
          return false;
        }
      });
      assert.deepEqual(hosts, [], "no process runs in the program directory");
    }
  });

  it("a secret input reaches the provider in plain and comes back as a secret output", async () => {
    program.setResources([{ name: "s", content: "hush", secret: true }]);
    const result = await run("up");
    assert.equal(program.file("s-1"), "hush");
    assert.equal(result.outputs.contents, "[secret]");
    assert.deepEqual(result.outputs.sizes, { s: 4 }, "other outputs stay plain");
  });

  it("a {secure: ...} value needs PULUMI_CONFIG, and then reaches configure", async () => {
    program.writeConfig("  fixture:token:\n    secure: v1:AAAABBBB\n");
    program.setResources([{ name: "s", content: "S" }]);
    await assert.rejects(
      run("up", { PULUMI_CONFIG: "" }),
      /fixture:token.*cannot be decrypted offline.*PULUMI_CONFIG/,
    );
    await run("up", { PULUMI_CONFIG: JSON.stringify({ "fixture:token": "s3cret" }) });
    assert.equal(program.configureSeen()["fixture:token"], "s3cret");
  });
});

describe("runner: resource options and static get", function () {
  this.timeout(60_000);
  let program: FixtureProgram;
  before(() => {
    program = new FixtureProgram([
      { name: "kept", content: "K", retainOnDelete: true },
      { name: "locked", content: "L", protect: true },
    ]);
  });
  after(() => program.dispose());
  const run = (command: "up" | "destroy" | "preview") =>
    runStack({ cwd: program.dir, command, onOutput: quiet().onOutput });

  it("records protect and retainOnDelete in state", async () => {
    await run("up");
    const [kept, locked] = program.state().resources;
    assert.equal(kept.retainOnDelete, true);
    assert.equal(locked.protect, true);
  });

  it("a static get() reads through the host without managing the object", async () => {
    program.setResources([
      { name: "kept", content: "K", retainOnDelete: true },
      { name: "locked", content: "L", protect: true },
      { name: "peek", content: "", getId: "kept-1" },
    ]);
    const result = await run("up");
    assert.deepEqual(result.outputs.read, { peek: "K" });
    assert.deepEqual(
      program.state().resources.map((r: any) => r.name),
      ["kept", "locked"],
    );
  });

  it("removing a retainOnDelete resource forgets it and leaves the object", async () => {
    program.setResources([{ name: "locked", content: "L", protect: true }]);
    const n = program.ops().length;
    const result = await run("up");
    assert.deepEqual(
      result.resources.filter((r) => r.op === "delete").map((r) => r.urn),
      [urnOf("kept")],
    );
    assert.equal(program.ops().length, n, "the provider's delete was not called");
    assert.equal(program.file("kept-1"), "K");
  });

  it("a protected resource cannot be deleted: preview and destroy fail, state keeps it", async () => {
    await assert.rejects(run("destroy"), /locked is protected/);
    program.setResources([]);
    await assert.rejects(run("preview"), /locked is protected/);
    assert.deepEqual(
      program.state().resources.map((r: any) => r.name),
      ["locked"],
    );
    assert.equal(program.file("locked-2"), "L");
  });
});

describe("runner: module resolution for programs inside this package (the examples)", function () {
  this.timeout(60_000);

  it("makes pulumi-google-meet resolvable by name in this process and in the host, then restores the env", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    // Inside the package tree (dist/ is ignored by git): @pulumi/pulumi resolves from the package's
    // node_modules, pulumi-google-meet is not installed there.
    const dir = fs.mkdtempSync(path.join(packageRoot, "dist", "test", "runner", "inrepo-"));
    try {
      fs.cpSync(fixtureSource, dir, { recursive: true });
      fs.mkdirSync(path.join(dir, "out"));
      fs.writeFileSync(
        path.join(dir, "Pulumi.dev.yaml"),
        `config:\n  fixture:dir: ${JSON.stringify(`${dir}/out`)}\n`,
      );
      fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify([{ name: "a", content: "A" }]));
      const envBefore = [
        process.env.NODE_PATH,
        process.env.PULUMI_CONFIG,
        process.env.PULUMI_CONFIG_SECRET_KEYS,
      ];
      const up = await runStack({ cwd: dir, command: "up", onOutput: quiet().onOutput });
      assert.equal(up.outputs.programPkg, "pulumi-google-meet");
      const state = JSON.parse(fs.readFileSync(path.join(dir, ".pulumi-local", "dev.json"), "utf8"));
      assert.equal(state.resources[0].outputs.pkg, "pulumi-google-meet", "resolved inside the host too");
      assert.deepEqual(
        [process.env.NODE_PATH, process.env.PULUMI_CONFIG, process.env.PULUMI_CONFIG_SECRET_KEYS],
        envBefore,
      );
      const destroy = await runStack({ cwd: dir, command: "destroy", onOutput: quiet().onOutput });
      assert.deepEqual(destroy.summary, { create: 0, update: 0, delete: 1, same: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
