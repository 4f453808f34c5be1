#!/usr/bin/env node
// Checks built VSIXs: each holds dist/extension.js and a server binary for its target platform
// (ELF/Mach-O/PE header with the right CPU), and its manifest names that target.
// Usage: node scripts/check-vsix.js FILE.vsix[:TARGET] ...   (TARGET read from the file name
//        wix-events-ls-<target>.vsix when omitted; a plain wix-events-ls.vsix means this machine's)
'use strict';
const yauzl = require('yauzl');

const CPU = {
  'linux-x64': { fmt: 'elf', cpu: 0x3e }, 'linux-arm64': { fmt: 'elf', cpu: 0xb7 },
  'darwin-x64': { fmt: 'macho', cpu: 0x01000007 }, 'darwin-arm64': { fmt: 'macho', cpu: 0x0100000c },
  'win32-x64': { fmt: 'pe', cpu: 0x8664 },
};

function entries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map();
      zip.on('entry', (e) => {
        if (!/^extension\/bin\/|extension\.vsixmanifest$/.test(e.fileName)) {
          out.set(e.fileName, null);
          return zip.readEntry();
        }
        zip.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const chunks = [];
          let n = 0;
          s.on('data', (c) => { if (n < 65536) { chunks.push(c); n += c.length; } });
          s.on('end', () => { out.set(e.fileName, Buffer.concat(chunks)); zip.readEntry(); });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

function binaryKind(b) {
  if (b.readUInt32BE(0) === 0x7f454c46) return { fmt: 'elf', cpu: b.readUInt16LE(18) };
  if (b.readUInt32LE(0) === 0xfeedfacf) return { fmt: 'macho', cpu: b.readUInt32LE(4) };
  if (b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    return { fmt: 'pe', cpu: b.readUInt16LE(pe + 4) };
  }
  return { fmt: 'unknown', cpu: 0 };
}

(async () => {
  let bad = 0;
  for (const arg of process.argv.slice(2)) {
    const [file, t] = arg.split(':');
    const m = /wix-events-ls-([a-z0-9]+-[a-z0-9]+)\.vsix$/.exec(file);
    const target = t || (m && m[1]) || `${process.platform}-${process.arch}`;
    const want = CPU[target];
    const problems = [];
    const es = await entries(file);
    if (!es.has('extension/dist/extension.js')) problems.push('no dist/extension.js');
    const exe = target.startsWith('win32') ? 'extension/bin/wix-events-ls.exe' : 'extension/bin/wix-events-ls';
    const bin = es.get(exe);
    if (!bin) problems.push(`no ${exe}`);
    else {
      const k = binaryKind(bin);
      if (k.fmt !== want.fmt || k.cpu !== want.cpu) problems.push(`${exe} is ${k.fmt}/0x${k.cpu.toString(16)}, want ${want.fmt}/0x${want.cpu.toString(16)}`);
    }
    const manifest = (es.get('extension.vsixmanifest') || '').toString();
    if (t === undefined && m && !manifest.includes(`TargetPlatform="${target}"`)) problems.push(`manifest lacks TargetPlatform="${target}"`);
    const others = [...es.keys()].filter((f) => f.startsWith('extension/bin/') && f !== exe);
    if (others.length) problems.push(`extra binaries: ${others.join(', ')}`);
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${file} (${target})${problems.length ? ': ' + problems.join('; ') : ''}`);
    bad += problems.length ? 1 : 0;
  }
  process.exit(bad ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
