import { MeetSpace } from "pulumi-google-meet";

// The settings written here are managed; everything else keeps the owner's Workspace defaults.
const room = new MeetSpace("weekly-review", {
  config: {
    accessType: "TRUSTED",
    moderation: "ON",
    moderationRestrictions: { presentRestriction: "HOSTS_ONLY", chatRestriction: "NO_RESTRICTION" },
    attendanceReportGenerationType: "GENERATE_REPORT",
  },
  members: [
    { email: "ada@example.com", role: "COHOST" },
    { email: "grace@example.com", role: "COHOST" },
  ],
});

export const link = room.meetingUri;
export const spaceName = room.name;
