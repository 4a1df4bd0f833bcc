/**
 * Meet's error texts: its API failures as messages a Pulumi user can act on, each naming the
 * space, the operation, and what to change (owner, credentials, scope, plan, quota).
 */
import { scope as oauthScope } from "../../google/oauth";
import { ApiError, explainCommonFailure, failureHead } from "../api/error";
import { Code } from "../../google/statusCodes";

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

/** A message that says what failed, why, and what to do about it. */
export function explainFailure(err: unknown, ctx: FailureContext): string {
  const common = explainCommonFailure(err, ctx, {
    title: "Meet API",
    service: "meet.googleapis.com",
    version: err instanceof ApiError ? err.apiVersion : undefined,
  });
  if (common !== undefined || !(err instanceof ApiError)) return common ?? String(err);
  const who = ctx.owner ? `"${ctx.owner}"` : "the credentials' user";
  const head = failureHead(err, ctx);
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
        const full = scope ? oauthScope(scope) : "the Meet scope this call needs";
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
function isPreviewRefusal(err: ApiError): boolean {
  return /PREVIEW|ENROLL/i.test(err.reason ?? "") || /developer preview|not enrolled/i.test(err.detail);
}
