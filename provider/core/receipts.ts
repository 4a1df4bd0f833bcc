/**
 * Create receipts: what a MeetSpace create leaves behind so that a run killed before the engine
 * recorded the room does not orphan it. Meet's CreateSpace has no request id and the API can
 * neither list nor delete rooms, so the provider itself must remember "this resource made this
 * room" until the engine has recorded it. The pure half: what a receipt holds, where it is filed,
 * what a later create does with one, and the command that adopts a room on another machine.
 * File access is in runtime/receipts.
 */
import { createHash } from "node:crypto";

/** One room created for one resource, not yet known to be recorded by the engine. */
export interface Receipt {
  /** Format version of this file. */
  version: 1;
  /** The resource's URN (both faces know it: the native one from the engine, the dynamic one from its class). */
  urn: string;
  /** `spaces/{id}` */
  space: string;
  meetingUri?: string;
  /** The acting user the room was created as (undefined: the credentials' own user). */
  user?: string;
  /**
   * Where the room was created: Google, or an emulator's address; a receipt is only used there.
   * Absent in one made from a log (`pulumi-meet-local recover`): the room is then looked up wherever
   * the stack's provider points, and taken only if it exists and is the acting user's.
   */
  endpoint?: string;
  /** ISO time of the create, for people reading the file. */
  createdAt: string;
}

/** The project and stack a URN belongs to (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): { stack: string; project: string } | undefined {
  if (!urn.startsWith("urn:pulumi:")) return undefined;
  const [stack, project, type] = urn.slice("urn:pulumi:".length).split("::");
  return stack && project && type ? { stack, project } : undefined;
}

/** The file a resource's receipt is kept in, inside its stack's folder: a hash (URNs hold any character). */
export function receiptFileName(urn: string): string {
  return `${createHash("sha256").update(urn).digest("hex").slice(0, 32)}.json`;
}

/** A folder name from a project or stack name: its own characters where safe, else encoded. */
export function safeSegment(name: string): string {
  return /^[A-Za-z0-9._-]+$/.test(name) && !/^\.+$/.test(name) ? name : encodeURIComponent(name);
}

/** Parses a receipt file's text; undefined when it is not one (a torn or foreign file is ignored). */
export function parseReceipt(text: string): Receipt | undefined {
  try {
    const r = JSON.parse(text);
    if (r?.version !== 1 || typeof r.urn !== "string" || typeof r.space !== "string") return undefined;
    if (r.endpoint !== undefined && typeof r.endpoint !== "string") return undefined;
    return r as Receipt;
  } catch {
    return undefined;
  }
}

/**
 * Whether a receipt found at create time names a room this create may take over: the same
 * resource, the same Meet (Google or the same emulator) and the same acting user. Anything else is
 * someone else's room, and a new one is made.
 */
export function receiptApplies(
  receipt: Receipt,
  want: { urn: string; endpoint: string; user?: string },
): boolean {
  return (
    receipt.urn === want.urn &&
    (receipt.endpoint === undefined || receipt.endpoint === want.endpoint) &&
    (receipt.user ?? "") === (want.user ?? "")
  );
}

/** A word quoted for a POSIX shell, as printed in a command a user copies. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The line printed the moment CreateSpace answers (before anything else can fail or be killed):
 * the room, its link, who owns it and, when known, the resource it was made for. A saved log of
 * these lines is what `pulumi-meet-local recover` turns into receipts on another machine.
 */
export function createdLine(
  space: string,
  meetingUri: string,
  user: string | undefined,
  urn?: string,
): string {
  const head = `googlemeet: created ${space} (${meetingUri}) for ${user ?? "the credentials' user"}`;
  return urn ? `${head} as ${urn}` : head;
}

/** A room a created line names: its space, the acting user and, when printed, its resource's URN. */
export interface CreatedRoom {
  space: string;
  user?: string;
  urn?: string;
}

/** Reads a created line back (from a saved log): undefined when the text holds none. */
export function parseCreatedLine(line: string): CreatedRoom | undefined {
  const m =
    /googlemeet: created (spaces\/[A-Za-z0-9_-]+) \([^)]*\) for (the credentials' user|\S+?)(?: as (urn:pulumi:[^\s:]+::[^\s:]+::\S+?::.*?))?\s*$/.exec(
      line,
    );
  if (!m) return undefined;
  return {
    space: m[1],
    ...(m[2] === "the credentials' user" ? {} : { user: m[2] }),
    ...(m[3] ? { urn: m[3] } : {}),
  };
}
