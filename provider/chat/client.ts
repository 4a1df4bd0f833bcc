/**
 * The Chat API seam: Chat's JSON REST surface (`https://chat.googleapis.com/v1/...`, the paths of
 * chat_service.proto's http rules), as the Meet v2 seam does. Not the official `@google-apps/chat`
 * client: its 0.22 protos lack `accessSettings.accessPermissionSettings` (July 2026) and would drop
 * it from requests and answers, and the clients that have it (0.31+) bring a second google-gax
 * (+10 MB installed, Chat's client load 1.9x slower beside Meet's). One API per process, acting user
 * and scope set; every call goes through the one call loop (api/call.ts) with Chat's own quotas and
 * retry rule (methods.ts), and every failure comes out as the one ApiError. Chat's scopes are
 * requested only here, so a stack without a ChatSpace never asks for them.
 */
import { ApiCaller } from "../api/call";
import { ClientCache, type Connection, type RestTarget, restTarget } from "../api/clients";
import { toApiError } from "../api/normalize";
import { chatMembershipBody } from "../core/chatMembers";
import type { ChatRpc } from "../../google/chat";
import { chatQuotas, chatScopesFor, shouldRetryChat } from "./methods";

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

type Verb = "GET" | "POST" | "PATCH" | "DELETE";

/** Chat calls of one acting user. Build through `chatApiFor`. */
export class ChatApi {
  private readonly calls: ApiCaller<ChatRpc>;

  constructor(
    private readonly target: RestTarget,
    readonly user: string | undefined,
    settings: ChatSettings,
  ) {
    this.calls = new ApiCaller<ChatRpc>(
      {
        quotas: chatQuotas(settings.quotas.windowMs),
        shouldRetry: shouldRetryChat,
        // Messages name Chat's calls apart from Meet's: `chat.SetUpSpace`.
        toError: (rpc, raw) => toApiError(`chat.${rpc}`, raw, target.destination),
      },
      user,
      settings.retry,
    );
  }

  /** One call: `path` under `/v1/`; enums go and come as names, masks as Google lists them. */
  private call<T>(
    rpc: ChatRpc,
    target: string,
    verb: Verb,
    path: string,
    extra: { params?: Record<string, string | number>; data?: unknown } = {},
  ): Promise<T> {
    return this.calls.call(rpc, target, (timeout) => this.send<T>(verb, path, timeout, extra));
  }

  private async send<T>(
    verb: Verb,
    path: string,
    timeout: number | undefined,
    extra: { params?: Record<string, string | number>; data?: unknown },
  ): Promise<T> {
    const res = await this.target.http.request<T>({
      url: `${this.target.base}/v1/${path}`,
      method: verb,
      ...extra,
      timeout,
      headers: { "content-type": "application/json", ...this.target.headers },
    });
    return (res.data ?? {}) as T;
  }

  setUpSpace(request: {
    space: Record<string, unknown>;
    requestId: string;
    memberships: object[];
  }): Promise<ApiChatSpace> {
    return this.call("SetUpSpace", "spaces:setup", "POST", "spaces:setup", { data: request });
  }

  getSpace(name: string): Promise<ApiChatSpace> {
    return this.call("GetSpace", name, "GET", name);
  }

  updateSpace(name: string, space: Record<string, unknown>, paths: string[]): Promise<ApiChatSpace> {
    return this.call("UpdateSpace", name, "PATCH", name, {
      params: { updateMask: paths.join(",") },
      data: { ...space, name },
    });
  }

  async deleteSpace(name: string): Promise<void> {
    await this.call("DeleteSpace", name, "DELETE", name);
  }

  /**
   * Adds a person by email (`users/{email}` is an alias the API accepts for humans), or a Google
   * group by `groups/{id}`.
   */
  createMembership(parent: string, key: string): Promise<ApiMembership> {
    return this.call("CreateMembership", parent, "POST", `${parent}/members`, {
      data: chatMembershipBody(key),
    });
  }

  /** `name` may use the member's email as an alias: `spaces/{space}/members/{email}`. */
  getMembership(name: string): Promise<ApiMembership> {
    return this.call("GetMembership", name, "GET", name);
  }

  updateMembershipRole(name: string, role: string): Promise<ApiMembership> {
    return this.call("UpdateMembership", name, "PATCH", name, {
      params: { updateMask: "role" },
      data: { name, role },
    });
  }

  async deleteMembership(name: string): Promise<void> {
    await this.call("DeleteMembership", name, "DELETE", name);
  }

  /** Every membership of a space, groups included: one ListMemberships per page of 1000 (the API's maximum). */
  listMemberships(parent: string): Promise<ApiMembership[]> {
    return this.calls.list("ListMemberships", parent, async (pageToken, timeout) => {
      const page = await this.send<{ memberships?: ApiMembership[]; nextPageToken?: string }>(
        "GET",
        `${parent}/members`,
        timeout,
        // Groups are listed only when asked for ("show_groups").
        { params: { pageSize: 1000, showGroups: "true", ...(pageToken ? { pageToken } : {}) } },
      );
      return { items: page.memberships ?? [], nextPageToken: page.nextPageToken ?? "" };
    });
  }
}

const targets = new ClientCache<RestTarget>();

/**
 * The Chat API for one acting user, its target built once per process, connection and scope set;
 * the latest settings' quota window and retry policy apply to it. googlemeet:endpoint names Meet's
 * host: Chat always goes to chat.googleapis.com (or the emulator).
 */
export function chatApiFor(settings: ChatSettings, owner?: string, needs = { delete: false }): ChatApi {
  const scopes = chatScopesFor(needs);
  const { user, client } = targets.forUser(settings, owner, scopes, "chat/v1", (user) =>
    restTarget(settings, user, scopes, { host: "chat.googleapis.com", honoursEndpoint: false }),
  );
  return new ChatApi(client, user, settings);
}
