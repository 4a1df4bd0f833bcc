/**
 * HTTP transport: the REST front ends of the APIs (wire/rest.ts) and the admin hooks under
 * /emulator/v1/, on one HTTP/1.1 server.
 */
import * as http from "node:http";
import type { ApiService } from "../pipeline/service";
import type { ApiError } from "./errors";
import { toApiError } from "./errors";
import { sendError } from "./httpJson";
import { type RestApi, serveRest } from "./rest";

/** Serves one kind of request; false when the request is not its own. */
export type HttpHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;

/**
 * The HTTP/1.1 server. Each request goes to the first handler that takes it, then to the first
 * API whose versions its path names; anything else is answered with `unmatched`. It does not listen
 * itself: the public ports (portMux.ts) hand it the connections that are not gRPC.
 */
export function createHttpServer(
  service: ApiService,
  handlers: HttpHandler[],
  apis: RestApi[],
  unmatched: (verb: string, pathname: string) => ApiError,
): http.Server {
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    for (const handler of handlers) if (await handler(req, res, url)) return;
    for (const api of apis) if (await serveRest(api, service, req, res, url)) return;
    sendError(res, unmatched(req.method ?? "GET", url.pathname));
  };
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    handle(req, res, url).catch((err) => {
      if (!res.headersSent) sendError(res, toApiError(err));
      else res.end();
    });
  });
}
