import * as assert from "node:assert/strict";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rejection, rest } from "../support/meetClients";

const ALICE = as("alice@example.com");

describe("emulator admin hooks", () => {
  const emu = useEmulator();
  let client: any;
  before(() => {
    client = grpcClient(emu.grpcAddress);
  });
  after(async () => client.close());

  async function createSpace() {
    const [space] = await client.createSpace({ space: {} }, ALICE);
    return space;
  }

  it("journals every call in order, including rejected ones, and clears on DELETE", async () => {
    const space = await createSpace();
    await rejection(
      client.updateSpace(
        { space: { name: space.name, config: {} }, updateMask: { paths: ["config.nope"] } },
        ALICE,
      ),
    );
    await rest(emu.httpUrl, "GET", `/v2beta/spaces/${space.meetingCode}`, { token: "bob@example.com" });
    await client.createMember({ parent: space.name, member: { email: "m@example.com" } }, ALICE);
    assert.deepEqual(await emu.admin.requests(), [
      {
        method: "CreateSpace",
        name: space.name,
        caller: "alice@example.com",
        code: "OK",
        transport: "grpc",
        version: "v2beta",
      },
      {
        method: "UpdateSpace",
        name: space.name,
        updateMask: ["config.nope"],
        caller: "alice@example.com",
        code: "INVALID_ARGUMENT",
        transport: "grpc",
        version: "v2beta",
      },
      {
        method: "GetSpace",
        name: `spaces/${space.meetingCode}`,
        caller: "bob@example.com",
        code: "OK",
        transport: "rest",
        version: "v2beta",
      },
      {
        method: "CreateMember",
        name: space.name,
        email: "m@example.com",
        caller: "alice@example.com",
        code: "OK",
        transport: "grpc",
        version: "v2beta",
      },
    ]);
    await emu.admin.clearRequests();
    assert.deepEqual(await emu.admin.requests(), []);
    assert.equal((await emu.admin.spaces()).length, 1, "clearing the journal keeps the spaces");
  });

  it("reset forgets spaces, members and the journal", async () => {
    const space = await createSpace();
    await client.createMember({ parent: space.name, member: { email: "m@example.com" } }, ALICE);
    await emu.admin.reset();
    assert.deepEqual(await emu.admin.spaces(), []);
    assert.deepEqual(await emu.admin.requests(), []);
    const gone = await rejection(client.getSpace({ name: space.name }, ALICE));
    assert.equal(gone.code, 5);
  });

  it("lists the whole store with owners and members", async () => {
    const space = await createSpace();
    const [member] = await client.createMember(
      { parent: space.name, member: { email: "m@example.com", role: "COHOST" } },
      ALICE,
    );
    const [stored] = await emu.admin.spaces();
    assert.equal(stored.owner, "alice@example.com");
    assert.equal(stored.config?.accessType, "TRUSTED");
    assert.deepEqual(stored.members, [
      { name: member.name, email: "m@example.com", role: "COHOST", user: member.user },
    ]);
  });

  it("startConference answers 404 for an unknown space", async () => {
    const res = await rest(emu.httpUrl, "POST", "/emulator/v1/spaces/QQQQQQQQQQQQ:startConference");
    assert.equal(res.status, 404);
  });

  describe("faults", () => {
    it("fails `times` times after skipping `skip` matches, journaling the injected code", async () => {
      const space = await createSpace();
      await emu.admin.addFault({
        method: "ListMembers",
        code: "UNAVAILABLE",
        skip: 1,
        times: 2,
        message: "try later",
      });
      const codes: (number | string)[] = [];
      for (let i = 0; i < 4; i++) {
        try {
          await client.listMembers({ parent: space.name }, ALICE);
          codes.push("OK");
        } catch (err: any) {
          codes.push(err.code);
          assert.equal(err.details, "try later");
        }
      }
      assert.deepEqual(codes, ["OK", 14, 14, "OK"]);
      const journal = (await emu.admin.requests()).filter((e) => e.method === "ListMembers");
      assert.deepEqual(
        journal.map((e) => e.code),
        ["OK", "UNAVAILABLE", "UNAVAILABLE", "OK"],
      );
      const [rule] = await emu.admin.faults();
      assert.deepEqual([rule.matched, rule.fired, rule.remaining], [3, 2, 0]);
    });

    it("the official client retries GetSpace (only) on UNAVAILABLE", async () => {
      const space = await createSpace();
      await emu.admin.addFault({ method: "GetSpace", code: "UNAVAILABLE", times: 1 });
      const [got] = await client.getSpace({ name: space.name }, ALICE);
      assert.equal(got.name, space.name);
      const journal = (await emu.admin.requests()).filter((e) => e.method === "GetSpace");
      assert.deepEqual(
        journal.map((e) => e.code),
        ["UNAVAILABLE", "OK"],
      );
    });

    it("matches on a substring of the request, e.g. an email", async () => {
      const space = await createSpace();
      await emu.admin.addFault({ method: "CreateMember", code: "INTERNAL", match: "bad@example.com" });
      await client.createMember({ parent: space.name, member: { email: "good@example.com" } }, ALICE);
      const err = await rejection(
        client.createMember({ parent: space.name, member: { email: "bad@example.com" } }, ALICE),
      );
      assert.equal(err.code, 13);
      const [stored] = await emu.admin.spaces();
      assert.deepEqual(
        stored.members.map((m) => m.email),
        ["good@example.com"],
      );
    });

    it("afterApply applies the change and then fails the answer (a lost response)", async () => {
      await emu.admin.addFault({
        method: "CreateSpace",
        code: "DEADLINE_EXCEEDED",
        afterApply: true,
        times: 1,
      });
      const err = await rejection(client.createSpace({ space: {} }, ALICE));
      assert.equal(err.code, 4);
      const spaces = await emu.admin.spaces();
      assert.equal(spaces.length, 1, "the space exists although the caller saw an error");
      const [entry] = await emu.admin.requests();
      assert.equal(entry.code, "DEADLINE_EXCEEDED");
      assert.equal(entry.name, spaces[0].name);
    });

    it("probability fires on roughly that share of calls", async () => {
      const space = await createSpace();
      await emu.admin.addFault({ method: "GetSpace", code: "UNAVAILABLE", probability: 0.5 });
      let failures = 0;
      for (let i = 0; i < 60; i++) {
        const res = await rest(emu.httpUrl, "GET", `/v2beta/${space.name}`, { token: "alice@example.com" });
        if (res.status === 503) failures++;
      }
      assert.ok(failures > 10 && failures < 50, `expected about 30 of 60 to fail, got ${failures}`);
    });

    it("draws probabilistic faults from a seed: the same seed replays the same storm, another seed another", async () => {
      const space = await createSpace();
      const storm = async (seed: number) => {
        await emu.admin.setFaultSeed(seed);
        await emu.admin.addFault({ method: "GetSpace", code: "UNAVAILABLE", probability: 0.5 });
        const statuses: number[] = [];
        for (let i = 0; i < 24; i++)
          statuses.push(
            (await rest(emu.httpUrl, "GET", `/v2beta/${space.name}`, { token: "alice@example.com" })).status,
          );
        assert.equal(await emu.admin.faultSeed(), seed, "the seed is readable back");
        await emu.admin.clearFaults();
        return statuses.map((s) => (s === 503 ? "x" : ".")).join("");
      };
      const first = await storm(20261203);
      assert.match(first, /x/);
      assert.match(first, /\./);
      assert.equal(await storm(20261203), first, "the same seed gives the same storm");
      assert.notEqual(await storm(7), first, "another seed gives another storm");
      const bad = await rest(emu.httpUrl, "PUT", "/emulator/v1/faults/seed", { body: { seed: -1 } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.message, "fault seed must be an integer from 0 to 4294967295, got -1");
    });

    it("a reset restarts the draws from the seed, so a test replays alike whatever ran before it", async () => {
      const seed = await emu.admin.faultSeed();
      const draws = async () => {
        const space = await createSpace();
        await emu.admin.addFault({ method: "GetSpace", code: "UNAVAILABLE", probability: 0.5 });
        let pattern = "";
        for (let i = 0; i < 16; i++)
          pattern +=
            (await rest(emu.httpUrl, "GET", `/v2beta/${space.name}`, { token: "alice@example.com" }))
              .status === 503
              ? "x"
              : ".";
        return pattern;
      };
      const first = await draws();
      await emu.admin.reset();
      assert.equal(await emu.admin.faultSeed(), seed, "a reset keeps the seed");
      assert.equal(await draws(), first);
    });

    it("latency-only rules delay matching calls; `*` matches every method", async () => {
      const space = await createSpace();
      await emu.admin.addFault({ method: "*", latencyMs: 150 });
      const started = Date.now();
      const res = await rest(emu.httpUrl, "GET", `/v2beta/${space.name}`, { token: "alice@example.com" });
      assert.equal(res.status, 200);
      assert.ok(Date.now() - started >= 140, "call was delayed");
      await emu.admin.clearFaults();
      assert.deepEqual(await emu.admin.faults(), []);
    });

    it("rejects malformed rules with 400", async () => {
      const res = await rest(emu.httpUrl, "POST", "/emulator/v1/faults", {
        body: { method: "GetSpace", code: "NOPE" },
      });
      assert.equal(res.status, 400);
      assert.match(res.body.error.message, /gRPC status name/);
    });
  });
});
