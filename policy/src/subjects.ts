/**
 * What the guardrails look at: a resource of this package, by kind, whichever face declared it
 * (the dynamic resources of TypeScript programs or the native `googlemeet` plugin), and small
 * helpers every rule shares for naming a value and a domain in a message. Pure: no Pulumi.
 */
import { emailKey } from "../../provider/core/members";

export type Kind = "MeetSpace" | "MeetSpaceMember" | "ChatSpace";
export const KINDS: readonly Kind[] = ["MeetSpace", "MeetSpaceMember", "ChatSpace"];

/** Both faces' type tokens for each kind. */
export const TYPE_TOKENS: Readonly<Record<Kind, readonly string[]>> = {
  MeetSpace: ["pulumi-nodejs:dynamic/googlemeet:MeetSpace", "googlemeet:index:MeetSpace"],
  MeetSpaceMember: ["pulumi-nodejs:dynamic/googlemeet:MeetSpaceMember", "googlemeet:index:MeetSpaceMember"],
  ChatSpace: ["pulumi-nodejs:dynamic/googlemeet:ChatSpace", "googlemeet:index:ChatSpace"],
};

const KIND_BY_TOKEN = new Map(
  KINDS.flatMap((kind) => TYPE_TOKENS[kind].map((token) => [token, kind] as const)),
);

/** The kind a type token names, or undefined for anything that is not ours. */
export function kindOf(typeToken: string): Kind | undefined {
  return KIND_BY_TOKEN.get(typeToken);
}

/**
 * One resource as a rule sees it: its inputs as the program wrote them. During a preview a value
 * computed from another resource may still be unknown; reading it throws (the policy framework
 * then skips the rule for this resource and checks it again when `up` knows the value).
 */
export interface Subject {
  kind: Kind;
  /** The resource's name in the program (the last part of its URN). */
  name: string;
  urn?: string;
  props: Record<string, any>;
  /** The Workspace user the provider acts as, when its configuration says (native face only). */
  providerUser?: string;
}

/** `MeetSpace "lobby"`: how every message starts. */
export const label = (subject: Subject) => `${subject.kind} "${subject.name}"`;

/** A value as a message shows it: strings quoted, the rest as JSON, and what was left out said so. */
export function show(value: unknown): string {
  return value === undefined ? "not set" : JSON.stringify(value);
}

/** `"A", "B" or "C"`; `nothing` for an empty list. */
export function showList(values: readonly unknown[]): string {
  if (values.length === 0) return "nothing";
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

/** The domain of an email address, lower-cased; undefined when the value is not an address. */
export function domainOf(email: unknown): string | undefined {
  if (typeof email !== "string") return undefined;
  const at = email.lastIndexOf("@");
  return at < 0 ? undefined : emailKey(email.slice(at + 1));
}

/** Lower-cased, trimmed, without a leading `@`: how a configured domain is compared. */
export const normalizeDomain = (domain: string) => emailKey(domain).replace(/^@/, "");

/** True when the subject is named (by resource name or URN) in an allow-list. */
export function isListed(subject: Subject, list: readonly string[] | undefined): boolean {
  return (list ?? []).some((entry) => entry === subject.name || entry === subject.urn);
}
