/**
 * Rooms a run created, as the provider reports them (`googlemeet: created spaces/… (…) for … as
 * <URN>`), and which of them the engine went on to record. What is left when a run ends abnormally
 * is what another machine must adopt; `recover` reads the same lines back from a saved log and
 * files them as create receipts, so that the next `up` there adopts them as the first machine would.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type CreatedRoom, parseCreatedLine, shellQuote } from "../provider/core/receipts";
import { writeReceipt } from "../provider/runtime/receipts";

/** Follows one run's engine events. */
export class CreatedRooms {
  private readonly rooms = new Map<string, CreatedRoom>();
  private readonly recorded = new Set<string>();
  /** Resources this run created (or adopted) and the engine recorded. */
  readonly createdUrns = new Set<string>();

  /** Feeds one engine event; returns the created line it carried, if any, to print at once. */
  onEvent(event: EngineEvent): string | undefined {
    const outputs = event.resOutputsEvent?.metadata;
    if (outputs?.urn) {
      this.recorded.add(outputs.urn);
      if (outputs.op === "create" || outputs.op === "create-replacement") this.createdUrns.add(outputs.urn);
    }
    const message = event.diagnosticEvent?.message;
    if (!message || !/^googlemeet: created /.test(message)) return undefined;
    const room = parseCreatedLine(message);
    if (room) {
      // The native face's diagnostic is attached to its resource; the dynamic face names it in the line.
      const urn = room.urn ?? (event.diagnosticEvent?.urn || undefined);
      this.rooms.set(urn ?? room.space, { ...room, ...(urn ? { urn } : {}) });
    }
    return message.trim();
  }

  /** Rooms created whose resource the engine has not reported recorded (the last room per resource). */
  unrecorded(): CreatedRoom[] {
    return [...this.rooms.values()].filter((r) => !r.urn || !this.recorded.has(r.urn));
  }
}

/**
 * The rooms a saved log names, the last one per resource (a replacement supersedes). Only whole
 * lines count: a log cut by a kill may end in half a line, whose URN could name another resource
 * (`room-1` of `room-12`). A room named with two different resources is left out: the log cannot
 * say which is right, and adopting the wrong one would be worse than adopting none.
 */
export function roomsInLog(text: string): { rooms: CreatedRoom[]; conflicting: string[] } {
  const lines = text.split(/\r?\n/);
  lines.pop(); // after the last newline: empty, or a line the kill cut short
  const byKey = new Map<string, CreatedRoom>();
  const urnsOfSpace = new Map<string, Set<string>>();
  for (const line of lines) {
    const room = parseCreatedLine(line);
    if (!room) continue;
    byKey.set(room.urn ?? room.space, room);
    if (room.urn) urnsOfSpace.set(room.space, (urnsOfSpace.get(room.space) ?? new Set()).add(room.urn));
  }
  const conflicting = [...urnsOfSpace].filter(([, urns]) => urns.size > 1).map(([space]) => space);
  const rooms = [...byKey.values()].filter((r) => !conflicting.includes(r.space));
  return { rooms, conflicting };
}

/** Files a create receipt on this machine for each room named with its resource; returns their files. */
export async function receiptsFromLog(rooms: readonly CreatedRoom[], createdAt: string): Promise<string[]> {
  const files: string[] = [];
  for (const r of rooms) {
    if (!r.urn) continue;
    files.push(
      await writeReceipt({
        version: 1,
        urn: r.urn,
        space: r.space,
        ...(r.user ? { user: r.user } : {}),
        createdAt,
      }),
    );
  }
  return files;
}

/**
 * What a run that ended abnormally prints about the rooms it created that Pulumi may lack: that
 * this machine adopts them by itself, and the one command that makes another machine do the same.
 */
export function recoveryAdvice(rooms: readonly CreatedRoom[], cwd: string, stack: string): string {
  if (!rooms.length) return "";
  const lines = [
    `This run created ${rooms.length} room${rooms.length > 1 ? "s" : ""} that Pulumi may not have recorded: ${rooms.map((r) => r.space).join(", ")}.`,
    "On this machine the next `up` adopts them by itself (its create receipts). On another machine, save this output as LOG and run, before `up`:",
    `  pulumi-meet-local recover LOG --cwd ${shellQuote(cwd)} --stack ${shellQuote(stack)}`,
  ];
  const unnamed = rooms.filter((r) => !r.urn);
  if (unnamed.length) {
    lines.push(
      `${unnamed.map((r) => r.space).join(", ")}: no resource named; adopt each with the resource's \`adopt\` input (README: "A run that was killed").`,
    );
  }
  return lines.join("\n");
}
