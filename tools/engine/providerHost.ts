/**
 * A driver for Pulumi's real dynamic-provider host, speaking the same gRPC protocol the Pulumi
 * engine speaks.
 *
 * The host is `@pulumi/pulumi/cmd/dynamic-provider/index.js`: the process the engine starts (through
 * the `pulumi-resource-pulumi-nodejs` shim, from the program's directory) to run every dynamic
 * resource. It rebuilds each provider from the serialized `__provider` property, caches it per
 * distinct text, and calls the provider's `configure` once before first use.
 *
 * This module starts that process, reads its port from the first stdout line, and calls it with
 * `ResourceProviderClient` from `@pulumi/pulumi/proto/provider_grpc_pb`. It is used by the benchmark
 * (a refresh read's cost) and by tests of the real plugin protocol. Every property bag must carry `__provider`.
 *
 * Contract of every call:
 * - resolves with plain JSON values (the host's `google.protobuf.Struct`s converted back), in the
 *   shapes hostAnswers.ts declares;
 * - carries a deadline (`callTimeoutMs`), because the host silently never answers some malformed
 *   requests (for example a ConfigureRequest without `args`);
 * - rejects with a {@link ProviderHostError} whose message is the provider's own error text; when
 *   create or update failed after the object came to exist, the error also carries the
 *   `{id, properties, reasons}` the provider attached (sent by the host as
 *   `pulumirpc.ErrorResourceInitFailed`), which a caller must record in its state.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import {
  type CheckResult,
  type CreateResult,
  type HostDiff,
  type Props,
  ProviderHostError,
  type ReadResult,
  type UpdateResult,
} from "./hostAnswers";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface ProviderHostOptions {
  /** Working directory of the host: where `require()` inside provider methods resolves from. */
  cwd: string;
  /** Environment of the host. Default: `process.env`. Entries here are added on top of it. */
  env?: Record<string, string | undefined>;
  /** Sets `PULUMI_NODEJS_PROJECT` (what `Config` in the host namespaces unqualified keys with). */
  project?: string;
  /** Sets `PULUMI_NODEJS_STACK`. */
  stack?: string;
  /**
   * Directory of the `@pulumi/pulumi` package whose host to run. Default: resolved from `cwd`,
   * falling back to the one this module resolves.
   */
  pulumiDir?: string;
  /** Deadline of each gRPC call, in milliseconds. Default 120000. */
  callTimeoutMs?: number;
  /** How long to wait for the host to print its port, in milliseconds. Default 30000. */
  startTimeoutMs?: number;
  /**
   * Receives what the host writes after its port line (provider `console.log`/`console.error`,
   * and the host's own error traces). Default: copied to this process's stderr.
   */
  onOutput?: (text: string, stream: "stdout" | "stderr") => void;
}

/**
 * The directory of the `@pulumi/pulumi` package seen from `fromDir`, falling back to the one this
 * module itself resolves. Throws when neither exists.
 */
function resolvePulumiDir(fromDir: string): string {
  for (const paths of [[fromDir], [__dirname]]) {
    try {
      return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths }));
    } catch {
      // try the next one
    }
  }
  throw new Error(`cannot resolve @pulumi/pulumi from ${fromDir} nor from ${__dirname}`);
}

