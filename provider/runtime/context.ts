/**
 * Process-wide state of the runtime: the connection settings given by `configure`. Lives in this
 * module (loaded once per provider process through the runtime entry), not in serialized stubs,
 * whose module-level variables would be copied per method.
 *
 * The native provider can hold several configured providers in one process (two explicit
 * providers with different credentials): it runs each operation inside `withConnection(settings,
 * fn)`, and `connection()` prefers those settings to the process-wide ones.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { OperationError } from "../core/errors";
import { type ConnectionSettings, readConnectionSettings } from "../config/connection";
import type { ApiVersion } from "../meet/versions";

let settings: ConnectionSettings | undefined;
const scoped = new AsyncLocalStorage<ConnectionSettings>();

/**
 * What the dynamic-provider host passes to `configure`: a config with `get(key)`. Pulumi's host
 * also exposes every key it was given as `rawConfig`, which lets unknown `googlemeet:*` keys be
 * reported; other callers may pass `keys` instead.
 */
export interface ConfigureRequest {
  config: { get(key: string): string | undefined; rawConfig?: Record<string, unknown> };
  keys?: readonly string[];
}

/**
 * Reads and checks the stack config; throws (naming the key and the fix) on bad values, unknown
 * `googlemeet:*` keys and missing credentials. Each call replaces the settings; the process's one
 * pacer stays, and follows the new limits.
 */
export function configure(req: ConfigureRequest): void {
  const keys = req.keys ?? (req.config.rawConfig ? Object.keys(req.config.rawConfig) : undefined);
  try {
    settings = readConnectionSettings((key) => req.config.get(key), process.env, keys);
  } catch (err) {
    // A configuration mistake, told in words: the user needs no stack frames of ours.
    throw new OperationError((err as Error).message);
  }
}

/** Runs `fn` (and everything it awaits) with `given` as the connection settings. */
export function withConnection<T>(given: ConnectionSettings, fn: () => Promise<T>): Promise<T> {
  return scoped.run(given, fn);
}

/**
 * The settings of the operation running now: those given to `withConnection`, else those from
 * `configure`, else from the environment alone (tests, `.get`).
 */
export function connection(): ConnectionSettings {
  const own = scoped.getStore();
  if (own) return own;
  settings ??= readConnectionSettings(() => undefined);
  return settings;
}

/** The API version in use, without reading credentials (diff needs only this): v2 unless configured. */
export function apiVersion(): ApiVersion {
  return scoped.getStore()?.apiVersion ?? settings?.apiVersion ?? "v2";
}

/**
 * The user calls act as when a resource names no `owner` (googlemeet:impersonateUser), without
 * reading credentials: check needs only this, and makes no call.
 */
export function impersonatedUser(): string | undefined {
  return (scoped.getStore() ?? settings)?.impersonateUser || undefined;
}
