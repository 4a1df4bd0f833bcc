/**
 * The credentials module of the API layer: the one place that turns the connection settings into
 * an auth client for an acting user and a scope set. In order: a ready access token
 * (googlemeet:accessToken); keyless delegation (googlemeet:serviceAccount: the signing credentials
 * are googlemeet:credentials or Application Default Credentials); a key file or a login
 * (googlemeet:credentials); Application Default Credentials. In the emulator's auth mode every
 * token call goes to the emulator.
 */
import { type AuthClient, GoogleAuth, UserRefreshClient } from "google-auth-library";
import { scope } from "../../../google/oauth";
import { CredentialError } from "../../core/errors";
import type { Connection } from "../connection";
import { AccessTokenClient } from "./accessTokenClient";
import { DomainWideDelegation, type JwtSigner } from "./delegation";
import { IamCredentialsSigner } from "./iamSigner";
import { KeyFileSigner } from "./keyFileSigner";
import { type TokenServices, tokenServices } from "./tokenServices";

export { CredentialError } from "../../core/errors";

const CLOUD_PLATFORM = scope("cloud-platform");

/** The token services these settings use: Google's, or the emulator's in auth mode. */
export function tokenServicesOf(settings: Connection): TokenServices {
  return tokenServices(settings.emulatorAuth ? settings.emulatorHost : undefined);
}

/** google-auth-library's OAuth2 endpoints, moved to the emulator in auth mode. */
function endpointOptions(services: TokenServices) {
  return services.emulator
    ? { endpoints: { oauth2TokenUrl: services.oauthToken, tokenInfoUrl: services.tokenInfo } }
    : {};
}

/** One delegation per process, service account, token services and signing credentials. */
const delegations = new Map<string, DomainWideDelegation>();

/**
 * The delegation for `serviceAccount`: signed by a key file's private key when googlemeet:credentials
 * holds that account's key, else keyless through IAM Credentials with googlemeet:credentials (a
 * login, or another account's key) or Application Default Credentials.
 */
function delegationFor(settings: Connection, serviceAccount: string): DomainWideDelegation {
  const services = tokenServicesOf(settings);
  const key = JSON.stringify([serviceAccount, services.oauthToken, settings.credentialsJson ?? ""]);
  let delegation = delegations.get(key);
  if (!delegation) {
    const json = settings.credentialsJson ? JSON.parse(settings.credentialsJson) : undefined;
    const signer: JwtSigner =
      json?.type === "service_account" && json.client_email === serviceAccount
        ? new KeyFileSigner(json)
        : new IamCredentialsSigner(
            serviceAccount,
            new GoogleAuth({
              scopes: [CLOUD_PLATFORM],
              // No project is needed to sign (the URL says projects/-): this spares google-auth-library's
              // project lookup, which runs `gcloud config config-helper` when gcloud is installed.
              projectId: "-",
              ...(json ? { credentials: json } : {}),
              clientOptions: endpointOptions(services),
            }),
            services,
          );
    delegation = new DomainWideDelegation(serviceAccount, signer, services);
    delegations.set(key, delegation);
  }
  return delegation;
}

/** The auth client calls for `user` with `scopes` use. */
export function authClientFor(
  settings: Connection,
  user: string | undefined,
  scopes: string[],
): AuthClient | GoogleAuth {
  if (settings.accessToken) {
    return new AccessTokenClient(async () => settings.accessToken as string);
  }
  const json = settings.credentialsJson ? JSON.parse(settings.credentialsJson) : undefined;
  const keyFile = json?.type === "service_account" ? (json.client_email as string) : undefined;
  // googlemeet:serviceAccount (keyless), or a key file's own account: both act for a user by delegation.
  const serviceAccount = settings.serviceAccount ?? keyFile;
  if (serviceAccount) {
    if (!user) {
      throw new CredentialError(
        settings.serviceAccount
          ? `googlemeet:serviceAccount (${serviceAccount}) acts for a Workspace user through domain-wide delegation: set the resource's owner, or googlemeet:impersonateUser, to the user to act as.`
          : "The Meet API accepts only user credentials: with a service-account key, set googlemeet:impersonateUser (or the room's `owner`) to the Workspace user to act as, and grant the service account domain-wide delegation for the Meet scopes",
      );
    }
    const delegation = delegationFor(settings, serviceAccount);
    return new AccessTokenClient(() => delegation.accessToken(user, scopes));
  }
  const services = tokenServicesOf(settings);
  if (json) {
    if (json.type === "authorized_user") {
      return new UserRefreshClient({
        ...endpointOptions(services),
        clientId: json.client_id,
        clientSecret: json.client_secret,
        refreshToken: json.refresh_token,
      });
    }
    throw new CredentialError(
      `Stack config googlemeet:credentials has type ${JSON.stringify(json.type)}; expected "service_account" or "authorized_user"`,
    );
  }
  // Application Default Credentials; a service-account key among them acts as the user by delegation.
  return new GoogleAuth({
    scopes,
    projectId: "-", // Meet and Chat calls name no project: skip the lookup (see delegationFor)
    clientOptions: { ...endpointOptions(services), ...(user ? { subject: user } : {}) },
  });
}
