/**
 * `npm run emulator &` then `kill $!`: the shell's `$!` is npm's pid, and killing it stopped npm
 * alone, leaving the emulator holding its ports. The emulator follows npm: it exits too.
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

  it("kill <npm's pid> stops the emulator too", async () => {
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
      // What a user meets is the port: held by a left-over emulator, or free once it has stopped.
      // (Waiting for the end of the stdout pipe instead depends on every process holding it.)
      while (await listening(grpc)) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      npm.kill("SIGKILL");
    }
  });
});
