/**
 * What makes one resource's creation recognisable across runs, computed in the resource class
 * because the dynamic-provider host passes the provider no URN. Both keys are unique like the URN
 * because they are built from it the same way: the parent's URN (the stack when there is none) and
 * the resource's name.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * The resource's own URN, as the engine will name it: what MeetSpace files its create receipt
 * under, and what `pulumi refresh --import-pending-creates` needs.
 */
export function ownUrn(
  token: string,
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.Output<string> {
  return pulumi.createUrn(name, `pulumi-nodejs:dynamic/${token}`, opts?.parent);
}

/** ChatSpace's default setup key (kept as first released: it seeds request ids already sent). */
export function setupKeyOf(
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.Input<string> {
  return opts?.parent
    ? opts.parent.urn.apply((parent) => `${parent}/${name}`)
    : `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
}
