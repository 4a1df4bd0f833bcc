/**
 * Validation results shared by every check: a failure names the property path (as Pulumi shows it,
 * e.g. `config.moderationRestrictions.chatRestriction` or `members[2].email`) and says what is allowed.
 * Validators collect every failure at once rather than stopping at the first.
 */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * The value the Pulumi engine sends for an input that is not known yet (during preview, an output
 * of a resource still to be created). Checks must accept it; the real value is checked at `up`.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when a value, or anything inside it, is still unknown (preview). */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isPlainObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** `a, b or c` for messages. */
export function listAlternatives(values: readonly string[]): string {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length <= 1
    ? quoted.join("")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** Fails for every key of `value` not in `allowed`. */
export function checkKnownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  failures: CheckFailure[],
): void {
  for (const key of Object.keys(value)) {
    if (key === "__provider") continue;
    if (!allowed.includes(key)) {
      failures.push({
        property: path ? `${path}.${key}` : key,
        reason: `unknown property "${key}"; allowed: ${allowed.join(", ")}`,
      });
    }
  }
}

// --- checks of one value: each passes a value left out or not known yet, and names the property ---

/** One of `allowed`. */
export function checkEnum(
  value: unknown,
  allowed: readonly string[],
  property: string,
  failures: CheckFailure[],
): void {
  if (value === undefined || isUnknown(value)) return;
  if (!allowed.includes(value as string))
    failures.push({ property, reason: `must be ${listAlternatives(allowed)}, got ${describeType(value)}` });
}

/** A string of at most `max` characters. */
export function checkString(value: unknown, max: number, property: string, failures: CheckFailure[]): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "string")
    failures.push({ property, reason: `must be a string, got ${describeType(value)}` });
  else if (value.length > max)
    failures.push({ property, reason: `supports up to ${max} characters, got ${value.length}` });
}

export function checkBoolean(value: unknown, property: string, failures: CheckFailure[]): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "boolean")
    failures.push({ property, reason: `must be true or false, got ${describeType(value)}` });
}

/** An object with only `keys`; true when its fields can be checked next. */
export function checkObject(
  value: unknown,
  property: string,
  keys: readonly string[],
  failures: CheckFailure[],
): value is Record<string, unknown> {
  if (value === undefined || isUnknown(value)) return false;
  if (!isPlainObject(value)) {
    failures.push({
      property,
      reason: `must be an object with ${keys.join(", ")}, got ${describeType(value)}`,
    });
    return false;
  }
  checkKnownKeys(value, keys, property, failures);
  return true;
}
