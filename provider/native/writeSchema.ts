/**
 * Writes the package schema to a file (`npm run sdk:gen`), or with `--check` fails when the file
 * differs from what the provider serves (`npm run sdk:check`, run by CI).
 */
import * as fs from "node:fs";
import { packageSchema } from "./schema";

export function schemaText(): string {
  return `${JSON.stringify(packageSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) {
    process.stderr.write("usage: writeSchema [--check] <schema.json>\n");
    process.exit(2);
  }
  const text = schemaText();
  if (check) {
    const have = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (have !== text) {
      process.stderr.write(`${file} differs from the provider's schema: run npm run sdk:gen and commit\n`);
      process.exit(1);
    }
  } else {
    fs.mkdirSync(require("node:path").dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
