/**
 * Chat's methods as the call loop sees them (their names are Google's: google/chat.ts): the OAuth
 * scopes they need, the quotas they count against, and which may be sent again after a failure.
 * Pure data and small functions.
 */
import { scope } from "../../google/oauth";
import { CHAT_LIMITS, type ChatRpc } from "../../google/chat";
import { type QuotaRule, type QuotaScope, type SeamQuotas, seamQuotas } from "../core/quotas";
import { type RetryRule, isTransient } from "../core/retry";

/** Chat's OAuth scopes, no wider than ChatSpace's calls need (chat_service.proto lists them per RPC). */
export const CHAT_SCOPES = {
  /** SetUpSpace, GetSpace, UpdateSpace. */
  spaces: scope("chat.spaces"),
  /** Create, list, get, update and delete memberships. */
  memberships: scope("chat.memberships"),
  /** DeleteSpace: only when a ChatSpace is destroyed with deletionPolicy DELETE. */
  delete: scope("chat.delete"),
} as const;

export function chatScopesFor(needs: { delete: boolean }): string[] {
  const scopes: string[] = [CHAT_SCOPES.spaces, CHAT_SCOPES.memberships];
  if (needs.delete) scopes.push(CHAT_SCOPES.delete);
  return scopes;
}

/**
 * Google's Chat limits (google/chat.ts): per project and per user a quota minute, per space a
 * second. `windowMs` is a quota minute (googlemeet:quotaWindowSeconds); the per-space second is a
 * sixtieth of it, so a shortened window shortens both alike.
 */
export const CHAT_QUOTAS = CHAT_LIMITS;

/** Chat's quotas in the one shape every seam declares (core/quotas.ts), for a quota minute of `windowMs`. */
function chatQuotaRules(windowMs: number): QuotaRule<ChatRpc>[] {
  const second = windowMs / 60;
  const { project, space, user } = CHAT_QUOTAS;
  const rule = (
    bucket: string,
    scope: QuotaScope,
    limit: number,
    window: number,
    methods: ChatRpc[],
  ): QuotaRule<ChatRpc> => ({ bucket, scope, limit, windowMs: window, methods });
  return [
    rule("reads", "space", space.reads, second, ["GetSpace", "GetMembership", "ListMemberships"]),
    rule("writes", "space", space.writes, second, ["UpdateSpace", "DeleteSpace"]),
    rule("spaceCreates", "user", user.spaceCreates, windowMs, ["SetUpSpace"]),
    rule("spaceWrites", "project", project.spaceWrites, windowMs, [
      "SetUpSpace",
      "UpdateSpace",
      "DeleteSpace",
    ]),
    rule("spaceReads", "project", project.spaceReads, windowMs, ["GetSpace"]),
    // UpdateMembership (spaces.members.patch) is in no published table: counted as a membership
    // write, the strictest reading.
    rule("membershipWrites", "project", project.membershipWrites, windowMs, [
      "CreateMembership",
      "UpdateMembership",
      "DeleteMembership",
    ]),
    rule("membershipReads", "project", project.membershipReads, windowMs, [
      "GetMembership",
      "ListMemberships",
    ]),
  ];
}

/** Chat's quotas as the call loop counts them, for a quota minute of `windowMs`; bucket keys `chat/…`. */
export function chatQuotas(windowMs: number): SeamQuotas<ChatRpc> {
  return seamQuotas({ key: "chat", label: "Chat " }, chatQuotaRules(windowMs));
}

/**
 * Whether a failed Chat call may be sent again: every call ChatSpace makes is safe to repeat after
 * a transient failure. SetUpSpace carries a requestId (a repeat returns the space the first attempt
 * made; Google's own client config retries it on UNAVAILABLE); a repeated CreateMembership finds
 * the member (ALREADY_EXISTS) and a repeated delete finds nothing (NOT_FOUND), which the operations
 * take as done; GetSpace, UpdateSpace, UpdateMembership and the reads are idempotent.
 */
export const shouldRetryChat: RetryRule<ChatRpc> = (_rpc, code) => isTransient(code);
