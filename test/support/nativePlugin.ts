/**
 * Drives the native plugin as the engine does: spawn `bin/pulumi-resource-googlemeet` with an
 * engine address, read the port from its first stdout line, and call the ResourceProvider service
 * over gRPC with the messages @pulumi/pulumi ships. Properties go as plain JSON (secrets as the
 * engine's wrapped objects); errors come back with the `ErrorResourceInitFailed` details decoded.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { grpc, provproto, provrpc, structproto } from "../../provider/native/pulumiCopies";

export const PLUGIN = path.resolve(__dirname, "..", "..", "..", "bin", "pulumi-resource-googlemeet");
export const SPACE = "googlemeet:index:MeetSpace";
export const MEMBER = "googlemeet:index:MeetSpaceMember";
export const urn = (type: string, name: string) => `urn:pulumi:dev::meet::${type}::${name}`;

const statusproto = require("@pulumi/pulumi/proto/status_pb");

type Props = Record<string, any>;

export interface PluginError extends Error {
  code: number;
  id?: string;
  properties?: Props;
  reasons?: string[];
  inputs?: Props;
}

export interface DiffAnswer {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
  diffs: string[];
  /** Property path → kind name (`UPDATE`, `ADD_REPLACE`, ...). */
  detailedDiff: Record<string, string>;
}

const KIND_NAMES = Object.fromEntries(Object.entries(provproto.PropertyDiff.Kind).map(([k, v]) => [v, k]));
const CHANGES = ["unknown", "none", "some"] as const;

const struct = (p: Props) => structproto.Struct.fromJavaScript(p);
const js = (s: any): Props => s?.toJavaScript() ?? {};

export class PluginClient {
  readonly client: any;
  readonly stderr: string[] = [];

  constructor(
    readonly port: number,
    private readonly child?: ChildProcess,
  ) {
    this.client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  call<T>(method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client[method](req, { deadline: Date.now() + 30_000 }, (err: any, res: T) =>
        err ? reject(decodeError(err)) : resolve(res),
      );
    });
  }

  async schema(): Promise<Props> {
    return JSON.parse((await this.call<any>("getSchema", new provproto.GetSchemaRequest())).getSchema());
  }

  async checkConfig(news: Props, olds: Props = {}) {
    const req = new provproto.CheckRequest()
      .setUrn(urn("pulumi:providers:googlemeet", "p"))
      .setOlds(struct(olds))
      .setNews(struct(news));
    const res = await this.call<any>("checkConfig", req);
    return { inputs: js(res.getInputs()), failures: failures(res) };
  }

  async configure(args: Props) {
    const req = new provproto.ConfigureRequest().setArgs(struct(args)).setAcceptsecrets(true);
    const res = await this.call<any>("configure", req);
    return { acceptSecrets: res.getAcceptsecrets() as boolean, supportsPreview: res.getSupportspreview() };
  }

  async check(type: string, news: Props, olds: Props = {}) {
    const req = new provproto.CheckRequest()
      .setUrn(urn(type, "r"))
      .setType(type)
      .setOlds(struct(olds))
      .setNews(struct(news));
    const res = await this.call<any>("check", req);
    return { inputs: js(res.getInputs()), failures: failures(res) };
  }

  async diff(type: string, id: string, olds: Props, news: Props): Promise<DiffAnswer> {
    const req = new provproto.DiffRequest()
      .setId(id)
      .setUrn(urn(type, "r"))
      .setType(type)
      .setOlds(struct(olds))
      .setNews(struct(news));
    return diffAnswer(await this.call<any>("diff", req));
  }

  async diffConfig(olds: Props, news: Props): Promise<DiffAnswer> {
    const req = new provproto.DiffRequest()
      .setUrn(urn("pulumi:providers:googlemeet", "p"))
      .setOlds(struct(olds))
      .setOldInputs(struct(olds))
      .setNews(struct(news));
    return diffAnswer(await this.call<any>("diffConfig", req));
  }

  async create(type: string, inputs: Props, name = "r") {
    const req = new provproto.CreateRequest()
      .setUrn(urn(type, name))
      .setType(type)
      .setProperties(struct(inputs));
    const res = await this.call<any>("create", req);
    return { id: res.getId() as string, properties: js(res.getProperties()) };
  }

  async read(type: string, id: string, properties: Props = {}, inputs: Props = {}) {
    const req = new provproto.ReadRequest()
      .setId(id)
      .setUrn(urn(type, "r"))
      .setType(type)
      .setProperties(struct(properties))
      .setInputs(struct(inputs));
    const res = await this.call<any>("read", req);
    return { id: res.getId() as string, properties: js(res.getProperties()), inputs: js(res.getInputs()) };
  }

  async update(type: string, id: string, olds: Props, news: Props) {
    const req = new provproto.UpdateRequest()
      .setId(id)
      .setUrn(urn(type, "r"))
      .setType(type)
      .setOlds(struct(olds))
      .setNews(struct(news));
    return { properties: js((await this.call<any>("update", req)).getProperties()) };
  }

  async delete(type: string, id: string, properties: Props) {
    const req = new provproto.DeleteRequest()
      .setId(id)
      .setUrn(urn(type, "r"))
      .setType(type)
      .setProperties(struct(properties));
    await this.call("delete", req);
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child!.once("exit", resolve));
      this.child.kill();
      await exited;
    }
  }
}

function failures(res: any) {
  return res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
}

function diffAnswer(res: any): DiffAnswer {
  const detailedDiff: Record<string, string> = {};
  res.getDetaileddiffMap().forEach((d: any, key: string) => {
    detailedDiff[key] = KIND_NAMES[d.getKind()];
  });
  return {
    changes: CHANGES[res.getChanges()],
    replaces: res.getReplacesList(),
    deleteBeforeReplace: res.getDeletebeforereplace(),
    diffs: res.getDiffsList(),
    detailedDiff,
  };
}

function decodeError(err: any): PluginError {
  const out = Object.assign(new Error(err.details ?? err.message), { code: err.code }) as PluginError;
  const raw = err.metadata?.get?.("grpc-status-details-bin")?.[0];
  if (raw) {
    const status = statusproto.Status.deserializeBinary(new Uint8Array(raw));
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      out.id = detail.getId();
      out.properties = js(detail.getProperties());
      out.reasons = detail.getReasonsList();
      out.inputs = js(detail.getInputs());
    }
  }
  return out;
}

/**
 * Spawns the plugin executable as the engine does (flags, then the engine address) and connects.
 * Resolves once it printed its port.
 */
export async function startPlugin(env: Record<string, string> = {}, engineAddress = "127.0.0.1:1") {
  const child = spawn(PLUGIN, ["--logtostderr", "-v=3", engineAddress], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (d) => stderr.push(String(d)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n");
      if (line.length > 1) resolve(Number(line[0]));
    });
    child.once("exit", (code) => reject(new Error(`plugin exited ${code}: ${stderr.join("")}`)));
  });
  const client = new PluginClient(port, child);
  client.stderr.push(...stderr);
  child.stderr!.on("data", (d) => client.stderr.push(String(d)));
  return client;
}
