/**
 * Test hooks under /emulator/v1/ (either port): the request journal, the whole store,
 * reset, fault rules, starting a conference, per-user plan features, and the project's
 * Developer Preview enrollment and API enablement. Not part of the
 * Meet API; see emulator/README.md for examples.
 */
import type * as http from "node:http";
import { storedChatSpace } from "../chat/store";
import { ApiError } from "../wire/errors";
import type { Feature } from "../meet/model";
import { parseJsonBody, readBody, sendError, sendJson } from "../wire/httpJson";
import type { ApiService } from "../pipeline/service";
import { type MemberJson, type SpaceJson, memberToJson, spaceToJson } from "../meet/store";

/** A space as the admin API shows it: full v2beta view plus its owner and members. */
export interface StoredSpace extends SpaceJson {
  owner: string;
  members: MemberJson[];
}

export function storedSpaces(service: ApiService): StoredSpace[] {
  return [...service.store.spaces.values()].map((record) => ({
    ...spaceToJson(record),
    owner: record.owner,
    members: record.members.map((m) => ({ ...memberToJson(record, m), role: m.role })),
  }));
}

/** Answers a request under /emulator/v1/; false when the path is not an admin hook's. */
export async function handleAdmin(
  service: ApiService,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith("/emulator/v1/")) return false;
  await answerAdmin(service, req, res, url);
  return true;
}

async function answerAdmin(
  service: ApiService,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<void> {
  const verb = req.method ?? "GET";
  const path = url.pathname.slice("/emulator/v1/".length);
  const body = parseJsonBody(await readBody(req));

  if (path === "requests" && verb === "GET") return sendJson(res, 200, { requests: service.journal });
  if (path === "requests" && verb === "DELETE") {
    service.journal = [];
    return sendJson(res, 200, {});
  }
  if (path === "spaces" && verb === "GET") return sendJson(res, 200, { spaces: storedSpaces(service) });
  if (path === "chat/spaces" && verb === "GET")
    return sendJson(res, 200, { spaces: [...service.chat.spaces.values()].map(storedChatSpace) });
  if (path === "reset" && verb === "POST") {
    service.reset();
    return sendJson(res, 200, {});
  }
  if (path === "faults") {
    if (verb === "POST") return sendJson(res, 200, { id: service.faults.add(body) });
    if (verb === "GET")
      return sendJson(res, 200, { faults: service.faults.list(), seed: service.faults.seed });
    if (verb === "DELETE") {
      service.faults.clear();
      return sendJson(res, 200, {});
    }
  }
  if (path === "faults/seed" && verb === "PUT")
    return sendJson(res, 200, { seed: service.faults.reseed((body as { seed?: unknown })?.seed) });
  const conference = /^spaces\/([^/:]+):startConference$/.exec(path);
  if (conference && verb === "POST") {
    const record = service.store.startConference(decodeURIComponent(conference[1]));
    return sendJson(res, 200, spaceToJson(record));
  }
  if (path === "project" && verb === "GET") return sendJson(res, 200, service.project.settings);
  if (path === "project" && verb === "PUT") return sendJson(res, 200, service.project.set(body));
  const user = /^users\/([^/]+)$/.exec(path);
  if (user && verb === "PUT") {
    const email = decodeURIComponent(user[1]);
    const settings = service.store.setUser(email, body as { unavailableFeatures?: Feature[] });
    return sendJson(res, 200, { email, ...settings });
  }
  sendError(res, new ApiError("NOT_FOUND", `No admin hook for ${verb} /emulator/v1/${path}`));
}
