#!/usr/bin/env node
// Protocol-level e2e check of wix-events-ls with the client library VS Code uses
// (vscode-languageserver-protocol / vscode-jsonrpc), no editor UI.
//
// Usage: node lsp_client.js SERVER_BIN FIXTURES_DIR
//   FIXTURES_DIR is a scratch copy of editors/testdata (velo-site/, cli-app/).
// Exit 0 when every check passed; prints one line per check.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const P = require('vscode-languageserver-protocol/node');

const serverBin = process.argv[2] || process.env.WIX_EVENTS_LS_PATH;
const fixtures = path.resolve(process.argv[3] || path.join(__dirname, '..', 'testdata'));
if (!serverBin) {
  console.error('usage: node lsp_client.js SERVER_BIN FIXTURES_DIR');
  process.exit(2);
}
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const t0 = Date.now();
const log = (m) => console.log(`[${String(Date.now() - t0).padStart(5)} ms] ${m}`);
let failures = 0;
function check(ok, what, detail) {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures++;
  return ok;
}
const timer = setTimeout(() => {
  log('FAIL: global timeout (60 s)');
  process.exit(1);
}, 60000);

/** 0-based position of `needle` in `text` (UTF-16 columns; fixtures are ASCII); a RegExp matches whole lines. */
function positionOf(text, needle, offset = 0) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const c = needle instanceof RegExp ? (needle.test(lines[i]) ? 0 : -1) : lines[i].indexOf(needle);
    if (c >= 0) return { line: i, character: c + offset };
  }
  throw new Error(`${needle} not in fixture`);
}

function hoverText(h) {
  if (!h || !h.contents) return '';
  const c = h.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value || '';
}

function applyTextEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

/** Text edits for `uri` from a WorkspaceEdit in either shape. */
function editsFor(edit, uri) {
  const out = [];
  if (edit.changes && edit.changes[uri]) out.push(...edit.changes[uri]);
  for (const dc of edit.documentChanges || []) if (dc.textDocument && dc.textDocument.uri === uri) out.push(...dc.edits);
  return out;
}

