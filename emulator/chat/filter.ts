/** Chat's ListMemberships filter. */
import { invalidArgument } from "../wire/errors";
import type { ChatMembershipRecord } from "./state";

/**
 * The ListMemberships filter: `role = "ROLE_X"`, `member.type = "HUMAN"|"BOT"`,
 * `member.type != "..."`, joined by AND or OR. Invalid: the same field twice under AND
 * ("role = \"ROLE_MANAGER\" AND role = \"ROLE_MEMBER\""), mixing AND with OR, anything else.
 */
export function parseMembershipFilter(filter: string): (m: ChatMembershipRecord) => boolean {
  const text = filter.trim();
  if (text === "") return () => true;
  const ops = [...text.matchAll(/\s(AND|OR)\s/g)].map((m) => m[1]);
  if (new Set(ops).size > 1)
    throw invalidArgument(`Invalid filter ${JSON.stringify(filter)}: use either AND or OR, not both`);
  const terms = text.split(/\s(?:AND|OR)\s/).map((t) => {
    const m = /^\s*(role|member\.type)\s*(=|!=)\s*"([A-Z_]+)"\s*$/.exec(t);
    if (!m)
      throw invalidArgument(
        `Invalid filter ${JSON.stringify(filter)}: terms are role = "ROLE_…" or member.type = / != "HUMAN"|"BOT"`,
      );
    const [, field, op, value] = m;
    if (field === "role" && (op !== "=" || (value !== "ROLE_MEMBER" && value !== "ROLE_MANAGER")))
      throw invalidArgument(
        `Invalid filter ${JSON.stringify(filter)}: role must be = "ROLE_MEMBER" or "ROLE_MANAGER"`,
      );
    if (field === "member.type" && value !== "HUMAN" && value !== "BOT")
      throw invalidArgument(`Invalid filter ${JSON.stringify(filter)}: member.type is HUMAN or BOT`);
    return { field, op, value };
  });
  if (ops[0] === "AND" && new Set(terms.map((t) => t.field)).size !== terms.length)
    throw invalidArgument(`Invalid filter ${JSON.stringify(filter)}: a field cannot be ANDed with itself`);
  const test = (t: { field: string; op: string; value: string }, m: ChatMembershipRecord) => {
    const actual = t.field === "role" ? m.role : m.kind === "user" ? "HUMAN" : "GROUP";
    return t.op === "=" ? actual === t.value : actual !== t.value;
  };
  return ops[0] === "OR" ? (m) => terms.some((t) => test(t, m)) : (m) => terms.every((t) => test(t, m));
}
