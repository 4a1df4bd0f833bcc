/**
 * examples/gitops-rooms as its GitHub Actions workflow runs it (docs/github-actions-keyless.md),
 * through the real Pulumi CLI against the emulator in auth mode: the runner's credentials are an
 * external_account file (workload identity federation, the emulator's STS), the stack names only
 * googlemeet:serviceAccount, and no key file exists. Each step counts the token calls in the
 * emulator's journal and pins the scopes of every token asked for.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdminClient, type RunningEmulator, startEmulator } from "../../emulator";
import type { AuthJournalEntry } from "../../emulator";
import { SCOPE, SERVICE_ACCOUNT, runnerCredentials, setUpKeylessDelegation } from "../support/authEmulator";
import { REPO_ROOT, driver, engineEnv, pulumi, pulumiBinDir, tempBackend, workCopy } from "../support/engine";

const CREATED = `${SCOPE}meetings.space.created`;
const CHAT = [`${SCOPE}chat.memberships`, `${SCOPE}chat.spaces`];

const EXAMPLE = path.join(REPO_ROOT, "examples", "gitops-rooms");

/** The `pulumi …` commands of the example's workflow, in order, as argument lists. */
function workflowCommands(): string[][] {
  const { parse } = require("yaml") as typeof import("yaml");
  const workflow = parse(fs.readFileSync(path.join(EXAMPLE, ".github-workflow.yml"), "utf8"));
  return (workflow.jobs.rooms.steps as { run?: string }[])
    .map((step) => step.run?.trim())
    .filter((run): run is string => run?.startsWith("pulumi ") === true)
    .map((run) => run.split(/\s+/).slice(1));
}

/** The ESC environment's pulumiConfig, its `${meet.x}` references resolved. */
function escPulumiConfig(): Record<string, string> {
  const { parse } = require("yaml") as typeof import("yaml");
  const env = parse(fs.readFileSync(path.join(EXAMPLE, "esc-environment.yaml"), "utf8")).values;
  return Object.fromEntries(
    Object.entries(env.pulumiConfig as Record<string, string>).map(([k, v]) => [
      k,
      v.replace(/\$\{meet\.(\w+)\}/g, (_, name: string) => env.meet[name]),
    ]),
  );
}

function ok(ran: { code: number | null; stdout: string; stderr: string }): string {
  assert.equal(ran.code, 0, `the run failed:\n${ran.stdout}\n${ran.stderr}`);
  return ran.stdout;
}

