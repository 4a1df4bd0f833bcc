/** Local TCP ports for tests: a free one to hand out, and whether one is being listened on. */
import * as net from "node:net";
import type { AddressInfo } from "node:net";

/** A port nothing listens on (bound, then closed): free for a process the test starts. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether something accepts connections at `address` (host:port). */
export function listening(address: string): Promise<boolean> {
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

/** Waits until nothing listens at `address` any more (the test's timeout bounds the wait). */
export async function untilClosed(address: string): Promise<void> {
  while (await listening(address)) await new Promise((resolve) => setTimeout(resolve, 100));
}
