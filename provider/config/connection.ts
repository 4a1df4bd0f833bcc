/**
 * The provider's configuration: how it reaches Google's APIs (Meet and Chat alike), read once from
 * the stack config (and the environment) in `configure`. Credentials live only here, in process
 * memory: never in inputs, outputs, state or the serialized provider.
 */
import type { Connection, Transport } from "../api/clients";
import { RETRY_DEFAULTS } from "../core/retry";
import { MEET_QUOTAS, type QuotaLimits } from "../meet/methods";
import { API_VERSIONS, type ApiVersion } from "../meet/versions";
import { type CredentialEnvironment, checkCredentials } from "./credentials";

export type { Transport };

/** Every setting of a configured provider: what each API seam needs, and the member concurrency. */
export interface ConnectionSettings extends Connection {
  /** `v2` (GA, default) or `v2beta` (Developer Preview) (`googlemeet:apiVersion`). */
  apiVersion: ApiVersion;
  /** Meet's quotas; Chat's seam takes only the window. */
  quotas: QuotaLimits;
  /** Member calls in flight at once per space (`googlemeet:memberConcurrency`). */
  memberConcurrency: number;
}

/**
 * Eight: a room's usual co-hosts (up to eight) go in one round trip instead of two, a round trip
 * less in every room's create and retire. Meet has no per-space limit on member calls; the calls
 * still count against the per-user write quota, which the pacer keeps whatever the concurrency.
 */
export const DEFAULT_MEMBER_CONCURRENCY = 8;

