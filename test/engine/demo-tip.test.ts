/**
 * The demo's closing tip (`npm run demo` ends by printing it, from demo/tip.ts), run as a user runs
 * it: line after line in one bash, from the root of a work copy of the repository (a git repository
 * of its own, so that `git status` can be asked), on free ports, with Pulumi's home and state of its
 * own. Each promise the tip prints beside a line is checked against what the line printed and what
 * the emulator journalled, so a change to either fails here.
 */
import * as assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { demoTipSteps, TIP_EXAMPLE, TIP_ROOM_FILE, type TipStep } from "../../demo/tip";
import { EmulatorAdminClient } from "../../emulator";
import { REPO_ROOT, notLocalState, pulumi, pulumiBinDir, tempDir } from "../support/engine";
import { closedPort, listening, untilClosed } from "../support/ports";

/** A copy of what the tip touches, committed in a git repository of its own. */
function workRepository(): string {
  const root = tempDir("meet-demo-tip-");
  for (const file of ["package.json", ".gitignore"])
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(root, file));
  fs.cpSync(path.join(REPO_ROOT, TIP_EXAMPLE), path.join(root, TIP_EXAMPLE), {
    recursive: true,
    filter: notLocalState,
  });
  // The built package and its modules, as after `npm install` in a clone.
  for (const dir of ["dist", "node_modules"])
    fs.symlinkSync(path.join(REPO_ROOT, dir), path.join(root, dir), "dir");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" });
  git("init", "--quiet");
  fs.appendFileSync(path.join(root, ".git", "info", "exclude"), "/dist\n/node_modules\n");
  git("add", "--all");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "work copy");
  return root;
}

/** One bash, fed the tip's lines one at a time, as a user types them into a terminal. */
class Shell {
  private readonly child: ChildProcessWithoutNullStreams;
  output = "";

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    // A process group of its own, stopped whole at the end whatever the test found.
    this.child = spawn("bash", [], { cwd, env, detached: true });
    this.child.stdout.setEncoding("utf8").on("data", (d: string) => {
      this.output += d;
    });
    this.child.stdin.write("exec 2>&1\n");
  }

  /** Runs one line; resolves with its exit code and what it printed. */
  async run(line: string): Promise<{ code: number; printed: string }> {
    const from = this.output.length;
    const mark = `__step_done_${from}`;
    this.child.stdin.write(`${line}\necho "${mark} $?"\n`);
    const ended = new RegExp(`${mark} (\\d+)\\n`);
    const done = await this.until(ended, from);
    return { code: Number(done[1]), printed: this.output.slice(from, done.index! + from) };
  }

  /** Waits for `pattern` in what the shell printed after `from` (its background jobs included). */
  until(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const found = pattern.exec(this.output.slice(from));
        if (!found) return false;
        this.child.stdout.off("data", look);
        this.child.off("exit", gone);
        resolve(found);
        return true;
      };
      const gone = () => reject(new Error(`the shell exited; it printed:\n${this.output}`));
      if (look()) return;
      this.child.stdout.on("data", look);
      this.child.once("exit", gone);
    });
  }

  stop(): void {
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      // the group is gone already
    }
  }
}

