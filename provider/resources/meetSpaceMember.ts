/** The MeetSpaceMember resource class: one member of a room, managed apart from the others. */
import * as pulumi from "@pulumi/pulumi";
import type { MemberRole } from "../core/members";
import { memberStub } from "./stub";
import { nameFromId } from "./nameFromId";

export interface MeetSpaceMemberArgs {
  /** The room, `spaces/{id}`: typically `room.name`. */
  space: pulumi.Input<string>;
  /** The person's email address. */
  email: pulumi.Input<string>;
  /** `"COHOST"`, or left out: the member then joins as contributor or viewer by the room's settings. */
  role?: pulumi.Input<MemberRole>;
  /**
   * The user the calls act as: member changes are for the room's owner. Default:
   * `googlemeet:impersonateUser`, else the credentials' own user.
   */
  owner?: pulumi.Input<string>;
}

/**
 * One member of a Meet room. Creating a member that already exists with the same role takes it
 * over; any change replaces it (removed first: an email can be a member only once).
 */
export class MeetSpaceMember extends pulumi.dynamic.Resource {
  /** `spaces/{space}/members/{member}`, also the resource id. */
  declare readonly name: pulumi.Output<string>;
  declare readonly space: pulumi.Output<string>;
  declare readonly email: pulumi.Output<string>;
  declare readonly role: pulumi.Output<MemberRole | undefined>;
  /** `users/{id}` of a person with a Google account: only on `v2beta` (a Developer Preview field; Meet's GA v2 Member is `{name, email, role}`). */
  declare readonly user: pulumi.Output<string | undefined>;

  constructor(name: string, args: MeetSpaceMemberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      memberStub,
      name,
      { user: undefined, role: undefined, ...args, name: undefined },
      opts,
      "googlemeet",
      "MeetSpaceMember",
    );
    nameFromId(this);
  }
}
