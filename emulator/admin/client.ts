/**
 * A small typed client for the emulator's /emulator/v1/ hooks (uses global fetch).
 * Used by the provider tests, the benchmark and the demo.
 */
import type { StoredSpace } from "./hooks";
import type { FaultRule, FaultRuleState } from "../pipeline/faults";
import type { Feature } from "../meet/model";
import type { ProjectSettings } from "../pipeline/project";
import type { JournalEntry } from "../pipeline/service";
import type { SpaceJson } from "../meet/store";

export class EmulatorAdminClient {
  private readonly base: string;

  /** @param httpUrl the emulator's HTTP base URL, e.g. "http://127.0.0.1:8085". */
  constructor(httpUrl: string) {
    this.base = `${httpUrl.replace(/\/+$/, "")}/emulator/v1`;
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : {};
    if (!res.ok)
      throw new Error(`emulator admin ${method} /${path}: ${res.status} ${json?.error?.message ?? text}`);
    return json as T;
  }

  /** The journal of API calls, oldest first. */
  async requests(): Promise<JournalEntry[]> {
    return (await this.send<{ requests: JournalEntry[] }>("GET", "requests")).requests;
  }

  async clearRequests(): Promise<void> {
    await this.send("DELETE", "requests");
  }

  /** Forgets all spaces, members, journal, quota counters, faults and run-time user settings. */
  async reset(): Promise<void> {
    await this.send("POST", "reset");
  }

  /** Adds a fault rule; returns its id. */
  async addFault(rule: FaultRule): Promise<string> {
    return (await this.send<{ id: string }>("POST", "faults", rule)).id;
  }

  async faults(): Promise<FaultRuleState[]> {
    return (await this.send<{ faults: FaultRuleState[] }>("GET", "faults")).faults;
  }

  /** The seed probabilistic fault rules draw from (print it with a failure to replay the storm). */
  async faultSeed(): Promise<number> {
    return (await this.send<{ seed: number }>("GET", "faults")).seed;
  }

  /** Starts the fault draws again from `seed`: the same seed and calls give the same faults. */
  async setFaultSeed(seed: number): Promise<void> {
    await this.send("PUT", "faults/seed", { seed });
  }

  async clearFaults(): Promise<void> {
    await this.send("DELETE", "faults");
  }

  /** Starts a conference in `spaces/{id}`; returns the space (with activeConference). */
  async startConference(spaceName: string): Promise<SpaceJson> {
    const id = spaceName.replace(/^spaces\//, "");
    return this.send("POST", `spaces/${encodeURIComponent(id)}:startConference`);
  }

  /** Every stored space with owner and members (the real API has no list). */
  async spaces(): Promise<StoredSpace[]> {
    return (await this.send<{ spaces: StoredSpace[] }>("GET", "spaces")).spaces;
  }

  /** Every stored Chat space with its creator and memberships (with the emails they were added by). */
  async chatSpaces(): Promise<any[]> {
    return (await this.send<{ spaces: any[] }>("GET", "chat/spaces")).spaces;
  }

  /** The project's settings: {id, developerPreview, apiEnabled}. */
  async project(): Promise<ProjectSettings> {
    return this.send("GET", "project");
  }

  /**
   * Changes the project's Developer Preview enrollment (false: v2beta calls are refused) or API
   * enablement (false: every call is SERVICE_DISABLED) until the next reset.
   */
  async setProject(settings: { developerPreview?: boolean; apiEnabled?: boolean }): Promise<ProjectSettings> {
    return this.send("PUT", "project", settings);
  }

  /** Sets which plan features a user lacks. */
  async setUser(email: string, settings: { unavailableFeatures: Feature[] }): Promise<void> {
    await this.send("PUT", `users/${encodeURIComponent(email)}`, settings);
  }
}
