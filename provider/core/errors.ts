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
