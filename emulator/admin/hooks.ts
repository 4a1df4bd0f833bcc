/**
 * Test hooks under /emulator/v1/ (either port): the request journal, the whole store,
 * reset, fault rules, starting a conference, per-user plan features, and the project's
 * Developer Preview enrollment and API enablement. Not part of the
 * Meet API; see emulator/README.md for examples.
 */
import { storedChatSpace } from "../chat/store";
import { ApiError } from "../wire/errors";
import type { Feature } from "../meet/model";
import { type HttpExchange, parseJsonBody, readBody, sendError, sendJson } from "../wire/httpJson";
import type { ApiService } from "../pipeline/service";
import { type MemberJson, type SpaceJson, memberToJson } from "../meet/store";

/** A space as the admin API shows it: full v2beta view plus its owner, creating app and members. */
export interface StoredSpace extends SpaceJson {
  owner: string;
  /** The app that created it; absent: the default app; null: made in Meet's own interface. */
  app?: string | null;
  members: MemberJson[];
}

export function storedSpaces(service: ApiService): StoredSpace[] {
  return [...service.store.spaces.values()].map((record) => ({
    ...service.store.spaceJson(record),
    owner: record.owner,
    ...(record.app !== undefined ? { app: record.app } : {}),
    members: record.members.map((m) => ({ ...memberToJson(record, m), role: m.role })),
  }));
}

/** Answers a request under /emulator/v1/; false when the path is not an admin hook's. */
export async function handleAdmin(service: ApiService, x: HttpExchange): Promise<boolean> {
  if (!x.url.pathname.startsWith("/emulator/v1/")) return false;
  await answerAdmin(service, x);
  return true;
}

async function answerAdmin(service: ApiService, { req, res, url }: HttpExchange): Promise<void> {
  const verb = req.method ?? "GET";
  const path = url.pathname.slice("/emulator/v1/".length);
  const body = parseJsonBody(await readBody(req));

  if (path === "requests" && verb === "GET") return sendJson(res, 200, { requests: service.journal });
  if (path === "requests" && verb === "DELETE") {
    service.journal = [];
    return sendJson(res, 200, {});
  }
  if (path === "spaces" && verb === "GET") return sendJson(res, 200, { spaces: storedSpaces(service) });
  if (path === "spaces" && verb === "POST") return sendJson(res, 200, roomMadeInMeet(service, body));
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
    return sendJson(res, 200, service.store.spaceJson(record));
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

/**
 * `POST /emulator/v1/spaces` `{"owner": EMAIL, "config": {...}}`: a room made as in Meet's own
 * interface (or Calendar): owned by `owner`, created by no app, so no app's
 * `meetings.space.created` scope covers it. Answers the space as v2 GetSpace does for its owner.
 */
function roomMadeInMeet(service: ApiService, body: unknown): SpaceJson {
  const { owner, config, ...rest } = (body ?? {}) as { owner?: unknown; config?: unknown };
  const unknown = Object.keys(rest);
  if (unknown.length) {
    throw new ApiError(
      "INVALID_ARGUMENT",
      `POST /emulator/v1/spaces takes "owner" and "config"; unknown: ${unknown.join(", ")}`,
    );
  }
  if (typeof owner !== "string" || !/^[^@\s]+@[^@\s]+$/.test(owner)) {
    throw new ApiError(
      "INVALID_ARGUMENT",
      `POST /emulator/v1/spaces: "owner" must be the owner's email, got ${JSON.stringify(owner)}`,
    );
  }
  return service.store.spaceJson(service.store.createSpace(owner, { config }, null));
}
