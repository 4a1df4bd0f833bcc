/**
 * pulumi-google-meet: Google Meet meeting spaces and their members as Pulumi resources.
 *
 * Connection is configured per stack (`googlemeet:credentials`, `googlemeet:impersonateUser`,
 * `googlemeet:accessToken`, `googlemeet:transport`, `googlemeet:endpoint`, …) or by Application
 * Default Credentials; `GOOGLE_MEET_EMULATOR_HOST` selects a local emulator.
 */
export type { MemberRole } from "./core/members";
export type { DeletionPolicy } from "./core/space";
export type {
  AccessType,
  ArtifactConfig,
  AttendanceReportGenerationType,
  EntryPointAccess,
  Moderation,
  ModerationRestrictions,
  OnOff,
  RestrictionType,
  SpaceConfig,
} from "./core/spaceConfig";
export {
  MeetSpace,
  type MeetSpaceArgs,
  type MeetSpaceMemberSpec,
  type MeetSpaceMemberState,
} from "./resources/meetSpace";
export { MeetSpaceMember, type MeetSpaceMemberArgs } from "./resources/meetSpaceMember";
