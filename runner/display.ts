/**
 * What the driver shows of a run: the CLI's own display, with each message once. The CLI prints
 * a diagnostic in every progress row of its resource and again under "Diagnostics:", and one
 * failure once per resource it stopped; a user reads the same 600 characters five times. Here:
 * - progress rows keep their status and lose the message they carry;
 * - "Diagnostics:" keeps each warning and info once, and no error;
 * - errors are collected from the engine's events, whole and multi-line, each once with the
 *   resources it stopped, for the driver's closing summary (`failureSummary`);
 * - `googlemeet: created spaces/…` lines are printed the moment the engine hears them (a run
 *   killed before its end would otherwise lose the only record of a room the state may lack), and
 *   nowhere else.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";

/** A line of the program's own output announcing a room it created (see the provider's create). */
export const CREATED = /^googlemeet: created /;

/** Headings that end the "Diagnostics:" section. */
const AFTER_DIAGNOSTICS = /^(Outputs|Resources|Duration|Policies|Policy Violations|Permalink)\b/;

/** A progress row that carries a diagnostic: `<row>  error: …`, `<row> warning: …`. */
const ROW_MESSAGE = /^(.*?\S)( {2,}| )(?:(?:error|warning|info|Error): |googlemeet: )/;

/** A bare failure the engine adds after the real one: "update failed", "step application failed: X". */
const ENGINE_ECHO =
  /^(?:(?:update|preview|refresh|destroy|import) failed(?:: )?)?(?:step application failed: )?/;

export class Display {
  private partial = "";
  private section: "rows" | "diagnostics" = "rows";
  private diagnostics: string[] = [];
  private readonly rows = new Set<string>();
  /** Each error message, with the names of the resources it was reported for. */
  private readonly errors = new Map<string, string[]>();

  constructor(private readonly out: NodeJS.WritableStream) {}

  /** Text from the CLI, in any chunks. */
  text(chunk: string): void {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.line(line);
  }

  /** An engine event: errors collected, created rooms echoed at once. */
  event(event: EngineEvent): void {
    const d = event.diagnosticEvent;
    if (!d || d.ephemeral) return;
    const message = d.message.trim();
    if (CREATED.test(message)) {
      this.out.write(`${message}\n`);
      return;
    }
    if (d.severity !== "error") return;
    const text = withoutStackFrames(message);
    // urn:pulumi:STACK::PROJECT::TYPE::NAME; the stack itself is no resource to name.
    const [, , type, name] = d.urn?.split("::") ?? [];
    const who = type && type !== "pulumi:pulumi:Stack" ? `${type.split(":").pop()} ${name}` : "";
    const seen = this.errors.get(text);
    if (seen) {
      if (who && !seen.includes(who)) seen.push(who);
    } else this.errors.set(text, who ? [who] : []);
  }

  /** Writes what is still held back. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = "";
    this.flushDiagnostics();
  }

  /**
   * The errors, each once: `name, name: message`; the engine's "update failed" and the stack's
   * repeat of a resource's error left out. Empty when the engine reported none.
   */
  failureSummary(extra: string[] = []): string {
    const lines: string[] = [];
    const said: string[] = [];
    const entries: [string, string[]][] = [...this.errors, ...extra.map((e): [string, string[]] => [e, []])];
    // Resources' own errors first: the engine's repeats of them then find them said.
    entries.sort(([, a], [, b]) => b.length - a.length);
    for (const [message, who] of entries) {
      const rest = message
        .replace(/^error: /, "")
        .replace(ENGINE_ECHO, "")
        .trim();
      if (!rest || said.some((s) => s.includes(rest) || rest.includes(s))) continue;
      said.push(rest);
      lines.push(who.length ? `${who.join(", ")}: ${rest}` : rest);
    }
    return lines.join("\n");
  }

  private line(line: string): void {
    if (this.section === "diagnostics") {
      if (AFTER_DIAGNOSTICS.test(line)) {
        this.flushDiagnostics();
        this.section = "rows";
        this.out.write(`${line}\n`);
      } else this.diagnostics.push(line);
      return;
    }
    if (line === "Diagnostics:") {
      this.section = "diagnostics";
      return;
    }
    const message = ROW_MESSAGE.exec(line);
    if (!message) {
      this.out.write(`${line}\n`);
      return;
    }
    // A row that only carries a message (two spaces after the name) goes; a status row stays, once.
    if (message[2].length > 1 && !/\)$|\*\*|\]$/.test(message[1])) return;
    if (this.rows.has(message[1])) return;
    this.rows.add(message[1]);
    this.out.write(`${message[1]}\n`);
  }

  /** "Diagnostics:" with each warning and info once, without errors and created lines. */
  private flushDiagnostics(): void {
    if (!this.diagnostics.length) return;
    const blocks: { header: string; messages: string[] }[] = [];
    const seen = new Set<string>();
    let current: { header: string; messages: string[] } | undefined;
    let skipping = false;
    for (const line of this.diagnostics) {
      if (/^ {2}\S/.test(line)) {
        current = { header: line, messages: [] };
        blocks.push(current);
        skipping = false;
        continue;
      }
      if (!current || !line.trim()) continue;
      const starts = /^ {4}(error|warning|info)?:? ?/.exec(line);
      const isNew = /^ {4}(?:error|warning|info): /.test(line) || /^ {4}\S/.test(line);
      if (isNew) {
        const text = line.trim();
        skipping = starts?.[1] === "error" || CREATED.test(text) || seen.has(text);
        if (!skipping) {
          seen.add(text);
          current.messages.push(line);
        }
      } else if (!skipping) current.messages.push(line);
    }
    const kept = blocks.filter((b) => b.messages.length);
    if (kept.length) {
      this.out.write(
        `Diagnostics:\n${kept.map((b) => [b.header, ...b.messages].join("\n")).join("\n\n")}\n\n`,
      );
    }
    this.diagnostics = [];
  }
}

/** A message without the JavaScript stack frames a thrown Error may carry. */
export function withoutStackFrames(message: string): string {
  return message
    .split("\n")
    .filter((l) => !/^\s+at .+(?:\(.*:\d+:\d+\)|:\d+:\d+)$/.test(l))
    .join("\n")
    .replace(/^Unhandled exception: (?:Error: )?/, "")
    .trim();
}
