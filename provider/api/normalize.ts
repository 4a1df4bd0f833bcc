/**
 * What the transports throw, as ApiErrors: Google's status, ErrorInfo and RetryInfo read from
 * a gRPC status or a JSON error body alike, and failures that never reached a server (refused
 * connection, unknown host, wrong protocol, TLS) told apart from lost answers.
 */
import { Code } from "../../google/statusCodes";
import { ApiError, type FieldViolation } from "./error";

/** Where a wire sends its calls, for "never reached" messages. */
export interface Destination {
  /** e.g. `127.0.0.1:8086 (GOOGLE_MEET_EMULATOR_HOST)` or `https://meet.googleapis.com`. */
  endpoint: string;
  /** True when it is a local emulator (GOOGLE_MEET_EMULATOR_HOST). */
  emulator: boolean;
  /** Where the address came from, when the user set it. */
  setting?: "GOOGLE_MEET_EMULATOR_HOST" | "googlemeet:endpoint";
}

/** `method` is the seam's name of the call, as messages show it. */
export function toApiError(method: string, raw: unknown, to: Destination): ApiError {
  const e = (raw ?? {}) as Record<string, any>;
  const unreached = unreachedCause(e);
  if (unreached) {
    const err = new ApiError(method, Code.UNAVAILABLE, unreached.cause);
    err.unreached = {
      endpoint: to.endpoint,
      cause: unreached.cause,
      hint: hintFor(unreached.kind, to),
      final: unreached.kind === "refused" && isLoopback(to.endpoint),
    };
    return err;
  }
  const body = googleErrorBody(e);
  if (body) {
    const details: any[] = Array.isArray(body.details) ? body.details : [];
    const info = details.find((d) => String(d?.["@type"]).endsWith("google.rpc.ErrorInfo"));
    const retry = details.find((d) => String(d?.["@type"]).endsWith("google.rpc.RetryInfo"));
    const code =
      typeof body.status === "string" && body.status in Code
        ? (Code as any)[body.status]
        : httpToCode(body.code);
    const err = new ApiError(
      method,
      code,
      String(body.message ?? ""),
      info?.reason,
      info?.metadata ?? {},
      durationMs(retry?.retryDelay),
    );
    err.fieldViolations = fieldViolationsOf(details);
    return err;
  }
  const grpcCode = typeof e.code === "number" && e.code >= 0 && e.code <= 16 ? e.code : undefined;
  const httpStatus = e.response?.status ?? e.status;
  const code =
    grpcCode ??
    (typeof e.code === "number"
      ? httpToCode(e.code)
      : httpStatus
        ? httpToCode(httpStatus)
        : lostAnswerCode(e));
  const detail = String(e.details || e.message || raw).replace(/^\d+ [A-Z_]+: /, "");
  let reason: string | undefined = e.reason;
  let metadata: Record<string, string> = e.errorInfoMetadata ?? {};
  let retryDelay: number | undefined;
  const statusDetails: any[] = Array.isArray(e.statusDetails) ? e.statusDetails : [];
  for (const d of statusDetails) {
    if (d?.reason && !reason) reason = d.reason;
    if (d?.metadata && Object.keys(metadata).length === 0) metadata = { ...d.metadata };
    if (d?.retryDelay) retryDelay = durationMs(d.retryDelay);
  }
  const err = new ApiError(method, code, detail, reason, metadata, retryDelay);
  err.fieldViolations = fieldViolationsOf(statusDetails);
  return err;
}

/**
 * The `google.rpc.BadRequest` field violations among an error's details: REST bodies tag them
 * with `@type`, gax decodes the gRPC trailer's into objects with `fieldViolations`.
 */
function fieldViolationsOf(details: readonly any[]): FieldViolation[] {
  return details
    .filter((d) => Array.isArray(d?.fieldViolations))
    .flatMap((d) => d.fieldViolations as any[])
    .map((v) => ({ field: String(v?.field ?? ""), description: String(v?.description ?? "") }));
}

/** A REST call cut off after it was sent (timeout, reset): the answer is lost, the outcome unknown. */
function lostAnswerCode(e: Record<string, any>): number {
  const codes = [e.code, e.cause?.code].filter((c) => typeof c === "string");
  if (e.name === "AbortError" || e.name === "TimeoutError" || codes.some((c) => /TIMEDOUT|ABORT/i.test(c)))
    return Code.DEADLINE_EXCEEDED;
  if (codes.some((c) => /^E(CONNRESET|PIPE)$|^UND_ERR/.test(c))) return Code.UNAVAILABLE;
  return Code.UNKNOWN;
}

