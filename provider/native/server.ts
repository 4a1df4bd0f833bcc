/**
 * The native provider `googlemeet`: Pulumi's ResourceProvider gRPC service, served directly (the
 * SDK's `provider.main` has no configure hook and no detailed diff). A thin adapter: each method
 * translates the wire form and calls the same operations the dynamic resources call
 * (runtime/spaceProvider, runtime/memberProvider), inside `withConnection` with this provider
 * instance's settings.
 *
 * Contracts with the engine, as its plugin host expects them:
 * - the provider accepts secrets: inputs arrive with secrets wrapped; outputs go back wrapped where
 *   their input was secret (see ./properties);
 * - no preview of create/update (`supportsPreview: false`): during preview the engine shows their
 *   outputs as unknown, and check and diff accept values not known yet;
 * - a failure after the space exists answers with `ErrorResourceInitFailed` carrying its id and
 *   properties, so the engine records the resource instead of losing it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as engrpcTypes from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as provprotoTypes from "@pulumi/pulumi/proto/provider_pb";
import { adoptLookupName } from "../core/space";
import type { CheckFailure } from "../core/validation";
import { containsUnknown } from "../core/validation";
import type { ConnectionSettings } from "../config/connection";
import { withConnection, withResourceUrn } from "../runtime/context";
import type { DiffResult, PropertyChange } from "../runtime/contracts";
import { checkProviderConfig, settingsFromInputs } from "./config";
import { unwrapSecrets, wrapSecrets } from "./properties";
import { emptyproto, engproto, engrpc, grpc, plugproto, provproto, provrpc } from "./pulumiCopies";
import { CHAT_TOKEN, MEMBER_TOKEN, SPACE_TOKEN, VERSION, packageSchema } from "./schema";
import { CONFIG_VARIABLES } from "./schemaConfig";
import {
  type Props,
  checkFailure,
  diffResponse,
  failure,
  secretPartial,
  toJs,
  toStruct,
  typeOf,
} from "./wireForm";

/** One resource kind's operations: exactly the runtime's, which the dynamic face calls too. */
interface Operations {
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }>;
  diff(id: string, olds: Props, news: Props): Promise<DiffResult>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id: string; props?: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  remove(id: string, props: Props): Promise<void>;
}

/**
 * Loaded on first use: the operations bring in the Meet client libraries (about 220 ms), which the
 * handshake, GetSchema, CheckConfig and Configure do not need, so the plugin answers the engine sooner.
 */
const RESOURCES: Record<string, () => Operations> = {
  [SPACE_TOKEN]: () => require("../runtime/spaceProvider"),
  [MEMBER_TOKEN]: () => require("../runtime/memberProvider"),
  [CHAT_TOKEN]: () => require("../runtime/chatSpaceProvider"),
};

/**
 * The id `pulumi import` gives, as the read wants it: a space by `spaces/{id}`, its meeting code
 * or its link; a member by `spaces/{id}/members/{id}`.
 */
function importId(type: string, id: string): string {
  return type === SPACE_TOKEN ? (adoptLookupName(id) ?? id) : id;
}

/** Where diagnostics of the call running now belong: its resource's URN. */
const callContext = new AsyncLocalStorage<{ urn: string }>();

type Callback = (err: grpcTypes.ServiceError | null, value?: unknown, trailer?: grpcTypes.Metadata) => void;

/** The ResourceProvider service of one provider instance (one plugin process serves one). */
export class GoogleMeetProvider {
  private settings: ConnectionSettings | undefined;
  private configError: Error | undefined;
  private engine: engrpcTypes.EngineClient | undefined;

  constructor(engineAddress?: string) {
    if (engineAddress) this.connectEngine(engineAddress);
  }

  /** The service implementation for `server.addService(provrpc.ResourceProviderService, ...)`. */
  handlers(): grpcTypes.UntypedServiceImplementation {
    const unary =
      <Req, Res>(
        fn: (req: Req) => Promise<Res>,
        onError?: (req: Req, err: unknown) => ReturnType<typeof failure>,
      ) =>
      (call: { request: Req }, callback: Callback) => {
        const urn = (call.request as { getUrn?(): string }).getUrn?.() ?? "";
        callContext.run({ urn }, () =>
          fn(call.request).then(
            (res) => callback(null, res),
            (err) => {
              const f = onError ? onError(call.request, err) : failure(err);
              callback(f as grpcTypes.ServiceError, null, f.metadata);
            },
          ),
        );
      };
    return {
      handshake: unary((req: provprotoTypes.ProviderHandshakeRequest) => this.handshake(req)),
      getPluginInfo: unary(async () => new plugproto.PluginInfo().setVersion(VERSION)),
      getSchema: unary((req: provprotoTypes.GetSchemaRequest) => this.getSchema(req)),
      checkConfig: unary((req: provprotoTypes.CheckRequest) => this.checkConfig(req)),
      diffConfig: unary((req: provprotoTypes.DiffRequest) => this.diffConfig(req)),
      configure: unary((req: provprotoTypes.ConfigureRequest) => this.configure(req)),
      check: unary((req: provprotoTypes.CheckRequest) => this.check(req)),
      diff: unary((req: provprotoTypes.DiffRequest) => this.diff(req)),
      create: unary(
        (req: provprotoTypes.CreateRequest) => this.create(req),
        (req, err) => failure(err, req.getProperties()),
      ),
      read: unary((req: provprotoTypes.ReadRequest) => this.read(req)),
      update: unary(
        (req: provprotoTypes.UpdateRequest) => this.update(req),
        (req, err) => failure(err, req.getNews()),
      ),
      delete: unary((req: provprotoTypes.DeleteRequest) => this.delete(req)),
      cancel: unary(async () => new emptyproto.Empty()),
    };
  }

