/**
 * Official @google-apps/meet clients pointed at an emulator, and a plain-fetch REST helper
 * shaped like Google's REST reference. How the caller is passed (verified against the
 * emulator's journal):
 * - gRPC: call option `{ otherArgs: { headers: { authorization: "Bearer <token>" } } }`
 *   (gax turns otherArgs.headers into gRPC metadata).
 * - REST (`fallback: true, protocol: "http"`): an `authClient` whose access token is the
 *   token; gax sends `Authorization: Bearer <token>`.
 */
import * as grpc from "@grpc/grpc-js";
import { OAuth2Client } from "google-auth-library";

import * as meetPackage from "@google-apps/meet";

// Typed loosely: tests send deliberately bad input (enum 7, user+email) the types forbid.
const meet = meetPackage as any;

export type Version = "v2beta" | "v2";

function splitAddress(address: string): [string, number] {
  const i = address.lastIndexOf(":");
  return [address.slice(0, i), Number(address.slice(i + 1))];
}

/** An auth client whose bearer token is `token` (for REST; also stops gax probing GCE metadata). */
export function tokenAuth(token: string): OAuth2Client {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: token, expiry_date: Date.now() + 3600e3 });
  return auth;
}

export function grpcClient(grpcAddress: string, version: Version = "v2beta"): any {
  const [host, port] = splitAddress(grpcAddress);
  return new meet[version].SpacesServiceClient({
    apiEndpoint: host,
    port,
    sslCreds: grpc.credentials.createInsecure(),
    authClient: tokenAuth("unused"),
  });
}

export function restClient(httpUrl: string, token: string, version: Version = "v2beta"): any {
  const url = new URL(httpUrl);
  return new meet[version].SpacesServiceClient({
    apiEndpoint: url.hostname,
    port: Number(url.port),
    fallback: true,
    protocol: "http",
    authClient: tokenAuth(token),
  });
}

/** gRPC call options carrying the caller. */
export function as(token: string) {
  return { otherArgs: { headers: { authorization: `Bearer ${token}` } } };
}

export interface RestAnswer {
  status: number;
  body: any;
}

/** A plain HTTP call as Google's REST reference documents it (enum names, lowerCamel JSON). */
export async function rest(
  httpUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<RestAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${httpUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Awaits a promise that must reject; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
