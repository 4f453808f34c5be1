#!/usr/bin/env node
// Drives browser VS Code (code-server) with headless Chromium + playwright-core, with the
// wix-events-ls VSIX installed, through what a user does:
//   Velo site:  status bar shows the catalog version; the unknown-handler diagnostic is in the
//               Problems panel; Ctrl+Space completion of a handler name is accepted; a hover is read.
//   Code lenses above a handler and a builder; the accepted completion writes the signature.
//   CLI app:    the placeholder id gets its "Generate a fresh UUID" quick fix (file on disk now
//               holds a v4 UUID); "Wix Events: New Event Extension…" scaffolds a new extension.
// Usage: node vscode_ui.js BASE_URL FIXTURES_DIR SHOTS_DIR      (exit 0 = every check passed)
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const base = process.argv[2] || 'http://127.0.0.1:8765';
const fixtures = path.resolve(process.argv[3] || '.');
const shots = path.resolve(process.argv[4] || '.');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
fs.mkdirSync(shots, { recursive: true });
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const t0 = Date.now();
const log = (m) => console.log(`[${String(Date.now() - t0).padStart(6)} ms] ${m}`);
let failures = 0;
let page;
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();

async function step(name, fn) {
  try {
    const detail = await fn();
    log(`ok   ${name}${detail ? ': ' + oneLine(detail).slice(0, 200) : ''}`);
    return true;
  } catch (e) {
    failures++;
    log(`FAIL ${name}: ${oneLine(e.message.split('\n')[0])}`);
    const file = path.join(shots, `fail-${failures}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file }).catch(() => {});
    log(`     screenshot ${file}`);
    return false;
  }
}
const shot = (name) => page.screenshot({ path: path.join(shots, name) });

function lineOf(file, needle) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => (needle instanceof RegExp ? needle.test(l) : l.includes(needle)));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return { line: i + 1, col: needle instanceof RegExp ? 1 : lines[i].indexOf(needle) + 1 };
}

async function waitFor(pred, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function openWorkspace(folder) {
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 60000 }).catch(() => {});
  await page.waitForTimeout(1000);
}

/** Presses `keys` and waits until the quick input (palette, quick open, go to line) has the focus. */
async function openQuickInput(keys) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(keys);
    const ok = await page
      .waitForFunction(() => !!document.activeElement && !!document.activeElement.closest('.quick-input-widget'), null, { timeout: 5000 })
      .then(() => true, () => false);
    if (ok) return;
    await page.keyboard.press('Escape');
    await focusEditor().catch(() => {});
  }
  throw new Error(`quick input did not open with ${keys}`);
}

async function quickOpen(name) {
  await openQuickInput('Control+P');
  await page.keyboard.type(name, { delay: 15 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15000 });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 15000 });
}

/** Focus the active editor (Ctrl+1): quick inputs give the focus back to where it was, e.g. the Problems panel. */
async function focusEditor() {
  await page.keyboard.press('Control+1');
  await page.waitForFunction(() => !!document.activeElement && !!document.activeElement.closest('.editor-instance .monaco-editor'),
    null, { timeout: 5000 });
}

/** Go to line:col with Ctrl+G and check the cursor position in the status bar. */
async function gotoLine(line, col) {
  const want = new RegExp(`^Ln ${line}, Col ${col || '\\d+'}\\b`);
  let at = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    await openQuickInput('Control+G');
    await page.keyboard.type(col ? `${line}:${col}` : String(line));
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    at = await cursor();
    if (want.test(at)) return;
    log(`     go to ${line}:${col || ''} landed on "${at}", retrying`);
  }
  throw new Error(`could not move the cursor to ${line}:${col || ''} (at "${at}")`);
}

async function cursor() {
  return page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText().catch(() => '?');
}

async function command(title) {
  await openQuickInput('Control+Shift+P');
  await page.keyboard.type(title, { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** Moves the focus in a list widget (suggest, code actions) down to the row with `text`. */
async function focusRow(listSelector, text) {
  const focused = page.locator(`${listSelector} .monaco-list-row.focused`);
  for (let i = 0; i < 40; i++) {
    const t = await focused.first().innerText({ timeout: 1000 }).catch(() => '');
    if (t.includes(text)) return t;
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(60);
  }
  throw new Error(`no focusable row "${text}" in ${listSelector}`);
}

/** Opens the Problems panel, waits for a row with `text`, screenshots, closes the panel again
 *  (left open and focused, it takes the cursor back to its selected marker when the list updates). */
async function problemsRow(text, screenshot, inspect) {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30000 });
  if (inspect) await inspect(row);
  const t = await row.innerText();
  if (screenshot) await shot(screenshot);
  await closePanel();
  return t;
}

async function closePanel() {
  if (await page.locator('.part.panel .markers-panel').isVisible().catch(() => false)) {
    await page.keyboard.press('Control+J');
    await page.locator('.part.panel .markers-panel').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  }
  await focusEditor();
}

(async () => {
  const scratch = path.join(shots, '..', '.chromium');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: `${scratch}/config`, XDG_CACHE_HOME: `${scratch}/cache` },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => log('pageerror: ' + oneLine(e.message).slice(0, 200)));

  // ---------------------------------------------------------------- Velo site
  const site = path.join(fixtures, 'velo-site');
  const eventsFile = path.join(site, 'src', 'backend', 'events.js');
  await step('workbench loaded (velo-site)', () => openWorkspace(site));
  await step('open events.js', () => quickOpen('events.js'));
  await step('status bar shows the catalog version', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Wix Events' }).first();
    await item.waitFor({ timeout: 30000 });
    return waitFor(async () => {
      const t = oneLine(await item.innerText());
      return /^Wix Events \S+/.test(t) && !/indexing/.test(t) ? t : null;
    }, 30000, 'status "Wix Events <catalog version>"');
  });
  await step('unknown-handler in the Problems panel, as an error (wixEvents.severity setting)', async () => {
    await page.waitForSelector('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error', { timeout: 30000 });
    // codeserver_e2e.sh sets "wixEvents.severity": {"unknown-handler": "error"} (default: warning),
    // so the error icon proves the settings reach the server.
    const text = await problemsRow('wixBilling_onInvoicePaid', 'vscode-1-diagnostic.png', (row) =>
      row.locator('.codicon-error').first().waitFor({ timeout: 15000 })
        .catch(() => { throw new Error('the unknown-handler problem is not shown as an error'); }));
    if (!/unknown-handler/.test(text)) throw new Error(`problem row lacks the rule code: ${oneLine(text)}`);
    // The message leads with the fix, so the panel's row shows the suggestion before it is cut.
    if (!/Unknown handler wixBiling_onInvoicePaid: did you mean wixBilling_onInvoicePaid/.test(oneLine(text))) {
      throw new Error(`problem row does not lead with the suggestion: ${oneLine(text)}`);
    }
    return text;
  });

  await step('completion wixBilling_onInvoicePaid accepted', async () => {
    const { line } = lineOf(eventsFile, /^export function wixBil\s*$/);
    await focusEditor();
    await gotoLine(line, 'export function wixBil'.length + 1); // end of the half-typed handler name
    await page.keyboard.press('Control+Space');
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'wixBilling_onInvoicePaid' }).first();
    await row.waitFor({ timeout: 20000 });
    // Other providers (TypeScript) can answer later and re-sort the list, moving the focus: wait until it is stable.
    const rows = page.locator('.suggest-widget .monaco-list-row');
    let prev = '';
    await waitFor(async () => {
      const now = (await rows.allInnerTexts()).join('|');
      const stable = now === prev;
      prev = now;
      return stable;
    }, 10000, 'a stable suggestion list').catch(() => {});
    // Focus our row so VS Code renders its detail, then check the detail.
    const label = await row.getAttribute('aria-label', { timeout: 2000 }).catch(() => '');
    let rowText = await focusRow('.suggest-widget', 'wixBilling_onInvoicePaid');
    await page.waitForTimeout(300);
    rowText = await focusRow('.suggest-widget', 'wixBilling_onInvoicePaid'); // still ours after the pause
    const details = await page.locator('.suggest-details').first().innerText({ timeout: 1000 }).catch(() => '');
    const detailText = `${rowText} ${label || ''} ${details}`;
    await shot('vscode-2-completion.png');
    if (!/wix-billing-backend/.test(detailText)) throw new Error(`completion detail lacks wix-billing-backend: ${oneLine(detailText)}`);
    // Accept with the mouse: the list can be re-queried (and the keyboard focus reset to the top)
    // while other providers answer, a click lands on the row itself.
    await row.click({ timeout: 10000 });
    await page.waitForTimeout(500);
    await page.keyboard.press('Escape'); // leave snippet mode, if any
    await page.keyboard.press('Control+S');
    const after = await waitFor(() => {
      const l = fs.readFileSync(eventsFile, 'utf8').split('\n')[line - 1];
      return l && /export function wixBilling_onInvoicePaid\b/.test(l) ? l : null;
    }, 10000, `line ${line} to become "export function wixBilling_onInvoicePaid…" on disk`);
    // On an otherwise empty line, accepting the name writes the whole signature.
    const lines = fs.readFileSync(eventsFile, 'utf8').split('\n');
    if (!/^export function wixBilling_onInvoicePaid\(event\) \{\s*$/.test(lines[line - 1]) || !lines.slice(line, line + 3).some((l) => /^\}/.test(l))) {
      throw new Error(`accepting the name did not write the signature: ${JSON.stringify(lines.slice(line - 1, line + 3))}`);
    }
    await shot('vscode-3-completion-accepted.png');
    return `${oneLine(rowText)} → ${after}`;
  });

  await step('hover on wixMediaManager_onFileUploaded', async () => {
    const { line, col } = lineOf(eventsFile, 'wixMediaManager_onFileUploaded');
    await focusEditor();
    await gotoLine(line, col + 5);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover', { hasText: 'onFileUploaded' }).first();
    await hover.waitFor({ timeout: 20000 });
    await page.waitForTimeout(700); // fade-in
    const text = await hover.innerText();
    await shot('vscode-4-hover.png');
    if (!/wix-media-backend/.test(text)) throw new Error(`hover lacks wix-media-backend: ${oneLine(text)}`);
    await page.keyboard.press('Escape');
    return text;
  });

  await step('code lens above wixMediaManager_onFileUploaded', async () => {
    const lens = page.locator('.codelens-decoration', { hasText: 'fires on onFileUploaded' }).first();
    await lens.waitFor({ timeout: 20000 });
    const text = await lens.innerText();
    if (!/fires on onFileUploaded · wix-media-backend/.test(text)) throw new Error(`lens reads: ${oneLine(text)}`);
    await shot('vscode-4b-codelens.png');
    return text;
  });

  await step('Restart Language Server and Show Output commands', async () => {
    await focusEditor();
    await command('Wix Events: Restart Language Server');
    const item = page.locator('.statusbar-item', { hasText: 'Wix Events' }).first();
    const text = await waitFor(async () => {
      const t = oneLine(await item.innerText().catch(() => ''));
      return /^Wix Events \S+/.test(t) && !/indexing/.test(t) ? t : null;
    }, 30000, 'the status bar back to "Wix Events <catalog version>" after the restart');
    // the restarted server analyses the open file again
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    await command('Wix Events: Show Output');
    // the Output panel opens on the "Wix Events" channel (the restart itself is checked in the
    // channel's log by codeserver_e2e.sh: two "Server … started" lines for this window)
    await waitFor(() => page.evaluate(() => {
      const sel = document.querySelector('.part.panel select');
      return sel && sel.options[sel.selectedIndex] && sel.options[sel.selectedIndex].text === 'Wix Events';
    }), 15000, 'the Output panel showing the "Wix Events" channel');
    await shot('vscode-5-output.png');
    await page.keyboard.press('Control+J');
    return `${text}; output channel shows the restart`;
  });

  // ---------------------------------------------------------------- CLI app
  const app = path.join(fixtures, 'cli-app');
  const extFile = path.join(app, 'src', 'extensions', 'backend', 'events', 'contact-created', 'contact-created.extension.ts');
  await step('workbench loaded (cli-app)', () => openWorkspace(app));
  await step('open contact-created.extension.ts', () => quickOpen('contact-created.extension.ts'));
  await step('code lenses above the event builder', async () => {
    const lens = page.locator('.codelens-decoration', { hasText: 'handles contacts.onContactCreated' }).first();
    await lens.waitFor({ timeout: 20000 });
    const text = await lens.innerText();
    if (!/registered in src\/extensions\.ts/.test(text)) throw new Error(`builder lenses read: ${oneLine(text)}`);
    await shot('vscode-6b-builder-codelens.png');
    return text;
  });
  await step('invalid-extension-id in the Problems panel', async () => {
    return problemsRow('invalid-extension-id', 'vscode-6-invalid-id.png');
  });
  await step('quick fix "Generate a fresh UUID" applied', async () => {
    const { line, col } = lineOf(extFile, '{{GENERATE_UUID}}');
    await focusEditor();
    await gotoLine(line, col + 2);
    const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Generate a fresh UUID' }).first();
    // Right after opening, the first code-action request can come back empty ("No code actions
    // available"): wait for VS Code's own lightbulb on the line, then open the menu; retry if need be.
    // (Ctrl+. while the menu is open would *accept* its focused item, so only press it when closed.)
    const widget = page.locator('.action-widget');
    await page.locator('.lightBulbWidget, .codicon-lightbulb, .codicon-lightbulb-autofix').first()
      .waitFor({ timeout: 20000 }).catch(() => log('     (no lightbulb seen; trying Ctrl+. anyway)'));
    for (let attempt = 1; ; attempt++) {
      await widget.first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
      await page.keyboard.press('Control+.');
      if (await action.waitFor({ timeout: 10000 }).then(() => true, () => false)) break;
      log(`     Ctrl+. attempt ${attempt}: no "Generate a fresh UUID" in the menu yet`);
      if (attempt === 4) throw new Error('no "Generate a fresh UUID" code action after 4 tries of Ctrl+.');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(2000);
    }
    await shot('vscode-7-quickfix.png');
    await focusRow('.action-widget', 'Generate a fresh UUID');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+S');
    const id = await waitFor(() => {
      const m = /id:\s*'([^']*)'/.exec(fs.readFileSync(extFile, 'utf8'));
      return m && UUID_V4.test(m[1]) ? m[1] : null;
    }, 10000, 'a v4 UUID as the id on disk');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'invalid-extension-id' })
      .first().waitFor({ state: 'detached', timeout: 15000 });
    await shot('vscode-8-quickfix-applied.png');
    return `id: '${id}', problem gone`;
  });

  await step('New Event Extension command scaffolds contact-updated', async () => {
    await command('Wix Events: New Event Extension');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'contacts.onContactUpdated' }).first();
    await page.locator('.quick-input-widget', { hasText: 'pick an SDK event' }).waitFor({ timeout: 20000 });
    await page.keyboard.type('contacts.onContactUpdated', { delay: 10 });
    await pick.waitFor({ timeout: 20000 });
    await shot('vscode-9-new-extension-pick.png');
    await focusRow('.quick-input-list', 'contacts.onContactUpdated');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const i = document.querySelector('.quick-input-widget input');
      return i && i.value === 'contact-updated';
    }, null, { timeout: 15000 });
    await page.keyboard.press('Enter');
    const dir = path.join(app, 'src', 'extensions', 'backend', 'events', 'contact-updated');
    const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
    await waitFor(() => /extensions\.event\(/.test(read(path.join(dir, 'contact-updated.extension.ts')))
      && /onContactUpdated/.test(read(path.join(dir, 'contact-updated.ts')))
      && /contact-updated/.test(read(path.join(app, 'src', 'extensions.ts'))), 20000,
    'builder, handler and registration saved on disk');
    const builder = fs.readFileSync(path.join(dir, 'contact-updated.extension.ts'), 'utf8');
    const m = /id:\s*'([^']*)'/.exec(builder);
    if (!m || !UUID_V4.test(m[1])) throw new Error(`new builder has no v4 id: ${oneLine(builder)}`);
    await page.waitForTimeout(500);
    // The handler is opened in a tab (the focus may go back to the Problems panel's selected
    // marker in the other file, so the tab need not be the active one).
    await page.locator('.tabs-container .tab', { hasText: /^contact-updated\.ts/ }).first().waitFor({ timeout: 15000 });
    await shot('vscode-10-new-extension.png');
    // The handler opens pinned: a single click in the Explorer opens another file in the preview
    // tab, which would replace the handler's tab had it been opened as a preview.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^extensions\.ts$/ }).first().click({ timeout: 10000 });
    await page.locator('.tabs-container .tab', { hasText: /^extensions\.ts/ }).first().waitFor({ timeout: 15000 });
    const still = await page.locator('.tabs-container .tab', { hasText: /^contact-updated\.ts/ }).count();
    if (still === 0) throw new Error('the new handler opened in a preview tab: opening another file replaced it');
    return `created contact-updated/{contact-updated.extension.ts,contact-updated.ts}, registered in src/extensions.ts; handler tab pinned`;
  });

  await browser.close();
  log(failures ? `FAIL: ${failures} check(s) failed` : 'PASS');
  process.exit(failures ? 1 : 0);
})().catch(async (e) => {
  log('FAIL: ' + (e.stack || e));
  process.exit(1);
});
