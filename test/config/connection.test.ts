/** Bad stack config is refused with a message naming the key (and never echoing a secret). */
import * as assert from "node:assert/strict";
import { meetApiFor } from "../../provider/meet/client";
import { readConnectionSettings } from "../../provider/config/connection";
import type { CredentialEnvironment } from "../../provider/config/credentials";
import { configure } from "../../provider/runtime/context";

/** A machine with only the files given (path -> contents, or an errno code to fail with). */
function machine(files: Record<string, string> = {}, onGoogleCloud = false): CredentialEnvironment {
  return {
    readFile: (file) => {
      const entry = files[file];
      if (entry === undefined || /^E[A-Z]+$/.test(entry)) {
        throw Object.assign(new Error(`${entry ?? "ENOENT"}: ${file}`), { code: entry ?? "ENOENT" });
      }
      return entry;
    },
    onGoogleCloud: () => onGoogleCloud,
    home: () => "/home/ada",
  };
}

const EMULATOR = { GOOGLE_MEET_EMULATOR_HOST: "127.0.0.1:1" };
const settings = (
  config: Record<string, string>,
  env: NodeJS.ProcessEnv = EMULATOR,
  m: CredentialEnvironment = machine(),
) => readConnectionSettings((k) => config[k], env, Object.keys(config), m);

const GCLOUD_FILE = "/home/ada/.config/gcloud/application_default_credentials.json";
const HOW_TO =
  'Create one with `gcloud auth application-default login` (and, to act for other users without a key, set googlemeet:serviceAccount to a service account with domain-wide delegation), or store a key in the stack: pulumi config set --secret googlemeet:credentials "$(cat key.json)" (a service-account key also needs googlemeet:impersonateUser), or pass a token with googlemeet:accessToken. For a local emulator, set GOOGLE_MEET_EMULATOR_HOST instead.';

