import * as assert from "node:assert/strict";
import * as os from "node:os";
import {
  type ProviderHost,
  ProviderHostError,
  resolvePulumiDir,
  startProviderHost,
} from "../../runner/providerHost";

// A provider as the host receives it: `__provider` text exporting `handler`. Written by hand so
// this test checks the protocol alone, not closure serialization.
const PROVIDER = `exports.handler = () => ({
  async configure(req) { this.greeting = req.config.get("demo:greeting"); this.token = req.config.get("demo:token"); },
  async check(olds, news) {
    const failures = news.size < 0 ? [{ property: "size", reason: "must be >= 0" }] : [];
    return { inputs: { ...news, size: news.size ?? 1 }, failures };
  },
  async diff(id, olds, news) {
    return { changes: olds.size !== news.size || olds.kind !== news.kind,
             replaces: olds.kind !== news.kind ? ["kind"] : [], deleteBeforeReplace: news.kind === "dbr" };
  },
  async create(inputs) {
    if (inputs.kind === "partial") {
      throw Object.assign(new Error("half-made"), { id: "p1", properties: { size: inputs.size }, reasons: ["slow"] });
    }
    return { id: "id-" + inputs.size, outs: { ...inputs, greeting: this.greeting, token: this.token } };
  },
  async read(id, props) {
    if (id === "gone") return { id: "" };
    return { id, props: { ...props, size: 99 }, inputs: { size: 99 } };
  },
  async update(id, olds, news) {
    if (news.size === 13) throw new Error("unlucky size for " + id);
    return { outs: { ...news, updatedFrom: olds.size } };
  },
  async delete(id, props) { if (id === "stuck") throw new Error("cannot delete " + id); },
});`;

describe("runner/providerHost: driving the real dynamic-provider host over gRPC", function () {
  this.timeout(30_000);
  const urn = "urn:pulumi:dev::demo::pulumi-nodejs:dynamic/demo:Thing::t";
  const p = (props: Record<string, unknown>) => ({ __provider: PROVIDER, ...props });
  let host: ProviderHost;
  const output: string[] = [];

  before(async () => {
    host = await startProviderHost({
      cwd: os.tmpdir(),
      project: "demo",
      stack: "dev",
      callTimeoutMs: 10_000,
      onOutput: (text) => output.push(text),
    });
    await host.configure({ "demo:greeting": "hi", "demo:token": "t0k" }, ["demo:token"]);
  });
  after(async () => {
    await host?.stop();
  });

  it("starts the host of the resolved @pulumi/pulumi and reads its port", () => {
    assert.ok(host.port > 0);
    assert.equal(host.pulumiDir, resolvePulumiDir(os.tmpdir()));
    assert.ok(host.pid);
  });

  it("check returns the provider's inputs (with __provider) and its failures", async () => {
    const ok = await host.check(urn, {}, p({ kind: "a" }));
    assert.deepEqual(ok.inputs, p({ kind: "a", size: 1 }));
    assert.deepEqual(ok.failures, []);
    const bad = await host.check(urn, {}, p({ size: -1 }));
    assert.deepEqual(bad.failures, [{ property: "size", reason: "must be >= 0" }]);
  });

  it("create returns id and outputs; configure's config (secrets unwrapped) reached the provider", async () => {
    const made = await host.create(urn, p({ kind: "a", size: 2 }));
    assert.equal(made.id, "id-2");
    assert.deepEqual(made.properties, p({ kind: "a", size: 2, greeting: "hi", token: "t0k" }));
  });

  it("diff maps changes, replaces and deleteBeforeReplace", async () => {
    assert.deepEqual(await host.diff("id-2", urn, p({ kind: "a", size: 2 }), p({ kind: "a", size: 2 })), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await host.diff("id-2", urn, p({ kind: "a", size: 2 }), p({ kind: "a", size: 3 })), {
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await host.diff("id-2", urn, p({ kind: "a", size: 2 }), p({ kind: "dbr", size: 2 })), {
      changes: "some",
      replaces: ["kind"],
      deleteBeforeReplace: true,
    });
  });

  it("update returns the new outputs", async () => {
    const updated = await host.update("id-2", urn, p({ kind: "a", size: 2 }), p({ kind: "a", size: 3 }));
    assert.deepEqual(updated.properties, p({ kind: "a", size: 3, updatedFrom: 2 }));
  });

  it("read returns outputs and inputs, and id '' for a gone object", async () => {
    const read = await host.read("id-2", urn, p({ size: 2 }), p({ size: 2 }));
    assert.equal(read.id, "id-2");
    assert.equal(read.properties.size, 99);
    assert.deepEqual(read.inputs, p({ size: 99 }));
    const gone = await host.read("gone", urn, p({ size: 2 }));
    assert.equal(gone.id, "");
  });

  it("delete resolves, and rejects with the provider's message", async () => {
    await host.delete("id-2", urn, p({ size: 2 }));
    await assert.rejects(host.delete("stuck", urn, p({})), (err: unknown) => {
      assert.ok(err instanceof ProviderHostError);
      assert.equal(err.message, "cannot delete stuck");
      assert.equal(err.operation, "delete");
      assert.equal(err.isPartial, false);
      return true;
    });
  });

  it("an update error carries the provider's message", async () => {
    await assert.rejects(host.update("id-2", urn, p({ size: 2 }), p({ size: 13 })), {
      name: "ProviderHostError",
      message: "unlucky size for id-2",
    });
  });

  it("a partial create surfaces ErrorResourceInitFailed as {id, properties, reasons}", async () => {
    const err = await host.create(urn, p({ kind: "partial", size: 5 })).then(
      () => assert.fail("create should fail"),
      (e) => e,
    );
    assert.ok(err instanceof ProviderHostError);
    assert.equal(err.message, "half-made");
    assert.equal(err.id, "p1");
    assert.deepEqual(err.properties, { size: 5 });
    assert.deepEqual(err.reasons, ["slow"]);
    assert.equal(err.isPartial, true);
  });

  it("stop ends the host; later calls reject", async () => {
    const other = await startProviderHost({ cwd: os.tmpdir(), onOutput: () => {} });
    const pid = other.pid!;
    await other.stop();
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
    await assert.rejects(other.check(urn, {}, p({})), /not running/);
  });
});
