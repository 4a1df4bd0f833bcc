/**
 * The serialization contract, from an installed tarball (as users get the package): each resource's
 * serialized provider is small, requires only the runtime entry, and carries no credential; and
 * state written with one build keeps working after the implementation behind the entry changes.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type ProviderHost, startProviderHost } from "../support/providerHost";
import { useEmulator } from "../support/emulator";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SECRET = "ya29.SECRET-in-stack-config";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks({
  newResource: async (args) => { registered.push({ type: args.type, inputs: args.inputs }); return { id: "spaces/AAAAAAAAAAAA", state: args.inputs }; },
  call: async () => ({}),
}, "consumer", "dev", false);
const { MeetSpace, MeetSpaceMember } = require("pulumi-google-meet");
const room = new MeetSpace("room", { config: { accessType: "OPEN" }, members: [{ email: "a@example.com", role: "COHOST" }] });
new MeetSpaceMember("guest", { space: room.name, email: "g@example.com" });
setTimeout(() => process.stdout.write(JSON.stringify(registered)), 1500);
`;

describe("e2e: the package as installed from its tarball", function () {
  this.timeout(180_000);
  const emu = useEmulator();
  let consumer: string;
  let registered: { type: string; inputs: Record<string, any> }[];

  before(() => {
    consumer = fs.mkdtempSync(path.join(os.tmpdir(), "meet-consumer-"));
    // dist/ is already built by `npm test`; packing must not rebuild it under the running tests.
    const tarball = execFileSync(
      "npm",
      ["pack", "--ignore-scripts", "--silent", "--pack-destination", consumer],
      { cwd: ROOT, encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .pop()!;
    const pulumiVersion = require("@pulumi/pulumi/package.json").version;
    fs.writeFileSync(
      path.join(consumer, "package.json"),
      JSON.stringify({
        name: "consumer",
        private: true,
        dependencies: { "pulumi-google-meet": `file:./${tarball}`, "@pulumi/pulumi": pulumiVersion },
      }),
    );
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: consumer,
      stdio: "ignore",
    });
    assert.ok(
      !fs.lstatSync(path.join(consumer, "node_modules", "pulumi-google-meet")).isSymbolicLink(),
      "a real install, not a link",
    );
    fs.writeFileSync(path.join(consumer, "index.js"), PROGRAM);
    const out = execFileSync("node", ["index.js"], {
      cwd: consumer,
      encoding: "utf8",
      env: { ...process.env, PULUMI_CONFIG: JSON.stringify({ "googlemeet:accessToken": SECRET }) },
    });
    registered = JSON.parse(out);
  });
  after(() => fs.rmSync(consumer, { recursive: true, force: true }));

  it("each serialized provider is under 2 KB, requires only the runtime entry, and holds no credential", () => {
    assert.deepEqual(
      registered.map((r) => r.type),
      ["pulumi-nodejs:dynamic/googlemeet:MeetSpace", "pulumi-nodejs:dynamic/googlemeet:MeetSpaceMember"],
    );
    for (const { type, inputs } of registered) {
      const stub: string = inputs.__provider;
      assert.ok(Buffer.byteLength(stub) < 2048, `${type}: ${Buffer.byteLength(stub)} bytes`);
      assert.deepEqual(
        [...new Set(stub.match(/require\(\s*["'][^"']+["']\s*\)/g))],
        ['require("pulumi-google-meet/runtime/v1")'],
        type,
      );
      assert.ok(!JSON.stringify(inputs).includes(SECRET), `${type} inputs carry the credential`);
    }
  });

  describe("upgrading the package under existing state", () => {
    let host: ProviderHost | undefined;
    const output: string[] = [];
    const URN = "urn:pulumi:dev::consumer::pulumi-nodejs:dynamic/googlemeet:MeetSpace::room";
    const start = async () => {
      host = await startProviderHost({
        cwd: consumer,
        project: "consumer",
        env: { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, NODE_PATH: "" },
        onOutput: (text) => output.push(text),
      });
      await host.configure({});
    };
    afterEach(async () => host?.stop());

    it("refresh, update and delete of state written by the old build run the new build", async () => {
      const stub = registered[0].inputs.__provider;
      await start();
      const inputs = (await host!.check(URN, {}, { __provider: stub, config: { accessType: "OPEN" } }))
        .inputs;
      const created = await host!.create(URN, inputs);
      await host!.stop();

      // A new release changes the implementation behind the runtime entry (never the entry itself).
      const impl = path.join(
        consumer,
        "node_modules",
        "pulumi-google-meet",
        "dist",
        "provider",
        "runtime",
        "spaceProvider.js",
      );
      fs.appendFileSync(
        impl,
        `\nfor (const op of ["read", "update", "remove"]) { const f = exports[op]; exports[op] = (...a) => { console.error("build-2 " + op); return f(...a); }; }\n`,
      );

      await start();
      const refreshed = await host!.read(created.id, URN, created.properties, inputs);
      assert.equal(refreshed.id, created.id);
      const news = { ...inputs, config: { accessType: "TRUSTED" } };
      const updated = await host!.update(created.id, URN, refreshed.properties, news, inputs);
      assert.equal(updated.properties.config.accessType, "TRUSTED");
      await host!.delete(created.id, URN, updated.properties, news);
      await new Promise((r) => setTimeout(r, 200));
      const log = output.join("");
      for (const op of ["read", "update", "remove"]) assert.match(log, new RegExp(`build-2 ${op}`));
      assert.deepEqual(
        (await emu.admin.requests()).map((r) => [r.method, r.code]),
        [
          ["CreateSpace", "OK"],
          ["GetSpace", "OK"],
          ["UpdateSpace", "OK"],
          ["UpdateSpace", "OK"],
        ],
      );
      assert.equal((await emu.admin.spaces())[0].config!.accessType, "RESTRICTED");
    });
  });
});