describe("connection settings", () => {
  it("reads the defaults: GA v2, gRPC for v2beta, Meet's quotas per user and per project, 8 member calls at once, 5 minutes of retries", () => {
    const s = settings({});
    assert.equal(s.apiVersion, "v2");
    assert.equal(s.transport, "grpc");
    assert.deepEqual(s.quotas, {
      creates: 10,
      writes: 100,
      reads: 600,
      windowMs: 60_000,
      project: { creates: 100, writes: 1000, reads: 6000 },
    });
    assert.equal(s.memberConcurrency, 8);
    assert.equal(s.retry.totalDeadlineMs, 300_000);
    assert.equal(s.emulatorHost, "127.0.0.1:1");
  });

  it("reads the project quotas and the API version", () => {
    const s = settings({
      "googlemeet:apiVersion": "v2beta",
      "googlemeet:projectCreateQuota": "50",
      "googlemeet:projectWriteQuota": "500",
      "googlemeet:projectReadQuota": "3000",
    });
    assert.equal(s.apiVersion, "v2beta");
    assert.deepEqual(s.quotas.project, { creates: 50, writes: 500, reads: 3000 });
  });

  it("names the key and the allowed values", () => {
    assert.throws(
      () => settings({ "googlemeet:apiVersion": "v1" }),
      (err: Error) =>
        err.message ===
        'Stack config googlemeet:apiVersion must be "v2" (Google\'s generally available API, the default) or "v2beta" (the Developer Preview, only for Cloud projects enrolled in Google\'s Workspace Developer Preview Program), got "v1"',
    );
    assert.throws(
      () => settings({ "googlemeet:transport": "http" }),
      /^Error: Stack config googlemeet:transport must be "grpc" or "rest", got "http"$/,
    );
    assert.throws(
      () => settings({ "googlemeet:writeQuota": "lots" }),
      /^Error: Stack config googlemeet:writeQuota must be a positive number, got "lots"$/,
    );
    assert.throws(
      () => settings({ "googlemeet:projectCreateQuota": "-1" }),
      /^Error: Stack config googlemeet:projectCreateQuota must be a positive number, got "-1"$/,
    );
    assert.throws(
      () => settings({ "googlemeet:memberConcurrency": "0" }),
      /googlemeet:memberConcurrency must be a positive number/,
    );
  });

  it("lists every configuration problem at once", () => {
    assert.throws(
      () =>
        settings(
          { "googlemeet:apiVersion": "v3", "googlemeet:writeQuota": "lots", "googlemeet:tokne": "x" },
          { GOOGLE_MEET_EMULATOR_HOST: "http://127.0.0.1:8085" },
        ),
      (err: Error) => {
        assert.equal(
          err.message,
          [
            "The provider's configuration has 4 problems:",
            `  - Unknown stack config key googlemeet:tokne (did you mean googlemeet:accessToken?). The provider reads: ${[
              "apiVersion",
              "credentials",
              "impersonateUser",
              "serviceAccount",
              "accessToken",
              "transport",
              "endpoint",
              "createQuota",
              "writeQuota",
              "readQuota",
              "projectCreateQuota",
              "projectWriteQuota",
              "projectReadQuota",
              "quotaWindowSeconds",
              "memberConcurrency",
              "retryDeadlineSeconds",
            ]
              .map((k) => `googlemeet:${k}`)
              .join(", ")}`,
            '  - Stack config googlemeet:apiVersion must be "v2" (Google\'s generally available API, the default) or "v2beta" (the Developer Preview, only for Cloud projects enrolled in Google\'s Workspace Developer Preview Program), got "v3"',
            '  - GOOGLE_MEET_EMULATOR_HOST must be the emulator\'s host:port, e.g. 127.0.0.1:8086 (the "grpc" port of its start-up line, without http:// or a path); got "http://127.0.0.1:8085"',
            '  - Stack config googlemeet:writeQuota must be a positive number, got "lots"',
          ].join("\n"),
        );
        return true;
      },
    );
  });

  it("reports unknown googlemeet:* keys with the nearest known one, never their values", () => {
    assert.throws(
      () => settings({ "googlemeet:token": "secret-value", "googlemeet:endpiont": "x", "other:key": "y" }),
      (err: Error) => {
        assert.equal(
          err.message.split(". The provider reads:")[0],
          "Unknown stack config keys googlemeet:token (did you mean googlemeet:accessToken?), googlemeet:endpiont (did you mean googlemeet:endpoint?)",
        );
        assert.match(err.message, /The provider reads: googlemeet:apiVersion, googlemeet:credentials, /);
        assert.doesNotMatch(err.message, /secret-value/);
        return true;
      },
    );
    assert.throws(() => settings({ "googlemeet:AccessToken": "t" }), /did you mean googlemeet:accessToken\?/);
  });

  it("configure reports unknown keys from the config object Pulumi's dynamic-provider host passes", () => {
    // The very class the host builds from the stack config (it keeps every key as rawConfig).
    const { Config } = require("@pulumi/pulumi/cmd/dynamic-provider/config");
    const config = new Config({ "googlemeet:token": "t", "googlemeet:accessToken": "t" }, "rooms");
    assert.throws(
      () => configure({ config }),
      /^Error: Unknown stack config key googlemeet:token \(did you mean googlemeet:accessToken\?\)\. /,
    );
  });

  it("refuses credentials that are not JSON without echoing them", () => {
    assert.throws(
      () => settings({ "googlemeet:credentials": "-----BEGIN PRIVATE KEY----- secret" }),
      (err: Error) =>
        err.message ===
          "Stack config googlemeet:credentials must be a service-account key or authorized-user JSON document; it is not valid JSON." &&
        !err.message.includes("secret"),
    );
  });

  it("a key file's path given as googlemeet:credentials gets the command that passes its contents", () => {
    for (const path of ["/home/ada/keys/meet-sa.json", "./key.json", "~/key.json", "C:\\keys\\sa.json"]) {
      assert.throws(
        () => settings({ "googlemeet:credentials": path }),
        (err: Error) =>
          err.message ===
            'Stack config googlemeet:credentials must be a service-account key or authorized-user JSON document; it is not valid JSON. It looks like a file path; pass the file\'s contents instead: pulumi config set --secret googlemeet:credentials "$(cat key.json)"' &&
          !err.message.includes(path),
      );
    }
  });

  describe("credentials, checked in configure before any call", () => {
    it("none anywhere: names every source tried and the commands that create one", () => {
      assert.throws(
        () => settings({}, {}),
        (err: Error) =>
          err.message ===
          `No Google credentials found. Tried: stack config googlemeet:credentials and googlemeet:accessToken (unset), GOOGLE_APPLICATION_CREDENTIALS (unset), gcloud's application-default file ${GCLOUD_FILE} (absent), and a Google Cloud metadata server (not on Google Cloud). ${HOW_TO}`,
      );
    });

    it("GOOGLE_APPLICATION_CREDENTIALS naming a missing or unreadable file names the file", () => {
      assert.throws(
        () => settings({}, { GOOGLE_APPLICATION_CREDENTIALS: "/keys/gone.json" }),
        (err: Error) =>
          err.message ===
          `GOOGLE_APPLICATION_CREDENTIALS names /keys/gone.json, which does not exist. Point it at a service-account key or authorized-user JSON file, or unset it. ${HOW_TO}`,
      );
      assert.throws(
        () =>
          settings(
            {},
            { GOOGLE_APPLICATION_CREDENTIALS: "/keys/locked.json" },
            machine({ "/keys/locked.json": "EACCES" }),
          ),
        /^Error: GOOGLE_APPLICATION_CREDENTIALS names \/keys\/locked\.json, which cannot be read \(permission denied\)\./,
      );
      assert.throws(
        () =>
          settings(
            {},
            { GOOGLE_APPLICATION_CREDENTIALS: "/keys/notes.txt" },
            machine({ "/keys/notes.txt": "private stuff" }),
          ),
        (err: Error) =>
          err.message ===
            "GOOGLE_APPLICATION_CREDENTIALS names /keys/notes.txt, which is not a JSON credentials file (service-account key or authorized-user JSON)." &&
          !err.message.includes("private stuff"),
      );
    });

    it("accepts each source, and looks no further than the first that holds credentials", () => {
      /** The machine, recording every file read and every question to the metadata server. */
      const watched = (files: Record<string, string>, onGoogleCloud = false) => {
        const asked: string[] = [];
        const m = machine(files, onGoogleCloud);
        return {
          asked,
          machine: {
            ...m,
            readFile: (file: string) => {
              asked.push(file);
              return m.readFile(file);
            },
            onGoogleCloud: () => {
              asked.push("metadata server");
              return m.onGoogleCloud();
            },
          },
        };
      };
      const source = (config: Record<string, string>, env: NodeJS.ProcessEnv, files = {}, cloud = false) => {
        const w = watched(files, cloud);
        const s = settings(config, env, w.machine);
        return { s, asked: w.asked };
      };

      const token = source({ "googlemeet:accessToken": "t" }, {});
      assert.equal(token.s.accessToken, "t");
      assert.deepEqual(token.asked, [], "a token in the stack config: nothing else is read");
      const key = source({ "googlemeet:credentials": '{"type":"authorized_user"}' }, {});
      assert.equal(key.s.credentialsJson, '{"type":"authorized_user"}');
      assert.deepEqual(key.asked, []);
      assert.deepEqual(source({}, { GOOGLE_APPLICATION_CREDENTIALS: "/k.json" }, { "/k.json": "{}" }).asked, [
        "/k.json",
      ]);
      assert.deepEqual(source({}, {}, { [GCLOUD_FILE]: "{}" }).asked, [GCLOUD_FILE]);
      assert.deepEqual(
        source({}, { CLOUDSDK_CONFIG: "/cfg" }, { "/cfg/application_default_credentials.json": "{}" }).asked,
        ["/cfg/application_default_credentials.json"],
      );
      assert.deepEqual(source({}, {}, {}, true).asked, [GCLOUD_FILE, "metadata server"]);
      assert.deepEqual(
        source({}, { K_SERVICE: "svc" }).asked,
        [GCLOUD_FILE],
        "Cloud Run's variable answers before the metadata server is asked",
      );
      for (const { s } of [token, key]) assert.equal(s.emulatorHost, undefined);
    });
  });

  it("a service-account key needs a user to act as", () => {
    const s = settings(
      {
        "googlemeet:credentials": JSON.stringify({
          type: "service_account",
          client_email: "a@b",
          private_key: "k",
        }),
      },
      {},
    );
    assert.throws(() => meetApiFor(s), /set googlemeet:impersonateUser \(or the room's `owner`\)/);
  });

  it("an unknown credentials type is named in configure, before any call", () => {
    assert.throws(
      () => settings({ "googlemeet:credentials": JSON.stringify({ type: "external_account" }) }, {}),
      /googlemeet:credentials has type "external_account"; expected "service_account" \(a service-account key\) or "authorized_user"/,
    );
  });

  for (const endpoint of ["meet googleapis.com", "https://", "host:abc", "https://meet.googleapis.com/v2"]) {
    it(`a malformed googlemeet:endpoint (${JSON.stringify(endpoint)}) is named with the forms allowed`, () => {
      assert.throws(
        () => settings({ "googlemeet:endpoint": endpoint }),
        new RegExp(
          `googlemeet:endpoint must be an API host as host\\[:port\\] or http\\(s\\)://host\\[:port\\] .*got ${JSON.stringify(endpoint).replace(/[/.]/g, "\\$&")}`,
        ),
      );
    });
  }
  for (const endpoint of ["meet.googleapis.com", "http://127.0.0.1:8085", "[::1]:8443"]) {
    it(`googlemeet:endpoint ${endpoint} is accepted`, () => {
      assert.equal(settings({ "googlemeet:endpoint": endpoint }).endpoint, endpoint);
    });
  }
});
