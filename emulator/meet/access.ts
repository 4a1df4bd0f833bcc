/**
 * Who may call each Meet method and what it counts against, declared here as Chat's are in
 * chat/model.ts; the pipeline (pipeline/identity.ts, pipeline/quota.ts) only puts the two APIs'
 * declarations together. Scopes: Meet's discovery documents (any one listed is enough). Quotas:
 * Google's Meet usage limits, per minute, per user per project (reads 600, writes 100, creates 10)
 * and per project for all users together (reads 6000, writes 1000, creates 100).
 */
import { scope } from "../../google/oauth";
import type { MeetMethod } from "../../google/meet";

/** Counts only for spaces the caller's app created (meet/createdByApp.ts). */
export const CREATED_SCOPE = scope("meetings.space.created");
const READONLY = scope("meetings.space.readonly");
const SETTINGS = scope("meetings.space.settings");

export const MEET_METHOD_SCOPES: Record<MeetMethod, string[]> = {
  CreateSpace: [CREATED_SCOPE],
  GetSpace: [CREATED_SCOPE, READONLY, SETTINGS],
  UpdateSpace: [CREATED_SCOPE, SETTINGS],
  EndActiveConference: [CREATED_SCOPE],
  CreateMember: [CREATED_SCOPE],
  DeleteMember: [CREATED_SCOPE],
  UpdateMember: [CREATED_SCOPE],
  BatchUpdateMembers: [CREATED_SCOPE],
  GetMember: [CREATED_SCOPE, READONLY],
  ListMembers: [CREATED_SCOPE, READONLY],
};

export type MeetQuotaBucket = "reads" | "writes" | "creates";

export const MEET_DEFAULT_LIMITS: Record<MeetQuotaBucket, number> = { reads: 600, writes: 100, creates: 10 };
export const MEET_DEFAULT_PROJECT_LIMITS: Record<MeetQuotaBucket, number> = {
  reads: 6000,
  writes: 1000,
  creates: 100,
};

/** The per-minute buckets (per project and per user) each method counts in. */
export const MEET_METHOD_BUCKETS: Record<MeetMethod, MeetQuotaBucket[]> = {
  GetSpace: ["reads"],
  GetMember: ["reads"],
  ListMembers: ["reads"],
  UpdateSpace: ["writes"],
  EndActiveConference: ["writes"],
  CreateMember: ["writes"],
  DeleteMember: ["writes"],
  UpdateMember: ["writes"],
  BatchUpdateMembers: ["writes"],
  CreateSpace: ["creates"],
};
