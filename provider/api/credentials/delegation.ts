/**
 * Domain-wide delegation: a JWT {iss: account, sub: user, scope, aud: token endpoint, iat, exp},
 * signed as the service account, exchanged at Google's token endpoint (JWT-bearer grant, RFC 7523)
 * for the user's access token. Who signs is a `JwtSigner`: IAM Credentials' signJwt through
 * Application Default Credentials (keyless, iamSigner.ts) or a key file's private key
 * (keyFileSigner.ts). Tokens are cached per (user, scopes) for the process and minted again shortly
 * before they expire, and concurrent callers share one mint: 200 rooms of one owner cost one
 * signature and one exchange.
 */
import { delegationMissing, tokenRefused, userOutsideDomain } from "./credentialErrors";
import type { TokenServices } from "./tokenServices";

/** Signs a delegation JWT's claims as the service account. */
export interface JwtSigner {
  /** The compact signed JWT; throws a CredentialError naming the fix when refused. */
  sign(claims: object): Promise<string>;
  /** The account's OAuth client id (its unique id), for the Admin console message; undefined if unknown. */
  clientId(): Promise<string | undefined>;
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Google's limit for a delegation JWT, and so for the token it buys. */
const LIFETIME_S = 3600;
/** Mint again when less than this is left, so no call starts with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

interface Token {
  value: string;
  expiresAt: number;
}

export class DomainWideDelegation {
  private readonly tokens = new Map<string, Token>();
  private readonly minting = new Map<string, Promise<Token>>();

  constructor(
    readonly serviceAccount: string,
    private readonly signer: JwtSigner,
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
    const assertion = await this.signer.sign({
      iss: this.serviceAccount,
      sub: user,
      scope: scopes.join(" "),
      aud: this.services.oauthToken,
      iat: issuedAt,
      exp: issuedAt + LIFETIME_S,
    });
    const res = await fetch(this.services.oauthToken, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof body.access_token !== "string") {
      throw await this.refused(
        user,
        scopes,
        String(body.error ?? res.status),
        String(body.error_description ?? ""),
      );
    }
    const expiresIn = Number(body.expires_in ?? LIFETIME_S);
    return { value: body.access_token, expiresAt: this.now() + expiresIn * 1000 };
  }

  private async refused(user: string, scopes: readonly string[], error: string, description: string) {
    if (error === "unauthorized_client") {
      const clientId = await this.signer.clientId().catch(() => undefined);
      return delegationMissing(this.serviceAccount, clientId, user, scopes);
    }
    if (error === "invalid_grant" && /Invalid email or User ID/i.test(description)) {
      return userOutsideDomain(this.serviceAccount, user);
    }
    return tokenRefused(this.serviceAccount, user, error, description);
  }
}
