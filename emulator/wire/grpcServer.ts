/**
 * gRPC transport: google.apps.meet.v2beta.SpacesService and google.apps.meet.v2.SpacesService
 * over one insecure server. The caller comes from `authorization: Bearer X` metadata.
 * Errors carry google.rpc.Status in `grpc-status-details-bin`.
 */
import * as grpc from "@grpc/grpc-js";
import { addChatService } from "../chat/grpc";
import { unaryHandler } from "./grpcUnary";
import type { Method } from "../pipeline/identity";
import type { ApiVersion } from "../meet/model";
import { loadSpacesService } from "./protos";
import type { ApiService } from "../pipeline/service";

const METHODS: Record<ApiVersion, Method[]> = {
  v2beta: [
    "CreateSpace",
    "GetSpace",
    "UpdateSpace",
    "EndActiveConference",
    "CreateMember",
    "GetMember",
    "ListMembers",
    "DeleteMember",
  ],
  // The v2 protos in @google-apps/meet 0.7.2 have no members API.
  v2: ["CreateSpace", "GetSpace", "UpdateSpace", "EndActiveConference"],
};

/**
 * Starts the gRPC server on a private port of 127.0.0.1; the public ports (portMux.ts) pipe
 * gRPC connections to it. Resolves with the bound port.
 */
export async function startGrpcServer(service: ApiService): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  for (const version of ["v2beta", "v2"] as const) {
    const definition = loadSpacesService(version);
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const method of METHODS[version])
      implementation[method] = unaryHandler(service, method, version, method === "UpdateSpace");
    // Methods without a handler (ConnectActiveConference) answer UNIMPLEMENTED.
    server.addService(definition, implementation);
  }
  addChatService(server, service);
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
