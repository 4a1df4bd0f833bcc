/**
 * Turning Meet API failures into messages a Pulumi user can act on: each names the space, the
 * operation, and what to change (owner, credentials, scope, plan, quota).
 */
import { CODE_NAMES, Code, type MeetMethod } from "./retry";

/**
 * A call that never reached a Meet server: nothing was sent (or what answered was not Meet), so
 * nothing can have been created or changed. The seam fills it in; it knows the endpoint.
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

/** A failed API call, as the seam normalizes it from either transport. */
export class MeetApiError extends Error {
  /** Set when the call provably never reached the server. */
  unreached?: Unreached;
  /** The API version the call used (`v2`, `v2beta`), for messages. */
  apiVersion?: string;

  constructor(
    readonly method: MeetMethod,
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
    this.name = "MeetApiError";
  }

  get codeName(): string {
    return CODE_NAMES[this.code] ?? String(this.code);
  }
}

export function isApiError(err: unknown, code?: number): err is MeetApiError {
  return err instanceof MeetApiError && (code === undefined || err.code === code);
}

/** What was being done, for the message. */
export interface FailureContext {
  /** e.g. "create the room", "update spaces/abc". */
  action: string;
  /** `spaces/{id}` when known. */
  space?: string;
  /** The user the provider acted as, when known. */
  owner?: string;
  /** Settings the call carried (for plan errors). */
  settings?: readonly string[];
}

const SCOPE_PREFIX = "https://www.googleapis.com/auth/";

/** A message that says what failed, why, and what to do about it. */
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
  if (!(err instanceof MeetApiError)) {
    return `Could not ${ctx.action}${where}: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (err.unreached) {
    const u = err.unreached;
    return `Could not ${ctx.action}${where}: ${err.method} never reached the ${api.title} at ${u.endpoint}: ${u.cause}. Nothing was sent, so nothing was created or changed. ${u.hint}`;
  }
  if (err.code === Code.PERMISSION_DENIED && err.reason === "SERVICE_DISABLED") {
    const head = `Could not ${ctx.action}${where}: ${err.method} answered ${err.codeName}: ${err.detail}.`;
    const version = api.version ? `${api.title} ${api.version}` : `the ${api.title}`;
    const project = err.metadata.consumer ? ` ${err.metadata.consumer.replace(/^projects\//, "")}` : "";
    const url = err.metadata.activationUrl ?? `https://console.cloud.google.com/apis/library/${api.service}`;
    return `${head} ${err.method} (${version}) cannot be used: the Google ${api.title} is not enabled in the Cloud project${project} of the credentials. Enable it at ${url}, wait a few minutes for it to take effect, then run again.`;
  }
  return undefined;
}

export function explainFailure(err: unknown, ctx: FailureContext): string {
  const common = explainCommonFailure(err, ctx, {
    title: "Meet API",
    service: "meet.googleapis.com",
    version: err instanceof MeetApiError ? err.apiVersion : undefined,
  });
  if (common !== undefined || !(err instanceof MeetApiError)) return common ?? String(err);
  const where = ctx.space ? ` (${ctx.space})` : "";
  const who = ctx.owner ? `"${ctx.owner}"` : "the credentials' user";
  const head = `Could not ${ctx.action}${where}: ${err.method} answered ${err.codeName}: ${err.detail}.`;
  const version = err.apiVersion ? `Meet API ${err.apiVersion}` : "the Meet API";
  switch (err.code) {
    case Code.PERMISSION_DENIED: {
      const preview = `${err.method} (${version}) is a Developer Preview method: a Cloud project not enrolled in the Google Workspace Developer Preview Program gets this answer. Set googlemeet:apiVersion to v2 (the default: every setting and member operation works on the GA API), or enroll the project.`;
      if (err.apiVersion === "v2beta" && isPreviewRefusal(err)) return `${head} ${preview}`;
      const scopeNamed = /meetings\.space\.[a-z]+/.test(err.detail) || /scope/i.test(err.detail);
      // Google answers a project outside the preview with a bare "does not have permission":
      // anyone may create a room, so on CreateSpace that can only be the preview.
      if (err.apiVersion === "v2beta" && !err.reason && !scopeNamed && err.method === "CreateSpace") {
        return `${head} ${preview}`;
      }
      if (err.reason === "FEATURE_UNAVAILABLE_TO_USER") {
        const which = ctx.settings?.length ? ` (${ctx.settings.join(", ")})` : "";
        return `${head} The Workspace plan of ${who} lacks a feature this room asks for${which}: remove that setting, or set it to OFF, or use an owner whose plan includes it.`;
      }
      const scope = /meetings\.space\.[a-z]+/.exec(err.detail)?.[0];
      if (scope || /scope/i.test(err.detail)) {
        const full = scope ? `${SCOPE_PREFIX}${scope}` : "the Meet scope this call needs";
        return `${head} The credentials lack the OAuth scope ${full}: grant it (for a service account, add it to the domain-wide delegation in the Admin console; for an access token, request it when the token is made).`;
      }
      const orPreview = err.apiVersion === "v2beta" && !err.reason ? ` Or: ${preview}` : "";
      return `${head} Only the room's owner can do this, and the provider acted as ${who}. Set \`owner\` to the user who owns the room (with service-account credentials and domain-wide delegation), or configure that user's credentials (googlemeet:credentials or googlemeet:accessToken).${orPreview}`;
    }
    case Code.UNAUTHENTICATED:
      return `${head} The credentials were refused: check googlemeet:credentials, googlemeet:accessToken, or Application Default Credentials (gcloud auth application-default login).`;
    case Code.RESOURCE_EXHAUSTED: {
      const bucket = err.metadata.quota_bucket ?? err.metadata.quota_limit ?? "the per-user";
      if (/per project/.test(err.metadata.quota_limit ?? "")) {
        return `${head} The Cloud project's ${bucket} quota (all users together) stayed exhausted through every retry: apply fewer rooms at once, or raise googlemeet:projectCreateQuota / projectWriteQuota / projectReadQuota only if Google granted more.`;
      }
      return `${head} The ${bucket} quota of ${who} stayed exhausted through every retry: apply fewer rooms at once, or raise googlemeet:createQuota / writeQuota / readQuota only if Google granted more.`;
    }
    case Code.NOT_FOUND:
      return `${head} The room does not exist, or ${who} cannot see it.`;
    case Code.INVALID_ARGUMENT:
      return `${head} This is likely a bug in pulumi-google-meet's checks: please report it with the settings used.`;
    default:
      return head;
  }
}

/** A refusal that says the project is not in the Developer Preview Program (reason or wording). */
function isPreviewRefusal(err: MeetApiError): boolean {
  return /PREVIEW|ENROLL/i.test(err.reason ?? "") || /developer preview|not enrolled/i.test(err.detail);
}

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
