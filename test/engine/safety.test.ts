/**
 * What the real engine and the driver promise when things go wrong: an interrupted apply records
 * every room it made; a killed one leaves a lock the driver explains, and rooms that the next `up`
 * adopts, on the same machine by their create receipts and on another from the killed run's log,
 * without orphans or duplicates; secrets stay encrypted.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import { roomsInLog } from "../../runner/created";
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
const CHATS = 4;
/** Chat setups wait this long in the emulator: all are in flight at the kill, and land after it. */
const SETUP_LATENCY_MS = 40_000;
/** Rooms that exist, unrecorded, when the kill lands. */
const CREATED_AT_KILL = 8;

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

/** Space ids of the ChatSpaces the stack's state records. */
async function chatIdsInState(dir: string, env: Record<string, string>): Promise<string[]> {
  const ran = await pulumi(["stack", "export", "--stack", "dev"], dir, env);
  return (JSON.parse(ran.stdout).deployment.resources ?? [])
    .filter((r: any) => r.type.endsWith("googlemeet:ChatSpace") && r.id)
    .map((r: any) => r.id as string);
}

/** `room-N` → its space id, for the MeetSpaces the state records. */
async function roomsByResource(dir: string, env: Record<string, string>): Promise<Record<string, string>> {
  const ran = await pulumi(["stack", "export", "--stack", "dev"], dir, env);
  return Object.fromEntries(
    (JSON.parse(ran.stdout).deployment.resources ?? [])
      .filter((r: any) => r.type.endsWith("googlemeet:MeetSpace") && r.id)
      .map((r: any) => [r.urn.split("::").pop(), r.id]),
  );
}

