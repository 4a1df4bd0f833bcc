/**
 * The demo's closing tip: how to see a one-setting update by hand. The demo's emulator and state are
 * gone when it ends, so the rooms are created first; only the second `up`, after the edit, is the
 * update. One definition, printed by the demo and run step by step by test/engine/demo-tip.test.ts,
 * which checks each step's promise; the ports are a parameter so that the test can use free ones.
 */

export interface TipStep {
  /** A line for the user's shell, run from the repository root. */
  command: string;
  /** What the user sees the line do, printed beside it as a comment. */
  promise?: string;
}

export const TIP_EXAMPLE = "examples/gitops-rooms";
export const TIP_ROOM_FILE = `${TIP_EXAMPLE}/rooms/team-standup.yaml`;

export function demoTipSteps(ports = { grpc: 8086, http: 8085 }): TipStep[] {
  const cwd = `--cwd ${TIP_EXAMPLE}`;
  return [
    { command: `npm run emulator -- --grpc-port ${ports.grpc} --http-port ${ports.http} --quiet &` },
    { command: `export GOOGLE_MEET_EMULATOR_HOST=127.0.0.1:${ports.grpc}` },
    { command: `npm run local -- up ${cwd}`, promise: "creates the rooms" },
    { command: `sed -i.bak 's/accessType: RESTRICTED/accessType: TRUSTED/' ${TIP_ROOM_FILE}` },
    { command: `npm run local -- preview --diff ${cwd}`, promise: "~ 1 to update: accessType" },
    { command: `npm run local -- up ${cwd}`, promise: "one UpdateSpace, mask config.accessType" },
    { command: `mv ${TIP_ROOM_FILE}.bak ${TIP_ROOM_FILE}` },
    { command: `npm run local -- destroy ${cwd}`, promise: "retires the rooms" },
    { command: "kill %1", promise: "stops the emulator" },
  ];
}

/** The tip as the demo prints it: a heading, then each command with its promise aligned beside it. */
export function demoTip(steps = demoTipSteps()): string {
  const width = Math.max(...steps.filter((s) => s.promise).map((s) => s.command.length));
  const lines = steps.map((s) =>
    s.promise ? `  ${s.command.padEnd(width)}   # ${s.promise}` : `  ${s.command}`,
  );
  return [
    "To see a one-setting update by hand (the demo's emulator and state are gone now):",
    ...lines,
    "",
  ].join("\n");
}
