#!/bin/bash
# Browser VS Code e2e: code-server + the built VSIX + headless Chromium (playwright-core).
# Usage: codeserver_e2e.sh CODE_SERVER_BIN VSIX FIXTURES_DIR ARTIFACTS_DIR [PORT]
# Installs the VSIX into a fresh user-data/extensions dir, starts code-server on 127.0.0.1
# (no auth), runs vscode_ui.js, then kills code-server's whole process group.
# Exit code = vscode_ui.js's (0 = every check passed).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CS_BIN=$1 VSIX=$2 FIXTURES=$3 ARTIFACTS=$4 PORT=${5:-8765}
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/vscode-*.png "$ARTIFACTS"/fail-*.png "$ARTIFACTS/vscode-wix-events-output.log"
STATE=$(mktemp -d "${TMPDIR:-/tmp}/wels-cs.XXXX")
[ "${E2E_KEEP_STATE:-}" = 1 ] || trap 'rm -rf "$STATE"' EXIT
export XDG_CONFIG_HOME=$STATE/xdg-config XDG_DATA_HOME=$STATE/xdg-data   # keep code-server out of ~/.config
mkdir -p "$STATE/user/User"
cat > "$STATE/user/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off", "security.workspace.trust.enabled": false,
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "chat.commandCenter.enabled": false, "workbench.secondarySideBar.defaultVisibility": "hidden",
  "files.autoSave": "off", "wixEvents.trace.server": "verbose",
  "git.openRepositoryInParentFolders": "never",
  "wixEvents.severity": { "unknown-handler": "error" } }
JSON
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$STATE/config.yaml"
CS=("$CS_BIN" --config "$STATE/config.yaml" --user-data-dir "$STATE/user" --extensions-dir "$STATE/ext")
t0=$(date +%s%N)
"${CS[@]}" --install-extension "$VSIX" >"$STATE/install.log" 2>&1 || { cat "$STATE/install.log"; echo "FAIL: --install-extension"; exit 2; }
grep -h "successfully installed\|was successfully" "$STATE/install.log" | head -1
# The extension must run the server bundled in the VSIX (bin/wix-events-ls, exec bit restored at
# activation), not one from the environment: the e2e of the other clients exports WIX_EVENTS_LS_PATH.
unset WIX_EVENTS_LS_PATH
# Own process group, so the cleanup also gets the file watcher, extension hosts and language servers.
setsid "${CS[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  > "$STATE/code-server.log" 2>&1 &
CS_PID=$!
cleanup() {
  kill -- -"$CS_PID" 2>/dev/null; wait "$CS_PID" 2>/dev/null
  [ "${E2E_KEEP_STATE:-}" = 1 ] || rm -rf "$STATE"   # E2E_KEEP_STATE=1 keeps user data and logs for debugging
}
trap cleanup EXIT
up=0
for _ in $(seq 1 150); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && { up=1; break; }
  sleep 0.2
done
[ $up = 1 ] || { cat "$STATE/code-server.log"; echo "FAIL: code-server did not come up"; exit 2; }
echo "code-server up after $(( ($(date +%s%N) - t0) / 1000000 )) ms (state $STATE)"
node "$here/vscode_ui.js" "http://127.0.0.1:$PORT" "$FIXTURES" "$ARTIFACTS"
rc=$?
# The extension's output channel (with the LSP trace) as an artifact, and its tail on failure.
find "$STATE/user/logs" -name '*Wix Events*.log' -exec cat {} + > "$ARTIFACTS/vscode-wix-events-output.log" 2>/dev/null
# The restart command (run in the velo-site window) must have started a second server there:
# velo-site start + restart + cli-app start = at least 3 "Server … started" lines.
starts=$(grep -c 'Server wix-events-ls .* started' "$ARTIFACTS/vscode-wix-events-output.log" 2>/dev/null || true)
restarts=$(grep -c 'Restarting the server' "$ARTIFACTS/vscode-wix-events-output.log" 2>/dev/null || true)
bundled=$(grep -c "^Starting $STATE/ext/[^ ]*/bin/wix-events-ls serve" "$ARTIFACTS/vscode-wix-events-output.log" 2>/dev/null || true)
echo "output channel: ${starts:-0} server starts (${bundled:-0} of the bundled binary), ${restarts:-0} restarts"
if [ $rc -eq 0 ] && { [ "${starts:-0}" -lt 3 ] || [ "${restarts:-0}" -lt 1 ] || [ "${bundled:-0}" -lt 3 ]; }; then
  echo "FAIL: expected >= 3 starts of the VSIX's bundled server and a restart in the Wix Events output"
  rc=1
fi
if [ $rc -ne 0 ]; then
  echo "--- Wix Events output (tail)"; tail -40 "$ARTIFACTS/vscode-wix-events-output.log"
  echo "--- code-server log (tail)"; tail -20 "$STATE/code-server.log"
fi
echo "code-server e2e total $(( ($(date +%s%N) - t0) / 1000000 )) ms, rc=$rc"
exit $rc
