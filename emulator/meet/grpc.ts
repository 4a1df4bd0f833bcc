/**
 * google.apps.meet.v2beta.SpacesService and google.apps.meet.v2.SpacesService over gRPC, from the
 * protos `@google-apps/meet` ships (never hand-copied).
 */
import type * as grpc from "@grpc/grpc-js";
import { MEET_METHODS, MEET_SPACE_METHODS, MEET_V2_ONLY_METHODS, type MeetMethod } from "../../google/meet";
import type { CallHandler } from "../wire/call";
import { unaryHandler } from "../wire/grpcUnary";
import { loadService } from "../wire/protos";
import type { ApiVersion } from "./model";

const METHODS: Record<ApiVersion, readonly MeetMethod[]> = {
  v2beta: MEET_METHODS.filter((m) => !MEET_V2_ONLY_METHODS.includes(m)),
  // The v2 protos in @google-apps/meet 0.7.2 have no members API (v2's members are REST only here).
  v2: MEET_SPACE_METHODS,
};

/** Adds both versions' SpacesService to a gRPC server. */
export function addMeetServices(server: grpc.Server, service: CallHandler): void {
  for (const version of ["v2beta", "v2"] as const) {
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const method of METHODS[version])
      implementation[method] = unaryHandler(service, method, version, method === "UpdateSpace");
    // Methods without a handler (ConnectActiveConference) answer UNIMPLEMENTED.
    server.addService(
      loadService(
        "@google-apps/meet",
        `google/apps/meet/${version}/service.proto`,
        `google.apps.meet.${version}.SpacesService`,
      ),
      implementation,
    );
  }
}
