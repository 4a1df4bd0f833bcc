/**
 * Signing with a service-account key file's private key (where the organization allows keys):
 * RS256 with Node's crypto, the key's id in the header, as google-auth-library's JWT client does.
 * Its exchange then goes through the same delegation, cache and messages as keyless signing.
 */
import * as crypto from "node:crypto";
import type { JwtSigner } from "./delegation";

export interface ServiceAccountKey {
  client_email: string;
  /** The account's unique id: the client id domain-wide delegation lists. */
  client_id?: string;
  private_key: string;
  private_key_id?: string;
}

const b64url = (text: string) => Buffer.from(text).toString("base64url");

export class KeyFileSigner implements JwtSigner {
  constructor(private readonly key: ServiceAccountKey) {}

  async sign(claims: object): Promise<string> {
    const header = {
      alg: "RS256",
      typ: "JWT",
      ...(this.key.private_key_id ? { kid: this.key.private_key_id } : {}),
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = crypto.sign("RSA-SHA256", Buffer.from(input), this.key.private_key);
    return `${input}.${signature.toString("base64url")}`;
  }

  async clientId(): Promise<string | undefined> {
    return this.key.client_id;
  }
}
