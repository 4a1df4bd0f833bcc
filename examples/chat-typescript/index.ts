import { ChatSpace, MeetSpace } from "pulumi-google-meet";

// One list of people for both: the lead hosts the room and manages the Chat space.
const lead = "lead@example.com";
const team = ["dev1@example.com", "dev2@example.com"];

const room = new MeetSpace("design-review", {
  config: { accessType: "RESTRICTED" },
  members: [{ email: lead, role: "COHOST" }, ...team.map((email) => ({ email }))],
});

const chat = new ChatSpace("design-review-chat", {
  displayName: "Design review",
  spaceDetails: { description: "Agenda and notes for the weekly design review" },
  members: [{ email: lead, role: "ROLE_MANAGER" }, ...team.map((email) => ({ email }))],
});

export const roomLink = room.meetingUri;
export const chatLink = chat.spaceUri;
