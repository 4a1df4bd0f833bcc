/**
 * `npm run bench`: how close an apply comes to the limits set by the API (latency, quota), and
 * what the package costs in calls, bytes and overhead. A benchmark, not a test: it prints a table
 * and writes bench/results/latest.json. Every figure is set beside a baseline measured in the same
 * run (the minimum number of calls, the lower bound that latency allows, the quota ceiling, a
 * direct client call).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { v2beta } from "@google-apps/meet";
import { OAuth2Client } from "google-auth-library";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../emulator";
import { spaceStub } from "../provider/resources/stub";
import { runStack } from "../runner";
// Being rewritten for the real engine (issue 14): state now lives in a file backend.
const statePath = (dir: string, stack: string) => path.join(dir, ".pulumi-local", `${stack}.json`);
import { makeModuleShim } from "../runner/program";
import { startProviderHost } from "../test/support/providerHost";

const ROOT = path.resolve(__dirname, "..", "..");
const FLEET = path.join(ROOT, "bench", "fleet");
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 200);
const COHOSTS = Number(process.env.BENCH_COHOSTS ?? 5);
const MEMBER_CONCURRENCY = 4;
const STACK = "bench";

interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
}
const rows: Row[] = [];
const results: Record<string, unknown> = {
  latencyMs: LATENCY_MS,
  rooms: ROOMS,
  cohosts: COHOSTS,
  node: process.version,
};

function record(figure: string, value: number, unit: string, baseline: number, baselineLabel: string) {
  const ratio = baseline === 0 ? (value === 0 ? "1.00" : "n/a") : (value / baseline).toFixed(2);
  rows.push({
    figure,
    value: `${round(value)} ${unit}`,
    baseline: `${round(baseline)} ${unit} (${baselineLabel})`,
    ratio,
  });
  results[figure] = { value, unit, baseline, baselineLabel, ratio: Number(ratio) || ratio };
}
const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 0));

function fleetConfig(extra: Record<string, string | number>) {
  return {
    "fleet:rooms": String(ROOMS),
    "fleet:cohosts": String(COHOSTS),
    "googlemeet:createQuota": "1000000",
    "googlemeet:writeQuota": "1000000",
    "googlemeet:readQuota": "1000000",
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
  };
}

async function apply(
  emu: RunningEmulator,
  stack: string,
  config: Record<string, string>,
  command: "up" | "destroy" = "up",
) {
  const started = performance.now();
  const result = await runStack({
    cwd: FLEET,
    stack,
    command,
    env: { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, PULUMI_CONFIG: JSON.stringify(config) },
    out: new (require("node:stream").PassThrough)(),
  });
  return { result, seconds: (performance.now() - started) / 1000 };
}

async function callsFigures(): Promise<void> {
  const emu = await startEmulator({ latencyMs: LATENCY_MS });
  const admin = new EmulatorAdminClient(emu.httpUrl);
  fs.rmSync(statePath(FLEET, STACK), { force: true });
  try {
    // A direct call through the official client: the latency every call pays, measured.
    const direct = await directCallMs(emu, 20);
    results.directCallMs = direct;
    await admin.clearRequests();

    const count = async () => {
      const calls = await admin.requests();
      await admin.clearRequests();
      return {
        total: calls.length,
        writes: calls.filter((c) => !["GetSpace", "ListMembers", "GetMember"].includes(c.method)).length,
      };
    };

    const create = await apply(emu, STACK, fleetConfig({}));
    const createCalls = await count();
    record(
      `API calls: create ${ROOMS} rooms x ${COHOSTS} co-hosts`,
      createCalls.total,
      "calls",
      ROOMS * (1 + COHOSTS),
      "minimum: 1 CreateSpace + 1 CreateMember each",
    );

    // Lower bound: every room in parallel; per room one CreateSpace, then its members in rounds of the member concurrency.
    const criticalPath = 1 + Math.ceil(COHOSTS / MEMBER_CONCURRENCY);
    const noop = await apply(emu, STACK, fleetConfig({}));
    const noopCalls = await count();
    record("API calls: no-op apply", noopCalls.total, "calls", 0, "minimum");
    const lowerBound = (criticalPath * direct) / 1000;
    record(
      `wall time: apply ${ROOMS} rooms (${LATENCY_MS} ms latency)`,
      create.seconds,
      "s",
      lowerBound + noop.seconds,
      `latency bound ${lowerBound.toFixed(2)} s + fixed cost of an apply ${noop.seconds.toFixed(2)} s (no-op apply)`,
    );
    record(
      "wall time: no-op apply (program + host start + checks/diffs)",
      noop.seconds,
      "s",
      noop.seconds,
      "itself: the fixed cost above",
    );

    await apply(emu, STACK, fleetConfig({ "fleet:accessType": "RESTRICTED" }));
    const oneSetting = await count();
    record(
      `API calls: one setting changed on ${ROOMS} rooms`,
      oneSetting.total,
      "calls",
      ROOMS,
      "minimum: 1 UpdateSpace each",
    );

    await apply(emu, STACK, fleetConfig({ "fleet:accessType": "RESTRICTED", "fleet:rotate": 1 }));
    const churn = await count();
    record(
      `API calls: co-host churn (1 out, 1 in, on ${ROOMS} rooms)`,
      churn.total,
      "calls",
      ROOMS * 3,
      "minimum: 1 ListMembers + 1 DeleteMember + 1 CreateMember each",
    );

    const state = fs.readFileSync(statePath(FLEET, STACK), "utf8");
    const parsed = JSON.parse(state);
    const stub: string = parsed.resources[0].outputs.__provider;
    record("serialized provider per resource", Buffer.byteLength(stub), "bytes", 2048, "budget: 2 KB");
    record(
      "state file per 1,000 rooms",
      (Buffer.byteLength(state) * 1000) / ROOMS / 1024,
      "KiB",
      (Buffer.byteLength(stub) * 2 * 1000) / 1024,
      "of which the stub twice per room (inputs and outputs)",
    );

    await apply(emu, STACK, fleetConfig({}), "destroy");
  } finally {
    fs.rmSync(statePath(FLEET, STACK), { force: true });
    await emu.stop();
  }
}

async function quotaFigures(): Promise<void> {
  // A quota minute lasts one second: Meet's 10 creates per user per minute become 10 per second.
  const timeScale = 60;
  const rooms = Number(process.env.BENCH_QUOTA_ROOMS ?? 60);
  const emu = await startEmulator({ quota: { enabled: true, timeScale } });
  const admin = new EmulatorAdminClient(emu.httpUrl);
  const stack = `${STACK}-quota`;
  fs.rmSync(statePath(FLEET, stack), { force: true });
  try {
    const config = {
      "fleet:rooms": String(rooms),
      "fleet:cohosts": "1",
      "googlemeet:quotaWindowSeconds": String(60 / timeScale),
    };
    const { seconds } = await apply(emu, stack, config);
    const calls = await admin.requests();
    const refused = calls.filter((c) => c.code === "RESOURCE_EXHAUSTED").length;
    // The same apply again changes nothing: its time is the fixed cost (program, host, checks).
    const fixed = (await apply(emu, stack, config)).seconds;
    // The ceiling: the first 10 creates at once, then 10 per window.
    const windowS = 60 / timeScale;
    const ceilingSeconds = (Math.ceil(rooms / 10) - 1) * windowS;
    const achieved = rooms / seconds;
    const ceiling = rooms / ceilingSeconds;
    const paced = rooms / (seconds - fixed);
    record(
      `quota: ${rooms} creates at 10 per ${windowS} s, whole apply`,
      achieved,
      "rooms/s",
      ceiling,
      `quota ceiling; ${refused} calls refused for quota`,
    );
    record(
      `quota: the same, less the apply's fixed cost (${fixed.toFixed(2)} s)`,
      paced,
      "rooms/s",
      ceiling,
      "quota ceiling",
    );
    results.quotaThroughputPercent = Math.round((100 * achieved) / ceiling);
    results.quotaThroughputPercentPaced = Math.round((100 * paced) / ceiling);
  } finally {
    fs.rmSync(statePath(FLEET, stack), { force: true });
    await emu.stop();
  }
}

async function hostFigures(): Promise<void> {
  const emu = await startEmulator();
  const shim = makeModuleShim(ROOT);
  try {
    const direct = await directCallMs(emu, 50);
    const provider = (await pulumi.runtime.serializeFunction(() => spaceStub)).text;
    const host = await startProviderHost({
      cwd: ROOT,
      env: { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, NODE_PATH: shim.nodePath },
      onOutput: () => {},
    });
    await host.configure({});
    const urn = "urn:pulumi:bench::fleet::pulumi-nodejs:dynamic/googlemeet:MeetSpace::r";
    const created = await host.create(urn, { __provider: provider });
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await host.read(created.id, urn, created.properties);
      times.push(performance.now() - t);
    }
    await host.stop();
    const steady = median(times.slice(1));
    record(
      "provider host: first refresh (loads the runtime, builds the client)",
      times[0],
      "ms",
      direct,
      "one direct GetSpace",
    );
    record(
      "provider host: each later refresh",
      steady,
      "ms",
      direct,
      "one direct GetSpace (the client is built once)",
    );
  } finally {
    shim.dispose();
    await emu.stop();
  }
}

/** Median time of a GetSpace made directly with the official client. */
async function directCallMs(emu: RunningEmulator, n: number): Promise<number> {
  const client = new v2beta.SpacesServiceClient({
    servicePath: "127.0.0.1",
    port: emu.grpcPort,
    sslCreds: grpc.credentials.createInsecure(),
    authClient: new OAuth2Client(), // no metadata-server probe
  } as any);
  const [space] = await client.createSpace({ space: {} });
  const times: number[] = [];
  for (let i = 0; i < n + 1; i++) {
    const t = performance.now();
    await client.getSpace({ name: space.name! }, { retry: null } as any);
    times.push(performance.now() - t);
  }
  await client.close();
  return median(times.slice(1));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function printTable(): void {
  const headers: Row = {
    figure: "figure",
    value: "measured",
    baseline: "baseline (same run)",
    ratio: "ratio",
  };
  const all = [headers, ...rows];
  const width = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const line = (r: Row) =>
    `| ${r.figure.padEnd(width("figure"))} | ${r.value.padStart(width("value"))} | ${r.baseline.padEnd(width("baseline"))} | ${r.ratio.padStart(width("ratio"))} |`;
  process.stdout.write(
    `${[line(headers), `|${["figure", "value", "baseline", "ratio"].map((k) => "-".repeat(width(k as keyof Row) + 2)).join("|")}|`, ...rows.map(line)].join("\n")}\n`,
  );
}

async function main() {
  process.stdout.write(
    `pulumi-google-meet benchmark: ${ROOMS} rooms x ${COHOSTS} co-hosts, ${LATENCY_MS} ms per call, Node ${process.version}\n\n`,
  );
  await callsFigures();
  await quotaFigures();
  await hostFigures();
  printTable();
  const out = path.join(ROOT, "bench", "results", "latest.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`);
  process.stdout.write(`\nwritten: ${path.relative(process.cwd(), out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
