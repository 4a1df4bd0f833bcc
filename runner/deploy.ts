/**
 * The offline runner: runs a Pulumi program under the SDK's mocks and forwards every dynamic
 * resource to Pulumi's real dynamic-provider host, keeping state in a local JSON file.
 *
 * This is NOT the Pulumi engine. It exists to run and test programs offline; with the Pulumi CLI
 * installed, use `pulumi up`.
 */
import * as path from "node:path";
import { loadProject, loadStackConfig } from "./config";
import { formatResult } from "./format";
import {
  forgetProgramModules,
  installTypeScriptHook,
  makeModuleShim,
  prependNodePath,
  resolveMain,
  setOwnNodePath,
} from "./program";
import {
  PROVIDER_KEY,
  type ProviderHost,
  ProviderHostError,
  startProviderHost,
  UNKNOWN_VALUE,
} from "./providerHost";
import { loadState, type ResourceState, type StackState, saveState, statePath } from "./state";

export type Command = "preview" | "up" | "refresh" | "destroy";
/** What happened (or, in preview, would happen) to one resource. */
export type Operation = "create" | "update" | "delete" | "same" | "replace";

export interface ResourceResult {
  urn: string;
  op: Operation;
  /** The input fields that differ (update, replace, and refresh drift). */
  changed?: string[];
  /** Set when the operation failed: the error message (the operation is then not counted). */
  error?: string;
}

export interface Summary {
  create: number;
  update: number;
  delete: number;
  same: number;
  replace?: number;
}

export interface RunResult {
  command: Command;
  stack: string;
  /** True for preview: nothing was changed. */
  preview: boolean;
  summary: Summary;
  resources: ResourceResult[];
  /** Stack outputs: the program module's exports, fully resolved. */
  outputs: Record<string, any>;
}

export interface RunOptions {
  /** The program directory (holding Pulumi.yaml). Default: the current directory. */
  cwd?: string;
  /** Stack name. Default `dev`. */
  stack?: string;
  command: Command;
  /** With `out`: print one JSON document instead of the human summary. */
  json?: boolean;
  /**
   * Environment for the provider host and for config overrides (`PULUMI_CONFIG`). Default:
   * `process.env`; entries given here are added on top of it.
   */
  env?: Record<string, string | undefined>;
  /** Where to print the result (human or JSON). Default: print nothing. */
  out?: { write(text: string): unknown };
  /** Receives the provider host's output (provider console.log/error). Default: process.stderr. */
  onOutput?: (text: string, stream: "stdout" | "stderr") => void;
}

/** A failed run: the provider's message, and what had been done until then. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly result: RunResult,
  ) {
    super(message);
    this.name = "RunError";
  }
}

const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isDynamic(type: string, inputs: any): boolean {
  return type.startsWith(DYNAMIC_PREFIX) && inputs && typeof inputs[PROVIDER_KEY] === "string";
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}

/** Top-level keys whose values differ between `a` and `b` (`__provider` listed only if alone). */
export function changedKeys(a: Record<string, any>, b: Record<string, any>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changed = keys.filter((k) => stableJson(a[k]) !== stableJson(b[k])).sort();
  const withoutProvider = changed.filter((k) => k !== PROVIDER_KEY);
  return withoutProvider.length > 0 ? withoutProvider : changed;
}

function summarize(resources: ResourceResult[]): Summary {
  const s: Summary = { create: 0, update: 0, delete: 0, same: 0 };
  for (const r of resources) {
    if (r.error !== undefined) continue;
    if (r.op === "replace") s.replace = (s.replace ?? 0) + 1;
    else s[r.op]++;
  }
  return s;
}

/**
 * Runs `command` on the program in `options.cwd`. Resolves with what was done; rejects with a
 * {@link RunError} (carrying the partial result) on any failure.
 */
export function runStack(options: RunOptions): Promise<RunResult> {
  // The Pulumi SDK's runtime state is global to the process: one run at a time.
  const run = queue.then(() => runStackNow(options));
  queue = run.catch(() => {});
  return run;
}
let queue: Promise<unknown> = Promise.resolve();