  private connectEngine(address: string): void {
    if (this.engine) return;
    this.engine = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
  }

  /**
   * Sends a line the operations print (warnings, retries) to the engine as a diagnostic on the
   * resource being worked on. False when there is no engine or no resource to attach it to.
   */
  log(line: string): boolean {
    const urn = callContext.getStore()?.urn;
    if (!this.engine || !urn) return false;
    const req = new engproto.LogRequest();
    const warning = /^warning: /i.test(line);
    req.setSeverity(warning ? engproto.LogSeverity.WARNING : engproto.LogSeverity.INFO);
    req.setMessage(warning ? line.replace(/^warning: /i, "") : line);
    req.setUrn(urn);
    this.engine.log(req, (err) => {
      if (err) process.stderr.write(`${line}\n`);
    });
    return true;
  }

  private async handshake(req: provprotoTypes.ProviderHandshakeRequest) {
    if (req.getEngineAddress()) this.connectEngine(req.getEngineAddress());
    return new provproto.ProviderHandshakeResponse().setAcceptSecrets(true);
  }

  private schemaText: string | undefined;

  private async getSchema(req: provprotoTypes.GetSchemaRequest) {
    if (req.getSubpackageName()) throw new Error(`googlemeet has no subpackage ${req.getSubpackageName()}`);
    this.schemaText ??= JSON.stringify(packageSchema());
    return new provproto.GetSchemaResponse().setSchema(this.schemaText);
  }

  private async checkConfig(req: provprotoTypes.CheckRequest) {
    const news = toJs(req.getNews());
    const { plain, secretKeys } = unwrapSecrets(news);
    const res = new provproto.CheckResponse();
    // Credentials are secret whether or not the program marked them.
    for (const [key, spec] of Object.entries(CONFIG_VARIABLES)) if (spec.secret) secretKeys.add(key);
    res.setInputs(toStruct(wrapSecrets(plain, secretKeys)));
    res.setFailuresList(checkProviderConfig(plain).map((f) => checkFailure(f, plain)));
    return res;
  }

  private async diffConfig(req: provprotoTypes.DiffRequest) {
    const olds = unwrapSecrets(toJs(req.getOldInputs() ?? req.getOlds())).plain;
    const news = unwrapSecrets(toJs(req.getNews())).plain;
    const detailed: Record<string, PropertyChange> = {};
    for (const key of new Set([...Object.keys(olds), ...Object.keys(news)])) {
      if (JSON.stringify(olds[key]) === JSON.stringify(news[key]) && !containsUnknown(news[key])) continue;
      detailed[key] = olds[key] === undefined ? "add" : news[key] === undefined ? "delete" : "update";
    }
    // A new credential or quota reconfigures the provider; it never replaces the rooms it manages.
    return diffResponse({
      changes: Object.keys(detailed).length > 0,
      replaces: [],
      deleteBeforeReplace: false,
      detailedDiff: detailed,
    });
  }

