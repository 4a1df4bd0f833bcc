/**
 * One public port, both protocols. Each public port is a plain TCP server that looks at the
 * first bytes of every connection: the HTTP/2 connection preface (`PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
 * what every gRPC client sends first) is piped to the private gRPC server on 127.0.0.1; anything
 * else is handed, bytes included, to the in-process HTTP/1.1 server (REST and admin hooks).
 * So `GOOGLE_MEET_EMULATOR_HOST` may name either port, and REST clients may use either.
 */
import type * as http from "node:http";
import * as net from "node:net";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

export interface MuxServer {
  server: net.Server;
  port: number;
  /** Open connections, ended by stopMux. */
  sockets: Set<net.Socket>;
}

/** Starts a public port; resolves with the bound port or rejects with the listen error (e.g. EADDRINUSE). */
export async function listenMux(
  host: string,
  port: number,
  httpServer: http.Server,
  grpcPort: number,
): Promise<MuxServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    route(socket, httpServer, grpcPort);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as net.AddressInfo).port, sockets };
}

/** Reads until the first bytes decide the protocol, then hands the connection over. */
function route(socket: net.Socket, httpServer: http.Server, grpcPort: number): void {
  let head = Buffer.alloc(0);
  const onError = () => socket.destroy();
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const n = Math.min(head.length, PREFACE.length);
    const isPrefix = head.subarray(0, n).equals(PREFACE.subarray(0, n));
    if (isPrefix && n < PREFACE.length) return; // not enough bytes to decide yet
    socket.off("data", onData);
    socket.off("error", onError);
    socket.pause();
    if (isPrefix) toGrpc(socket, head, grpcPort);
    else {
      socket.unshift(head);
      httpServer.emit("connection", socket);
      socket.resume();
    }
  };
  socket.on("error", onError);
  socket.on("data", onData);
}

function toGrpc(socket: net.Socket, head: Buffer, grpcPort: number): void {
  const upstream = net.connect(grpcPort, "127.0.0.1");
  const closeBoth = () => {
    socket.destroy();
    upstream.destroy();
  };
  socket.on("error", closeBoth);
  upstream.on("error", closeBoth);
  socket.on("close", closeBoth);
  upstream.on("close", closeBoth);
  upstream.write(head);
  socket.pipe(upstream);
  upstream.pipe(socket);
}

export function stopMux(mux: MuxServer): Promise<void> {
  return new Promise((resolve) => {
    mux.server.close(() => resolve());
    for (const socket of mux.sockets) socket.destroy();
  });
}
