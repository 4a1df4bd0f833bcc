/**
 * `pulumi-meet-local import`: what to import (refusing what Pulumi cannot), and the TypeScript to
 * paste into a program afterwards. Pulumi's own code
 * generation needs the Node.js language host, which is exactly what this driver runs without, so
 * the import runs with `--generate-code=false` and the code is written here from the inputs the
 * provider's read recorded: declared so, the next `up` finds nothing to change.
 */
import * as fs from "node:fs";

/** One resource to import: `pulumi import TYPE NAME ID`. */
export interface ImportSpec {
  type: string;
  name: string;
  id: string;
}

function readImportFile(file: string): ImportSpec[] {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(doc?.resources))
    throw new Error(`${file}: expected {"resources": [{type, name, id}, ...]}`);
  return doc.resources;
}

/** What to import, refusing dynamic types up front: Pulumi cannot import them (pulumi/pulumi#3550). */
export function importSpecs(options: { imports?: ImportSpec[]; importFile?: string }): ImportSpec[] {
  const resources = options.importFile ? readImportFile(options.importFile) : (options.imports ?? []);
  const dynamic = resources.find((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  if (dynamic) {
    throw new Error(
      `${dynamic.type} cannot be imported: Pulumi does not import dynamic resources. Take the room over from the program instead, with \`adopt: "${dynamic.id}"\` on its MeetSpace, or import the native type (googlemeet:index:MeetSpace) and declare it with the native SDK.`,
    );
  }
  return resources;
}

/** The state's record of each imported resource, in the order asked for. */
export function importedFrom(
  state: { urn: string; type: string; inputs?: Record<string, unknown> }[],
  asked: ImportSpec[],
): ImportedResource[] {
  return asked.flatMap((spec) => {
    const found = state.find((r) => r.type === spec.type && r.urn.endsWith(`::${spec.name}`));
    return found ? [{ type: spec.type, name: spec.name, inputs: found.inputs ?? {} }] : [];
  });
}

/** One imported resource as the state has it. */
export interface ImportedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** The npm packages of the SDKs this driver knows, by Pulumi package name. */
const SDKS: Record<string, string> = { googlemeet: "@pulumi-google-meet/googlemeet" };

/** `googlemeet:index:MeetSpace` → `googlemeet.MeetSpace`; a module other than `index` is kept. */
function className(type: string): { pkg: string; expression: string } {
  const [pkg, module, kind] = type.split(":");
  const scope = module && module !== "index" ? `.${module.split("/")[0]}` : "";
  return { pkg, expression: `${identifier(pkg)}${scope}.${kind}` };
}

function identifier(name: string): string {
  return name.replace(/[^A-Za-z0-9_$]/g, "_");
}

/** A value as TypeScript source, indented like Pulumi's generated code. */
function literal(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return "{}";
    const inner = `${indent}  `;
    const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The import lines and one `new` per resource, in the order given. */
export function typescriptFor(resources: ImportedResource[]): string {
  const packages = [...new Set(resources.map((r) => className(r.type).pkg))];
  const imports = packages.map((pkg) =>
    SDKS[pkg]
      ? `import * as ${identifier(pkg)} from "${SDKS[pkg]}";`
      : `import * as ${identifier(pkg)} from "<the npm package of the ${pkg} SDK>";`,
  );
  const news = resources.map((r) => {
    const inputs = Object.fromEntries(Object.entries(r.inputs).filter(([k]) => !k.startsWith("__")));
    return `new ${className(r.type).expression}(${JSON.stringify(r.name)}, ${literal(inputs, "")});`;
  });
  return `${imports.join("\n")}\n\n${news.join("\n\n")}\n`;
}
