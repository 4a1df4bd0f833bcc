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
  type PhoneAccess,
  type GatewaySipAccess,
} from "./resources/meetSpace";
export { MeetSpaceMember, type MeetSpaceMemberArgs } from "./resources/meetSpaceMember";
export type {
  ChatDeletionPolicy,
  ChatHistoryState,
  ChatMemberRole,
  ChatPermissionSetting,
  ChatPermissionSettings,
  ChatSpaceType,
} from "./core/chatSpace";
export type { ChatPermission } from "../google/chat";
export {
  ChatSpace,
  type ChatSpaceArgs,
  type ChatSpaceMemberSpec,
  type ChatSpaceMemberState,
} from "./resources/chatSpace";

import { validateSpaceInputs } from "./core/space";
import type { CheckFailure } from "./core/validation";
export type { CheckFailure } from "./core/validation";

/**
 * Validates MeetSpace arguments exactly as the provider's check will, without any API call: every
 * failure at once, each with the property path and what is allowed. Useful for programs that read
 * room definitions from files and want to name the file in their errors.
 */
export function checkMeetSpaceArgs(args: Record<string, unknown>): CheckFailure[] {
  return validateSpaceInputs(args).failures;
}

import { validateChatSpaceInputs } from "./core/chatSpaceValidation";

/**
 * Validates ChatSpace arguments as the provider's check will (without knowing the acting user),
 * with no API call: every failure at once, each with the property path and what is allowed.
 */
export function checkChatSpaceArgs(args: Record<string, unknown>): CheckFailure[] {
  return validateChatSpaceInputs(args);
}