async function runStackNow(options: RunOptions): Promise<RunResult> {
  const cwd = path.resolve(options.cwd ?? ".");
  const stack = options.stack ?? "dev";
  const command = options.command;
  if (!["preview", "up", "refresh", "destroy"].includes(command)) {
    throw new Error(`unknown command ${JSON.stringify(command)}: use preview, up, refresh or destroy`);
  }
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  const project = loadProject(cwd);
  const { config, secretKeys } = loadStackConfig(cwd, project.name, stack, env, project.config);
  const file = statePath(cwd, stack);
  const state = loadState(file);
  const preview = command === "preview";
  const results: ResourceResult[] = [];
  const result: RunResult = {
    command,
    stack,
    preview,
    summary: summarize(results),
    resources: results,
    outputs: {},
  };
  const shim = makeModuleShim(cwd);
  const hostEnv = { ...env, NODE_PATH: prependNodePath(shim.nodePath, env.NODE_PATH) };
  // Started on first use, once per run, configured with the whole stack config.
  let hostPromise: Promise<ProviderHost> | undefined;
  let started: ProviderHost | undefined;
  let over = false;
  const host = () => {
    // A registration the SDK was still preparing when the run failed must not start a new host.
    if (over) return Promise.reject(new Error("the run is over"));
    hostPromise ??= startProviderHost({
      cwd,
      env: hostEnv,
      project: project.name,
      stack,
      onOutput: options.onOutput,
    }).then(async (h) => {
      started = h;
      await h.configure(config, secretKeys);
      return h;
    });
    return hostPromise;
  };
  const save = () => {
    if (!preview) saveState(file, state);
  };
  try {
    if (command === "refresh") {
      await refresh(state, host, results, save);
      result.outputs = state.outputs;
    } else if (command === "destroy") {
      await deleteAll([...state.resources].reverse(), state, host, results, save, false);
      state.outputs = {};
      save();
    } else {
      result.outputs = await runProgram({
        cwd,
        project: project.name,
        main: project.main,
        stack,
        preview,
        config,
        secretKeys,
        state,
        host,
        results,
        save,
        nodePath: shim.nodePath,
      });
      if (!preview) {
        state.outputs = result.outputs;
        save();
      }
    }
  } catch (err: any) {
    result.summary = summarize(results);
    const message = err instanceof Error ? err.message : String(err);
    throw Object.assign(new RunError(message, result), { cause: err });
  } finally {
    over = true;
    await hostPromise?.catch(() => {});
    await started?.stop();
    shim.dispose();
  }
  result.summary = summarize(results);
  if (options.out) {
    options.out.write(formatResult(result, options.json === true));
  }
  return result;
}

async function refresh(
  state: StackState,
  host: () => Promise<ProviderHost>,
  results: ResourceResult[],
  save: () => void,
): Promise<void> {
  for (const r of [...state.resources]) {
    const h = await host();
    const read = await h.read(r.id, r.urn, r.outputs, r.inputs).catch((err) => {
      throw new Error(`refresh of ${r.urn} failed: ${err.message}`);
    });
    if (read.id === "") {
      state.resources.splice(state.resources.indexOf(r), 1);
      save();
      results.push({ urn: r.urn, op: "delete" });
      continue;
    }
    const inputs = read.inputs ?? r.inputs;
    const changedInputs = changedKeys(r.inputs, inputs);
    const changedOutputs = changedKeys(r.outputs, read.properties);
    if (changedInputs.length === 0 && changedOutputs.length === 0 && read.id === r.id) {
      results.push({ urn: r.urn, op: "same" });
      continue;
    }
    r.id = read.id;
    r.inputs = inputs;
    r.outputs = read.properties;
    save();
    results.push({
      urn: r.urn,
      op: "update",
      changed: changedInputs.length > 0 ? changedInputs : changedOutputs,
    });
  }
}

