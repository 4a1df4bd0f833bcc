/**
 * Reading room definitions: one YAML file per room in rooms/, validated before anything is
 * registered, with errors naming the file and the field.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type MeetSpaceArgs, checkMeetSpaceArgs } from "pulumi-google-meet";
import { parse } from "yaml";

/** What a room file may hold: MeetSpace's arguments, plus `cohosts` as a short list of emails. */
const ROOM_FIELDS = ["config", "members", "cohosts", "owner", "deletionPolicy", "adopt"];

export interface RoomDefinition {
  /** The file name without `.yaml`: the resource name. */
  name: string;
  file: string;
  args: MeetSpaceArgs;
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
    try {
      doc = parse(fs.readFileSync(path.join(dir, file), "utf8"));
    } catch (err) {
      problems.push(`${shown}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
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
    for (const key of Object.keys(args)) if (!ROOM_FIELDS.includes(key)) delete args[key];
    for (const f of checkMeetSpaceArgs(args))
      fileProblems.push(`${shown}: ${describeField(f.property, rest)}: ${f.reason}`);
    problems.push(...fileProblems);
    if (!fileProblems.length) rooms.push({ name, file: shown, args: args as MeetSpaceArgs });
  }
  if (problems.length) {
    throw new Error(
      `Invalid room definitions (nothing was applied):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return rooms;
}

/** Members past those written under `members` came from `cohosts`: name them as the file does. */
function describeField(property: string, doc: Record<string, unknown>): string {
  const written = Array.isArray(doc.members) ? doc.members.length : 0;
  const m = /^members\[(\d+)\](.*)$/.exec(property);
  if (m && Number(m[1]) >= written) return `cohosts[${Number(m[1]) - written}]`;
  return property;
}
