/**
 * The runtime entry, version 1: `require("pulumi-google-meet/runtime/v1")`.
 *
 * Serialized providers in every stack's state require this path at delete and refresh time, for as
 * long as those stacks exist. Never rename or remove it, and never change its contract; add a `v2`
 * beside it instead. What it delegates to can change freely: that is how upgrading the package
 * upgrades every operation, old state included.
 */
import * as chatSpaceProvider from "./chatSpaceProvider";
import { type ConfigureRequest, configure } from "./context";
import { reportedOnce, reportingOnce } from "./hostEcho";
import * as memberProvider from "./memberProvider";
import * as spaceProvider from "./spaceProvider";

/** The contract version of this entry. */
export const version = 1;

/** MeetSpace: what its serialized stub calls (`require("pulumi-google-meet/runtime/v1").space.check(...)`). */
export const space = {
  configure,
  check: spaceProvider.check,
  diff: spaceProvider.diff,
  create: spaceProvider.create,
  read: spaceProvider.read,
  update: spaceProvider.update,
  delete: spaceProvider.remove,
};

/** MeetSpaceMember. */
export const member = {
  configure,
  check: memberProvider.check,
  diff: memberProvider.diff,
  create: memberProvider.create,
  read: memberProvider.read,
  update: memberProvider.update,
  delete: memberProvider.remove,
};

/** ChatSpace (added in 0.2; an addition, so the contract of this entry is unchanged). */
export const chat = {
  configure,
  check: chatSpaceProvider.check,
  diff: chatSpaceProvider.diff,
  create: chatSpaceProvider.create,
  read: chatSpaceProvider.read,
  update: chatSpaceProvider.update,
  delete: chatSpaceProvider.remove,
};

/** The operations a stub can have, as the dynamic-provider host names them. */
const OPERATIONS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * What {@link install} gives each kind. A member's `update` changes its role in place on v2 (one
 * member patch); on v2beta its diff asks for a replacement instead, so the host never calls it.
 */
const KINDS = { space, member, chat };

/**
 * What the serialized stubs written after 0.1.0 call from their only method, `configure`: sets the
 * operations of `kind` on `provider` (the stub object the dynamic-provider host holds), then
 * configures them with `req`.
 *
 * The host calls `provider.configure(req)` on every provider it rebuilds from state, once per
 * distinct provider text and before any other method, whatever the first call is (check, diff,
 * create, read, update or delete). The operations are set synchronously, before configuring, so a
 * call the host lets through while configure is still running finds them. If configuring fails,
 * every operation is set to throw the same error: the host keeps the provider for later calls, and
 * must not run them with settings that are not the stack's.
 */
export async function install(
  provider: Record<string, unknown>,
  kind: keyof typeof KINDS,
  req: ConfigureRequest,
): Promise<void> {
  const ops = KINDS[kind];
  if (!ops) {
    throw new Error(
      `pulumi-google-meet/runtime/v1: unknown resource kind ${JSON.stringify(kind)}; expected "space", "member" or "chat"`,
    );
  }
  if (typeof req?.config?.get !== "function") {
    // A stub whose configure failed earlier in this process (see stub.ts) calls configure again
    // from each operation, with that operation's arguments.
    throw new Error(
      "pulumi-google-meet: this resource's provider failed to configure earlier in this process; see the first error",
    );
  }
  for (const name of OPERATIONS)
    provider[name] = reportingOnce(ops[name] as (...args: unknown[]) => Promise<unknown>);
  try {
    await ops.configure(req);
  } catch (err) {
    reportedOnce(err);
    const fail = () => {
      throw err;
    };
    for (const name of OPERATIONS) provider[name] = fail;
    throw err;
  }
}
