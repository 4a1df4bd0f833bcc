/**
 * The grpc-js and google-protobuf copies that @pulumi/pulumi's generated protocol code was built
 * against: its `instanceof` checks need exactly those copies. Installed from npm, they are found
 * beside @pulumi/pulumi (which may nest its own). In the plugin archive's bundle there is one copy
 * of each: the release build defines `PLUGIN_BUNDLE`, and the plain `require`s below are the ones
 * the bundler follows. The generated messages and service definitions of Pulumi's protocol come
 * from @pulumi/pulumi itself.
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as engrpcTypes from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engprotoTypes from "@pulumi/pulumi/proto/engine_pb";
import type * as plugprotoTypes from "@pulumi/pulumi/proto/plugin_pb";
import type * as provrpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as provprotoTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as statusprotoTypes from "@pulumi/pulumi/proto/status_pb";
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

export const provproto: typeof provprotoTypes = require("@pulumi/pulumi/proto/provider_pb");
export const provrpc: typeof provrpcTypes = require("@pulumi/pulumi/proto/provider_grpc_pb");
export const plugproto: typeof plugprotoTypes = require("@pulumi/pulumi/proto/plugin_pb");
export const statusproto: typeof statusprotoTypes = require("@pulumi/pulumi/proto/status_pb");
export const engrpc: typeof engrpcTypes = require("@pulumi/pulumi/proto/engine_grpc_pb");
export const engproto: typeof engprotoTypes = require("@pulumi/pulumi/proto/engine_pb");
