/**
 * The provider objects Pulumi serializes into state for every resource, twice (inputs and outputs).
 * Each is a single method, `configure`, that `require`s the runtime entry and has it set the
 * kind's operations on the provider object (`install` in runtime/v1). That is enough because
 * Pulumi's dynamic-provider host calls `provider.configure(req)` on every provider it rebuilds from
 * state, once per distinct text, before any other method, whatever the first call is (check, diff,
 * create, read, update, delete; refresh and delete run the copy in the old state).
 *
 * The `require` runs inside the method, in the host, and resolves `pulumi-google-meet` from the
 * program's directory; so a stub holds no credential and no code of ours (old state runs the
 * installed package's current code), whether the package is installed or linked. About 0.7 KB.
 *
 * Before requiring, `configure` makes every operation `configure` itself. When the `require` fails
 * (the package is not installed where the program runs), the host keeps the provider and hands it
 * to later calls: without this, it would skip a missing `delete` as done (the resource would leave
 * state untouched in Meet) and turn a missing `update` into empty outputs. With it, every later
 * call tries again and fails with the same error. No comment goes inside the method: its text is
 * what is stored.
 */
import type * as pulumi from "@pulumi/pulumi";

/** What `configure` receives from the host. */
interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

function stubOf(kind: "space" | "member" | "chat"): pulumi.dynamic.ResourceProvider {
  return {
    configure(this: any, req: ConfigureRequest) {
      this.check = this.diff = this.create = this.read = this.update = this.delete = this.configure;
      return require("pulumi-google-meet/runtime/v1").install(this, kind, req);
    },
  } as pulumi.dynamic.ResourceProvider;
}

export const spaceStub = stubOf("space");

/** A member's `update` changes its role in place on v2; its other changes replace it (see its diff). */
export const memberStub = stubOf("member");

/** ChatSpace. */
export const chatStub = stubOf("chat");
