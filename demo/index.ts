/**
 * The demo (`npm run demo`): rooms kept in git, applied twice on an embedded emulator.
 *
 * It starts the Meet API emulator in this process, applies examples/gitops-rooms with the offline
 * runner (the real Pulumi SDK and dynamic-provider host), shows the summary and each room's link,
 * applies again to show that an unchanged program makes no API call, and stops the emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, startEmulator } from "../emulator";
import { RunError, runStack, statePath } from "../runner";

const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "gitops-rooms");
const STACK = "demo";

function heading(text: string) {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const admin = new EmulatorAdminClient(emulator.httpUrl);
  // The demo's own stack: start from nothing, as the emulator does.
  fs.rmSync(statePath(EXAMPLE, STACK), { force: true });
  const env = { GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress };
  try {
    heading(`Meet API emulator listening: gRPC ${emulator.grpcAddress}, REST ${emulator.httpUrl}`);
    process.stdout.write(
      `Rooms defined in ${path.relative(process.cwd(), path.join(EXAMPLE, "rooms"))}/: ${fs.readdirSync(path.join(EXAMPLE, "rooms")).join(", ")}\n`,
    );

    heading("pulumi-meet-local up (first apply)");
    const first = await runStack({ cwd: EXAMPLE, stack: STACK, command: "up", env, out: process.stdout });
    const firstCalls = await admin.requests();
    process.stdout.write(
      `\nMeet API calls: ${firstCalls.length} (${summarize(firstCalls.map((c) => c.method))})\n`,
    );

    heading("The rooms");
    for (const [room, link] of Object.entries(first.outputs.links ?? {}))
      process.stdout.write(`  ${room.padEnd(16)} ${link}\n`);

    heading("pulumi-meet-local up (again, nothing changed)");
    await admin.clearRequests();
    await runStack({ cwd: EXAMPLE, stack: STACK, command: "up", env, out: process.stdout });
    const secondCalls = await admin.requests();
    process.stdout.write(`\nMeet API calls: ${secondCalls.length}\n`);
    if (secondCalls.length !== 0)
      throw new Error(`the second apply made ${secondCalls.length} API calls; expected none`);

    heading("Done");
    process.stdout.write(
      "Edit a file in examples/gitops-rooms/rooms/ and apply again by hand to see a one-setting update:\n" +
        "  npm run emulator -- --grpc-port 8086 --http-port 8085 &\n" +
        "  GOOGLE_MEET_EMULATOR_HOST=127.0.0.1:8086 npm run local -- up --cwd examples/gitops-rooms\n",
    );
  } finally {
    fs.rmSync(statePath(EXAMPLE, STACK), { force: true });
    await emulator.stop();
  }
}

function summarize(methods: string[]): string {
  const counts = new Map<string, number>();
  for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => `${n} ${m}`).join(", ");
}

main().catch((err) => {
  process.stderr.write(`${err instanceof RunError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
