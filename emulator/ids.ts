/** Ids as Google's APIs hand them out: random resource ids, and a user's stable numeric id. */
import { createHash, randomBytes } from "node:crypto";

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` random characters of `alphabet` (letters and digits by default). */
export function randomId(length: number, alphabet = ID_CHARS): string {
  let out = "";
  for (const b of randomBytes(length)) out += alphabet[b % alphabet.length];
  return out;
}

/** A stable numeric Google-style user id derived from the email, e.g. users/104761234567890123456. */
export function userIdForEmail(email: string): string {
  const hash = createHash("sha256").update(email.toLowerCase()).digest();
  let digits = "1";
  for (let i = 0; digits.length < 21; i++) digits += String(hash[i % hash.length] % 10);
  return `users/${digits}`;
}
