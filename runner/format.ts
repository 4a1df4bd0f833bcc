/** Printing a run's result: Pulumi-like text, or one JSON document. */
import type { Operation, RunResult } from "./deploy";

const SYMBOL: Record<Operation, string> = {
  create: "+",
  update: "~",
  delete: "-",
  same: "=",
  replace: "+-",
};

/** The `--json` document: `{summary, resources: [{urn, op, changed?}], outputs}`. */
export function jsonResult(result: RunResult): object {
  return {
    summary: result.summary,
    resources: result.resources.map((r) => ({
      urn: r.urn,
      op: r.op,
      ...(r.changed ? { changed: r.changed } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
    })),
    outputs: result.outputs,
  };
}

function shortType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

function name(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** Formats `result` as text (Pulumi's manner) or as JSON. */
export function formatResult(result: RunResult, json: boolean): string {
  if (json) return JSON.stringify(jsonResult(result), null, 2) + "\n";
  const lines: string[] = [];
  const title = {
    preview: "Previewing update",
    up: "Updating",
    refresh: "Refreshing",
    destroy: "Destroying",
  }[result.command];
  lines.push(
    `${title} (${result.stack}) with pulumi-meet-local (offline runner, not the Pulumi engine):`,
    "",
  );
  const typeWidth = Math.max(4, ...result.resources.map((r) => shortType(r.urn).length));
  for (const r of result.resources) {
    const changed = r.changed && r.changed.length > 0 ? `  [diff: ${r.changed.join(", ")}]` : "";
    const op = r.error !== undefined ? `${r.op} FAILED` : r.op === "same" ? "" : r.op;
    lines.push(
      `  ${SYMBOL[r.op].padEnd(2)} ${shortType(r.urn).padEnd(typeWidth)}  ${name(r.urn)}  ${op}${changed}`.trimEnd(),
    );
  }
  if (result.resources.length === 0) lines.push("  (no resources)");
  lines.push("", "Resources:");
  const s = result.summary;
  const verb = (past: string, future: string) => (result.preview ? future : past);
  const counts: Array<[number | undefined, string, string]> = [
    [s.create, "+", verb("created", "to create")],
    [s.update, "~", verb("updated", "to update")],
    [s.delete, "-", verb("deleted", "to delete")],
    [s.replace, "+-", verb("replaced", "to replace")],
  ];
  for (const [n, sym, text] of counts) if (n) lines.push(`    ${sym} ${n} ${text}`);
  lines.push(`    ${s.same} unchanged`);
  const outputs = Object.entries(result.outputs);
  if (outputs.length > 0 && result.command !== "destroy") {
    lines.push("", "Outputs:");
    const width = Math.max(...outputs.map(([k]) => k.length));
    for (const [k, v] of outputs) lines.push(`    ${k.padEnd(width)}: ${JSON.stringify(v)}`);
  }
  if (result.preview) lines.push("", "(preview: nothing was changed)");
  return lines.join("\n") + "\n";
}
