/**
 * A typed client for auth mode's /emulator/v1/auth/ hooks (global fetch): what a test or a demo
 * sets in place of Google's consoles.
 */
export interface AuthorizedUserFile {
  type: "authorized_user";
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

export class EmulatorAuthAdminClient {
  private readonly base: string;

  /** @param httpUrl the emulator's HTTP base URL, e.g. "http://127.0.0.1:8085". */
  constructor(httpUrl: string) {
    this.base = `${httpUrl.replace(/\/+$/, "")}/emulator/v1/auth`;
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path ? `/${path}` : ""}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : {};
    if (!res.ok)
      throw new Error(
        `emulator auth admin ${method} /${path}: ${res.status} ${json?.error?.message ?? text}`,
      );
    return json as T;
  }

  /** Creates (or finds) a service account; its uniqueId is the client id delegation lists. */
  createServiceAccount(email: string): Promise<{ email: string; uniqueId: string }> {
    return this.send("POST", "serviceAccounts", { email });
  }

  /** A user-managed key of the account: the key file Google hands out once. */
  createKey(serviceAccount: string): Promise<Record<string, string>> {
    return this.send("POST", `serviceAccounts/${encodeURIComponent(serviceAccount)}/keys`);
  }

  /** Grants `member` roles/iam.serviceAccountTokenCreator on `serviceAccount`. */
  async grantTokenCreator(serviceAccount: string, member: string): Promise<void> {
    await this.send("POST", "tokenCreators", { serviceAccount, member });
  }

  async revokeTokenCreator(serviceAccount: string, member: string): Promise<void> {
    await this.send("DELETE", "tokenCreators", { serviceAccount, member });
  }

  /** Sets the Admin console's domain-wide delegation entry of `clientId` (empty scopes: removes it). */
  async setDelegation(clientId: string, scopes: string[]): Promise<void> {
    await this.send("PUT", `delegation/${encodeURIComponent(clientId)}`, { scopes });
  }

  /** A person's login with these scopes: the authorized-user file gcloud would write. */
  login(user: string, scopes: string[]): Promise<AuthorizedUserFile> {
    return this.send("POST", "logins", { user, scopes });
  }

  /** The service account the metadata server hands out tokens for. */
  async setMetadataServiceAccount(serviceAccount: string): Promise<void> {
    await this.send("PUT", "metadata", { serviceAccount });
  }

  /** Every issued access token expires now (the next call must refresh). */
  async expireTokens(): Promise<void> {
    await this.send("POST", "expireTokens");
  }

  summary(): Promise<{
    domains: string[];
    serviceAccounts: { email: string; uniqueId: string; tokenCreators: string[] }[];
    delegation: Record<string, string[]>;
  }> {
    return this.send("GET", "");
  }
}