/** Every stack config key the provider reads, with what it means (the README documents the same). */
export const CONFIG_KEYS = {
  apiVersion: "googlemeet:apiVersion",
  credentials: "googlemeet:credentials",
  impersonateUser: "googlemeet:impersonateUser",
  serviceAccount: "googlemeet:serviceAccount",
  accessToken: "googlemeet:accessToken",
  transport: "googlemeet:transport",
  endpoint: "googlemeet:endpoint",
  createQuota: "googlemeet:createQuota",
  writeQuota: "googlemeet:writeQuota",
  readQuota: "googlemeet:readQuota",
  projectCreateQuota: "googlemeet:projectCreateQuota",
  projectWriteQuota: "googlemeet:projectWriteQuota",
  projectReadQuota: "googlemeet:projectReadQuota",
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

const KNOWN_KEYS: readonly string[] = Object.values(CONFIG_KEYS);

/**
 * Every `googlemeet:*` key the provider does not know, with the nearest known one: a misspelt key
 * would otherwise be ignored silently. Pure.
 */
export function unknownConfigKeys(keys: readonly string[]): string[] {
  return keys
    .filter((k) => k.startsWith("googlemeet:") && !KNOWN_KEYS.includes(k))
    .map((k) => {
      const near = nearestKey(k);
      return near ? `${k} (did you mean ${near}?)` : k;
    });
}

/**
 * The known key a mistyped one most likely meant: a case slip, a key containing it (token ->
 * accessToken), else the smallest edit distance to the whole key or to one of its words (tokne ->
 * access*Token*), if small enough to be a typo.
 */
function nearestKey(key: string): string | undefined {
  const name = key.slice("googlemeet:".length).toLowerCase();
  const known = KNOWN_KEYS.map((k) => {
    const bare = k.slice("googlemeet:".length);
    const words = bare.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
    return { key: k, name: bare.toLowerCase(), words };
  });
  const exact = known.find((k) => k.name === name);
  if (exact) return exact.key;
  const containing = known.find((k) => name.length >= 4 && (k.name.includes(name) || name.includes(k.name)));
  if (containing) return containing.key;
  let best: { key: string; distance: number } | undefined;
  for (const k of known) {
    const distance = Math.min(editDistance(name, k.name), ...k.words.map((w) => editDistance(name, w)));
    if (!best || distance < best.distance) best = { key: k.key, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** `GOOGLE_MEET_EMULATOR_HOST` must be `host:port`, as for Google's other emulators. */
function readEmulatorHost(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.GOOGLE_MEET_EMULATOR_HOST?.trim();
  if (!raw) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || !/^(\[[0-9a-f:]+\]|[^\s:/]+):\d+$/i.test(raw)) {
    throw new Error(
      `GOOGLE_MEET_EMULATOR_HOST must be the emulator's host:port, e.g. 127.0.0.1:8086 (the "grpc" port of its start-up line, without http:// or a path); got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

/** `GOOGLE_MEET_EMULATOR_AUTH`: true/1 or false/0 (unset: false). */
function readEmulatorAuth(env: NodeJS.ProcessEnv): boolean {
  const raw = env.GOOGLE_MEET_EMULATOR_AUTH?.trim().toLowerCase();
  if (!raw || raw === "false" || raw === "0") return false;
  if (raw === "true" || raw === "1") {
    if (!env.GOOGLE_MEET_EMULATOR_HOST?.trim()) {
      throw new Error(
        "GOOGLE_MEET_EMULATOR_AUTH=true needs GOOGLE_MEET_EMULATOR_HOST: the host:port of an emulator started with --auth",
      );
    }
    return true;
  }
  throw new Error(
    `GOOGLE_MEET_EMULATOR_AUTH must be true or false, got ${JSON.stringify(env.GOOGLE_MEET_EMULATOR_AUTH)}`,
  );
}

/** `googlemeet:serviceAccount` names a service account by its email. */
function checkServiceAccount(email: string): void {
  if (!/^[^@\s]+@[^@\s]+\.gserviceaccount\.com$/.test(email)) {
    throw new Error(
      `Stack config ${CONFIG_KEYS.serviceAccount} must be a service account's email, e.g. meet-rooms@my-project.iam.gserviceaccount.com, got ${JSON.stringify(email)}`,
    );
  }
}

/**
 * Reads and checks the stack config (and the environment), before any call: bad values, unknown
 * `googlemeet:*` keys (when `keys`, every key of the stack config, is given) and missing
 * credentials all fail here, every problem at once, each naming the key and what to do. Secrets
 * are never echoed.
 */
export function readConnectionSettings(
  get: ConfigGetter,
  env: NodeJS.ProcessEnv = process.env,
  keys?: readonly string[],
  credentialEnvironment?: CredentialEnvironment,
): ConnectionSettings {
  const problems: string[] = [];
  /** Runs one check; a failure is collected and `fallback` stands in, so every check runs. */
  const checked = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (err) {
      problems.push((err as Error).message);
      return fallback;
    }
  };
  const number = (key: string, fallback: number) =>
    checked(() => positiveNumber(get, key, fallback), fallback);

  const unknown = unknownConfigKeys(keys ?? []);
  if (unknown.length) {
    problems.push(
      `Unknown stack config key${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}. The provider reads: ${KNOWN_KEYS.join(", ")}`,
    );
  }
  const apiVersion = (get(CONFIG_KEYS.apiVersion) || "v2") as ApiVersion;
  if (!API_VERSIONS.includes(apiVersion)) {
    problems.push(
      `Stack config ${CONFIG_KEYS.apiVersion} must be "v2" (Google's generally available API, the default) or "v2beta" (the Developer Preview, only for Cloud projects enrolled in Google's Workspace Developer Preview Program), got ${JSON.stringify(apiVersion)}`,
    );
  }
  const transport = (get(CONFIG_KEYS.transport) || "grpc") as Transport;
  if (transport !== "grpc" && transport !== "rest") {
    problems.push(
      `Stack config ${CONFIG_KEYS.transport} must be "grpc" or "rest", got ${JSON.stringify(transport)}`,
    );
  }
  const endpoint = get(CONFIG_KEYS.endpoint) || undefined;
  if (endpoint) checked(() => checkEndpoint(endpoint), undefined);
  const credentialsJson = get(CONFIG_KEYS.credentials) || undefined;
  if (credentialsJson) checked(() => checkCredentialsJson(credentialsJson), undefined);
  const emulatorHost = checked(() => readEmulatorHost(env), undefined);
  const emulatorAuth = checked(() => readEmulatorAuth(env), false);
  const serviceAccount = get(CONFIG_KEYS.serviceAccount) || undefined;
  if (serviceAccount) checked(() => checkServiceAccount(serviceAccount), undefined);
  const accessToken = get(CONFIG_KEYS.accessToken) || undefined;
  // Without an emulator (or with one in auth mode), credentials must be found before any call.
  if ((emulatorAuth || !env.GOOGLE_MEET_EMULATOR_HOST?.trim()) && !accessToken && !credentialsJson) {
    checked(() => checkCredentials(env, credentialEnvironment, serviceAccount), undefined);
  }
  const windowSeconds = number(CONFIG_KEYS.quotaWindowSeconds, MEET_QUOTAS.windowMs / 1000);
  const settings: ConnectionSettings = {
    apiVersion,
    credentialsJson,
    impersonateUser: get(CONFIG_KEYS.impersonateUser) || undefined,
    serviceAccount,
    accessToken,
    transport,
    endpoint,
    emulatorHost,
    emulatorAuth,
    quotas: {
      creates: number(CONFIG_KEYS.createQuota, MEET_QUOTAS.creates),
      writes: number(CONFIG_KEYS.writeQuota, MEET_QUOTAS.writes),
      reads: number(CONFIG_KEYS.readQuota, MEET_QUOTAS.reads),
      windowMs: windowSeconds * 1000,
      project: {
        creates: number(CONFIG_KEYS.projectCreateQuota, MEET_QUOTAS.project.creates),
        writes: number(CONFIG_KEYS.projectWriteQuota, MEET_QUOTAS.project.writes),
        reads: number(CONFIG_KEYS.projectReadQuota, MEET_QUOTAS.project.reads),
      },
    },
    retry: {
      ...RETRY_DEFAULTS,
      totalDeadlineMs: number(CONFIG_KEYS.retryDeadlineSeconds, RETRY_DEFAULTS.totalDeadlineMs / 1000) * 1000,
    },
    memberConcurrency: number(CONFIG_KEYS.memberConcurrency, DEFAULT_MEMBER_CONCURRENCY),
  };
  if (problems.length === 1) throw new Error(problems[0]);
  if (problems.length > 1) {
    throw new Error(
      `The provider's configuration has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return settings;
}

/** `googlemeet:endpoint`: `host[:port]` or `http(s)://host[:port]`, nothing more. */
function checkEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint.includes("://") ? endpoint : `https://${endpoint}`);
  } catch {
    // reported below
  }
  const hostPort = endpoint.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const plain =
    url !== undefined &&
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.hostname !== "" &&
    url.pathname === "/" &&
    !hostPort.includes("/") &&
    !url.search &&
    !url.hash &&
    !url.username &&
    /^(\[[0-9a-f:]+\]|[^\s:/?#@]+)(:\d{1,5})?$/i.test(hostPort);
  if (!plain) {
    throw new Error(
      `Stack config ${CONFIG_KEYS.endpoint} must be an API host as host[:port] or http(s)://host[:port] (e.g. meet.googleapis.com, or an emulator's http://127.0.0.1:8085), got ${JSON.stringify(endpoint)}`,
    );
  }
}

/** `googlemeet:credentials` must hold a JSON document, not (say) the path of one. Never echoed. */
function checkCredentialsJson(credentialsJson: string): void {
  let json: unknown;
  try {
    json = JSON.parse(credentialsJson);
  } catch {
    const looksLikePath =
      !/[\n{}]/.test(credentialsJson) && /^(~|\.{0,2}\/|[A-Za-z]:\\)|\.json\s*$/.test(credentialsJson.trim());
    const hint = looksLikePath
      ? ` It looks like a file path; pass the file's contents instead: pulumi config set --secret ${CONFIG_KEYS.credentials} "$(cat key.json)"`
      : "";
    throw new Error(
      `Stack config ${CONFIG_KEYS.credentials} must be a service-account key or authorized-user JSON document; it is not valid JSON.${hint}`,
    );
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (type !== "service_account" && type !== "authorized_user") {
    throw new Error(
      `Stack config ${CONFIG_KEYS.credentials} has type ${JSON.stringify(type)}; expected "service_account" (a service-account key) or "authorized_user" (from gcloud auth application-default login)`,
    );
  }
}
