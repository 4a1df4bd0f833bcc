import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadProject, loadStackConfig } from "../../runner/config";
import { changedKeys } from "../../runner/deploy";
import { loadState, saveState } from "../../runner/state";

describe("runner: project, stack config and state files", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-config-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      "name: proj\nruntime: nodejs\nmain: src/\nconfig:\n  region: eu\n  googlemeet:transport:\n    default: grpc\n",
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads the project name and main from Pulumi.yaml, and fails clearly without one", () => {
    assert.deepEqual(loadProject(dir), {
      name: "proj",
      main: "src/",
      config: { region: "eu", "googlemeet:transport": "grpc" },
    });
    assert.throws(() => loadProject(os.tmpdir() + "/nope-" + Date.now()), /no Pulumi.yaml/);
  });

  it("namespaces bare keys with the project, stringifies values, and lets PULUMI_CONFIG override", () => {
    fs.writeFileSync(
      path.join(dir, "Pulumi.dev.yaml"),
      "config:\n  googlemeet:transport: rest\n  size: 3\n  proj:list: [1, 2]\n  googlemeet:endpoint: x\n",
    );
    const { config, secretKeys } = loadStackConfig(dir, "proj", "dev", {
      PULUMI_CONFIG: JSON.stringify({ "googlemeet:endpoint": "y", extra: "e" }),
    });
    assert.deepEqual(config, {
      "googlemeet:transport": "rest",
      "proj:size": "3",
      "proj:list": "[1,2]",
      "googlemeet:endpoint": "y",
      "proj:extra": "e",
    });
    assert.deepEqual(secretKeys, []);
    const withDefaults = loadStackConfig(dir, "proj", "dev", {}, loadProject(dir).config);
    assert.equal(withDefaults.config["proj:region"], "eu", "project default");
    assert.equal(withDefaults.config["googlemeet:transport"], "rest", "the stack file wins");
  });

  it("a missing stack file is an empty config; a secure value is a secret key taken from PULUMI_CONFIG", () => {
    assert.deepEqual(loadStackConfig(dir, "proj", "none", {}), { config: {}, secretKeys: [] });
    fs.writeFileSync(
      path.join(dir, "Pulumi.dev.yaml"),
      "config:\n  googlemeet:accessToken:\n    secure: v1:abc\n",
    );
    assert.throws(() => loadStackConfig(dir, "proj", "dev", {}), /googlemeet:accessToken.*PULUMI_CONFIG/);
    const c = loadStackConfig(dir, "proj", "dev", { PULUMI_CONFIG: '{"googlemeet:accessToken":"tok"}' });
    assert.deepEqual(c, {
      config: { "googlemeet:accessToken": "tok" },
      secretKeys: ["googlemeet:accessToken"],
    });
  });

  it("state: absent file is empty; saved atomically with order renumbered; wrong version rejected", () => {
    const file = path.join(dir, ".pulumi-local", "dev.json");
    assert.deepEqual(loadState(file), { version: 1, resources: [], outputs: {} });
    const r = (name: string, order: number) => ({
      urn: name,
      type: "t",
      name,
      id: name,
      inputs: {},
      outputs: {},
      order,
    });
    saveState(file, { version: 1, resources: [r("x", 7), r("y", 3)], outputs: { o: 1 } });
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ["dev.json"], "no temp file left");
    const back = loadState(file);
    assert.deepEqual(
      back.resources.map((x) => [x.name, x.order]),
      [
        ["x", 0],
        ["y", 1],
      ],
    );
    fs.writeFileSync(file, JSON.stringify({ version: 2, resources: [] }));
    assert.throws(() => loadState(file), /version 1/);
  });

  it("changedKeys compares values deeply and lists __provider only when nothing else changed", () => {
    assert.deepEqual(changedKeys({ a: { x: 1, y: 2 }, b: 1 }, { a: { y: 2, x: 1 }, b: 1 }), []);
    assert.deepEqual(changedKeys({ a: 1, __provider: "p" }, { a: 2, c: 3, __provider: "q" }), ["a", "c"]);
    assert.deepEqual(changedKeys({ __provider: "p" }, { __provider: "q" }), ["__provider"]);
  });
});
