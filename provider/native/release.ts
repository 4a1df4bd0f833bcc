/**
 * The release settings, read from package.json so that one edit there changes every artifact:
 * `version` is what the schema, the SDKs, `GetPluginInfo` and the archive names carry;
 * `repository` (a GitHub repository) is where releases are published, so it gives the schema's
 * `pluginDownloadURL` (the engine fetches a missing plugin from that repository's release
 * `v<version>`) and the Go SDK's module path.
 */
// A literal path, so that the plugin bundle carries package.json's values (dist/provider/native → root).
const manifest: { version: string; repository: { url: string } } = require("../../../package.json");

export const VERSION: string = manifest.version;

/** `owner/name` of the GitHub repository in package.json's `repository.url`. */
export function githubRepository(url: string): string {
  const found = /github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  if (!found)
    throw new Error(`package.json repository.url must name a GitHub repository, got ${JSON.stringify(url)}`);
  return `${found[1]}/${found[2]}`;
}

export const REPOSITORY = githubRepository(manifest.repository.url);

/** Pulumi's scheme for GitHub releases: assets `pulumi-resource-googlemeet-v<version>-<os>-<arch>.tar.gz` of tag `v<version>`. */
export const PLUGIN_DOWNLOAD_URL = `github://api.github.com/${REPOSITORY}`;

/** The Go SDK's module: the repository's `sdk/go` folder (tagged `sdk/go/v<version>`). */
export const GO_MODULE = `github.com/${REPOSITORY}/sdk/go`;
