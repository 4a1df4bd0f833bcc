/**
 * Meeting rooms as code: every file in rooms/ is one MeetSpace. Add a file to add a room, edit it
 * to change the room, delete it to retire the room. Review happens in pull requests.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MeetSpace } from "pulumi-google-meet";
import { loadRooms } from "./rooms";

// `pulumi config set roomsDir ../other-rooms` points the stack at another folder of room files.
const roomsDir = path.resolve(__dirname, new pulumi.Config().get("roomsDir") ?? "rooms");
const rooms = loadRooms(roomsDir);

export const links: Record<string, unknown> = {};
for (const room of rooms) {
  const space = new MeetSpace(room.name, room.args);
  links[room.name] = space.meetingUri;
}
