/**
 * Official @google-apps/chat clients pointed at an emulator: over gRPC (the caller in the
 * `authorization` metadata) and over REST (gax's fallback; the caller is the auth client's token).
 */
import * as grpc from "@grpc/grpc-js";
import * as chatPackage from "@google-apps/chat";
import { tokenAuth } from "./meetClients";

// Typed loosely: tests send deliberately bad input the types forbid.
const chat = chatPackage as any;

/** One client per caller, so gRPC and REST tests read the same: `client(user).setUpSpace(...)`. */
export type ChatClientFor = (user: string) => any;

export function chatGrpcClients(grpcAddress: string): { clientFor: ChatClientFor; close(): void } {
  const i = grpcAddress.lastIndexOf(":");
  const client = new chat.v1.ChatServiceClient({
    apiEndpoint: grpcAddress.slice(0, i),
    port: Number(grpcAddress.slice(i + 1)),
    sslCreds: grpc.credentials.createInsecure(),
    authClient: tokenAuth("unused"),
  });
  const headers = (user: string) => ({ otherArgs: { headers: { authorization: `Bearer ${user}` } } });
  const clientFor: ChatClientFor = (user) =>
    new Proxy(client, {
      get: (target, prop) =>
        typeof target[prop] === "function" && prop !== "close"
          ? (request: unknown, options: object = {}) =>
              target[prop](request, { ...headers(user), ...options })
          : target[prop],
    });
  return { clientFor, close: () => client.close() };
}

export function chatRestClients(httpUrl: string): { clientFor: ChatClientFor; close(): void } {
  const url = new URL(httpUrl);
  const clients = new Map<string, any>();
  const clientFor: ChatClientFor = (user) => {
    let c = clients.get(user);
    if (!c) {
      c = new chat.v1.ChatServiceClient({
        apiEndpoint: url.hostname,
        port: Number(url.port),
        fallback: true,
        protocol: "http",
        authClient: tokenAuth(user),
      });
      clients.set(user, c);
    }
    return c;
  };
  return {
    clientFor,
    close: () => {
      for (const c of clients.values()) c.close();
    },
  };
}

/** The gRPC status name of a failed call from either transport (REST: from Google's JSON body). */
export function statusOf(err: any): string {
  try {
    const body = JSON.parse(err.message);
    if (body?.error?.status) return body.error.status;
  } catch {
    // a gRPC error
  }
  const names = Object.entries(grpc.status).find(([, v]) => v === err.code);
  return names ? names[0] : String(err.code);
}

/** The server's message of a failed call from either transport. */
export function messageOf(err: any): string {
  try {
    return JSON.parse(err.message).error.message;
  } catch {
    return String(err.details ?? err.message);
  }
}
