/**
 * The Chat API seam: the only code that touches `@google-apps/chat`. One client per process,
 * acting user and scope set; every call goes through the one call loop (api/call.ts) with Chat's
 * own quotas and retry rule (methods.ts), and every failure comes out as the one ApiError. The
 * connection (credentials, transport, emulator) is the provider's one configuration for both APIs.
 * Chat's scopes are requested only here, so a stack without a ChatSpace never asks for them.
 */
import type * as chatClients from "@google-apps/chat";
import { ApiCaller } from "../api/call";
import { ClientCache, type Connection, gaxClientOptions } from "../api/clients";
import { type Destination, toApiError } from "../api/normalize";
import { chatMembershipBody } from "../core/chatMembers";
import type { ChatRpc } from "../../google/chat";
import { chatBuckets, chatScopesFor, shouldRetryChat } from "./methods";

/** What the Chat seam needs of the provider's settings: the connection and the quota window. */
export interface ChatSettings extends Connection {
  quotas: { windowMs: number };
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

interface BuiltClient {
  client: chatClients.v1.ChatServiceClient;
  headers: Record<string, string>;
  destination: Destination;
}

/** Chat calls of one acting user. Build through `chatApiFor`. */
export class ChatApi {
  private readonly calls: ApiCaller<ChatRpc>;
  private readonly client: chatClients.v1.ChatServiceClient;
  private readonly headers: Record<string, string>;

  constructor(
    built: BuiltClient,
    readonly user: string | undefined,
    settings: ChatSettings,
  ) {
    this.client = built.client;
    this.headers = built.headers;
    this.calls = new ApiCaller<ChatRpc>(
      {
        label: "Chat ",
        buckets: (rpc, subject) => chatBuckets(rpc, subject, settings.quotas.windowMs),
        shouldRetry: shouldRetryChat,
        // Messages name Chat's calls apart from Meet's: `chat.SetUpSpace`.
        toError: (rpc, raw) => toApiError(`chat.${rpc}`, raw, built.destination),
      },
      user,
      settings.retry,
    );
  }

  /** One call; gax's own retries are off so the call loop's policy is the only one. */
  private call<T>(rpc: ChatRpc, target: string, invoke: (options: object) => Promise<unknown>): Promise<T> {
    return this.calls.call(rpc, target, async (timeout) => {
      const answer = await invoke({ retry: null, timeout, otherArgs: { headers: this.headers } });
      return (Array.isArray(answer) ? answer[0] : answer) as T;
    });
  }

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

  /**
   * Adds a person by email (`users/{email}` is an alias the API accepts for humans), or a Google
   * group by `groups/{id}`.
   */
  createMembership(parent: string, key: string): Promise<ApiMembership> {
    return this.call("CreateMembership", parent, (o) =>
      this.client.createMembership({ parent, membership: chatMembershipBody(key) } as any, o),
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

  /** Every membership of a space, groups included: one ListMemberships per page of 1000 (the API's maximum). */
  listMemberships(parent: string): Promise<ApiMembership[]> {
    return this.calls.list("ListMemberships", parent, async (pageToken, timeout) => {
      const [memberships, , response] = await this.client.listMemberships(
        // Groups are listed only when asked for ("show_groups").
        { parent, pageSize: 1000, pageToken, showGroups: true },
        { retry: null, timeout, otherArgs: { headers: this.headers }, autoPaginate: false } as any,
      );
      return {
        items: (memberships ?? []) as ApiMembership[],
        nextPageToken: (response as any)?.nextPageToken ?? "",
      };
    });
  }
}

const clients = new ClientCache<BuiltClient>();

/**
 * The Chat API for one acting user, built once per process, connection and scope set; the latest
 * settings' quota window and retry policy apply to it.
 */
export function chatApiFor(settings: ChatSettings, owner?: string, needs = { delete: false }): ChatApi {
  const scopes = chatScopesFor(needs);
  const { user, client } = clients.forUser(settings, owner, scopes, "chat/v1", (user) => {
    // googlemeet:endpoint names Meet's host; Chat always goes to chat.googleapis.com (or the emulator).
    const { options, headers, destination } = gaxClientOptions(settings, user, scopes, {
      host: "chat.googleapis.com",
      honoursEndpoint: false,
    });
    // Loaded only here: a stack without a ChatSpace never loads Chat's client (gax, gRPC, protos).
    const { v1 } = require("@google-apps/chat") as typeof chatClients;
    return { client: new v1.ChatServiceClient(options as any), headers, destination };
  });
  return new ChatApi(client, user, settings);
}
