/**
 * What a user reads when keyless delegation cannot get a token, each naming the fix: the grant to
 * add (with the exact command), the Admin console entry (client id and scopes, ready to paste),
 * the credentials to set up. No token, assertion or secret ever goes into a message.
 */
import { CredentialError } from "../../core/errors";

export const TOKEN_CREATOR = "roles/iam.serviceAccountTokenCreator";

const ADMIN_CONSOLE_PATH =
  "admin.google.com > Security > Access and data control > API controls > Domain-wide delegation";

/** The IAM Credentials signJwt call was refused: the signer lacks Token Creator on the account. */
export function signJwtDenied(
  serviceAccount: string,
  member: string | undefined,
  detail: string,
): CredentialError {
  const who = member
    ? `The signing credentials (${member}) need`
    : "The principal of the signing credentials (Application Default Credentials) needs";
  return new CredentialError(
    `Cannot act as service account ${serviceAccount} without a key: IAM Credentials refused signJwt (${detail}). ${who} the role ${TOKEN_CREATOR} (Service Account Token Creator) on ${serviceAccount}. Grant it once with:\n  gcloud iam service-accounts add-iam-policy-binding ${serviceAccount} --member="${member ?? "PRINCIPAL"}" --role="${TOKEN_CREATOR}"\n${member ? "" : "with PRINCIPAL the credentials' principal (user:you@example.com, serviceAccount:…, or a workload identity pool's principal://… / principalSet://…). "}Google answers the same when ${serviceAccount} does not exist: check googlemeet:serviceAccount.`,
  );
}

/** Domain-wide delegation does not list the account's client id with every scope asked for. */
export function delegationMissing(
  serviceAccount: string,
  clientId: string | undefined,
  user: string,
  scopes: readonly string[],
): CredentialError {
  const client = clientId
    ? `client ID ${clientId}`
    : `the client ID of ${serviceAccount} (its Unique ID: gcloud iam service-accounts describe ${serviceAccount} --format="value(uniqueId)")`;
  return new CredentialError(
    `Google refused to let ${serviceAccount} act as ${user} (unauthorized_client): domain-wide delegation is not granted for ${clientId ? `its client ID ${clientId}` : "it"} with every scope asked for. A Workspace super administrator adds it once in ${ADMIN_CONSOLE_PATH}: Add new (or edit the existing entry of) ${client}, with these OAuth scopes (keep any it already lists):\n  ${scopes.join(",")}\nChanges can take a few minutes to apply.`,
  );
}

/** The JWT's subject is not a user of the Workspace domain that granted the delegation. */
export function userOutsideDomain(serviceAccount: string, user: string): CredentialError {
  return new CredentialError(
    `Google refused to let ${serviceAccount} act as ${user} (invalid_grant: Invalid email or User ID): ${user} is not a user of the Google Workspace domain that granted the delegation. Domain-wide delegation acts only for that domain's users: set the resource's owner (or googlemeet:impersonateUser) to a user of your domain, and check the address for typos.`,
  );
}

/** No Application Default Credentials to sign with. */
export function noCredentialsToSign(serviceAccount: string): CredentialError {
  return new CredentialError(
    `googlemeet:serviceAccount is ${serviceAccount}, but no Application Default Credentials were found to act as it (tried GOOGLE_APPLICATION_CREDENTIALS, gcloud's application-default file, and a Google Cloud metadata server). Provide one: on a workstation, gcloud auth application-default login; in GitHub Actions, google-github-actions/auth with workload_identity_provider (keyless); on Google Cloud, the runtime's attached service account. Those credentials need ${TOKEN_CREATOR} on ${serviceAccount}.`,
  );
}

/** Any other refusal of the token endpoint, with Google's own words (which carry no secret). */
export function tokenRefused(
  serviceAccount: string,
  user: string,
  error: string,
  description: string,
): CredentialError {
  return new CredentialError(
    `Google's token endpoint refused to let ${serviceAccount} act as ${user}: ${error}${description ? ` (${description})` : ""}.`,
  );
}
