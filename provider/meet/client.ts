/**
 * The Meet API seam: the only code that touches `@google-apps/meet` and `google-auth-library`.
 * One client per process and acting user; every call goes through the pacer and the retry policy,
 * and every failure comes out as a MeetApiError. The API version (v2beta: the only one whose Node
 * protos carry every setting and the members API) is chosen here and nowhere else.
 */
import { v2beta } from "@google-apps/meet";
import * as grpc from "@grpc/grpc-js";
import { GoogleAuth, JWT, OAuth2Client, UserRefreshClient, type AuthClient } from "google-auth-library";
import { MeetApiError } from "../core/errors";
import { Pacer } from "../core/pacer";
import { Code, type MeetMethod, canRetry, retryDelayMs, shouldRetry } from "../core/retry";
import type { ConnectionSettings } from "./connection";
import { scopesFor } from "./scopes";

/** A space as the API answers it (enums may be names or numbers; defaults mean absent). */
export interface ApiSpace {
  name: string;
  meetingUri?: string;
  meetingCode?: string;
  config?: Record<string, unknown> | null;
  activeConference?: { conferenceRecord?: string } | null;
}

export interface ApiMember {
  name: string;
  email?: string;
  role?: string | number | null;
  user?: string;
}

type Log = (message: string) => void;

const defaultLog: Log = (message) => console.error(message);

/** Calls of one acting user. Build through `meetApiFor`. */
export class MeetApi {
  constructor(
    private readonly client: v2beta.SpacesServiceClient,
    /** The acting user for messages and pacing; undefined = the credentials' own user. */
    readonly user: string | undefined,
    private readonly settings: ConnectionSettings,
    private readonly pacer: Pacer,
    /** Per-call headers (the emulator reads the acting user from `authorization`). */
    private readonly headers: Record<string, string>,
    private readonly log: Log,
  ) {}

  createSpace(config: Record<string, unknown>): Promise<ApiSpace> {
    return this.call<ApiSpace>("CreateSpace", "spaces", (o) =>
      this.client.createSpace({ space: { config } }, o),
    );
  }

  getSpace(name: string): Promise<ApiSpace> {
    return this.call<ApiSpace>("GetSpace", name, (o) => this.client.getSpace({ name }, o));
  }

  updateSpace(name: string, config: Record<string, unknown>, maskPaths: string[]): Promise<ApiSpace> {
    return this.call<ApiSpace>("UpdateSpace", name, (o) =>
      this.client.updateSpace({ space: { name, config }, updateMask: { paths: maskPaths } }, o),
    );
  }

  async endActiveConference(name: string): Promise<void> {
    await this.call("EndActiveConference", name, (o) => this.client.endActiveConference({ name }, o));
  }

  createMember(parent: string, member: { email: string; role?: string }): Promise<ApiMember> {
    return this.call<ApiMember>("CreateMember", parent, (o) =>
      this.client.createMember({ parent, member } as any, o),
    );
  }

  getMember(name: string): Promise<ApiMember> {
    return this.call<ApiMember>("GetMember", name, (o) => this.client.getMember({ name }, o));
  }

  async deleteMember(name: string): Promise<void> {
    await this.call("DeleteMember", name, (o) => this.client.deleteMember({ name }, o));
  }

