/**
 * The grpc-js and google-protobuf copies that @pulumi/pulumi's generated protocol code was built
 * against: its `instanceof` checks need exactly those copies. Installed from npm, they are found
 * beside @pulumi/pulumi (which may nest its own). In the plugin archive's bundle there is one copy
 * of each: the release build defines `PLUGIN_BUNDLE`, and the plain `require`s below are the ones
 * the bundler follows.
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as anyprotoTypes from "google-protobuf/google/protobuf/any_pb";
import type * as emptyprotoTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structprotoTypes from "google-protobuf/google/protobuf/struct_pb";

declare const PLUGIN_BUNDLE: boolean | undefined;
const bundled = typeof PLUGIN_BUNDLE !== "undefined" && PLUGIN_BUNDLE;

function fromPulumi(id: string) {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve(id, { paths: [pulumiDir] }));
}

export const grpc: typeof grpcTypes = bundled ? require("@grpc/grpc-js") : fromPulumi("@grpc/grpc-js");
export const structproto: typeof structprotoTypes = bundled
  ? require("google-protobuf/google/protobuf/struct_pb")
  : fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const emptyproto: typeof emptyprotoTypes = bundled
  ? require("google-protobuf/google/protobuf/empty_pb")
  : fromPulumi("google-protobuf/google/protobuf/empty_pb");
export const anyproto: typeof anyprotoTypes = bundled
  ? require("google-protobuf/google/protobuf/any_pb")
  : fromPulumi("google-protobuf/google/protobuf/any_pb");
