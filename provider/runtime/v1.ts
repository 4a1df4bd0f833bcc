/**
 * The runtime entry, version 1: `require("pulumi-google-meet/runtime/v1")`.
 *
 * Serialized providers in every stack's state require this path at delete and refresh time, for as
 * long as those stacks exist. Never rename or remove it, and never change its contract; add a `v2`
 * beside it instead. What it delegates to can change freely: that is how upgrading the package
 * upgrades every operation, old state included.
 */
import { configure } from "./context";
import * as chatSpaceProvider from "./chatSpaceProvider";
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
