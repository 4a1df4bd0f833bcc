/**
 * The Meet API as the operations see it: one `MeetApi` per process and acting user, whatever the
 * API version. Every call goes through the process's one pacer and the one retry policy, and every
 * failure comes out as a MeetApiError. What differs between versions (paths, transports, page
 * sizes, member updates) is behind `MeetWire` (wire.ts); the version is chosen here and nowhere
 * else: GA `v2` by default, the Developer Preview `v2beta` only when googlemeet:apiVersion says so.
 */
import { v2beta } from "@google-apps/meet";
import * as grpc from "@grpc/grpc-js";
import { type AuthClient, GoogleAuth, JWT, OAuth2Client, UserRefreshClient } from "google-auth-library";
import type { MeetApiError } from "../core/errors";
import { type Grant, type Pacer, meetBuckets, processPacer } from "../core/pacer";
import { Code, type MeetMethod, canRetry, retryDelayMs, shouldRetry } from "../core/retry";
import type { Destination } from "./apiErrors";
import type { ConnectionSettings } from "./connection";
import { scopesFor } from "./scopes";
import { type RequestClient, V2RestWire } from "./v2Rest";
import { V2betaGaxWire } from "./v2betaGax";
import type { ApiMember, ApiSpace, ApiVersion, MeetWire, WireOptions, WireRole } from "./wire";

export type { ApiMember, ApiSpace, ApiVersion, WireRole };

type Log = (message: string) => void;

const defaultLog: Log = (message) => console.error(message);

/** Calls of one acting user. Build through `meetApiFor`. */
export class MeetApi {
  constructor(
    private readonly wire: MeetWire,
    /** The acting user for messages and pacing; undefined = the credentials' own user. */
    readonly user: string | undefined,
    /** Quotas and retry policy of the provider this API serves (see `meetApiFor`). */
    private readonly settings: ConnectionSettings,
    private readonly pacer: Pacer,
    private readonly log: Log,
  ) {}

  /** True when a member's role can change in place (v2); else a role change is delete + create. */
  get canUpdateMembers(): boolean {
    return this.wire.canUpdateMembers;
  }

  createSpace(config: Record<string, unknown>): Promise<ApiSpace> {
    return this.call("CreateSpace", "spaces", (o) => this.wire.createSpace(config, o));
  }

  getSpace(name: string): Promise<ApiSpace> {
    return this.call("GetSpace", name, (o) => this.wire.getSpace(name, o));
  }

  /** `maskPaths`: snake_case proto paths (`config.access_type`), one per changed leaf setting. */
  updateSpace(name: string, config: Record<string, unknown>, maskPaths: string[]): Promise<ApiSpace> {
    return this.call("UpdateSpace", name, (o) => this.wire.updateSpace(name, config, maskPaths, o));
  }

  async endActiveConference(name: string): Promise<void> {
    await this.call("EndActiveConference", name, (o) => this.wire.endActiveConference(name, o));
  }

  createMember(parent: string, member: { email: string; role?: string }): Promise<ApiMember> {
    return this.call("CreateMember", parent, (o) => this.wire.createMember(parent, member, o));
  }

  getMember(name: string): Promise<ApiMember> {
    return this.call("GetMember", name, (o) => this.wire.getMember(name, o));
  }

  async deleteMember(name: string): Promise<void> {
    await this.call("DeleteMember", name, (o) => this.wire.deleteMember(name, o));
  }

  /** One member's role (v2 only): one UpdateMember with mask `role`. */
  updateMemberRole(name: string, role: WireRole): Promise<ApiMember> {
    return this.call("UpdateMember", name, (o) => this.wire.updateMemberRole(name, role, o));
  }

  /** Many members' roles (v2 only): one members:batchUpdate per 500 members. */
  /** One members:batchUpdate: at most `MAX_BATCH_MEMBERS` role changes (the caller splits more). */
  batchUpdateMemberRoles(
    parent: string,
    changes: readonly { name: string; role: WireRole }[],
  ): Promise<ApiMember[]> {
    return this.call("BatchUpdateMembers", parent, (o) =>
      this.wire.batchUpdateMemberRoles(parent, changes, o),
    );
  }

