/**
 * The native face's create receipts, with the engine's URN: the plugin files one before Create
 * answers and names the resource in its created line; a new plugin process (the next run, after a
 * kill) adopts the room for the same URN instead of making another; Diff with the recorded id
 * removes the receipt.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { useEmulator } from "../support/emulator";
import { type PluginClient, SPACE, startPlugin, urn } from "../support/nativePlugin";

describe("native plugin: create receipts keyed by the engine's URN", function () {
  this.timeout(60_000);
  const emu = useEmulator();
  let home: string;
  const plugins: PluginClient[] = [];
  const start = async () => {
    const plugin = await startPlugin({ GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, PULUMI_HOME: home });
    plugins.push(plugin);
    await plugin.configure({});
    return plugin;
  };
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "meet-native-receipts-"));
  });
  after(async () => {
    for (const p of plugins) await p.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });
  const receipts = () => {
    const folder = path.join(home, "googlemeet", "receipts", "meet", "dev");
    return fs.existsSync(folder)
      ? fs.readdirSync(folder).map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")))
      : [];
  };

  it("a killed run's room is adopted by the next run's plugin; the next Diff settles the receipt", async () => {
    const inputs = {
      config: { accessType: "TRUSTED" },
      members: [{ email: "a@example.com", role: "COHOST" }],
    };
    const first = await start();
    const made = await first.create(SPACE, (await first.check(SPACE, inputs)).inputs);
    assert.deepEqual(
      receipts().map((r) => [r.urn, r.space]),
      [[urn(SPACE, "r"), made.id]],
    );
    assert.equal(made.properties.resourceUrn, undefined, "the native state holds no URN of its own");
    // The line goes to the engine as a diagnostic on the resource; with no engine at the address the
    // plugin was given, it falls back to stderr once the call fails.
    for (let i = 0; i < 100 && !first.stderr.join("").includes("googlemeet: created"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(
      first.stderr.join(""),
      new RegExp(
        `googlemeet: created ${made.id} \\(.*\\) for .* as ${urn(SPACE, "r").replace(/[$.]/g, "\\$&")}`,
      ),
    );
    await first.stop();
    plugins.splice(plugins.indexOf(first), 1);

    await emu.admin.clearRequests();
    const next = await start();
    const again = await next.create(SPACE, (await next.check(SPACE, inputs)).inputs);
    assert.equal(again.id, made.id);
    assert.deepEqual(
      (await emu.admin.requests()).map((r) => r.method),
      ["GetSpace", "ListMembers"],
      "adopted as declared: no CreateSpace, nothing to patch, no member to add",
    );
    assert.equal(receipts().length, 1);
    await next.diff(SPACE, again.id, again.properties, (await next.check(SPACE, inputs)).inputs);
    assert.deepEqual(receipts(), [], "Diff with the recorded id: the engine has the room");
  });
});
