/** What every part of the package schema uses: type references and enum types. */

export const ref = (name: string) => ({ $ref: `#/types/googlemeet:index:${name}` });

export interface EnumSpec {
  description: string;
  /** Value → what it means. */
  values: Readonly<Record<string, string>>;
}

/** `HOSTS_ONLY` → `HostsOnly`: each SDK derives its own spelling from it (Python: `HOSTS_ONLY`). */
function pascal(value: string): string {
  return value
    .toLowerCase()
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

export function enumType(spec: EnumSpec) {
  return {
    type: "string",
    description: spec.description,
    enum: Object.entries(spec.values).map(([value, description]) => ({
      name: pascal(value),
      value,
      description,
    })),
  };
}
