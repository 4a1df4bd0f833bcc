/**
 * GA Meet API v2 over JSON REST, through the REST transport (api/http.ts).
 * The official Node client (@google-apps/meet 0.7.2) cannot carry v2: its v2 protos have no members
 * and no moderation, restriction or artifact settings, and would drop them from answers. Enums go
 * as names; masks in their JSON (lowerCamel) form.
 */
import type { RequestClient } from "../api/http";
import type { Destination } from "../api/normalize";
import { memberCapabilities } from "./versions";
import type { ApiMember, ApiSpace, MeetWire, MembersPage, SpacePatch, WireOptions, WireRole } from "./wire";

const PAGE_SIZE = memberCapabilities("v2").pageSize;

export class V2RestWire implements MeetWire {
  readonly apiVersion = "v2" as const;

  constructor(
    private readonly auth: RequestClient,
    /** `https://meet.googleapis.com` or `http://127.0.0.1:8085`, no trailing slash. */
    private readonly baseUrl: string,
    readonly destination: Destination,
    /** Extra headers on every call (the emulator's bearer token naming the acting user). */
    private readonly headers: Record<string, string> = {},
  ) {}

  private async send<T>(
    verb: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    o: WireOptions,
    extra: { params?: Record<string, string | number>; data?: unknown } = {},
  ): Promise<T> {
    const res = await this.auth.request<T>({
      url: `${this.baseUrl}/v2/${path}`,
      method: verb,
      ...extra,
      timeout: o.timeoutMs,
      headers: { "content-type": "application/json", ...this.headers },
    });
    return (res.data ?? {}) as T;
  }

  createSpace(config: Record<string, unknown>, o: WireOptions): Promise<ApiSpace> {
    return this.send("POST", "spaces", o, { data: { config } });
  }

  getSpace(name: string, o: WireOptions): Promise<ApiSpace> {
    return this.send("GET", name, o);
  }

  updateSpace({ name, config, settings }: SpacePatch, o: WireOptions): Promise<ApiSpace> {
    // The JSON mask names the fields as the JSON does: `config.moderationRestrictions.chatRestriction`.
    return this.send("PATCH", name, o, {
      params: { updateMask: settings.map((key) => `config.${key}`).join(",") },
      data: { config },
    });
  }

  async endActiveConference(name: string, o: WireOptions): Promise<void> {
    await this.send("POST", `${name}:endActiveConference`, o, { data: {} });
  }

  createMember(parent: string, member: { email: string; role?: string }, o: WireOptions): Promise<ApiMember> {
    return this.send("POST", `${parent}/members`, o, { data: member });
  }

  getMember(name: string, o: WireOptions): Promise<ApiMember> {
    return this.send("GET", name, o);
  }

  async deleteMember(name: string, o: WireOptions): Promise<void> {
    await this.send("DELETE", name, o);
  }

  async listMembersPage(parent: string, pageToken: string, o: WireOptions): Promise<MembersPage> {
    const page = await this.send<{ members?: ApiMember[]; nextPageToken?: string }>(
      "GET",
      `${parent}/members`,
      o,
      { params: { pageSize: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) } },
    );
    return { members: page.members ?? [], nextPageToken: page.nextPageToken ?? "" };
  }

  updateMemberRole(name: string, role: WireRole, o: WireOptions): Promise<ApiMember> {
    return this.send("PATCH", name, o, {
      params: { updateMask: "role" },
      data: { role: role ?? "ROLE_UNSPECIFIED" },
    });
  }

  async batchUpdateMemberRoles(
    parent: string,
    changes: readonly { name: string; role: WireRole }[],
    o: WireOptions,
  ): Promise<ApiMember[]> {
    const answer = await this.send<{ members?: ApiMember[] }>("POST", `${parent}/members:batchUpdate`, o, {
      data: {
        requests: changes.map((c) => ({ member: { name: c.name, role: c.role ?? "ROLE_UNSPECIFIED" } })),
        updateMask: "role",
      },
    });
    return answer.members ?? [];
  }
}