describe("engine: keyless pipeline (workload identity federation + keyless delegation) on examples/gitops-rooms", function () {
  this.timeout(300_000);
  let emulator: RunningEmulator;
  let admin: EmulatorAdminClient;
  let dir: string;
  let env: Record<string, string>;

  /** Token calls since the last look, as `method subject scopes…` (sorted), and the API calls' callers. */
  async function tokenCalls(): Promise<{ tokens: string[]; apiCallers: string[] }> {
    const journal = (await admin.requests()) as AuthJournalEntry[];
    await admin.clearRequests();
    const auth = journal.filter((e) => /^(oauth2|sts|iamcredentials|iam|metadata)\./.test(e.method));
    const tokens = auth
      .map((e) => [e.method, e.code, e.subject ?? "-", ...[...(e.scopes ?? [])].sort()].join(" "))
      .sort();
    const apiCallers = [
      ...new Set(
        journal
          .filter((e) => !auth.includes(e))
          .map((e) => `${e.method.startsWith("chat.") ? "chat" : "meet"} ${e.caller}`),
      ),
    ].sort();
    return { tokens, apiCallers };
  }

  before(async () => {
    emulator = await startEmulator({ auth: { domains: ["example.com"] } });
    admin = new EmulatorAdminClient(emulator.httpUrl);
    await setUpKeylessDelegation(emulator.httpUrl);
    dir = workCopy(EXAMPLE);
    // A second owner: the all-hands room belongs to the events team.
    const allHands = path.join(dir, "rooms", "all-hands.yaml");
    fs.writeFileSync(allHands, `owner: events@example.com\n${fs.readFileSync(allHands, "utf8")}`);
    env = {
      ...engineEnv(tempBackend()),
      PULUMI_BIN_DIR: pulumiBinDir(),
      GOOGLE_MEET_EMULATOR_HOST: emulator.grpcAddress,
      GOOGLE_MEET_EMULATOR_AUTH: "true",
      // What google-github-actions/auth leaves on the runner: no key, a federation config.
      GOOGLE_APPLICATION_CREDENTIALS: runnerCredentials(emulator.grpcAddress),
    };
    // The workflow's own `pulumi` stack and configuration steps, as written, through the real CLI;
    // its `pulumi preview --diff` and `pulumi up --yes` are the driver's, below (the driver runs
    // TypeScript programs through the same CLI, as the Node.js language host cannot be built here).
    const steps = workflowCommands();
    assert.deepEqual(steps.slice(-2), [
      ["preview", "--diff"],
      ["up", "--yes"],
    ]);
    for (const args of steps.filter((a) => a[0] === "stack" || a[0] === "config")) {
      ok(await pulumi(args, dir, env));
    }
    const config = JSON.parse(ok(await pulumi(["config", "--json", "--stack", "prod"], dir, env)));
    assert.equal(config["googlemeet:serviceAccount"].value, SERVICE_ACCOUNT);
    // The ESC environment supplies the same configuration.
    assert.deepEqual(escPulumiConfig(), {
      "googlemeet:serviceAccount": config["googlemeet:serviceAccount"].value,
      "googlemeet:impersonateUser": config["googlemeet:impersonateUser"].value,
    });
    await admin.clearRequests();
  });
  after(async () => emulator?.stop());

  it("preview (the pull request's step) shows the creates and asks for no token", async () => {
    const out = ok(await driver(["preview", "--cwd", dir, "--stack", "prod", "--diff"], env));
    assert.match(out, /\+ \d+ to create/);
    assert.deepEqual((await tokenCalls()).tokens, []);
  });

  it("up creates the rooms of two owners: one STS exchange, and per owner and scope set one signJwt and one token exchange", async () => {
    ok(await driver(["up", "--cwd", dir, "--stack", "prod"], env));
    const { tokens, apiCallers } = await tokenCalls();
    assert.deepEqual(tokens, [
      `iamcredentials.SignJwt OK events@example.com ${CREATED}`,
      `iamcredentials.SignJwt OK platform@example.com ${CHAT.join(" ")}`,
      `iamcredentials.SignJwt OK platform@example.com ${CREATED}`,
      `oauth2.Token OK events@example.com ${CREATED}`,
      `oauth2.Token OK platform@example.com ${CHAT.join(" ")}`,
      `oauth2.Token OK platform@example.com ${CREATED}`,
      `sts.Token OK - ${SCOPE}cloud-platform`,
    ]);
    assert.deepEqual(apiCallers, [
      "chat platform@example.com",
      "meet events@example.com",
      "meet platform@example.com",
    ]);
    const owners = (await admin.spaces()).map((s) => s.owner).sort();
    assert.deepEqual(owners, ["events@example.com", "platform@example.com", "platform@example.com"]);
  });

  it("an edit updates one room: one signJwt and one exchange for its owner only", async () => {
    const file = path.join(dir, "rooms", "all-hands.yaml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("accessType: TRUSTED", "accessType: RESTRICTED"),
    );
    ok(await driver(["up", "--cwd", dir, "--stack", "prod"], env));
    const { tokens, apiCallers } = await tokenCalls();
    assert.deepEqual(tokens, [
      `iamcredentials.SignJwt OK events@example.com ${CREATED}`,
      `oauth2.Token OK events@example.com ${CREATED}`,
      `sts.Token OK - ${SCOPE}cloud-platform`,
    ]);
    assert.deepEqual(apiCallers, ["meet events@example.com"]);
  });

  it("destroy retires both owners' rooms and deletes the Chat space: chat.delete only for the delete", async () => {
    ok(await driver(["destroy", "--cwd", dir, "--stack", "prod"], env));
    const { tokens } = await tokenCalls();
    assert.deepEqual(tokens, [
      `iamcredentials.SignJwt OK events@example.com ${CREATED}`,
      `iamcredentials.SignJwt OK platform@example.com ${[...CHAT, `${SCOPE}chat.delete`].sort().join(" ")}`,
      `iamcredentials.SignJwt OK platform@example.com ${CREATED}`,
      `oauth2.Token OK events@example.com ${CREATED}`,
      `oauth2.Token OK platform@example.com ${[...CHAT, `${SCOPE}chat.delete`].sort().join(" ")}`,
      `oauth2.Token OK platform@example.com ${CREATED}`,
      `sts.Token OK - ${SCOPE}cloud-platform`,
    ]);
    assert.deepEqual(await admin.chatSpaces(), []);
  });
});
