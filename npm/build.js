#!/usr/bin/env node
// Builds the npm packages of wix-events-ls from this repository's Go source
// (the esbuild / Biome layout):
//   <out>/packages/wix-events-ls/            the launcher package (npm/wix-events-ls/)
//   <out>/packages/<platform>/               @wix-events-ls/<platform>: os, cpu, bin/wix-events-ls[.exe]
//   <out>/tarballs/*.tgz                     with --pack: `npm pack` of each
// Each binary is cross-compiled with CGO_ENABLED=0 GOOS/GOARCH and stamped
// with the version (-ldflags -X lsp.Version). The version is the repository's
// VERSION file, or --version / WIX_EVENTS_LS_VERSION for a release.
//
// Usage: node npm/build.js [--out DIR] [--targets linux-x64,darwin-arm64,…] [--version V] [--pack]
// Default DIR: npm/dist (emptied first). Env: GO (default "go").
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const SCOPE = '@wix-events-ls';
// npm's os/cpu names → Go's.
const TARGETS = {
  'linux-x64': { os: 'linux', cpu: 'x64', GOOS: 'linux', GOARCH: 'amd64' },
  'linux-arm64': { os: 'linux', cpu: 'arm64', GOOS: 'linux', GOARCH: 'arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64', GOOS: 'darwin', GOARCH: 'amd64' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64', GOOS: 'darwin', GOARCH: 'arm64' },
  'win32-x64': { os: 'win32', cpu: 'x64', GOOS: 'windows', GOARCH: 'amd64' },
};

function arg(name, def) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
}

function readVersion() {
  const v = arg('--version', process.env.WIX_EVENTS_LS_VERSION || fs.readFileSync(path.join(repo, 'VERSION'), 'utf8').trim());
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(v)) throw new Error(`version ${JSON.stringify(v)} is not semver`);
  return v;
}

function writeJSON(file, obj) {
  fs.writeFileSync(file, JSON.stringify(obj, null, 2) + '\n');
}

function goBuild(t, version, out) {
  const ldflags = `-s -w -X github.com/wix-events-ls/wix-events-ls/lsp.Version=${version}`;
  const r = cp.spawnSync(process.env.GO || 'go', ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', out, './cmd/wix-events-ls'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0', GOOS: t.GOOS, GOARCH: t.GOARCH },
  });
  if (r.status !== 0) throw new Error(`go build for ${t.GOOS}/${t.GOARCH} failed (exit ${r.status})`);
  fs.chmodSync(out, 0o755);
}

function main() {
  const version = readVersion();
  const out = path.resolve(arg('--out', path.join(__dirname, 'dist')));
  const targets = (arg('--targets', '') || Object.keys(TARGETS).join(',')).split(',');
  for (const name of targets) if (!TARGETS[name]) throw new Error(`unknown target ${name}; one of ${Object.keys(TARGETS).join(', ')}`);
  fs.rmSync(out, { recursive: true, force: true });
  const pkgs = path.join(out, 'packages');
  const main = JSON.parse(fs.readFileSync(path.join(__dirname, 'wix-events-ls', 'package.json'), 'utf8'));
  const dirs = [];

  for (const name of targets) {
    const t = TARGETS[name];
    const dir = path.join(pkgs, name);
    const exe = t.os === 'win32' ? 'wix-events-ls.exe' : 'wix-events-ls';
    fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
    const t0 = Date.now();
    goBuild(t, version, path.join(dir, 'bin', exe));
    writeJSON(path.join(dir, 'package.json'), {
      name: `${SCOPE}/${name}`,
      version,
      description: `The ${t.GOOS}/${t.GOARCH} binary of wix-events-ls (installed by the wix-events-ls package).`,
      homepage: main.homepage,
      repository: { ...main.repository, directory: 'npm' },
      os: [t.os],
      cpu: [t.cpu],
      files: [`bin/${exe}`],
      preferUnplugged: true,
    });
    fs.writeFileSync(path.join(dir, 'README.md'),
      `# ${SCOPE}/${name}\n\nThe ${t.GOOS}/${t.GOARCH} binary of [wix-events-ls](https://www.npmjs.com/package/wix-events-ls). ` +
      'Install `wix-events-ls`, which picks the package of your platform.\n');
    const mb = (fs.statSync(path.join(dir, 'bin', exe)).size / 1048576).toFixed(1);
    console.log(`built ${SCOPE}/${name}@${version} (${t.GOOS}/${t.GOARCH}, ${mb} MiB) in ${Date.now() - t0} ms`);
    dirs.push(dir);
  }

  // The launcher package: every platform pinned to this exact version.
  const mainDir = path.join(pkgs, 'wix-events-ls');
  fs.mkdirSync(path.join(mainDir, 'bin'), { recursive: true });
  for (const f of ['README.md', 'bin/wix-events-ls.js']) fs.copyFileSync(path.join(__dirname, 'wix-events-ls', f), path.join(mainDir, f));
  fs.chmodSync(path.join(mainDir, 'bin', 'wix-events-ls.js'), 0o755);
  main.version = version;
  main.optionalDependencies = Object.fromEntries(Object.keys(TARGETS).sort().map((n) => [`${SCOPE}/${n}`, version]));
  writeJSON(path.join(mainDir, 'package.json'), main);
  dirs.push(mainDir);
  console.log(`staged wix-events-ls@${version} in ${path.relative(process.cwd(), pkgs) || '.'}`);

  if (process.argv.includes('--pack')) {
    const tarballs = path.join(out, 'tarballs');
    fs.mkdirSync(tarballs, { recursive: true });
    for (const dir of dirs) {
      const r = cp.spawnSync('npm', ['pack', '--silent', '--pack-destination', tarballs], { cwd: dir, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm pack in ${dir} failed:\n${r.stderr}`);
      console.log(`packed ${path.join(path.relative(process.cwd(), tarballs), r.stdout.trim())}`);
    }
  }
}

module.exports = { TARGETS, SCOPE };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`npm/build.js: ${e.message || e}`);
    process.exit(1);
  }
}
