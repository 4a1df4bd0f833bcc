/**
 * Each error once. Pulumi's dynamic-provider host answers a failed check, diff, read or delete with
 * the error (the engine prints it under the resource) and also writes `${err}: ${err.stack}` to its
 * stderr, which the engine prints again, under the stack, as `Error: X: Error: X`. The errors our
 * operations throw already say everything (no stack frames: they are meant for people), so that
 * echo is dropped, and only that echo: any other output of the host passes.
 */

/** `String(err)` of each error an operation threw: what the host's echo starts with. */
const reported = new Set<string>();
let installed = false;

function dropHostEchoes(): void {
  if (installed) return;
  installed = true;
  const write = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const [line] = args;
    if (args.length === 1 && typeof line === "string") {
      for (const text of reported) if (line.startsWith(`${text}: `)) return;
    }
    write(...args);
  };
}

/** Remembers `err` as reported to the engine (the host's echo of it is then dropped) and returns it. */
export function reportedOnce<E>(err: E): E {
  dropHostEchoes();
  reported.add(String(err));
  return err;
}

/** Each wrapper's operation, for tests that check what a stub was given. */
const wrapped = new WeakMap<object, unknown>();

/** `operation` with every error it throws reported once. */
export function reportingOnce<A extends unknown[], R>(operation: (...args: A) => Promise<R>) {
  const wrapper = async (...args: A): Promise<R> => {
    try {
      return await operation(...args);
    } catch (err) {
      throw reportedOnce(err);
    }
  };
  wrapped.set(wrapper, operation);
  return wrapper;
}

/** The operation a `reportingOnce` wrapper runs. */
export function operationOf(wrapper: object): unknown {
  return wrapped.get(wrapper);
}
