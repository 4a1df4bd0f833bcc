/**
 * The Meet API as the operations see it: one `MeetApi` per process and acting user, whatever the
 * API version. Every call goes through the one call loop (api/call.ts) with Meet's own quotas and
 * retry rule (methods.ts), and every failure comes out as an ApiError. What differs between
 * versions (paths, transports, masks) is behind `MeetWire` (wire.ts), what each can do is
 * versions.ts'; the version is chosen here and nowhere else: GA `v2` by default, the Developer
 * Preview `v2beta` only when googlemeet:apiVersion says so.
 */
import type * as meetClients from "@google-apps/meet";
import { ApiCaller } from "../api/call";
import { ClientCache, type Connection, gaxClientOptions, restTarget } from "../api/clients";
import { toApiError } from "../api/normalize";
import type { MeetMethod } from "../../google/meet";
import { type QuotaLimits, meetQuotas, shouldRetryMeet } from "./methods";
import { scopesFor } from "./scopes";
import { V2RestWire } from "./v2Rest";
import { V2betaGaxWire } from "./v2betaGax";
import { type ApiVersion, type MemberCapabilities, memberCapabilities } from "./versions";
import type { ApiMember, ApiSpace, MeetWire, WireRole } from "./wire";

export type { ApiMember, ApiSpace, ApiVersion, WireRole };

/** What the Meet seam needs of the provider's settings. */
export interface MeetSettings extends Connection {
  /** `v2` (GA, default) or `v2beta` (Developer Preview) (`googlemeet:apiVersion`). */
  apiVersion: ApiVersion;
  quotas: QuotaLimits;
}

/** Calls of one acting user. Build through `meetApiFor`. */
export class MeetApi {
  private readonly calls: ApiCaller<MeetMethod>;

  constructor(
    private readonly wire: MeetWire,
    /** The acting user for messages and pacing; undefined = the credentials' own user. */
    readonly user: string | undefined,
    /** Quotas and retry policy of the provider this API serves (see `meetApiFor`). */
    settings: MeetSettings,
  ) {
    this.calls = new ApiCaller<MeetMethod>(
      {
        quotas: meetQuotas(settings.quotas),
        shouldRetry: shouldRetryMeet,
        toError: (method, raw) => {
          const err = toApiError(method, raw, wire.destination);
          err.apiVersion = wire.apiVersion;
          return err;
        },
      },
      user,
      settings.retry,
    );
  }

  /** What this API version can do with members. */
  get members(): MemberCapabilities {
    return memberCapabilities(this.wire.apiVersion);
  }

  createSpace(config: Record<string, unknown>): Promise<ApiSpace> {
    return this.calls.call("CreateSpace", "spaces", (t) => this.wire.createSpace(config, { timeoutMs: t }));
  }

  getSpace(name: string): Promise<ApiSpace> {
    return this.calls.call("GetSpace", name, (t) => this.wire.getSpace(name, { timeoutMs: t }));
  }

  /** `settings`: the keys of the changed settings (`moderationRestrictions.chatRestriction`), one per leaf. */
  updateSpace(name: string, config: Record<string, unknown>, settings: readonly string[]): Promise<ApiSpace> {
    return this.calls.call("UpdateSpace", name, (t) =>
      this.wire.updateSpace({ name, config, settings }, { timeoutMs: t }),
    );
  }

  async endActiveConference(name: string): Promise<void> {
    await this.calls.call("EndActiveConference", name, (t) =>
      this.wire.endActiveConference(name, { timeoutMs: t }),
    );
  }

  createMember(parent: string, member: { email: string; role?: string }): Promise<ApiMember> {
    return this.calls.call("CreateMember", parent, (t) =>
      this.wire.createMember(parent, member, { timeoutMs: t }),
    );
  }

  getMember(name: string): Promise<ApiMember> {
    return this.calls.call("GetMember", name, (t) => this.wire.getMember(name, { timeoutMs: t }));
  }

  async deleteMember(name: string): Promise<void> {
    await this.calls.call("DeleteMember", name, (t) => this.wire.deleteMember(name, { timeoutMs: t }));
  }

  /** One member's role (v2 only): one UpdateMember with mask `role`. */
  updateMemberRole(name: string, role: WireRole): Promise<ApiMember> {
    return this.calls.call("UpdateMember", name, (t) =>
      this.wire.updateMemberRole(name, role, { timeoutMs: t }),
    );
  }

  /** One members:batchUpdate: at most `BATCH_UPDATE_MEMBERS_MAX` role changes (the caller splits more). */
  batchUpdateMemberRoles(
    parent: string,
    changes: readonly { name: string; role: WireRole }[],
  ): Promise<ApiMember[]> {
    return this.calls.call("BatchUpdateMembers", parent, (t) =>
      this.wire.batchUpdateMemberRoles(parent, changes, { timeoutMs: t }),
    );
  }

  /** Every member of a space: one ListMembers per page of the version's maximum size. */
  listMembers(parent: string): Promise<ApiMember[]> {
    return this.calls.list("ListMembers", parent, async (pageToken, t) => {
      const page = await this.wire.listMembersPage(parent, pageToken, { timeoutMs: t });
      return { items: page.members, nextPageToken: page.nextPageToken };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Building the APIs, cached per process, settings and acting user.

const wires = new ClientCache<MeetWire>();

/**
 * The API for one acting user, built once per process and connection settings. `adopt` widens
 * the scopes to what changing a room made elsewhere needs. The pacer's limits follow `settings`
 * (the pacer itself is never rebuilt).
 */
export function meetApiFor(settings: MeetSettings, owner?: string, needs = { adopt: false }): MeetApi {
  const scopes = scopesFor(needs);
  // The wire (client, auth, connection) is built once per key; the API around it carries this
  // provider's own quotas and retry policy, so two providers with one connection stay apart.
  const { user, client } = wires.forUser(settings, owner, scopes, settings.apiVersion, (user) =>
    settings.apiVersion === "v2beta"
      ? buildV2betaWire(settings, user, scopes)
      : buildV2Wire(settings, user, scopes),
  );
  return new MeetApi(client, user, settings);
}

function buildV2Wire(settings: MeetSettings, user: string | undefined, scopes: string[]): MeetWire {
  const target = restTarget(settings, user, scopes, { host: "meet.googleapis.com", honoursEndpoint: true });
  return new V2RestWire(target.http, target.base, target.destination, target.headers);
}

function buildV2betaWire(settings: MeetSettings, user: string | undefined, scopes: string[]): MeetWire {
  const { options, headers, destination } = gaxClientOptions(settings, user, scopes, {
    host: "meet.googleapis.com",
    honoursEndpoint: true,
  });
  // Loaded only here: the official client (gax, gRPC, protos) costs a v2 provider nothing.
  const { v2beta } = require("@google-apps/meet") as typeof meetClients;
  return new V2betaGaxWire(new v2beta.SpacesServiceClient(options as any), destination, headers);
}
