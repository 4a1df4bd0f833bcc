/**
 * The serialized stubs on their own, loaded from their text as Pulumi's dynamic-provider host loads
 * them: one method, `configure`, that sets the kind's operations from the runtime entry; and when
 * configuring fails, every later call fails too (the host keeps the provider and would otherwise
 * skip a missing `delete` as done).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { memberStub, spaceStub } from "../../provider/resources/stub";
import * as v1 from "../../provider/runtime/v1";
import { loadSerializedProvider } from "../support/mockPulumi";
import { operationOf } from "../../provider/runtime/hostEcho";

const OPERATIONS = ["check", "diff", "create", "read", "update", "delete"] as const;
const CONFIG = { config: { get: (_key: string): string | undefined => undefined } };

async function serialized(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false })).text;
}

/** The error a call ends with, thrown at once or rejected later, as the host's `await` sees it. */
async function failureOf(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail("the call succeeded");
}

describe("serialized stubs", () => {
  const kinds = [
    { kind: "space", stub: spaceStub, ops: v1.space, installed: OPERATIONS },
    {
      kind: "member",
      stub: memberStub,
      ops: v1.member,
      installed: OPERATIONS,
    },
  ] as const;

  for (const { kind, stub, ops, installed } of kinds) {
    it(`${kind}: one method under 1 KB; configure sets ${installed.join(", ")} from runtime/v1`, async () => {
      const text = await serialized(stub);
      assert.ok(Buffer.byteLength(text) <= 1024, `${Buffer.byteLength(text)} bytes`);
      assert.deepEqual(
        [...new Set(text.match(/require\("[^"]+"\)/g))],
        ['require("pulumi-google-meet/runtime/v1")'],
      );
      const provider: Record<string, any> = loadSerializedProvider(text) as any;
      assert.deepEqual(Object.keys(provider), ["configure"]);
      await provider.configure(CONFIG);
      for (const op of installed) assert.equal(operationOf(provider[op]), ops[op], op);
    });
  }

  it("when the runtime entry cannot be required, configure and every later call fail with that error", async () => {
    // As the host loads it (require-from-string), from a directory where the package is not installed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "no-package-"));
    try {
      const requireFromString = require(
        require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }),
      );
      const text = await serialized(spaceStub);
      const provider = requireFromString(text, path.join(dir, "provider.js")).handler();
      const missing = await failureOf(() => provider.configure(CONFIG));
      assert.match(missing, /^Cannot find module 'pulumi-google-meet\/runtime\/v1'/);
      for (const op of OPERATIONS) {
        assert.equal(typeof provider[op], "function", `${op} is there, so the host calls it`);
        assert.equal(await failureOf(() => provider[op]("spaces/abc", {}, {})), missing, op);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("when configuring fails (bad stack config), every operation fails with that error", async () => {
    const provider: Record<string, any> = loadSerializedProvider(await serialized(spaceStub)) as any;
    const bad = { config: { get: (key: string) => (key === "googlemeet:transport" ? "soap" : undefined) } };
    const message = await failureOf(() => provider.configure(bad));
    assert.equal(message, 'Stack config googlemeet:transport must be "grpc" or "rest", got "soap"');
    for (const op of OPERATIONS) {
      assert.equal(await failureOf(() => provider[op]("spaces/abc", {}, {})), message, op);
    }
  });

  it("install names the kinds it knows, and refuses to run as an operation's stand-in", async () => {
    await assert.rejects(
      v1.install({}, "room" as any, CONFIG),
      new Error(
        'pulumi-google-meet/runtime/v1: unknown resource kind "room"; expected "space", "member" or "chat"',
      ),
    );
    const provider: Record<string, unknown> = {};
    await assert.rejects(
      v1.install(provider, "space", "spaces/abc" as any),
      new Error(
        "pulumi-google-meet: this resource's provider failed to configure earlier in this process; see the first error",
      ),
    );
    assert.deepEqual(provider, {}, "nothing set");
  });
});
