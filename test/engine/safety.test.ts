/**
 * What the real engine and the driver promise when things go wrong: an interrupted apply records
 * every room it made; a killed one leaves a lock the driver explains and rooms the log names, which
 * `adopt` takes over without duplicates; secrets stay encrypted.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import {
  REPO_ROOT,
  UNPACED,
  driver,
  engineEnv,
  pulumi,
  pulumiBinDir,
  tempBackend,
  workCopy,
  writeStackConfig,
} from "../support/engine";

const ROOMS = 16;

function fleetConfig(extra: Record<string, string> = {}): Record<string, string> {
  return {
    "fleet:rooms": String(ROOMS),
    "fleet:cohosts": "0",
    ...UNPACED,
    ...extra,
  };
}

/** Space ids of the MeetSpaces the stack's state records. */
async function idsInState(dir: string, env: Record<string, string>): Promise<string[]> {
  const ran = await pulumi(["stack", "export", "--stack", "dev"], dir, env);
  assert.equal(ran.code, 0, ran.stderr);
  return (JSON.parse(ran.stdout).deployment.resources ?? [])
    .filter((r: any) => r.type.endsWith("googlemeet:MeetSpace") && r.id)
    .map((r: any) => r.id as string);
}

/** Every process below `pid` (children first found through /proc), deepest last. */
function descendants(pid: number): number[] {
  const children = fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return Number(fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

async function until(what: string, test: () => boolean, ms = 120_000) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("engine: interruptions and secrets", function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdminClient;

  before(async () => {
    emulator = await startEmulator();
    admin = new EmulatorAdminClient(emulator.httpUrl);
  });
  beforeEach(() => admin.reset());
  after(() => emulator?.stop());

  function setUp() {
    const dir = workCopy(path.join(REPO_ROOT, "bench", "fleet"));
    const env = {
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
    };
    return { dir, env };
  }

  it("Ctrl-C mid-apply: the engine finishes the creates in flight and records every room Meet has", async () => {
    const { dir, env } = setUp();
    writeStackConfig(dir, "dev", fleetConfig());
    await admin.addFault({ method: "CreateSpace", latencyMs: 1500 });
    let output = "";
    let pid = 0;
    const running = driver(
      ["up", "--cwd", dir, "--parallel", "4"],
      env,
      (p) => {
        pid = p;
      },
      undefined,
      true,
    );
    // Interrupt once some rooms are being created (the emulator has seen a CreateSpace).
    const poll = setInterval(async () => {
      output = (await admin.requests()).map((r) => r.method).join();
    }, 200);
    await until("a first CreateSpace", () => output.includes("CreateSpace"));
    clearInterval(poll);
    // Ctrl-C at a terminal signals the whole foreground job: the driver and whatever shares its
    // process group. The CLI must get exactly one interrupt (a second one stops it at once).
    process.kill(-pid, "SIGINT");
    const ran = await running;
    assert.equal(ran.code, 130, ran.stderr);
    assert.match(ran.stderr, /SIGINT: asking the engine to cancel/);

    const inMeet = (await admin.spaces()).map((s) => s.name).sort();
    const inState = (await idsInState(dir, env)).sort();
    assert.ok(inMeet.length > 0 && inMeet.length < ROOMS, `rooms in Meet: ${inMeet.length}`);
    assert.deepEqual(inState, inMeet, "every room in Meet is in the state (no orphan), and nothing else");

    // The stack is not left locked, and the next up makes only the missing rooms.
    await admin.clearFaults();
    const again = await driver(["up", "--cwd", dir], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await admin.spaces()).length, ROOMS);
  });

  it("SIGKILL mid-apply: the lock is explained, the log names every room made, and adopt takes them over (0 duplicates)", async () => {
    const { dir, env: base } = setUp();
    // Without intermediate checkpoints (the large-fleet lever, and its crash-safety cost) the kill
    // deterministically leaves rooms the state lacks; with them, which ones depends on timing.
    const env = { ...base, PULUMI_SKIP_CHECKPOINTS: "true" };
    writeStackConfig(dir, "dev", fleetConfig());
    // Four creates answer; the ones after them are still in flight at the kill, and never land
    // (they fail after a while).
    await admin.addFault({ method: "CreateSpace", skip: 4, latencyMs: 4000, code: "UNAVAILABLE" });
    let pid = 0;
    let stdout = "";
    const running = driver(
      ["up", "--cwd", dir, "--parallel", "4"],
      env,
      (p) => {
        pid = p;
      },
      (chunk) => {
        stdout += chunk;
      },
    );
    // Kill once the four creates that can succeed have all been reported: from then on no room can
    // appear in Meet (the others fail), so every room there must be named in the output.
    await until(
      "four rooms reported created",
      () => (stdout.match(/googlemeet: created /g) ?? []).length >= 4,
    );
    for (const p of [pid, ...descendants(pid)]) {
      try {
        process.kill(p, "SIGKILL");
      } catch {
        // already gone
      }
    }
    const killed = await running;
    assert.equal(killed.code, null);

    // Let the creates in flight at the kill fail, then compare.
    await new Promise((r) => setTimeout(r, 5000));
    await admin.clearFaults();
    const inMeet = (await admin.spaces()).map((s) => s.name);
    const inState = new Set(await idsInState(dir, env));
    const orphans = inMeet.filter((name) => !inState.has(name));
    assert.ok(orphans.length > 0, "the kill left rooms the state does not record");
    // Each was named in the output the moment CreateSpace answered (what a CI log keeps).
    for (const name of orphans) assert.ok(killed.stdout.includes(`googlemeet: created ${name}`), name);

    const locked = await driver(["up", "--cwd", dir], env);
    assert.equal(locked.code, 1);
    assert.match(locked.stderr, /currently locked/);
    assert.match(locked.stderr, /pulumi-meet-local cancel --cwd .* --stack dev`, then `up` again/);
    assert.match(locked.stderr, /README's troubleshooting/);

    const cancelled = await driver(["cancel", "--cwd", dir], env);
    assert.equal(cancelled.code, 0, cancelled.stderr);

    // Adopt each orphan into a room the state lacks, as the README's troubleshooting shows.
    const recorded = (
      JSON.parse((await pulumi(["stack", "export", "--stack", "dev"], dir, env)).stdout).deployment
        .resources ?? []
    )
      .filter((r: any) => r.type.endsWith("googlemeet:MeetSpace") && r.id)
      .map((r: any) => r.urn.split("::").pop());
    const missing = Array.from({ length: ROOMS }, (_, i) => `room-${i}`).filter((r) => !recorded.includes(r));
    const adopt = Object.fromEntries(orphans.map((name, i) => [missing[i], name]));
    writeStackConfig(dir, "dev", fleetConfig({ "fleet:adopt": JSON.stringify(adopt) }));
    await admin.clearRequests();
    const healed = await driver(["up", "--cwd", dir], env);
    assert.equal(healed.code, 0, healed.stderr);
    assert.equal((await admin.spaces()).length, ROOMS, "no duplicate room");
    assert.equal((await idsInState(dir, env)).length, ROOMS);
    const creates = (await admin.requests()).filter((r) => r.method === "CreateSpace").length;
    assert.equal(creates, ROOMS - recorded.length - orphans.length);
  });

  it("a secret set with `pulumi config set --secret` reaches configure and is stored nowhere in plaintext", async () => {
    const dir = workCopy(path.join(REPO_ROOT, "examples", "basic"));
    const backend = tempBackend();
    const env = {
      ...engineEnv(backend),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
    };
    const secret = "secret-owner-7f3a@example.com";
    assert.equal((await pulumi(["stack", "init", "dev"], dir, env)).code, 0);
    const set = await pulumi(["config", "set", "--secret", "googlemeet:accessToken", secret], dir, env);
    assert.equal(set.code, 0, set.stderr);
    const ran = await driver(["up", "--cwd", dir], env);
    assert.equal(ran.code, 0, ran.stderr);
    // The emulator takes the bearer token as the acting user: the secret was the token sent.
    const callers = new Set((await admin.requests()).map((r) => r.caller));
    assert.deepEqual([...callers], [secret]);

    assert.ok(!`${ran.stdout}${ran.stderr}`.includes(secret), "not in the output");
    assert.ok(!fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8").includes(secret));
    const files = (fs.readdirSync(backend, { recursive: true }) as string[])
      .map((f) => path.join(backend, f))
      .filter((f) => fs.statSync(f).isFile());
    assert.ok(
      files.some((f) => f.endsWith("dev.json")),
      "the backend holds the stack's checkpoint",
    );
    for (const f of files)
      assert.ok(!fs.readFileSync(f, "utf8").includes(secret), `plaintext secret in ${f}`);
  });
});
