/**
 * Property values between Pulumi's wire form (`google.protobuf.Struct` with the engine's special
 * objects) and the plain JSON the operations take. The provider accepts secrets: a secret input
 * arrives wrapped, the operations see the plain value, and every top-level output whose input was
 * secret goes back wrapped, so a secret never lands in state in plaintext.
 */

/** The key that marks the engine's special values, and the signature of a secret. */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG] === SECRET_SIG
  );
}

export function secret(value: unknown): Record<string, unknown> {
  return { [SIG]: SECRET_SIG, value };
}

/** Plain values with secrets unwrapped, and the top-level keys that held a secret anywhere inside. */
export function unwrapSecrets(props: Record<string, unknown>): {
  plain: Record<string, unknown>;
  secretKeys: Set<string>;
} {
  const secretKeys = new Set<string>();
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    let found = false;
    plain[key] = unwrap(value, () => {
      found = true;
    });
    if (found) secretKeys.add(key);
  }
  return { plain, secretKeys };
}

function unwrap(value: unknown, onSecret: () => void): unknown {
  if (isSecret(value)) {
    onSecret();
    return unwrap(value.value, onSecret);
  }
  if (Array.isArray(value)) return value.map((v) => unwrap(v, onSecret));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, onSecret)]));
  }
  return value;
}

/** Wraps the given top-level keys as secrets; drops undefined values (a Struct cannot hold them). */
export function wrapSecrets(
  props: Record<string, unknown>,
  secretKeys: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    out[key] = secretKeys.has(key) ? secret(value) : value;
  }
  return out;
}

/** A deep copy without undefined values (which `Struct.fromJavaScript` refuses). */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    );
  }
  return value;
}
