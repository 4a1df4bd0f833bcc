/**
 * What one API call is, whichever API and transport it came by: the request the transports build
 * (`ApiCall`), who made it, the outcome, the journal entry the pipeline (pipeline/service.ts)
 * records for it, and the one thing transports need of the pipeline (`CallHandler`). Written
 * beneath both APIs and the pipeline, so that they all depend on it and it on none of them.
 */
import type { ChatRpc } from "../../google/chat";
import type { MeetApiVersion, MeetMethod } from "../../google/meet";
import type { CodeName } from "../../google/statusCodes";
import type { ApiError } from "./errors";

/**
 * The Chat RPCs, named `chat.<RPC>` in the emulator's pipeline, journal and fault rules: Chat and
 * Meet both have a GetSpace and an UpdateSpace.
 */
export type ChatMethod = `chat.${ChatRpc}`;

/** Every method the emulator serves: Meet's (google/meet.ts) and Chat's. */
export type Method = MeetMethod | ChatMethod;

/** Meet's v2beta / v2, or Chat's v1. */
type ApiVersion = MeetApiVersion | "v1";

export interface Caller {
  email: string;
  /** undefined = every scope. */
  scopes?: string[];
  /** The OAuth client (app) the token was issued to; undefined = the one default app. */
  app?: string;
}

export type Transport = "grpc" | "rest";

export interface JournalEntry {
  method: string;
  /** The request's name / parent / space.name as sent (CreateSpace: the new space's name). */
  name: string;
  /** Only when a mask was sent; normalized to snake_case. */
  updateMask?: string[];
  caller: string;
  /** gRPC status name of the answer, e.g. "OK", "INVALID_ARGUMENT". */
  code: CodeName;
  transport: Transport;
  version: ApiVersion;
  /** Only for CreateMember (and Chat's CreateMembership: the member's name). */
  email?: string;
  /** Only for BatchUpdateMembers: the member names of its requests, in order. */
  members?: string[];
  /** Only with quotas on: when the quotas counted the call (ms on the quota clock). */
  at?: number;
}

/** One call as the transports hand it on: Meet's or Chat's, told apart by its method. */
export type ApiCall = CallOf<MeetMethod> | CallOf<ChatMethod>;

export interface CallOf<M extends Method> {
  method: M;
  version: ApiVersion;
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

/** A Chat call (its method `chat.<RPC>`), else a Meet one. */
export function isChatCall(call: ApiCall): call is CallOf<ChatMethod> {
  return call.method.startsWith("chat.");
}

export type CallOutcome = { ok: true; response: Record<string, any> } | { ok: false; error: ApiError };

/** What the transports hand each call to: the pipeline (pipeline/service.ts). */
export interface CallHandler {
  call(call: ApiCall): Promise<CallOutcome>;
}
