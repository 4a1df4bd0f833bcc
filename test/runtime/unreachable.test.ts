/**
 * Calls that never reach a Meet server (nothing listens, another protocol answers, no such host,
 * TLS fails) are told apart from lost answers: retried like any idempotent call, CreateSpace
 * included (nothing was sent), within googlemeet:retryDeadlineSeconds, then an error naming the
 * endpoint, the cause and the fix, with no "may have been created" and no stack trace. Over v2
 * (REST) and v2beta (gRPC).
 */
import * as assert from "node:assert/strict";
import * as http from "node:http";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { closedPort } from "../support/ports";
import { checked, runtime } from "../support/runtime";

type Version = "v2" | "v2beta";

/** Configures the runtime as the host would, with the emulator variable and a 1 s retry deadline. */
function configure(env: string | undefined, config: Record<string, string>) {
  if (env === undefined) delete process.env.GOOGLE_MEET_EMULATOR_HOST;
  else process.env.GOOGLE_MEET_EMULATOR_HOST = env;
  const all: Record<string, string> = {
    "googlemeet:retryDeadlineSeconds": "1",
    // The process's pacer is shared with earlier tests: no waiting for their quota here.
    "googlemeet:createQuota": "100000",
    "googlemeet:readQuota": "100000",
    ...config,
  };
  runtime.space.configure({ config: { get: (key: string) => all[key] } });
}

/** Runs `fn` capturing the provider's log lines (retries are logged). */
async function capturingLog<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(String(line));
  try {
    return { result: await fn(), lines };
  } finally {
    console.error = original;
  }
}

async function failure(fn: () => Promise<unknown>): Promise<{ error: Error; lines: string[] }> {
  const { result, lines } = await capturingLog(() =>
    fn().then(
      () => undefined,
      (error: Error) => error,
    ),
  );
  assert.ok(result instanceof Error, "the call was expected to fail");
  return { error: result, lines };
}

