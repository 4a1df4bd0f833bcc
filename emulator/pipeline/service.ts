/**
 * The transport-independent API dispatcher: every gRPC and REST call goes through
 * `ApiService.call`, which applies (in order) simulated latency, identity, the project's
 * API enablement and preview enrollment, scopes, quota, injected faults, the store
 * operation, and journals the outcome.
 */
import { applyChat } from "../chat/methods";
import { ChatStore } from "../chat/store";
import { applyMeet, noteMeetRequest } from "../meet/methods";
import type { Store } from "../meet/store";
import { normalizeMask } from "../wire/masks";
import { type ApiError, toApiError } from "../wire/errors";
import {
  type ApiCall,
  type CallHandler,
  type CallOutcome,
  type JournalEntry,
  isChatCall,
} from "../wire/call";
import type { Faults } from "./faults";
import type { Identity } from "./identity";
import type { ApiVersion } from "../meet/model";
import type { Project } from "./project";
import type { Quota } from "./quota";

export type { ApiCall, CallOutcome, JournalEntry, Transport } from "../wire/call";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiService implements CallHandler {
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
    if (call.updateMask !== undefined) entry.updateMask = normalizeMask(call.updateMask, true);
    const chat = isChatCall(call);
    if (!isChatCall(call)) noteMeetRequest(call, entry);

    let outcome: CallOutcome;
    try {
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      const caller = this.identity.resolve(call.authorization);
      entry.caller = caller.email;
      // The project switches model the Meet API; the Chat API's enablement is not modelled.
      if (!chat) this.project.check(call.version as ApiVersion);
      this.identity.checkScopes(caller, call.method);
      const counted = this.quota.take(caller.email, call.method, this.project.settings.id, entry.name);
      if (counted !== undefined) entry.at = counted;
      const fault = this.faults.decide(call.method, JSON.stringify(request));
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.error && !fault.afterApply) throw fault.error;
      call.validate?.();
      const response = isChatCall(call)
        ? applyChat(this.chat, call, caller.email, entry)
        : applyMeet(this.store, call, caller, entry);
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

  /** Forgets spaces, members, journal, quota counters, faults, run-time user and project settings (and auth mode's state). */
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
