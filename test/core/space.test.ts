/** Which names `adopt` and `pulumi import` take, and what GetSpace is asked for. */
import * as assert from "node:assert/strict";
import { adoptLookupName, isSpaceName } from "../../provider/core/space";

// Space.meetingCode: "Format: `[a-z]+-[a-z]+-[a-z]+` ... The maximum length is 128 characters.
// Can only be used as an alias of the space name to get the space." Codes are case-insensitive.
describe("meeting codes of Google's form", () => {
  const longest = `${"a".repeat(63)}-${"b".repeat(62)}-c`; // 128 characters
  for (const [given, lookup] of [
    ["abc-mnop-xyz", "spaces/abc-mnop-xyz"],
    ["ABC-MNOP-XYZ", "spaces/abc-mnop-xyz"],
    ["a-b-c", "spaces/a-b-c"],
    ["Lunch-With-Everyone", "spaces/lunch-with-everyone"],
    [longest, `spaces/${longest}`],
    ["spaces/Ab-Cd-Ef", "spaces/ab-cd-ef"],
    ["https://meet.google.com/team-weekly-sync", "spaces/team-weekly-sync"],
    ["spaces/jQCFfuBOdN5z", "spaces/jQCFfuBOdN5z"],
  ] as const) {
    it(`${given.length > 40 ? `${given.length} characters` : given} → ${lookup.length > 48 ? "spaces/<code>" : lookup}`, () => {
      assert.equal(adoptLookupName(given), lookup);
    });
  }

  for (const bad of [`${longest}x`, "abc-mnop", "abc-mn0p-xyz", "abc--xyz", "a-b-c-d", "room 42"]) {
    it(`refuses ${bad.length > 40 ? `${bad.length} characters` : JSON.stringify(bad)}`, () => {
      assert.equal(adoptLookupName(bad), undefined);
    });
  }

  it("a space id is never read as a meeting code, and a code is never a space id", () => {
    assert.equal(isSpaceName("spaces/jQCFfuBOdN5z"), true);
    assert.equal(isSpaceName("spaces/abc-mnop-xyz"), false);
  });
});
