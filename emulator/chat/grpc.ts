/**
 * google.chat.v1.ChatService over gRPC, from the protos `@google-apps/chat` ships (never
 * hand-copied). Only the RPCs ChatSpace uses have handlers; the others answer UNIMPLEMENTED.
 */
import type * as grpc from "@grpc/grpc-js";
import { unaryHandler } from "../wire/grpcUnary";
import { loadService } from "../wire/protos";
import type { CallHandler } from "../wire/call";
import { CHAT_RPCS } from "../../google/chat";

/** Adds ChatService to a gRPC server. */
export function addChatService(server: grpc.Server, service: CallHandler): void {
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const rpc of CHAT_RPCS) implementation[rpc] = unaryHandler(service, `chat.${rpc}`, "v1", true);
  server.addService(
    loadService("@google-apps/chat", "google/chat/v1/chat_service.proto", "google.chat.v1.ChatService"),
    implementation,
  );
}
