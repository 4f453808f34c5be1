#!/bin/bash
# Runs every editor e2e check against one server binary and prints one PASS/FAIL line per
# client, then the closing line "N passed, N failed". Exit 1 when any failed.
#
# Env (all optional except the server):
#   WIX_EVENTS_LS_PATH  server binary (required)
#   VSIX                the built extension (code-server check)       default editors/vscode/wix-events-ls.vsix
#   CODE_SERVER         code-server binary                             default .e2e/code-server/bin/code-server
#   E2E_WORK            scratch dir (fixture copies, logs)             default .e2e
#   E2E_ARTIFACTS       logs and screenshots                           default $E2E_WORK/artifacts
#   E2E_ONLY            space-separated subset, e.g. "node neovim"     default: all
#   E2E_EXTRA_CHECKS    more "name|command" lines to run and count the same way (used by .ci/e2e.sh)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
editors=$(cd "$here/.." && pwd)
repo=$(cd "$editors/.." && pwd)
: "${WIX_EVENTS_LS_PATH:?set WIX_EVENTS_LS_PATH to the wix-events-ls binary}"
export WIX_EVENTS_LS_PATH EDITORS_DIR=$editors REPO=$repo
VSIX=${VSIX:-$editors/vscode/wix-events-ls.vsix}
CODE_SERVER=${CODE_SERVER:-$repo/.e2e/code-server/bin/code-server}
E2E_WORK=${E2E_WORK:-$repo/.e2e}
E2E_ARTIFACTS=${E2E_ARTIFACTS:-$E2E_WORK/artifacts}
mkdir -p "$E2E_WORK" "$E2E_ARTIFACTS"

# name|command (run from editors/e2e with FIXTURES set to a fresh copy of editors/testdata)
checks=(
  "node-lsp-client|node lsp_client.js \"\$WIX_EVENTS_LS_PATH\" \"\$FIXTURES\""
  "sample-workspace|rm -rf \"\$FIXTURES\" && cp -r \"\$REPO/testdata/sample\" \"\$FIXTURES\" && node sample_check.js \"\$WIX_EVENTS_LS_PATH\" \"\$FIXTURES\""
  "neovim|timeout 90 nvim --headless -i NONE -n -u nvim_e2e.lua </dev/null"
  "emacs-eglot|timeout 90 emacs --batch -Q -l eglot_e2e.el </dev/null"
  "vim-ale|E2E_LOG=\$E2E_WORK/vim-ale.raw.log ./run_vim_ale.sh"
  "code-server|timeout 600 ./codeserver_e2e.sh \"\$CODE_SERVER\" \"\$VSIX\" \"\$FIXTURES\" \"\$E2E_ARTIFACTS\" \${CS_PORT:-8765}"
)
while IFS= read -r line; do [ -n "$line" ] && checks+=("$line"); done <<<"${E2E_EXTRA_CHECKS:-}"

passed=0 failed=0 summary=()
for entry in "${checks[@]}"; do
  name=${entry%%|*} cmd=${entry#*|}
  if [ -n "${E2E_ONLY:-}" ] && [[ " $E2E_ONLY " != *" $name "* ]]; then continue; fi
  export FIXTURES=$E2E_WORK/fixtures-$name
  rm -rf "$FIXTURES" && cp -r "$editors/testdata" "$FIXTURES"
  log=$E2E_ARTIFACTS/$name.log
  echo "=== $name"
  t0=$(date +%s%N)
  (cd "$here" && eval "$cmd") >"$log" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  # the per-check lines (ok/FAIL) for the CI log; the full output stays in the artifact
  grep -E '^\[ *[0-9]+ ms\]|^(ok|FAIL)|total|installed|output channel' "$log" | sed 's/^/    /' | cut -c1-220
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1)); line=$(printf 'PASS %-16s %7d ms' "$name" "$ms")
  else
    failed=$((failed + 1)); line=$(printf 'FAIL %-16s %7d ms  (rc=%d, log %s)' "$name" "$ms" "$rc" "$log")
    tail -25 "$log" | sed 's/^/    | /'
  fi
  echo "    ($name: rc=$rc, $ms ms)"
  summary+=("$line")
done
echo "--- editors e2e summary (logs and screenshots in $E2E_ARTIFACTS)"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed" | tee "$E2E_ARTIFACTS/summary.txt"
[ $failed -eq 0 ]
