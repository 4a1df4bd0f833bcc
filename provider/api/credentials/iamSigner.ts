/**
 * Keyless signing: Application Default Credentials (a person's login, workload identity
 * federation, a runtime's attached service account) ask IAM Credentials' signJwt to sign as the
 * service account, through the ADC client's own `request()` (which adds and refreshes its token).
 * Needs roles/iam.serviceAccountTokenCreator on the account.
 */
import { BaseExternalAccountClient, type GoogleAuth, UserRefreshClient } from "google-auth-library";
import { CredentialError } from "../../core/errors";
import { noCredentialsToSign, signJwtDenied } from "./credentialErrors";
import type { JwtSigner } from "./delegation";
import type { TokenServices } from "./tokenServices";

export class IamCredentialsSigner implements JwtSigner {
  constructor(
    private readonly serviceAccount: string,
    /** The Application Default Credentials that sign (scope cloud-platform). */
    private readonly auth: GoogleAuth,
    private readonly services: TokenServices,
  ) {}

  private accountUrl(): string {
    return `${this.services.iamCredentials}/v1/projects/-/serviceAccounts/${encodeURIComponent(this.serviceAccount)}`;
  }

  async sign(claims: object): Promise<string> {
    try {
      const res = await this.auth.request<{ signedJwt: string }>({
        url: `${this.accountUrl()}:signJwt`,
        method: "POST",
        data: { payload: JSON.stringify(claims) },
        retry: false,
      });
      return res.data.signedJwt;
    } catch (err) {
      throw await this.refusal(err);
    }
  }

  /** The account's unique id through IAM (only asked when delegation is refused). */
  async clientId(): Promise<string | undefined> {
    const url = `${this.services.iam}/v1/projects/-/serviceAccounts/${encodeURIComponent(this.serviceAccount)}`;
    const res = await this.auth.request<{ uniqueId?: string; oauth2ClientId?: string }>({
      url,
      retry: false,
    });
    return res.data.oauth2ClientId || res.data.uniqueId;
  }

  private async refusal(err: unknown): Promise<unknown> {
    const e = err as { message?: string; status?: number; response?: { status?: number; data?: any } };
    if (/Could not load the default credentials/i.test(e.message ?? ""))
      return noCredentialsToSign(this.serviceAccount);
    const status = e.response?.status ?? e.status;
    const google = e.response?.data?.error;
    if (status === 403) {
      const detail = `${google?.status ?? "PERMISSION_DENIED"}: ${google?.message ?? "denied"}`;
      return signJwtDenied(this.serviceAccount, await signerMember(this.auth).catch(() => undefined), detail);
    }
    if (status && google?.message) {
      return new CredentialError(
        `Cannot act as service account ${this.serviceAccount}: IAM Credentials signJwt answered ${google.status ?? status}: ${google.message}`,
      );
    }
    return err;
  }
}

/**
 * The IAM member of the signing credentials, for the grant command: a person's `user:` (from
 * tokeninfo), an impersonated or attached service account, or a workload identity pool principal.
 */
export async function signerMember(auth: GoogleAuth): Promise<string | undefined> {
  const client = await auth.getClient();
  if (client instanceof BaseExternalAccountClient) {
    const sa = client.getServiceAccountEmail();
    if (sa) return `serviceAccount:${sa}`;
    const audience = String((client as unknown as { audience?: string }).audience ?? "");
    const pool = /^\/\/iam\.googleapis\.com\/(.+\/workloadIdentityPools\/[^/]+)\/providers\//.exec(
      audience,
    )?.[1];
    return pool ? `principalSet://iam.googleapis.com/${pool}/attribute.repository/OWNER/REPO` : undefined;
  }
  if (client instanceof UserRefreshClient) {
    const { token } = await client.getAccessToken();
    const info = token ? await client.getTokenInfo(token) : undefined;
    return info?.email ? `user:${info.email}` : undefined;
  }
  const { client_email } = await auth.getCredentials();
  return client_email ? `serviceAccount:${client_email}` : undefined;
}
