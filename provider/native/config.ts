/**
 * The provider's configuration as Pulumi hands it to a native provider: the inputs of the provider
 * resource (an explicit `new googlemeet.Provider(...)`, or the default provider built from the
 * stack config `googlemeet:*`). Parsing, defaults and messages are meet/connection's; this maps
 * keys and collects every bad key at once for CheckConfig.
 */
import type { CheckFailure } from "../core/validation";
import { isUnknown } from "../core/validation";
import type { CredentialEnvironment } from "../config/credentials";
import {
  type ConnectionSettings,
  CONFIG_KEYS,
  readConnectionSettings,
  unknownConfigKeys,
} from "../config/connection";

/** Keys the engine itself adds to every provider's inputs. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

/** A config value as the runtime's string getter wants it (the stack config holds strings). */
function asConfigString(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function getterOf(inputs: Record<string, unknown>, only?: string) {
  return (fullKey: string) => {
    const key = fullKey.replace(/^googlemeet:/, "");
    if (only !== undefined && key !== only) return undefined;
    return asConfigString(inputs[key]);
  };
}

/** The connection settings of one configured provider. */
export function settingsFromInputs(inputs: Record<string, unknown>): ConnectionSettings {
  return readConnectionSettings(getterOf(inputs));
}

/** For checking one key alone: credentials count as found (they are checked once, for the whole). */
const CREDENTIALS_FOUND: CredentialEnvironment = {
  readFile: () => "{}",
  onGoogleCloud: () => true,
  home: () => undefined,
};

/**
 * Every bad key at once, each naming the key and what it allows; then, when every key is fine,
 * whether credentials can be found at all. Values not known yet (preview) pass.
 */
export function checkProviderConfig(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    if (ENGINE_KEYS.has(key) || key.startsWith("__")) continue;
    const [unknown] = unknownConfigKeys([`googlemeet:${key}`]);
    if (unknown) {
      failures.push({
        property: key,
        reason: `unknown provider setting ${unknown.replace(/googlemeet:/g, "")}; allowed: ${Object.keys(CONFIG_KEYS).join(", ")}`,
      });
      continue;
    }
    if (value === undefined || value === null || isUnknown(value)) continue;
    // Each key alone through the runtime's own parser: its message is the one stack config gets,
    // less the key, which the engine prints already ("property writeQuota value {-5} has a problem").
    try {
      readConnectionSettings(getterOf(inputs, key), {}, undefined, CREDENTIALS_FOUND);
    } catch (err) {
      failures.push({
        property: key,
        reason: (err as Error).message.replace(/^Stack config googlemeet:\w+ /, ""),
      });
    }
  }
  if (failures.length === 0 && !Object.values(inputs).some(isUnknown)) {
    try {
      settingsFromInputs(inputs);
    } catch (err) {
      // Credentials, or the environment (GOOGLE_MEET_EMULATOR_HOST): the message names which.
      failures.push({ property: "", reason: (err as Error).message });
    }
  }
  return failures;
}
