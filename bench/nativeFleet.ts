/**
 * The benchmark's fleet as a Pulumi YAML program for the native provider (this checkout's
 * bin/pulumi-resource-googlemeet), with the TypeScript fleet's inputs: YAML has no loops, so it
 * is written out room by room.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../tools/engine/environment";

export function nativeFleetYaml(project: string, rooms: number, cohosts: number): string {
  const room = (i: number) => [
    `  room-${i}:`,
    "    type: googlemeet:index:MeetSpace",
    "    properties:",
    "      owner: owner0@example.com",
    "      config:",
    "        accessType: TRUSTED",
    '        moderation: "ON"',
    ...(cohosts ? ["      members:"] : []),
    ...Array.from({ length: cohosts }, (_, j) => [
      `        - email: cohost${j}.room${i}@example.com`,
      "          role: COHOST",
    ]).flat(),
  ];
  const program = [
    `name: ${project}`,
    "runtime: yaml",
    "plugins:",
    "  providers:",
    "    - name: googlemeet",
    `      path: ${path.join(REPO_ROOT, "bin")}`,
    "resources:",
    ...Array.from({ length: rooms }, (_, i) => room(i)).flat(),
  ];
  return `${program.join("\n")}\n`;
}
