/**
 * Loads the SpacesService definitions from the protos that @google-apps/meet ships (never
 * hand-copied), with google-gax's protos for google/api/* and google/protobuf/* imports.
 */
import { dirname, join } from "node:path";
import * as protoLoader from "@grpc/proto-loader";
import type { ApiVersion } from "./model";

/** `<pkg>/build/protos`, found from the package's main file (build/src/index.js). */
function protosDir(pkg: string, from: string): string {
  return join(dirname(require.resolve(pkg, { paths: [from] })), "..", "protos");
}

export function loadSpacesService(version: ApiVersion): protoLoader.ServiceDefinition {
  const meetProtos = protosDir("@google-apps/meet", __dirname);
  // google-gax as @google-apps/meet resolves it, wherever npm placed it.
  const gaxProtos = protosDir("google-gax", require.resolve("@google-apps/meet", { paths: [__dirname] }));
  const definition = protoLoader.loadSync(`google/apps/meet/${version}/service.proto`, {
    includeDirs: [meetProtos, gaxProtos],
    keepCase: false, // lowerCamel field names, the same shape as REST JSON
    enums: String, // enum names (unknown numbers stay numbers, so they can be rejected)
    longs: String,
    defaults: false, // absent fields stay absent: "not sent" is distinguishable
    oneofs: true,
  });
  return definition[`google.apps.meet.${version}.SpacesService`] as protoLoader.ServiceDefinition;
}
