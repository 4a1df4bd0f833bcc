import * as assert from "node:assert/strict";
import { planMembers, sameMembers } from "../../provider/core/members";

const actual = (email: string, role?: "COHOST") => ({
  name: `spaces/s/members/${email}`,
  email,
  ...(role ? { role } : {}),
});

describe("member plan", () => {
  it("without role updates (v2beta): adds the missing, removes the extra, and deletes then re-adds a role change; emails compare case-insensitively", () => {
    const plan = planMembers(
      [{ email: "Keep@x.com" }, { email: "up@x.com", role: "COHOST" }, { email: "new@x.com" }],
      [actual("keep@x.com"), actual("up@x.com"), actual("old@x.com", "COHOST")],
    );
    assert.deepEqual(
      plan.remove.map((m) => m.email),
      ["up@x.com", "old@x.com"],
    );
    assert.deepEqual(plan.add, [{ email: "up@x.com", role: "COHOST" }, { email: "new@x.com" }]);
    assert.deepEqual(plan.changeRole, []);
  });

  it("with role updates (v2): a role change is an update in place, in either direction", () => {
    const plan = planMembers(
      [{ email: "up@x.com", role: "COHOST" }, { email: "down@x.com" }, { email: "new@x.com" }],
      [actual("up@x.com"), actual("DOWN@x.com", "COHOST"), actual("old@x.com")],
      { updateRoles: true },
    );
    assert.deepEqual(
      plan.remove.map((m) => m.email),
      ["old@x.com"],
    );
    assert.deepEqual(plan.add, [{ email: "new@x.com" }]);
    assert.deepEqual(
      plan.changeRole.map((c) => [c.member.name, c.role]),
      [
        ["spaces/s/members/up@x.com", "COHOST"],
        ["spaces/s/members/DOWN@x.com", undefined],
      ],
    );
  });

  it("is empty when nothing differs", () => {
    assert.deepEqual(planMembers([{ email: "a@x.com", role: "COHOST" }], [actual("A@X.com", "COHOST")]), {
      remove: [],
      add: [],
      changeRole: [],
    });
    assert.equal(
      sameMembers([{ email: "a@x.com" }, { email: "b@x.com" }], [{ email: "B@x.com" }, { email: "a@x.com" }]),
      true,
    );
    assert.equal(sameMembers([{ email: "a@x.com" }], [{ email: "a@x.com", role: "COHOST" }]), false);
  });
});
