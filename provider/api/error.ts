/**
 * The one error type of every Google API call: a failed call as the call loop normalizes it from
 * any transport (gRPC status or JSON error body), and the explanations every API shares. Each seam
 * adds its own texts on top (meet/errors.ts, chat/errors.ts).
 */
import { CODE_NAMES, Code } from "../../google/statusCodes";

/**
 * A call that never reached the API's server: nothing was sent (or what answered was not the API),
 * so nothing can have been created or changed. The normalizer fills it in; it knows the endpoint.
 */
export interface Unreached {
  /** Where the call was sent, e.g. `127.0.0.1:8086 (GOOGLE_MEET_EMULATOR_HOST)`. */
  endpoint: string;
  /** What the network said, e.g. `connection refused`. */
  cause: string;
  /** The likely reason and the fix. */
  hint: string;
  /**
   * Trying again cannot help: a loopback address refused the connection, so nothing listens at
   * that port on this machine (an emulator not started, or the wrong port). Failing at once beats
   * a minute of retries before the same answer.
   */
  final?: boolean;
}

/** One `google.rpc.BadRequest` field violation: the request field Google refused, and why. */
export interface FieldViolation {
  /** A path into the request, e.g. `space.config.access_type`; "" for the request itself. */
  field: string;
  description: string;
}

/** A failed API call. `method` is the seam's name for it (`CreateSpace`, `chat.SetUpSpace`). */
export class ApiError extends Error {
  /** Set when the call provably never reached the server. */
  unreached?: Unreached;
  /** The API version the call used (`v2`, `v2beta`), for messages. */
  apiVersion?: string;
  /** The `google.rpc.BadRequest` field violations the answer carried (Meet's and Chat's alike). */
  fieldViolations: FieldViolation[] = [];

  constructor(
    readonly method: string,
    /** gRPC status code. */
    readonly code: number,
    /** The server's own message. */
    readonly detail: string,
    /** ErrorInfo reason, e.g. FEATURE_UNAVAILABLE_TO_USER or RATE_LIMIT_EXCEEDED. */
    readonly reason?: string,
    readonly metadata: Record<string, string> = {},
    /** The delay the server asked for (RetryInfo), in ms. */
    readonly retryDelayMs?: number,
  ) {
    super(`${method} failed: ${CODE_NAMES[code] ?? code}: ${detail}`);
    this.name = "ApiError";
  }

  get codeName(): string {
    return CODE_NAMES[this.code] ?? String(this.code);
  }

  /**
   * `CODE: the server's message`, then the field of each BadRequest field violation quoted (with
   * its description where the message does not already say it), so the user sees which request
   * field Google refused, not only a sentence.
   */
  get answer(): string {
    const fields = this.fieldViolations.map((v) => {
      const said = this.detail.includes(v.description);
      if (v.field === "") return said ? "the request itself" : v.description;
      return said ? `"${v.field}"` : `"${v.field}": ${v.description}`;
    });
    const which = fields.length === 1 ? "field" : "fields";
    return fields.length
      ? `${this.codeName}: ${this.detail} (${which} refused: ${fields.join("; ")})`
      : `${this.codeName}: ${this.detail}`;
  }
}

export function isApiError(err: unknown, code?: number): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

/** Which Google API a failure came from, for the explanations every API shares. */
export interface ApiNamed {
  /** "Meet API", "Chat API". */
  title: string;
  /** Its service name, for the console's library page: "meet.googleapis.com". */
  service: string;
  /** Its version when known: "v2", "v1". */
  version?: string;
}

/**
 * What every API seam explains alike, or undefined: an error that is not the API's, a call that
 * never reached the server (nothing was sent), and the API disabled in the Cloud project.
 */
export function explainCommonFailure(
  err: unknown,
  ctx: { action: string; space?: string },
  api: ApiNamed,
): string | undefined {
  const where = ctx.space ? ` (${ctx.space})` : "";
  if (!(err instanceof ApiError)) {
    return `Could not ${ctx.action}${where}: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (err.unreached) {
    const u = err.unreached;
    return `Could not ${ctx.action}${where}: ${err.method} never reached the ${api.title} at ${u.endpoint}: ${u.cause}. Nothing was sent, so nothing was created or changed. ${u.hint}`;
  }
  if (err.code === Code.PERMISSION_DENIED && err.reason === "SERVICE_DISABLED") {
    const version = api.version ? `${api.title} ${api.version}` : `the ${api.title}`;
    const project = err.metadata.consumer ? ` ${err.metadata.consumer.replace(/^projects\//, "")}` : "";
    const url = err.metadata.activationUrl ?? `https://console.cloud.google.com/apis/library/${api.service}`;
    return `${failureHead(err, ctx)} ${err.method} (${version}) cannot be used: the Google ${api.title} is not enabled in the Cloud project${project} of the credentials. Enable it at ${url}, wait a few minutes for it to take effect, then run again.`;
  }
  return undefined;
}

/** The first sentence of every explanation: what was being done, which call failed, and how. */
export function failureHead(err: ApiError, ctx: { action: string; space?: string }): string {
  const where = ctx.space ? ` (${ctx.space})` : "";
  const answer = err.answer;
  // Google's messages often end in a full stop already ("… (e.g. check quota).").
  return `Could not ${ctx.action}${where}: ${err.method} answered ${answer}${answer.endsWith(".") ? "" : "."}`;
}
