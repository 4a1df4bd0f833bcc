/**
 * RS256 JSON Web Tokens with Node's crypto: what IAM Credentials' signJwt produces and Google's
 * token endpoint verifies. No library: three base64url parts and one RSA-SHA256 signature.
 */
import * as crypto from "node:crypto";

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function signJwt(claims: object, privateKey: crypto.KeyObject, keyId: string): string {
  const input = `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: keyId }))}.${b64url(JSON.stringify(claims))}`;
  const signature = crypto.sign("RSA-SHA256", Buffer.from(input), privateKey);
  return `${input}.${signature.toString("base64url")}`;
}

/** The parts of a compact JWT, or undefined when it is not one. Verifies nothing. */
export function decodeJwt(jwt: string): DecodedJwt | undefined {
  const parts = jwt.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (!header || typeof header !== "object" || !claims || typeof claims !== "object") return undefined;
    return {
      header,
      claims,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2], "base64url"),
    };
  } catch {
    return undefined;
  }
}

export function verifySignature(jwt: DecodedJwt, publicKey: crypto.KeyObject): boolean {
  return crypto.verify("RSA-SHA256", Buffer.from(jwt.signingInput), publicKey, jwt.signature);
}
