/**
 * `npm run emulator &` then `kill $!`: the shell's `$!` is npm's pid, and killing it stopped npm
 * alone, leaving the emulator holding its ports. The emulator follows npm: its ports are released.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as net from "node:net";
import { REPO_ROOT } from "../support/engine";

/** Whether something accepts connections at `address` (host:port). */
function listening(address: string): Promise<boolean> {
  const [host, port] = address.split(":");
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("emulator: started by npm, stopped with npm's pid", function () {
  this.timeout(60_000);

  it("kill <npm's pid> releases the emulator's ports", async () => {
    const npm = spawn(
      "npm",
      ["run", "--silent", "emulator", "--", "--grpc-port", "0", "--http-port", "0", "--quiet"],
      {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const grpc = await new Promise<string>((resolve, reject) => {
        let out = "";
        npm.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          const line = /\{"grpc":"([^"]+)"/.exec(out);
          if (line) resolve(line[1]);
        });
        npm.once("exit", () => reject(new Error(`npm exited before the emulator started: ${out}`)));
      });
      assert.equal(await listening(grpc), true);
      npm.kill("SIGTERM");
      // Polled, not timed: the emulator notices npm is gone and stops.
      while (await listening(grpc)) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await listening(grpc), false);
    } finally {
      npm.kill("SIGKILL");
    }
  });
});
