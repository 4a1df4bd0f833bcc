/**
 * The runtime entry, version 1: `require("pulumi-google-meet/runtime/v1")`.
 *
 * Serialized providers in every stack's state require this path at delete and refresh time, for as
 * long as those stacks exist. Never rename or remove it, and never change its contract; add a `v2`
 * beside it instead. What it delegates to can change freely: that is how upgrading the package
 * upgrades every operation, old state included.
 */
import { configure } from "./context";
import * as member from "./memberProvider";
import * as space from "./spaceProvider";

/** The contract version of this entry. */
export const version = 1;

/** One dynamic-provider implementation per resource kind: what the serialized stubs call. */
export const providers = {
  MeetSpace: {
    configure,
    check: space.check,
    diff: space.diff,
    create: space.create,
    read: space.read,
    update: space.update,
    delete: space.remove,
  },
  MeetSpaceMember: {
    configure,
    check: member.check,
    diff: member.diff,
    create: member.create,
    read: member.read,
    update: member.update,
    delete: member.remove,
  },
};

export type ResourceKind = keyof typeof providers;
