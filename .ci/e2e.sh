#!/bin/bash
# Editors e2e stage (issue 5): installs the headless editors, builds the server and the VS Code
# extension (VSIX for this platform + one per platform target), then drives every client against
# the server: Node LSP client, Neovim, Emacs eglot, Vim ALE, code-server + Chromium.
# Prints one PASS/FAIL line per check and the closing line "N passed, N failed"; exits non-zero on
# any failure. Runs as root on Debian 12 with Go, node 20 and npm (CI=true, no stdin); everything it
# installs besides apt packages goes to .e2e/ (ignored by git). Artifacts: .e2e/artifacts/.
#
# Env: E2E_VSIX_TARGETS  platform VSIXs to build and check (default: all five; "none" to skip)
#      E2E_ONLY          subset of checks (see editors/e2e/run_all.sh)
#      E2E_SKIP_APT=1    do not touch apt (everything already installed)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
E2E_DIR=$repo/.e2e
rm -rf "$E2E_DIR/artifacts"
mkdir -p "$E2E_DIR/artifacts" "$E2E_DIR/bin"
export E2E_WORK=$E2E_DIR E2E_ARTIFACTS=$E2E_DIR/artifacts
export DEBIAN_FRONTEND=noninteractive
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false npm_config_yes=true
CODE_SERVER_VERSION=4.100.3
T0=$(date +%s)
timings=()
stage() { # stage NAME CMD... : run, time and record a setup stage (set -e stops on failure)
  local name=$1 t
  shift
  echo "=== [$(date +%T)] $name"
  t=$(date +%s)
  "$@"
  timings+=("$(printf '%-28s %4d s' "$name" $(($(date +%s) - t)))")
}

apt_packages=(neovim emacs-nox elpa-eglot vim vim-ale chromium ripgrep curl python3 build-essential
  pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev)
install_apt() {
  if [ "${E2E_SKIP_APT:-}" = 1 ] || dpkg -s "${apt_packages[@]}" >/dev/null 2>&1; then
    echo "apt packages already installed"
    return
  fi
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${apt_packages[@]}" | grep -E '^(Need to get|After this|E:)' || true
  dpkg -s "${apt_packages[@]}" >/dev/null
}

install_npm() {
  (cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error)
  (cd editors/e2e && npm ci --no-audit --no-fund --loglevel=error)
}

install_code_server() {
  local cs=$E2E_DIR/code-server/bin/code-server
  if [ -x "$cs" ] && "$cs" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; then
    echo "code-server $CODE_SERVER_VERSION already in $E2E_DIR/code-server"
    return
  fi
  rm -rf "$E2E_DIR/code-server"
  editors/e2e/install_code_server.sh "$CODE_SERVER_VERSION" "$E2E_DIR/code-server" >"$E2E_DIR/artifacts/install-code-server.log" 2>&1 ||
    { tail -40 "$E2E_DIR/artifacts/install-code-server.log"; return 1; }
  tail -2 "$E2E_DIR/artifacts/install-code-server.log"
}

build_server() { # same flags as editors/vscode/scripts/build-server.js: the VSIX build is then a cache hit
  CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$E2E_DIR/bin/wix-events-ls" ./cmd/wix-events-ls
  "$E2E_DIR/bin/wix-events-ls" version
}

# The cross-compiles for the other platforms are CPU-bound and take minutes when the Go cache is
# cold: run them in the background while npm and code-server install (mostly downloads), with the
# flags package-all.js uses, so that its builds later are cache hits.
targets=${E2E_VSIX_TARGETS:-linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64}
start_cross_builds() {
  [ "$targets" = none ] && return
  # own process group (setsid), so that an early exit can stop it with its go children
  setsid bash -c 'for t in $0; do node editors/vscode/scripts/build-server.js --target "$t" --out "$1/cross/$t" || exit 1; done' \
    "$targets" "$E2E_DIR" >"$E2E_DIR/artifacts/cross-builds.log" 2>&1 &
  cross_pid=$!
  trap 'kill -- -$cross_pid 2>/dev/null || true' EXIT
  echo "cross-compiling $targets in the background (pid $cross_pid)"
}

build_vsix() { # this platform's VSIX (the one code-server installs)
  (cd editors/vscode && npm run --silent package) 2>&1 | grep -vE '^\s*$|nodedir' | tail -4
}

build_vsix_targets() {
  [ "$targets" = none ] && return
  local crc=0
  wait "$cross_pid" || crc=$?
  cat "$E2E_DIR/artifacts/cross-builds.log"
  [ $crc = 0 ] || return $crc
  rm -rf editors/vscode/vsix
  (cd editors/vscode && node scripts/package-all.js $targets) 2>&1 | grep -E '^(built|[a-z0-9]+-[a-z0-9]+:)|rror|FAIL'
}

stage "apt packages" install_apt
stage "server build" build_server
cross_pid=
start_cross_builds
stage "npm packages" install_npm
stage "code-server $CODE_SERVER_VERSION" install_code_server
stage "VSIX (this platform)" build_vsix
vsix_targets_rc=0
stage "VSIX per platform" build_vsix_targets || vsix_targets_rc=$?

# Checks besides the editors, counted in the same summary.
extra="vscode-settings|node ../vscode/scripts/rules.js --check"
if [ "$targets" != none ]; then
  extra+=$'\n'"vsix-targets|[ $vsix_targets_rc = 0 ] && node ../vscode/scripts/check-vsix.js ../vscode/wix-events-ls.vsix ../vscode/vsix/*.vsix"
fi
echo "=== [$(date +%T)] e2e checks"
t=$(date +%s)
rc=0
WIX_EVENTS_LS_PATH=$E2E_DIR/bin/wix-events-ls VSIX=$repo/editors/vscode/wix-events-ls.vsix \
  CODE_SERVER=$E2E_DIR/code-server/bin/code-server E2E_EXTRA_CHECKS=$extra \
  editors/e2e/run_all.sh || rc=$?
timings+=("$(printf '%-28s %4d s' "e2e checks" $(($(date +%s) - t)))")
echo "--- editors stage timings"
printf '%s\n' "${timings[@]}"
printf '%-28s %4d s\n' "total" $(($(date +%s) - T0))
# run_all.sh printed the closing "N passed, N failed" line; repeat it last for log readers.
tail -1 "$E2E_DIR/artifacts/summary.txt" 2>/dev/null || echo "0 passed, 1 failed"
exit $rc
