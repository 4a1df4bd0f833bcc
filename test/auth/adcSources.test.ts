/**
 * Keyless delegation with each kind of Application Default Credentials google-auth-library finds,
 * each in a child process with only that credential in its environment, against the emulator in
 * auth mode: a Google Cloud runtime's metadata server (GCE_METADATA_HOST), workload identity
 * federation through a pipeline service account (service_account_impersonation_url), and a
 * person's login without delegation (the rooms are theirs).
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { AuthJournalEntry } from "../../emulator";
import { POOL, REPOSITORY, SCOPE, SERVICE_ACCOUNT, runnerCredentials } from "../support/authEmulator";
import { useEmulator } from "../support/emulator";

const CREATED = `${SCOPE}meetings.space.created`;
const CHILD = path.join(__dirname, "adcChild.js");
const RUNTIME_SA = "runner@acme-ci.iam.gserviceaccount.com";

describe("keyless delegation from each source of Application Default Credentials", function () {
  this.timeout(60_000);
  const emu = useEmulator({ auth: { domains: ["example.com"] } });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "meet-adc-home-"));
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  /** One CreateSpace in a child whose only credentials are `env`'s. */
  function createRoom(
    env: Record<string, string>,
    config: Record<string, string>,
  ): Promise<{ name?: string; error?: string }> {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(GOOGLE_|GCE_|CLOUDSDK_|METADATA_)/.test(k)),
    );
    return new Promise((resolve, reject) =>
      execFile(
        process.execPath,
        [CHILD, JSON.stringify(config)],
        {
          env: {
            ...clean,
            HOME: home,
            CLOUDSDK_CONFIG: home,
            GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress,
            GOOGLE_MEET_EMULATOR_AUTH: "true",
            ...env,
          },
        },
        (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout))),
      ),
    );
  }

  const delegated = { "googlemeet:serviceAccount": SERVICE_ACCOUNT, owner: "alice@example.com" };
  async function delegate(): Promise<void> {
    const auth = emu.emulator.auth!;
    auth.setDelegation(auth.serviceAccount(SERVICE_ACCOUNT).uniqueId, [CREATED]);
  }
  const journal = async () =>
    ((await emu.admin.requests()) as AuthJournalEntry[]).map((e) => `${e.method} ${e.code} ${e.caller}`);

  /** Attaches the runtime's account (created first: the metadata server must answer within 3 s). */
  function attach(): void {
    emu.emulator.auth!.serviceAccount(RUNTIME_SA);
    emu.emulator.auth!.metadataServiceAccount = RUNTIME_SA;
  }

  it("a Google Cloud runtime's attached service account, through the metadata server", async () => {
    await delegate();
    attach();
    emu.emulator.auth!.grantTokenCreator(SERVICE_ACCOUNT, `serviceAccount:${RUNTIME_SA}`);
    const made = await createRoom({ GCE_METADATA_HOST: emu.grpcAddress }, delegated);
    assert.ok(made.name, made.error);
    assert.deepEqual(await journal(), [
      `metadata.Token OK ${RUNTIME_SA}`,
      `iamcredentials.SignJwt OK serviceAccount:${RUNTIME_SA}`,
      `oauth2.Token OK ${SERVICE_ACCOUNT}`,
      "CreateSpace OK alice@example.com",
    ]);
  });

  it("the runtime's account without Token Creator: the grant command names serviceAccount:<it>", async () => {
    await delegate();
    attach();
    const made = await createRoom({ GCE_METADATA_HOST: emu.grpcAddress }, delegated);
    assert.match(
      made.error ?? "",
      new RegExp(
        `gcloud iam service-accounts add-iam-policy-binding ${SERVICE_ACCOUNT} --member="serviceAccount:${RUNTIME_SA}" --role="roles/iam.serviceAccountTokenCreator"`,
      ),
    );
  });

  it("workload identity federation through a pipeline service account (service_account_impersonation_url)", async () => {
    await delegate();
    const auth = emu.emulator.auth!;
    const pipeline = "pipeline@acme-ci.iam.gserviceaccount.com";
    auth.grantTokenCreator(
      pipeline,
      `principalSet://iam.googleapis.com/${POOL}/attribute.repository/${REPOSITORY}`,
    );
    auth.grantTokenCreator(SERVICE_ACCOUNT, `serviceAccount:${pipeline}`);
    const file = runnerCredentials(emu.grpcAddress);
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    json.service_account_impersonation_url = `http://${emu.grpcAddress}/v1/projects/-/serviceAccounts/${pipeline}:generateAccessToken`;
    fs.writeFileSync(file, JSON.stringify(json));
    const made = await createRoom({ GOOGLE_APPLICATION_CREDENTIALS: file }, delegated);
    assert.ok(made.name, made.error);
    assert.deepEqual(await journal(), [
      `sts.Token OK principal://iam.googleapis.com/${POOL}/subject/repo:${REPOSITORY}:ref:refs/heads/main`,
      `iamcredentials.GenerateAccessToken OK principal://iam.googleapis.com/${POOL}/subject/repo:${REPOSITORY}:ref:refs/heads/main`,
      `iamcredentials.SignJwt OK serviceAccount:${pipeline}`,
      `oauth2.Token OK ${SERVICE_ACCOUNT}`,
      "CreateSpace OK alice@example.com",
    ]);
  });

  it("a person's login (authorized_user), no delegation: the room is theirs, the token from the refresh-token grant", async () => {
    const login = emu.emulator.auth!.login("ada@example.com", [CREATED]);
    const file = path.join(home, "application_default_credentials.json");
    fs.writeFileSync(file, JSON.stringify(login));
    try {
      const made = await createRoom({}, {});
      assert.ok(made.name, made.error);
      assert.deepEqual(await journal(), [
        `oauth2.Token OK ${login.client_id}`,
        "CreateSpace OK ada@example.com",
      ]);
    } finally {
      fs.rmSync(file);
    }
  });
});
