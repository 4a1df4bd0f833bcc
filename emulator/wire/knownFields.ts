/**
 * Unknown-field refusal. Google's JSON front end parses a REST body into the method's proto message
 * and refuses names the message does not have: one INVALID_ARGUMENT listing every unknown name
 * ("Invalid JSON payload received. Unknown name ...") with a google.rpc.BadRequest field violation
 * for each. Keys may be lowerCamel or snake_case, as proto JSON parsers accept both.
 */
import type * as protoLoader from "@grpc/proto-loader";
import { snakeToCamel } from "./case";
import { ApiError } from "./errors";

/** Known JSON field tree of a message: nested object = sub-message (or list of them), true = scalar/enum. */
export type Schema = { [field: string]: Schema | true };

/** Refuses the JSON fields `schema` does not name; `at` is the request field the body fills ("" for all). */
export function checkKnownFields(body: unknown, schema: Schema, at: string): void {
  const violations: { field: string; description: string }[] = [];
  const walk = (value: unknown, schema: Schema, at: string) => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, schema, `${at}[${i}]`);
      return;
    }
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      const sub = schema[snakeToCamel(key)];
      if (sub === undefined) {
        const where = at === "" ? "" : ` at '${at}'`;
        violations.push({
          field: at,
          description: `Invalid JSON payload received. Unknown name "${key}"${where}: Cannot find field.`,
        });
      } else if (sub !== true) walk(child, sub, at === "" ? snakeToCamel(key) : `${at}.${snakeToCamel(key)}`);
    }
  };
  walk(body, schema, at);
  if (violations.length > 0) {
    throw new ApiError(
      "INVALID_ARGUMENT",
      violations.map((v) => v.description).join("\n"),
      undefined,
      undefined,
      { fieldViolations: violations },
    );
  }
}

interface FieldDescriptor {
  name: string;
  type: string;
  typeName: string;
}
interface MessageDescriptor {
  field: FieldDescriptor[];
  options?: { mapEntry?: boolean } | null;
}

/**
 * The known-field tree of message `typeName` (fully qualified) in a loaded proto package, so a REST
 * body is checked against the very protos the client ships. Well-known types (Timestamp, FieldMask,
 * Duration, Struct...) and map fields have their own JSON forms and are taken whole.
 */
export function schemaFromProtos(definition: protoLoader.PackageDefinition, typeName: string): Schema {
  const built = new Map<string, Schema>();
  const message = (fullName: string): MessageDescriptor | undefined =>
    (definition[fullName] as { type?: MessageDescriptor } | undefined)?.type;
  /** Proto type references are relative to the referring message's scope; search outwards. */
  const resolve = (scope: string, ref: string): string | undefined => {
    if (ref.startsWith(".")) return ref.slice(1);
    const parts = scope.split(".");
    for (let n = parts.length; n >= 0; n--) {
      const candidate = [...parts.slice(0, n), ref].join(".");
      if (definition[candidate]) return candidate;
    }
    return undefined;
  };
  const build = (fullName: string): Schema => {
    const known = built.get(fullName);
    if (known) return known;
    const schema: Schema = {};
    built.set(fullName, schema); // before the fields: messages may refer to themselves
    for (const field of message(fullName)?.field ?? []) {
      const key = snakeToCamel(field.name);
      const ref = field.type === "TYPE_MESSAGE" ? resolve(fullName, field.typeName) : undefined;
      const nested = ref === undefined ? undefined : message(ref);
      schema[key] =
        ref === undefined || ref.startsWith("google.protobuf.") || !nested || nested.options?.mapEntry
          ? true
          : build(ref);
    }
    return schema;
  };
  if (!message(typeName)) throw new Error(`schemaFromProtos: no message ${typeName}`);
  return build(typeName);
}
