/**
 * A local Google Meet API emulator (SpacesService, v2beta and v2) over gRPC and REST, with
 * test hooks. `startEmulator` runs it in-process; `meet-emulator` (cli.ts) runs it standalone.
 */
import { handleAuthAdmin } from "./auth/admin";
import { type AuthOptions, Authority } from "./auth/authority";
import { handleAuth } from "./auth/http";
import { Faults } from "./pipeline/faults";
import { startGrpcServer, stopGrpcServer } from "./wire/grpcServer";
import { Identity, loadTokenFile, type TokenFile } from "./pipeline/identity";
import { StateFile } from "./admin/stateFile";
import { listenMux, type MuxServer, stopMux } from "./wire/portMux";
import { Project, type ProjectOptions } from "./pipeline/project";
import { Quota, type QuotaOptions } from "./pipeline/quota";
import { createHttpServer } from "./wire/httpServer";
import type { HttpExchange } from "./wire/httpJson";
import { handleAdmin } from "./admin/hooks";
import { addChatService } from "./chat/grpc";
import { chatRestApi } from "./chat/rest";
import { addMeetServices } from "./meet/grpc";
import { MEET_REST, meetUnmatched } from "./meet/rest";
import { EmulatorStartError } from "./startError";
import { ApiService, type JournalEntry } from "./pipeline/service";
import { Store } from "./meet/store";

export { EmulatorAdminClient } from "./admin/client";
export type { StoredSpace } from "./admin/hooks";
export type { FaultRule, FaultRuleState } from "./pipeline/faults";
export type { JournalEntry } from "./pipeline/service";
export type { QuotaOptions, QuotaBucket } from "./pipeline/quota";
export type { ProjectOptions, ProjectSettings } from "./pipeline/project";
export type { TokenFile } from "./pipeline/identity";
export type { AuthOptions } from "./auth/authority";
export type { AuthJournalEntry, AuthMethod } from "./auth/http";
export { EmulatorAuthAdminClient } from "./auth/adminClient";
export type { SpaceJson, MemberJson, UserSettings } from "./meet/store";
export type { ApiVersion, Feature } from "./meet/model";
export { ApiError } from "./wire/errors";
export { EmulatorStartError } from "./startError";

