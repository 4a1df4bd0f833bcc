/**
 * API errors as Google returns them: a gRPC status code, a message, and optional
 * google.rpc details (ErrorInfo, RetryInfo). One error type serves both transports; the
 * gRPC server encodes it into `grpc-status-details-bin`, the REST server into Google's JSON
 * error body.
 *
 * What the official client (@google-apps/meet 0.7.2, google-gax 5.0.8) surfaces, verified by
 * test/emulator/{grpc,rest}.test.ts:
 * - gRPC: a GoogleError with `code` (number, e.g. 7), `details` (our message), `message`
 *   ("7 PERMISSION_DENIED: <message>"), and, decoded from grpc-status-details-bin,
 *   `statusDetails` (ErrorInfo / RetryInfo objects; RetryInfo as {retryDelay: {seconds, nanos}}),
 *   `reason`, `domain` and `errorInfoMetadata` from the ErrorInfo.
 * - REST (fallback): gax's `auth.fetch` (gaxios 7) throws a GaxiosError for any non-2xx answer
 *   before gax can parse it, so `code` and `status` are the HTTP status (e.g. 403), `message`
 *   is the raw JSON body `{"error":{code,message,status,details}}`, and there is no `reason`
 *   or `statusDetails`. Callers must JSON.parse(err.message) to see status and details.
 *
 * The codes and their HTTP statuses are Google's facts, kept in google/statusCodes.ts.
 */
import { Code, type CodeName, HTTP_STATUS } from "../../google/statusCodes";

export const ERROR_DOMAIN = "meet.googleapis.com";

export interface ErrorInfoDetail {
  reason: string;
  metadata?: Record<string, string>;
}

/** google.rpc.BadRequest.FieldViolation; `field` is omitted when empty (a top-level name). */
export interface FieldViolation {
  field: string;
  description: string;
}

export interface ErrorExtras {
  /** Becomes a google.rpc.BadRequest detail. */
  fieldViolations?: FieldViolation[];
  /** Becomes a google.rpc.Help detail. */
  helpLinks?: { description: string; url: string }[];
  domain?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: CodeName,
    message: string,
    readonly errorInfo?: ErrorInfoDetail,
    /** Becomes a google.rpc.RetryInfo detail. */
    readonly retryDelayMs?: number,
    /** The rarer details: BadRequest field violations, Help links, another ErrorInfo domain. */
    readonly extra: ErrorExtras = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** ErrorInfo domain: meet.googleapis.com for Meet's own errors, googleapis.com for the front end's. */
  get domain(): string {
    return this.extra.domain ?? ERROR_DOMAIN;
  }
}

export const invalidArgument = (message: string) => new ApiError("INVALID_ARGUMENT", message);
export const notFound = (message: string) => new ApiError("NOT_FOUND", message);

/**
 * INVALID_ARGUMENT with a google.rpc.BadRequest detail naming each refused request field, as
 * Google's front end answers a bad enum value, mask path or unknown field.
 */
export const fieldsInvalid = (message: string, violations: FieldViolation[]) =>
  new ApiError("INVALID_ARGUMENT", message, undefined, undefined, { fieldViolations: violations });
export const permissionDenied = (message: string, errorInfo?: ErrorInfoDetail) =>
  new ApiError("PERMISSION_DENIED", message, errorInfo);

/** Anything thrown that is not an ApiError is an emulator bug: report it as INTERNAL. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError("INTERNAL", `Emulator internal error: ${(err as Error)?.message ?? String(err)}`);
}

/** google.protobuf.Duration in proto3 JSON form, e.g. "1.200s". */
export function durationJson(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  const seconds = Math.floor(whole / 1000);
  const millis = whole % 1000;
  return millis === 0 ? `${seconds}s` : `${seconds}.${String(millis).padStart(3, "0")}s`;
}

/** Google's REST error body: {"error": {code, message, status, details}}. */
export function restErrorBody(err: ApiError): { error: Record<string, unknown> } {
  const details: Record<string, unknown>[] = [];
  if (err.errorInfo) {
    details.push({
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: err.errorInfo.reason,
      domain: err.domain,
      metadata: err.errorInfo.metadata ?? {},
    });
  }
  if (err.extra.helpLinks) {
    details.push({ "@type": "type.googleapis.com/google.rpc.Help", links: err.extra.helpLinks });
  }
  if (err.extra.fieldViolations) {
    details.push({
      "@type": "type.googleapis.com/google.rpc.BadRequest",
      fieldViolations: err.extra.fieldViolations.map((v) =>
        v.field === "" ? { description: v.description } : { field: v.field, description: v.description },
      ),
    });
  }
  if (err.retryDelayMs !== undefined) {
    details.push({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: durationJson(err.retryDelayMs),
    });
  }
  const error: Record<string, unknown> = {
    code: HTTP_STATUS[err.status],
    message: err.message,
    status: err.status,
  };
  if (details.length > 0) error.details = details;
  return { error };
}

// --- google.rpc.Status binary encoding -------------------------------------------------
// Hand-written protobuf wire encoding for the three small messages involved, so the
// emulator needs no protobuf runtime beyond what @grpc/proto-loader already uses.

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value >>> 0;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
}

function stringField(field: number, value: string): Buffer {
  return lengthDelimited(field, Buffer.from(value, "utf8"));
}

function varintField(field: number, value: number): Buffer {
  return value === 0 ? Buffer.alloc(0) : Buffer.concat([varint(field << 3), varint(value)]);
}

function anyMessage(typeName: string, value: Buffer): Buffer {
  return Buffer.concat([stringField(1, `type.googleapis.com/${typeName}`), lengthDelimited(2, value)]);
}

/** Encodes the error as google.rpc.Status for the `grpc-status-details-bin` trailer. */
export function encodeStatusDetails(err: ApiError): Buffer {
  const details: Buffer[] = [];
  if (err.errorInfo) {
    const entries = Object.entries(err.errorInfo.metadata ?? {}).map(([k, v]) =>
      lengthDelimited(3, Buffer.concat([stringField(1, k), stringField(2, v)])),
    );
    const info = Buffer.concat([
      stringField(1, err.errorInfo.reason),
      stringField(2, err.domain),
      ...entries,
    ]);
    details.push(lengthDelimited(3, anyMessage("google.rpc.ErrorInfo", info)));
  }
  if (err.extra.helpLinks) {
    const links = err.extra.helpLinks.map((l) =>
      lengthDelimited(1, Buffer.concat([stringField(1, l.description), stringField(2, l.url)])),
    );
    details.push(lengthDelimited(3, anyMessage("google.rpc.Help", Buffer.concat(links))));
  }
  if (err.extra.fieldViolations) {
    const violations = err.extra.fieldViolations.map((v) =>
      lengthDelimited(
        1,
        Buffer.concat([
          v.field === "" ? Buffer.alloc(0) : stringField(1, v.field),
          stringField(2, v.description),
        ]),
      ),
    );
    details.push(lengthDelimited(3, anyMessage("google.rpc.BadRequest", Buffer.concat(violations))));
  }
  if (err.retryDelayMs !== undefined) {
    const ms = Math.max(0, Math.round(err.retryDelayMs));
    const duration = Buffer.concat([
      varintField(1, Math.floor(ms / 1000)),
      varintField(2, (ms % 1000) * 1e6),
    ]);
    details.push(lengthDelimited(3, anyMessage("google.rpc.RetryInfo", lengthDelimited(1, duration))));
  }
  return Buffer.concat([varintField(1, Code[err.status]), stringField(2, err.message), ...details]);
}
