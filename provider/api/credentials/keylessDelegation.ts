/**
 * Domain-wide delegation without a key file. Whatever Application Default Credentials are present
 * (a person's login, workload identity federation, a runtime's attached service account) ask IAM
 * Credentials' signJwt to sign, as the delegated service account, the claim set
 * {iss: account, sub: user, scope, aud: token endpoint, iat, exp}; Google's token endpoint
 * exchanges that JWT (JWT-bearer grant, RFC 7523) for the user's access token. Tokens are cached
 * per (user, scopes) for the process and minted again shortly before they expire, and concurrent
 * callers share one mint: 200 rooms of one owner cost one signJwt and one exchange.
 */
import { BaseExternalAccountClient, type GoogleAuth, UserRefreshClient } from "google-auth-library";
import { CredentialError } from "../../core/errors";
import {
  delegationMissing,
  noCredentialsToSign,
  signJwtDenied,
  tokenRefused,
  userOutsideDomain,
} from "./credentialErrors";
import type { TokenServices } from "./tokenServices";

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Google's limit for a delegation JWT, and so for the token it buys. */
const LIFETIME_S = 3600;
/** Mint again when less than this is left, so no call starts with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

interface Token {
  value: string;
  expiresAt: number;
}

export class KeylessDelegation {
  private readonly tokens = new Map<string, Token>();
  private readonly minting = new Map<string, Promise<Token>>();

  constructor(
    readonly serviceAccount: string,
    /** The Application Default Credentials that sign (scope cloud-platform). */
    private readonly signer: GoogleAuth,
    private readonly services: TokenServices,
    private readonly now: () => number = Date.now,
  ) {}

  /** An access token for `user` with exactly `scopes`, from the cache when it has long enough left. */
  async accessToken(user: string, scopes: readonly string[]): Promise<string> {
    const key = `${user}|${[...scopes].sort().join(" ")}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - this.now() > REFRESH_MARGIN_MS) return cached.value;
    let pending = this.minting.get(key);
    if (!pending) {
      pending = this.mint(user, scopes).finally(() => this.minting.delete(key));
      this.minting.set(key, pending);
    }
    const token = await pending;
    this.tokens.set(key, token);
    return token.value;
  }

  private async mint(user: string, scopes: readonly string[]): Promise<Token> {
    const issuedAt = Math.floor(this.now() / 1000);
    const claims = {
      iss: this.serviceAccount,
      sub: user,
      scope: scopes.join(" "),
      aud: this.services.oauthToken,
      iat: issuedAt,
      exp: issuedAt + LIFETIME_S,
    };
    const assertion = await this.sign(claims);
    const res = await fetch(this.services.oauthToken, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof body.access_token !== "string") {
      throw await this.exchangeRefused(
        user,
        scopes,
        String(body.error ?? res.status),
        String(body.error_description ?? ""),
      );
    }
    const expiresIn = Number(body.expires_in ?? LIFETIME_S);
    return { value: body.access_token, expiresAt: this.now() + expiresIn * 1000 };
  }

  /** signJwt through the ADC client's own `request()` (which adds and refreshes its token). */
  private async sign(claims: object): Promise<string> {
    const url = `${this.services.iamCredentials}/v1/projects/-/serviceAccounts/${encodeURIComponent(this.serviceAccount)}:signJwt`;
    try {
      const res = await this.signer.request<{ signedJwt: string }>({
        url,
        method: "POST",
        data: { payload: JSON.stringify(claims) },
        retry: false,
      });
      return res.data.signedJwt;
    } catch (err) {
      throw await this.signRefused(err);
    }
  }

  private async signRefused(err: unknown): Promise<unknown> {
    const e = err as { message?: string; status?: number; response?: { status?: number; data?: any } };
    if (/Could not load the default credentials/i.test(e.message ?? ""))
      return noCredentialsToSign(this.serviceAccount);
    const status = e.response?.status ?? e.status;
    const google = e.response?.data?.error;
    if (status === 403) {
      const detail = `${google?.status ?? "PERMISSION_DENIED"}: ${google?.message ?? "denied"}`;
      return signJwtDenied(
        this.serviceAccount,
        await signerMember(this.signer).catch(() => undefined),
        detail,
      );
    }
    if (status && google?.message) {
      return new CredentialError(
        `Cannot act as service account ${this.serviceAccount}: IAM Credentials signJwt answered ${google.status ?? status}: ${google.message}`,
      );
    }
    return err;
  }

  private async exchangeRefused(user: string, scopes: readonly string[], error: string, description: string) {
    if (error === "unauthorized_client") {
      return delegationMissing(
        this.serviceAccount,
        await this.clientId().catch(() => undefined),
        user,
        scopes,
      );
    }
    if (error === "invalid_grant" && /Invalid email or User ID/i.test(description)) {
      return userOutsideDomain(this.serviceAccount, user);
    }
    return tokenRefused(this.serviceAccount, user, error, description);
  }

  /** The account's OAuth client id (its unique id), which the Admin console's delegation lists. */
  private async clientId(): Promise<string | undefined> {
    const url = `${this.services.iam}/v1/projects/-/serviceAccounts/${encodeURIComponent(this.serviceAccount)}`;
    const res = await this.signer.request<{ uniqueId?: string; oauth2ClientId?: string }>({
      url,
      retry: false,
    });
    return res.data.oauth2ClientId || res.data.uniqueId;
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
