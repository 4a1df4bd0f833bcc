/**
 * gRPC transport: one insecure server for every API's services (meet/grpc.ts, chat/grpc.ts). The
 * caller comes from `authorization: Bearer X` metadata; errors carry google.rpc.Status in
 * `grpc-status-details-bin` (grpcUnary.ts).
 */
import * as grpc from "@grpc/grpc-js";

/**
 * Starts the gRPC server on a private port of 127.0.0.1 with the services `addServices` add; the
 * public ports (portMux.ts) pipe gRPC connections to it. Resolves with the bound port.
 */
export async function startGrpcServer(
  addServices: ((server: grpc.Server) => void)[],
): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  for (const add of addServices) add(server);
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { server, port: bound };
}

export function stopGrpcServer(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.forceShutdown(), 2000);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