  /** Every member of a space: one ListMembers per page of 100 (the API's maximum). */
  async listMembers(parent: string): Promise<ApiMember[]> {
    const all: ApiMember[] = [];
    let pageToken = "";
    do {
      const page = await this.call<{ members: ApiMember[]; nextPageToken: string }>(
        "ListMembers",
        parent,
        async (o) => {
          const [members, , response] = await this.client.listMembers(
            { parent, pageSize: 100, pageToken },
            { ...o, autoPaginate: false },
          );
          return { members: members as ApiMember[], nextPageToken: (response as any)?.nextPageToken ?? "" };
        },
      );
      all.push(...(page.members ?? []));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return all;
  }

  /** One call with pacing and retries. gax's own retries are off so this policy is the only one. */
  private async call<T>(
    method: MeetMethod,
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
      await this.pacer.acquire(this.user ?? "", method);
      try {
        const answer = await invoke(options);
        return (Array.isArray(answer) ? answer[0] : answer) as T;
      } catch (raw) {
        const err = toMeetApiError(method, raw);
        const delay = retryDelayMs(attempt, this.settings.retry, Math.random, err.retryDelayMs);
        if (
          !shouldRetry(method, err.code, err.retryDelayMs !== undefined) ||
          !canRetry(attempt, Date.now() - started, delay, this.settings.retry)
        ) {
          throw Object.assign(err, { attempts: attempt });
        }
        this.log(
          `googlemeet: ${method} ${target} answered ${err.codeName}; retry ${attempt} in ${(delay / 1000).toFixed(1)}s`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/**
 * Normalizes what gax throws into a MeetApiError. Over gRPC it is a GoogleError with the status
 * code and decoded details. Over REST, gax 5 passes on a GaxiosError whose `code` is the HTTP
 * status and whose message is Google's JSON error body, so the status and details are read there.
 */
export function toMeetApiError(method: MeetMethod, raw: unknown): MeetApiError {
  const e = (raw ?? {}) as Record<string, any>;
  const body = googleErrorBody(e);
  if (body) {
    const details: any[] = Array.isArray(body.details) ? body.details : [];
    const info = details.find((d) => String(d?.["@type"]).endsWith("google.rpc.ErrorInfo"));
    const retry = details.find((d) => String(d?.["@type"]).endsWith("google.rpc.RetryInfo"));
    const code =
      typeof body.status === "string" && body.status in Code
        ? (Code as any)[body.status]
        : httpToCode(body.code);
    return new MeetApiError(
      method,
      code,
      String(body.message ?? ""),
      info?.reason,
      info?.metadata ?? {},
      durationMs(retry?.retryDelay),
    );
  }
  const grpcCode = typeof e.code === "number" && e.code >= 0 && e.code <= 16 ? e.code : undefined;
  const code = grpcCode ?? (typeof e.code === "number" ? httpToCode(e.code) : Code.UNKNOWN);
  const detail = String(e.details || e.message || raw).replace(/^\d+ [A-Z_]+: /, "");
  let reason: string | undefined = e.reason;
  let metadata: Record<string, string> = e.errorInfoMetadata ?? {};
  let retryDelay: number | undefined;
  for (const d of Array.isArray(e.statusDetails) ? e.statusDetails : []) {
    if (d?.reason && !reason) reason = d.reason;
    if (d?.metadata && Object.keys(metadata).length === 0) metadata = { ...d.metadata };
    if (d?.retryDelay) retryDelay = durationMs(d.retryDelay);
  }
  return new MeetApiError(method, code, detail, reason, metadata, retryDelay);
}

/** Google's JSON error body (`{"error": {code, message, status, details}}`), where the error carries one. */
function googleErrorBody(e: Record<string, any>): Record<string, any> | undefined {
  for (const candidate of [e.response?.data, e.message]) {
    try {
      const parsed = typeof candidate === "string" ? JSON.parse(candidate) : candidate;
      if (parsed?.error && typeof parsed.error === "object") return parsed.error;
    } catch {
      // not JSON: not a Google error body
    }
  }
  return undefined;
}

const HTTP_TO_CODE: Record<number, number> = {
  400: Code.INVALID_ARGUMENT,
  401: Code.UNAUTHENTICATED,
  403: Code.PERMISSION_DENIED,
  404: Code.NOT_FOUND,
  409: Code.ALREADY_EXISTS,
  429: Code.RESOURCE_EXHAUSTED,
  499: Code.CANCELLED,
  500: Code.INTERNAL,
  501: Code.UNIMPLEMENTED,
  503: Code.UNAVAILABLE,
  504: Code.DEADLINE_EXCEEDED,
};

function httpToCode(status: unknown): number {
  return HTTP_TO_CODE[Number(status)] ?? Code.UNKNOWN;
}

function durationMs(d: unknown): number | undefined {
  if (typeof d === "string") return Number.parseFloat(d) * 1000;
  if (d && typeof d === "object") {
    // protobufjs may give `seconds` as a Long, whose Number() is NaN: go through its string.
    const { seconds = 0, nanos = 0 } = d as { seconds?: unknown; nanos?: number };
    const ms = Number(String(seconds)) * 1000 + Number(nanos) / 1e6;
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Client construction, cached per process and acting user.

const clients = new Map<string, MeetApi>();
let pacer: Pacer | undefined;
let cachedFor: ConnectionSettings | undefined;

/** The user calls act as for a room: its `owner`, else googlemeet:impersonateUser, else the credentials' own. */
export function actingUser(settings: ConnectionSettings, owner?: string): string | undefined {
  return owner || settings.impersonateUser || undefined;
}

/**
 * The API for one acting user, built once per process. `adopt` widens the scopes to what changing
 * a room made elsewhere needs.
 */
export function meetApiFor(
  settings: ConnectionSettings,
  owner?: string,
  needs = { adopt: false },
  log: Log = defaultLog,
): MeetApi {
  if (cachedFor !== settings) {
    clients.clear();
    cachedFor = settings;
    pacer = new Pacer(settings.quotas, log);
  }
  const user = actingUser(settings, owner);
  const scopes = scopesFor(needs);
  const key = `${user ?? ""}|${scopes.join(" ")}`;
  let api = clients.get(key);
  if (!api) {
    const { client, headers } = buildClient(settings, user, scopes);
    api = new MeetApi(client, user, settings, pacer!, headers, log);
    clients.set(key, api);
  }
  return api;
}

function buildClient(
  settings: ConnectionSettings,
  user: string | undefined,
  scopes: string[],
): { client: v2beta.SpacesServiceClient; headers: Record<string, string> } {
  const rest = settings.transport === "rest";
  if (settings.emulatorHost) {
    // Google's emulator convention: plain connection, no real credentials. The emulator reads the
    // acting user from the bearer token, so the token is the user (or a token from its token file).
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
      const client = new v2beta.SpacesServiceClient({
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
    const client = new v2beta.SpacesServiceClient({
      servicePath: host,
      apiEndpoint: host,
      port,
      sslCreds: grpc.credentials.createInsecure(),
      authClient: authClient as any,
    } as any);
    return { client, headers };
  }
  const authClient = buildAuthClient(settings, user, scopes);
  const endpoint = settings.endpoint
    ? splitHostPort(settings.endpoint.replace(/^https?:\/\//, ""))
    : undefined;
  const client = new v2beta.SpacesServiceClient({
    authClient: authClient as any,
    ...(rest ? { fallback: true } : {}),
    ...(endpoint ? { apiEndpoint: endpoint[0], servicePath: endpoint[0], port: endpoint[1] } : {}),
  } as any);
  return { client, headers: {} };
}

export function buildAuthClient(
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

export function splitHostPort(hostPort: string): [string, number] {
  const i = hostPort.lastIndexOf(":");
  if (i < 0) return [hostPort, 443];
  return [hostPort.slice(0, i).replace(/^\[|\]$/g, ""), Number(hostPort.slice(i + 1))];
}
