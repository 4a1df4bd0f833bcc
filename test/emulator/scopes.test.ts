/**
 * METHOD_SCOPES is the one table of which OAuth scopes each method accepts. Pinned here to Google's
 * discovery document for Meet v2 (revision 20261029, as bundled by google-api-python-client
 * 2.202.0): each method's "scopes" list, verbatim.
 */
import * as assert from "node:assert/strict";
import { METHOD_SCOPES } from "../../emulator/pipeline/identity";

const P = "https://www.googleapis.com/auth/meetings.space.";
const DISCOVERY: Record<string, string[]> = {
  // spaces.create, spaces.get, spaces.patch, spaces.endActiveConference
  CreateSpace: [`${P}created`],
  GetSpace: [`${P}created`, `${P}readonly`, `${P}settings`],
  UpdateSpace: [`${P}created`, `${P}settings`],
  EndActiveConference: [`${P}created`],
  // spaces.members.create, get, list, patch, batchUpdate, delete
  CreateMember: [`${P}created`],
  GetMember: [`${P}created`, `${P}readonly`],
  ListMembers: [`${P}created`, `${P}readonly`],
  UpdateMember: [`${P}created`],
  BatchUpdateMembers: [`${P}created`],
  DeleteMember: [`${P}created`],
};

describe("emulator: the scopes each Meet method accepts are the discovery document's", () => {
  for (const [method, scopes] of Object.entries(DISCOVERY)) {
    it(`${method}: ${scopes.map((s) => s.slice(P.length)).join(", ")}`, () => {
      assert.deepEqual([...METHOD_SCOPES[method as keyof typeof METHOD_SCOPES]].sort(), [...scopes].sort());
    });
  }
});
