/**
 * `npm run emulator &` then `kill $!`: the shell's `$!` is npm's pid, and killing it stopped npm
 * alone, leaving the emulator holding its ports. The emulator follows npm: it exits too, also when
 * the kill comes the moment the ports are announced (the emulator once took its launcher's pid only
 * after announcing them, so such a kill left it following init for ever, 2 runs in 5 on a busy machine).
 */
import { spawn } from "node:child_process";
import { REPO_ROOT } from "../support/engine";
import { untilClosed } from "../support/ports";

/** Starts the emulator through npm and kills npm as soon as the ports are announced; their address. */
async function killNpmOnAnnounce(): Promise<{ grpc: string; http: string; group: number }> {
  const npm = spawn(
    "npm",
    ["run", "--silent", "emulator", "--", "--grpc-port", "0", "--http-port", "0", "--quiet"],
    {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      // A process group of its own, so that the test can remove whatever is left whatever happens.
      detached: true,
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    npm.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const line = /\{"grpc":"([^"]+)","http":"http:\/\/([^"]+)"/.exec(out);
      if (!line) return;
      npm.kill("SIGTERM");
      resolve({ grpc: line[1], http: line[2], group: npm.pid! });
    });
    npm.once("exit", () => reject(new Error(`npm exited before the emulator started: ${out}`)));
  });
}

describe("emulator: started by npm, stopped with npm's pid", function () {
  this.timeout(60_000);
  // Removed after each test, also one that timed out waiting: a left-over emulator holds its ports.
  let group: number | undefined;
  afterEach(() => {
    try {
      if (group) process.kill(-group, "SIGKILL");
    } catch {
      // nothing left
    }
    group = undefined;
  });

  for (const round of [1, 2, 3])
    it(`kill <npm's pid> the moment the ports are announced stops the emulator too (${round} of 3)`, async () => {
      const started = await killNpmOnAnnounce();
      group = started.group;
      // What a user meets is the ports: held by a left-over emulator, or free once it has stopped.
      // (Waiting for the end of the stdout pipe instead depends on every process holding it.)
      await untilClosed(started.grpc);
      await untilClosed(started.http);
    });
});
