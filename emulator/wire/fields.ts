/**
 * The `fields` system parameter (partial response) of Google's REST APIs:
 * `fields=name,email`, `fields=members(name,role),nextPageToken`, `fields=members/name`, `*`.
 * Google documents it for member create, get and list ("When the fields parameter is omitted,
 * this API response will default to \"name,email,role,user\"", which is the whole Member); as a
 * system parameter it applies to every method, so the REST transport applies it to every answer.
 */
import { invalidArgument } from "./errors";
import { snakeToCamel } from "./case";

/** Selected field → its own selection, or true for "the whole value". */
export type FieldSelector = { [field: string]: FieldSelector | true };

/** Parses a `fields` value; undefined or "" selects everything. Malformed: INVALID_ARGUMENT. */
export function parseFields(text: string | undefined): FieldSelector | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const source = text.replace(/\s+/g, "");
  let pos = 0;
  const fail = (): never => {
    throw invalidArgument(`Invalid field selection ${JSON.stringify(text)} in the fields parameter`);
  };
  const name = (): string => {
    const m = /^[A-Za-z0-9_*]+/.exec(source.slice(pos));
    if (!m) fail();
    pos += m![0].length;
    return snakeToCamel(m![0]);
  };
  const merge = (into: FieldSelector, key: string, value: FieldSelector | true) => {
    const have = into[key];
    if (have === true || value === true) into[key] = true;
    else into[key] = { ...(have ?? {}), ...value };
  };
  const item = (into: FieldSelector) => {
    const key = name();
    if (source[pos] === "/") {
      pos++;
      const sub: FieldSelector = {};
      item(sub);
      merge(into, key, sub);
    } else if (source[pos] === "(") {
      pos++;
      const sub = list();
      if (source[pos] !== ")") fail();
      pos++;
      merge(into, key, sub);
    } else merge(into, key, true);
  };
  const list = (): FieldSelector => {
    const out: FieldSelector = {};
    item(out);
    while (source[pos] === ",") {
      pos++;
      item(out);
    }
    return out;
  };
  const selector = list();
  if (pos !== source.length) fail();
  return selector;
}

/** Keeps the selected fields of a JSON answer (lists are selected element by element). */
export function selectFields(value: any, selector: FieldSelector | undefined): any {
  if (selector === undefined || selector["*"] === true) return value;
  if (Array.isArray(value)) return value.map((item) => selectFields(item, selector));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, any> = {};
  for (const [key, sub] of Object.entries(selector)) {
    if (value[key] === undefined) continue;
    out[key] = sub === true ? value[key] : selectFields(value[key], sub);
  }
  return out;
}