  private async configure(req: provprotoTypes.ConfigureRequest) {
    let inputs: Props;
    if (req.getArgs()) {
      inputs = unwrapSecrets(toJs(req.getArgs())).plain;
    } else {
      // Engines before `args`: `googlemeet:config:<key>` → string value.
      inputs = {};
      req.getVariablesMap().forEach((value, key) => {
        inputs[key.replace(/^googlemeet:config:/, "")] = value;
      });
    }
    this.settings = undefined;
    this.configError = undefined;
    if (containsUnknown(inputs)) {
      this.configError = new Error(
        "The googlemeet provider's configuration is not known yet (it depends on an output of a resource still to be created)",
      );
    } else {
      try {
        this.settings = settingsFromInputs(inputs);
      } catch (err) {
        this.configError = err as Error;
      }
    }
    return new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false);
  }

  /** Runs an operation with this provider's settings (two providers in one program stay apart). */
  private withSettings<T>(fn: () => Promise<T>): Promise<T> {
    if (this.configError) return Promise.reject(this.configError);
    if (!this.settings) {
      // Not configured (a test driving the plugin without Configure): environment only.
      this.settings = settingsFromInputs({});
    }
    // The resource's URN reaches the operations too: MeetSpace files its create receipt under it.
    const urn = callContext.getStore()?.urn ?? "";
    return withConnection(this.settings, () => withResourceUrn(urn, fn));
  }

  private ops(type: string): Operations {
    const load = RESOURCES[type];
    if (!load)
      throw new Error(`googlemeet has no resource type ${type}; it has ${Object.keys(RESOURCES).join(", ")}`);
    return load();
  }

  private async check(req: provprotoTypes.CheckRequest) {
    const ops = this.ops(typeOf(req));
    const olds = unwrapSecrets(toJs(req.getOlds())).plain;
    const { plain: news, secretKeys } = unwrapSecrets(toJs(req.getNews()));
    // A ChatSpace's SetUpSpace request id is derived from its URN unless the program sets one.
    if (typeOf(req) === CHAT_TOKEN && news.setupKey === undefined) news.setupKey = req.getUrn();
    // With this provider's settings when it has them (check reads who acts), never a credential check.
    const result = this.settings
      ? await withConnection(this.settings, () => ops.check(olds, news))
      : await ops.check(olds, news);
    const res = new provproto.CheckResponse();
    res.setInputs(toStruct(wrapSecrets(result.inputs, secretKeys)));
    res.setFailuresList(result.failures.map((f) => checkFailure(f, news)));
    return res;
  }

  private async diff(req: provprotoTypes.DiffRequest) {
    const ops = this.ops(typeOf(req));
    const olds = unwrapSecrets(toJs(req.getOlds())).plain;
    const news = unwrapSecrets(toJs(req.getNews())).plain;
    return diffResponse(await this.withSettings(() => ops.diff(req.getId(), olds, news)));
  }

  private async create(req: provprotoTypes.CreateRequest) {
    const ops = this.ops(typeOf(req));
    const { plain: inputs, secretKeys } = unwrapSecrets(toJs(req.getProperties()));
    if (req.getPreview()) {
      return new provproto.CreateResponse().setProperties(toStruct(wrapSecrets(inputs, secretKeys)));
    }
    try {
      const { id, outs } = await this.withSettings(() => ops.create(inputs));
      return new provproto.CreateResponse().setId(id).setProperties(toStruct(wrapSecrets(outs, secretKeys)));
    } catch (err) {
      throw secretPartial(err, secretKeys);
    }
  }

  private async read(req: provprotoTypes.ReadRequest) {
    const type = typeOf(req);
    const ops = this.ops(type);
    const olds = unwrapSecrets(toJs(req.getProperties()));
    const oldInputs = unwrapSecrets(toJs(req.getInputs()));
    const secretKeys = new Set([...olds.secretKeys, ...oldInputs.secretKeys]);
    // Nothing recorded: `pulumi import` (or a static get) by the id the user gave.
    const importing = Object.keys(olds.plain).length === 0;
    const id = importing ? importId(type, req.getId()) : req.getId();
    const result = await this.withSettings(() => ops.read(id, olds.plain));
    const res = new provproto.ReadResponse().setId(result.id);
    if (result.id && result.props) res.setProperties(toStruct(wrapSecrets(result.props, secretKeys)));
    if (result.id && result.inputs) res.setInputs(toStruct(wrapSecrets(result.inputs, secretKeys)));
    return res;
  }

  private async update(req: provprotoTypes.UpdateRequest) {
    const ops = this.ops(typeOf(req));
    const olds = unwrapSecrets(toJs(req.getOlds())).plain;
    const { plain: news, secretKeys } = unwrapSecrets(toJs(req.getNews()));
    if (req.getPreview()) {
      return new provproto.UpdateResponse().setProperties(
        toStruct(wrapSecrets({ ...olds, ...news }, secretKeys)),
      );
    }
    try {
      const { outs } = await this.withSettings(() => ops.update(req.getId(), olds, news));
      return new provproto.UpdateResponse().setProperties(toStruct(wrapSecrets(outs, secretKeys)));
    } catch (err) {
      throw secretPartial(err, secretKeys);
    }
  }

  private async delete(req: provprotoTypes.DeleteRequest) {
    const ops = this.ops(typeOf(req));
    const props = unwrapSecrets(toJs(req.getProperties())).plain;
    await this.withSettings(() => ops.remove(req.getId(), props));
    return new emptyproto.Empty();
  }
}

/** Starts the service on 127.0.0.1 (any free port unless given); resolves with the server and port. */
export async function serve(
  engineAddress?: string,
  port = 0,
): Promise<{ server: grpcTypes.Server; port: number; provider: GoogleMeetProvider }> {
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
  });
  const provider = new GoogleMeetProvider(engineAddress);
  server.addService(provrpc.ResourceProviderService, provider.handlers());
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { server, port: bound, provider };
}
