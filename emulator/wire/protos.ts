/**
 * Loads gRPC service definitions from the protos the official clients ship (@google-apps/meet,
 * @google-apps/chat; never hand-copied), with google-gax's protos for google/api/* and
 * google/protobuf/* imports.
 */
import { dirname, join } from "node:path";
import * as protoLoader from "@grpc/proto-loader";

/** `<pkg>/build/protos`, found from the package's main file (build/src/index.js). */
function protosDir(pkg: string, from: string): string {
  return join(dirname(require.resolve(pkg, { paths: [from] })), "..", "protos");
}

const loaded = new Map<string, protoLoader.PackageDefinition>();

/** Every message and service `protoFile` of the client package `pkg` defines or imports (loaded once). */
export function loadProtos(pkg: string, protoFile: string): protoLoader.PackageDefinition {
  const key = `${pkg}\u0000${protoFile}`;
  let definition = loaded.get(key);
  if (!definition) {
    // google-gax as the client package resolves it, wherever npm placed it.
    const gaxProtos = protosDir("google-gax", require.resolve(pkg, { paths: [__dirname] }));
    definition = protoLoader.loadSync(protoFile, {
      includeDirs: [protosDir(pkg, __dirname), gaxProtos],
      keepCase: false, // lowerCamel field names, the same shape as REST JSON
      enums: String, // enum names (unknown numbers stay numbers, so they can be rejected)
      longs: String,
      defaults: false, // absent fields stay absent: "not sent" is distinguishable
      oneofs: true,
    });
    loaded.set(key, definition);
  }
  return definition;
}

/** `service` (fully qualified) from `protoFile` of the client package `pkg`. */
export function loadService(pkg: string, protoFile: string, service: string): protoLoader.ServiceDefinition {
  return loadProtos(pkg, protoFile)[service] as protoLoader.ServiceDefinition;
}
