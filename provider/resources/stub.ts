/**
 * The provider object Pulumi serializes into state for every resource. It must capture nothing but
 * the name of the runtime entry: the `require` runs inside each method, in the provider host, and
 * resolves `pulumi-google-meet` from the program's directory. So the stub stays ~0.5 KB, holds no
 * credential and no code of ours, and old state runs the installed package's current code.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../runtime/v1";

export function stubProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // Looked up on every call: cheap after the first (Node caches modules), and never captured.
  const entry = () => require("pulumi-google-meet/runtime/v1").providers[kind];
  return {
    configure: (req) => entry().configure(req),
    check: (olds, news) => entry().check(olds, news),
    diff: (id, olds, news) => entry().diff(id, olds, news),
    create: (inputs) => entry().create(inputs),
    read: (id, props) => entry().read(id, props),
    update: (id, olds, news) => entry().update(id, olds, news),
    delete: (id, props) => entry().delete(id, props),
  };
}
