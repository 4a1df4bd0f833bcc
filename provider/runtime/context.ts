/**
 * Process-wide state of the runtime: the connection settings given by `configure`. Lives in this
 * module (loaded once per provider process through the runtime entry), not in serialized stubs,
 * whose module-level variables would be copied per method.
 */
import { type ConnectionSettings, readConnectionSettings } from "../meet/connection";
import type { ApiVersion } from "../meet/wire";

let settings: ConnectionSettings | undefined;

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
  settings = readConnectionSettings((key) => req.config.get(key), process.env, keys);
}

/** The settings from `configure`, or from the environment alone when it was not called (tests, `.get`). */
export function connection(): ConnectionSettings {
  settings ??= readConnectionSettings(() => undefined);
  return settings;
}

/** The API version in use, without reading credentials (diff needs only this): v2 unless configured. */
export function apiVersion(): ApiVersion {
  return settings?.apiVersion ?? "v2";
}
