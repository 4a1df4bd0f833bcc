/**
 * An auth client whose tokens come from elsewhere (keyless delegation's cache): every request,
 * including the gax clients' REST calls (which go through `fetch` -> `request`), carries a fresh
 * `Authorization: Bearer` header. google-auth-library has no client for a token source, only the
 * abstract AuthClient this fills in.
 */
import { AuthClient } from "google-auth-library";

export type TokenSource = () => Promise<string>;

export class AccessTokenClient extends AuthClient {
  constructor(private readonly source: TokenSource) {
    super();
  }

  async getAccessToken(): Promise<{ token: string }> {
    return { token: await this.source() };
  }

  async getRequestHeaders(): Promise<Headers> {
    return new Headers({ authorization: `Bearer ${await this.source()}` });
  }

  async request<T>(options: any): Promise<any> {
    const headers = new Headers(options.headers);
    headers.set("authorization", `Bearer ${await this.source()}`);
    return this.transporter.request<T>({ ...options, headers });
  }
}
