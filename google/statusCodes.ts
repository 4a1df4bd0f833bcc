/**
 * Google's canonical error codes (google.rpc.Code, the numbers gRPC carries) and the HTTP status
 * each maps to in Google's REST error body. Facts about Google's APIs, shared by the provider (a
 * client that reads them) and the emulator (a model that answers with them).
 *
 * A table of our own rather than grpc-js's `status` enum: the dynamic runtime's REST path never
 * loads grpc-js (about a tenth of a second), and core imports no API library. A test holds the two
 * equal.
 */

/** The codes by name, as gRPC numbers them. */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export type CodeName = keyof typeof Code;

/** Each code's name by its number (`7` → `PERMISSION_DENIED`). */
export const CODE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(Code).map(([name, number]) => [number, name]),
);

export function isCodeName(value: unknown): value is CodeName {
  return typeof value === "string" && Object.hasOwn(Code, value);
}

/** The HTTP status of each code, per https://cloud.google.com/apis/design/errors. */
export const HTTP_STATUS: Readonly<Record<CodeName, number>> = {
  OK: 200,
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
  UNAUTHENTICATED: 401,
};
