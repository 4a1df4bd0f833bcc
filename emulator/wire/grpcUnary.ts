/** The one way the emulator answers a unary gRPC call, for Meet's services and Chat's. */
import * as grpc from "@grpc/grpc-js";
import { Code } from "../../google/statusCodes";
import { encodeStatusDetails } from "./errors";
import type { ApiCall, CallHandler } from "./call";

/**
 * One unary RPC: the caller from `authorization` metadata, the call through the service's
 * pipeline (journal, faults, quotas), errors as google.rpc.Status in `grpc-status-details-bin`.
 * `takesMask`: the request's `updateMask` is journalled and applied.
 */
export function unaryHandler(
  service: CallHandler,
  method: ApiCall["method"],
  version: ApiCall["version"],
  takesMask: boolean,
): grpc.handleUnaryCall<any, any> {
  return (call, callback) => {
    const request = call.request ?? {};
    const authorization = call.metadata.get("authorization")[0];
    service
      .call({
        method,
        version,
        transport: "grpc",
        authorization: authorization === undefined ? undefined : String(authorization),
        request,
        updateMask: takesMask && request.updateMask ? (request.updateMask.paths ?? []) : undefined,
      })
      .then((outcome) => {
        if (outcome.ok) return callback(null, outcome.response);
        const metadata = new grpc.Metadata();
        metadata.set("grpc-status-details-bin", encodeStatusDetails(outcome.error));
        callback({ code: Code[outcome.error.status], details: outcome.error.message, metadata });
      })
      .catch((err) => callback({ code: grpc.status.INTERNAL, details: String(err) }));
  };
}
