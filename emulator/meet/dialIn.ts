/**
 * A space's dial-in details (Space.phoneAccess[] and gatewaySipAccess[], output only, GA since
 * November 2025): plausible and stable, derived from the space id, in number ranges reserved for
 * fiction (US 555-01xx, UK 020 7946 0xxx). An owner whose plan has no dial-in gets none ("Can be
 * empty").
 */
import { createHash } from "node:crypto";

export interface DialIn {
  phoneAccess: { phoneNumber: string; pin: string; regionCode: string; languageCode: string }[];
  gatewaySipAccess: { uri: string; sipAccessCode: string }[];
}

/** `count` decimal digits derived from `seed`. */
function digits(seed: string, count: number): string {
  const hash = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; out.length < count; i++) out += String(hash[i % hash.length] % 10);
  return out;
}

export function dialInFor(spaceId: string): DialIn {
  // "The PIN consists of only decimal digits and the length may vary"; the SIP user id is "the
  // 13-digit universal pin".
  const universal = `1${digits(`${spaceId}/universal`, 12)}`;
  return {
    phoneAccess: [
      {
        phoneNumber: `+1202555${`01${digits(`${spaceId}/us`, 2)}`}`,
        pin: digits(`${spaceId}/us-pin`, 9),
        regionCode: "US",
        languageCode: "en-US",
      },
      {
        phoneNumber: `+442079460${digits(`${spaceId}/gb`, 3)}`,
        pin: digits(`${spaceId}/gb-pin`, 9),
        regionCode: "GB",
        languageCode: "en-GB",
      },
    ],
    gatewaySipAccess: [{ uri: `sip:${universal}@gateway.meet.emulator.invalid`, sipAccessCode: universal }],
  };
}