/** The driver's summary: the lines under "Resources:" up to the first blank line. */
function resourcesSummary(printed: string): string[] {
  const after = printed.split(/^Resources:\n/m)[1] ?? "";
  return after
    .split("\n\n")[0]
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** `~ 1 to update: accessType` as the preview shows it. */
function checkPreview(printed: string): void {
  assert.deepEqual(resourcesSummary(printed), ["~ 1 to update", "4 unchanged"], printed);
  const steps = [...printed.matchAll(/^ *(\S+) (\S+): \((\w+)\)\n(?: *\[.*\]\n)*? *\[urn=(\S+)\]/gm)];
  assert.deepEqual(
    steps.map((s) => [s[1], s[2], s[3], s[4].split("::").pop()]),
    [["~", "pulumi-nodejs:dynamic/googlemeet:MeetSpace", "update", "team-standup"]],
    printed,
  );
  // The one changed value, and nothing else changed or unknown in the resource's diff.
  const diff = printed.split("--outputs:--")[0];
  const changed = diff.split("\n").filter((line) => line.includes("=>"));
  assert.deepEqual(
    changed.map((line) => line.trim().replace(/\s+:/, ":")),
    ['~ accessType: "RESTRICTED" => "TRUSTED"'],
    printed,
  );
  assert.doesNotMatch(diff, /\[unknown\]|output<|replace/, printed);
}

describe("engine: the demo's closing tip, run as printed", function () {
  this.timeout(600_000);

  it("creates the rooms, previews and makes one accessType update, restores the file, retires everything and stops the emulator", async () => {
    const ports = { grpc: await closedPort(), http: await closedPort() };
    const steps = demoTipSteps(ports);
    const root = workRepository();
    const home = tempDir("meet-demo-tip-home-");
    const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_HOME: home, PULUMI_BIN_DIR: pulumiBinDir() };
    // What a new user's shell does not have: state, a passphrase, an emulator from elsewhere.
    for (const name of ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"])
      delete env[name];
    delete env.GOOGLE_MEET_EMULATOR_HOST;
    const grpc = `127.0.0.1:${ports.grpc}`;
    const http = `127.0.0.1:${ports.http}`;
    const admin = new EmulatorAdminClient(`http://${http}`);
    const gitStatus = () => execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" });
    const rooms = fs.readdirSync(path.join(root, TIP_EXAMPLE, "rooms")).length;

    /** Each promise the tip prints, checked on what its line printed and the calls it made. */
    const promises: Record<
      string,
      (printed: string, made: () => ReturnType<typeof admin.requests>) => Promise<void>
    > = {
      "creates the rooms": async (printed, made) => {
        assert.equal((await made()).filter((c) => c.method === "CreateSpace").length, rooms, printed);
        assert.equal((await admin.spaces()).length, rooms);
        assert.match(printed, /^ +\+ \d+ created$/m, printed);
      },
      "~ 1 to update: accessType": async (printed, made) => {
        checkPreview(printed);
        assert.deepEqual(await made(), [], "a preview makes no API call");
      },
      // The journal names a mask by the proto's field path: the wire's `config.accessType` (v2 JSON).
      "one UpdateSpace, mask config.accessType": async (printed, made) => {
        assert.deepEqual(
          (await made()).map((c) => [c.method, c.updateMask]),
          [["UpdateSpace", ["config.access_type"]]],
        );
        assert.deepEqual(resourcesSummary(printed), ["~ 1 updated", "4 unchanged"], printed);
      },
      "retires the rooms": async (printed) => {
        // Meet cannot delete a room: destroy locks each one and removes its members; Chat deletes.
        assert.deepEqual(resourcesSummary(printed), ["- 5 deleted"], printed);
        const spaces = await admin.spaces();
        assert.equal(spaces.length, rooms);
        for (const space of spaces) {
          assert.equal(space.config?.accessType, "RESTRICTED", space.name);
          assert.deepEqual(space.members, [], space.name);
        }
        assert.deepEqual(await admin.chatSpaces(), []);
        const state = await pulumi(["stack", "export", "--stack", "dev"], path.join(root, TIP_EXAMPLE), {
          PULUMI_HOME: home,
          PULUMI_BACKEND_URL: `file://${path.join(root, TIP_EXAMPLE, ".pulumi-local")}`,
          PULUMI_CONFIG_PASSPHRASE: "",
        });
        assert.equal(state.code, 0, state.stderr);
        assert.deepEqual(JSON.parse(state.stdout).deployment.resources ?? [], [], "the stack holds nothing");
      },
      "stops the emulator": async () => {
        await untilClosed(grpc);
        await untilClosed(http);
      },
    };

    const shell = new Shell(root, env);
    try {
      for (const step of steps as TipStep[]) {
        const calls = (await listening(http)) ? (await admin.requests()).length : 0;
        const ran = await shell.run(step.command);
        assert.equal(ran.code, 0, `${step.command}\n${ran.printed}`);
        if (step.command.endsWith("&"))
          await shell.until(new RegExp(`\\{"grpc":"${grpc}","http":"http://${http}"\\}`));
        if (step.command.startsWith("sed "))
          assert.equal(gitStatus(), ` M ${TIP_ROOM_FILE}\n?? ${TIP_ROOM_FILE}.bak\n`);
        if (step.promise) {
          const check = promises[step.promise];
          assert.ok(
            check,
            `the tip promises "${step.promise}", which this test does not check: add its check`,
          );
          // The calls the line made, read only by the checks that need them (the emulator is gone
          // after `kill %1`).
          await check(ran.printed, async () => (await admin.requests()).slice(calls));
        }
      }
      assert.equal(gitStatus(), "", "the tip leaves the checkout as it found it");
      assert.equal(await listening(grpc), false);
    } finally {
      shell.stop();
    }
  });
});
