/**
 * The errors an operation throws to Pulumi: a message for the user without stack frames, and the
 * partial failure that records a space that exists although a later step failed. The API's own
 * failure type and its explanations are the API seams' (api/error.ts, meet/errors.ts, chat/errors.ts).
 */

/**
 * An operation's failure for the user: its message says what failed, why, and what to do, so it
 * carries no stack frames (Pulumi's provider host prints `${e}: ${e.stack}` for refresh and
 * update failures, which would otherwise end in a stack trace).
 */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.stack = `Error: ${message}`;
  }
}

/**
 * The error a resource operation throws when the space exists but a later step failed. The Pulumi
 * host records `id` and `properties` in state, so the room is neither orphaned nor lost.
 */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "PartialFailure";
    this.stack = `PartialFailure: ${message}`;
  }
}

/** The messages of the CredentialErrors this process made, to know them again inside gRPC's wrapping. */
const credentialMessages = new Set<string>();

/**
 * Credentials could not be obtained: Google's token services refused (a missing grant, delegation
 * or login). Its message names the fix; it is never retried, and never carries a secret.
 */
export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialError";
    this.stack = `CredentialError: ${message}`;
    credentialMessages.add(message);
  }
}

/**
 * The CredentialError behind a failed call, or undefined. Over gRPC, grpc-js turns a failure of the
 * auth client's headers into UNAVAILABLE "Getting metadata from plugin failed with error: <message>",
 * which would otherwise be retried for minutes.
 */
export function credentialErrorOf(raw: unknown): CredentialError | undefined {
  if (raw instanceof CredentialError) return raw;
  const e = raw as { details?: unknown; message?: unknown } | null;
  const text = String(e?.details ?? e?.message ?? "");
  const wrapped = /Getting metadata from plugin failed with error: ([\s\S]*)$/.exec(text)?.[1];
  return wrapped !== undefined && credentialMessages.has(wrapped) ? new CredentialError(wrapped) : undefined;
}
