// A fleet of rooms sized by stack config, for the fault tests and the benchmark.
//   fleet:rooms     how many rooms (default 10)
//   fleet:cohosts   co-hosts per room (default 2)
//   fleet:owners    rooms are spread over this many owners (default 1); quotas are per owner
//   fleet:accessType  the access type of every room (default TRUSTED)
//   fleet:rotate    shifts every room's co-host list by this many (co-host churn)
//   fleet:adopt     JSON {"room-3": "spaces/…"}: rooms that take over an existing space
//   fleet:separateMembers  MeetSpaceMember resources per room, beside it (default 0): a mixed fleet
//   fleet:chats     Chat spaces beside the rooms (default 0), each with the first room's co-hosts
const pulumi = require("@pulumi/pulumi");
const { ChatSpace, MeetSpace, MeetSpaceMember } = require("pulumi-google-meet");

const config = new pulumi.Config("fleet");
const rooms = config.getNumber("rooms") ?? 10;
const cohosts = config.getNumber("cohosts") ?? 2;
const owners = config.getNumber("owners") ?? 1;
const accessType = config.get("accessType") ?? "TRUSTED";
const rotate = config.getNumber("rotate") ?? 0;
const adopt = config.getObject("adopt") ?? {};
const separateMembers = config.getNumber("separateMembers") ?? 0;
const chats = config.getNumber("chats") ?? 0;

for (let i = 0; i < rooms; i++) {
  const owner = `owner${i % owners}@example.com`;
  const room = new MeetSpace(`room-${i}`, {
    owner,
    ...(adopt[`room-${i}`] ? { adopt: adopt[`room-${i}`] } : {}),
    config: { accessType, moderation: "ON" },
    members: Array.from({ length: cohosts }, (_, j) => ({
      email: `cohost${j + rotate}.room${i}@example.com`,
      role: "COHOST",
    })),
  });
  for (let j = 0; j < separateMembers; j++) {
    new MeetSpaceMember(`room-${i}-member-${j}`, {
      space: room.name,
      email: `member${j}.room${i}@example.com`,
      role: "COHOST",
      owner,
    });
  }
}

for (let i = 0; i < chats; i++) {
  new ChatSpace(`chat-${i}`, {
    displayName: `Fleet chat ${i}`,
    owner: "owner0@example.com",
    members: Array.from({ length: cohosts }, (_, j) => ({ email: `cohost${j}.chat${i}@example.com` })),
  });
}
