/**
 * Loads gRPC service definitions from the protos the official clients ship (@google-apps/meet,
 * @google-apps/chat; never hand-copied), with google-gax's protos for google/api/* and
 * google/protobuf/* imports.
 */
import { dirname, join } from "node:path";
import * as protoLoader from "@grpc/proto-loader";
import type { ApiVersion } from "../meet/model";

/** `<pkg>/build/protos`, found from the package's main file (build/src/index.js). */
function protosDir(pkg: string, from: string): string {
  return join(dirname(require.resolve(pkg, { paths: [from] })), "..", "protos");
}

/** `service` (fully qualified) from `protoFile` of the client package `pkg`. */
export function loadService(pkg: string, protoFile: string, service: string): protoLoader.ServiceDefinition {
  // google-gax as the client package resolves it, wherever npm placed it.
  const gaxProtos = protosDir("google-gax", require.resolve(pkg, { paths: [__dirname] }));
  const definition = protoLoader.loadSync(protoFile, {
    includeDirs: [protosDir(pkg, __dirname), gaxProtos],
    keepCase: false, // lowerCamel field names, the same shape as REST JSON
    enums: String, // enum names (unknown numbers stay numbers, so they can be rejected)
    longs: String,
    defaults: false, // absent fields stay absent: "not sent" is distinguishable
    oneofs: true,
  });
  return definition[service] as protoLoader.ServiceDefinition;
}

export function loadSpacesService(version: ApiVersion): protoLoader.ServiceDefinition {
  return loadService(
    "@google-apps/meet",
    `google/apps/meet/${version}/service.proto`,
    `google.apps.meet.${version}.SpacesService`,
  );
}
