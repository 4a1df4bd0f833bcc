/**
 * Process-wide state of the runtime: the connection settings given by `configure`. Lives in this
 * module (loaded once per provider process through the runtime entry), not in serialized stubs,
 * whose module-level variables would be copied per method.
 */
import { type ConnectionSettings, readConnectionSettings } from "../meet/connection";

let settings: ConnectionSettings | undefined;

/** What the dynamic-provider host passes to `configure`: a config with `get(key)`. */
export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

export function configure(req: ConfigureRequest): void {
  settings = readConnectionSettings((key) => req.config.get(key));
}

/** The settings from `configure`, or from the environment alone when it was not called (tests, `.get`). */
export function connection(): ConnectionSettings {
  settings ??= readConnectionSettings(() => undefined);
  return settings;
}
