/**
 * The created lines as a log keeps them, read back by `pulumi-meet-local recover`: the room, its
 * owner and its resource; nothing from half a line or from a room named twice.
 */
import * as assert from "node:assert/strict";
import { createdLine, parseCreatedLine, stackOfUrn } from "../../provider/core/receipts";
import { roomsInLog } from "../../runner/created";

const URN = (name: string) => `urn:pulumi:dev::fleet::pulumi-nodejs:dynamic/googlemeet:MeetSpace::${name}`;

describe("created lines and recover's reading of a log", () => {
  it("a created line reads back as the room, its owner and its resource, names with spaces too", () => {
    const line = createdLine(
      "spaces/AbC-1_x",
      "https://meet.google.com/abc-mnop-xyz",
      "o@example.com",
      URN("my room"),
    );
    assert.equal(
      line,
      `googlemeet: created spaces/AbC-1_x (https://meet.google.com/abc-mnop-xyz) for o@example.com as ${URN("my room")}`,
    );
    assert.deepEqual(parseCreatedLine(line), {
      space: "spaces/AbC-1_x",
      user: "o@example.com",
      urn: URN("my room"),
    });
    // As the CLI's progress display repeats it.
    assert.deepEqual(parseCreatedLine(` +  pulumi:pulumi:Stack fleet-dev creating (9s) ${line}`), {
      space: "spaces/AbC-1_x",
      user: "o@example.com",
      urn: URN("my room"),
    });
    assert.deepEqual(parseCreatedLine(createdLine("spaces/a", "u", undefined)), { space: "spaces/a" });
    assert.equal(parseCreatedLine("googlemeet: adopted spaces/a (u)"), undefined);
  });

  it("a URN names its stack and project", () => {
    assert.deepEqual(stackOfUrn(URN("r")), { stack: "dev", project: "fleet" });
    assert.equal(stackOfUrn("spaces/abc"), undefined);
  });

  it("the last line a kill cut short counts for nothing (its URN could name another resource)", () => {
    const whole = createdLine("spaces/one", "u", "o@example.com", URN("room-12"));
    const log = `${createdLine("spaces/two", "u", "o@example.com", URN("room-2"))}\n${whole.slice(0, -1)}`;
    assert.deepEqual(roomsInLog(log), {
      rooms: [{ space: "spaces/two", user: "o@example.com", urn: URN("room-2") }],
      conflicting: [],
    });
    assert.deepEqual(roomsInLog(`${log}2\n`).rooms.length, 2);
  });

  it("a room named with two resources is left out; a resource named twice keeps its last room", () => {
    const log = [
      createdLine("spaces/one", "u", "o@example.com", URN("room-1")),
      createdLine("spaces/one", "u", "o@example.com", URN("room-10")),
      createdLine("spaces/two", "u", "o@example.com", URN("room-2")),
      createdLine("spaces/three", "u", "o@example.com", URN("room-2")),
      "",
    ].join("\n");
    const { rooms, conflicting } = roomsInLog(log);
    assert.deepEqual(conflicting, ["spaces/one"]);
    assert.deepEqual(
      rooms.map((r) => [r.urn, r.space]),
      [[URN("room-2"), "spaces/three"]],
    );
  });
});
