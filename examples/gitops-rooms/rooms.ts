/**
 * Reading room definitions: one YAML file per room in rooms/, validated before anything is
 * registered, with errors naming the file and the field.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  type ChatSpaceArgs,
  type MeetSpaceArgs,
  checkChatSpaceArgs,
  checkMeetSpaceArgs,
} from "pulumi-google-meet";
import { RunError } from "@pulumi/pulumi";
import { parse } from "yaml";

/**
 * What a room file may hold: MeetSpace's arguments, `cohosts` as a short list of emails, and an
 * optional `chat` block: a Google Chat space for the same people.
 */
const ROOM_FIELDS = ["config", "members", "cohosts", "owner", "deletionPolicy", "adopt", "chat"];
const MEET_FIELDS = ROOM_FIELDS.filter((f) => f !== "chat");

export interface RoomDefinition {
  /** The file name without `.yaml`: the resource name. */
  name: string;
  file: string;
  args: MeetSpaceArgs;
  /** The room's Chat space, when the file has a `chat` block. */
  chat?: ChatSpaceArgs;
}

export function loadRooms(dir: string): RoomDefinition[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const problems: string[] = [];
  const rooms: RoomDefinition[] = [];
  const fileOfRoom = new Map<string, string>();
  for (const file of files) {
    const shown = path.join(path.basename(dir), file);
    const name = file.replace(/\.ya?ml$/, "");
    const other = fileOfRoom.get(name);
    if (other) {
      problems.push(`${shown}: defines room "${name}" again (also ${other}); keep one file per room`);
      continue;
    }
    fileOfRoom.set(name, shown);
    let doc: unknown;
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    try {
      doc = parse(text);
    } catch (err) {
      problems.push(
        `${shown}: not valid YAML: ${yamlProblem(err as Error & { linePos?: { line: number }[] }, text)}`,
      );
      continue;
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      problems.push(`${shown}: must be a mapping of room fields (${ROOM_FIELDS.join(", ")})`);
      continue;
    }
    const { cohosts, ...rest } = doc as Record<string, unknown>;
    const fileProblems: string[] = [];
    for (const key of Object.keys(rest)) {
      if (!ROOM_FIELDS.includes(key))
        fileProblems.push(`${shown}: ${key}: unknown field; allowed: ${ROOM_FIELDS.join(", ")}`);
    }
    if (cohosts !== undefined && (!Array.isArray(cohosts) || cohosts.some((c) => typeof c !== "string"))) {
      fileProblems.push(`${shown}: cohosts: must be a list of email addresses`);
    }
    if (rest.members !== undefined && !Array.isArray(rest.members)) {
      problems.push(
        `${shown}: members: must be a list of entries like "- email: ada@example.com" (with an optional "role: COHOST"), got ${rest.members === null ? "an empty value" : typeof rest.members === "object" ? "a mapping" : typeof rest.members}`,
        ...fileProblems,
      );
      continue;
    }
    const members = [
      ...((rest.members as unknown[] | undefined) ?? []),
      ...(Array.isArray(cohosts) ? cohosts.map((email) => ({ email, role: "COHOST" })) : []),
    ];
    const args: Record<string, unknown> = { ...rest };
    delete args.unknown;
    if (rest.members !== undefined || cohosts !== undefined)
      args.members = Array.isArray(rest.members ?? []) ? members : rest.members;
    for (const key of Object.keys(args)) if (!MEET_FIELDS.includes(key)) delete args[key];
    for (const f of checkMeetSpaceArgs(args))
      fileProblems.push(`${shown}: ${describeField(f.property, rest)}: ${f.reason}`);
    const chat = rest.chat === undefined ? undefined : chatArgs(name, rest.chat, members, rest.owner);
    if (chat)
      for (const f of checkChatSpaceArgs(chat))
        fileProblems.push(`${shown}: chat.${f.property}: ${f.reason}`);
    else if (rest.chat !== undefined)
      fileProblems.push(
        `${shown}: chat: must be a mapping of ChatSpace fields (displayName, spaceType, members, …)`,
      );
    problems.push(...fileProblems);
    if (!fileProblems.length)
      rooms.push({
        name,
        file: shown,
        args: args as MeetSpaceArgs,
        ...(chat ? { chat: chat as ChatSpaceArgs } : {}),
      });
  }
  if (problems.length) {
    // A RunError: Pulumi prints its message alone, without the program's stack frames.
    throw new RunError(
      `Invalid room definitions (nothing was applied):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return rooms;
}

/**
 * A room's `chat` block as ChatSpace arguments: the room's people unless it lists its own
 * `members` (co-hosts become ROLE_MANAGER), the room's name as the display name of a SPACE unless it
 * has one, and the room's `owner`.
 */
function chatArgs(
  room: string,
  block: unknown,
  roomMembers: unknown[],
  owner: unknown,
): Record<string, unknown> | undefined {
  if (block === null) return {};
  if (typeof block !== "object" || Array.isArray(block)) return undefined;
  const chat: Record<string, unknown> = { ...(block as Record<string, unknown>) };
  if ((chat.spaceType ?? "SPACE") === "SPACE") chat.displayName ??= room;
  chat.members ??= roomMembers.map((m: any) => ({
    email: m?.email,
    ...(m?.role === "COHOST" ? { role: "ROLE_MANAGER" } : {}),
  }));
  if (owner !== undefined) chat.owner ??= owner;
  return chat;
}

/**
 * A YAML parser's error, whole: what is wrong and where, in the file's own terms. The parser places
 * an unclosed quote at the line after the last one; the line the quote opened on is what to fix.
 */
function yamlProblem(err: Error & { linePos?: { line: number }[] }, text: string): string {
  const what = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  const lines = text.replace(/\n$/, "").split("\n");
  const line = err.linePos?.[0]?.line;
  if (line === undefined) return what;
  if (line <= lines.length) return `${what} at line ${line}: ${lines[line - 1].trim()}`;
  const opened = lines.findLastIndex((l) => (l.match(/"/g) ?? []).length % 2 === 1);
  return opened >= 0
    ? `${what}: the quote opened at line ${opened + 1} (${lines[opened].trim()}) is never closed`
    : `${what} at the end of the file`;
}

/** Members past those written under `members` came from `cohosts`: name them as the file does. */
function describeField(property: string, doc: Record<string, unknown>): string {
  const written = Array.isArray(doc.members) ? doc.members.length : 0;
  const m = /^members\[(\d+)\](.*)$/.exec(property);
  if (m && Number(m[1]) >= written) return `cohosts[${Number(m[1]) - written}]`;
  return property;
}