describe("endpoints that cannot be reached", function () {
  this.timeout(30_000);
  const saved = process.env.GOOGLE_MEET_EMULATOR_HOST;
  const servers: net.Server[] = [];
  after(() => {
    process.env.GOOGLE_MEET_EMULATOR_HOST = saved;
    for (const s of servers) s.close();
  });

  /** A TCP server that answers every connection with garbage (another program on the port). */
  async function garbagePort(): Promise<number> {
    const server = net.createServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\ngarbage\r\n\r\n"));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  /** A plain HTTP server (for TLS expected where plain HTTP answers). */
  async function plainHttpPort(): Promise<number> {
    const server = http.createServer((_req, res) => res.end("hello"));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  const NOTHING_SENT = "Nothing was sent, so nothing was created or changed.";
  const FIX =
    "GOOGLE_MEET_EMULATOR_HOST must be the host:port of a running emulator's start-up line (its gRPC port, e.g. 127.0.0.1:8086 with `npm run emulator`'s defaults, without http://); start one with `npm run emulator` or `npx meet-emulator`.";

  function assertUnreached(error: Error, lines: string[], head: string, cause: string, hint: string) {
    assert.equal(error.message, `${head}: ${cause}. ${NOTHING_SENT} ${hint}`);
    assert.doesNotMatch(error.message, /may or may not have been created/);
    assert.doesNotMatch(error.stack ?? "", /\n\s+at /, "no stack trace");
    // A loopback address that refuses has nothing listening: no retry can help. Others may recover.
    const refusedHere = cause.startsWith("connection refused");
    assert.equal(
      lines.some((l) => / could not reach .*; retry 1 in /.test(l)),
      !refusedHere,
      `${refusedHere ? "failed at once" : "retried before giving up"}: ${lines.join("\n")}`,
    );
  }

  for (const version of ["v2", "v2beta"] as Version[]) {
    describe(`${version} (${version === "v2" ? "REST" : "gRPC"})`, () => {
      const config = { "googlemeet:apiVersion": version };

      it("connection refused on 127.0.0.1: CreateSpace fails at once (nothing listens there), named with the fix", async () => {
        const port = await closedPort();
        configure(`127.0.0.1:${port}`, config);
        const inputs = await checked("space", { config: { accessType: "OPEN" } });
        const { error, lines } = await failure(() => runtime.space.create(inputs));
        assertUnreached(
          error,
          lines,
          `Could not create the room: CreateSpace never reached the Meet API at 127.0.0.1:${port} (GOOGLE_MEET_EMULATOR_HOST)`,
          "connection refused (nothing listens at that port)",
          `Is the emulator running, on that port? ${FIX}`,
        );
      });

      it("refresh against a closed port: the same message, within the retry deadline, no stack trace", async () => {
        const port = await closedPort();
        configure(`127.0.0.1:${port}`, config);
        const started = Date.now();
        const { error, lines } = await failure(() =>
          runtime.space.read("spaces/AAAAAAAAAAAA", { managedSettings: [] } as any),
        );
        assert.ok(Date.now() - started < 10_000, "gave up within the deadline (1 s), not minutes");
        assertUnreached(
          error,
          lines,
          `Could not refresh the room (spaces/AAAAAAAAAAAA): GetSpace never reached the Meet API at 127.0.0.1:${port} (GOOGLE_MEET_EMULATOR_HOST)`,
          "connection refused (nothing listens at that port)",
          `Is the emulator running, on that port? ${FIX}`,
        );
      });

      it("a port speaking another protocol is named as the wrong port", async () => {
        const port = await garbagePort();
        configure(`127.0.0.1:${port}`, config);
        const inputs = await checked("space", {});
        const { error, lines } = await failure(() => runtime.space.create(inputs));
        assertUnreached(
          error,
          lines,
          `Could not create the room: CreateSpace never reached the Meet API at 127.0.0.1:${port} (GOOGLE_MEET_EMULATOR_HOST)`,
          "something answered, but not in the Meet API's protocol",
          `That port is not the emulator's API port (another program listens there, or the port is wrong). ${FIX}`,
        );
      });

      it("a host name that does not resolve", async () => {
        configure("nonexistent.invalid:8085", config);
        const inputs = await checked("space", {});
        const { error, lines } = await failure(() => runtime.space.create(inputs));
        assertUnreached(
          error,
          lines,
          "Could not create the room: CreateSpace never reached the Meet API at nonexistent.invalid:8085 (GOOGLE_MEET_EMULATOR_HOST)",
          "the host name could not be resolved",
          `Check the host name. ${FIX}`,
        );
      });

      it("TLS expected where plain HTTP answers (googlemeet:endpoint)", async () => {
        const port = await plainHttpPort();
        configure(undefined, {
          ...config,
          "googlemeet:accessToken": "token",
          "googlemeet:endpoint": version === "v2" ? `https://127.0.0.1:${port}` : `127.0.0.1:${port}`,
        });
        const inputs = await checked("space", {});
        const { error, lines } = await failure(() => runtime.space.create(inputs));
        const endpoint = version === "v2" ? `https://127.0.0.1:${port}` : `127.0.0.1:${port}`;
        assertUnreached(
          error,
          lines,
          `Could not create the room: CreateSpace never reached the Meet API at ${endpoint}`,
          "the TLS handshake failed",
          "The endpoint does not speak TLS as expected, or a proxy intercepts it. Check googlemeet:endpoint (leave it unset for Google's meet.googleapis.com) and, for a local emulator, GOOGLE_MEET_EMULATOR_HOST.",
        );
      });
    });
  }

  it("v2beta through the client's REST fallback (googlemeet:transport = rest): connection refused is named too", async () => {
    const port = await closedPort();
    configure("127.0.0.1:1", {
      "googlemeet:apiVersion": "v2beta",
      "googlemeet:transport": "rest",
      "googlemeet:endpoint": `http://127.0.0.1:${port}`,
    });
    const inputs = await checked("space", {});
    const { error, lines } = await failure(() => runtime.space.create(inputs));
    assertUnreached(
      error,
      lines,
      `Could not create the room: CreateSpace never reached the Meet API at 127.0.0.1:${port} (googlemeet:endpoint)`,
      "connection refused (nothing listens at that port)",
      'Is the emulator running, on that port? googlemeet:endpoint must be a running emulator\'s HTTP address (the "http" of its start-up line); start one with `npm run emulator` or `npx meet-emulator`.',
    );
  });

  it("http:// in GOOGLE_MEET_EMULATOR_HOST is refused in configure, before any call", () => {
    assert.throws(
      () => configure("http://127.0.0.1:8085", {}),
      (err: Error) =>
        err.message ===
        'GOOGLE_MEET_EMULATOR_HOST must be the emulator\'s host:port, e.g. 127.0.0.1:8086 (the "grpc" port of its start-up line, without http:// or a path); got "http://127.0.0.1:8085"',
    );
  });
});

describe("a Chat call that never reached a server", function () {
  this.timeout(30_000);

  it("is told the same way: the Chat API, the endpoint, the cause, nothing was sent", async () => {
    const port = await closedPort();
    configure(`127.0.0.1:${port}`, {});
    const inputs = (await runtime.chat.check({}, { displayName: "Unreached", setupKey: "k" })).inputs;
    const { error } = await failure(() => runtime.chat.create(inputs));
    assert.match(
      error.message,
      new RegExp(
        `chat\\.SetUpSpace never reached the Chat API at 127\\.0\\.0\\.1:${port} \\(GOOGLE_MEET_EMULATOR_HOST\\): connection refused \\(nothing listens at that port\\)\\. Nothing was sent`,
      ),
    );
    assert.doesNotMatch(error.stack ?? "", /\n\s+at /);
  });
});
