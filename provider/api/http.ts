/**
 * JSON over HTTP for the REST wires (Meet v2, Chat): the request a wire describes, the
 * credentials' headers added per call, and an HTTP error thrown in the shape the normalizer reads
 * (`response.status`, `response.data`: Google's JSON error body). No retries: the call loop's
 * policy is the only one.
 *
 * Node's own `http`/`https` with one keep-alive agent per scheme for the process. Chosen over the
 * auth library's request() and over Node's fetch: against a local server both cost more CPU per
 * call than the call itself (fetch about 2.5 times this client's: web streams, an AbortSignal and
 * two socket writes a request), and the provider host serves every resource of an apply from one
 * thread (see docs/benchmarks.md, the refresh figure).
 */
import * as http from "node:http";
import * as https from "node:https";

/** What a REST wire needs of a transport. */
export interface RequestClient {
  request<T>(options: {
    url: string;
    method: string;
    params?: Record<string, string | number>;
    data?: unknown;
    timeout?: number;
    headers?: Record<string, string>;
  }): Promise<{ data: T }>;
}

/** The credentials' headers for a URL (google-auth-library's `getRequestHeaders`). */
export type HeadersFor = (url: string) => Promise<Headers | Record<string, string>>;

/** Connections kept open between calls, as fetch kept them: one pool per scheme for the process. */
const AGENTS = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

export class HttpClient implements RequestClient {
  constructor(private readonly headersFor?: HeadersFor) {}

  async request<T>(o: Parameters<RequestClient["request"]>[0]): Promise<{ data: T }> {
    const url = new URL(o.url);
    for (const [k, v] of Object.entries(o.params ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.headers ?? {})) headers[k.toLowerCase()] = v;
    if (this.headersFor) for (const [k, v] of new Headers(await this.headersFor(url.href))) headers[k] = v;
    const body = o.data === undefined ? undefined : JSON.stringify(o.data);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const res = await exchange(url, o.method, headers, body, o.timeout);
    let data: unknown = res.text;
    try {
      data = res.text ? JSON.parse(res.text) : {};
    } catch {
      // not JSON: kept as text (an error body a proxy wrote, say)
    }
    if (res.status < 200 || res.status > 299) {
      throw Object.assign(new Error(`${o.method} ${url.pathname} answered HTTP ${res.status}`), {
        response: { status: res.status, data },
      });
    }
    return { data: data as T };
  }
}

/**
 * One request and its whole answer. Node's own errors pass as they are (`code` ECONNREFUSED,
 * ENOTFOUND, ECONNRESET, HPE_*: the normalizer reads them); a call with no whole answer within
 * `timeoutMs` is cut off with a `TimeoutError`.
 */
function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") {
      reject(new Error(`unsupported URL scheme ${JSON.stringify(url.protocol)} in ${url.href}`));
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    const options = { method, headers, agent: AGENTS[url.protocol as "http:" | "https:"] };
    const req = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", fail);
    if (timeoutMs) {
      timer = setTimeout(() => {
        const err = new Error(`no answer within ${timeoutMs} ms`);
        err.name = "TimeoutError";
        req.destroy(err);
      }, timeoutMs);
    }
    req.end(body);
  });
}