/** The create receipts kept under the run's Pulumi home. */
function receiptFiles(env: Record<string, string>): string[] {
  const folder = path.join(env.PULUMI_HOME, "googlemeet", "receipts", "fleet", "dev");
  return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
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

async function until(what: string, test: () => boolean, ms = 120_000, poll?: () => Promise<void>) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, poll ? 500 : 100));
    await poll?.();
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
    const env: Record<string, string> = {
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

  /**
   * A run of 16 rooms (2 co-hosts each) and 4 Chat spaces, SIGKILLed (driver, CLI and provider
   * host at once) while 8 rooms exist that the state lacks: their creates wait on co-hosts, so the
   * engine has recorded none of them. Creates after the 8th fail (so that no room appears unnamed
   * after the kill), and the Chat setups are in flight: Chat makes the spaces after the kill, and
   * nobody hears the answer.
   */
  async function killMidApply(dir: string, env: Record<string, string>, driverLives = false) {
    writeStackConfig(dir, "dev", fleetConfig({ "fleet:cohosts": "2", "fleet:chats": String(CHATS) }));
    chatCount = 0;
    // Creates after the 8th hang, then fail without making a room: none fails before the kill (a
    // failed step would stop the engine from starting the Chat setups).
    await admin.addFault({
      method: "CreateSpace",
      skip: CREATED_AT_KILL,
      latencyMs: 60_000,
      code: "UNAVAILABLE",
    });
    // Long enough that no co-host call fails before the kill on a busy machine (a failed member
    // would let the engine record its room); they fail later, changing nothing.
    await admin.addFault({ method: "CreateMember", latencyMs: 60_000, code: "UNAVAILABLE" });
    await admin.addFault({ method: "chat.SetUpSpace", latencyMs: SETUP_LATENCY_MS });
    let pid = 0;
    let stdout = "";
    const running = driver(
      ["up", "--cwd", dir, "--parallel", "32"],
      env,
      (p) => {
        pid = p;
      },
      (chunk) => {
        stdout += chunk;
      },
    );
    // Distinct rooms: the CLI's own display may repeat a line the driver already printed.
    const named = () => new Set(stdout.match(/googlemeet: created spaces\/[\w-]+/g) ?? []).size;
    let setups = 0;
    await until(
      "8 rooms reported created and every Chat setup sent",
      () => named() >= CREATED_AT_KILL && setups >= CHATS,
      120_000,
      async () => {
        setups = (await admin.faults()).find((f) => f.method === "chat.SetUpSpace")?.matched ?? 0;
      },
    );
    // The driver's children: the CLI, and below it the provider host.
    for (const p of driverLives ? descendants(pid) : [pid, ...descendants(pid)]) {
      try {
        process.kill(p, "SIGKILL");
      } catch {
        // already gone
      }
    }
    const killed = await running;
    assert.equal(killed.code, driverLives ? 1 : null);
    // Chat makes the spaces whose setup was in flight: their answers are lost.
    await until(
      "the Chat setups in flight to land",
      () => chatCount >= CHATS,
      90_000,
      async () => {
        chatCount = (await admin.chatSpaces()).length;
      },
    );
    await admin.clearFaults();

    const inMeet = (await admin.spaces()).map((s) => s.name);
    const inState = await idsInState(dir, env);
    assert.equal(inMeet.length, CREATED_AT_KILL);
    assert.deepEqual(inState, [], "the engine recorded none of the rooms: each is an orphan unless adopted");
    assert.deepEqual(await chatIdsInState(dir, env), [], "no Chat space was recorded either");
    // Each room is named with its resource in the output, the moment Meet answered.
    for (const name of inMeet)
      assert.match(
        killed.stdout,
        new RegExp(
          `googlemeet: created ${name} \\(.*\\) for owner0@example.com as urn:pulumi:dev::fleet::pulumi-nodejs:dynamic/googlemeet:MeetSpace::room-\\d+`,
        ),
      );
    return killed;
  }
  let chatCount = 0;

  /** After the healing `up`: every declared room and space exactly once, all recorded, as declared. */
  async function assertHealed(dir: string, env: Record<string, string>) {
    const spaces = await admin.spaces();
    const inState = (await idsInState(dir, env)).sort();
    assert.equal(spaces.length, ROOMS, "no duplicate room");
    assert.deepEqual(
      inState,
      spaces.map((s) => s.name).sort(),
      "no orphan: every room in Meet is in the state",
    );
    const byRoom = await roomsByResource(dir, env);
    for (const [room, id] of Object.entries(byRoom)) {
      const space = spaces.find((s) => s.name === id)!;
      const i = Number(room.split("-")[1]);
      assert.equal(space.config?.accessType, "TRUSTED", id);
      assert.equal(space.config?.moderation, "ON", id);
      assert.deepEqual(
        space.members.map((m: any) => [m.email, m.role]).sort(),
        [0, 1].map((j) => [`cohost${j}.room${i}@example.com`, "COHOST"]),
        `${room} (${id}) has exactly its declared co-hosts`,
      );
    }
    const chats = (await admin.chatSpaces()).map((c) => c.name).sort();
    assert.equal(chats.length, CHATS, "no duplicate Chat space");
    assert.deepEqual((await chatIdsInState(dir, env)).sort(), chats);
    // Only the rooms nobody had made were created: the 8 of the killed run were adopted.
    // (Calls of the killed run still held in the emulator answer late with errors: count successes.)
    const calls = (await admin.requests()).filter((r) => r.code === "OK").map((r) => r.method);
    assert.equal(calls.filter((m) => m === "CreateSpace").length, ROOMS - CREATED_AT_KILL);
    assert.equal(calls.filter((m) => m === "GetSpace").length, CREATED_AT_KILL);
    const pending = JSON.parse((await pulumi(["stack", "export", "--stack", "dev"], dir, env)).stdout)
      .deployment.pending_operations;
    assert.deepEqual(pending ?? [], [], "the pending creates the kill left are resolved and cleared");
  }

  it("SIGKILL mid-apply, same machine: `cancel` and `up` adopt every room the killed run made (0 orphans, 0 duplicates)", async () => {
    const { dir, env } = setUp();
    await killMidApply(dir, env);
    const receipts = receiptFiles(env);
    assert.equal(receipts.length, CREATED_AT_KILL, "one receipt per room made");

    const locked = await driver(["up", "--cwd", dir], env);
    assert.equal(locked.code, 1);
    assert.match(locked.stderr, /currently locked/);
    assert.match(locked.stderr, /pulumi-meet-local cancel --cwd .* --stack dev`, then `up` again/);
    assert.match(locked.stderr, /on the machine that ran it, the next `up` adopts them by itself/);

    const cancelled = await driver(["cancel", "--cwd", dir], env);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    await admin.clearRequests();
    const healed = await driver(["up", "--cwd", dir], env);
    assert.equal(healed.code, 0, healed.stderr);
    assert.equal(
      (healed.stdout.match(/googlemeet: adopted spaces\/[\w-]+/g) ?? []).length >= CREATED_AT_KILL,
      true,
    );
    assert.match(
      healed.stdout,
      /pending creates left by a killed run are now recorded; cleared from the state/,
    );
    await assertHealed(dir, env);

    // The engine has recorded every room: the next operation on each settles its receipt.
    const again = await driver(["up", "--cwd", dir], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(receiptFiles(env), [], "receipts are removed once the engine has the rooms");
  });

  it("the CLI killed under a living driver: the driver lists the rooms the engine did not record, and how to adopt them", async () => {
    const { dir, env } = setUp();
    const ran = await killMidApply(dir, env, true);
    const rooms = (await admin.spaces()).map((s) => s.name);
    const advice = /This run created (\d+) rooms that Pulumi may not have recorded: (.*)\./.exec(ran.stderr);
    assert.ok(advice, ran.stderr);
    assert.equal(Number(advice[1]), CREATED_AT_KILL);
    assert.deepEqual(advice[2].split(", ").sort(), rooms.sort());
    assert.match(ran.stderr, /On this machine the next `up` adopts them by itself/);
    assert.match(ran.stderr, /pulumi-meet-local recover LOG --cwd \S+ --stack dev/);

    // Pulumi's own way for a pending create, `pulumi refresh --import-pending-creates URN
    // --import-pending-creates ID`, is why `recover` files receipts instead: with v3.274.1 the engine
    // drops the pending operation without recording the resource (the next `up` would duplicate).
    assert.equal((await driver(["cancel", "--cwd", dir], env)).code, 0);
    const [room] = roomsInLog(ran.stdout).rooms;
    const refreshed = await pulumi(
      [
        "refresh",
        "--yes",
        "--skip-preview",
        "--stack",
        "dev",
        "--import-pending-creates",
        room.urn!,
        "--import-pending-creates",
        room.space,
      ],
      dir,
      env,
    );
    assert.equal(refreshed.code, 0, refreshed.stderr);
    const state = JSON.parse(
      (await pulumi(["stack", "export", "--stack", "dev"], dir, env)).stdout,
    ).deployment;
    assert.ok(
      !(state.pending_operations ?? []).some((op: any) => op.resource.urn === room.urn),
      "the pending create is gone",
    );
    assert.ok(!state.resources.some((r: any) => r.urn === room.urn), "and the resource was not recorded");
  });

  it("SIGKILL mid-apply, another machine: `recover` with the killed run's log, then `up` (0 orphans, 0 duplicates)", async () => {
    const { dir, env } = setUp();
    const killed = await killMidApply(dir, env);
    // Another machine: none of the first one's receipts, only the log its CI kept.
    fs.rmSync(path.join(env.PULUMI_HOME, "googlemeet"), { recursive: true, force: true });
    const log = path.join(tempBackend(), "killed-run.log");
    fs.writeFileSync(log, killed.stdout);

    const recovered = await driver(["recover", log], env);
    assert.equal(recovered.code, 0, recovered.stderr);
    assert.match(recovered.stdout, new RegExp(`${CREATED_AT_KILL} rooms filed as create receipts`));
    assert.equal(receiptFiles(env).length, CREATED_AT_KILL);
    const cancelled = await driver(["cancel", "--cwd", dir], env);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    await admin.clearRequests();
    const healed = await driver(["up", "--cwd", dir], env);
    assert.equal(healed.code, 0, healed.stderr);
    await assertHealed(dir, env);
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
