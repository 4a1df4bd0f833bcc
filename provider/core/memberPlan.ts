/**
 * The one member planner of every API: turns the members a space has into the declared ones with
 * the fewest changes, keyed by email (case-insensitive). What differs between APIs is given as
 * `MemberRules`: the role a member has when none is declared, whether a role changes in place,
 * whether a create can carry the role, who is never removed, and the order of the phases (Meet's
 * in members.ts; Chat's, which never loses a space's last manager, in chatMembers.ts). Pure.
 */

export const emailKey = (email: string) => email.trim().toLowerCase();

/** A member as declared: `role` left out means the API's default role. */
export interface DeclaredMember<R extends string> {
  email: string;
  role?: R;
}

/** A member as the space has it. */
export interface ExistingMember {
  email: string;
  role?: string;
  /** `spaces/{space}/members/{member}` */
  name: string;
  /** `users/{id}`, when the API answers one. */
  user?: string;
}

/** One member change. */
export type MemberStep<R extends string> =
  | { kind: "create"; email: string; role?: R }
  /** `name` is unknown for a member created earlier in the same plan (`isNew`). */
  | { kind: "setRole"; email: string; name?: string; role?: R; isNew: boolean }
  | { kind: "delete"; email: string; name: string };

/** The changes of a plan before they are ordered. */
export interface MemberChanges<R extends string> {
  /** Missing members, in declared order. */
  creates: Extract<MemberStep<R>, { kind: "create" }>[];
  /** Role changes in place, in declared order (and, after creates that cannot carry a role, the new members' roles). */
  setRoles: Extract<MemberStep<R>, { kind: "setRole" }>[];
  /** Extra members, and (without role updates) those whose role changes, in the space's order. */
  deletes: Extract<MemberStep<R>, { kind: "delete" }>[];
}

export interface MemberRules<R extends string> {
  /** The role of a member declared without one (Meet: none; Chat: ROLE_MEMBER). */
  defaultRole?: R;
  /** A role changes in place; else a role change is a delete then a create. */
  updateRole: boolean;
  /** A create carries the role; else a new member gets its role by a later setRole. */
  createWithRole: boolean;
  /**
   * The phases, in order: each runs after the previous one has finished; the steps of a phase may
   * run concurrently. Empty phases are dropped.
   */
  order(changes: MemberChanges<R>): MemberStep<R>[][];
}

export interface MemberPlan<R extends string> {
  phases: MemberStep<R>[][];
  /** Steps in total. */
  count: number;
}

/**
 * What turns `actual` into `desired`. `keep` names members that are never removed although not
 * declared (Chat's creator).
 */
export function planMembers<R extends string>(
  desired: readonly DeclaredMember<R>[],
  actual: readonly ExistingMember[],
  rules: MemberRules<R>,
  keep: (member: ExistingMember) => boolean = () => false,
): MemberPlan<R> {
  // A member's role, the default filled in: a declared one is an R; one the space has is the API's.
  const roleOf = (m: { role?: string }) => (m.role ?? rules.defaultRole) as R | undefined;
  const have = new Map(actual.map((m) => [emailKey(m.email), m]));
  const want = new Map(desired.map((m) => [emailKey(m.email), m]));
  const changes: MemberChanges<R> = { creates: [], setRoles: [], deletes: [] };
  const create = (m: DeclaredMember<R>) => {
    const role = roleOf(m);
    if (rules.createWithRole) {
      changes.creates.push(
        role === undefined ? { kind: "create", email: m.email } : { kind: "create", email: m.email, role },
      );
      return;
    }
    changes.creates.push({ kind: "create", email: m.email });
    if (role !== rules.defaultRole)
      changes.setRoles.push({ kind: "setRole", email: m.email, role, isNew: true });
  };
  const replaced = new Set<string>();
  for (const [key, member] of want) {
    const current = have.get(key);
    if (!current) create(member);
    else if (roleOf(current) !== roleOf(member)) {
      if (rules.updateRole)
        changes.setRoles.push({
          kind: "setRole",
          email: member.email,
          name: current.name,
          role: roleOf(member),
          isNew: false,
        });
      else {
        replaced.add(key);
        create(member);
      }
    }
  }
  for (const m of actual) {
    const key = emailKey(m.email);
    if ((want.has(key) && !replaced.has(key)) || keep(m)) continue;
    changes.deletes.push({ kind: "delete", email: m.email, name: m.name });
  }
  const phases = rules.order(changes).filter((p) => p.length > 0);
  return { phases, count: phases.reduce((n, p) => n + p.length, 0) };
}

/** True when the space's members (with emails) already match the declared ones. */
export function sameMembers<R extends string>(
  desired: readonly DeclaredMember<R>[],
  actual: readonly { email: string; role?: string }[],
  defaultRole?: R,
): boolean {
  if (desired.length !== actual.length) return false;
  const have = new Map(actual.map((m) => [emailKey(m.email), m.role ?? defaultRole]));
  return desired.every(
    (m) => have.has(emailKey(m.email)) && have.get(emailKey(m.email)) === (m.role ?? defaultRole),
  );
}

/**
 * Members in the order they were declared (the API's order is creation order, which concurrent
 * creates scramble), so that state and refresh show no change where there is none; undeclared
 * ones last.
 */
export function inDeclaredOrder<M extends { email: string }>(
  members: readonly M[],
  declared: readonly { email: string }[],
): M[] {
  const rank = new Map(declared.map((m, i) => [emailKey(m.email), i]));
  const at = (m: M) => rank.get(emailKey(m.email)) ?? declared.length;
  return [...members].sort((a, b) => at(a) - at(b));
}
