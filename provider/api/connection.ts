import type { RetryPolicy } from "../core/retry";

export type Transport = "grpc" | "rest";

/** How the provider reaches Google, as every seam needs it (the provider's config holds more). */
export interface Connection {
  /** Service-account key or authorized-user JSON (`googlemeet:credentials`). */
  credentialsJson?: string;
  /** The user a service account acts as through domain-wide delegation (`googlemeet:impersonateUser`). */
  impersonateUser?: string;
  /**
   * Keyless domain-wide delegation (`googlemeet:serviceAccount`): Application Default Credentials
   * (or googlemeet:credentials) sign as this service account with IAM Credentials' signJwt, and
   * the signed JWT is exchanged for the acting user's token. No key file.
   */
  serviceAccount?: string;
  /** A ready OAuth access token (`googlemeet:accessToken`). */
  accessToken?: string;
  /** `grpc` (default) or `rest` (`googlemeet:transport`); for the gax clients (Meet v2 is always REST). */
  transport: Transport;
  /** API host, `host[:port]` or an http(s) URL (`googlemeet:endpoint`). */
  endpoint?: string;
  /** `host:port` of a local emulator's gRPC port (`GOOGLE_MEET_EMULATOR_HOST`): no TLS, token = acting user. */
  emulatorHost?: string;
  /**
   * The emulator runs in auth mode (`GOOGLE_MEET_EMULATOR_AUTH=true`): tokens are real ones from its
   * token services (OAuth token endpoint, IAM Credentials, STS), which the provider calls there.
   */
  emulatorAuth?: boolean;
  retry: RetryPolicy;
}
