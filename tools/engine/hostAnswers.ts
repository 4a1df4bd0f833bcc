/**
 * What Pulumi's dynamic-provider host answers, as the driver in providerHost.ts hands it on: plain
 * JSON property bags, each call's result, and the one error type (the provider's own message, and
 * for a create or update that failed after the object came to exist, what the provider attached).
 */

/** A plain JSON object of resource properties. */
export type Props = Record<string, any>;

export interface CheckFailure {
  property: string;
  reason: string;
}
export interface CheckResult {
  /** The inputs the provider validated (or the news as given), always with `__provider`. */
  inputs: Props;
  /** Validation failures; empty when the inputs are acceptable. */
  failures: CheckFailure[];
}
/** The host's DiffResponse as read here (not the provider's own DiffResult in provider/runtime/contracts.ts). */
export interface HostDiff {
  /** `some`: changes; `none`: no changes; `unknown`: the provider did not say (or has no diff). */
  changes: "some" | "none" | "unknown";
  /** Input properties whose change requires a replacement. Non-empty means replace. */
  replaces: string[];
  /** On replace, delete the old object before creating the new one. */
  deleteBeforeReplace: boolean;
}
export interface CreateResult {
  id: string;
  /** Output properties, including `__provider`. */
  properties: Props;
}
export interface ReadResult {
  /** The id read; `""` means the object is gone. */
  id: string;
  properties: Props;
  /** Inputs the provider reported (SDK >= 3.216); undefined when it did not. */
  inputs?: Props;
}
export interface UpdateResult {
  properties: Props;
}

/**
 * An error from the host. `message` is the provider's message. For a failed create or update whose
 * object exists anyway, `id`, `properties` and `reasons` are what the provider attached.
 */
export class ProviderHostError extends Error {
  /** The gRPC status code (2 = UNKNOWN for provider errors, 4 = DEADLINE_EXCEEDED, ...). */
  readonly code?: number;
  /** The operation that failed, e.g. `create`. */
  readonly operation: string;
  readonly id?: string;
  readonly properties?: Props;
  readonly reasons?: string[];
  constructor(
    operation: string,
    message: string,
    extra: { code?: number; id?: string; properties?: Props; reasons?: string[] } = {},
  ) {
    super(message);
    this.name = "ProviderHostError";
    this.operation = operation;
    this.code = extra.code;
    this.id = extra.id;
    this.properties = extra.properties;
    this.reasons = extra.reasons;
  }
  /** True when the provider reported a partially created/updated object to record in state. */
  get isPartial(): boolean {
    return this.id !== undefined && this.id !== "";
  }
}
