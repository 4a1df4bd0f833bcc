/**
 * pulumi-meet-local: an offline runner for Pulumi TypeScript programs.
 *
 * It is NOT the Pulumi engine: it runs a program under the Pulumi SDK's mocks and sends every
 * dynamic resource through Pulumi's real dynamic-provider host, keeping state in a local JSON
 * file. It exists to run and test programs offline; with the Pulumi CLI installed, use `pulumi up`.
 */
export {
  type Command,
  changedKeys,
  type Operation,
  type ResourceResult,
  RunError,
  type RunOptions,
  type RunResult,
  runStack,
  type Summary,
} from "./deploy";
export { formatResult, jsonResult } from "./format";
export {
  type CheckFailure,
  type CheckResult,
  type CreateResult,
  type DiffResult,
  type Props,
  ProviderHost,
  ProviderHostError,
  type ProviderHostOptions,
  type ReadResult,
  resolvePulumiDir,
  startProviderHost,
  type UpdateResult,
} from "./providerHost";
export { loadState, type ResourceState, type StackState, statePath } from "./state";
