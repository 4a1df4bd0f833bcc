/**
 * Building API clients, once per process, connection, acting user and scope set: the credentials
 * (auth client), the options of an official gax client (Meet's v2beta, Chat's v1) or the base URL
 * of a REST wire, the local emulator's plain connection, and the destination errors name. The
 * only code here that reads credentials; the seams (meet/, chat/) say which host and scopes.
 */
import type * as grpcJs from "@grpc/grpc-js";
import { OAuth2Client } from "google-auth-library";
import type { Connection } from "./connection";
import { authClientFor } from "./credentials";
import { HttpClient, type RequestClient } from "./http";
import type { Destination } from "./normalize";

export type { Transport } from "./connection";

export type { Connection } from "./connection";

/** The fields that make two connections the same (not quotas, retry or concurrency). */
const CONNECTION_FIELDS = [
  "credentialsJson",
  "impersonateUser",
  "serviceAccount",
  "accessToken",
  "transport",
  "endpoint",
  "emulatorHost",
  "emulatorAuth",
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
  if (connection.emulatorHost && connection.emulatorAuth) {
    // Auth mode: real tokens need per-call credentials, which gRPC allows only over TLS (the
    // emulator has none), so the official clients use their REST fallback against it.
    return emulatorRest(connection, connection.emulatorHost, authClientFor(connection, user, scopes));
  }
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
      return emulatorRest(connection, connection.endpoint ?? connection.emulatorHost, authClient);
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
      authClient: authClientFor(connection, user, scopes),
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

/** A gax client's options for the emulator's REST port at `address` (host:port or URL). */
function emulatorRest(
  connection: Connection,
  address: string,
  authClient: unknown,
): { options: Record<string, unknown>; headers: Record<string, string>; destination: Destination } {
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
    destination:
      connection.endpoint && !connection.emulatorAuth
        ? { endpoint: `${url.host} (googlemeet:endpoint)`, emulator: true, setting: "googlemeet:endpoint" }
        : emulatorDestination(connection),
  };
}

function splitHostPort(hostPort: string): [string, number] {
  const i = hostPort.lastIndexOf(":");
  if (i < 0) return [hostPort, 443];
  return [hostPort.slice(0, i).replace(/^\[|\]$/g, ""), Number(hostPort.slice(i + 1))];
}

/** Where a JSON REST wire sends its calls, with what, and how errors name the destination. */
export interface RestTarget {
  http: RequestClient;
  /** `https://meet.googleapis.com` or `http://127.0.0.1:8085`, no trailing slash. */
  base: string;
  destination: Destination;
  /** Extra headers on every call (the emulator's bearer token naming the acting user). */
  headers: Record<string, string>;
}

/**
 * The REST target of `service` for one acting user: Google's host (`googlemeet:endpoint` moves it
 * only for a service that `honoursEndpoint`), or the local emulator, plain (the bearer token is the
 * user, Google's emulator convention) or in auth mode (real tokens from its token services).
 */
export function restTarget(
  connection: Connection,
  user: string | undefined,
  scopes: string[],
  service: { host: string; honoursEndpoint: boolean },
): RestTarget {
  if (connection.emulatorHost && connection.emulatorAuth) {
    const auth = authClientFor(connection, user, scopes);
    return {
      http: new HttpClient((url) => auth.getRequestHeaders(url)),
      base: baseUrlOf(connection.endpoint ?? connection.emulatorHost, "http"),
      destination: emulatorDestination(connection),
      headers: {},
    };
  }
  if (connection.emulatorHost) {
    const token = emulatorToken(connection, user);
    const base = baseUrlOf(connection.endpoint ?? connection.emulatorHost, "http");
    return {
      http: new HttpClient(),
      base,
      destination: connection.endpoint
        ? { endpoint: `${base} (googlemeet:endpoint)`, emulator: true, setting: "googlemeet:endpoint" }
        : emulatorDestination(connection),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    };
  }
  const base =
    service.honoursEndpoint && connection.endpoint
      ? baseUrlOf(connection.endpoint, "https")
      : `https://${service.host}`;
  const auth = authClientFor(connection, user, scopes);
  return {
    http: new HttpClient((url) => auth.getRequestHeaders(url)),
    base,
    destination: { endpoint: base, emulator: false },
    headers: {},
  };
}
