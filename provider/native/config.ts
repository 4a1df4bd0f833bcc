/**
 * The provider's configuration as Pulumi hands it to a native provider: the inputs of the provider
 * resource (an explicit `new googlemeet.Provider(...)`, or the default provider built from the
 * stack config `googlemeet:*`). Parsing and defaults are meet/connection's; this only maps keys
 * and collects every bad key at once for CheckConfig.
 */
import type { CheckFailure } from "../core/validation";
import { isUnknown, listAlternatives } from "../core/validation";
import { type ConnectionSettings, readConnectionSettings } from "../meet/connection";
import { CONFIG_VARIABLES, enumValues } from "./schema";

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

/** Every bad key at once, each naming the key and what it allows. Values not known yet pass. */
export function checkProviderConfig(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const known = Object.keys(CONFIG_VARIABLES);
  for (const [key, value] of Object.entries(inputs)) {
    if (ENGINE_KEYS.has(key) || key.startsWith("__")) continue;
    if (!known.includes(key)) {
      failures.push({
        property: key,
        reason: `unknown provider setting "${key}"; allowed: ${known.join(", ")}`,
      });
      continue;
    }
    if (value === undefined || value === null || isUnknown(value)) continue;
    const spec = CONFIG_VARIABLES[key];
    if (spec.enumName) {
      const allowed = enumValues(spec.enumName);
      if (!allowed.includes(String(value))) {
        failures.push({
          property: key,
          reason: `must be ${listAlternatives(allowed)}, got ${JSON.stringify(value)}`,
        });
        continue;
      }
    }
    if (spec.type !== "string" && typeof value !== "number" && Number.isNaN(Number(value))) {
      failures.push({ property: key, reason: `must be a positive number, got ${JSON.stringify(value)}` });
      continue;
    }
    // Each key alone through the runtime's own parser: its message is the one stack config gets.
    try {
      readConnectionSettings(getterOf(inputs, key));
    } catch (err) {
      // The engine prefixes the property already: "property writeQuota value {-5} has a problem: ...".
      failures.push({
        property: key,
        reason: (err as Error).message.replace(/^Stack config googlemeet:\w+ /, ""),
      });
    }
  }
  return failures;
}
