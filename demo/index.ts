/**
 * The demo (`npm run demo`): rooms kept in git, applied twice through the real Pulumi engine on an
 * embedded emulator.
 *
 * It starts the Meet API emulator in this process, applies examples/gitops-rooms with the real
 * Pulumi CLI (built from source on first use when no `pulumi` is on PATH), shows each room's link,
 * applies again to show that an unchanged program makes no API call, and stops the emulator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAdminClient, startEmulator } from "../emulator";
import { RunError, pulumiBinDir, runStack } from "../runner";
import { demoTip } from "./tip";

const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "gitops-rooms");
const STACK = "demo";

const HELP = `npm run demo: applies examples/gitops-rooms through the real Pulumi engine on an embedded
Meet API emulator, twice: the first apply creates the rooms, the second must make no API call.
Needs the Pulumi CLI: the one on PATH, else one built from source with Go (about 4 minutes, once).
Takes no arguments; -h/--help shows this.
`;

function heading(text: string) {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.some((a) => a === "-h" || a === "--help")) {
    process.stdout.write(HELP);
    return 0;
  }
  if (argv.length) {
    process.stderr.write(`npm run demo: unknown argument "${argv[0]}" (it takes none; see --help)\n`);
    return 2;
  }
  heading("The Pulumi CLI");
  process.env.PULUMI_BIN_DIR = pulumiBinDir();
  const emulator = await startEmulator();
  const admin = new EmulatorAdminClient(emulator.httpUrl);
  // The demo's own state, thrown away at the end; the stack file the CLI writes goes too.
  const backend = fs.mkdtempSync(path.join(os.tmpdir(), "meet-demo-"));
  const stackFile = path.join(EXAMPLE, `Pulumi.${STACK}.yaml`);
  const hadStackFile = fs.existsSync(stackFile);
  const env = {
    GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "demo",
  };
  try {
    heading(`Meet API emulator listening: gRPC ${emulator.grpcAddress}, REST ${emulator.httpUrl}`);
    process.stdout.write(
      `Rooms defined in ${path.relative(process.cwd(), path.join(EXAMPLE, "rooms"))}/: ${fs.readdirSync(path.join(EXAMPLE, "rooms")).join(", ")}\n`,
    );

    heading("pulumi up (first apply, the real engine through pulumi-meet-local)");
    const first = await runStack({ cwd: EXAMPLE, stack: STACK, command: "up", env, out: process.stdout });
    const firstCalls = await admin.requests();
    process.stdout.write(
      `\nAPI calls: ${firstCalls.length} (${summarize(firstCalls.map((c) => c.method))})\n`,
    );

    heading("The rooms");
    // Beside each link, the number people without the link dial (Space.phoneAccess).
    const dialIns = (first.outputs.dialIns as Record<string, string>) ?? {};
    for (const [room, link] of Object.entries((first.outputs.links as Record<string, string>) ?? {})) {
      const phone = dialIns[room] ? `  dial-in ${dialIns[room]}` : "";
      process.stdout.write(`  ${room.padEnd(16)} ${link}${phone}\n`);
    }
    // Rooms with a `chat:` block also have a Google Chat space for the same people.
    for (const [room, link] of Object.entries((first.outputs.chats as Record<string, string>) ?? {}))
      process.stdout.write(`  ${room.padEnd(16)} ${link} (Chat space)\n`);

    heading("pulumi up (again, nothing changed)");
    await admin.clearRequests();
    await runStack({ cwd: EXAMPLE, stack: STACK, command: "up", env, out: process.stdout });
    const secondCalls = await admin.requests();
    process.stdout.write(`\nAPI calls: ${secondCalls.length}\n`);
    if (secondCalls.length !== 0)
      throw new Error(`the second apply made ${secondCalls.length} API calls; expected none`);

    heading("Done");
    process.stdout.write(demoTip());
    return 0;
  } finally {
    fs.rmSync(backend, { recursive: true, force: true });
    if (!hadStackFile) fs.rmSync(stackFile, { force: true });
    await emulator.stop();
  }
}

function summarize(methods: string[]): string {
  const counts = new Map<string, number>();
  for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => `${n} ${m}`).join(", ");
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(
      `\nnpm run demo failed: ${err instanceof RunError ? err.message : (err as Error).stack}\n`,
    );
    process.exit(1);
  },
);
