/**
 * As a user meets it, through the real Pulumi engine (the program, Pulumi's dynamic-provider host,
 * the provider) with GOOGLE_MEET_EMULATOR_HOST pointing where no emulator answers, and with an
 * unknown `googlemeet:*` key. The output names the endpoint, the cause and the fix; nothing says a
 * room "may have been created"; refresh prints no stack trace.
 */
import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { closedPort } from "../support/ports";
import { applyFleet, recordedSpaces, removeState } from "./fleet";

/** Everything a failed run printed: the error and the engine's output. */
async function failedRun(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    return `${(err as Error).message}\n${(err as { output?: string }).output ?? ""}`;
  }
  throw new Error("expected the run to fail");
}

describe("the real engine against an endpoint that does not answer", function () {
  this.timeout(240_000);
  const emu = useEmulator();
  let stack: string;
  beforeEach(() => {
    stack = `unreached-${process.pid}-${Date.now()}`;
  });
  afterEach(() => removeState(stack));

  const fleet = { rooms: 1, cohosts: 1, config: { "googlemeet:retryDeadlineSeconds": "1" } };

  it("up with nothing listening: the endpoint, the cause, the fix; no 'may have been created'", async () => {
    const port = await closedPort();
    const output = await failedRun(applyFleet(stack, `127.0.0.1:${port}`, fleet));
    assert.ok(
      output.includes(
        `CreateSpace never reached the Meet API at 127.0.0.1:${port} (GOOGLE_MEET_EMULATOR_HOST): connection refused (nothing listens at that port). Nothing was sent, so nothing was created or changed. Is the emulator running, on that port?`,
      ),
      output,
    );
    assert.doesNotMatch(output, /may or may not have been created/);
  });

  it("refresh with nothing listening: the same message and no stack trace", async () => {
    await applyFleet(stack, emu.grpcAddress, fleet);
    const [id] = (await recordedSpaces(stack)).values();
    const port = await closedPort();
    const output = await failedRun(applyFleet(stack, `127.0.0.1:${port}`, fleet, "refresh"));
    assert.ok(
      output.includes(
        `Could not refresh the room (${id}): GetSpace never reached the Meet API at 127.0.0.1:${port} (GOOGLE_MEET_EMULATOR_HOST): connection refused`,
      ),
      output,
    );
    assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+\)?\n/, "no stack trace");
  });

  it("http:// in GOOGLE_MEET_EMULATOR_HOST, and an unknown googlemeet:* key, are named before any call", async () => {
    const withScheme = await failedRun(applyFleet(stack, `http://${emu.grpcAddress}`, fleet));
    assert.ok(
      withScheme.includes(
        `GOOGLE_MEET_EMULATOR_HOST must be the emulator's host:port, e.g. 127.0.0.1:8086 (the "grpc" port of its start-up line, without http:// or a path); got "http://${emu.grpcAddress}"`,
      ),
      withScheme,
    );
    const unknownKey = await failedRun(
      applyFleet(stack, emu.grpcAddress, {
        ...fleet,
        config: { ...fleet.config, "googlemeet:token": "secret-token" },
      }),
    );
    assert.ok(
      unknownKey.includes("Unknown stack config key googlemeet:token (did you mean googlemeet:accessToken?)"),
      unknownKey,
    );
    assert.doesNotMatch(unknownKey, /secret-token/);
    assert.deepEqual(await emu.admin.requests(), [], "no call was made");
  });
});
