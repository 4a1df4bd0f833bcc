/**
 * The provider objects Pulumi serializes into state for every resource. They must capture nothing
 * but the name of the runtime entry: each `require` runs inside the method, in the provider host,
 * and resolves `pulumi-google-meet` from the program's directory. So a stub holds no credential and
 * no code of ours (old state runs the installed package's current code), and stays under 2 KB.
 *
 * Written out literally, one short arrow per method: every captured helper or variable would add
 * to the serialized text of every resource, twice (inputs and outputs).
 */
import type * as pulumi from "@pulumi/pulumi";

export const spaceStub: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-google-meet/runtime/v1").space.configure(...a),
  check: (...a) => require("pulumi-google-meet/runtime/v1").space.check(...a),
  diff: (...a) => require("pulumi-google-meet/runtime/v1").space.diff(...a),
  create: (...a) => require("pulumi-google-meet/runtime/v1").space.create(...a),
  read: (...a) => require("pulumi-google-meet/runtime/v1").space.read(...a),
  update: (...a) => require("pulumi-google-meet/runtime/v1").space.update(...a),
  delete: (...a) => require("pulumi-google-meet/runtime/v1").space.delete(...a),
};

/** No `update`: every change of a member replaces it (see its diff), so the host never calls one. */
export const memberStub: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-google-meet/runtime/v1").member.configure(...a),
  check: (...a) => require("pulumi-google-meet/runtime/v1").member.check(...a),
  diff: (...a) => require("pulumi-google-meet/runtime/v1").member.diff(...a),
  create: (...a) => require("pulumi-google-meet/runtime/v1").member.create(...a),
  read: (...a) => require("pulumi-google-meet/runtime/v1").member.read(...a),
  delete: (...a) => require("pulumi-google-meet/runtime/v1").member.delete(...a),
};

/** ChatSpace. */
export const chatStub: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-google-meet/runtime/v1").chat.configure(...a),
  check: (...a) => require("pulumi-google-meet/runtime/v1").chat.check(...a),
  diff: (...a) => require("pulumi-google-meet/runtime/v1").chat.diff(...a),
  create: (...a) => require("pulumi-google-meet/runtime/v1").chat.create(...a),
  read: (...a) => require("pulumi-google-meet/runtime/v1").chat.read(...a),
  update: (...a) => require("pulumi-google-meet/runtime/v1").chat.update(...a),
  delete: (...a) => require("pulumi-google-meet/runtime/v1").chat.delete(...a),
};
