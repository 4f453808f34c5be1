#!/usr/bin/env node
// The shared sample workspace (testdata/sample, owned by the server's tests) seen through the
// Node LSP client: its Velo site's misspelled handler gets an unknown-handler warning suggesting
// the right wixBilling_ handler, and its CLI app's placeholder id gets invalid-extension-id with a
// working "Generate a fresh UUID" quick fix. Deliberately loose about the sample's other content.
// Usage: node sample_check.js SERVER_BIN SAMPLE_COPY_DIR      (exit 0 = both seen)
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const P = require('vscode-languageserver-protocol/node');

const [serverBin, sampleDir] = process.argv.slice(2);
if (!serverBin || !sampleDir) {
  console.error('usage: node sample_check.js SERVER_BIN SAMPLE_COPY_DIR');
  process.exit(2);
}
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const t0 = Date.now();
const log = (m) => console.log(`[${String(Date.now() - t0).padStart(5)} ms] ${m}`);
let failures = 0;
const check = (ok, what, detail) => {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures++;
};
setTimeout(() => { log('FAIL: global timeout (60 s)'); process.exit(1); }, 60000).unref();

(async () => {
  const child = cp.spawn(serverBin, ['serve'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
  const diags = new Map();
  const waiters = new Set();
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => { diags.set(p.uri, p.diagnostics); waiters.forEach((w) => w()); });
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest(P.ConfigurationRequest.type, (p) => p.items.map(() => null));
  conn.onRequest(P.RegistrationRequest.type, () => null);
  conn.listen();
  const waitDiag = (uri, pred) => new Promise((resolve) => {
    const done = () => { const d = (diags.get(uri) || []).find(pred); if (d) { waiters.delete(done); resolve(d); } };
    waiters.add(done);
    setTimeout(() => { waiters.delete(done); resolve(null); }, 15000);
    done();
  });
  const folders = ['velo-site', 'cli-app'].map((f) => ({ uri: pathToFileURL(path.join(sampleDir, f)).href, name: f }));
  await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid, rootUri: folders[0].uri, workspaceFolders: folders,
    capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } }, window: { workDoneProgress: true } },
  });
  await conn.sendNotification(P.InitializedNotification.type, {});
  const open = async (rel, languageId) => {
    const file = path.join(sampleDir, rel);
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return { uri, text };
  };

  const ev = await open('velo-site/src/backend/events.js', 'javascript');
  const uh = await waitDiag(ev.uri, (d) => d.code === 'unknown-handler' && /did you mean wixBilling_/.test(d.message));
  check(!!uh, 'sample velo-site: unknown-handler suggesting a wixBilling_ handler', uh && uh.message);

  const ext = await open('cli-app/src/extensions/backend/events/contact-created/contact-created.extension.ts', 'typescript');
  const bad = await waitDiag(ext.uri, (d) => d.code === 'invalid-extension-id');
  check(!!bad, 'sample cli-app: invalid-extension-id on contact-created', bad && bad.message);
  if (bad) {
    const actions = (await conn.sendRequest(P.CodeActionRequest.type, {
      textDocument: { uri: ext.uri }, range: bad.range, context: { diagnostics: [bad], only: ['quickfix'] },
    })) || [];
    const fix = actions.find((a) => /^Generate a fresh UUID/.test(a.title));
    const edits = fix && fix.edit ? [...((fix.edit.changes || {})[ext.uri] || []),
      ...(fix.edit.documentChanges || []).filter((c) => c.textDocument && c.textDocument.uri === ext.uri).flatMap((c) => c.edits)] : [];
    const newText = edits.map((e) => e.newText.replace(/['"]/g, '')).find((t) => UUID_V4.test(t));
    check(!!newText, 'sample cli-app: "Generate a fresh UUID" quick fix inserts a v4 UUID', fix ? `${fix.title} → ${newText}` : actions.map((a) => a.title).join('; '));
  }
  await conn.sendRequest(P.ShutdownRequest.type);
  await conn.sendNotification(P.ExitNotification.type);
  log(failures ? `FAIL: ${failures} check(s) failed` : 'PASS');
  process.exit(failures ? 1 : 0);
})().catch((e) => { log('FAIL: ' + (e.stack || e)); process.exit(1); });