  /** Every member of a space: one ListMembers per page of the version's maximum size. */
  async listMembers(parent: string): Promise<ApiMember[]> {
    const all: ApiMember[] = [];
    let pageToken = "";
    do {
      const page = await this.call("ListMembers", parent, (o) =>
        this.wire.listMembersPage(parent, pageToken, o),
      );
      all.push(...page.members);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return all;
  }

  /**
   * One call with pacing and retries: the only retry policy (the clients' own are off). A call
   * counts against its quotas from its answer on; one refused for quota, or one that never
   * reached the server, gives its pacer slot back.
   */
  private async call<T>(
    method: MeetMethod,
    target: string,
    invoke: (options: WireOptions) => Promise<T>,
  ): Promise<T> {
    const started = Date.now();
    const options = { timeoutMs: this.settings.retry.callTimeoutMs };
    for (let attempt = 1; ; attempt++) {
      const grant: Grant = await this.pacer.acquire(
        meetBuckets(this.user ?? "", method, this.settings.quotas),
      );
      let err: MeetApiError;
      try {
        const answer = await invoke(options);
        grant.done();
        return answer;
      } catch (raw) {
        err = this.wire.toError(method, raw);
      }
      if (err.unreached || err.code === Code.RESOURCE_EXHAUSTED) grant.release();
      else grant.done();
      const delay = retryDelayMs(attempt, this.settings.retry, Math.random, err.retryDelayMs);
      if (
        err.unreached?.final ||
        !shouldRetry(method, err.code, err.retryDelayMs !== undefined, Boolean(err.unreached)) ||
        !canRetry(attempt, Date.now() - started, delay, this.settings.retry)
      ) {
        throw Object.assign(err, { attempts: attempt });
      }
      const what = err.unreached
        ? `${method} could not reach ${err.unreached.endpoint}: ${err.unreached.cause}`
        : `${method} ${target} answered ${err.codeName}`;
      this.log(`googlemeet: ${what}; retry ${attempt} in ${(delay / 1000).toFixed(1)}s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Building the APIs, cached per process, settings and acting user.

const wires = new Map<string, MeetWire>();
const fingerprints = new WeakMap<ConnectionSettings, string>();

/**
 * What makes two API clients the same: the connection (not quotas, retry or concurrency), the
 * acting user and the scopes. Meet's and Chat's seams cache their clients by it.
 */
export function clientKey(
  settings: ConnectionSettings,
  user: string | undefined,
  scopes: readonly string[],
): string {
  return `${fingerprint(settings)}|${user ?? ""}|${scopes.join(" ")}`;
}

function fingerprint(settings: ConnectionSettings): string {
  let f = fingerprints.get(settings);
  if (!f) {
    const { quotas: _q, retry: _r, memberConcurrency: _m, ...connection } = settings;
    f = JSON.stringify(connection);
    fingerprints.set(settings, f);
  }
  return f;
}

/** The user calls act as for a room: its `owner`, else googlemeet:impersonateUser, else the credentials' own. */
export function actingUser(settings: ConnectionSettings, owner?: string): string | undefined {
  return owner || settings.impersonateUser || undefined;
}

/**
 * The API for one acting user, built once per process and connection settings. `adopt` widens
 * the scopes to what changing a room made elsewhere needs. The pacer's limits follow `settings`
 * (the pacer itself is never rebuilt).
 */
export function meetApiFor(
  settings: ConnectionSettings,
  owner?: string,
  needs = { adopt: false },
  log: Log = defaultLog,
): MeetApi {
  const user = actingUser(settings, owner);
  const scopes = scopesFor(needs);
  const key = clientKey(settings, user, scopes);
  // The wire (client, auth, connection) is built once per key; the API around it carries this
  // provider's own quotas and retry policy, so two providers with one connection stay apart.
  let wire = wires.get(key);
  if (!wire) {
    wire = buildWire(settings, user, scopes);
    wires.set(key, wire);
  }
  return new MeetApi(wire, user, settings, processPacer, log);
}

function buildWire(settings: ConnectionSettings, user: string | undefined, scopes: string[]): MeetWire {
  return settings.apiVersion === "v2beta"
    ? buildV2betaWire(settings, user, scopes)
    : buildV2Wire(settings, user, scopes);
}

/** `https://host[:port]` for an endpoint given as host[:port] or URL. */
function baseUrlOf(endpoint: string, defaultScheme: "http" | "https"): string {
  const url = new URL(endpoint.includes("://") ? endpoint : `${defaultScheme}://${endpoint}`);
  return `${url.protocol}//${url.host}`;
}

function emulatorDestination(settings: ConnectionSettings): Destination {
  return {
    endpoint: `${settings.emulatorHost} (GOOGLE_MEET_EMULATOR_HOST)`,
    emulator: true,
    setting: "GOOGLE_MEET_EMULATOR_HOST",
  };
}

function buildV2Wire(settings: ConnectionSettings, user: string | undefined, scopes: string[]): MeetWire {
  if (settings.emulatorHost) {
    // Google's emulator convention: plain HTTP, no real credentials. The emulator reads the acting
    // user from the bearer token, so the token is the user (or a token from its token file).
    const token = settings.accessToken ?? user;
    const base = settings.endpoint
      ? baseUrlOf(settings.endpoint, "http")
      : baseUrlOf(settings.emulatorHost, "http");
    const destination = settings.endpoint
      ? { endpoint: `${base} (googlemeet:endpoint)`, emulator: true, setting: "googlemeet:endpoint" as const }
      : emulatorDestination(settings);
    const transporter = (new OAuth2Client() as unknown as { transporter: RequestClient }).transporter;
    return new V2RestWire(transporter, base, destination, token ? { authorization: `Bearer ${token}` } : {});
  }
  const base = settings.endpoint ? baseUrlOf(settings.endpoint, "https") : "https://meet.googleapis.com";
  const auth = buildAuthClient(settings, user, scopes) as unknown as RequestClient;
  return new V2RestWire(auth, base, { endpoint: base, emulator: false });
}

function buildV2betaWire(settings: ConnectionSettings, user: string | undefined, scopes: string[]): MeetWire {
  const { options, headers, destination } = gaxClientOptions(settings, user, scopes, {
    host: "meet.googleapis.com",
    honoursEndpoint: true,
  });
  return new V2betaGaxWire(new v2beta.SpacesServiceClient(options as any), destination, headers);
}

/**
 * What an official gax client (Meet's v2beta, Chat's v1) needs to reach `service`, or the local
 * emulator: its constructor options, the per-call headers, and the destination errors name. With
 * the emulator the connection is plain and the bearer token is the acting user (Google's emulator
 * convention); `googlemeet:endpoint` moves the host only for a service that `honoursEndpoint`.
 */
export function gaxClientOptions(
  settings: ConnectionSettings,
  user: string | undefined,
  scopes: string[],
  service: { host: string; honoursEndpoint: boolean },
): { options: Record<string, unknown>; headers: Record<string, string>; destination: Destination } {
  const rest = settings.transport === "rest";
  if (settings.emulatorHost) {
    const token = settings.accessToken ?? user;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const authClient = new OAuth2Client();
    authClient.setCredentials({
      access_token: token ?? "emulator",
      expiry_date: Date.now() + 10 * 365 * 86400e3,
    });
    if (rest) {
      // Every emulator port answers REST too: the variable's address serves unless an endpoint is set.
      const address = settings.endpoint ?? settings.emulatorHost;
      const url = new URL(address.includes("://") ? address : `http://${address}`);
      return {
        options: {
          fallback: true,
          protocol: "http",
          servicePath: url.hostname,
          apiEndpoint: url.hostname,
          port: Number(url.port),
          authClient,
        },
        headers: {},
        destination: settings.endpoint
          ? { endpoint: `${url.host} (googlemeet:endpoint)`, emulator: true, setting: "googlemeet:endpoint" }
          : emulatorDestination(settings),
      };
    }
    const [host, port] = splitHostPort(settings.emulatorHost);
    return {
      options: {
        servicePath: host,
        apiEndpoint: host,
        port,
        sslCreds: grpc.credentials.createInsecure(),
        authClient,
      },
      headers,
      destination: emulatorDestination(settings),
    };
  }
  const endpoint =
    service.honoursEndpoint && settings.endpoint
      ? splitHostPort(settings.endpoint.replace(/^https?:\/\//, ""))
      : undefined;
  return {
    options: {
      authClient: buildAuthClient(settings, user, scopes),
      ...(rest ? { fallback: true } : {}),
      ...(endpoint ? { apiEndpoint: endpoint[0], servicePath: endpoint[0], port: endpoint[1] } : {}),
    },
    headers: {},
    destination: {
      endpoint: endpoint ? `${endpoint[0]}:${endpoint[1]}` : `${service.host}:443`,
      emulator: false,
    },
  };
}

function buildAuthClient(
  settings: ConnectionSettings,
  user: string | undefined,
  scopes: string[],
): AuthClient | GoogleAuth {
  if (settings.accessToken) {
    const client = new OAuth2Client();
    client.setCredentials({ access_token: settings.accessToken });
    return client;
  }
  if (settings.credentialsJson) {
    const json = JSON.parse(settings.credentialsJson);
    if (json.type === "service_account") {
      if (!user) {
        throw new Error(
          "The Meet API accepts only user credentials: with a service-account key, set googlemeet:impersonateUser (or the room's `owner`) to the Workspace user to act as, and grant the service account domain-wide delegation for the Meet scopes",
        );
      }
      return new JWT({ email: json.client_email, key: json.private_key, scopes, subject: user });
    }
    if (json.type === "authorized_user") {
      const client = new UserRefreshClient(json.client_id, json.client_secret, json.refresh_token);
      return client;
    }
    throw new Error(
      `Stack config googlemeet:credentials has type ${JSON.stringify(json.type)}; expected "service_account" or "authorized_user"`,
    );
  }
  // Application Default Credentials; a service account among them acts as the user by delegation.
  return new GoogleAuth({ scopes, ...(user ? { clientOptions: { subject: user } } : {}) });
}

function splitHostPort(hostPort: string): [string, number] {
  const i = hostPort.lastIndexOf(":");
  if (i < 0) return [hostPort, 443];
  return [hostPort.slice(0, i).replace(/^\[|\]$/g, ""), Number(hostPort.slice(i + 1))];
}
