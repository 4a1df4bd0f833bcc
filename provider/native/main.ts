/**
 * `pulumi-resource-googlemeet`: the plugin's entry. The engine starts it with flags it may add
 * (`--logtostderr`, `-v=N`, `--tracing ADDR`) and the engine's address as the last argument; the
 * plugin answers by printing its port on stdout, and nothing else may ever be printed there.
 */
import { serve } from "./server";

/** The engine address: the one argument that is not a flag (or a flag's value). */
export function engineAddressOf(args: readonly string[]): string | undefined {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing" || args[i] === "--root") i++;
    else if (!args[i].startsWith("-")) positional.push(args[i]);
  }
  return positional[0];
}

export async function main(args: readonly string[]): Promise<void> {
  // stdout belongs to the handshake; the operations' own lines go to the engine or stderr.
  console.log = console.error;
  const original = console.error.bind(console);
  const { port, provider } = await serve(engineAddressOf(args));
  console.error = (...parts: unknown[]) => {
    const line = parts.map((p) => (typeof p === "string" ? p : String(p))).join(" ");
    if (!provider.log(line)) original(...parts);
  };
  console.log = console.error;
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`pulumi-resource-googlemeet: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
