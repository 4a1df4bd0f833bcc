/** Shared helpers of the runner's tests: a fresh copy of the file fixture in a temp dir. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const packageRoot = path.resolve(__dirname, "..", "..", "..");
export const fixtureSource = path.join(packageRoot, "test", "runner", "fixtures", "files");
export const cliPath = path.join(packageRoot, "dist", "runner", "cli.js");

export interface FileSpec {
  name: string;
  content: string;
  key?: string;
  dbr?: boolean;
  fail?: string;
  after?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  getId?: string;
  secret?: boolean;
}

export interface Op {
  op: "create" | "update" | "delete";
  id: string;
}

/** A copy of the fixture program outside this repository, with its own output dir. */
export class FixtureProgram {
  readonly dir: string;
  readonly out: string;
  constructor(resources: FileSpec[], extraConfig = "") {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-test-"));
    fs.cpSync(fixtureSource, this.dir, { recursive: true });
    this.out = path.join(this.dir, "out");
    fs.mkdirSync(this.out);
    this.writeConfig(extraConfig);
    this.setResources(resources);
  }
  writeConfig(extra = ""): void {
    fs.writeFileSync(
      path.join(this.dir, "Pulumi.dev.yaml"),
      `config:\n  fixture:greeting: hello from the stack file\n  fixture:dir: ${JSON.stringify(this.out)}\n${extra}`,
    );
  }
  setResources(resources: FileSpec[]): void {
    fs.writeFileSync(path.join(this.dir, "resources.json"), JSON.stringify(resources));
  }
  /** Operations the provider performed, in order. */
  ops(): Op[] {
    const file = path.join(this.out, "ops.log");
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }
  stateText(stack = "dev"): string | undefined {
    const file = path.join(this.dir, ".pulumi-local", `${stack}.json`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  }
  state(stack = "dev"): any {
    const text = this.stateText(stack);
    return text === undefined ? undefined : JSON.parse(text);
  }
  file(id: string): string | undefined {
    const f = path.join(this.out, `${id}.txt`);
    return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : undefined;
  }
  configureSeen(): Record<string, string | undefined> {
    return JSON.parse(fs.readFileSync(path.join(this.out, "configure.json"), "utf8"));
  }
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Collects the provider host's output instead of printing it. */
export function quiet(): { log: string[]; onOutput: (text: string) => void } {
  const log: string[] = [];
  return { log, onOutput: (text: string) => log.push(text) };
}

export const urnOf = (name: string) =>
  `urn:pulumi:dev::files-fixture::pulumi-nodejs:dynamic/fixture:File::${name}`;
