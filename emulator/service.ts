/**
 * The transport-independent API dispatcher: every gRPC and REST call goes through
 * `ApiService.call`, which applies (in order) simulated latency, identity, the project's
 * API enablement and preview enrollment, scopes, quota, injected faults, the store
 * operation, and journals the outcome.
 */
import { applyChat } from "./chat/service";
import { ChatStore } from "./chat/store";
import { type ApiError, type StatusName, toApiError } from "./errors";
import type { Faults } from "./faults";
import type { Identity, Method } from "./identity";
import type { ApiVersion } from "./model";
import type { Project } from "./project";
import type { Quota } from "./quota";
import { type Store, memberToJson, normalizeMask, spaceName, spaceToJson } from "./store";

export type Transport = "grpc" | "rest";

export interface JournalEntry {
  method: string;
  /** The request's name / parent / space.name as sent (CreateSpace: the new space's name). */
  name: string;
  /** Only when a mask was sent; normalized to snake_case. */
  updateMask?: string[];
  caller: string;
  /** gRPC status name of the answer, e.g. "OK", "INVALID_ARGUMENT". */
  code: StatusName;
  transport: Transport;
  /** Meet's v2beta / v2, or Chat's v1. */
  version: ApiVersion | "v1";
  /** Only for CreateMember (and Chat's CreateMembership: the member's name). */
  email?: string;
  /** Only for BatchUpdateMembers: the member names of its requests, in order. */
  members?: string[];
}

export interface ApiCall {
  method: Method;
  version: ApiVersion | "v1";
  transport: Transport;
  /** The `authorization` header / metadata value, if any. */
  authorization?: string;
  /**
   * lowerCamel request fields: name, parent, space, member, pageSize, pageToken, requests
   * (BatchUpdateMembers: [{member, updateMask?: string[]}]).
   */
  request: Record<string, any>;
  /** Mask paths as sent (undefined when no mask was sent); BatchUpdateMembers: the top-level mask. */
  updateMask?: string[];
  /** REST `$alt=json;enum-encoding=int`: answer enums as numbers. */
  numericEnums?: boolean;
  /** Transport-level request checks (REST body parsing), run just before the store. */
  validate?: () => void;
}

export type CallOutcome = { ok: true; response: Record<string, any> } | { ok: false; error: ApiError };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiService {
  journal: JournalEntry[] = [];
  /** The Chat API's state (emulator/chat/). */
  readonly chat = new ChatStore();
  /** Called once per finished call (the CLI logs it). */
  onCall: (entry: JournalEntry, error?: ApiError) => void = () => {};
  /** Called by `reset` (auth mode forgets its accounts, grants and tokens). */
  onReset: () => void = () => {};

  constructor(
    readonly store: Store,
    readonly identity: Identity,
    readonly quota: Quota,
    readonly faults: Faults,
    readonly project: Project,
    private latencyMs = 0,
  ) {}

  async call(call: ApiCall): Promise<CallOutcome> {
    const { request } = call;
    const entry: JournalEntry = {
      method: call.method,
      name: String(request.name ?? request.parent ?? request.space?.name ?? ""),
      caller: "",
      code: "OK",
      transport: call.transport,
      version: call.version,
    };
    if (call.method === "CreateSpace") entry.name = "";
    if (call.updateMask !== undefined) entry.updateMask = normalizeMask(call.updateMask, true);
    if (call.method === "CreateMember") entry.email = String(request.member?.email ?? "");
    if (call.method === "UpdateMember") entry.name = String(request.member?.name ?? "");
    if (call.method === "BatchUpdateMembers" && Array.isArray(request.requests))
      entry.members = request.requests.map((r: any) => String(r?.member?.name ?? ""));

    let outcome: CallOutcome;
    try {
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      const caller = this.identity.resolve(call.authorization);
      entry.caller = caller.email;
      // The project switches model the Meet API; the Chat API's enablement is not modelled.
      if (call.version !== "v1") this.project.check(call.version);
      this.identity.checkScopes(caller, call.method);
      this.quota.take(caller.email, call.method, this.project.settings.id);
      const fault = this.faults.decide(call.method, JSON.stringify(request));
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.error && !fault.afterApply) throw fault.error;
      call.validate?.();
      const response = this.apply(call, caller.email, entry);
      if (fault.error) throw fault.error;
      outcome = { ok: true, response };
    } catch (err) {
      outcome = { ok: false, error: toApiError(err) };
      entry.code = outcome.error.status;
    }
    this.journal.push(entry);
    this.onCall(entry, outcome.ok ? undefined : outcome.error);
    return outcome;
  }

  /** Runs the store operation and renders the answer as wire JSON. */
  private apply(call: ApiCall, caller: string, entry: JournalEntry): Record<string, any> {
    const { store } = this;
    const { request } = call;
    const version = call.version as ApiVersion;
    const numericEnums = call.numericEnums === true;
    const rest = call.transport === "rest";
    const mask = call.updateMask === undefined ? undefined : normalizeMask(call.updateMask, rest);
    switch (call.method) {
      case "CreateSpace": {
        const record = store.createSpace(caller, request.space);
        entry.name = spaceName(record);
        return spaceToJson(record, { numericEnums });
      }
      case "GetSpace": {
        const { record, restricted } = store.getSpace(caller, request.name);
        return spaceToJson(record, { numericEnums, restricted });
      }
      case "UpdateSpace": {
        const record = store.updateSpace(caller, request.space, mask);
        return spaceToJson(record, { numericEnums });
      }
      case "EndActiveConference":
        store.endActiveConference(caller, request.name);
        return {};
      case "CreateMember": {
        const [space, member] = store.createMember(caller, request.parent, request.member);
        return memberToJson(space, member, numericEnums);
      }
      case "GetMember": {
        const [space, member] = store.getMember(caller, request.name);
        return memberToJson(space, member, numericEnums);
      }
      case "ListMembers": {
        const [space, page] = store.listMembers(
          caller,
          request.parent,
          request.pageSize,
          request.pageToken,
          version,
        );
        // proto3 JSON leaves out empty fields: no `members` when there are none, and
        // "nextPageToken ... unset if all members are returned".
        const answer: Record<string, any> = {};
        if (page.members.length > 0)
          answer.members = page.members.map((m) => memberToJson(space, m, numericEnums));
        if (page.nextPageToken !== "") answer.nextPageToken = page.nextPageToken;
        return answer;
      }
      case "UpdateMember": {
        const [space, member] = store.updateMember(caller, request.member, mask);
        return memberToJson(space, member, numericEnums);
      }
      case "BatchUpdateMembers": {
        const requests = Array.isArray(request.requests)
          ? request.requests.map((r: any) => ({
              member: r?.member,
              updateMask: r?.updateMask === undefined ? undefined : normalizeMask(r.updateMask, rest),
            }))
          : request.requests;
        const [space, members] = store.batchUpdateMembers(caller, request.parent, requests, mask);
        return { members: members.map((m) => memberToJson(space, m, numericEnums)) };
      }
      case "DeleteMember":
        store.deleteMember(caller, request.name);
        return {};
      default:
        return applyChat(this.chat, call, caller, entry);
    }
  }

  /** Forgets spaces, members, journal, quota counters, faults, run-time user and project settings. */
  reset(): void {
    this.store.clear();
    this.chat.clear();
    this.journal = [];
    this.quota.reset();
    this.faults.clear();
    this.project.reset();
    this.onReset();
  }
}
