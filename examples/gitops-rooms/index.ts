/**
 * Meeting rooms as code: every file in rooms/ is one MeetSpace. Add a file to add a room, edit it
 * to change the room, delete it to retire the room. Review happens in pull requests.
 */
import * as path from "node:path";
import { MeetSpace } from "pulumi-google-meet";
import { loadRooms } from "./rooms";

const rooms = loadRooms(path.join(__dirname, "rooms"));

export const links: Record<string, unknown> = {};
for (const room of rooms) {
  const space = new MeetSpace(room.name, room.args);
  links[room.name] = space.meetingUri;
}
