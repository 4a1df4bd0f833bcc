/** The inputs of one managed member (`MeetSpaceMember`), and their validation. Pure. */
import { type MemberRole, validateEmail, validateRole } from "./members";
import { isSpaceName } from "./space";
import { type CheckFailure, checkKnownKeys, describeType, isUnknown } from "./validation";

export interface MemberInputs {
  /** `spaces/{id}`, typically `room.name`. */
  space: string;
  email: string;
  role?: MemberRole;
  /** The user the calls act as: the room's owner. */
  owner?: string;
}

export const MEMBER_INPUT_KEYS = ["space", "email", "role", "owner"] as const;

export function validateMemberInputs(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  checkKnownKeys(inputs, MEMBER_INPUT_KEYS, "", failures);
  const { space, email, role, owner } = inputs;
  if (!isUnknown(space) && (typeof space !== "string" || !isSpaceName(space))) {
    failures.push({
      property: "space",
      reason: `must be a space name like "spaces/jQCFfuBOdN5z" (typically room.name; meeting codes are not accepted here), got ${describeType(space)}`,
    });
  }
  if (email === undefined)
    failures.push({ property: "email", reason: "is required: the member's email address" });
  else validateEmail(email, "email", failures);
  validateRole(role, "role", failures);
  if (owner !== undefined) validateEmail(owner, "owner", failures);
  return failures;
}
