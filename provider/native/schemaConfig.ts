/** The provider's configuration in the package schema: one variable per stack config key. */
import { CONFIG_KEYS, DEFAULT_MEMBER_CONCURRENCY } from "../config/connection";
import { ref } from "./schemaTypes";

interface ConfigVariable {
  type: "string" | "number" | "integer";
  description: string;
  secret?: boolean;
  enumName?: string;
}

/**
 * The provider's configuration: the stack config keys `googlemeet:<key>`, or an explicit provider's
 * inputs. Keys are CONFIG_KEYS' (and `apiVersion`); defaults are those of meet/connection.
 */
export const CONFIG_VARIABLES: Record<string, ConfigVariable> = {
  credentials: {
    type: "string",
    secret: true,
    description:
      "A service-account key or an authorized-user JSON document. Left out: `accessToken`, else Application Default Credentials.",
  },
  accessToken: {
    type: "string",
    secret: true,
    description: "A ready OAuth access token with the Meet scopes.",
  },
  impersonateUser: {
    type: "string",
    description:
      "The Workspace user a service account acts as through domain-wide delegation (the Meet API accepts only user credentials). A space's `owner` overrides it.",
  },
  serviceAccount: {
    type: "string",
    description:
      "Keyless domain-wide delegation: the email of a service account that Application Default Credentials (a gcloud login, workload identity federation, an attached service account) may sign as (roles/iam.serviceAccountTokenCreator). The provider signs a JWT for the acting user with IAM Credentials' signJwt and exchanges it for that user's token; no key file.",
  },
  transport: { type: "string", enumName: "Transport", description: "`grpc` (default) or `rest`." },
  endpoint: {
    type: "string",
    description:
      "The API host, `host[:port]` or an http(s) URL. Default: meet.googleapis.com. With a local emulator and `rest`, its HTTP address.",
  },
  apiVersion: { type: "string", enumName: "ApiVersion", description: "The Meet API version; default `v2`." },
  createQuota: { type: "number", description: "CreateSpace calls per quota window per user; default 10." },
  writeQuota: {
    type: "number",
    description: "UpdateSpace, EndActiveConference and member writes per quota window per user; default 100.",
  },
  readQuota: {
    type: "number",
    description: "GetSpace, GetMember and ListMembers calls per quota window per user; default 600.",
  },
  projectCreateQuota: {
    type: "number",
    description: "CreateSpace calls per quota window for the whole Cloud project (all users); default 100.",
  },
  projectWriteQuota: {
    type: "number",
    description: "Writes per quota window for the whole Cloud project (all users); default 1000.",
  },
  projectReadQuota: {
    type: "number",
    description: "Reads per quota window for the whole Cloud project (all users); default 6000.",
  },
  quotaWindowSeconds: { type: "number", description: "The quota window in seconds; default 60." },
  memberConcurrency: {
    type: "integer",
    description: `Member calls in flight at once per space; default ${DEFAULT_MEMBER_CONCURRENCY}.`,
  },
  retryDeadlineSeconds: {
    type: "number",
    description:
      "How long one call is retried at most (quota and transient errors), in seconds; default 300.",
  },
};

// The schema's keys are exactly the runtime's.
for (const key of new Set([...Object.keys(CONFIG_KEYS), ...Object.keys(CONFIG_VARIABLES)])) {
  if (!CONFIG_VARIABLES[key] || !(key in CONFIG_KEYS))
    throw new Error(`schema: config key ${key} differs from meet/connection`);
}

export function configProperty(v: ConfigVariable) {
  return {
    ...(v.enumName ? ref(v.enumName) : { type: v.type }),
    description: v.description,
    ...(v.secret ? { secret: true } : {}),
  };
}
