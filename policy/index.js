// The policy pack's entry. Its rules are compiled with the package (policy/src, built into
// dist/policy/src); @pulumi/policy comes from this directory's own node_modules.

const { PolicyPack } = require("@pulumi/policy");
const { policies } = require("../dist/policy/src/pack");

new PolicyPack("google-meet-guardrails", { policies });
