/** Update masks as the wire sends them: a list of paths, over REST one comma-separated string. */
import { camelToSnake } from "./case";

/**
 * Normalizes update-mask paths to snake_case (REST may send lowerCamel). Over gRPC
 * (`allowCamel` false) paths are taken as sent, so a lowerCamel path is unknown there.
 */
export function normalizeMask(paths: readonly string[], allowCamel: boolean): string[] {
  return paths
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => (allowCamel ? p.split(".").map(camelToSnake).join(".") : p));
}

/** `updateMask` from a REST query string: comma-separated, repeated, lowerCamel or snake_case. */
export function maskFromQuery(query: URLSearchParams): string[] | undefined {
  const values = [...query.getAll("updateMask"), ...query.getAll("update_mask")];
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(","));
}
