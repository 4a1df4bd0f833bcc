/**
 * Auth mode's one-time setup, as Google's consoles would hold it, for tests: a delegated service
 * account with its Admin console entry, a workload identity pool principal (a GitHub Actions job)
 * with Token Creator on it, and the files a runner has (its OIDC token, and the external_account
 * credentials file google-github-actions/auth writes, pointing at the emulator's STS).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorAuthAdminClient } from "../../emulator";

export const SCOPE = "https://www.googleapis.com/auth/";
export const SERVICE_ACCOUNT = "meet-rooms@acme-meet.iam.gserviceaccount.com";
export const POOL = "projects/123456789012/locations/global/workloadIdentityPools/github";
export const REPOSITORY = "acme/rooms";
/** What the README asks a Workspace admin to paste for the delegated account. */
export const DELEGATED_SCOPES = [
  `${SCOPE}meetings.space.created`,
  `${SCOPE}meetings.space.settings`,
  `${SCOPE}chat.spaces`,
  `${SCOPE}chat.memberships`,
  `${SCOPE}chat.delete`,
];

/** A GitHub Actions OIDC token's shape (the emulator's STS reads its claims; it cannot check GitHub's signature). */
function githubOidcToken(repository: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({
    iss: "https://token.actions.githubusercontent.com",
    aud: `https://iam.googleapis.com/${POOL}/providers/rooms`,
    sub: `repo:${repository}:ref:refs/heads/main`,
    repository,
    ref: "refs/heads/main",
    iat: now,
    exp: now + 3600,
  })}.c2lnbmF0dXJl`;
}

/**
 * The runner's files: its OIDC token and an external_account credentials file naming the
 * emulator's STS as token_url. Returns the credentials file's path (GOOGLE_APPLICATION_CREDENTIALS).
 */
export function runnerCredentials(emulatorHost: string, repository = REPOSITORY): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meet-runner-"));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const tokenFile = path.join(dir, "oidc-token");
  fs.writeFileSync(tokenFile, githubOidcToken(repository));
  const file = path.join(dir, "gha-creds.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: "external_account",
      audience: `//iam.googleapis.com/${POOL}/providers/rooms`,
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      token_url: `http://${emulatorHost}/v1/token`,
      credential_source: { file: tokenFile },
    }),
  );
  return file;
}

/** The one-time setup: the account, its delegation entry, and Token Creator for the repository's jobs. */
export async function setUpKeylessDelegation(
  httpUrl: string,
  scopes: string[] = DELEGATED_SCOPES,
): Promise<{ admin: EmulatorAuthAdminClient; clientId: string }> {
  const admin = new EmulatorAuthAdminClient(httpUrl);
  const { uniqueId } = await admin.createServiceAccount(SERVICE_ACCOUNT);
  await admin.setDelegation(uniqueId, scopes);
  await admin.grantTokenCreator(
    SERVICE_ACCOUNT,
    `principalSet://iam.googleapis.com/${POOL}/attribute.repository/${REPOSITORY}`,
  );
  return { admin, clientId: uniqueId };
}