type UnreachedKind = "refused" | "dns" | "protocol" | "tls" | "network";

/** Node's error codes for failures before any request reached an HTTP server. */
const NODE_CODES: Record<string, UnreachedKind> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EHOSTUNREACH: "network",
  ENETUNREACH: "network",
  EPROTO: "tls",
  ERR_SSL_WRONG_VERSION_NUMBER: "tls",
  CERT_HAS_EXPIRED: "tls",
  DEPTH_ZERO_SELF_SIGNED_CERT: "tls",
  SELF_SIGNED_CERT_IN_CHAIN: "tls",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "tls",
  ERR_TLS_CERT_ALTNAME_INVALID: "tls",
};

const CAUSES: Record<UnreachedKind, string> = {
  refused: "connection refused (nothing listens at that port)",
  dns: "the host name could not be resolved",
  protocol: "something answered, but not in the Meet API's protocol",
  tls: "the TLS handshake failed",
  network: "no connection could be established",
};

/** `127.x.x.x`, `localhost` or `[::1]`, with or without a scheme: this machine. */
function isLoopback(endpoint: string): boolean {
  return /^(?:https?:\/\/)?(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])(?=[:/\s]|$)/i.test(endpoint);
}

/** The kind of failure when a call provably never reached a Meet server; undefined otherwise. */
function unreachedCause(e: Record<string, any>): { kind: UnreachedKind; cause: string } | undefined {
  const kind = unreachedKind(e);
  return kind ? { kind, cause: CAUSES[kind] } : undefined;
}

function unreachedKind(e: Record<string, any>): UnreachedKind | undefined {
  // gRPC (grpc-js): UNAVAILABLE before any stream was opened says so in its details.
  if (e.code === Code.UNAVAILABLE && typeof e.details === "string") {
    const d = e.details;
    if (/^Name resolution failed/.test(d)) return "dns";
    if (/^No connection established|^Failed to connect/.test(d)) {
      if (/ECONNREFUSED/.test(d)) return "refused";
      if (/ENOTFOUND|EAI_AGAIN/.test(d)) return "dns";
      if (/Protocol error/.test(d)) return "protocol";
      if (/SSL|TLS|handshake|certificate/i.test(d)) return "tls";
      return "network";
    }
    return undefined;
  }
  // REST (gaxios / fetch): a Node system error and no HTTP response.
  if (e.response) return undefined;
  for (const c of [e.code, e.cause?.code, e.cause?.cause?.code]) {
    if (typeof c !== "string") continue;
    if (NODE_CODES[c]) return NODE_CODES[c];
    // Node's HTTP parser refused the answer: the port speaks something else than HTTP.
    if (c.startsWith("HPE_")) return "protocol";
    if (c.startsWith("ERR_TLS_") || c.startsWith("ERR_SSL_")) return "tls";
  }
  return undefined;
}

function hintFor(kind: UnreachedKind, to: Destination): string {
  if (to.emulator) {
    const start =
      to.setting === "googlemeet:endpoint"
        ? 'googlemeet:endpoint must be a running emulator\'s HTTP address (the "http" of its start-up line); start one with `npm run emulator` or `npx meet-emulator`.'
        : "GOOGLE_MEET_EMULATOR_HOST must be the host:port of a running emulator's start-up line (its gRPC port, e.g. 127.0.0.1:8086 with `npm run emulator`'s defaults, without http://); start one with `npm run emulator` or `npx meet-emulator`.";
    switch (kind) {
      case "refused":
        return `Is the emulator running, on that port? ${start}`;
      case "protocol":
        return `That port is not the emulator's API port (another program listens there, or the port is wrong). ${start}`;
      case "dns":
        return `Check the host name. ${start}`;
      default:
        return start;
    }
  }
  const endpointHint =
    "Check googlemeet:endpoint (leave it unset for Google's meet.googleapis.com) and, for a local emulator, GOOGLE_MEET_EMULATOR_HOST.";
  switch (kind) {
    case "dns":
    case "network":
    case "refused":
      return `Check the network connection (and any proxy or firewall) of the machine running Pulumi. ${endpointHint}`;
    case "tls":
      return `The endpoint does not speak TLS as expected, or a proxy intercepts it. ${endpointHint}`;
    default:
      return endpointHint;
  }
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
