/** Runs the real `pulumi` CLI (found on the PATH given by `engineEnv`) for engine tests. */
import { execFile } from "node:child_process";

/** Runs `pulumi <args>` in `cwd`; resolves with its output, rejects with it (as `output`) on failure. */
export function pulumi(cwd: string, env: Record<string, string>, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "pulumi",
      ["--non-interactive", "--color=never", ...args],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const out = `${stdout}${stderr}`;
        if (err)
          reject(Object.assign(new Error(`pulumi ${args.join(" ")} failed:\n${out}`), { output: out }));
        else resolve(out);
      },
    );
  });
}
