#!/usr/bin/env node
// Runs the wix-events-ls binary of this platform's package
// (@wix-events-ls/<platform>-<arch>, an optionalDependency that npm installs
// only where its os/cpu match), with stdio inherited: the language server on
// stdio and `check` both work through it. Its exit code, or the signal
// that ended it, is passed on. Nothing is downloaded, here or at install.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');

const PLATFORMS = {
  'linux x64': '@wix-events-ls/linux-x64',
  'linux arm64': '@wix-events-ls/linux-arm64',
  'darwin x64': '@wix-events-ls/darwin-x64',
  'darwin arm64': '@wix-events-ls/darwin-arm64',
  'win32 x64': '@wix-events-ls/win32-x64',
};

function fail(msg) {
  process.stderr.write(`wix-events-ls: ${msg}\n`);
  process.exit(2);
}

function binaryPath() {
  // An explicit binary (a local build), as ESBUILD_BINARY_PATH does for esbuild.
  if (process.env.WIX_EVENTS_LS_BINARY_PATH) return process.env.WIX_EVENTS_LS_BINARY_PATH;
  const key = `${process.platform} ${process.arch}`;
  const pkg = PLATFORMS[key];
  if (!pkg) {
    fail(`no binary for ${process.platform}-${process.arch}; supported: ${Object.keys(PLATFORMS).join(', ')}. ` +
      'Build one with `go build ./cmd/wix-events-ls` and set WIX_EVENTS_LS_BINARY_PATH.');
  }
  const exe = process.platform === 'win32' ? 'wix-events-ls.exe' : 'wix-events-ls';
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    fail(`the package ${pkg} (this platform's binary) is not installed. npm installs it with wix-events-ls ` +
      'through optionalDependencies: reinstall without --omit=optional / --no-optional ' +
      `(or add ${pkg} to your devDependencies).`);
  }
}

function run(bin) {
  return spawnSync(bin, process.argv.slice(2), { stdio: 'inherit', windowsHide: true });
}

const bin = binaryPath();
let r = run(bin);
if (r.error && r.error.code === 'EACCES' && process.platform !== 'win32') {
  // A package manager that dropped the executable bit: restore it once.
  try {
    fs.chmodSync(bin, 0o755);
    r = run(bin);
  } catch {
    /* reported below */
  }
}
if (r.error) fail(`cannot run ${bin}: ${r.error.message}`);
if (r.signal) {
  // End the same way the binary did, so a caller sees the signal.
  process.kill(process.pid, r.signal);
  // Signals Node cannot die of (ignored ones): the shell's convention.
  const n = require('os').constants.signals[r.signal] || 0;
  process.exit(128 + n);
}
process.exit(r.status === null ? 1 : r.status);
