/**
 * Developer Preview Meet API v2beta through the official @google-apps/meet client (gRPC, or its
 * REST fallback with `googlemeet:transport` = rest). Used only with `googlemeet:apiVersion` =
 * v2beta: only projects enrolled in Google's Workspace Developer Preview Program may call it.
 * v2beta has no member update, so a role change is a delete then a create.
 */
import type { v2beta } from "@google-apps/meet";
import type { Destination } from "../api/normalize";
import { memberCapabilities } from "./versions";
import type { ApiMember, ApiSpace, MeetWire, MembersPage, SpacePatch, WireOptions } from "./wire";

const PAGE_SIZE = memberCapabilities("v2beta").pageSize;

/** The proto (snake_case) form of a setting's JSON key: `config.moderation_restrictions.chat_restriction`. */
export const protoMaskPath = (key: string) => `config.${key}`.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class V2betaGaxWire implements MeetWire {
  readonly apiVersion = "v2beta" as const;

  constructor(
    private readonly client: v2beta.SpacesServiceClient,
    readonly destination: Destination,
    /** Per-call headers (over gRPC to the emulator: the bearer token naming the acting user). */
    private readonly headers: Record<string, string>,
  ) {}

  /** gax call options: gax's own retries off, so the caller's policy is the only one. */
  private options(o: WireOptions) {
    return { retry: null, timeout: o.timeoutMs, otherArgs: { headers: this.headers } } as any;
  }

  async createSpace(config: Record<string, unknown>, o: WireOptions): Promise<ApiSpace> {
    const [space] = await this.client.createSpace({ space: { config } }, this.options(o));
    return space as ApiSpace;
  }

  async getSpace(name: string, o: WireOptions): Promise<ApiSpace> {
    const [space] = await this.client.getSpace({ name }, this.options(o));
    return space as ApiSpace;
  }

  async updateSpace({ name, config, settings }: SpacePatch, o: WireOptions): Promise<ApiSpace> {
    const [space] = await this.client.updateSpace(
      { space: { name, config }, updateMask: { paths: settings.map(protoMaskPath) } },
      this.options(o),
    );
    return space as ApiSpace;
  }

  async endActiveConference(name: string, o: WireOptions): Promise<void> {
    await this.client.endActiveConference({ name }, this.options(o));
  }

  async createMember(
    parent: string,
    member: { email: string; role?: string },
    o: WireOptions,
  ): Promise<ApiMember> {
    const [created] = await this.client.createMember({ parent, member } as any, this.options(o));
    return created as ApiMember;
  }

  async getMember(name: string, o: WireOptions): Promise<ApiMember> {
    const [member] = await this.client.getMember({ name }, this.options(o));
    return member as ApiMember;
  }

  async deleteMember(name: string, o: WireOptions): Promise<void> {
    await this.client.deleteMember({ name }, this.options(o));
  }

  async listMembersPage(parent: string, pageToken: string, o: WireOptions): Promise<MembersPage> {
    const [members, , response] = await this.client.listMembers(
      { parent, pageSize: PAGE_SIZE, pageToken },
      { ...this.options(o), autoPaginate: false },
    );
    return {
      members: (members ?? []) as ApiMember[],
      nextPageToken: (response as any)?.nextPageToken ?? "",
    };
  }

  updateMemberRole(): Promise<ApiMember> {
    throw new Error("v2beta has no member update: a role change is a delete then a create");
  }

  batchUpdateMemberRoles(): Promise<ApiMember[]> {
    throw new Error("v2beta has no member update: a role change is a delete then a create");
  }
}