(async () => {
  const child = cp.spawn(serverBin, ['serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.on('error', (e) => {
    log('FAIL: spawn: ' + e.message);
    process.exit(1);
  });
  const conn = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));

  const diagnostics = new Map();
  const waiters = [];
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) w();
  });
  const waitDiag = (uri, pred, ms) =>
    new Promise((resolve) => {
      const done = () => {
        const d = diagnostics.get(uri);
        if (d && pred(d)) {
          clearTimeout(to);
          waiters.splice(waiters.indexOf(done), 1);
          resolve(d);
        }
      };
      const to = setTimeout(() => {
        waiters.splice(waiters.indexOf(done), 1);
        resolve(diagnostics.get(uri) || null);
      }, ms);
      waiters.push(done);
      done();
    });
  const statuses = [];
  conn.onNotification('wixEvents/status', (p) => statuses.push(p));
  conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  conn.onRequest(P.ConfigurationRequest.type, (p) => p.items.map(() => ({ severity: {}, catalog: {}, ignore: [] })));
  conn.onRequest(P.RegistrationRequest.type, () => null);
  conn.onRequest(P.ApplyWorkspaceEditRequest.type, () => ({ applied: true }));
  conn.onNotification(P.LogMessageNotification.type, () => {});
  conn.onNotification(P.ShowMessageNotification.type, (p) => log(`server says: ${p.message}`));
  conn.listen();

  const folders = ['velo-site', 'cli-app'].map((f) => ({ uri: pathToFileURL(path.join(fixtures, f)).href, name: f }));
  const init = await conn.sendRequest(P.InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: 'e2e-node-client', version: '1' },
    rootUri: folders[0].uri,
    workspaceFolders: folders,
    initializationOptions: { severity: {}, catalog: {}, ignore: [] },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { didSave: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } }, resolveSupport: { properties: ['edit'] } },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
      },
    },
  });
  const caps = init.capabilities;
  check(init.serverInfo && init.serverInfo.name === 'wix-events-ls', 'serverInfo', JSON.stringify(init.serverInfo));
  check(!!caps.completionProvider && !!caps.hoverProvider && !!caps.codeActionProvider, 'capabilities: completion, hover, codeAction');
  const cmds = (caps.executeCommandProvider && caps.executeCommandProvider.commands) || [];
  check(cmds.includes('wixEvents.newEventExtension') && cmds.includes('wixEvents.listSdkEvents'), 'executeCommand commands', cmds.join(', '));
  await conn.sendNotification(P.InitializedNotification.type, {});

  // --- Velo site: events.js
  const eventsPath = path.join(fixtures, 'velo-site', 'src', 'backend', 'events.js');
  const eventsUri = pathToFileURL(eventsPath).href;
  const eventsText = fs.readFileSync(eventsPath, 'utf8');
  await conn.sendNotification(P.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: eventsUri, languageId: 'javascript', version: 1, text: eventsText },
  });
  const typo = positionOf(eventsText, 'wixBiling_onInvoicePaid');
  const d = await waitDiag(eventsUri, (ds) => ds.some((x) => x.code === 'unknown-handler'), 15000);
  const uh = (d || []).find((x) => x.code === 'unknown-handler');
  if (check(!!uh, 'diagnostic unknown-handler', uh ? `${uh.range.start.line}:${uh.range.start.character} sev ${uh.severity} "${uh.message}"` : JSON.stringify(d))) {
    check(uh.source === 'wix-events', 'diagnostic source wix-events', uh.source);
    check(uh.severity === 2, 'unknown-handler is a warning by default', `severity ${uh.severity}`);
    check(uh.range.start.line === typo.line, 'diagnostic on the misspelled handler line', `line ${uh.range.start.line}`);
    check(/wixBilling_onInvoicePaid/.test(uh.message), 'diagnostic suggests wixBilling_onInvoicePaid');
  }

  const partial = positionOf(eventsText, /^export function wixBil\s*$/, 'export function wixBil'.length);
  const comp = await conn.sendRequest(P.CompletionRequest.type, { textDocument: { uri: eventsUri }, position: partial });
  const items = comp ? (Array.isArray(comp) ? comp : comp.items) : [];
  const item = items.find((i) => i.label === 'wixBilling_onInvoicePaid');
  check(!!item, 'completion wixBilling_onInvoicePaid', `${items.length} items: ${items.slice(0, 5).map((i) => i.label).join(', ')}`);
  if (item) {
    let resolved = item;
    if (!/wix-billing-backend/.test(JSON.stringify(item)) && caps.completionProvider.resolveProvider) {
      resolved = await conn.sendRequest(P.CompletionResolveRequest.type, item);
    }
    check(/wix-billing-backend/.test(`${resolved.detail || ''} ${JSON.stringify(resolved.documentation || '')}`), 'completion detail mentions wix-billing-backend', resolved.detail);
  }

  const hoverPos = positionOf(eventsText, 'wixMediaManager_onFileUploaded', 5);
  const hover = await conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: eventsUri }, position: hoverPos });
  const ht = hoverText(hover);
  check(/onFileUploaded/.test(ht) && /wix-media-backend/.test(ht), 'hover mentions onFileUploaded and wix-media-backend', ht.replace(/\s+/g, ' ').slice(0, 160));

  // --- CLI app: placeholder extension id and its quick fix
  const extPath = path.join(fixtures, 'cli-app', 'src', 'extensions', 'backend', 'events', 'contact-created', 'contact-created.extension.ts');
  const extUri = pathToFileURL(extPath).href;
  const extText = fs.readFileSync(extPath, 'utf8');
  await conn.sendNotification(P.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: extUri, languageId: 'typescript', version: 1, text: extText },
  });
  const d2 = await waitDiag(extUri, (ds) => ds.some((x) => x.code === 'invalid-extension-id'), 15000);
  const bad = (d2 || []).find((x) => x.code === 'invalid-extension-id');
  if (check(!!bad, 'diagnostic invalid-extension-id', bad ? `sev ${bad.severity} "${bad.message}"` : JSON.stringify(d2))) {
    const actions = (await conn.sendRequest(P.CodeActionRequest.type, {
      textDocument: { uri: extUri },
      range: bad.range,
      context: { diagnostics: [bad], only: ['quickfix'], triggerKind: 1 },
    })) || [];
    let fix = actions.find((a) => /^Generate a fresh UUID/.test(a.title));
    check(!!fix && fix.kind === 'quickfix', 'quick fix "Generate a fresh UUID…"', actions.map((a) => `${a.title} [${a.kind}]`).join('; '));
    if (fix && !fix.edit && caps.codeActionProvider.resolveProvider) fix = await conn.sendRequest(P.CodeActionResolveRequest.type, fix);
    if (fix && fix.edit) {
      const after = applyTextEdits(extText, editsFor(fix.edit, extUri));
      const m = /id:\s*'([^']*)'/.exec(after);
      check(!!m && UUID_V4.test(m[1]), 'quick fix writes a v4 UUID', m ? m[1] : after);
    } else if (fix) {
      check(false, 'quick fix carries an edit', JSON.stringify(fix));
    }
  }

  // --- Commands behind "New Event Extension"
  const events = await conn.sendRequest(P.ExecuteCommandRequest.type, { command: 'wixEvents.listSdkEvents', arguments: [] }).catch((e) => e);
  const ok = Array.isArray(events) && events.some((e) => e.package === '@wix/crm' && e.namespace === 'contacts' && e.export === 'onContactCreated');
  check(ok, 'wixEvents.listSdkEvents has @wix/crm contacts.onContactCreated', Array.isArray(events) ? `${events.length} events` : String(events && events.message));
  const edit = await conn
    .sendRequest(P.ExecuteCommandRequest.type, {
      command: 'wixEvents.newEventExtension',
      arguments: [{ package: '@wix/crm', namespace: 'contacts', export: 'onContactUpdated', folder: 'contact-updated', root: folders[1].uri }],
    })
    .catch((e) => e);
  const uris = edit && !(edit instanceof Error)
    ? [...Object.keys(edit.changes || {}), ...(edit.documentChanges || []).map((c) => c.uri || (c.textDocument && c.textDocument.uri))]
    : [];
  check(
    uris.some((u) => /contact-updated\/contact-updated\.extension\.ts$/.test(u)) && uris.some((u) => /contact-updated\/contact-updated\.ts$/.test(u)) && uris.some((u) => /src\/extensions\.ts$/.test(u)),
    'wixEvents.newEventExtension edit creates builder + handler and updates src/extensions.ts',
    edit instanceof Error ? edit.message : [...new Set(uris)].map((u) => u.slice(folders[1].uri.length)).join(', '),
  );

  check(statuses.length > 0 && typeof statuses[statuses.length - 1].catalogVersion === 'string', 'wixEvents/status notification', JSON.stringify(statuses[statuses.length - 1]));

  await conn.sendRequest(P.ShutdownRequest.type);
  await conn.sendNotification(P.ExitNotification.type);
  const code = await new Promise((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    child.on('exit', r);
    setTimeout(() => r('still running after 5 s'), 5000);
  });
  check(code === 0, 'server exits 0 after shutdown/exit', String(code));
  if (failures && stderr) log('server stderr (tail):\n' + stderr.split('\n').slice(-20).join('\n'));
  clearTimeout(timer);
  log(failures ? `FAIL: ${failures} check(s) failed` : 'PASS');
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  log('FAIL: ' + (e.stack || e));
  process.exit(1);
});
