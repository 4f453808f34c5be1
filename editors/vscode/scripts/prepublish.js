#!/usr/bin/env node
// vscode:prepublish — type-check and bundle, unless package-all.js already did.
'use strict';
const cp = require('child_process');
if (process.env.WIX_EVENTS_SKIP_PREPUBLISH === '1') process.exit(0);
for (const script of ['typecheck', 'build']) {
  const r = cp.spawnSync('npm', ['run', '--silent', script], { cwd: require('path').resolve(__dirname, '..'), stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}
