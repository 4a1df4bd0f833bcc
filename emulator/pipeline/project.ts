/**
 * The Cloud project every call is billed to, and what it may use: whether the Meet API is
 * enabled in it, and whether it is enrolled in Google's Workspace Developer Preview Program
 * (needed for every v2beta method). Both default to yes; tests switch them off to see the
 * answers a real project gets:
 * - API disabled: every method, any version, answers PERMISSION_DENIED with ErrorInfo reason
 *   SERVICE_DISABLED, domain googleapis.com, metadata {service, consumer, activationUrl,
 *   containerInfo, serviceTitle}, and a Help link, in the words Google's front end uses for any
 *   API ("... has not been used in project N before or it is disabled. Enable it by visiting
 *   URL then retry. ...").
 * - Not enrolled: v2beta methods answer PERMISSION_DENIED "The caller does not have permission"
 *   with no details, which is what public reports show for Workspace Developer Preview methods
 *   called from a project outside the program (Google documents no specific error); v2 works.
 */
import { ApiError, invalidArgument } from "../wire/errors";
import type { ApiVersion } from "../meet/model";

export const SERVICE = "meet.googleapis.com";
export const SERVICE_TITLE = "Google Meet REST API";

export interface ProjectOptions {
  /** Project number (or id) in error texts and quota messages. Default "123456789012". */
  id?: string;
  /** Enrolled in the Workspace Developer Preview Program (v2beta allowed). Default true. */
  developerPreview?: boolean;
  /** The Meet REST API is enabled in the project. Default true. */
  apiEnabled?: boolean;
}

export type ProjectSettings = Required<ProjectOptions>;

export class Project {
  private current: ProjectSettings;
  private readonly base: ProjectSettings;

  constructor(options: ProjectOptions = {}) {
    this.base = {
      id: options.id ?? "123456789012",
      developerPreview: options.developerPreview ?? true,
      apiEnabled: options.apiEnabled ?? true,
    };
    this.current = { ...this.base };
  }

  get settings(): ProjectSettings {
    return { ...this.current };
  }

  /** Admin hook: changes some settings (the id stays). */
  set(input: unknown): ProjectSettings {
    const body = (input ?? {}) as Record<string, unknown>;
    if (typeof body !== "object" || Array.isArray(body))
      throw invalidArgument("project settings must be a JSON object");
    const next = { ...this.current };
    for (const [key, value] of Object.entries(body)) {
      if (key !== "developerPreview" && key !== "apiEnabled") {
        throw invalidArgument(`unknown project setting "${key}"; allowed: developerPreview, apiEnabled`);
      }
      if (typeof value !== "boolean") throw invalidArgument(`project setting "${key}" must be true or false`);
      next[key] = value;
    }
    this.current = next;
    return this.settings;
  }

  /** Back to the start-up options (emulator reset). */
  reset(): void {
    this.current = { ...this.base };
  }

  /** Throws the answer Google gives a project that cannot make this call. */
  check(version: ApiVersion): void {
    const { id } = this.current;
    if (!this.current.apiEnabled) {
      const activationUrl = `https://console.developers.google.com/apis/api/${SERVICE}/overview?project=${id}`;
      throw new ApiError(
        "PERMISSION_DENIED",
        `${SERVICE_TITLE} has not been used in project ${id} before or it is disabled. Enable it by visiting ${activationUrl} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`,
        {
          reason: "SERVICE_DISABLED",
          metadata: {
            service: SERVICE,
            consumer: `projects/${id}`,
            activationUrl,
            containerInfo: id,
            serviceTitle: SERVICE_TITLE,
          },
        },
        undefined,
        {
          domain: "googleapis.com",
          helpLinks: [{ description: "Google developers console API activation", url: activationUrl }],
        },
      );
    }
    if (version === "v2beta" && !this.current.developerPreview) {
      throw new ApiError("PERMISSION_DENIED", "The caller does not have permission");
    }
  }
}
