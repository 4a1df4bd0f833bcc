/**
 * google.chat.v1.ChatService over gRPC, from the protos `@google-apps/chat` ships (never
 * hand-copied). Only the RPCs ChatSpace uses have handlers; the others answer UNIMPLEMENTED.
 */
import { dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { encodeStatusDetails, STATUS_CODES } from "../errors";
import type { ApiService } from "../service";
import { CHAT_RPCS, type ChatRpc } from "./model";

/** `<pkg>/build/protos`, found from the package's main file (build/src/index.js). */
function protosDir(pkg: string, from: string): string {
  return join(dirname(require.resolve(pkg, { paths: [from] })), "..", "protos");
}

export function loadChatService(): protoLoader.ServiceDefinition {
  const chatProtos = protosDir("@google-apps/chat", __dirname);
  const gaxProtos = protosDir("google-gax", require.resolve("@google-apps/chat", { paths: [__dirname] }));
  const definition = protoLoader.loadSync("google/chat/v1/chat_service.proto", {
    includeDirs: [chatProtos, gaxProtos],
    keepCase: false,
    enums: String,
    longs: String,
    defaults: false,
    oneofs: true,
  });
  return definition["google.chat.v1.ChatService"] as protoLoader.ServiceDefinition;
}

function handler(service: ApiService, rpc: ChatRpc): grpc.handleUnaryCall<any, any> {
  return (call, callback) => {
    const request = call.request ?? {};
    const authorization = call.metadata.get("authorization")[0];
    service
      .call({
        method: `chat.${rpc}`,
        version: "v1",
        transport: "grpc",
        authorization: authorization === undefined ? undefined : String(authorization),
        request,
        updateMask: request.updateMask ? (request.updateMask.paths ?? []) : undefined,
      })
      .then((outcome) => {
        if (outcome.ok) return callback(null, outcome.response);
        const metadata = new grpc.Metadata();
        metadata.set("grpc-status-details-bin", encodeStatusDetails(outcome.error));
        callback({ code: STATUS_CODES[outcome.error.status], details: outcome.error.message, metadata });
      })
      .catch((err) => callback({ code: grpc.status.INTERNAL, details: String(err) }));
  };
}

/** Adds ChatService to a gRPC server. */
export function addChatService(server: grpc.Server, service: ApiService): void {
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const rpc of CHAT_RPCS) implementation[rpc] = handler(service, rpc);
  server.addService(loadChatService(), implementation);
}
