/**
 * Chat's error texts: its API failures as messages a Pulumi user can act on, each naming the
 * space, the operation, and what to change.
 */
import { ApiError, explainCommonFailure, failureHead } from "../api/error";
import { Code } from "../../google/statusCodes";
import { CHAT_QUOTAS, CHAT_SCOPES } from "./methods";

export interface ChatFailureContext {
  /** e.g. "set up the Chat space \"Team\"". */
  action: string;
  space?: string;
  /** The acting user, when known. */
  user?: string;
  displayName?: string;
}

/** A message that says what failed, why, and what to do. */
export function explainChatFailure(err: unknown, ctx: ChatFailureContext): string {
  const common = explainCommonFailure(err, ctx, {
    title: "Chat API",
    service: "chat.googleapis.com",
    version: "v1",
  });
  if (common !== undefined || !(err instanceof ApiError)) return common ?? String(err);
  const who = ctx.user ? `"${ctx.user}"` : "the credentials' user";
  const head = failureHead(err, ctx);
  switch (err.code) {
    case Code.ALREADY_EXISTS:
      if (ctx.displayName !== undefined)
        return `${head} Another Chat space in the organization is already named "${ctx.displayName}" (display names are unique). Choose another displayName, or delete or rename the other space.`;
      return head;
    case Code.PERMISSION_DENIED:
      if (/scope/i.test(err.detail))
        return `${head} The credentials lack a Chat OAuth scope: grant ${Object.values(CHAT_SCOPES).join(", ")} (for a service account, in its domain-wide delegation).`;
      return `${head} ${who} must be a member of the space, and its owner (ROLE_MANAGER, "Owner" in Chat) for settings, roles and deletion. Set \`owner\` to an owner of the space, or use that user's credentials.`;
    case Code.UNAUTHENTICATED:
      return `${head} The credentials were refused: check googlemeet:credentials, googlemeet:accessToken, or Application Default Credentials.`;
    case Code.RESOURCE_EXHAUSTED: {
      const { space, user } = CHAT_QUOTAS;
      const where = ctx.space ? ` in ${ctx.space}` : "";
      return `${head} Chat's quotas stayed exhausted through every retry. Chat counts calls per Cloud project, per space (${space.reads} reads and ${space.writes} write a second, shared with every app acting in the space) and per user (fewer than ${user.spaceCreates + 1} new spaces a minute): apply fewer Chat spaces at once, or wait until other apps are less busy${where}.`;
    }
    case Code.NOT_FOUND:
      return `${head} The space does not exist, or ${who} cannot see it.`;
    case Code.FAILED_PRECONDITION:
      return `${head} A space must keep an owner: make another member ROLE_MANAGER ("Owner" in Chat) first.`;
    default:
      return head;
  }
}
