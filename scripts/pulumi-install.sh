#!/usr/bin/env bash
# Builds the real Pulumi CLI and the Pulumi YAML language host from the Go module proxy (Pulumi's
# installer and release downloads are unreachable on some machines), writes the dynamic-provider
# shim and the policy-pack runner beside them, and prints the bin directory as its last line.
#
# The result is cached outside the checkout, keyed by version, and reused when present.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.274.1}"
YAML_VERSION="${PULUMI_YAML_VERSION:-v1.25.0}"
CACHE_ROOT="${PULUMI_GOOGLE_MEET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-google-meet}"
force_build=0

usage() {
  cat <<USAGE
usage: npm run pulumi:install -- [--build] [--help]

Builds pulumi ${PULUMI_VERSION} and pulumi-language-yaml ${YAML_VERSION} from source with Go
into ${CACHE_ROOT}/pulumi-${PULUMI_VERSION}/bin (reused when already built), adds the
pulumi-resource-pulumi-nodejs shim and the pulumi-language-nodejs policy-pack runner
(for --policy-pack with a Node.js pack), and prints that bin directory as the last line.

When a pulumi is already on PATH it is used instead (its directory is printed) unless --build.

  --build   build from source even if pulumi is on PATH
  --help    this text

Environment: PULUMI_VERSION, PULUMI_YAML_VERSION, PULUMI_GOOGLE_MEET_CACHE (cache root).
USAGE
}

for arg in "$@"; do
  case "$arg" in
    --build) force_build=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "pulumi:install: unknown argument \"$arg\" (known: --build, --help)" >&2; exit 2 ;;
  esac
done

log() { echo "pulumi:install: $*" >&2; }
# What was found, said unless PULUMI_INSTALL_QUIET is set (pulumi-meet-local: once per run is noise).
found() { [ -n "${PULUMI_INSTALL_QUIET:-}" ] || log "$@"; }

dest="$CACHE_ROOT/pulumi-${PULUMI_VERSION}"
bin="$dest/bin"

# A pulumi on PATH is used as it is, unless it is this cache's own (then its shims are brought up
# to date below).
if [ "$force_build" = 0 ] && existing=$(command -v pulumi 2>/dev/null) \
  && [ "$(dirname "$(readlink -f "$existing")")" != "$(readlink -f "$bin" 2>/dev/null || echo "$bin")" ]; then
  dir=$(dirname "$(readlink -f "$existing")")
  found "using the pulumi already on PATH ($existing, $("$existing" version 2>/dev/null || echo '?')); pass --build to build ${PULUMI_VERSION} from source instead"
  echo "$dir"
  exit 0
fi

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Puts stdin at $bin/$1, atomically and only when it changed: other runs
# may be executing the old one right now.
install_shim() {
  local target="$bin/$1" new
  new=$(mktemp "$bin/.shim.XXXXXX")
  cat >"$new"
  if cmp -s "$new" "$target"; then rm -f "$new"; else chmod +x "$new" && mv -f "$new" "$target"; fi
}

write_shims() {
  # The engine runs dynamic resources through this plugin. It resolves @pulumi/pulumi's
  # dynamic-provider host from the directory the engine starts it in (the program's directory),
  # so the host and the program share one copy of the SDK.
  install_shim pulumi-resource-pulumi-nodejs <<'SHIM'
#!/bin/sh
host=$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"))' 2>/dev/null) || {
  echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi is not installed under $(pwd)" >&2
  exit 1
}
exec node "$host" "$@"
SHIM
  # `--policy-pack DIR` with a Node.js pack runs through the Node.js language host, which cannot be
  # built here: this stand-in runs policy packs only (see the file's header).
  if [ ! -x "$bin/pulumi-language-nodejs" ] || [ -f "$bin/.policy-pack-host" ]; then
    install_shim pulumi-language-nodejs <"$script_dir/policy-pack-host.js"
    touch "$bin/.policy-pack-host"
  fi
}

if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-yaml" ] && [ -f "$dest/.complete" ]; then
  write_shims
  found "pulumi ${PULUMI_VERSION} already built in $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || {
  log "Go is needed to build the Pulumi CLI from source and was not found on PATH; install Go (https://go.dev/dl) or Pulumi itself (https://www.pulumi.com/docs/install/)"
  exit 1
}

mkdir -p "$bin" "$dest/src/cli" "$dest/src/yaml"
export GOFLAGS="${GOFLAGS:--mod=mod}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
start=$(date +%s)

# A throwaway wrapper module: `go install mod@version` refuses modules with replace directives,
# and pkg/v3 needs the one non-local replace of its release.
cd "$dest/src/cli"
cat >go.mod <<MOD
module pulumibuild

go 1.24

require (
	github.com/pulumi/pulumi/pkg/v3 ${PULUMI_VERSION}
	github.com/pulumi/pulumi/sdk/v3 ${PULUMI_VERSION}
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
cat >tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
log "resolving pulumi ${PULUMI_VERSION} modules (go mod tidy)..."
go mod tidy >&2
log "building pulumi ${PULUMI_VERSION} (about 4 minutes cold on 2 cores)..."
go build -o "$bin/pulumi" \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PULUMI_VERSION}" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
log "pulumi built in $(( $(date +%s) - start )) s"

cd "$dest/src/yaml"
cat >go.mod <<MOD
module yamlbuild

go 1.24

require github.com/pulumi/pulumi-yaml ${YAML_VERSION}
MOD
cat >tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
GO
log "building pulumi-language-yaml ${YAML_VERSION}..."
go mod tidy >&2
go build -o "$bin/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml >&2

write_shims
touch "$dest/.complete"
log "built in $(( $(date +%s) - start )) s: $("$bin/pulumi" version)"
echo "$bin"
