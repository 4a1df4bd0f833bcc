/**
 * The plugin archive's entry (tools/release/pluginEntry.ts), built as the release builds it, around
 * a stand-in provider bundle that prints a port as the real one does: the V8 code cache it keeps
 * beside itself, and what it does when the cache is unusable, the directory unwritable, the
 * provider failing or Node.js too old. The real bundle's cache, written while the engine runs the
 * installed plugin, is checked in test/engine/release.test.ts.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/release";
import { bundleEntry } from "../../tools/release/plugin";

const PROVIDER = "provider.js";
/**
 * Prints its port and resolves its export as the real bundle's `main` does; one macrotask later,
 * when the entry has done whatever it does on that resolution, says so; then stays up like a plugin.
 */
const STAND_IN = `function port() { return 4242; }
process.stdout.write(port() + "\\n");
module.exports = Promise.resolve();
setTimeout(() => process.stdout.write("settled\\n"), 0);
setInterval(() => {}, 1 << 30);
`;
const FAILING = `module.exports = Promise.reject(new Error("cannot bind 127.0.0.1:0"));`;

interface Started {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs the entry until it says "settled" (then stops it) or exits. */
function start(entry: string): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (stdout.includes("settled\n")) child.kill();
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ stdout, stderr, code }));
  });
}

describe("release: the plugin entry's code cache", function () {
  this.timeout(60_000);
  let dir: string;
  let entry: string;
  const cacheDir = () => path.join(dir, "code-cache");
  const cacheFiles = () => (fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()) : []);

  async function build(provider: string, nodeMajor?: number) {
    fs.writeFileSync(path.join(dir, PROVIDER), provider);
    await bundleEntry(REPO_ROOT, entry, PROVIDER, nodeMajor);
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-entry-"));
    entry = path.join(dir, "entry.js");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a first start saves V8's code for this Node.js once the port is printed; the next start uses it and leaves it be", async () => {
    await build(STAND_IN);
    assert.deepEqual(cacheFiles(), []);
    const first = await start(entry);
    assert.equal(first.stdout, "4242\nsettled\n");
    assert.equal(first.stderr, "");
    const [name] = cacheFiles();
    assert.match(name, new RegExp(`^[0-9a-f]{16}-node${process.version}-${process.arch}\\.bin$`));
    assert.deepEqual(cacheFiles(), [name], "one file, no partial one left");
    const saved = fs.statSync(path.join(cacheDir(), name));
    assert.ok(saved.size > 0);

    const second = await start(entry);
    assert.equal(second.stdout, "4242\nsettled\n");
    const after = fs.statSync(path.join(cacheDir(), name));
    assert.deepEqual([after.ino, after.mtimeMs], [saved.ino, saved.mtimeMs], "accepted, so not rewritten");
  });

  it("a new bundle gets a cache of its own: the name carries the bundle's digest", async () => {
    await build(STAND_IN);
    await start(entry);
    await build(STAND_IN.replace("4242", "4343"));
    assert.equal((await start(entry)).stdout, "4343\nsettled\n");
    assert.equal(cacheFiles().length, 2);
  });

  it("a cache V8 refuses (here garbage) is replaced, and the plugin starts all the same", async () => {
    await build(STAND_IN);
    await start(entry);
    const [name] = cacheFiles();
    const file = path.join(cacheDir(), name);
    const valid = fs.readFileSync(file);
    fs.writeFileSync(file, "not V8's code");
    const ran = await start(entry);
    assert.equal(ran.stdout, "4242\nsettled\n");
    assert.equal(ran.stderr, "");
    assert.equal(fs.readFileSync(file).length, valid.length, "a whole cache written again");
  });

  it("where the cache cannot be written, the plugin starts without one and prints nothing more", async () => {
    await build(STAND_IN);
    fs.writeFileSync(cacheDir(), "a file where the cache folder would go");
    const ran = await start(entry);
    assert.deepEqual(ran, { stdout: "4242\nsettled\n", stderr: "", code: null });
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      ["code-cache", "entry.js", PROVIDER],
      "no partial file left behind",
    );
  });

  it("a provider that fails to start: its error on stderr under the plugin's name, exit code 1, no cache", async () => {
    await build(FAILING);
    const ran = await start(entry);
    assert.equal(ran.code, 1);
    assert.equal(ran.stdout, "");
    assert.match(ran.stderr, /^pulumi-resource-googlemeet: Error: cannot bind 127\.0\.0\.1:0\n/);
    assert.deepEqual(cacheFiles(), []);
  });

  it("an older Node.js is refused with a sentence naming the version needed and found, before the bundle runs", async () => {
    await build(STAND_IN, 999);
    const ran = await start(entry);
    assert.deepEqual(ran, {
      stdout: "",
      stderr: `pulumi-resource-googlemeet: needs Node.js 999 or newer, found ${process.version}\n`,
      code: 1,
    });
  });
});
