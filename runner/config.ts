/**
 * Project and stack settings: `Pulumi.yaml` and `Pulumi.<stack>.yaml`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";

export interface Project {
  name: string;
  /** `main` from Pulumi.yaml, when given. */
  main?: string;
  /** Project-level config from Pulumi.yaml `config:` (`key: value` or `key: {default: value}`). */
  config: Record<string, unknown>;
}

export interface StackConfig {
  /** Fully namespaced keys (`googlemeet:transport`) to string values. */
  config: Record<string, string>;
  /** Keys whose values are secrets. */
  secretKeys: string[];
}

/** Reads `Pulumi.yaml` in `cwd` (required: its `name` is the project name). */
export function loadProject(cwd: string): Project {
  const file = path.join(cwd, "Pulumi.yaml");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`no Pulumi.yaml in ${cwd}: not a Pulumi program directory`);
  }
  const doc = YAML.parse(text) ?? {};
  if (typeof doc.name !== "string" || !doc.name) throw new Error(`${file}: missing "name"`);
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc.config ?? {})) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      if ("default" in v) config[k] = (v as { default: unknown }).default;
      else if ("value" in v) config[k] = (v as { value: unknown }).value;
    } else {
      config[k] = v;
    }
  }
  return { name: doc.name, main: typeof doc.main === "string" ? doc.main : undefined, config };
}

function toConfigString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Reads the `config:` map of `Pulumi.<stack>.yaml` (absent file: empty config), over the project's
 * defaults from Pulumi.yaml. Keys without a
 * namespace get the project's. Values become strings (structured values as JSON). A
 * `{secure: ...}` value cannot be decrypted offline: its plain value must come from the
 * `PULUMI_CONFIG` environment variable (a JSON object of key to value, as the engine passes it to
 * programs), whose entries also override and extend the file.
 */
export function loadStackConfig(
  cwd: string,
  project: string,
  stack: string,
  env: Record<string, string | undefined>,
  projectConfig: Record<string, unknown> = {},
): StackConfig {
  const qualify = (k: string) => (k.includes(":") ? k : `${project}:${k}`);
  const file = path.join(cwd, `Pulumi.${stack}.yaml`);
  let raw: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    const doc = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
    raw = doc.config ?? {};
  }
  let overrides: Record<string, unknown> = {};
  if (env.PULUMI_CONFIG) {
    try {
      overrides = JSON.parse(env.PULUMI_CONFIG);
    } catch {
      throw new Error("PULUMI_CONFIG is not a JSON object of config key to value");
    }
  }
  const over = new Map(Object.entries(overrides).map(([k, v]) => [qualify(k), toConfigString(v)]));
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const k = qualify(key);
    const secure = value !== null && typeof value === "object" && "secure" in (value as object);
    if (secure) {
      secretKeys.push(k);
      if (!over.has(k)) {
        throw new Error(
          `config ${k} in ${path.basename(file)} is a secret ({secure: ...}), which cannot be decrypted ` +
            `offline; pass its value in the PULUMI_CONFIG environment variable, e.g. ` +
            `PULUMI_CONFIG='{"${k}":"..."}'`,
        );
      }
      continue;
    }
    config[k] = toConfigString(value);
  }
  for (const [key, value] of Object.entries(projectConfig)) {
    const k = qualify(key);
    if (!(k in config) && !secretKeys.includes(k)) config[k] = toConfigString(value);
  }
  for (const [k, v] of over) config[k] = v;
  if (env.PULUMI_CONFIG_SECRET_KEYS) {
    try {
      for (const k of JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS)) {
        if (!secretKeys.includes(qualify(k))) secretKeys.push(qualify(k));
      }
    } catch {
      // ignore a malformed list
    }
  }
  return { config, secretKeys };
}
