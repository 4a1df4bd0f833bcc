/**
 * JSON over HTTP, shared by the REST transport and the admin hooks: reading a request body,
 * parsing it as Google's front end does, and writing JSON answers and Google's error body.
 */
import type * as http from "node:http";
import { HTTP_STATUS } from "../../google/statusCodes";
import { ApiError, restErrorBody } from "./errors";

/** One HTTP request, its answer and its parsed URL: what every HTTP handler is given. */
export interface HttpExchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function parseJsonBody(text: string): any {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError("INVALID_ARGUMENT", `Invalid JSON payload received. ${(err as Error).message}`);
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, err: ApiError): void {
  sendJson(res, HTTP_STATUS[err.status], restErrorBody(err));
}
