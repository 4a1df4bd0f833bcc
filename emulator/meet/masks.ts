/** Meet's update masks: which settings an UpdateSpace mask replaces, what a member mask may name. */
import { invalidArgument } from "../wire/errors";
import { LEAVES, OUTPUT_ONLY_PATHS, PARENT_PATHS } from "./model";

/** The only member field an update can change. */
export const MEMBER_MUTABLE_PATHS = ["role"];
const MEMBER_FIXED_PATHS = ["name", "email", "user"];

/**
 * Expands an UpdateSpace mask to the leaf settings it replaces: a leaf path is itself, a
 * parent path (`config.moderation_restrictions`) every leaf below it (standard FieldMask
 * semantics), `*` every leaf. Every bad path is reported at once.
 */
export function expandMask(paths: string[]): string[] {
  const leaves = new Set(LEAVES.map((l) => l.path));
  const problems: string[] = [];
  const out = new Set<string>();
  for (const path of paths) {
    if (path === "*") for (const l of leaves) out.add(l);
    else if (leaves.has(path)) out.add(path);
    else if (PARENT_PATHS.has(path)) for (const l of PARENT_PATHS.get(path)!) out.add(l);
    else if (OUTPUT_ONLY_PATHS.has(path)) problems.push(`"${path}" is output only`);
    else problems.push(`"${path}" is not a known field of Space`);
  }
  if (problems.length > 0) throw invalidArgument(`Invalid update_mask: ${problems.join("; ")}`);
  return [...out];
}

/** Member update masks: only `role` can change; `*` means role. */
export function expandMemberMask(paths: string[], method: string): string[] {
  const problems: string[] = [];
  for (const path of paths) {
    if (path === "*" || MEMBER_MUTABLE_PATHS.includes(path)) continue;
    if (MEMBER_FIXED_PATHS.includes(path)) problems.push(`"${path}" cannot be changed`);
    else problems.push(`"${path}" is not a known field of Member`);
  }
  if (problems.length > 0) throw invalidArgument(`${method}: invalid update_mask: ${problems.join("; ")}`);
  return paths.length === 0 ? [] : MEMBER_MUTABLE_PATHS;
}
