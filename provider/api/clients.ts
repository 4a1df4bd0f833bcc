/**
 * Building API clients, once per process, connection, acting user and scope set: the credentials
 * (auth client), the options of an official gax client (Meet's v2beta, Chat's v1) or the base URL
 * of a REST wire, the local emulator's plain connection, and the destination errors name. The
 * only code here that reads credentials; the seams (meet/, chat/) say which host and scopes.
 */
import type * as grpcJs from "@grpc/grpc-js";
import { type AuthClient, GoogleAuth, JWT, OAuth2Client, UserRefreshClient } from "google-auth-library";
import type { RetryPolicy } from "../core/retry";
import type { Destination } from "./normalize";

export type Transport = "grpc" | "rest";

/** How the provider reaches Google, as every seam needs it (the provider's config holds more). */
export interface Connection {
  /** Service-account key or authorized-user JSON (`googlemeet:credentials`). */
  credentialsJson?: string;
  /** The user a service account acts as through domain-wide delegation (`googlemeet:impersonateUser`). */
  impersonateUser?: string;
  /** A ready OAuth access token (`googlemeet:accessToken`). */
  accessToken?: string;
  /** `grpc` (default) or `rest` (`googlemeet:transport`); for the gax clients (Meet v2 is always REST). */
  transport: Transport;
  /** API host, `host[:port]` or an http(s) URL (`googlemeet:endpoint`). */
  endpoint?: string;
  /** `host:port` of a local emulator's gRPC port (`GOOGLE_MEET_EMULATOR_HOST`): no TLS, token = acting user. */
  emulatorHost?: string;
  retry: RetryPolicy;
}

/** The fields that make two connections the same (not quotas, retry or concurrency). */
const CONNECTION_FIELDS = [
  "credentialsJson",
  "impersonateUser",
  "accessToken",
  "transport",
  "endpoint",
  "emulatorHost",
] as const;

const fingerprints = new WeakMap<Connection, string>();

function fingerprint(connection: Connection): string {
  let f = fingerprints.get(connection);
  if (!f) {
    f = JSON.stringify(CONNECTION_FIELDS.map((k) => connection[k] ?? null));
    fingerprints.set(connection, f);
  }
  return f;
}

/** The user calls act as for a resource: its `owner`, else googlemeet:impersonateUser, else the credentials' own. */
export function actingUser(connection: Connection, owner?: string): string | undefined {
  return owner || connection.impersonateUser || undefined;
}

/**
 * A client built once per process and key: the connection, the acting user, the scopes and
 * whatever else the seam names in `variant` (Meet's API version). The API around it is rebuilt per
 * call with the provider's own quotas and retry policy, so two providers with one connection
 * share the client and nothing else.
 */
export class ClientCache<C> {
  private readonly built = new Map<string, C>();

  /** The acting user for `owner` (see `actingUser`), and the client built for it with `scopes`. */
  forUser(
    connection: Connection,
    owner: string | undefined,
    scopes: string[],
    variant: string,
    build: (user: string | undefined) => C,
  ): { user: string | undefined; client: C } {
    const user = actingUser(connection, owner);
    const key = `${fingerprint(connection)}|${variant}|${user ?? ""}|${scopes.join(" ")}`;
    let client = this.built.get(key);
    if (!client) {
      client = build(user);
      this.built.set(key, client);
    }
    return { user, client };
  }
}

/** `https://host[:port]` for an endpoint given as host[:port] or URL. */
export function baseUrlOf(endpoint: string, defaultScheme: "http" | "https"): string {
  const url = new URL(endpoint.includes("://") ? endpoint : `${defaultScheme}://${endpoint}`);
  return `${url.protocol}//${url.host}`;
}

export function emulatorDestination(connection: Connection): Destination {
  return {
    endpoint: `${connection.emulatorHost} (GOOGLE_MEET_EMULATOR_HOST)`,
    emulator: true,
    setting: "GOOGLE_MEET_EMULATOR_HOST",
  };
}

/** The bearer token the emulator reads the acting user from: the token given, else the user. */
export function emulatorToken(connection: Connection, user: string | undefined): string | undefined {
  return connection.accessToken ?? user;
}

/**
 * What an official gax client needs to reach `service`, or the local emulator: its constructor
 * options, the per-call headers, and the destination errors name. With the emulator the
 * connection is plain and the bearer token is the acting user (Google's emulator convention);
 * `googlemeet:endpoint` moves the host only for a service that `honoursEndpoint`.
 */
export function gaxClientOptions(
  connection: Connection,
  user: string | undefined,
  scopes: string[],
  service: { host: string; honoursEndpoint: boolean },
): { options: Record<string, unknown>; headers: Record<string, string>; destination: Destination } {
  const rest = connection.transport === "rest";
  if (connection.emulatorHost) {
    const token = emulatorToken(connection, user);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const authClient = new OAuth2Client();
    authClient.setCredentials({
      access_token: token ?? "emulator",
      expiry_date: Date.now() + 10 * 365 * 86400e3,
    });
    if (rest) {
      // Every emulator port answers REST too: the variable's address serves unless an endpoint is set.
      const address = connection.endpoint ?? connection.emulatorHost;
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
        destination: connection.endpoint
          ? { endpoint: `${url.host} (googlemeet:endpoint)`, emulator: true, setting: "googlemeet:endpoint" }
          : emulatorDestination(connection),
      };
    }
    const [host, port] = splitHostPort(connection.emulatorHost);
    return {
      options: {
        servicePath: host,
        apiEndpoint: host,
        port,
        // Loaded only for a gRPC client: the REST wire never needs grpc-js.
        sslCreds: (require("@grpc/grpc-js") as typeof grpcJs).credentials.createInsecure(),
        authClient,
      },
      headers,
      destination: emulatorDestination(connection),
    };
  }
  const endpoint =
    service.honoursEndpoint && connection.endpoint
      ? splitHostPort(connection.endpoint.replace(/^https?:\/\//, ""))
      : undefined;
  return {
    options: {
      authClient: buildAuthClient(connection, user, scopes),
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

/** The credentials calls carry: a token, a key from the stack config, or Application Default Credentials. */
export function buildAuthClient(
  connection: Connection,
  user: string | undefined,
  scopes: string[],
): AuthClient | GoogleAuth {
  if (connection.accessToken) {
    const client = new OAuth2Client();
    client.setCredentials({ access_token: connection.accessToken });
    return client;
  }
  if (connection.credentialsJson) {
    const json = JSON.parse(connection.credentialsJson);
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
