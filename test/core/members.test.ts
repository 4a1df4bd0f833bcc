import * as assert from "node:assert/strict";
import { CHAT_MEMBER_RULES } from "../../provider/core/chatMembers";
import { planMembers, sameMembers } from "../../provider/core/memberPlan";
import { meetMemberRules } from "../../provider/core/members";

const actual = (email: string, role?: string) => ({
  name: `spaces/s/members/${email}`,
  email,
  ...(role ? { role } : {}),
});

describe("member plan (one planner, each API's rules)", () => {
  it("Meet without role updates (v2beta): deletes first (extra, and a role change), then creates; emails compare case-insensitively", () => {
    const plan = planMembers(
      [{ email: "Keep@x.com" }, { email: "up@x.com", role: "COHOST" }, { email: "new@x.com" }],
      [actual("keep@x.com"), actual("up@x.com"), actual("old@x.com", "COHOST")],
      meetMemberRules(false),
    );
    assert.deepEqual(plan.phases, [
      [
        { kind: "delete", email: "up@x.com", name: "spaces/s/members/up@x.com" },
        { kind: "delete", email: "old@x.com", name: "spaces/s/members/old@x.com" },
      ],
      [
        { kind: "create", email: "up@x.com", role: "COHOST" },
        { kind: "create", email: "new@x.com" },
      ],
    ]);
    assert.equal(plan.count, 4);
  });

  it("Meet with role updates (v2): a role change is an update in place, in either direction, between the deletes and the creates", () => {
    const plan = planMembers(
      [{ email: "up@x.com", role: "COHOST" }, { email: "down@x.com" }, { email: "new@x.com" }],
      [actual("up@x.com"), actual("DOWN@x.com", "COHOST"), actual("old@x.com")],
      meetMemberRules(true),
    );
    assert.deepEqual(plan.phases, [
      [{ kind: "delete", email: "old@x.com", name: "spaces/s/members/old@x.com" }],
      [
        {
          kind: "setRole",
          email: "up@x.com",
          name: "spaces/s/members/up@x.com",
          role: "COHOST",
          isNew: false,
        },
        {
          kind: "setRole",
          email: "down@x.com",
          name: "spaces/s/members/DOWN@x.com",
          role: undefined,
          isNew: false,
        },
      ],
      [{ kind: "create", email: "new@x.com" }],
    ]);
  });

  it("Chat: a new manager is a create then a promotion; promotions before demotions before deletions", () => {
    const plan = planMembers(
      [
        { email: "new@x.com", role: "ROLE_MANAGER" },
        { email: "boss@x.com", role: "ROLE_MEMBER" },
        { email: "b@x.com", role: "ROLE_MANAGER" },
      ],
      [
        actual("boss@x.com", "ROLE_MANAGER"),
        actual("b@x.com", "ROLE_MEMBER"),
        actual("gone@x.com", "ROLE_MANAGER"),
      ],
      CHAT_MEMBER_RULES,
    );
    assert.deepEqual(
      plan.phases.map((phase) => phase.map((s) => `${s.kind} ${s.email}`)),
      [
        ["setRole b@x.com"],
        ["create new@x.com"],
        ["setRole new@x.com"],
        ["setRole boss@x.com"],
        ["delete gone@x.com"],
      ],
    );
  });

  it("keeps the members `keep` names although they are not declared", () => {
    const plan = planMembers(
      [],
      [actual("me@x.com", "ROLE_MANAGER")],
      CHAT_MEMBER_RULES,
      (m) => m.email === "me@x.com",
    );
    assert.deepEqual(plan, { phases: [], count: 0 });
  });

  it("is empty when nothing differs", () => {
    assert.deepEqual(
      planMembers(
        [{ email: "a@x.com", role: "COHOST" }],
        [actual("A@X.com", "COHOST")],
        meetMemberRules(false),
      ),
      { phases: [], count: 0 },
    );
    assert.equal(
      sameMembers([{ email: "a@x.com" }, { email: "b@x.com" }], [{ email: "B@x.com" }, { email: "a@x.com" }]),
      true,
    );
    assert.equal(sameMembers([{ email: "a@x.com" }], [{ email: "a@x.com", role: "COHOST" }]), false);
    assert.equal(
      sameMembers([{ email: "a@x.com" }], [{ email: "a@x.com", role: "ROLE_MEMBER" }], "ROLE_MEMBER"),
      true,
    );
    assert.equal(sameMembers([{ email: "a@x.com" }], [{ email: "b@x.com" }]), false);
  });
});
