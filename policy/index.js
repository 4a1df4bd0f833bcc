// The policy pack's entry. Its rules are compiled with the package (policy/src, built into
// dist/policy/src); @pulumi/policy comes from this directory's own node_modules.

const Module = require("node:module");

// Node >= 22.1 keeps compiled code between runs: every preview starts this process again.
Module.enableCompileCache?.();

// @pulumi/policy loads the Pulumi SDK's main module only to rebuild assets and archives, which
// these resources never have; loading it (the Automation API with it) costs seconds on every
// preview. It is loaded on first use instead: the module behaves the same, only later.
const sdkMain = require.resolve("@pulumi/pulumi");
if (!require.cache[sdkMain]) {
  let sdk;
  const load = () => {
    if (!sdk) {
      delete require.cache[sdkMain];
      sdk = require(sdkMain);
    }
    return sdk;
  };
  const lazy = new Module(sdkMain, module);
  lazy.filename = sdkMain;
  lazy.loaded = true;
  lazy.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });
  require.cache[sdkMain] = lazy;
}

const { PolicyPack } = require("@pulumi/policy");
const { policies } = require("../dist/policy/src/pack");

new PolicyPack("google-meet-guardrails", { policies });
