/**
 * Keyless delegation against the emulator in auth mode, in process: what it costs (signJwt and
 * token exchanges counted in the journal), when it mints again, the scopes of every token per
 * resource kind and operation, and the messages of each refusal.
 */
import * as assert from "node:assert/strict";
import { GoogleAuth } from "google-auth-library";
import type { AuthJournalEntry } from "../../emulator";
import { DomainWideDelegation, REFRESH_MARGIN_MS } from "../../provider/api/credentials/delegation";
import { IamCredentialsSigner } from "../../provider/api/credentials/iamSigner";
import { tokenServices } from "../../provider/api/credentials/tokenServices";
import { CredentialError, credentialErrorOf } from "../../provider/core/errors";
import { chatApiFor } from "../../provider/chat/client";
import { type ConnectionSettings, readConnectionSettings } from "../../provider/config/connection";
import { meetApiFor } from "../../provider/meet/client";
import { SCOPE } from "../support/authEmulator";
import { useEmulator } from "../support/emulator";

const CREATED = `${SCOPE}meetings.space.created`;
const SETTINGS = `${SCOPE}meetings.space.settings`;
const CLOUD = `${SCOPE}cloud-platform`;
let accounts = 0;

describe("keyless delegation (googlemeet:serviceAccount) against the emulator's auth mode", () => {
  const emu = useEmulator({ auth: { domains: ["example.com"] } });
  let serviceAccount: string;
  let clientId: string;
  let login: Record<string, string>;

  /** A fresh account per test (the process caches delegations per account), with `scopes` delegated. */
  async function setUp(scopes: string[], tokenCreator = true): Promise<ConnectionSettings> {
    const auth = emu.emulator.auth!;
    serviceAccount = `rooms-${++accounts}@acme-meet.iam.gserviceaccount.com`;
    clientId = auth.serviceAccount(serviceAccount).uniqueId;
    auth.setDelegation(clientId, scopes);
    login = auth.login("ops@example.com", [CLOUD]);
    if (tokenCreator) auth.grantTokenCreator(serviceAccount, "user:ops@example.com");
    const config: Record<string, string> = {
      "googlemeet:serviceAccount": serviceAccount,
      "googlemeet:credentials": JSON.stringify(login),
      "googlemeet:createQuota": "100000",
      "googlemeet:projectCreateQuota": "100000",
      "googlemeet:writeQuota": "100000",
      "googlemeet:projectWriteQuota": "100000",
    };
    return readConnectionSettings((k) => config[k], {
      GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress,
      GOOGLE_MEET_EMULATOR_AUTH: "true",
    });
  }

  const tokenCalls = async () =>
    ((await emu.admin.requests()) as AuthJournalEntry[])
      .filter(
        (e) =>
          e.method === "iamcredentials.SignJwt" || (e.method === "oauth2.Token" && e.grant === "jwt-bearer"),
      )
      .map((e) => `${e.method} ${e.code} ${e.subject} ${(e.scopes ?? []).join(" ")}`);

  it("200 rooms of one owner cost one signJwt and one token exchange, whose token every call carries", async () => {
    const settings = await setUp([CREATED]);
    const api = meetApiFor(settings, "alice@example.com");
    await Promise.all(Array.from({ length: 200 }, () => api.createSpace({})));
    assert.deepEqual(await tokenCalls(), [
      `iamcredentials.SignJwt OK alice@example.com ${CREATED}`,
      `oauth2.Token OK alice@example.com ${CREATED}`,
    ]);
    const creates = (await emu.admin.requests()).filter((e) => e.method === "CreateSpace");
    assert.equal(creates.length, 200);
    assert.ok(creates.every((e) => e.code === "OK" && e.caller === "alice@example.com"));
  });

  it("mints again only when less than five minutes are left of the token", async () => {
    await setUp([CREATED]);
    // The clock starts 58 minutes back, so every JWT it dates is still valid for the emulator.
    let now = Date.now() - 58 * 60_000;
    const signer = new GoogleAuth({
      scopes: [CLOUD],
      credentials: login,
      clientOptions: {
        endpoints: { oauth2TokenUrl: `${emu.httpUrl}/token`, tokenInfoUrl: `${emu.httpUrl}/tokeninfo` },
      },
    });
    const services = tokenServices(emu.grpcAddress);
    const delegation = new DomainWideDelegation(
      serviceAccount,
      new IamCredentialsSigner(serviceAccount, signer, services),
      services,
      () => now,
    );
    const first = await delegation.accessToken("alice@example.com", [CREATED]);
    now += 3600_000 - REFRESH_MARGIN_MS - 60_000; // 6 minutes left: still cached
    assert.equal(await delegation.accessToken("alice@example.com", [CREATED]), first);
    now += 120_000; // 4 minutes left: a new one
    assert.notEqual(await delegation.accessToken("alice@example.com", [CREATED]), first);
    assert.equal((await tokenCalls()).length, 4);
  });

  it("asks for exactly the scopes of each kind and operation: rooms created; adopt + settings; Chat only for Chat, chat.delete only to delete", async () => {
    const all = [CREATED, SETTINGS, `${SCOPE}chat.spaces`, `${SCOPE}chat.memberships`, `${SCOPE}chat.delete`];
    const settings = await setUp(all);
    await meetApiFor(settings, "alice@example.com").createSpace({});
    const { name } = await meetApiFor(settings, "alice@example.com", { adopt: true }).createSpace({});
    await meetApiFor(settings, "alice@example.com", { adopt: true }).getSpace(name);
    const chat = await chatApiFor(settings, "alice@example.com").setUpSpace({
      space: { spaceType: "SPACE", displayName: "Ops" },
      requestId: "r1",
      memberships: [],
    });
    await chatApiFor(settings, "alice@example.com", { delete: true }).deleteSpace(chat.name);
    const exchanges = (await tokenCalls()).filter((c) => c.startsWith("oauth2"));
    assert.deepEqual(exchanges, [
      `oauth2.Token OK alice@example.com ${CREATED}`,
      `oauth2.Token OK alice@example.com ${CREATED} ${SETTINGS}`,
      `oauth2.Token OK alice@example.com ${SCOPE}chat.spaces ${SCOPE}chat.memberships`,
      `oauth2.Token OK alice@example.com ${SCOPE}chat.spaces ${SCOPE}chat.memberships ${SCOPE}chat.delete`,
    ]);
  });

  /** The message of the first call's refusal; also checks that nothing secret is in it. */
  async function refusal(
    settings: ConnectionSettings,
    user: string,
    needs = { adopt: false },
  ): Promise<string> {
    const err = await meetApiFor(settings, user, needs)
      .createSpace({})
      .then(
        () => assert.fail("the call succeeded"),
        (e: Error) => e,
      );
    assert.equal(err.name, "CredentialError");
    for (const secret of [login.refresh_token, login.client_secret]) assert.ok(!err.message.includes(secret));
    assert.doesNotMatch(err.message, /ya29\.|eyJ/, "no token or JWT in the message");
    assert.ok(!(await emu.admin.requests()).some((e) => e.method === "CreateSpace"), "no API call was made");
    return err.message;
  }

  it("signJwt denied: names roles/iam.serviceAccountTokenCreator and the exact gcloud command for the signer", async () => {
    const settings = await setUp([CREATED], false);
    assert.equal(
      await refusal(settings, "alice@example.com"),
      `Cannot act as service account ${serviceAccount} without a key: IAM Credentials refused signJwt (PERMISSION_DENIED: Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist).). The signing credentials (user:ops@example.com) need the role roles/iam.serviceAccountTokenCreator (Service Account Token Creator) on ${serviceAccount}. Grant it once with:\n  gcloud iam service-accounts add-iam-policy-binding ${serviceAccount} --member="user:ops@example.com" --role="roles/iam.serviceAccountTokenCreator"\nGoogle answers the same when ${serviceAccount} does not exist: check googlemeet:serviceAccount.`,
    );
  });

  it("delegation missing a scope (unauthorized_client): names the client id and the exact scopes to paste", async () => {
    const settings = await setUp([CREATED]);
    assert.equal(
      await refusal(settings, "alice@example.com", { adopt: true }),
      `Google refused to let ${serviceAccount} act as alice@example.com (unauthorized_client): domain-wide delegation is not granted for its client ID ${clientId} with every scope asked for. A Workspace super administrator adds it once in admin.google.com > Security > Access and data control > API controls > Domain-wide delegation: Add new (or edit the existing entry of) client ID ${clientId}, with these OAuth scopes (keep any it already lists):\n  ${CREATED},${SETTINGS}\nChanges can take a few minutes to apply.`,
    );
  });

  it("no delegation at all is the same unauthorized_client, with the scopes of the call", async () => {
    const settings = await setUp([]);
    assert.match(
      await refusal(settings, "alice@example.com"),
      new RegExp(
        `client ID ${clientId}, with these OAuth scopes \\(keep any it already lists\\):\\n  ${CREATED.replace(/\./g, "\\.")}\\n`,
      ),
    );
  });

  it("a user outside the Workspace domain: says so, and what to set", async () => {
    const settings = await setUp([CREATED]);
    assert.equal(
      await refusal(settings, "bob@other.org"),
      `Google refused to let ${serviceAccount} act as bob@other.org (invalid_grant: Invalid email or User ID): bob@other.org is not a user of the Google Workspace domain that granted the delegation. Domain-wide delegation acts only for that domain's users: set the resource's owner (or googlemeet:impersonateUser) to a user of your domain, and check the address for typos.`,
    );
  });

  it("a Chat call refused for credentials is the same CredentialError, not retried (Chat's REST seam)", async () => {
    const settings = await setUp([CREATED]);
    const err = await chatApiFor(settings, "alice@example.com")
      .setUpSpace({ space: { spaceType: "SPACE", displayName: "Ops" }, requestId: "r2", memberships: [] })
      .then(
        () => assert.fail("the call succeeded"),
        (e: Error) => e,
      );
    assert.equal(err.name, "CredentialError");
    assert.match(err.message, new RegExp(`client ID ${clientId}, with these OAuth scopes`));
    assert.equal((await tokenCalls()).filter((c) => c.startsWith("oauth2")).length, 1, "asked once");
  });

  it("over gRPC, a refusal wrapped by grpc-js as UNAVAILABLE is known again (and only ours)", () => {
    const ours = new CredentialError("Google refused to let x act as y (unauthorized_client): …");
    const wrapped = { code: 14, details: `Getting metadata from plugin failed with error: ${ours.message}` };
    assert.equal(credentialErrorOf(wrapped)?.message, ours.message);
    assert.equal(
      credentialErrorOf({
        code: 14,
        details: "Getting metadata from plugin failed with error: socket hang up",
      }),
      undefined,
    );
    assert.equal(credentialErrorOf(new Error("UNAVAILABLE")), undefined);
  });

  it("no Application Default Credentials at all: configure says what to set up, naming the account", () => {
    const none = {
      readFile: () => {
        throw Object.assign(new Error("absent"), { code: "ENOENT" });
      },
      onGoogleCloud: () => false,
      home: () => "/nowhere",
    };
    assert.throws(
      () =>
        readConnectionSettings(
          (k) => ({ "googlemeet:serviceAccount": "rooms@acme-meet.iam.gserviceaccount.com" })[k],
          { GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress, GOOGLE_MEET_EMULATOR_AUTH: "true" },
          undefined,
          none,
        ),
      {
        message:
          "googlemeet:serviceAccount is rooms@acme-meet.iam.gserviceaccount.com, but no Application Default Credentials were found to act as it (tried GOOGLE_APPLICATION_CREDENTIALS, gcloud's application-default file, and a Google Cloud metadata server). Provide one: on a workstation, gcloud auth application-default login; in GitHub Actions, google-github-actions/auth with workload_identity_provider (keyless); on Google Cloud, the runtime's attached service account. Those credentials need roles/iam.serviceAccountTokenCreator on rooms@acme-meet.iam.gserviceaccount.com.",
      },
    );
  });

  it("a key file (case 3) goes through the same delegation: signed locally, no signJwt, one exchange for many rooms", async () => {
    const auth = emu.emulator.auth!;
    const account = `keyed-${++accounts}@acme-meet.iam.gserviceaccount.com`;
    const key = auth.createKey(account);
    auth.setDelegation(key.client_id, [CREATED]);
    const config: Record<string, string> = {
      "googlemeet:credentials": JSON.stringify(key),
      "googlemeet:createQuota": "100000",
      "googlemeet:projectCreateQuota": "100000",
    };
    const settings = readConnectionSettings((k) => config[k], {
      GOOGLE_MEET_EMULATOR_HOST: emu.grpcAddress,
      GOOGLE_MEET_EMULATOR_AUTH: "true",
    });
    const api = meetApiFor(settings, "alice@example.com");
    await Promise.all(Array.from({ length: 20 }, () => api.createSpace({})));
    assert.deepEqual(await tokenCalls(), [`oauth2.Token OK alice@example.com ${CREATED}`]);
    const err = await meetApiFor(settings, "alice@example.com", { adopt: true })
      .createSpace({})
      .then(
        () => assert.fail("the call succeeded"),
        (e: Error) => e,
      );
    assert.match(err.message, new RegExp(`client ID ${key.client_id}, with these OAuth scopes`));
    assert.ok(!err.message.includes("PRIVATE KEY"));
  });

  it("googlemeet:serviceAccount must be a service account's email", () => {
    assert.throws(
      () =>
        readConnectionSettings(
          (k) => ({ "googlemeet:serviceAccount": "rooms@acme.com", "googlemeet:accessToken": "t" })[k],
          {},
        ),
      {
        message:
          'Stack config googlemeet:serviceAccount must be a service account\'s email, e.g. meet-rooms@my-project.iam.gserviceaccount.com, got "rooms@acme.com"',
      },
    );
  });
});
