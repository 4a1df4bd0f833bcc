/**
 * The Chat API seam: the only code that touches `@google-apps/chat`. One client per process,
 * acting user and scope set; every call goes through a pacer and the shared retry arithmetic, and
 * every failure comes out as the same normalized API error as Meet's (core/errors.ts). The
 * connection settings (credentials, transport, endpoint, emulator) are Meet's: one provider
 * configuration for both APIs. Chat's scopes are requested only here, so a stack without a
 * ChatSpace never asks for them.
 */
import { v1 } from "@google-apps/chat";
import * as grpc from "@grpc/grpc-js";
import { OAuth2Client } from "google-auth-library";
import { shouldRetryChat } from "../core/chatSpace";
import type { MeetApiError } from "../core/errors";
import { Pacer, type QuotaLimits } from "../core/pacer";
import { type MeetMethod, canRetry, retryDelayMs } from "../core/retry";
import type { ConnectionSettings } from "../meet/connection";
import { actingUser, buildAuthClient, splitHostPort, toMeetApiError } from "../meet/client";

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

/**
 * Google's Chat limits per minute (developers.google.com/workspace/chat/limits): space writes
 * (setup, patch, delete) 60, membership writes 300, reads 3000. The pacer's three buckets carry
 * them: space writes in `creates`, membership writes in `writes`, all reads in `reads`.
 */
export const CHAT_QUOTAS: QuotaLimits = { reads: 3000, writes: 300, creates: 60, windowMs: 60_000 };

/** The pacer bucket of each RPC, named by a Meet method of the same bucket. */
function pacerSlot(rpc: ChatRpc): MeetMethod {
  if (rpc === "SetUpSpace" || rpc === "UpdateSpace" || rpc === "DeleteSpace") return "CreateSpace";
  if (rpc === "GetSpace" || rpc === "GetMembership" || rpc === "ListMemberships") return "GetSpace";
  return "CreateMember";
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
    private readonly settings: ConnectionSettings,
    private readonly pacer: Pacer,
    private readonly headers: Record<string, string>,
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
      await this.pacer.acquire(this.user ?? "", pacerSlot(rpc));
      try {
        const answer = await invoke(options);
        return (Array.isArray(answer) ? answer[0] : answer) as T;
      } catch (raw) {
        const err = chatApiError(rpc, raw);
        const delay = retryDelayMs(attempt, this.settings.retry, Math.random, err.retryDelayMs);
        if (
          !shouldRetryChat(err.code) ||
          !canRetry(attempt, Date.now() - started, delay, this.settings.retry)
        ) {
          throw Object.assign(err, { attempts: attempt });
        }
        this.log(
          `googlemeet: Chat ${rpc} ${target} answered ${err.codeName}; retry ${attempt} in ${(delay / 1000).toFixed(1)}s`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/** A failed Chat call as the normalized API error (its method reads `chat.<RPC>`). */
export function chatApiError(rpc: ChatRpc, raw: unknown): MeetApiError {
  return toMeetApiError(`chat.${rpc}` as MeetMethod, raw);
}

// ---------------------------------------------------------------------------------------------
// Client construction, cached per process, acting user and scope set.

const clients = new Map<string, ChatApi>();
let pacer: Pacer | undefined;
let cachedFor: ConnectionSettings | undefined;

export function chatApiFor(
  settings: ConnectionSettings,
  owner?: string,
  needs = { delete: false },
  log: Log = defaultLog,
): ChatApi {
  if (cachedFor !== settings) {
    clients.clear();
    cachedFor = settings;
    // googlemeet:quotaWindowSeconds sets the window of both APIs.
    pacer = new Pacer({ ...CHAT_QUOTAS, windowMs: settings.quotas.windowMs }, log);
  }
  const user = actingUser(settings, owner);
  const scopes = chatScopesFor(needs);
  const key = `${user ?? ""}|${scopes.join(" ")}`;
  let api = clients.get(key);
  if (!api) {
    const { client, headers } = buildChatClient(settings, user, scopes);
    api = new ChatApi(client, user, settings, pacer!, headers, log);
    clients.set(key, api);
  }
  return api;
}

function buildChatClient(
  settings: ConnectionSettings,
  user: string | undefined,
  scopes: string[],
): { client: v1.ChatServiceClient; headers: Record<string, string> } {
  const rest = settings.transport === "rest";
  if (settings.emulatorHost) {
    // As for Meet: a plain connection; the emulator reads the acting user from the bearer token.
    const token = settings.accessToken ?? user;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const authClient = new OAuth2Client();
    authClient.setCredentials({
      access_token: token ?? "emulator",
      expiry_date: Date.now() + 10 * 365 * 86400e3,
    });
    if (rest) {
      if (!settings.endpoint) {
        throw new Error(
          'googlemeet:transport is "rest" with GOOGLE_MEET_EMULATOR_HOST set: also set googlemeet:endpoint to the emulator\'s HTTP address (the "http" of its start-up line)',
        );
      }
      const url = new URL(
        settings.endpoint.includes("://") ? settings.endpoint : `http://${settings.endpoint}`,
      );
      const client = new v1.ChatServiceClient({
        fallback: true,
        protocol: "http",
        servicePath: url.hostname,
        apiEndpoint: url.hostname,
        port: Number(url.port),
        authClient: authClient as any,
      } as any);
      return { client, headers: {} };
    }
    const [host, port] = splitHostPort(settings.emulatorHost);
    const client = new v1.ChatServiceClient({
      servicePath: host,
      apiEndpoint: host,
      port,
      sslCreds: grpc.credentials.createInsecure(),
      authClient: authClient as any,
    } as any);
    return { client, headers };
  }
  // googlemeet:endpoint names Meet's host; Chat always goes to chat.googleapis.com.
  const authClient = buildAuthClient(settings, user, scopes);
  const client = new v1.ChatServiceClient({
    authClient: authClient as any,
    ...(rest ? { fallback: true } : {}),
  } as any);
  return { client, headers: {} };
}
