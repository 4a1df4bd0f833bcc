/**
 * Mocha helper: `const emu = useEmulator();` at the top of a describe block starts an
 * in-process emulator before the block, resets it (spaces, members, journal, quotas,
 * faults, run-time user settings) before each test, and stops it after the block.
 * The returned object's fields are filled in by the `before` hook.
 */
import {
  EmulatorAdminClient,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "../../emulator";

export interface EmulatorHandle {
  grpcAddress: string;
  httpUrl: string;
  admin: EmulatorAdminClient;
  /** The in-process emulator (store, service, stop). */
  emulator: RunningEmulator;
}

export function useEmulator(options: EmulatorOptions = {}): EmulatorHandle {
  return startedEmulator(options, (handle) => handle.admin.reset());
}

/**
 * For engine tests whose steps build on each other (up, then a change, then destroy): the emulator
 * keeps its spaces between tests; only the journal is cleared before each.
 */
export function useStackEmulator(options: EmulatorOptions = {}): EmulatorHandle {
  return startedEmulator(options, (handle) => handle.admin.clearRequests());
}

function startedEmulator(
  options: EmulatorOptions,
  beforeEachTest: (handle: EmulatorHandle) => Promise<unknown>,
): EmulatorHandle {
  const handle = {} as EmulatorHandle;
  before(async () => {
    handle.emulator = await startEmulator(options);
    handle.grpcAddress = handle.emulator.grpcAddress;
    handle.httpUrl = handle.emulator.httpUrl;
    handle.admin = new EmulatorAdminClient(handle.httpUrl);
  });
  beforeEach(async () => {
    await beforeEachTest(handle);
  });
  after(async () => {
    await handle.emulator?.stop();
  });
  return handle;
}
