/**
 * pulumi-meet-local: runs a Pulumi TypeScript/JavaScript program directory through the real Pulumi
 * CLI where Pulumi's Node.js language host is not installed (the program runs inline through the
 * Automation API). With a normal Pulumi install, use `pulumi up`.
 */
export { type Command, RunError, type RunResult, runStack } from "./engine";
export { pulumiBinDir } from "./pulumiCli";
