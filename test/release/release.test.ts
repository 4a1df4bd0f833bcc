/**
 * What a release publishes, without building it: the npm package's contents (`npm pack --dry-run`,
 * what `npm publish` would upload), the release setting's derived values, and the checksum file.
 * The artifacts themselves are installed and run through the real CLI in test/engine/release.test.ts.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { GO_MODULE, PLUGIN_DOWNLOAD_URL, VERSION, githubRepository } from "../../provider/native/release";
import { packageSchema } from "../../provider/native/schema";
import { REPO_ROOT, sha256sums } from "../../tools/release";
import { archiveName } from "../../tools/release/plugin";

describe("release: the npm package and the release setting", () => {
  it("npm publish would upload what users need: README, LICENSE, CHANGELOG, compiled code with types; no maps, tests or benchmarks", function () {
    this.timeout(60_000);
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
      }),
    )[0];
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    for (const needed of [
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "package.json",
      "dist/provider/index.d.ts",
    ]) {
      assert.ok(files.includes(needed), needed);
    }
    assert.deepEqual(
      files.filter((f) => f.endsWith(".map") || /^(dist\/)?(test|bench|demo|tools|examples)\//.test(f)),
      [],
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    assert.equal(manifest.engines.node, ">=20");
    assert.ok(
      fs.existsSync(path.join(REPO_ROOT, manifest.types)) || files.includes(manifest.types),
      manifest.types,
    );
  });

  it("one setting: package.json's repository gives pluginDownloadURL and the Go module; its version is the schema's", () => {
    assert.equal(
      githubRepository("git+https://github.com/acme/pulumi-google-meet.git"),
      "acme/pulumi-google-meet",
    );
    assert.equal(githubRepository("git@github.com:acme/rooms"), "acme/rooms");
    assert.throws(
      () => githubRepository("https://gitlab.com/acme/rooms"),
      /must name a GitHub repository, got/,
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    const repo = githubRepository(manifest.repository.url);
    const schema = packageSchema() as any;
    assert.equal(schema.version, manifest.version);
    assert.equal(VERSION, manifest.version);
    assert.equal(schema.pluginDownloadURL, `github://api.github.com/${repo}`);
    assert.equal(PLUGIN_DOWNLOAD_URL, schema.pluginDownloadURL);
    assert.equal(schema.language.go.importBasePath, `github.com/${repo}/sdk/go/googlemeet`);
    assert.equal(GO_MODULE, `github.com/${repo}/sdk/go`);
    assert.match(
      fs.readFileSync(path.join(REPO_ROOT, "sdk", "go", "go.mod"), "utf8"),
      new RegExp(`^module ${GO_MODULE}\n`),
    );
  });

  it("archive names are Pulumi's: pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz", () => {
    assert.equal(
      archiveName("1.2.3", { os: "windows", arch: "arm64" }),
      "pulumi-resource-googlemeet-v1.2.3-windows-arm64.tar.gz",
    );
  });

  it("SHA256SUMS lists every file (not folders, not itself) as sha256sum -c reads it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sums-"));
    fs.writeFileSync(path.join(dir, "b.txt"), "b");
    fs.writeFileSync(path.join(dir, "a.txt"), "");
    fs.writeFileSync(path.join(dir, "SHA256SUMS"), "old");
    fs.mkdirSync(path.join(dir, "sdk-go"));
    assert.equal(
      sha256sums(dir),
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt\n" +
        "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.txt\n",
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
