/**
 * The rules as `@pulumi/policy` resource policies. The pack's entry (`policy/index.js`) hands
 * these to `new PolicyPack(...)`; this module itself does not load `@pulumi/policy` (that lives in
 * the pack's own node_modules), so it only states the shapes it fills in.
 */
import { RULES, type Rule, resolveConfig } from "./rules";
import { type Subject, kindOf } from "./subjects";

/** What `@pulumi/policy` passes to validateResource and remediateResource (the parts used here). */
export interface PolicyResourceArgs {
  type: string;
  name: string;
  urn: string;
  props: Record<string, any>;
  provider?: { props: Record<string, any> };
  getConfig<T extends object>(): T;
}

export interface ResourcePolicy {
  name: string;
  description: string;
  enforcementLevel: Rule["enforcementLevel"];
  configSchema: { properties: Record<string, Record<string, unknown>> };
  validateResource(args: PolicyResourceArgs, reportViolation: (message: string, urn?: string) => void): void;
  remediateResource?(args: PolicyResourceArgs): Record<string, any> | undefined;
}

/** The subject a rule looks at, or undefined when the resource is not one of the rule's kinds. */
function subjectOf(rule: Rule, args: PolicyResourceArgs): Subject | undefined {
  const kind = kindOf(args.type);
  if (kind === undefined || !rule.kinds.includes(kind)) return undefined;
  const providerUser = args.provider?.props?.impersonateUser;
  return {
    kind,
    name: args.name,
    urn: args.urn,
    props: args.props,
    providerUser: typeof providerUser === "string" ? providerUser : undefined,
  };
}

export function toPolicy(rule: Rule): ResourcePolicy {
  const configOf = (args: PolicyResourceArgs) => resolveConfig(rule, args.getConfig());
  const policy: ResourcePolicy = {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    configSchema: {
      properties: Object.fromEntries(
        Object.entries(rule.config).map(([key, setting]) => [
          key,
          { ...setting.schema, description: setting.doc },
        ]),
      ),
    },
    validateResource(args, reportViolation) {
      const subject = subjectOf(rule, args);
      if (!subject) return;
      for (const message of rule.check(subject, configOf(args))) reportViolation(message);
    },
  };
  if (rule.remediate) {
    const remediate = rule.remediate.bind(rule);
    policy.remediateResource = (args) => {
      const subject = subjectOf(rule, args);
      return subject ? remediate(subject, configOf(args)) : undefined;
    };
  }
  return policy;
}

export const policies: ResourcePolicy[] = RULES.map(toPolicy);
