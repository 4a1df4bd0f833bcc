/**
 * Meeting rooms as code: every file in rooms/ is one MeetSpace (and, with a `chat:` block, a
 * ChatSpace for the same people). Add a file to add a room, edit it to change the room, delete it
 * to retire the room. Review happens in pull requests.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ChatSpace, MeetSpace } from "pulumi-google-meet";
import { loadRooms } from "./rooms";

// `pulumi config set roomsDir ../other-rooms` points the stack at another folder of room files.
const roomsDir = path.resolve(__dirname, new pulumi.Config().get("roomsDir") ?? "rooms");
const rooms = loadRooms(roomsDir);

export const links: Record<string, unknown> = {};
export const chats: Record<string, unknown> = {};
/** The first dial-in number and its PIN ("" when the owner's plan has no dial-in). */
export const dialIns: Record<string, unknown> = {};
for (const room of rooms) {
  const space = new MeetSpace(room.name, room.args);
  links[room.name] = space.meetingUri;
  dialIns[room.name] = space.phoneAccess.apply((numbers) => {
    const first = (numbers ?? [])[0];
    return first ? `${first.phoneNumber} PIN ${first.pin}` : "";
  });
  // A `chat:` block pairs the room with a Google Chat space for the same people.
  if (room.chat) chats[room.name] = new ChatSpace(`${room.name}-chat`, room.chat).spaceUri;
}
