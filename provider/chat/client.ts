/**
 * The Chat API seam: the only code that touches `@google-apps/chat`. One client per process,
 * acting user and scope set; every call goes through the process's one pacer (Chat's own buckets,
 * `chat/…`) and the shared retry arithmetic, and every failure comes out as the same normalized
 * API error as Meet's (core/errors.ts, read by meet/apiErrors.ts). The
 * connection settings (credentials, transport, endpoint, emulator) are Meet's: one provider
 * configuration for both APIs. Chat's scopes are requested only here, so a stack without a
 * ChatSpace never asks for them.
 */
import { v1 } from "@google-apps/chat";
import { shouldRetryChat } from "../core/chatSpace";
import type { MeetApiError } from "../core/errors";
import { type BucketRef, type Grant, type Pacer, processPacer } from "../core/pacer";
import { Code, type MeetMethod, canRetry, retryDelayMs } from "../core/retry";
import { type Destination, toMeetApiError } from "../meet/apiErrors";
import { actingUser, clientKey, gaxClientOptions } from "../meet/client";
import type { ConnectionSettings } from "../meet/connection";

export type ChatRpc =
  | "SetUpSpace"
  | "GetSpace"
  | "UpdateSpace"
  | "DeleteSpace"
  | "CreateMembership"
  | "GetMembership"
  | "ListMemberships"
  | "UpdateMembership"
  | "DeleteMembership";

const SCOPE = "https://www.googleapis.com/auth/";
/** Chat's OAuth scopes, no wider than ChatSpace's calls need (chat_service.proto lists them per RPC). */
const CHAT_SCOPES = {
  /** SetUpSpace, GetSpace, UpdateSpace. */
  spaces: `${SCOPE}chat.spaces`,
  /** Create, list, get, update and delete memberships. */
  memberships: `${SCOPE}chat.memberships`,
  /** DeleteSpace: only when a ChatSpace is destroyed with deletionPolicy DELETE. */
  delete: `${SCOPE}chat.delete`,
} as const;

