/**
 * Optional state file: spaces and members (not the journal) survive restarts. Writes are
 * atomic (temp file in the same directory, fsync, rename) and coalesced: a burst of
 * mutations schedules one write; `flush()` writes any pending state at once (on stop).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorStartError, readFailure } from "../startError";
import type { ChatStore } from "../chat/store";
import type { Store } from "../meet/store";

const COALESCE_MS = 25;

export class StateFile {
  private timer?: NodeJS.Timeout;
  /** Waiting for the pending write. */
  private waiters: (() => void)[] = [];

  constructor(
    private file: string,
    private store: Store,
    /** The Chat API's state, kept under `chat` in the same file. */
    private chat?: ChatStore,
  ) {}

  /** Loads the file into the store if it exists; an unreadable or corrupt file is an EmulatorStartError. */
  load(): void {
    if (!fs.existsSync(this.file)) return;
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (err) {
      throw new EmulatorStartError(`cannot read state file ${this.file}: ${readFailure(err)}`, "stateFile");
    }
    if (text.trim() === "") return;
    let data: any;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new EmulatorStartError(
        `state file ${this.file} is not valid JSON (${(err as Error).message}); fix it, or move it away to start empty`,
        "stateFile",
      );
    }
    const spaces = data?.spaces;
    const valid =
      data !== null &&
      typeof data === "object" &&
      (spaces === undefined ||
        (Array.isArray(spaces) &&
          spaces.every(
            (s: any) =>
              typeof s?.id === "string" && Array.isArray(s?.members) && typeof s?.owner === "string",
          )));
    if (!valid) {
      throw new EmulatorStartError(
        `state file ${this.file} is not an emulator state file: expected {"version":1,"spaces":[{"id","owner","members":[...],...}]}`,
        "stateFile",
      );
    }
    this.store.load(data);
    if (data.chat && Array.isArray(data.chat.spaces)) this.chat?.load(data.chat);
  }

  /** Called after each mutation. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), COALESCE_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const state = { ...this.store.snapshot(), ...(this.chat ? { chat: this.chat.snapshot() } : {}) };
    writeAtomic(this.file, `${JSON.stringify(state, null, 2)}\n`);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once no write is pending: after the scheduled one, or at once. */
  written(): Promise<void> {
    if (!this.timer) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export function writeAtomic(file: string, content: string): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
