/**
 * Run as a child process with its own environment (Application Default Credentials are read from
 * the process's environment and cached per process): one CreateSpace through the provider's Meet
 * seam, with the stack config given as JSON in argv[2] (`owner` is the room's owner). Prints one
 * JSON line: {name} or {error, kind}.
 */
import { meetApiFor } from "../../provider/meet/client";
import { readConnectionSettings } from "../../provider/config/connection";

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
  try {
    const settings = readConnectionSettings((key) => config[key], process.env);
    const space = await meetApiFor(settings, config.owner).createSpace({});
    process.stdout.write(`${JSON.stringify({ name: space.name })}\n`);
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ error: (err as Error).message, kind: (err as Error).name })}\n`);
  }
}

void main();
