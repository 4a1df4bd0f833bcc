/**
 * Running resource classes under Pulumi's own mocks, with every registration carried out the way
 * the dynamic-provider host does it: the serialized `__provider` text is evaluated, configured
 * once with the stack config, and its check and create are called. Only the module resolution of
 * `pulumi-google-meet/runtime/v1` is pointed at this checkout.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
  type: string;
  name: string;
  /** What the program registered, `__provider` included. */
  inputs: Record<string, any>;
  /** What create returned. */
  outputs: Record<string, any>;
  id: string;
}

/** Evaluates a serialized provider as the host's require-from-string would. */
export function loadSerializedProvider(text: string): pulumi.dynamic.ResourceProvider {
  const module = { exports: {} as any };
  const localRequire = (specifier: string) =>
    specifier === "pulumi-google-meet/runtime/v1" ? require("../../provider/runtime/v1") : require(specifier);
  new Function("exports", "require", "module", text)(module.exports, localRequire, module);
  return module.exports.handler();
}

export interface MockRun {
  registrations: Registration[];
  /** Messages of registrations that failed (check failures, provider errors). */
  errors: string[];
  /** Resolves with the first failure's message, as soon as there is one (no polling). */
  firstError(): Promise<string>;
}

export function installMocks(config: Record<string, string>): MockRun {
  const registrations: Registration[] = [];
  const errors: string[] = [];
  const waiting: ((message: string) => void)[] = [];
  const fail = (message: string) => {
    errors.push(message);
    for (const wake of waiting.splice(0)) wake(message);
  };
  const configured = new Map<string, pulumi.dynamic.ResourceProvider>();
  pulumi.runtime.setMocks(
    {
      async newResource(args) {
        const text: string = args.inputs.__provider;
        // Not a dynamic resource (a component parent, say): nothing to call.
        if (typeof text !== "string") return { id: `${args.name}_id`, state: args.inputs };
        let provider = configured.get(text);
        if (!provider) {
          provider = loadSerializedProvider(text);
          await provider.configure?.({ config: { get: (key: string) => config[key] } as any });
          configured.set(text, provider);
        }
        const checked = await provider.check!({}, args.inputs);
        if (checked.failures?.length) {
          const message = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
          fail(message);
          throw new Error(message);
        }
        const { id, outs } = await provider.create(checked.inputs).catch((err: Error) => {
          fail(err.message);
          throw err;
        });
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, outputs: outs, id });
        return { id, state: outs };
      },
      call: async () => ({}),
    },
    "meet-test",
    "dev",
    false,
  );
  const firstError = () =>
    errors.length ? Promise.resolve(errors[0]) : new Promise<string>((resolve) => waiting.push(resolve));
  return { registrations, errors, firstError };
}

export function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
