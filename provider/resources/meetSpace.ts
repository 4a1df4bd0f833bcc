/** The MeetSpace resource class: the program-facing half of a Meet meeting space. */
import * as pulumi from "@pulumi/pulumi";
import type { MemberRole } from "../core/members";
import type { DeletionPolicy, GatewaySipAccess, PhoneAccess } from "../core/space";

export type { GatewaySipAccess, PhoneAccess };
import type { SpaceConfig } from "../core/spaceConfig";
import { ownUrn } from "./identity";
import { spaceStub } from "./stub";
import { nameFromId } from "./nameFromId";

/** A member of the room, declared in `MeetSpace.members`. */
export interface MeetSpaceMemberSpec {
  /** The person's email address (compared case-insensitively). */
  email: pulumi.Input<string>;
  /** `"COHOST"`, or left out: the member then joins as contributor or viewer by the room's settings. */
  role?: pulumi.Input<MemberRole>;
}

export interface MeetSpaceArgs {
  /**
   * The room's settings, with the Meet API's own names and values. Only the settings written here
   * are managed: each one left out is never sent and keeps the room's current value (at creation,
   * the owner's Workspace policy default). Removing a setting later stops managing it; the room
   * keeps its value.
   */
  config?: pulumi.Input<SpaceConfig>;
  /**
   * Take over an existing room instead of creating one: `spaces/{id}`, a meeting code of Google's
   * form `[a-z]+-[a-z]+-[a-z]+` (any case, at most 128 characters, e.g. `abc-mnop-xyz`), or its
   * meet.google.com link. Changing it replaces the resource. Google lets an app manage members
   * only of rooms it created: `members` on a room made elsewhere is refused before any change.
   */
  adopt?: pulumi.Input<string>;
  /**
   * What destroying the resource does (the Meet API cannot delete a room). `"RETIRE"` (default):
   * end any running meeting, remove the members this resource manages, and lock the room (access
   * RESTRICTED). `"ABANDON"`: forget it and change nothing.
   */
  deletionPolicy?: pulumi.Input<DeletionPolicy>;
  /**
   * The Workspace user who owns the room. With service-account credentials and domain-wide
   * delegation the provider acts as this user for this room. Default: `googlemeet:impersonateUser`,
   * else the credentials' own user. Changing it replaces the room: ownership cannot move.
   */
  owner?: pulumi.Input<string>;
  /**
   * The room's members, authoritative when given: members missing are added, members not listed
   * are removed, a changed role is removed and added again. Left out: members are not managed.
   */
  members?: pulumi.Input<pulumi.Input<MeetSpaceMemberSpec>[]>;
}

/** A member as the room has it. */
export interface MeetSpaceMemberState {
  name: string;
  email: string;
  role?: MemberRole;
  /** `users/{id}`: only on `v2beta` (a Developer Preview field); Meet's GA v2 Member has no `user`. */
  user?: string;
}

/**
 * A Google Meet meeting space ("room"), kept as declared: `pulumi up` changes exactly the settings
 * that differ, with one UpdateSpace whose update mask names only them.
 */
export class MeetSpace extends pulumi.dynamic.Resource {
  /** `spaces/{id}`, also the resource id. */
  declare readonly name: pulumi.Output<string>;
  /** The link people join with, `https://meet.google.com/abc-mnop-xyz`. */
  declare readonly meetingUri: pulumi.Output<string>;
  /** The meeting code, e.g. `abc-mnop-xyz` (it can expire after a year unused: never store it as an identity). */
  declare readonly meetingCode: pulumi.Output<string>;
  /** The effective settings read back from Meet, managed or not. */
  declare readonly config: pulumi.Output<Required<SpaceConfig>>;
  /** The running conference, if any. */
  declare readonly activeConference: pulumi.Output<{ conferenceRecord: string } | undefined>;
  /** Dial-in numbers, one per region; empty when the owner's plan has no dial-in. */
  declare readonly phoneAccess: pulumi.Output<PhoneAccess[]>;
  /** SIP gateway access; can be empty. */
  declare readonly gatewaySipAccess: pulumi.Output<GatewaySipAccess[]>;
  /** The room's members, when `members` is managed. */
  declare readonly members: pulumi.Output<MeetSpaceMemberState[] | undefined>;
  /** The setting paths this resource manages. */
  declare readonly managedSettings: pulumi.Output<string[]>;
  declare readonly adopt: pulumi.Output<string | undefined>;
  /** As written in the program; left out means "RETIRE". */
  declare readonly deletionPolicy: pulumi.Output<DeletionPolicy | undefined>;
  declare readonly owner: pulumi.Output<string | undefined>;

  constructor(name: string, args: MeetSpaceArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      spaceStub,
      name,
      {
        meetingUri: undefined,
        meetingCode: undefined,
        activeConference: undefined,
        phoneAccess: undefined,
        gatewaySipAccess: undefined,
        managedSettings: undefined,
        ...args,
        // The key of the room's create receipt: a run killed before Pulumi recorded the room
        // leaves it for the next create of this resource to adopt (see the README).
        resourceUrn: ownUrn("googlemeet:MeetSpace", name, opts),
        name: undefined,
      },
      opts,
      "googlemeet",
      "MeetSpace",
    );
    nameFromId(this);
  }
}
