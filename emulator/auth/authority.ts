/**
 * What Google's consoles hold about who may act as whom, and the tokens Google's token services
 * have issued: service accounts (each with a system-managed signing key and a numeric unique id,
 * which is also its OAuth client id), Token Creator grants on them (IAM), the Workspace
 * domain-wide delegation list (client id -> scopes, as the Admin console keeps it), the users of
 * the Workspace domain, the refresh tokens of people who logged in, and the access tokens issued.
 * No HTTP here (http.ts serves it); every rule is a method with the wording Google uses.
 */
import * as crypto from "node:crypto";
import { scope } from "../../google/oauth";
import type { Caller } from "../wire/call";

export const CLOUD_PLATFORM = scope("cloud-platform");
export const IAM_SCOPE = scope("iam");
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
/** Google's access tokens live an hour. */
export const TOKEN_LIFETIME_S = 3600;

export interface AuthOptions {
  /** Workspace domains whose users delegation may act for. Default ["example.com"]. */
  domains?: string[];
  /** The Cloud project's number in workload identity pool names. Default "123456789012". */
  projectNumber?: string;
  /** The service account the metadata server hands tokens for (a Google Cloud runtime's attached one). */
  metadataServiceAccount?: string;
}

/** Who holds a token: an IAM member (`user:…`, `serviceAccount:…`, `principal://…`). */
export interface Principal {
  member: string;
  /** The email Meet and Chat see (users, service accounts); a federated principal's URI otherwise. */
  email: string;
  /** A federated principal's attributes (from its OIDC token), matched by principalSet members. */
  attributes?: Record<string, string>;
}

export interface IssuedToken {
  principal: Principal;
  /** The scopes granted (delegation: those asked for and allowed). */
  scopes: string[];
  /** The OAuth client the token was issued to (a service account's unique id, or a login's client id). */
  app?: string;
  expiresAt: number;
}

interface ServiceAccount {
  email: string;
  uniqueId: string;
  /** The system-managed key signJwt signs with. */
  keyId: string;
  privateKey: crypto.KeyObject;
  /** Public keys by key id: the system-managed one and any user-managed (key file) ones. */
  publicKeys: Map<string, crypto.KeyObject>;
}

/** An OAuth token endpoint's refusal: `{"error": …, "error_description": …}` with an HTTP status. */
export class OAuthError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

export class Authority {
  readonly domains: string[];
  readonly projectNumber: string;
  metadataServiceAccount?: string;
  private readonly options: AuthOptions;
  private readonly accounts = new Map<string, ServiceAccount>();
  private readonly tokenCreators = new Map<string, Set<string>>();
  private readonly delegation = new Map<string, string[]>();
  private readonly refreshTokens = new Map<
    string,
    { user: string; clientId: string; secret: string; scopes: string[] }
  >();
  private readonly tokens = new Map<string, IssuedToken>();
  private nextUniqueId = 100000000000000000001n;

  constructor(options: AuthOptions = {}) {
    this.options = options;
    this.domains = (options.domains ?? ["example.com"]).map((d) => d.toLowerCase());
    this.projectNumber = options.projectNumber ?? "123456789012";
    this.metadataServiceAccount = options.metadataServiceAccount;
    if (this.metadataServiceAccount) this.serviceAccount(this.metadataServiceAccount);
  }

  /** The service account, created (with a fresh key and unique id) on first mention. */
  serviceAccount(email: string): ServiceAccount {
    const key = email.toLowerCase();
    let account = this.accounts.get(key);
    if (!account) {
      const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
      const keyId = crypto.randomBytes(20).toString("hex");
      account = {
        email: key,
        uniqueId: String(this.nextUniqueId++),
        keyId,
        privateKey,
        publicKeys: new Map([[keyId, publicKey]]),
      };
      this.accounts.set(key, account);
    }
    return account;
  }

  /**
   * `gcloud iam service-accounts keys create`: a user-managed key, returned once as the key file
   * Google hands out (the emulator keeps only its public half).
   */
  createKey(email: string) {
    const account = this.serviceAccount(email);
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyId = crypto.randomBytes(20).toString("hex");
    account.publicKeys.set(keyId, publicKey);
    return {
      type: "service_account",
      project_id: account.email.split("@")[1]?.split(".")[0],
      private_key_id: keyId,
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: account.email,
      client_id: account.uniqueId,
      token_uri: GOOGLE_TOKEN_URL,
    };
  }

  existingServiceAccount(email: string): ServiceAccount | undefined {
    return this.accounts.get(email.toLowerCase());
  }

  /** `gcloud iam service-accounts add-iam-policy-binding SA --member=M --role=roles/iam.serviceAccountTokenCreator`. */
  grantTokenCreator(serviceAccount: string, member: string): void {
    const sa = this.serviceAccount(serviceAccount).email;
    const members = this.tokenCreators.get(sa) ?? new Set<string>();
    members.add(member);
    this.tokenCreators.set(sa, members);
  }

  revokeTokenCreator(serviceAccount: string, member: string): void {
    this.tokenCreators.get(serviceAccount.toLowerCase())?.delete(member);
  }

  /** Admin console > Security > API controls > Domain-wide delegation: client id and its scopes. */
  setDelegation(clientId: string, scopes: string[]): void {
    if (scopes.length === 0) this.delegation.delete(clientId);
    else this.delegation.set(clientId, [...scopes]);
  }

