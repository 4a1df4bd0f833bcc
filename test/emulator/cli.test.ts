import * as assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import * as net from "node:net";
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
      [
        CLI,
        "--grpc-port",
        "0",
        "--http-port",
        "0",
        "--default-user",
        "cli@example.com",
        "--fault-seed",
        "4242",
      ],
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
      const faults = await rest(ready.http, "GET", "/emulator/v1/faults");
      assert.deepEqual(faults.body, { faults: [], seed: 4242 }, "--fault-seed seeds the fault draws");
      await client.close();
      const extra: string[] = [];
      lines.on("line", (l) => extra.push(l));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
      assert.deepEqual(extra, [], "nothing else on stdout");
      assert.match(stderr.join(""), /rest v2beta CreateSpace spaces\/\w+ cli@example.com OK/);
      assert.match(stderr.join(""), /^meet-emulator: fault seed 4242 \(replay with --fault-seed 4242\)$/m);
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

/** Runs the CLI to its exit; returns the exit code and what it printed. */
async function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => {
    stdout += d;
  });
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  const code = await exitOf(child);
  return { code, stdout, stderr };
}

/** Starts the CLI and resolves with its ready line (the child is returned to be stopped). */
async function startCli(
  args: string[],
): Promise<{ child: ChildProcess; ready: { grpc: string; http: string } }> {
  const child = spawn(process.execPath, [CLI, "--quiet", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  const first: string = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", () => reject(new Error(`exited early: ${stderr}`)));
  });
  return { child, ready: JSON.parse(first) };
}

// Issue 13 #8: start-up failures are one line each, naming the port or file, the cause and the flag.
describe("emulator CLI start-up failures", () => {
  let blocker: net.Server;
  let busyPort: number;
  before(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    busyPort = (blocker.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("a gRPC port in use: one line naming the port and --grpc-port, exit 1", async () => {
    const { code, stdout, stderr } = await runToExit(["--grpc-port", String(busyPort), "--http-port", "0"]);
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.equal(
      stderr,
      `meet-emulator: gRPC port ${busyPort} on 127.0.0.1 is already in use; pick another with --grpc-port N (0 picks a free port)\n`,
    );
  });

  it("an HTTP port in use names --http-port", async () => {
    const { code, stderr } = await runToExit(["--grpc-port", "0", "--http-port", String(busyPort)]);
    assert.equal(code, 1);
    assert.equal(
      stderr,
      `meet-emulator: HTTP port ${busyPort} on 127.0.0.1 is already in use; pick another with --http-port N (0 picks a free port)\n`,
    );
  });

  it("a corrupt, a foreign and an unreadable --state-file: one line naming the file and why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meet-cli-"));
    const corrupt = join(dir, "corrupt.json");
    writeFileSync(corrupt, '{"version":1,"spaces":[');
    const bad = await runToExit(["--grpc-port", "0", "--http-port", "0", "--state-file", corrupt]);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      new RegExp(
        `^meet-emulator: state file ${corrupt.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid JSON \\(.+\\); fix it, or move it away to start empty \\(--state-file\\)\\n$`,
      ),
    );
    const foreign = join(dir, "package.json");
    writeFileSync(foreign, '{"spaces":{"a":1}}');
    const wrong = await runToExit(["--grpc-port", "0", "--http-port", "0", "--state-file", foreign]);
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /^meet-emulator: state file .*package\.json is not an emulator state file: expected .* \(--state-file\)\n$/,
    );
    const unreadable = await runToExit(["--grpc-port", "0", "--http-port", "0", "--state-file", dir]);
    assert.equal(unreadable.code, 1);
    assert.equal(
      unreadable.stderr,
      `meet-emulator: cannot read state file ${dir}: it is a directory (--state-file)\n`,
    );
  });

  it("a missing --token-file names the file", async () => {
    const missing = join(tmpdir(), "no-such-dir-meet", "tokens.json");
    const { code, stderr } = await runToExit([
      "--grpc-port",
      "0",
      "--http-port",
      "0",
      "--token-file",
      missing,
    ]);
    assert.equal(code, 1);
    assert.equal(stderr, `meet-emulator: cannot read token file ${missing}: no such file (--token-file)\n`);
  });
});

describe("emulator CLI project and quota flags", () => {
  it("--api-disabled --project N: every call is SERVICE_DISABLED for project N", async () => {
    const { child, ready } = await startCli([
      "--grpc-port",
      "0",
      "--http-port",
      "0",
      "--api-disabled",
      "--project",
      "42",
    ]);
    try {
      const res = await rest(`http://${ready.grpc}`, "POST", "/v2/spaces", { body: {} });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.details[0].reason, "SERVICE_DISABLED");
      assert.equal(res.body.error.details[0].metadata.consumer, "projects/42");
    } finally {
      child.kill("SIGTERM");
      await exitOf(child);
    }
  });

  it("--no-developer-preview refuses v2beta only; --quota-project-limits sets the project's limits", async () => {
    const { child, ready } = await startCli([
      "--grpc-port",
      "0",
      "--http-port",
      "0",
      "--no-developer-preview",
      "--quota-project-limits",
      "creates=1",
    ]);
    try {
      assert.equal((await rest(ready.http, "POST", "/v2beta/spaces", { body: {} })).status, 403);
      assert.equal((await rest(ready.http, "POST", "/v2/spaces", { body: {} })).status, 200);
      const second = await rest(ready.http, "POST", "/v2/spaces", { token: "other@example.com", body: {} });
      assert.equal(second.status, 429);
      assert.match(second.body.error.message, /creates per minute per project/);
    } finally {
      child.kill("SIGTERM");
      await exitOf(child);
    }
    const bad = await runToExit(["--quota-limits", "creates=two"]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /--quota-limits takes bucket=count pairs \(buckets: reads, writes, creates\), got creates=two/,
    );
  });
});