export interface EmulatorOptions {
  /** Interface to bind both servers to. Default "127.0.0.1". */
  host?: string;
  /** The "gRPC" port (what GOOGLE_MEET_EMULATOR_HOST names); 0 (the default here) picks a free port. Speaks gRPC and HTTP. */
  grpcPort?: number;
  /** The "HTTP" port (REST API and admin hooks); 0 (the default here) picks a free port. Speaks HTTP and gRPC. */
  httpPort?: number;
  /** Caller when a request carries no bearer token. Default "emulator-user@example.com". */
  defaultUser?: string;
  /** Path of a token file (see README); when given, unknown tokens are UNAUTHENTICATED. */
  tokenFile?: string;
  /** A token file's contents given directly (instead of `tokenFile`). */
  tokens?: TokenFile;
  /**
   * Auth mode: the emulator is also Google's token services (OAuth token endpoint, IAM
   * Credentials, STS, metadata server) and Meet and Chat accept only the tokens they issued
   * (user, scopes, app). Off by default: a bearer token is the caller's email with every scope.
   */
  auth?: boolean | AuthOptions;
  /** Keep spaces and members in this JSON file across restarts. Default: memory only. */
  stateFile?: string;
  /** Per-user and per-project quotas; off by default. */
  quota?: QuotaOptions;
  /** The calling Cloud project: its number, Developer Preview enrollment, API enablement (default: enrolled, enabled). */
  project?: ProjectOptions;
  /** Delay added to every API call, in ms. Default 0. */
  latencyMs?: number;
  /** Seed for probabilistic fault rules (0 to 2^32 - 1); default random. Read it back as `faultSeed`. */
  faultSeed?: number;
  /** Test hook: the clock quota windows read, in ms. Default Date.now. */
  clock?: () => number;
  /** Receives one log line per API call. Default: no logging. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** "127.0.0.1:P" — what GOOGLE_MEET_EMULATOR_HOST expects. Both ports speak both protocols. */
  grpcAddress: string;
  grpcPort: number;
  /** "http://127.0.0.1:Q" — REST API and /emulator/v1/ hooks. */
  httpUrl: string;
  httpPort: number;
  /** The state, for in-process tests. */
  store: Store;
  /** Auth mode's accounts, grants, delegation and tokens; undefined without auth mode. */
  auth?: Authority;
  service: ApiService;
  journal(): JournalEntry[];
  /** The seed probabilistic fault rules start from (the `faultSeed` option, or the random one). */
  faultSeed: number;
  /** Resolves once the state file holds every change so far (at once without a state file). */
  stateWritten(): Promise<void>;
  /** Stops both servers and flushes the state file. */
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const tokens = options.tokens ?? (options.tokenFile ? loadTokenFile(options.tokenFile) : undefined);
  const store = new Store(tokens?.users ?? {});
  const authority = options.auth ? new Authority(options.auth === true ? {} : options.auth) : undefined;
  const identity = new Identity(
    options.defaultUser ?? "emulator-user@example.com",
    tokens,
    authority && ((token) => authority.caller(token)),
  );
  const service = new ApiService(
    store,
    identity,
    new Quota(options.quota, options.clock),
    new Faults(options.faultSeed),
    new Project(options.project),
    options.latencyMs ?? 0,
  );
  if (authority) service.onReset = () => authority.reset();
  let stateFile: StateFile | undefined;
  if (options.stateFile) {
    stateFile = new StateFile(options.stateFile, store, service.chat);
    stateFile.load();
    store.onChange = () => stateFile!.schedule();
    service.chat.onChange = () => stateFile!.schedule();
  }
  if (options.log) {
    const log = options.log;
    service.onCall = (e, err) =>
      log(
        `${e.transport} ${e.version} ${e.method} ${e.name || "-"} ${e.caller || "-"} ${e.code}${err ? `: ${err.message}` : ""}`,
      );
  }
  // Both public ports speak gRPC and HTTP (portMux.ts); the gRPC server itself is private.
  const grpcServer = await startGrpcServer([
    (server) => addMeetServices(server, service),
    (server) => addChatService(server, service),
  ]);
  const httpServer = createHttpServer(
    service,
    [
      (x) => handleAuthAdmin(authority, x),
      ...(authority ? [(x: HttpExchange) => handleAuth(authority, service, x)] : []),
      (x) => handleAdmin(service, x),
    ],
    [MEET_REST, chatRestApi()],
    meetUnmatched,
  );
  const ports: MuxServer[] = [];
  try {
    for (const [which, port] of [
      ["grpc", options.grpcPort ?? 0],
      ["http", options.httpPort ?? 0],
    ] as const) {
      ports.push(
        await listenMux(host, port, httpServer, grpcServer.port).catch((err) => {
          throw listenFailure(err, which, host, port);
        }),
      );
    }
  } catch (err) {
    await Promise.all(ports.map(stopMux));
    await stopGrpcServer(grpcServer.server);
    throw err;
  }
  const [grpcPort, httpPort] = ports;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    grpcAddress: `${urlHost}:${grpcPort.port}`,
    grpcPort: grpcPort.port,
    httpUrl: `http://${urlHost}:${httpPort.port}`,
    httpPort: httpPort.port,
    store,
    auth: authority,
    service,
    journal: () => service.journal,
    get faultSeed() {
      return service.faults.seed;
    },
    stateWritten: () => stateFile?.written() ?? Promise.resolve(),
    stop() {
      stopped ??= (async () => {
        const closing = ports.map(stopMux);
        await stopGrpcServer(grpcServer.server);
        httpServer.closeAllConnections();
        await Promise.all(closing);
        stateFile?.flush();
      })();
      return stopped;
    },
  };
}

/** A public port that could not listen, said as a start-up failure naming its option where it is one. */
function listenFailure(err: unknown, which: "grpc" | "http", host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  const option = which === "grpc" ? "grpcPort" : "httpPort";
  const label = which === "grpc" ? "gRPC" : "HTTP";
  if (code === "EADDRINUSE")
    return new EmulatorStartError(`${label} port ${port} on ${host} is already in use`, option);
  if (code === "EACCES")
    return new EmulatorStartError(`${label} port ${port} on ${host}: permission denied`, option);
  if (code === "EADDRNOTAVAIL")
    return new EmulatorStartError(
      `${label} port ${port}: address ${host} is not available on this machine`,
      option,
    );
  return err;
}
