#!/usr/bin/env node
// Builds one VSIX per platform, each with its cross-compiled server in bin/:
//   vsix/wix-events-ls-<target>.vsix   (vsce package --target <target>)
// Usage: node scripts/package-all.js [target ...]   (default: all five)
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { TARGETS, build } = require('./build-server');

const ext = path.resolve(__dirname, '..');
const targets = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TARGETS);
const vsce = path.join(ext, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
const outDir = path.join(ext, 'vsix');
fs.mkdirSync(outDir, { recursive: true });

// Type-check and bundle once, not once per target.
for (const script of ['typecheck', 'build']) {
  const r = cp.spawnSync('npm', ['run', '--silent', script], { cwd: ext, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}
let failed = 0;
for (const target of targets) {
  const t0 = Date.now();
  try {
    build(target);
  } catch (e) {
    console.error(String(e.message || e));
    failed++;
    continue;
  }
  const out = path.join(outDir, `wix-events-ls-${target}.vsix`);
  const r = cp.spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--target', target, '-o', out], {
    cwd: ext,
    stdio: 'inherit',
    env: { ...process.env, WIX_EVENTS_SKIP_PREPUBLISH: '1' },
  });
  if (r.status !== 0) {
    failed++;
    continue;
  }
  console.log(`${target}: ${path.relative(ext, out)} ${(fs.statSync(out).size / 1048576).toFixed(1)} MiB in ${Date.now() - t0} ms`);
}
// Leave bin/ with the current platform's server, as `npm run package` does.
try {
  build(`${process.platform}-${process.arch}`);
} catch {
  /* no server for this platform: fine for packaging */
}
process.exit(failed ? 1 : 0);
