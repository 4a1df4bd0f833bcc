/**
 * HTTP transport: the REST front ends of the APIs (wire/rest.ts) and the admin hooks under
 * /emulator/v1/, on one HTTP/1.1 server.
 */
import * as http from "node:http";
import type { CallHandler } from "./call";
import type { ApiError } from "./errors";
import { toApiError } from "./errors";
import { type HttpExchange, sendError } from "./httpJson";
import { type RestApi, serveRest } from "./rest";

/** Serves one kind of request; false when the request is not its own. */
export type HttpHandler = (x: HttpExchange) => Promise<boolean>;

/**
 * The HTTP/1.1 server. Each request goes to the first handler that takes it, then to the first
 * API whose versions its path names; anything else is answered with `unmatched`. It does not listen
 * itself: the public ports (portMux.ts) hand it the connections that are not gRPC.
 */
export function createHttpServer(
  service: CallHandler,
  handlers: HttpHandler[],
  apis: RestApi[],
  unmatched: (verb: string, pathname: string) => ApiError,
): http.Server {
  const handle = async (x: HttpExchange) => {
    for (const handler of handlers) if (await handler(x)) return;
    for (const api of apis) if (await serveRest(api, service, x)) return;
    sendError(x.res, unmatched(x.req.method ?? "GET", x.url.pathname));
  };
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    handle({ req, res, url }).catch((err) => {
      if (!res.headersSent) sendError(res, toApiError(err));
      else res.end();
    });
  });
}
