/**
 * The serialization contract, from an installed tarball (as users get the package): each resource's
 * serialized provider is at most 1 KB, requires only the runtime entry, and carries no credential;
 * state written with one build keeps working after the implementation behind the entry changes; and
 * state written by 0.1.0 (whose stubs had seven methods) is refreshed, updated and deleted by this
 * build through Pulumi's real dynamic-provider host.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type ProviderHost, startProviderHost } from "../../tools/engine/providerHost";
import { useEmulator } from "../support/emulator";
import { assertCallsInOrder, together } from "../support/journal";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SECRET = "ya29.SECRET-in-stack-config";
/** The `__provider` text 0.1.0 stored for each kind (copied literally before the stubs changed). */
const STUBS_0_1_0: { MeetSpace: string; MeetSpaceMember: string } = JSON.parse(
  fs.readFileSync(path.join(ROOT, "test", "e2e", "fixtures", "stubs-0.1.0.json"), "utf8"),
);
const SPACE_URN = "urn:pulumi:dev::consumer::pulumi-nodejs:dynamic/googlemeet:MeetSpace::room";
const MEMBER_URN = "urn:pulumi:dev::consumer::pulumi-nodejs:dynamic/googlemeet:MeetSpaceMember::guest";
/** The emulator takes a bearer token for the caller's email: calls made as this user were configured. */
const OWNER = "owner@example.com";

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
// Printed once nothing is left to run: every registration (each an async mock call) has completed.
let printed = false;
process.on("beforeExit", () => {
  if (!printed) process.stdout.write(JSON.stringify(registered));
  printed = true;
});
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

  it("each serialized provider is at most 1 KB, requires only the runtime entry, and holds no credential", () => {
    assert.deepEqual(
      registered.map((r) => r.type),
      ["pulumi-nodejs:dynamic/googlemeet:MeetSpace", "pulumi-nodejs:dynamic/googlemeet:MeetSpaceMember"],
    );
    for (const { type, inputs } of registered) {
      const stub: string = inputs.__provider;
      assert.ok(Buffer.byteLength(stub) <= 1024, `${type}: ${Buffer.byteLength(stub)} bytes`);
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
    const URN = SPACE_URN;
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
      await host!.stop(); // resolves once the host's output has all arrived
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
  describe("state written by 0.1.0 (seven-method stubs), applied with this build through the real host", () => {
    const hosts: ProviderHost[] = [];
    const output: string[] = [];
    /** A fresh host process, as each `pulumi up` starts one; configured with the stack config. */
    const start = async (
      cwd = consumer,
      config: Record<string, string> = { "googlemeet:accessToken": OWNER },
    ) => {
      const host = await startProviderHost({
        cwd,
        project: "consumer",
        stack: "dev",
        pulumiDir: path.join(consumer, "node_modules", "@pulumi", "pulumi"),
        env: { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, NODE_PATH: "" },
        onOutput: (text) => output.push(text),
      });
      hosts.push(host);
      await host.configure(config);
      return host;
    };
    const newStub = (kind: "MeetSpace" | "MeetSpaceMember") =>
      registered.find((r) => r.type.endsWith(`:${kind}`))!.inputs.__provider as string;
    /** Creates a room the way 0.1.0 did: its inputs and outputs carry 0.1.0's stub. */
    const oldRoom = async (host: ProviderHost, props: Record<string, unknown> = {}) => {
      const { inputs } = await host.check(SPACE_URN, {}, { __provider: STUBS_0_1_0.MeetSpace, ...props });
      const { id, properties } = await host.create(SPACE_URN, inputs);
      assert.equal(properties.__provider, STUBS_0_1_0.MeetSpace);
      return { id, inputs, outputs: properties };
    };
    afterEach(async () => {
      for (const host of hosts.splice(0)) await host.stop();
      output.splice(0);
    });

    it("refresh, update, a member's role change and delete all work, and updated state carries the new stub", async () => {
      const setup = await start();
      const room = await oldRoom(setup, {
        config: { accessType: "OPEN" },
        members: [{ email: "a@example.com", role: "COHOST" }],
      });
      const other = await oldRoom(setup);
      const member = await (async () => {
        const { inputs } = await setup.check(
          MEMBER_URN,
          {},
          { __provider: STUBS_0_1_0.MeetSpaceMember, space: other.id, email: "g@example.com" },
        );
        const { id, properties } = await setup.create(MEMBER_URN, inputs);
        return { id, inputs, outputs: properties };
      })();
      await setup.stop();
      await emu.admin.clearRequests();

      const host = await start();
      // pulumi refresh: read runs the stub stored in the old outputs.
      const refreshed = await host.read(room.id, SPACE_URN, room.outputs, room.inputs);
      assert.equal(refreshed.id, room.id);
      assert.equal(refreshed.properties.__provider, STUBS_0_1_0.MeetSpace);
      assert.deepEqual(refreshed.properties.members, room.outputs.members);

      // pulumi up with this build: the program now registers the new stub.
      const news = (
        await host.check(SPACE_URN, room.inputs, {
          __provider: newStub("MeetSpace"),
          config: { accessType: "TRUSTED" },
          members: [{ email: "a@example.com", role: "COHOST" }],
        })
      ).inputs;
      const diff = await host.diff(room.id, SPACE_URN, refreshed.properties, news, room.inputs);
      assert.deepEqual([diff.changes, diff.replaces], ["some", []]);
      const updated = await host.update(room.id, SPACE_URN, refreshed.properties, news, room.inputs);
      assert.equal(updated.properties.config.accessType, "TRUSTED");
      assert.equal(updated.properties.__provider, newStub("MeetSpace"));

      const memberNews = (
        await host.check(MEMBER_URN, member.inputs, {
          __provider: newStub("MeetSpaceMember"),
          space: other.id,
          email: "g@example.com",
          role: "COHOST",
        })
      ).inputs;
      const memberDiff = await host.diff(member.id, MEMBER_URN, member.outputs, memberNews, member.inputs);
      // On v2 a role changes in place: the engine calls update with the new stub (0.1.0's had none).
      assert.deepEqual([memberDiff.changes, memberDiff.replaces], ["some", []]);
      const changed = await host.update(member.id, MEMBER_URN, member.outputs, memberNews, member.inputs);
      assert.equal(changed.properties.role, "COHOST");
      assert.equal(changed.properties.__provider, newStub("MeetSpaceMember"));

      // pulumi destroy of a room whose state was never touched since 0.1.0.
      await host.delete(other.id, SPACE_URN, other.outputs, other.inputs);

      assertCallsInOrder(
        (await emu.admin.requests()).map((r) => [r.method, r.name, r.updateMask ?? r.email ?? "", r.caller]),
        [
          together(["GetSpace", room.id, "", OWNER], ["ListMembers", room.id, "", OWNER]),
          ["UpdateSpace", room.id, ["config.access_type"], OWNER],
          ["UpdateMember", member.id, ["role"], OWNER],
          ["UpdateSpace", other.id, ["config.access_type"], OWNER],
        ],
      );
      const spaces = await emu.admin.spaces();
      const stored = (id: string) => spaces.find((s) => s.name === id)!;
      assert.equal(stored(room.id).config!.accessType, "TRUSTED");
      assert.equal(stored(other.id).config!.accessType, "RESTRICTED");
      assert.deepEqual(
        stored(other.id).members.map((m) => [m.email, m.role]),
        [["g@example.com", "COHOST"]],
      );
    });

    it("a stub whose first use in a fresh host is read or delete runs configured (0.1.0's and this build's)", async () => {
      // The host configures each provider text before its first use, whatever that use is; the runtime's
      // settings are per process, so each case gets its own host. The caller proves the stack config
      // (googlemeet:accessToken) reached the runtime.
      const setup = await start();
      const rooms: Record<string, { id: string; outputs: Record<string, any> }> = {};
      for (const [label, stub] of [
        ["0.1.0", STUBS_0_1_0.MeetSpace],
        ["this build", newStub("MeetSpace")],
      ]) {
        for (const op of ["read", "delete"]) {
          const { inputs } = await setup.check(SPACE_URN, {}, { __provider: stub });
          const { id, properties } = await setup.create(SPACE_URN, inputs);
          rooms[`${label} ${op}`] = { id, outputs: properties };
        }
      }
      await setup.stop();
      for (const [key, room] of Object.entries(rooms)) {
        await emu.admin.clearRequests();
        const host = await start();
        if (key.endsWith("read")) {
          assert.equal((await host.read(room.id, SPACE_URN, room.outputs)).id, room.id);
        } else {
          await host.delete(room.id, SPACE_URN, room.outputs);
        }
        await host.stop();
        const journal = await emu.admin.requests();
        assert.ok(journal.length > 0, key);
        assert.deepEqual(
          journal.map((r) => r.caller),
          journal.map(() => OWNER),
          key,
        );
      }
    });

    it("where the package is not installed, every call fails, a repeated delete included (nothing is skipped as done)", async () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-package-"));
      try {
        const host = await start(empty);
        for (const stub of [newStub("MeetSpace"), STUBS_0_1_0.MeetSpace]) {
          for (let attempt = 0; attempt < 2; attempt++) {
            await assert.rejects(
              host.delete("spaces/AAAAAAAAAAAA", SPACE_URN, {
                __provider: stub,
                name: "spaces/AAAAAAAAAAAA",
              }),
              /Cannot find module 'pulumi-google-meet\/runtime\/v1'/,
            );
          }
        }
        assert.deepEqual(await emu.admin.requests(), []);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });

    it("a room with 5 co-hosts stores at most 3.5 KB of inputs and outputs", async () => {
      const host = await start();
      const { inputs } = await host.check(
        SPACE_URN,
        {},
        {
          __provider: newStub("MeetSpace"),
          config: { accessType: "TRUSTED", moderation: "ON" },
          members: [1, 2, 3, 4, 5].map((i) => ({ email: `cohost${i}@example.com`, role: "COHOST" })),
        },
      );
      const { properties } = await host.create(SPACE_URN, inputs);
      assert.equal(properties.members.length, 5);
      // What the engine records for the resource: its inputs and its outputs, each with the stub.
      const bytes = Buffer.byteLength(JSON.stringify({ inputs, outputs: properties }));
      assert.ok(bytes <= 3500, `${bytes} bytes`);
    });
  });
});
