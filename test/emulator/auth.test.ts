/**
 * The emulator's auth mode as Google's token services: each rule of Google's documentation it
 * models, pinned with Google's sentence, and the tokens it issues honoured by Meet per method.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as crypto from "node:crypto";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { signJwt } from "../../emulator/auth/jwt";
import { SCOPE } from "../support/authEmulator";
import { useEmulator } from "../support/emulator";

const SA = "rooms@acme-meet.iam.gserviceaccount.com";
const CREATED = `${SCOPE}meetings.space.created`;
const CLOUD = `${SCOPE}cloud-platform`;
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

async function post(url: string, body: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function postJson(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("emulator auth mode: Google's token services", () => {
  const emu = useEmulator({ auth: { domains: ["example.com"] } });
  const now = () => Math.floor(Date.now() / 1000);
  /** A login's access token with `scopes`, through the refresh-token grant. */
  async function loginToken(user: string, scopes: string[]): Promise<string> {
    const login = emu.emulator.auth!.login(user, scopes);
    const res = await post(`${emu.httpUrl}/token`, {
      grant_type: "refresh_token",
      client_id: login.client_id,
      client_secret: login.client_secret,
      refresh_token: login.refresh_token,
    });
    assert.equal(res.status, 200);
    return res.body.access_token;
  }
  /** signJwt's answer for `claims`, as `caller` (granted Token Creator unless `grant` is false). */
  async function signed(claims: object, grant = true) {
    const auth = emu.emulator.auth!;
    auth.serviceAccount(SA);
    if (grant) auth.grantTokenCreator(SA, "user:ops@example.com");
    const token = await loginToken("ops@example.com", [CLOUD]);
    return postJson(
      `${emu.httpUrl}/v1/projects/-/serviceAccounts/${SA}:signJwt`,
      { payload: JSON.stringify(claims) },
      token,
    );
  }
  const delegationClaims = (extra: object = {}) => ({
    iss: SA,
    sub: "alice@example.com",
    scope: CREATED,
    aud: "https://oauth2.googleapis.com/token",
    iat: now(),
    exp: now() + 3600,
    ...extra,
  });

  it("delegation: a signed JWT for a listed client and scope becomes alice's token, which Meet honours with user, scopes and app", async () => {
    const auth = emu.emulator.auth!;
    const { uniqueId } = auth.serviceAccount(SA);
    auth.setDelegation(uniqueId, [CREATED]);
    const sign = await signed(delegationClaims());
    assert.equal(sign.status, 200);
    const exchange = await post(`${emu.httpUrl}/token`, {
      grant_type: JWT_BEARER,
      assertion: sign.body.signedJwt,
    });
    assert.equal(exchange.status, 200);
    assert.equal(exchange.body.token_type, "Bearer");
    assert.deepEqual(auth.caller(exchange.body.access_token), {
      email: "alice@example.com",
      scopes: [CREATED],
      app: uniqueId,
    });
    const created = await fetch(`${emu.httpUrl}/v2/spaces`, {
      method: "POST",
      headers: { authorization: `Bearer ${exchange.body.access_token}`, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(created.status, 200);
    const [space] = await emu.admin.spaces();
    assert.equal(space.owner, "alice@example.com");
  });

  it("Meet checks each method's scopes against the token's: a Chat-only token cannot create a room", async () => {
    const token = await loginToken("alice@example.com", [`${SCOPE}chat.spaces`]);
    const res = await fetch(`${emu.httpUrl}/v2/spaces`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(res.status, 403);
    assert.match(
      ((await res.json()) as any).error.message,
      /insufficient authentication scopes: CreateSpace needs one of .*meetings\.space\.created/,
    );
  });

  it("only issued tokens: none, an email, or an expired token is UNAUTHENTICATED", async () => {
    const token = await loginToken("alice@example.com", [CREATED]);
    emu.emulator.auth!.expireTokens();
    for (const authorization of [undefined, "Bearer alice@example.com", `Bearer ${token}`]) {
      const res = await fetch(`${emu.httpUrl}/v2/spaces`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: "{}",
      });
      assert.equal(res.status, 401, String(authorization));
    }
    assert.deepEqual(await emu.admin.spaces(), []);
  });

  it('signJwt: "Authorization requires the following IAM permission on the specified resource name: iam.serviceAccounts.signJwt"', async () => {
    const res = await signed(delegationClaims(), false);
    assert.equal(res.status, 403);
    assert.equal(
      res.body.error.message,
      "Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist).",
    );
    assert.equal(res.body.error.details[0].reason, "IAM_PERMISSION_DENIED");
  });

  it('signJwt on a missing account: "the response contains an HTTP 403 Forbidden error instead of a 404 Not Found error"', async () => {
    const token = await loginToken("ops@example.com", [CLOUD]);
    const res = await postJson(
      `${emu.httpUrl}/v1/projects/-/serviceAccounts/nobody@acme-meet.iam.gserviceaccount.com:signJwt`,
      { payload: "{}" },
      token,
    );
    assert.equal(res.status, 403);
  });

  it("signJwt needs a token with cloud-platform (or iam) scope", async () => {
    emu.emulator.auth!.grantTokenCreator(SA, "user:ops@example.com");
    const token = await loginToken("ops@example.com", [CREATED]);
    const res = await postJson(
      `${emu.httpUrl}/v1/projects/-/serviceAccounts/${SA}:signJwt`,
      { payload: "{}" },
      token,
    );
    assert.equal(res.status, 403);
    assert.equal(res.body.error.details[0].reason, "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
  });

  it('signJwt: "The exp (expiration time) claim must be no more than 12 hours in the future"', async () => {
    const res = await signed(delegationClaims({ exp: now() + 13 * 3600 }));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.status, "INVALID_ARGUMENT");
  });

  for (const [what, claims, description] of [
    [
      'exp "has a maximum of 1 hour after the issued time"',
      { exp: now() + 7200 },
      /short-lived token \(60 minutes\)/,
    ],
    ['aud "is always https://oauth2.googleapis.com/token"', { aud: "https://example.com/token" }, /audience/],
  ] as const) {
    it(`JWT-bearer grant: ${what}`, async () => {
      const sign = await signed(delegationClaims(claims));
      const res = await post(`${emu.httpUrl}/token`, {
        grant_type: JWT_BEARER,
        assertion: sign.body.signedJwt,
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, "invalid_grant");
      assert.match(res.body.error_description, description);
    });
  }

  it("JWT-bearer grant: a JWT not signed by the account's key is refused", async () => {
    emu.emulator.auth!.serviceAccount(SA);
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = signJwt(delegationClaims(), privateKey, "forged");
    const res = await post(`${emu.httpUrl}/token`, { grant_type: JWT_BEARER, assertion: forged });
    assert.deepEqual(res.body, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
  });

  it("JWT-bearer grant: a scope outside the delegation entry is unauthorized_client (401); a user outside the domain invalid_grant", async () => {
    const auth = emu.emulator.auth!;
    auth.setDelegation(auth.serviceAccount(SA).uniqueId, [CREATED]);
    const wider = await signed(delegationClaims({ scope: `${CREATED} ${SCOPE}meetings.space.settings` }));
    const refused = await post(`${emu.httpUrl}/token`, {
      grant_type: JWT_BEARER,
      assertion: wider.body.signedJwt,
    });
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.body, {
      error: "unauthorized_client",
      error_description:
        "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.",
    });
    const outside = await signed(delegationClaims({ sub: "bob@other.org" }));
    const stranger = await post(`${emu.httpUrl}/token`, {
      grant_type: JWT_BEARER,
      assertion: outside.body.signedJwt,
    });
    assert.deepEqual(stranger.body, {
      error: "invalid_grant",
      error_description: "Invalid email or User ID",
    });
  });

  it("refresh-token grant: a wrong secret is invalid_client, an unknown token invalid_grant", async () => {
    const login = emu.emulator.auth!.login("ops@example.com", [CLOUD]);
    const base = { grant_type: "refresh_token", client_id: login.client_id };
    const wrongSecret = await post(`${emu.httpUrl}/token`, {
      ...base,
      client_secret: "x",
      refresh_token: login.refresh_token,
    });
    assert.equal(wrongSecret.body.error, "invalid_client");
    const unknown = await post(`${emu.httpUrl}/token`, {
      ...base,
      client_secret: login.client_secret,
      refresh_token: "1//nope",
    });
    assert.deepEqual(unknown.body, {
      error: "invalid_grant",
      error_description: "Token has been expired or revoked.",
    });
  });

  it("STS: a pool provider's audience and an OIDC token make a federated principal, which a principalSet grant matches by attribute", async () => {
    const pool = "projects/123456789012/locations/global/workloadIdentityPools/github";
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const oidc = (repository: string) =>
      `${part({ alg: "RS256" })}.${part({ sub: `repo:${repository}:ref:refs/heads/main`, repository })}.sig`;
    const exchange = (audience: string, repository: string) =>
      post(`${emu.httpUrl}/v1/token`, {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        audience,
        scope: CLOUD,
        requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
        subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
        subject_token: oidc(repository),
      });
    const bad = await exchange("//iam.googleapis.com/projects/1/wrong", "acme/rooms");
    assert.equal(bad.body.error, "invalid_target");
    emu.emulator.auth!.grantTokenCreator(
      SA,
      `principalSet://iam.googleapis.com/${pool}/attribute.repository/acme/rooms`,
    );
    const sign = async (repository: string) => {
      const sts = await exchange(`//iam.googleapis.com/${pool}/providers/rooms`, repository);
      assert.equal(sts.status, 200);
      return postJson(
        `${emu.httpUrl}/v1/projects/-/serviceAccounts/${SA}:signJwt`,
        { payload: "{}" },
        sts.body.access_token,
      );
    };
    assert.equal((await sign("acme/rooms")).status, 200);
    assert.equal((await sign("acme/other")).status, 403, "another repository's jobs are not granted");
  });

  it('metadata server: refuses requests without "Metadata-Flavor: Google"; with it, hands out the attached account\'s token', async () => {
    emu.emulator.auth!.metadataServiceAccount = SA;
    const url = `${emu.httpUrl}/computeMetadata/v1/instance/service-accounts/default/token?scopes=${encodeURIComponent(CLOUD)}`;
    assert.equal((await fetch(url)).status, 403);
    const res = await fetch(url, { headers: { "metadata-flavor": "Google" } });
    assert.equal(res.headers.get("metadata-flavor"), "Google");
    const body = (await res.json()) as any;
    assert.deepEqual(emu.emulator.auth!.caller(body.access_token)?.email, SA);
  });

  it("every token call is journalled with its scopes and subject", async () => {
    const auth = emu.emulator.auth!;
    auth.setDelegation(auth.serviceAccount(SA).uniqueId, [CREATED]);
    await emu.admin.clearRequests();
    const sign = await signed(delegationClaims());
    await post(`${emu.httpUrl}/token`, { grant_type: JWT_BEARER, assertion: sign.body.signedJwt });
    const journal = (await emu.admin.requests()) as any[];
    assert.deepEqual(
      journal.map((e) => [e.method, e.code, e.subject ?? "", (e.scopes ?? []).join(" ")]),
      [
        ["oauth2.Token", "OK", "", CLOUD],
        ["iamcredentials.SignJwt", "OK", "alice@example.com", CREATED],
        ["oauth2.Token", "OK", "alice@example.com", CREATED],
      ],
    );
  });

  it("the CLI's --auth start line says so and gives the provider's environment", async () => {
    const child = spawn(
      process.execPath,
      [
        join(__dirname, "..", "..", "emulator", "cli.js"),
        "--grpc-port",
        "0",
        "--http-port",
        "0",
        "--auth",
        "--quiet",
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const line: string = await new Promise((resolve) =>
        createInterface({ input: child.stdout! }).once("line", resolve),
      );
      const ready = JSON.parse(line);
      assert.equal(ready.auth, true);
      assert.deepEqual(ready.env, {
        GOOGLE_MEET_EMULATOR_HOST: ready.grpc,
        GOOGLE_MEET_EMULATOR_AUTH: "true",
        GCE_METADATA_HOST: ready.grpc,
      });
      const summary = await fetch(`${ready.http}/emulator/v1/auth`);
      assert.deepEqual(((await summary.json()) as any).domains, ["example.com"]);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
