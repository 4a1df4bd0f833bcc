/**
 * The runner's local state: one JSON file per stack, `<cwd>/.pulumi-local/<stack>.json`.
 *
 * Written atomically (a temporary file, then rename) after every successful resource operation,
 * so a crash mid-apply loses nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface ResourceState {
  urn: string;
  /** The type token, e.g. `pulumi-nodejs:dynamic/googlemeet:MeetSpace`. */
  type: string;
  name: string;
  /** The provider's id of the object. */
  id: string;
  /** The checked inputs last applied (with `__provider`). */
  inputs: Record<string, any>;
  /** The provider's outputs (with `__provider`: delete and refresh run this copy). */
  outputs: Record<string, any>;
  /** Registration order: resources are deleted in reverse order (dependents first). */
  order: number;
  /** URNs of the resources this one depended on when it was last registered. */
  dependencies?: string[];
  /** The `protect` option: delete and replace are refused. */
  protect?: boolean;
  /** The `retainOnDelete` option: deleting only forgets the object. */
  retainOnDelete?: boolean;
}

export interface StackState {
  version: 1;
  resources: ResourceState[];
  /** The stack outputs of the last successful `up`. */
  outputs: Record<string, any>;
}

/** Path of the state file of `stack` in program directory `cwd`. */
export function statePath(cwd: string, stack: string): string {
  return path.join(cwd, ".pulumi-local", `${stack}.json`);
}

/** Reads the state of a stack; an empty state when the file does not exist. */
export function loadState(file: string): StackState {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err: any) {
    if (err.code === "ENOENT") return { version: 1, resources: [], outputs: {} };
    throw err;
  }
  const state = JSON.parse(text) as StackState;
  if (state.version !== 1 || !Array.isArray(state.resources)) {
    throw new Error(`${file}: not a pulumi-meet-local state file (version 1)`);
  }
  state.resources.sort((a, b) => a.order - b.order);
  state.outputs ??= {};
  return state;
}

/** Writes the state atomically: a temporary file in the same directory, then rename. */
export function saveState(file: string, state: StackState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  state.resources.forEach((r, i) => {
    r.order = i;
  });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + "\n");
  fs.renameSync(tmp, file);
}
