/**
 * How the provider reaches Meet: read once from the stack config (and the environment) in
 * `configure`. Credentials live only here, in process memory: never in inputs, outputs, state
 * or the serialized provider.
 */
import { MEET_QUOTAS, type QuotaLimits } from "../core/pacer";
import { RETRY_DEFAULTS, type RetryPolicy } from "../core/retry";

export type Transport = "grpc" | "rest";

export interface ConnectionSettings {
  /** Service-account key or authorized-user JSON (`googlemeet:credentials`). */
  credentialsJson?: string;
  /** The user a service account acts as through domain-wide delegation (`googlemeet:impersonateUser`). */
  impersonateUser?: string;
  /** A ready OAuth access token (`googlemeet:accessToken`). */
  accessToken?: string;
  /** `grpc` (default) or `rest` (`googlemeet:transport`). */
  transport: Transport;
  /** API host, `host[:port]` or an http(s) URL (`googlemeet:endpoint`). */
  endpoint?: string;
  /** `host:port` of a local emulator's gRPC port (`GOOGLE_MEET_EMULATOR_HOST`): no TLS, token = acting user. */
  emulatorHost?: string;
  quotas: QuotaLimits;
  retry: RetryPolicy;
  /** Member calls in flight at once per space (`googlemeet:memberConcurrency`). */
  memberConcurrency: number;
}

export const DEFAULT_MEMBER_CONCURRENCY = 4;

/** Every stack config key the provider reads, with what it means (the README documents the same). */
export const CONFIG_KEYS = {
  credentials: "googlemeet:credentials",
  impersonateUser: "googlemeet:impersonateUser",
  accessToken: "googlemeet:accessToken",
  transport: "googlemeet:transport",
  endpoint: "googlemeet:endpoint",
  createQuota: "googlemeet:createQuota",
  writeQuota: "googlemeet:writeQuota",
  readQuota: "googlemeet:readQuota",
  quotaWindowSeconds: "googlemeet:quotaWindowSeconds",
  memberConcurrency: "googlemeet:memberConcurrency",
  retryDeadlineSeconds: "googlemeet:retryDeadlineSeconds",
} as const;

/** Reads a config value; `get` is the Pulumi config's getter (full `googlemeet:` keys). */
export type ConfigGetter = (key: string) => string | undefined;

function positiveNumber(get: ConfigGetter, key: string, fallback: number): number {
  const raw = get(key);
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`Stack config ${key} must be a positive number, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function readConnectionSettings(
  get: ConfigGetter,
  env: NodeJS.ProcessEnv = process.env,
): ConnectionSettings {
  const transport = (get(CONFIG_KEYS.transport) || "grpc") as Transport;
  if (transport !== "grpc" && transport !== "rest") {
    throw new Error(
      `Stack config ${CONFIG_KEYS.transport} must be "grpc" or "rest", got ${JSON.stringify(transport)}`,
    );
  }
  const credentialsJson = get(CONFIG_KEYS.credentials) || undefined;
  if (credentialsJson) {
    try {
      JSON.parse(credentialsJson);
    } catch {
      // Never echo the value: it is a secret.
      throw new Error(
        `Stack config ${CONFIG_KEYS.credentials} must be a service-account key or authorized-user JSON document; it is not valid JSON`,
      );
    }
  }
  const windowSeconds = positiveNumber(get, CONFIG_KEYS.quotaWindowSeconds, MEET_QUOTAS.windowMs / 1000);
  return {
    credentialsJson,
    impersonateUser: get(CONFIG_KEYS.impersonateUser) || undefined,
    accessToken: get(CONFIG_KEYS.accessToken) || undefined,
    transport,
    endpoint: get(CONFIG_KEYS.endpoint) || undefined,
    emulatorHost: env.GOOGLE_MEET_EMULATOR_HOST || undefined,
    quotas: {
      creates: positiveNumber(get, CONFIG_KEYS.createQuota, MEET_QUOTAS.creates),
      writes: positiveNumber(get, CONFIG_KEYS.writeQuota, MEET_QUOTAS.writes),
      reads: positiveNumber(get, CONFIG_KEYS.readQuota, MEET_QUOTAS.reads),
      windowMs: windowSeconds * 1000,
    },
    retry: {
      ...RETRY_DEFAULTS,
      totalDeadlineMs:
        positiveNumber(get, CONFIG_KEYS.retryDeadlineSeconds, RETRY_DEFAULTS.totalDeadlineMs / 1000) * 1000,
    },
    memberConcurrency: positiveNumber(get, CONFIG_KEYS.memberConcurrency, DEFAULT_MEMBER_CONCURRENCY),
  };
}