function chatScopesFor(needs: { delete: boolean }): string[] {
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
const CHAT_QUOTAS: Record<ChatBucket, number> = {
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
function chatBuckets(user: string, rpc: ChatRpc, windowMs: number): BucketRef[] {
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

export interface ApiChatSpace {
  name: string;
  spaceUri?: string;
  [field: string]: unknown;
}

export interface ApiMembership {
  name: string;
  role?: string | number;
  member?: { name?: string; type?: string | number } | null;
  groupMember?: { name?: string } | null;
}

type Log = (message: string) => void;
const defaultLog: Log = (message) => console.error(message);

/** Chat calls of one acting user. Build through `chatApiFor`. */
export class ChatApi {
  constructor(
    private readonly client: v1.ChatServiceClient,
    /** The acting user; undefined = the credentials' own user. */
    readonly user: string | undefined,
    /** Quota window and retry policy of the provider this API serves (see `chatApiFor`). */
    private readonly settings: ConnectionSettings,
    private readonly pacer: Pacer,
    private readonly headers: Record<string, string>,
    private readonly destination: Destination,
    private readonly log: Log,
  ) {}

  setUpSpace(request: {
    space: Record<string, unknown>;
    requestId: string;
    memberships: object[];
  }): Promise<ApiChatSpace> {
    return this.call("SetUpSpace", "spaces:setup", (o) => this.client.setUpSpace(request as any, o));
  }

  getSpace(name: string): Promise<ApiChatSpace> {
    return this.call("GetSpace", name, (o) => this.client.getSpace({ name }, o));
  }

  updateSpace(name: string, space: Record<string, unknown>, paths: string[]): Promise<ApiChatSpace> {
    return this.call("UpdateSpace", name, (o) =>
      this.client.updateSpace({ space: { ...space, name }, updateMask: { paths } } as any, o),
    );
  }

  async deleteSpace(name: string): Promise<void> {
    await this.call("DeleteSpace", name, (o) => this.client.deleteSpace({ name }, o));
  }

  /** Adds a person by email (`users/{email}` is an alias the API accepts for humans). */
  createMembership(parent: string, email: string): Promise<ApiMembership> {
    return this.call("CreateMembership", parent, (o) =>
      this.client.createMembership(
        { parent, membership: { member: { name: `users/${email}`, type: "HUMAN" } } } as any,
        o,
      ),
    );
  }

  /** `name` may use the member's email as an alias: `spaces/{space}/members/{email}`. */
  getMembership(name: string): Promise<ApiMembership> {
    return this.call("GetMembership", name, (o) => this.client.getMembership({ name }, o));
  }

  updateMembershipRole(name: string, role: string): Promise<ApiMembership> {
    return this.call("UpdateMembership", name, (o) =>
      this.client.updateMembership({ membership: { name, role }, updateMask: { paths: ["role"] } } as any, o),
    );
  }

  async deleteMembership(name: string): Promise<void> {
    await this.call("DeleteMembership", name, (o) => this.client.deleteMembership({ name }, o));
  }

  /** Every membership of a space: one ListMemberships per page of 1000 (the API's maximum). */
  async listMemberships(parent: string): Promise<ApiMembership[]> {
    const all: ApiMembership[] = [];
    let pageToken = "";
    do {
      const page = await this.call<{ memberships: ApiMembership[]; next: string }>(
        "ListMemberships",
        parent,
        async (o) => {
          const [memberships, , response] = await this.client.listMemberships(
            { parent, pageSize: 1000, pageToken },
            { ...o, autoPaginate: false },
          );
          return {
            memberships: memberships as ApiMembership[],
            next: (response as any)?.nextPageToken ?? "",
          };
        },
      );
      all.push(...(page.memberships ?? []));
      pageToken = page.next;
    } while (pageToken);
    return all;
  }

  /** One call with pacing and retries; gax's own retries are off so this policy is the only one. */
  private async call<T>(
    rpc: ChatRpc,
    target: string,
    invoke: (options: object) => Promise<unknown>,
  ): Promise<T> {
    const started = Date.now();
    const options = {
      retry: null,
      timeout: this.settings.retry.callTimeoutMs,
      otherArgs: { headers: this.headers },
    };
    for (let attempt = 1; ; attempt++) {
      const grant: Grant = await this.pacer.acquire(
        chatBuckets(this.user ?? "", rpc, this.settings.quotas.windowMs),
      );
      let err: MeetApiError;
      try {
        const answer = await invoke(options);
        grant.done();
        return (Array.isArray(answer) ? answer[0] : answer) as T;
      } catch (raw) {
        err = toMeetApiError(`chat.${rpc}` as MeetMethod, raw, this.destination);
      }
      // A call refused for quota, or that never reached the server, did not count.
      if (err.unreached || err.code === Code.RESOURCE_EXHAUSTED) grant.release();
      else grant.done();
      const delay = retryDelayMs(attempt, this.settings.retry, Math.random, err.retryDelayMs);
      if (
        err.unreached?.final ||
        !(err.unreached || shouldRetryChat(err.code)) ||
        !canRetry(attempt, Date.now() - started, delay, this.settings.retry)
      ) {
        throw Object.assign(err, { attempts: attempt });
      }
      const what = err.unreached
        ? `could not reach ${err.unreached.endpoint} (${err.unreached.cause})`
        : `answered ${err.codeName}`;
      this.log(
        `googlemeet: Chat ${rpc} ${target} ${what}; retry ${attempt} in ${(delay / 1000).toFixed(1)}s`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Client construction, cached per process, acting user and scope set.

const clients = new Map<string, ReturnType<typeof buildChatClient>>();

/**
 * The Chat API for one acting user, built once per process, connection and scope set (keyed by
 * the settings' connection fields, as Meet's seam keys its clients); the latest settings' quota
 * window and retry policy apply to it.
 */
export function chatApiFor(
  settings: ConnectionSettings,
  owner?: string,
  needs = { delete: false },
  log: Log = defaultLog,
): ChatApi {
  const user = actingUser(settings, owner);
  const scopes = chatScopesFor(needs);
  // The client is built once per connection, user and scopes; the API around it carries this
  // provider's own quotas and retry policy.
  const key = clientKey(settings, user, scopes);
  let built = clients.get(key);
  if (!built) {
    built = buildChatClient(settings, user, scopes);
    clients.set(key, built);
  }
  return new ChatApi(built.client, user, settings, processPacer, built.headers, built.destination, log);
}

function buildChatClient(
  settings: ConnectionSettings,
  user: string | undefined,
  scopes: string[],
): { client: v1.ChatServiceClient; headers: Record<string, string>; destination: Destination } {
  // googlemeet:endpoint names Meet's host; Chat always goes to chat.googleapis.com (or the emulator).
  const { options, headers, destination } = gaxClientOptions(settings, user, scopes, {
    host: "chat.googleapis.com",
    honoursEndpoint: false,
  });
  return { client: new v1.ChatServiceClient(options as any), headers, destination };
}
