#!/usr/bin/env node
// Keeps the `wixEvents.severity` settings schema in package.json in step with the server's rule
// table (analysis/diagnostic.go `var Rules`), so every rule code shows up with its summary in the
// Settings editor and in settings.json completion.
// Usage: node scripts/rules.js          rewrite package.json
//        node scripts/rules.js --check  exit 1 when package.json is out of date (CI)
'use strict';
const fs = require('fs');
const path = require('path');

const ext = path.resolve(__dirname, '..');
const src = fs.readFileSync(path.join(ext, '..', '..', 'analysis', 'diagnostic.go'), 'utf8');
const table = /var Rules = \[\]Rule\{([\s\S]*?)\n\}/.exec(src);
if (!table) throw new Error('var Rules not found in analysis/diagnostic.go');
const LEVEL = { SevError: 'error', SevWarning: 'warning', SevInfo: 'info', SevHint: 'hint' };
const rules = [...table[1].matchAll(/\{"([a-z0-9-]+)", (Sev\w+), "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\}/g)].map((m) => ({
  code: m[1],
  level: LEVEL[m[2]] || m[2],
  summary: JSON.parse(`"${m[3]}"`),
  help: JSON.parse(`"${m[4]}"`),
}));
if (rules.length === 0) throw new Error('no rules parsed from analysis/diagnostic.go');

const levels = ['off', 'hint', 'info', 'warning', 'error'];
const properties = {};
for (const r of rules) {
  properties[r.code] = {
    type: 'string',
    enum: levels,
    markdownDescription: `**${r.summary}** (default: \`${r.level}\`). ${r.help}`,
  };
}
const pkgPath = path.join(ext, 'package.json');
const before = fs.readFileSync(pkgPath, 'utf8');
const pkg = JSON.parse(before);
pkg.contributes.configuration.properties['wixEvents.severity'].properties = properties;
const after = JSON.stringify(pkg, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('editors/vscode/package.json: wixEvents.severity is out of date with analysis/diagnostic.go; run `node editors/vscode/scripts/rules.js`');
    process.exit(1);
  }
  console.log(`wixEvents.severity schema matches the server's ${rules.length} rules`);
} else {
  fs.writeFileSync(pkgPath, after);
  console.log(`wrote ${rules.length} rules into package.json`);
}
