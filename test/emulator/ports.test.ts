import * as assert from "node:assert/strict";
import * as net from "node:net";
import { useEmulator } from "../support/emulator";
import { as, grpcClient, rest, restClient, tokenAuth } from "../support/meetClients";

const ALICE = "alice@example.com";

// GOOGLE_MEET_EMULATOR_HOST names the "gRPC" port, and a provider on v2 speaks REST to it:
// each public port tells the two protocols apart by the HTTP/2 connection preface.
describe("emulator ports: one port speaks both protocols", () => {
  const emu = useEmulator();
  const grpcPortUrl = () => `http://${emu.grpcAddress}`;
  const httpPortAddress = () => emu.httpUrl.replace(/^http:\/\//, "");

  it("answers REST and the admin hooks on the gRPC port", async () => {
    const created = await rest(grpcPortUrl(), "POST", "/v2/spaces", {
      token: ALICE,
      body: { config: { accessType: "OPEN" } },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal(created.body.config.accessType, "OPEN");
    const spaces: any = await (await fetch(`${grpcPortUrl()}/emulator/v1/spaces`)).json();
    assert.deepEqual(
      spaces.spaces.map((s: any) => [s.name, s.owner]),
      [[created.body.name, ALICE]],
    );
    const client = restClient(grpcPortUrl(), ALICE);
    const [space] = await client.getSpace({ name: created.body.name });
    assert.equal(space.config.accessType, "OPEN");
    await client.close();
  });

  it("serves v2 members to google-auth-library's request() at GOOGLE_MEET_EMULATOR_HOST (the gRPC port)", async () => {
    // What a provider on v2 does: plain authenticated REST to the host:port it is given.
    const auth = tokenAuth(ALICE);
    const base = `http://${emu.grpcAddress}/v2`;
    const space = (await auth.request<any>({ url: `${base}/spaces`, method: "POST", data: {} })).data;
    const member = (
      await auth.request<any>({
        url: `${base}/${space.name}/members`,
        method: "POST",
        data: { email: "bob@example.com", role: "COHOST" },
      })
    ).data;
    const patched = (
      await auth.request<any>({
        url: `${base}/${member.name}?updateMask=role`,
        method: "PATCH",
        data: { role: "ROLE_UNSPECIFIED" },
      })
    ).data;
    assert.equal(patched.role, undefined);
    const journal = await emu.admin.requests();
    assert.deepEqual(
      journal.map((e) => [e.method, e.version, e.transport, e.caller]),
      [
        ["CreateSpace", "v2", "rest", ALICE],
        ["CreateMember", "v2", "rest", ALICE],
        ["UpdateMember", "v2", "rest", ALICE],
      ],
    );
  });

  it("answers gRPC on the HTTP port", async () => {
    const client = grpcClient(httpPortAddress());
    const [space] = await client.createSpace({ space: { config: { accessType: "RESTRICTED" } } }, as(ALICE));
    assert.equal(space.config.accessType, "RESTRICTED");
    await client.close();
    const journal = await emu.admin.requests();
    assert.deepEqual(
      journal.map((e) => [e.method, e.transport, e.caller, e.code]),
      [["CreateSpace", "grpc", ALICE, "OK"]],
    );
  });

  it("serves both protocols at once on one port, with keep-alive REST connections", async () => {
    const client = grpcClient(emu.grpcAddress);
    const [space] = await client.createSpace({ space: {} }, as(ALICE));
    const answers = await Promise.all([
      rest(grpcPortUrl(), "GET", `/v2beta/${space.name}`, { token: ALICE }),
      client.getSpace({ name: space.name }, as(ALICE)),
      rest(grpcPortUrl(), "GET", `/v2beta/${space.name}`, { token: ALICE }),
    ]);
    assert.equal(answers[0].body.name, space.name);
    assert.equal(answers[1][0].name, space.name);
    assert.equal(answers[2].body.name, space.name);
    await client.close();
  });

  it("routes an HTTP/2 preface split over TCP segments to the gRPC server", async () => {
    const preface = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
    const emptySettings = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    const first = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect(emu.emulator.httpPort, "127.0.0.1");
      socket.once("data", (d: Buffer) => {
        socket.destroy();
        resolve(d);
      });
      socket.on("error", reject);
      socket.write(preface.subarray(0, 5));
      setTimeout(() => socket.write(Buffer.concat([preface.subarray(5), emptySettings])), 20);
    });
    assert.equal(first[3], 4, "the server's first HTTP/2 frame is SETTINGS");
  });

  it("routes an HTTP request sent one byte at a time to the HTTP server", async () => {
    // An HTTP request sent one byte at a time still reaches the HTTP server.
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(emu.emulator.grpcPort, "127.0.0.1");
      const request = "GET /emulator/v1/faults HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      let out = "";
      socket.on("data", (d) => {
        out += d;
      });
      socket.on("end", () => resolve(out));
      socket.on("error", reject);
      let i = 0;
      const tick = () => {
        if (i < request.length) {
          socket.write(request[i++]);
          setTimeout(tick, 1);
        }
      };
      tick();
    });
    assert.match(reply, /^HTTP\/1\.1 200 OK/);
    assert.match(reply, /\{"faults":\[\],"seed":\d+\}/);
  });
});
