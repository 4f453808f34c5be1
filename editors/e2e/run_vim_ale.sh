#!/bin/bash
# Headless Vim 9 + ALE check; exit code = vim's. Env: WIX_EVENTS_LS_PATH, FIXTURES, EDITORS_DIR.
here=$(cd "$(dirname "$0")" && pwd)
export E2E_LOG=${E2E_LOG:-$(mktemp)}
rm -f "$E2E_LOG"
timeout 90 vim -N -u NONE -i NONE -n -es -S "$here/ale_e2e.vim" </dev/null
rc=$?
cat "$E2E_LOG" 2>/dev/null
[ $rc -eq 124 ] && echo "FAIL: vim timed out"
exit $rc
