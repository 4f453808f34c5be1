#!/usr/bin/env bash
# The npm distribution end to end (README "Install with npm"): builds the
# packages from this repository's Go source (npm/build.js), packs each with
# `npm pack`, checks every platform binary's format and CPU (npm/checkbin),
# installs the launcher and this machine's platform package from their
# tarballs into a fresh project with npm, offline (an empty npm cache and an
# unreachable registry: nothing can be downloaded), and runs `npx
# wix-events-ls` there: version, `check` on the sample (exit 1, the same
# output as the Go build), a usage error (exit 2), the README's package.json
# scripts and GitHub workflow lines, LSP over stdio, and a signal passed on.
# Bounded: each step has a timeout. Usage: .ci/npm.sh  (needs go, node, npm)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(tr -d '[:space:]' < VERSION)
host=$(node -p 'process.platform + "-" + process.arch')
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }

echo "== npm: build and pack wix-events-ls@$version (5 platforms)"
timeout 1500 node npm/build.js --out "$work/dist" --pack
tgz=$work/dist/tarballs
ls -l "$tgz"

echo "== npm: platform binaries (format, CPU, static on Linux)"
platforms=(linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64)
dirs=()
for p in "${platforms[@]}"; do dirs+=("$work/dist/packages/$p"); done
timeout 300 go run ./npm/checkbin "${dirs[@]}"
# The tarballs carry the binary with its executable bit, and the launcher.
# (listings read whole: grep -q would close the pipe early under pipefail)
listing=$(tar -tvzf "$tgz/wix-events-ls-linux-x64-$version.tgz")
grep -q -- '-rwxr-xr-x .* package/bin/wix-events-ls$' <<< "$listing" \
  || fail "linux-x64 tarball: bin/wix-events-ls missing or not executable: $listing"
listing=$(tar -tzf "$tgz/wix-events-ls-$version.tgz")
grep -qx 'package/bin/wix-events-ls.js' <<< "$listing" || fail "launcher missing from the tarball: $listing"
pass "tarballs hold executable binaries and the launcher"

echo "== npm: install from the tarballs into a fresh project, offline"
proj=$work/project
mkdir -p "$proj"
cp -R testdata/sample/. "$proj/"
printf '{ "name": "npm-e2e", "private": true }\n' > "$proj/package.json"
cd "$proj"
export npm_config_cache="$work/npm-cache" npm_config_registry="http://127.0.0.1:9/" npm_config_update_notifier=false
timeout 300 npm install --offline --no-audit --no-fund --save-dev \
  "$tgz/wix-events-ls-$host-$version.tgz" "$tgz/wix-events-ls-$version.tgz"
[ -x node_modules/.bin/wix-events-ls ] || fail "node_modules/.bin/wix-events-ls not installed"
npx() { timeout 120 npm exec --offline --no -- "$@"; }

got=$(npx wix-events-ls version | head -1)
[ "$got" = "wix-events-ls $version" ] || fail "npx wix-events-ls version: $got, want wix-events-ls $version"
pass "npx wix-events-ls version: $got"

(cd "$repo" && go build -o "$work/wix-events-ls" ./cmd/wix-events-ls)
set +e
npx wix-events-ls check . > "$work/npx.txt" 2> "$work/npx.err"; code=$?
"$work/wix-events-ls" check . > "$work/go.txt" 2>/dev/null
set -e
[ "$code" = 1 ] || { cat "$work/npx.txt" "$work/npx.err"; fail "npx wix-events-ls check .: exit $code, want 1 (the sample has errors)"; }
diff -u "$work/go.txt" "$work/npx.txt" || fail "npx wix-events-ls check . differs from the Go build's output"
grep -q '^✖ 22 problems (13 errors, 9 warnings) in 15 files$' "$work/npx.txt" || fail "summary line: $(tail -1 "$work/npx.txt")"
pass "npx wix-events-ls check .: exit 1, $(tail -1 "$work/npx.txt")"

set +e; npx wix-events-ls check . --format xml 2>/dev/null; code=$?; set -e
[ "$code" = 2 ] || fail "a usage error: exit $code, want 2"
set +e; npx wix-events-ls check velo-site/src/backend/receipts.web.js > /dev/null; code=$?; set -e
[ "$code" = 0 ] || fail "a file with a warning only: exit $code, want 0"
pass "exit codes 2 and 0 passed through"

echo "== npm: README recipes through the package"
node -e '
  const fs = require("fs");
  const recipe = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
  pkg.scripts = recipe.scripts;
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));
' "$repo/editors/ci/package.json"
set +e; timeout 120 npm run --silent lint:events > "$work/script.txt" 2>&1; code=$?; set -e
[ "$code" = 1 ] && diff -q "$work/go.txt" "$work/script.txt" >/dev/null || fail "npm run lint:events: exit $code"
pass "npm run lint:events: exit 1, same output"
for wf in "$repo"/editors/ci/*.yml; do
  n=0
  while IFS= read -r line; do
    set +e; (PATH="$proj/node_modules/.bin:$PATH"; timeout 120 sh -c "$line" > "$work/wf.txt" 2>&1); code=$?; set -e
    [ "$code" = 1 ] || { cat "$work/wf.txt"; fail "$(basename "$wf"): '$line': exit $code, want 1"; }
    n=$((n + 1))
    pass "$(basename "$wf"): $line (exit 1)"
  done < <(sed -n 's/^ *- run: \(npx wix-events-ls .*\)$/\1/p' "$wf")
  [ "$n" = 1 ] || fail "$(basename "$wf"): $n wix-events-ls steps, want 1"
done
node -e 'const d = JSON.parse(require("fs").readFileSync("wix-events.sarif", "utf8")); if (d.runs[0].results.length !== 22 || d.runs[0].tool.driver.version !== process.argv[1]) process.exit(1)' "$version" \
  || fail "wix-events.sarif: not 22 results from version $version"
pass "wix-events.sarif: 22 results, driver version $version"

echo "== npm: the launcher passes stdio and signals"
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
initialized='{"jsonrpc":"2.0","method":"initialized","params":{}}'
shutdown='{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
exitmsg='{"jsonrpc":"2.0","method":"exit"}'
frames=$(for m in "$init" "$initialized" "$shutdown" "$exitmsg"; do printf 'Content-Length: %d\r\n\r\n%s' "${#m}" "$m"; done)
set +e; reply=$(printf '%s' "$frames" | timeout 60 node node_modules/.bin/wix-events-ls serve); code=$?; set -e
[ "$code" = 0 ] || fail "LSP session through the launcher: exit $code"
case "$reply" in *'"serverInfo":{"name":"wix-events-ls","version":"'"$version"' '*) ;; *) fail "no serverInfo $version in: ${reply:0:300}" ;; esac
pass "LSP initialize/shutdown/exit through the launcher: serverInfo $version, exit 0"
printf '#!/bin/sh\nkill -TERM $$\n' > "$work/selfkill"; chmod +x "$work/selfkill"
# The launcher must die of the same signal (not merely exit 143): its parent sees the signal.
ended=$(WIX_EVENTS_LS_BINARY_PATH="$work/selfkill" timeout 60 node -e '
  const r = require("child_process").spawnSync(process.execPath, ["node_modules/.bin/wix-events-ls"], { stdio: "ignore" });
  console.log(r.signal || "exit " + r.status)')
[ "$ended" = SIGTERM ] || fail "a binary ended by SIGTERM: the launcher ended with $ended, want SIGTERM"
pass "SIGTERM passed on: the launcher dies of it"
echo "npm: PASS"
