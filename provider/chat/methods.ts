/**
 * Chat's methods as the call loop sees them (their names are Google's: google/chat.ts): the OAuth
 * scopes they need, the quotas they count against, and which may be sent again after a failure.
 * Pure data and small functions.
 */
import type { ChatRpc } from "../../google/chat";
import type { BucketRef } from "../core/pacer";
import { type RetryRule, isTransient } from "../core/retry";

const SCOPE = "https://www.googleapis.com/auth/";
/** Chat's OAuth scopes, no wider than ChatSpace's calls need (chat_service.proto lists them per RPC). */
export const CHAT_SCOPES = {
  /** SetUpSpace, GetSpace, UpdateSpace. */
  spaces: `${SCOPE}chat.spaces`,
  /** Create, list, get, update and delete memberships. */
  memberships: `${SCOPE}chat.memberships`,
  /** DeleteSpace: only when a ChatSpace is destroyed with deletionPolicy DELETE. */
  delete: `${SCOPE}chat.delete`,
} as const;

export function chatScopesFor(needs: { delete: boolean }): string[] {
  const scopes: string[] = [CHAT_SCOPES.spaces, CHAT_SCOPES.memberships];
  if (needs.delete) scopes.push(CHAT_SCOPES.delete);
  return scopes;
}

type ChatBucket = "spaceWrites" | "spaceReads" | "membershipWrites" | "membershipReads";

/**
 * Google's Chat limits per minute (developers.google.com/workspace/chat/limits), documented per
 * project: space writes (setup, patch, delete) 60, space reads 3000, membership writes 300,
 * membership reads 3000. The pacer holds each per project and, since no per-user figure is
 * published, the same per acting user.
 */
export const CHAT_QUOTAS: Record<ChatBucket, number> = {
  spaceWrites: 60,
  spaceReads: 3000,
  membershipWrites: 300,
  membershipReads: 3000,
};

function bucketOf(rpc: ChatRpc): ChatBucket {
  if (rpc === "SetUpSpace" || rpc === "UpdateSpace" || rpc === "DeleteSpace") return "spaceWrites";
  if (rpc === "GetSpace") return "spaceReads";
  if (rpc === "GetMembership" || rpc === "ListMemberships") return "membershipReads";
  return "membershipWrites";
}

/** The buckets a Chat call counts against in the process pacer: the user's and the project's. */
export function chatBuckets(user: string, rpc: ChatRpc, windowMs: number): BucketRef[] {
  const bucket = bucketOf(rpc);
  const limit = CHAT_QUOTAS[bucket];
  return [
    {
      key: `chat/user/${user}/${bucket}`,
      limit,
      windowMs,
      label: `the Chat ${bucket} quota of ${user || "the credentials' user"}`,
    },
    { key: `chat/project/${bucket}`, limit, windowMs, label: `the project's Chat ${bucket} quota` },
  ];
}

/**
 * Whether a failed Chat call may be sent again: every call ChatSpace makes is safe to repeat after
 * a transient failure. SetUpSpace carries a requestId (a repeat returns the space the first attempt
 * made; Google's own client config retries it on UNAVAILABLE); a repeated CreateMembership finds
 * the member (ALREADY_EXISTS) and a repeated delete finds nothing (NOT_FOUND), which the operations
 * take as done; GetSpace, UpdateSpace, UpdateMembership and the reads are idempotent.
 */
export const shouldRetryChat: RetryRule<ChatRpc> = (_rpc, code) => isTransient(code);
