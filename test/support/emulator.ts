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
  const handle = {} as EmulatorHandle;
  before(async () => {
    handle.emulator = await startEmulator(options);
    handle.grpcAddress = handle.emulator.grpcAddress;
    handle.httpUrl = handle.emulator.httpUrl;
    handle.admin = new EmulatorAdminClient(handle.httpUrl);
  });
  beforeEach(async () => {
    await handle.admin.reset();
  });
  after(async () => {
    await handle.emulator?.stop();
  });
  return handle;
}
