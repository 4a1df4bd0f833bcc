/**
 * Finding credentials before the first call, the way Application Default Credentials would, so a
 * missing or broken one is reported as such (and not as a network failure minutes later).
 * Sources, in order: stack config (`googlemeet:credentials` / `googlemeet:accessToken`, checked by
 * the caller), `GOOGLE_APPLICATION_CREDENTIALS`, gcloud's application-default file, and the metadata
 * server of Google Cloud runtimes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What the check reads of the machine; tests pass their own. */
export interface CredentialEnvironment {
  /** Reads a file as text; throws Node's error (ENOENT, EACCES, EISDIR) when it cannot. */
  readFile(file: string): string;
  /** True when running on a Google Cloud runtime whose metadata server hands out credentials. */
  onGoogleCloud(): boolean;
  home(): string | undefined;
}

const machineEnvironment: CredentialEnvironment = {
  readFile: (file) => fs.readFileSync(file, "utf8"),
  onGoogleCloud: () => {
    try {
      return /Google/.test(fs.readFileSync("/sys/class/dmi/id/product_name", "utf8"));
    } catch {
      return false;
    }
  },
  home: () => os.homedir(),
};

/** gcloud's application-default credentials file (`gcloud auth application-default login` writes it). */
function gcloudCredentialsPath(env: NodeJS.ProcessEnv, home: string | undefined): string | undefined {
  const dir =
    env.CLOUDSDK_CONFIG ||
    (process.platform === "win32" && env.APPDATA
      ? path.join(env.APPDATA, "gcloud")
      : home
        ? path.join(home, ".config", "gcloud")
        : undefined);
  return dir ? path.join(dir, "application_default_credentials.json") : undefined;
}

const HOW_TO =
  'Create one with `gcloud auth application-default login`, or store a key in the stack: pulumi config set --secret googlemeet:credentials "$(cat key.json)" (a service-account key also needs googlemeet:impersonateUser), or pass a token with googlemeet:accessToken. For a local emulator, set GOOGLE_MEET_EMULATOR_HOST instead.';

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  if (code === "EISDIR") return "is a directory, not a key file";
  return `cannot be read (${code ?? (err as Error)?.message ?? err})`;
}

/**
 * Throws when Application Default Credentials would find nothing usable. Called only when the stack
 * config holds no credentials and no emulator is used. Never echoes a file's contents.
 */
export function checkCredentials(
  env: NodeJS.ProcessEnv,
  machine: CredentialEnvironment = machineEnvironment,
): void {
  const named = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (named) {
    let text: string;
    try {
      text = machine.readFile(named);
    } catch (err) {
      throw new Error(
        `GOOGLE_APPLICATION_CREDENTIALS names ${named}, which ${why(err)}. Point it at a service-account key or authorized-user JSON file, or unset it. ${HOW_TO}`,
      );
    }
    try {
      JSON.parse(text);
    } catch {
      throw new Error(
        `GOOGLE_APPLICATION_CREDENTIALS names ${named}, which is not a JSON credentials file (service-account key or authorized-user JSON).`,
      );
    }
    return;
  }
  const gcloud = gcloudCredentialsPath(env, machine.home());
  if (gcloud) {
    try {
      machine.readFile(gcloud);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== "ENOENT") {
        throw new Error(`gcloud's application-default credentials file ${gcloud} ${why(err)}. ${HOW_TO}`);
      }
    }
  }
  if (env.GCE_METADATA_HOST || env.GCE_METADATA_IP || env.K_SERVICE || env.FUNCTION_TARGET) return;
  if (machine.onGoogleCloud()) return;
  throw new Error(
    `No Google credentials found. Tried: stack config googlemeet:credentials and googlemeet:accessToken (unset), GOOGLE_APPLICATION_CREDENTIALS (unset), gcloud's application-default file ${gcloud ?? "~/.config/gcloud/application_default_credentials.json"} (absent), and a Google Cloud metadata server (not on Google Cloud). ${HOW_TO}`,
  );
}
