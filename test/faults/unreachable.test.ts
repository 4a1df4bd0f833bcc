/**
 * As a user meets it: the runner's CLI (the program, Pulumi's real dynamic-provider host, the
 * provider) with GOOGLE_MEET_EMULATOR_HOST pointing where no emulator answers, and with an
 * unknown `googlemeet:*` key. The output names the endpoint, the cause and the fix; nothing says a
 * room "may have been created"; refresh prints no stack trace.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { useEmulator } from "../support/emulator";
import { FLEET, fleetEnv, recordedSpaces, removeState } from "./fleet";

const CLI = path.resolve(__dirname, "..", "..", "runner", "cli.js");

function run(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code: code ?? -1, output }));
  });
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the runner's CLI against an endpoint that does not answer", function () {
  this.timeout(120_000);
  const emu = useEmulator();
  let stack: string;
  beforeEach(() => {
    stack = `unreached-${process.pid}-${Date.now()}`;
  });
  afterEach(() => removeState(stack));

  const fleet = { rooms: 1, cohosts: 1, config: { "googlemeet:retryDeadlineSeconds": "1" } };

  it("up with nothing listening: the endpoint, the cause, the fix; no 'may have been created'", async () => {
    const port = await closedPort();
    const { code, output } = await run(
      ["up", "--cwd", FLEET, "--stack", stack],
      fleetEnv(`127.0.0.1:${port}`, fleet),
    );
    assert.notEqual(code, 0);
    assert.ok(
      output.includes(
        `CreateSpace never reached the Meet API at 127.0.0.1:${port} (GOOGLE_MEET_EMULATOR_HOST): connection refused (nothing listens at that port). Nothing was sent, so nothing was created or changed. Is the emulator running, on that port?`,
      ),
      output,
    );
    assert.doesNotMatch(output, /may or may not have been created/);
  });

  it("refresh with nothing listening: the same message and no stack trace", async () => {
    const up = await run(["up", "--cwd", FLEET, "--stack", stack], fleetEnv(emu.grpcAddress, fleet));
    assert.equal(up.code, 0, up.output);
    const [id] = recordedSpaces(stack).values();
    const port = await closedPort();
    const { code, output } = await run(
      ["refresh", "--cwd", FLEET, "--stack", stack],
      fleetEnv(`127.0.0.1:${port}`, fleet),
    );
    assert.notEqual(code, 0);
    assert.ok(
      output.includes(
        `Could not refresh the room (${id}): GetSpace never reached the Meet API at 127.0.0.1:${port} (GOOGLE_MEET_EMULATOR_HOST): connection refused`,
      ),
      output,
    );
    assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+\)?\n/, "no stack trace");
  });

  it("http:// in GOOGLE_MEET_EMULATOR_HOST, and an unknown googlemeet:* key, are named before any call", async () => {
    const withScheme = await run(
      ["up", "--cwd", FLEET, "--stack", stack],
      fleetEnv(`http://${emu.grpcAddress}`, fleet),
    );
    assert.notEqual(withScheme.code, 0);
    assert.ok(
      withScheme.output.includes(
        `GOOGLE_MEET_EMULATOR_HOST must be the emulator's host:port, e.g. 127.0.0.1:8085 (the "grpc" of its start-up line, without http:// or a path); got "http://${emu.grpcAddress}"`,
      ),
      withScheme.output,
    );
    const unknownKey = await run(
      ["up", "--cwd", FLEET, "--stack", stack],
      fleetEnv(emu.grpcAddress, {
        ...fleet,
        config: { ...fleet.config, "googlemeet:token": "secret-token" },
      }),
    );
    assert.notEqual(unknownKey.code, 0);
    assert.ok(
      unknownKey.output.includes(
        "Unknown stack config key googlemeet:token (did you mean googlemeet:accessToken?)",
      ),
      unknownKey.output,
    );
    assert.doesNotMatch(unknownKey.output, /secret-token/);
    assert.deepEqual(await emu.admin.requests(), [], "no call was made");
  });
});
