/**
 * Facts about the Google Meet API (google.apps.meet v2 and v2beta, SpacesService) that both the
 * provider (a client) and the emulator (a model) rely on: its methods and the member-list limits
 * its reference states.
 */

/** The API's versions: GA v2, and v2beta (Developer Preview). */
export type MeetApiVersion = "v2" | "v2beta";

/** The space methods, in both versions. */
export const MEET_SPACE_METHODS = ["CreateSpace", "GetSpace", "UpdateSpace", "EndActiveConference"] as const;

/** The member methods. UpdateMember and BatchUpdateMembers exist in v2 only. */
export const MEET_MEMBER_METHODS = [
  "CreateMember",
  "GetMember",
  "ListMembers",
  "DeleteMember",
  "UpdateMember",
  "BatchUpdateMembers",
] as const;

export const MEET_METHODS = [...MEET_SPACE_METHODS, ...MEET_MEMBER_METHODS] as const;
export type MeetMethod = (typeof MEET_METHODS)[number];

/** The methods only v2 has (members.patch and members:batchUpdate); v2beta changes no role in place. */
export const MEET_V2_ONLY_METHODS: readonly MeetMethod[] = ["UpdateMember", "BatchUpdateMembers"];

/**
 * ListMembers' page sizes. v2: "If unspecified or set to 0, at most 250 members are returned. The
 * maximum value is 500"; v2beta (Developer Preview): 25 by default, at most 100. Larger values are
 * coerced to the maximum.
 */
export const LIST_MEMBERS_PAGE_SIZES = {
  v2: { byDefault: 250, max: 500 },
  v2beta: { byDefault: 25, max: 100 },
} as const;

/** BatchUpdateMembers: "A maximum of 500 members can be modified in a batch." */
export const BATCH_UPDATE_MEMBERS_MAX = 500;
