/**
 * JSON over HTTP with Node's own fetch, for the REST wires (Meet v2): the request a wire describes,
 * the credentials' headers added per call, and an HTTP error thrown in the shape the normalizer
 * reads (`response.status`, `response.data`: Google's JSON error body). No retries: the call loop's
 * policy is the only one. Chosen over the auth library's own request(), whose per-call preparation
 * cost more CPU than the call itself against a local server (see the benchmark's refresh figure).
 */

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

export class FetchClient implements RequestClient {
  constructor(private readonly headersFor?: HeadersFor) {}

  async request<T>(o: Parameters<RequestClient["request"]>[0]): Promise<{ data: T }> {
    const url = new URL(o.url);
    for (const [k, v] of Object.entries(o.params ?? {})) url.searchParams.set(k, String(v));
    const headers = new Headers(o.headers);
    if (this.headersFor) for (const [k, v] of new Headers(await this.headersFor(url.href))) headers.set(k, v);
    const res = await fetch(url, {
      method: o.method,
      headers,
      ...(o.data === undefined ? {} : { body: JSON.stringify(o.data) }),
      ...(o.timeout ? { signal: AbortSignal.timeout(o.timeout) } : {}),
    });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      // not JSON: kept as text (an error body a proxy wrote, say)
    }
    if (!res.ok) {
      throw Object.assign(new Error(`${o.method} ${url.pathname} answered HTTP ${res.status}`), {
        response: { status: res.status, data },
      });
    }
    return { data: data as T };
  }
}