/** Deletes `victims` in the given order, recording each in state as it goes. */
async function deleteAll(
  victims: ResourceState[],
  state: StackState,
  host: () => Promise<ProviderHost>,
  results: ResourceResult[],
  save: () => void,
  preview: boolean,
): Promise<void> {
  for (const r of victims) {
    if (r.protect) {
      throw new Error(`${r.urn} is protected: it cannot be deleted (set protect: false and run up first)`);
    }
    if (!preview) {
      // retainOnDelete: forget the object, leave it be.
      if (!r.retainOnDelete) {
        const h = await host();
        await h.delete(r.id, r.urn, r.outputs, r.inputs).catch((err) => {
          throw new Error(`delete of ${r.urn} failed: ${err.message}`);
        });
      }
      state.resources.splice(state.resources.indexOf(r), 1);
      save();
    }
    results.push({ urn: r.urn, op: "delete" });
  }
}

interface ProgramRun {
  cwd: string;
  project: string;
  main?: string;
  stack: string;
  preview: boolean;
  config: Record<string, string>;
  secretKeys: string[];
  state: StackState;
  host: () => Promise<ProviderHost>;
  results: ResourceResult[];
  save: () => void;
  nodePath?: string;
}

/** Converts mock inputs to wire form: unknowns become the sentinel, secrets are unwrapped. */
function toWire(v: any, unknown: unknown): any {
  if (v === unknown) return UNKNOWN_VALUE;
  if (Array.isArray(v)) return v.map((e) => toWire(e, unknown));
  if (v && typeof v === "object") {
    if (v[SECRET_SIG_KEY] === SECRET_SIG) return toWire(v.value, unknown);
    const o: Record<string, any> = {};
    for (const [k, e] of Object.entries(v)) if (e !== undefined) o[k] = toWire(e, unknown);
    return o;
  }
  return v;
}

function secretTopKeys(inputs: Record<string, any>): string[] {
  return Object.keys(inputs).filter((k) => inputs[k]?.[SECRET_SIG_KEY] === SECRET_SIG);
}

