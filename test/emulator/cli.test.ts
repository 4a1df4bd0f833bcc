import * as assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { as, grpcClient, rest } from "../support/meetClients";

const CLI = join(__dirname, "..", "..", "emulator", "cli.js");

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("emulator CLI", () => {
  it("prints one JSON line with both addresses, serves calls, and exits 0 on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [CLI, "--grpc-port", "0", "--http-port", "0", "--default-user", "cli@example.com"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const exited = exitOf(child);
    const stderr: string[] = [];
    child.stderr!.on("data", (d) => stderr.push(String(d)));
    try {
      const lines = createInterface({ input: child.stdout! });
      const first: string = await new Promise((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", () => reject(new Error(`exited early: ${stderr.join("")}`)));
      });
      const ready = JSON.parse(first);
      assert.deepEqual(Object.keys(ready), ["grpc", "http"]);
      assert.match(ready.grpc, /^127\.0\.0\.1:\d+$/);
      assert.match(ready.http, /^http:\/\/127\.0\.0\.1:\d+$/);

      const created = await rest(ready.http, "POST", "/v2beta/spaces", { body: {} });
      assert.equal(created.status, 200);
      const client = grpcClient(ready.grpc);
      const [space] = await client.getSpace({ name: created.body.name }, as("cli@example.com"));
      assert.equal(space.config.accessType, "TRUSTED", "the --default-user owns the space");
      await client.close();
      const extra: string[] = [];
      lines.on("line", (l) => extra.push(l));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
      assert.deepEqual(extra, [], "nothing else on stdout");
      assert.match(stderr.join(""), /rest v2beta CreateSpace spaces\/\w+ cli@example.com OK/);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("flushes the state file and exits 0 on SIGINT", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "meet-cli-")), "state.json");
    const child = spawn(
      process.execPath,
      [CLI, "--grpc-port", "0", "--http-port", "0", "--quiet", "--state-file", stateFile],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = exitOf(child);
    try {
      const first: string = await new Promise((resolve) =>
        createInterface({ input: child.stdout! }).once("line", resolve),
      );
      const { http } = JSON.parse(first);
      const created = await rest(http, "POST", "/v2beta/spaces", { body: {} });
      child.kill("SIGINT");
      assert.equal(await exited, 0);
      const saved = JSON.parse(readFileSync(stateFile, "utf8"));
      assert.deepEqual(
        saved.spaces.map((s: any) => `spaces/${s.id}`),
        [created.body.name],
      );
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("prints usage for --help and fails on unknown options", async () => {
    const help = spawn(process.execPath, [CLI, "--help"]);
    let out = "";
    help.stdout.on("data", (d) => {
      out += d;
    });
    assert.equal(await exitOf(help), 0);
    assert.match(out, /--grpc-port N/);
    assert.match(out, /--token-file PATH/);
    const bad = spawn(process.execPath, [CLI, "--bogus"]);
    let err = "";
    bad.stderr.on("data", (d) => {
      err += d;
    });
    assert.equal(await exitOf(bad), 2);
    assert.match(err, /unknown option --bogus/);
  });
});
