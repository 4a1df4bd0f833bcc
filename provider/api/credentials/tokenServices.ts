/**
 * Where Google's token services are: the OAuth token endpoint, tokeninfo, IAM Credentials and IAM,
 * on googleapis.com (or the credentials' universe domain), or all on a local emulator in auth mode
 * (`GOOGLE_MEET_EMULATOR_AUTH=true` next to `GOOGLE_MEET_EMULATOR_HOST`), which serves them at
 * the same paths on one port.
 */
export interface TokenServices {
  /** OAuth 2.0 token endpoint (JWT-bearer and refresh-token grants); also the JWT's `aud`. */
  oauthToken: string;
  tokenInfo: string;
  /** IAM Credentials base: `{base}/v1/projects/-/serviceAccounts/{email}:signJwt`. */
  iamCredentials: string;
  /** IAM base: `{base}/v1/projects/-/serviceAccounts/{email}` (the unique id, for messages). */
  iam: string;
  /** True when these are a local emulator's. */
  emulator: boolean;
}

export function tokenServices(emulatorAuthHost?: string, universeDomain = "googleapis.com"): TokenServices {
  if (emulatorAuthHost) {
    const base = `http://${emulatorAuthHost}`;
    return {
      oauthToken: `${base}/token`,
      tokenInfo: `${base}/tokeninfo`,
      iamCredentials: base,
      iam: base,
      emulator: true,
    };
  }
  return {
    oauthToken: `https://oauth2.${universeDomain}/token`,
    tokenInfo: `https://oauth2.${universeDomain}/tokeninfo`,
    iamCredentials: `https://iamcredentials.${universeDomain}`,
    iam: `https://iam.${universeDomain}`,
    emulator: false,
  };
}