async function runProgram(run: ProgramRun): Promise<Record<string, any>> {
  const { state, results, preview } = run;
  const savedEnv = {
    NODE_PATH: process.env.NODE_PATH,
    PULUMI_CONFIG: process.env.PULUMI_CONFIG,
    PULUMI_CONFIG_SECRET_KEYS: process.env.PULUMI_CONFIG_SECRET_KEYS,
  };
  setOwnNodePath(prependNodePath(run.nodePath, process.env.NODE_PATH));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => {
    unhandled.push(reason);
  };
  process.on("unhandledRejection", onUnhandled);
  try {
    // The program must get the same @pulumi/pulumi instance we call setMocks on.
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [run.cwd] }));
    const pulumi = require(pulumiDir);
    installTypeScriptHook(run.cwd, pulumiDir);
    const unknown = require(path.join(pulumiDir, "output")).unknown;

    const registered = new Set<string>();
    const pending: Promise<unknown>[] = [];
    const failures: Error[] = [];
    let signalFailure = () => {};
    const failed = new Promise<void>((resolve) => {
      signalFailure = resolve;
    });
    let current: any;

    const mocks = {
      call: (args: any) => {
        throw new Error(`pulumi-meet-local does not run provider functions (invoke of ${args.token})`);
      },
      newResource: (args: any) => {
        const req = current;
        current = undefined;
        if (!args.custom || !isDynamic(args.type, args.inputs)) {
          return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
        }
        let parentType: string | undefined;
        const parent: string = req?.getParent?.() ?? "";
        if (parent) parentType = parent.split("::")[2]?.split("$").pop();
        const type = parentType ? `${parentType}$${args.type}` : args.type;
        const urn = `urn:pulumi:${run.stack}::${run.project}::${type}::${args.name}`;
        const work =
          args.id && req
            ? Promise.reject(
                new Error(
                  `${urn}: the import option is not supported for dynamic resources (nor by pulumi up)`,
                ),
              )
            : args.id
              ? readExisting(urn, args)
              : register(urn, args, req);
        const op = work.catch((err: Error) => {
          failures.push(err);
          signalFailure();
          throw err;
        });
        pending.push(op.catch(() => {}));
        return op;
      },
    };

    // A static `.get(name, id)`: read through the host, not managed, not in state.
    const readExisting = async (urn: string, args: any) => {
      const h = await run.host();
      const props = toWire(args.inputs, unknown);
      const read = await h.read(args.id, urn, props, props).catch((err) => {
        throw new Error(`read of ${urn} (id ${args.id}) failed: ${err.message}`);
      });
      if (read.id === "") throw new Error(`read of ${urn}: no object with id ${args.id}`);
      return { id: read.id, state: read.properties };
    };

    const register = async (urn: string, args: any, req: any) => {
      if (registered.has(urn)) throw new Error(`duplicate resource URN ${urn}`);
      registered.add(urn);
      const entry: ResourceResult = { urn, op: "same" };
      results.push(entry);
      try {
        return await apply(urn, args, req, entry);
      } catch (err: any) {
        entry.error = err.message;
        throw err;
      }
    };

    const apply = async (urn: string, args: any, req: any, entry: ResourceResult) => {
      const secrets = secretTopKeys(args.inputs);
      const news = toWire(args.inputs, unknown);
      const prior = state.resources.find((r) => r.urn === urn);
      const dependencies: string[] = req?.getDependenciesList?.() ?? [];
      const options = {
        protect: req?.getProtect?.() === true ? true : undefined,
        retainOnDelete: req?.getRetainondelete?.() === true ? true : undefined,
      };
      const h = await run.host();
      const fail = (what: string, err: any): never => {
        throw Object.assign(new Error(`${what} of ${urn} failed: ${err.message}`), { cause: err });
      };
      const checked = await h.check(urn, prior?.inputs ?? {}, news).catch((e) => fail("check", e));
      if (checked.failures.length > 0) {
        throw new Error(
          `check of ${urn} failed: ` + checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; "),
        );
      }
      const inputs = checked.inputs;
      const record = (id: string, outputs: Record<string, any>) => {
        if (!(PROVIDER_KEY in outputs)) outputs[PROVIDER_KEY] = inputs[PROVIDER_KEY];
        const r: ResourceState = {
          urn,
          type: args.type,
          name: args.name,
          id,
          inputs,
          outputs,
          order: 0,
          dependencies,
          ...options,
        };
        const i = state.resources.findIndex((x) => x.urn === urn);
        if (i >= 0) state.resources[i] = r;
        else state.resources.push(r);
        run.save();
      };
      const recordPartial = (what: string, err: any): never => {
        if (err instanceof ProviderHostError && err.isPartial) record(err.id!, err.properties ?? {});
        return fail(what, err);
      };
      const create = async () => {
        const made = await h.create(urn, inputs).catch((e) => recordPartial("create", e));
        record(made.id, made.properties);
        return made;
      };
      const answer = (id: string, outputs: Record<string, any>) => {
        const out: Record<string, any> = { ...outputs };
        for (const k of secrets) if (k in out) out[k] = { [SECRET_SIG_KEY]: SECRET_SIG, value: out[k] };
        return { id, state: out };
      };

      if (!prior) {
        entry.op = "create";
        if (preview) return answer("", inputs);
        const made = await create();
        return answer(made.id, made.properties);
      }
      const diff = await h
        .diff(prior.id, urn, prior.outputs, inputs, prior.inputs)
        .catch((e) => fail("diff", e));
      const changed = changedKeys(prior.inputs, inputs);
      let op: Operation;
      if (diff.replaces.length > 0) op = "replace";
      else if (diff.changes === "some") op = "update";
      else if (diff.changes === "none") op = "same";
      else op = changed.length > 0 ? "update" : "same";
      entry.op = op;
      if (op !== "same")
        entry.changed = op === "replace" ? [...new Set([...diff.replaces, ...changed])].sort() : changed;
      if (preview) {
        // As the engine does for providers without preview support: outputs are the new inputs,
        // and every output-only property is unknown.
        if (op === "same") return answer(prior.id, prior.outputs);
        return answer(op === "replace" ? "" : prior.id, inputs);
      }
      if (op === "same") {
        const before = stableJson([prior.inputs, prior.dependencies, prior.protect, prior.retainOnDelete]);
        prior.inputs = inputs;
        prior.dependencies = dependencies;
        prior.protect = options.protect;
        prior.retainOnDelete = options.retainOnDelete;
        // Rewriting the whole state for every unchanged resource made a no-op apply quadratic.
        if (stableJson([prior.inputs, prior.dependencies, prior.protect, prior.retainOnDelete]) !== before)
          run.save();
        return answer(prior.id, prior.outputs);
      }
      if (op === "update") {
        const updated = await h
          .update(prior.id, urn, prior.outputs, inputs, prior.inputs)
          .catch((e) => recordPartial("update", e));
        record(prior.id, updated.properties);
        return answer(prior.id, updated.properties);
      }
      if (prior.protect) throw new Error(`${urn} is protected: it cannot be replaced (remove protect first)`);
      const deleteBeforeReplace = diff.deleteBeforeReplace || req?.getDeletebeforereplace?.() === true;
      if (deleteBeforeReplace) {
        await h.delete(prior.id, urn, prior.outputs, prior.inputs).catch((e) => fail("delete (replace)", e));
        state.resources.splice(state.resources.indexOf(prior), 1);
        run.save();
        const made = await create();
        return answer(made.id, made.properties);
      }
      const made = await create();
      await h
        .delete(prior.id, urn, prior.outputs, prior.inputs)
        .catch((e) =>
          fail(`delete of the replaced object ${prior.id} (not in state any more: delete it by hand)`, e),
        );
      return answer(made.id, made.properties);
    };

    await pulumi.runtime.setMocks(mocks, run.project, run.stack, preview);
    const monitor: any = pulumi.runtime.getMonitor();
    const originalRegister = monitor.registerResource.bind(monitor);
    // The mock monitor calls newResource synchronously from registerResource: remember the
    // request (parent, dependencies, options) for it.
    monitor.registerResource = (req: any, callback: any) => {
      current = req;
      try {
        return originalRegister(req, callback);
      } finally {
        current = undefined;
      }
    };
    process.env.PULUMI_CONFIG = JSON.stringify(run.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(run.secretKeys);
    pulumi.runtime.setAllConfig(run.config, run.secretKeys);

    forgetProgramModules(run.cwd);
    const mainFile = resolveMain(run.cwd, run.main);
    let exported = require(mainFile);
    if (typeof exported === "function") exported = await exported();
    else if (exported?.__esModule && typeof exported.default === "function") {
      const rest = Object.keys(exported).filter((k) => k !== "default" && k !== "__esModule");
      if (rest.length === 0) exported = await exported.default();
    }
    const outputs: Record<string, any> = {};
    const resolving = (async () => {
      const entries = Object.entries(exported ?? {}).filter(([k]) => k !== "__esModule");
      for (const [k, v] of entries) {
        const o = pulumi.output(v);
        const value = await o.promise(true);
        outputs[k] = (await o.isSecret) ? "[secret]" : replaceUnknowns(value, unknown);
      }
    })();
    await Promise.race([resolving, failed]).catch(() => {});
    // Settle every registration, then the SDK's own RPC queue.
    for (let n = 0; n < pending.length; n++) await pending[n];
    if (failures.length === 0) await resolving;
    await pulumi.runtime.waitForRPCs?.();
    for (let n = 0; n < pending.length; n++) await pending[n];
    if (failures.length > 0) {
      // Let the SDK reject the failed resources' outputs while we still listen for rejections.
      await resolving.catch(() => {});
      for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 10));
      throw failures[0];
    }
    if (unhandled.length > 0) {
      const e = unhandled[0] as any;
      throw e instanceof Error ? e : new Error(String(e));
    }
    // Resources in state that the program no longer declares: delete, dependents first.
    const gone = state.resources.filter((r) => !registered.has(r.urn)).reverse();
    await deleteAll(gone, state, run.host, results, run.save, preview);
    // Keep state in this run's registration order.
    const order = [...registered];
    state.resources.sort((a, b) => order.indexOf(a.urn) - order.indexOf(b.urn));
    run.save();
    return outputs;
  } finally {
    process.off("unhandledRejection", onUnhandled);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    setOwnNodePath(savedEnv.NODE_PATH);
  }
}

/** Replaces each unknown (preview) inside a value by the string "[unknown]". */
function replaceUnknowns(v: any, unknown: unknown): any {
  if (v === unknown) return "[unknown]";
  if (Array.isArray(v)) return v.map((e) => replaceUnknowns(e, unknown));
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, replaceUnknowns(e, unknown)]));
  }
  return v;
}
