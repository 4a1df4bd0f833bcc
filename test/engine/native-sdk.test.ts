/**
 * The schema and the checked-in SDKs agree: `npm run sdk:check` (also run by CI) validates the
 * schema against Pulumi's metaschema, binds it with Pulumi's binder, regenerates every SDK in memory
 * and fails on any difference. Needs Go, like the rest of this suite needs the built CLI.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { schemaText } from "../../provider/native/writeSchema";
import { REPO_ROOT, engineEnv, tempBackend } from "../support/engine";
import { pulumi } from "../support/pulumiCli";

describe("engine: the native provider's schema and SDKs", function () {
  this.timeout(600_000);

  it("schema/schema.json is what the plugin serves", () => {
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, "schema", "schema.json"), "utf8"), schemaText());
  });

  it("pulumi package get-schema binds the plugin's schema", async () => {
    const env = engineEnv(tempBackend());
    const out = await pulumi(REPO_ROOT, env, [
      "package",
      "get-schema",
      path.join(REPO_ROOT, "bin", "pulumi-resource-googlemeet"),
    ]);
    assert.equal(JSON.parse(out).name, "googlemeet");
  });

  it("the metaschema accepts it, the binder binds it, and the SDKs match it", () => {
    const out = execFileSync("go", ["run", ".", "-check", "../../schema/schema.json", "../../sdk"], {
      cwd: path.join(REPO_ROOT, "tools", "sdkgen"),
      encoding: "utf8",
      env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? "local" },
    });
    assert.match(out, /sdkgen: schema valid; the SDKs match it/);
  });
});
