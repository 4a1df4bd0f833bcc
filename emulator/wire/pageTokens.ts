/**
 * List page tokens. They are opaque to clients: base64url of "tag:parent id:last seq", so a token
 * is only good for the list (tag) and the parent it came from.
 */

export function encodePageToken(tag: string, parentId: string, seq: number): string {
  return Buffer.from(`${tag}:${parentId}:${seq}`).toString("base64url");
}

/** The sequence number after which the page starts, or undefined for a token not of this list. */
export function decodePageToken(token: string, tag: string, parentId: string): number | undefined {
  const match = /^([^:]+):([^:]+):(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match || match[1] !== tag || match[2] !== parentId) return undefined;
  return Number(match[3]);
}
