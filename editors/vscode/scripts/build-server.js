#!/usr/bin/env node
// Cross-compiles the language server into bin/ for one VS Code platform target.
// Usage: node scripts/build-server.js [--target linux-x64|linux-arm64|darwin-x64|darwin-arm64|win32-x64] [--out DIR]
// Default target: the current platform; default DIR: bin/ (emptied first).
// Env: GO (go binary, default "go"), WIX_EVENTS_LS_VERSION (stamps the server's version).
// The flags (-trimpath -ldflags=-s -w) are fixed so that a build elsewhere with the same flags
// (e.g. .ci/e2e.sh warming the cross-compile cache) makes this one a cache hit.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');

const TARGETS = {
  'linux-x64': { GOOS: 'linux', GOARCH: 'amd64' },
  'linux-arm64': { GOOS: 'linux', GOARCH: 'arm64' },
  'darwin-x64': { GOOS: 'darwin', GOARCH: 'amd64' },
  'darwin-arm64': { GOOS: 'darwin', GOARCH: 'arm64' },
  'win32-x64': { GOOS: 'windows', GOARCH: 'amd64' },
};

function currentTarget() {
  return `${process.platform}-${process.arch}`;
}

function build(target, outDir) {
  const t = TARGETS[target];
  if (!t) throw new Error(`unknown target ${target}; one of ${Object.keys(TARGETS).join(', ')}`);
  const ext = path.resolve(__dirname, '..');
  const repo = path.resolve(ext, '..', '..');
  const binDir = outDir ? path.resolve(outDir) : path.join(ext, 'bin');
  if (!outDir) fs.rmSync(binDir, { recursive: true, force: true });
  fs.mkdirSync(binDir, { recursive: true });
  const out = path.join(binDir, t.GOOS === 'windows' ? 'wix-events-ls.exe' : 'wix-events-ls');
  const t0 = Date.now();
  // Unstamped, the server reports lsp.Version's default, which a test keeps equal to the repository's
  // VERSION (and to this extension's package.json version). Release builds may stamp another:
  // WIX_EVENTS_LS_VERSION=1.2.3 (as npm/build.js does).
  let ldflags = '-s -w';
  if (process.env.WIX_EVENTS_LS_VERSION) {
    ldflags += ` -X github.com/wix-events-ls/wix-events-ls/lsp.Version=${process.env.WIX_EVENTS_LS_VERSION}`;
  }
  const r = cp.spawnSync(
    process.env.GO || 'go',
    ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', out, './cmd/wix-events-ls'],
    { cwd: repo, stdio: 'inherit', env: { ...process.env, CGO_ENABLED: '0', GOOS: t.GOOS, GOARCH: t.GOARCH } },
  );
  if (r.status !== 0) throw new Error(`go build for ${target} failed (exit ${r.status})`);
  fs.chmodSync(out, 0o755);
  const mb = (fs.statSync(out).size / 1048576).toFixed(1);
  console.log(`built ${outDir ? out : path.relative(ext, out)} for ${target} (${t.GOOS}/${t.GOARCH}, ${mb} MiB) in ${Date.now() - t0} ms`);
  return out;
}

module.exports = { TARGETS, build, currentTarget };

if (require.main === module) {
  const i = process.argv.indexOf('--target');
  const target = i > 0 ? process.argv[i + 1] : currentTarget();
  const o = process.argv.indexOf('--out');
  try {
    build(target, o > 0 ? process.argv[o + 1] : undefined);
  } catch (e) {
    console.error(String(e.message || e));
    process.exit(1);
  }
}
