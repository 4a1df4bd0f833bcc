/**
 * A typed client for auth mode's /emulator/v1/auth/ hooks (global fetch): what a test or a demo
 * sets in place of Google's consoles; the other admin hooks come with it.
 */
import { EmulatorAdminClient } from "../admin/client";

export interface AuthorizedUserFile {
  type: "authorized_user";
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

/** An admin client with auth mode's hooks too. */
export class EmulatorAuthAdminClient extends EmulatorAdminClient {
  private auth<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path ? `auth/${path}` : "auth", body);
  }

  /** Creates (or finds) a service account; its uniqueId is the client id delegation lists. */
  createServiceAccount(email: string): Promise<{ email: string; uniqueId: string }> {
    return this.auth("POST", "serviceAccounts", { email });
  }

  /** A user-managed key of the account: the key file Google hands out once. */
  createKey(serviceAccount: string): Promise<Record<string, string>> {
    return this.auth("POST", `serviceAccounts/${encodeURIComponent(serviceAccount)}/keys`);
  }

  /** Grants `member` roles/iam.serviceAccountTokenCreator on `serviceAccount`. */
  async grantTokenCreator(serviceAccount: string, member: string): Promise<void> {
    await this.auth("POST", "tokenCreators", { serviceAccount, member });
  }

  async revokeTokenCreator(serviceAccount: string, member: string): Promise<void> {
    await this.auth("DELETE", "tokenCreators", { serviceAccount, member });
  }

  /** Sets the Admin console's domain-wide delegation entry of `clientId` (empty scopes: removes it). */
  async setDelegation(clientId: string, scopes: string[]): Promise<void> {
    await this.auth("PUT", `delegation/${encodeURIComponent(clientId)}`, { scopes });
  }

  /** A person's login with these scopes: the authorized-user file gcloud would write. */
  login(user: string, scopes: string[]): Promise<AuthorizedUserFile> {
    return this.auth("POST", "logins", { user, scopes });
  }

  /** The service account the metadata server hands out tokens for. */
  async setMetadataServiceAccount(serviceAccount: string): Promise<void> {
    await this.auth("PUT", "metadata", { serviceAccount });
  }

  /** Every issued access token expires now (the next call must refresh). */
  async expireTokens(): Promise<void> {
    await this.auth("POST", "expireTokens");
  }

  summary(): Promise<{
    domains: string[];
    serviceAccounts: { email: string; uniqueId: string; tokenCreators: string[] }[];
    delegation: Record<string, string[]>;
  }> {
    return this.auth("GET", "");
  }
}
