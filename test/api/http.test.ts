/**
 * The REST transport (provider/api/http.ts) against a bare local HTTP server: what goes on the
 * wire, what comes back, kept connections, and the failures the normalizer must read as before.
 */
import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { HttpClient } from "../../provider/api/http";
import { toApiError } from "../../provider/api/normalize";
import { Code } from "../../google/statusCodes";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A server answering each request with `answer(seen)`; counts the connections it accepted. */
async function server(answer: (seen: Seen, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const s = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (d) => (body += d));
    req.on("end", () => {
      const one = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(one);
      answer(one, res);
    });
  });
  s.on("connection", () => connections++);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => s.close(() => resolve()).closeAllConnections()),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

describe("REST transport (api/http.ts)", () => {
  it("sends the method, path, query, JSON body with its length and the headers; parses the JSON answer", async () => {
    const srv = await server((_, res) => json(res, 200, { name: "spaces/abc" }));
    try {
      const client = new HttpClient(async () => ({ Authorization: "Bearer from-credentials" }));
      const answer = await client.request<{ name: string }>({
        url: `${srv.base}/v2/spaces/abc`,
        method: "PATCH",
        params: { updateMask: "config.accessType,config.moderation" },
        data: { config: { accessType: "OPEN" } },
        headers: { "Content-Type": "application/json", "x-extra": "1" },
      });
      assert.deepEqual(answer.data, { name: "spaces/abc" });
      const [one] = srv.seen;
      assert.equal(one.method, "PATCH");
      assert.equal(one.url, "/v2/spaces/abc?updateMask=config.accessType%2Cconfig.moderation");
      assert.equal(one.body, '{"config":{"accessType":"OPEN"}}');
      assert.equal(one.headers["content-length"], String(Buffer.byteLength(one.body)));
      assert.equal(one.headers["content-type"], "application/json");
      assert.equal(one.headers.authorization, "Bearer from-credentials");
      assert.equal(one.headers["x-extra"], "1");
    } finally {
      await srv.close();
    }
  });

  it("a GET sends no body; an empty answer is {}", async () => {
    const srv = await server((_, res) => res.writeHead(200).end());
    try {
      const answer = await new HttpClient().request({ url: `${srv.base}/v2/spaces/abc`, method: "GET" });
      assert.deepEqual(answer.data, {});
      assert.equal(srv.seen[0].body, "");
      assert.equal(srv.seen[0].headers["content-length"], undefined);
    } finally {
      await srv.close();
    }
  });

  it("keeps the connection: ten calls in a row, from two clients, use one", async () => {
    const srv = await server((_, res) => json(res, 200, {}));
    try {
      const [a, b] = [new HttpClient(), new HttpClient()];
      for (let i = 0; i < 5; i++) {
        await a.request({ url: `${srv.base}/v2/spaces/a`, method: "GET" });
        await b.request({ url: `${srv.base}/v2/spaces/b`, method: "GET" });
      }
      assert.equal(srv.seen.length, 10);
      assert.equal(srv.connections(), 1);
    } finally {
      await srv.close();
    }
  });

  it("an HTTP error carries the status and Google's JSON error body, which the normalizer reads", async () => {
    const srv = await server((_, res) =>
      json(res, 404, {
        error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" },
      }),
    );
    try {
      const err = await new HttpClient().request({ url: `${srv.base}/v2/spaces/gone`, method: "GET" }).then(
        () => assert.fail("expected a failure"),
        (e) => e,
      );
      assert.equal(err.message, "GET /v2/spaces/gone answered HTTP 404");
      assert.equal(err.response.status, 404);
      assert.equal(err.response.data.error.status, "NOT_FOUND");
      const normalized = toApiError("GetSpace", err, { endpoint: srv.base, emulator: true });
      assert.equal(normalized.code, Code.NOT_FOUND);
      assert.equal(normalized.unreached, undefined);
    } finally {
      await srv.close();
    }
  });

  it("an error body that is not JSON is kept as text", async () => {
    const srv = await server((_, res) => res.writeHead(502).end("<html>bad gateway</html>"));
    try {
      const err = await new HttpClient().request({ url: `${srv.base}/v2/spaces/x`, method: "GET" }).then(
        () => assert.fail("expected a failure"),
        (e) => e,
      );
      assert.equal(err.response.status, 502);
      assert.equal(err.response.data, "<html>bad gateway</html>");
    } finally {
      await srv.close();
    }
  });

  it("no answer within the call's timeout: cut off as a TimeoutError, read as DEADLINE_EXCEEDED (sent, outcome unknown)", async () => {
    const srv = await server(() => {
      // never answers
    });
    try {
      const err = await new HttpClient()
        .request({ url: `${srv.base}/v2/spaces`, method: "POST", data: {}, timeout: 50 })
        .then(
          () => assert.fail("expected a failure"),
          (e) => e,
        );
      assert.equal(err.name, "TimeoutError");
      assert.equal(err.message, "no answer within 50 ms");
      assert.equal(srv.seen.length, 1, "the request went out");
      const normalized = toApiError("CreateSpace", err, { endpoint: srv.base, emulator: true });
      assert.equal(normalized.code, Code.DEADLINE_EXCEEDED);
      assert.equal(normalized.unreached, undefined);
    } finally {
      await srv.close();
    }
  });

  it("a refused connection is Node's ECONNREFUSED, which the normalizer reads as never sent", async () => {
    const srv = await server(() => {});
    const base = srv.base;
    await srv.close();
    const err = await new HttpClient().request({ url: `${base}/v2/spaces`, method: "POST", data: {} }).then(
      () => assert.fail("expected a failure"),
      (e) => e,
    );
    assert.equal(err.code, "ECONNREFUSED");
    const normalized = toApiError("CreateSpace", err, { endpoint: base, emulator: true });
    assert.equal(normalized.code, Code.UNAVAILABLE);
    assert.equal(normalized.unreached?.cause, "connection refused (nothing listens at that port)");
    assert.equal(normalized.unreached?.final, true, "loopback: nothing listens, retrying cannot help");
  });
});