  /**
   * May `principal` act as `serviceAccount` (iam.serviceAccounts.signJwt / getAccessToken, both in
   * roles/iam.serviceAccountTokenCreator)? A principalSet member matches every principal of its
   * pool (`/*`) or those with one attribute (`/attribute.NAME/VALUE`).
   */
  mayActAs(principal: Principal, serviceAccount: string): boolean {
    const members = this.tokenCreators.get(serviceAccount.toLowerCase());
    if (!members || !this.existingServiceAccount(serviceAccount)) return false;
    if (members.has(principal.member)) return true;
    for (const member of members) {
      const set = /^principalSet:\/\/iam\.googleapis\.com\/(.+?)\/(\*|attribute\.([^/]+)\/(.+))$/.exec(
        member,
      );
      if (!set || !principal.member.startsWith(`principal://iam.googleapis.com/${set[1]}/subject/`)) continue;
      if (set[2] === "*" || principal.attributes?.[set[3]] === set[4]) return true;
    }
    return false;
  }

  /** A person's `gcloud auth application-default login --scopes=…`: their authorized-user file. */
  login(user: string, scopes: string[], clientId = "764086051850-emulator.apps.googleusercontent.com") {
    const refreshToken = `1//emulator-${crypto.randomBytes(16).toString("hex")}`;
    const secret = `emulator-secret-${crypto.randomBytes(8).toString("hex")}`;
    this.refreshTokens.set(refreshToken, { user, clientId, secret, scopes: [...scopes] });
    return {
      type: "authorized_user",
      client_id: clientId,
      client_secret: secret,
      refresh_token: refreshToken,
    };
  }

  /** The refresh-token grant. */
  refresh(clientId: string, secret: string, refreshToken: string) {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry || entry.clientId !== clientId) {
      throw new OAuthError(400, "invalid_grant", "Token has been expired or revoked.");
    }
    if (entry.secret !== secret) throw new OAuthError(401, "invalid_client", "Unauthorized");
    return this.issue({ member: `user:${entry.user}`, email: entry.user }, entry.scopes, entry.clientId);
  }

  /** Is `user` a user of the Workspace domain? */
  inDomain(user: string): boolean {
    const domain = user.toLowerCase().split("@")[1];
    return domain !== undefined && this.domains.includes(domain);
  }

  /**
   * The JWT-bearer grant's rules for a claim set already verified as signed by `account`: with a
   * `sub`, domain-wide delegation must list the account's client id with every scope asked for.
   */
  delegate(account: ServiceAccount, subject: string | undefined, scopes: string[]) {
    if (scopes.length === 0)
      throw new OAuthError(400, "invalid_scope", "Empty or missing scope not allowed.");
    if (subject === undefined || subject === account.email) {
      return this.issue(
        { member: `serviceAccount:${account.email}`, email: account.email },
        scopes,
        account.uniqueId,
      );
    }
    if (!this.inDomain(subject)) throw new OAuthError(400, "invalid_grant", "Invalid email or User ID");
    const allowed = this.delegation.get(account.uniqueId) ?? [];
    if (!scopes.every((s) => allowed.includes(s))) {
      throw new OAuthError(
        401,
        "unauthorized_client",
        "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.",
      );
    }
    return this.issue({ member: `user:${subject}`, email: subject }, scopes, account.uniqueId);
  }

  /** A federated principal of a workload identity pool, from its OIDC token's claims. */
  federatedPrincipal(poolPath: string, claims: Record<string, unknown>): Principal {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(claims)) if (typeof v === "string") attributes[k] = v;
    const uri = `principal://iam.googleapis.com/${poolPath}/subject/${attributes.sub}`;
    return { member: uri, email: uri, attributes };
  }

  issue(principal: Principal, scopes: string[], app?: string) {
    const token = `ya29.emulator-${crypto.randomBytes(24).toString("base64url")}`;
    this.tokens.set(token, {
      principal,
      scopes: [...scopes],
      app,
      expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000,
    });
    return { access_token: token, expires_in: TOKEN_LIFETIME_S - 1, token_type: "Bearer" };
  }

  /** The issued, unexpired token, or undefined. */
  lookup(token: string): IssuedToken | undefined {
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= Date.now()) return undefined;
    return issued;
  }

  /** The caller Meet and Chat see for a token: user, scopes, app. */
  caller(token: string): Caller | undefined {
    const issued = this.lookup(token);
    if (!issued) return undefined;
    return { email: issued.principal.email, scopes: issued.scopes, app: issued.app };
  }

  /** Back to the start (the admin reset): no accounts, grants, delegation, logins or tokens. */
  reset(): void {
    this.accounts.clear();
    this.tokenCreators.clear();
    this.delegation.clear();
    this.refreshTokens.clear();
    this.tokens.clear();
    this.metadataServiceAccount = this.options.metadataServiceAccount;
    if (this.metadataServiceAccount) this.serviceAccount(this.metadataServiceAccount);
  }

  /** Forgets issued tokens (grants, accounts and delegation stay, as Google's consoles keep them). */
  expireTokens(): void {
    this.tokens.clear();
  }

  summary() {
    return {
      domains: this.domains,
      metadataServiceAccount: this.metadataServiceAccount,
      serviceAccounts: [...this.accounts.values()].map((a) => ({
        email: a.email,
        uniqueId: a.uniqueId,
        tokenCreators: [...(this.tokenCreators.get(a.email) ?? [])],
      })),
      delegation: Object.fromEntries(this.delegation),
    };
  }
}