/** Wraps a value the way the engine marks a secret on the wire. */
function secretValue(value: unknown): Props {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** Starts a dynamic-provider host and resolves once it accepts calls. */
export async function startProviderHost(options: ProviderHostOptions): Promise<ProviderHost> {
  const host = new ProviderHost(options);
  await host.start();
  return host;
}

/** One running dynamic-provider host process and a gRPC client connected to it. */
export class ProviderHost {
  /** The `@pulumi/pulumi` directory whose host runs. */
  readonly pulumiDir: string;
  /** The host's port, known after start. */
  port = 0;
  private child?: ChildProcess;
  private client: any;
  private readonly grpc: any;
  private readonly proto: any;
  private readonly structproto: any;
  private readonly statusproto: any;
  private readonly grpcpb: any;
  private readonly timeoutMs: number;
  private exited = false;
  private readonly killOnExit = () => {
    if (!this.exited) this.child?.kill("SIGKILL");
  };
  private stderrTail = "";

  constructor(private readonly options: ProviderHostOptions) {
    this.pulumiDir = options.pulumiDir ?? resolvePulumiDir(options.cwd);
    // The generated message classes do instanceof checks against the google-protobuf and grpc-js
    // they were generated with: load both from @pulumi/pulumi's own directory.
    const from = (id: string) => require(require.resolve(id, { paths: [this.pulumiDir] }));
    this.grpc = from("@grpc/grpc-js");
    this.structproto = from("google-protobuf/google/protobuf/struct_pb");
    this.proto = require(path.join(this.pulumiDir, "proto", "provider_pb"));
    this.grpcpb = require(path.join(this.pulumiDir, "proto", "provider_grpc_pb"));
    this.statusproto = require(path.join(this.pulumiDir, "proto", "status_pb"));
    this.timeoutMs = options.callTimeoutMs ?? 120_000;
  }

  /** The host's process id (undefined before start). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the host and connects. Called by {@link startProviderHost}. */
  async start(): Promise<void> {
    const o = this.options;
    const script = path.join(this.pulumiDir, "cmd", "dynamic-provider", "index.js");
    const env: Record<string, string | undefined> = { ...process.env, ...o.env };
    if (o.project !== undefined) env.PULUMI_NODEJS_PROJECT = o.project;
    if (o.stack !== undefined) env.PULUMI_NODEJS_STACK = o.stack;
    const output = o.onOutput ?? ((text: string) => process.stderr.write(text));
    const child = spawn(process.execPath, [script, "127.0.0.1:0"], {
      cwd: o.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    // Never outlive this process (process.exit, a test runner's --exit): kill the host on exit.
    process.once("exit", this.killOnExit);
    child.once("exit", () => process.off("exit", this.killOnExit));
    child.stdout!.setEncoding("utf8");
    child.stderr!.setEncoding("utf8");
    this.port = await new Promise<number>((resolve, reject) => {
      let buffered = "";
      let havePort = false;
      const timer = setTimeout(() => {
        fail(
          new Error(`dynamic-provider host did not print its port within ${o.startTimeoutMs ?? 30000} ms`),
        );
      }, o.startTimeoutMs ?? 30_000);
      const fail = (err: Error) => {
        clearTimeout(timer);
        if (!havePort) {
          havePort = true;
          child.kill();
          reject(err);
        }
      };
      child.stdout!.on("data", (chunk: string) => {
        if (havePort) return output(chunk, "stdout");
        buffered += chunk;
        const nl = buffered.indexOf("\n");
        if (nl < 0) return;
        const first = buffered.slice(0, nl).trim();
        const rest = buffered.slice(nl + 1);
        const port = Number(first);
        if (!Number.isInteger(port) || port <= 0) {
          return fail(new Error(`dynamic-provider host printed ${JSON.stringify(first)} instead of a port`));
        }
        clearTimeout(timer);
        havePort = true;
        resolve(port);
        if (rest) output(rest, "stdout");
      });
      child.stderr!.on("data", (chunk: string) => {
        this.stderrTail = (this.stderrTail + chunk).slice(-4000);
        output(chunk, "stderr");
      });
      child.on("error", (err) => fail(err));
      child.on("exit", (code, signal) => {
        this.exited = true;
        fail(
          new Error(
            `dynamic-provider host exited (${signal ?? `code ${code}`}) before printing its port` +
              (this.stderrTail ? `: ${this.stderrTail.trim()}` : ""),
          ),
        );
      });
    });
    this.client = new this.grpcpb.ResourceProviderClient(
      `127.0.0.1:${this.port}`,
      this.grpc.credentials.createInsecure(),
    );
  }

  /**
   * Sends the stack configuration, as the engine does before any other call. Keys should be fully
   * namespaced (`googlemeet:transport`); values are the config strings. Keys in `secretKeys` are
   * sent marked secret (the host unwraps them; the provider sees plain values).
   */
  async configure(config: Record<string, string>, secretKeys: string[] = []): Promise<void> {
    const req = new this.proto.ConfigureRequest();
    const args: Props = {};
    const variables = req.getVariablesMap();
    for (const [k, v] of Object.entries(config)) {
      args[k] = secretKeys.includes(k) ? secretValue(v) : v;
      variables.set(k, v);
    }
    // Without `args` the host throws inside its handler and never answers.
    req.setArgs(this.toStruct(args));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    await this.call("configure", req);
  }

  /** Validates `news` against `olds` (the previous inputs, `{}` for a new resource). */
  async check(urn: string, olds: Props, news: Props): Promise<CheckResult> {
    const req = new this.proto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(this.toStruct(olds));
    req.setNews(this.toStruct(news));
    const resp = await this.call("check", req);
    return {
      inputs: resp.getInputs()?.toJavaScript() ?? {},
      failures: resp
        .getFailuresList()
        .map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** Compares the previous outputs `olds` with the checked new inputs `news`. */
  async diff(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props): Promise<HostDiff> {
    const req = new this.proto.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(this.toStruct(olds));
    req.setNews(this.toStruct(news));
    if (oldInputs) req.setOldInputs(this.toStruct(oldInputs));
    const resp = await this.call("diff", req);
    const C = this.proto.DiffResponse.DiffChanges;
    const changes = resp.getChanges();
    return {
      changes: changes === C.DIFF_SOME ? "some" : changes === C.DIFF_NONE ? "none" : "unknown",
      replaces: resp.getReplacesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
    };
  }

  /** Creates the object described by `props` (checked inputs). */
  async create(urn: string, props: Props): Promise<CreateResult> {
    const req = new this.proto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(this.toStruct(props));
    req.setTimeout(this.timeoutMs / 1000);
    const resp = await this.call("create", req);
    return { id: resp.getId(), properties: resp.getProperties()?.toJavaScript() ?? {} };
  }

  /**
   * Reads the live object. `props` are the previous outputs (they must carry `__provider`: the
   * host runs the provider code stored there), `inputs` the previous inputs.
   */
  async read(id: string, urn: string, props: Props, inputs?: Props): Promise<ReadResult> {
    const req = new this.proto.ReadRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(this.toStruct(props));
    if (inputs) req.setInputs(this.toStruct(inputs));
    const resp = await this.call("read", req);
    return {
      id: resp.getId(),
      properties: resp.getProperties()?.toJavaScript() ?? {},
      inputs: resp.getInputs()?.toJavaScript(),
    };
  }

  /** Updates object `id` from previous outputs `olds` to new checked inputs `news`. */
  async update(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props): Promise<UpdateResult> {
    const req = new this.proto.UpdateRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(this.toStruct(olds));
    req.setNews(this.toStruct(news));
    if (oldInputs) req.setOldInputs(this.toStruct(oldInputs));
    req.setTimeout(this.timeoutMs / 1000);
    const resp = await this.call("update", req);
    return { properties: resp.getProperties()?.toJavaScript() ?? {} };
  }

  /** Deletes object `id`; `props` are its last outputs (carrying the `__provider` that made it). */
  async delete(id: string, urn: string, props: Props, oldInputs?: Props): Promise<void> {
    const req = new this.proto.DeleteRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(this.toStruct(props));
    if (oldInputs) req.setOldInputs(this.toStruct(oldInputs));
    req.setTimeout(this.timeoutMs / 1000);
    await this.call("delete", req);
  }

  /**
   * Closes the connection and ends the host process; resolves once its output streams have closed,
   * so everything it printed has reached `onOutput`. Safe to call more than once.
   */
  async stop(): Promise<void> {
    this.client?.close();
    this.client = undefined;
    const child = this.child;
    if (!child || this.exited) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
      }, 3000);
      // "close", not "exit": the process can exit before its last output is read.
      child.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  }

  private toStruct(props: Props): any {
    return this.structproto.Struct.fromJavaScript(props);
  }

  private call(method: string, req: any): Promise<any> {
    if (!this.client) {
      return Promise.reject(new ProviderHostError(method, `provider host is not running (${method})`));
    }
    return new Promise((resolve, reject) => {
      this.client[method](req, { deadline: Date.now() + this.timeoutMs }, (err: any, resp: any) => {
        if (err) reject(this.translateError(method, err));
        else resolve(resp);
      });
    });
  }

  private translateError(method: string, err: any): ProviderHostError {
    let message: string = err.details || err.message || String(err);
    if (err.code === this.grpc.status.DEADLINE_EXCEEDED) {
      message = `${method}: no answer from the dynamic-provider host within ${this.timeoutMs} ms`;
    } else if (this.exited) {
      message += ` (the dynamic-provider host exited${this.stderrTail ? `: ${this.stderrTail.trim()}` : ""})`;
    }
    const extra: { code?: number; id?: string; properties?: Props; reasons?: string[] } = { code: err.code };
    const raw = err.metadata?.get?.("grpc-status-details-bin")?.[0];
    if (raw) {
      try {
        const status = this.statusproto.Status.deserializeBinary(new Uint8Array(raw));
        for (const any of status.getDetailsList()) {
          if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
          const detail = this.proto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
          extra.id = detail.getId();
          extra.properties = detail.getProperties()?.toJavaScript() ?? {};
          extra.reasons = detail.getReasonsList();
        }
      } catch {
        // Malformed details: keep the message alone.
      }
    }
    return new ProviderHostError(method, message, extra);
  }
}
