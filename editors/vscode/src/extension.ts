// VS Code client for wix-events-ls.
//
// The extension is a thin shell around the language server: it finds the
// binary (setting → WIX_EVENTS_LS_PATH → the copy bundled in bin/), starts it
// over stdio, mirrors the `wixEvents` settings into it, shows the server's
// `wixEvents/status` notification in the status bar and drives the server's
// scaffolding command with quick picks. All analysis lives in the server.
//
// It is a "workspace" extension: in browser VS Code (code-server, Wix IDE-style
// editors) the extension host runs next to the files, so the linux binary is
// spawned there and the browser only renders.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
  WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageclient/node';
import { documentSelector } from './selector';
import { StatusBar, StatusParams } from './status';

const CLIENT_ID = 'wixEvents';
const CLIENT_NAME = 'Wix Events';

/** Commands this extension implements itself; the server's commands of the same name are called through them. */
const CLIENT_COMMANDS = new Set(['wixEvents.restartServer', 'wixEvents.newEventExtension', 'wixEvents.showOutput', 'wixEvents.sampleEvent']);

/** Settings only the client reads; everything else under `wixEvents` is the server's configuration. */
const CLIENT_ONLY_KEYS = ['server', 'trace'];

/** Folder names the Wix CLI accepts for an extension (its own check is `^[a-z0-9\-/]+$`; we create one level). */
export const FOLDER_RE = /^[a-z0-9-]+$/;

export interface SdkEvent {
  package: string;
  namespace: string;
  export: string;
  eventType?: string;
  description?: string;
  deprecated?: boolean | string;
}

export interface NewEventExtensionArgs {
  package: string;
  namespace: string;
  export: string;
  folder: string;
  root?: string;
}

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: StatusBar;
let serverCommand = '';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  status = new StatusBar();
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('wixEvents.restartServer', () => restart(context)),
    vscode.commands.registerCommand('wixEvents.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('wixEvents.newEventExtension', (args?: Partial<NewEventExtensionArgs>) =>
      newEventExtension(args),
    ),
    vscode.commands.registerCommand('wixEvents.sampleEvent', (args: unknown) => sampleEvent(args)),
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => checkTasks(),
      resolveTask: (task) => resolveCheckTask(task),
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('wixEvents.server.path')) {
        await restart(context);
      } else if (e.affectsConfiguration('wixEvents') && client?.isRunning()) {
        // Push-style update for servers that do not pull workspace/configuration.
        await client.sendNotification('workspace/didChangeConfiguration', {
          settings: { wixEvents: serverSettings() },
        });
      }
    }),
  );

  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The `wixEvents` section as the server sees it: client-only keys removed. */
export function serverSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('wixEvents', scope);
  return {
    severity: cfg.get('severity', {}),
    catalog: cfg.get('catalog', {}),
    ignore: cfg.get('ignore', []),
  };
}

function stripClientKeys(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const k of CLIENT_ONLY_KEYS) delete copy[k];
    return copy;
  }
  return value;
}

/**
 * The workspace's own server, from `npm i -D wix-events-ls`: the version the project pins (and its CI runs with
 * `npx wix-events-ls check`). Found through `node_modules/.bin/wix-events-ls` of a workspace folder; the platform
 * package's binary next to it is run directly (no `node` needed on the PATH VS Code was started with), else the
 * `.bin` launcher. Only in a trusted workspace: it is code the workspace supplies.
 */
export function workspaceServerPath(): string | undefined {
  if (!vscode.workspace.isTrusted) return undefined;
  const win = process.platform === 'win32';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const nm = path.join(folder.uri.fsPath, 'node_modules');
    const launcher = path.join(nm, '.bin', win ? 'wix-events-ls.cmd' : 'wix-events-ls');
    if (!fs.existsSync(launcher)) continue;
    const platformBin = path.join(nm, '@wix-events-ls', `${process.platform}-${process.arch}`, 'bin', win ? 'wix-events-ls.exe' : 'wix-events-ls');
    if (fs.existsSync(platformBin)) return platformBin;
    if (!win) return launcher; // a .cmd cannot be spawned without a shell
  }
  return undefined;
}

/**
 * Finds the server binary: `wixEvents.server.path` → `$WIX_EVENTS_LS_PATH` → the workspace's
 * `node_modules/.bin/wix-events-ls` (trusted workspaces) → bundled `bin/wix-events-ls[.exe]`.
 * Returns undefined (after telling the user) when none exists.
 */
export function resolveServerPath(context: vscode.ExtensionContext): string | undefined {
  const configured = vscode.workspace.getConfiguration('wixEvents').get<string>('server.path', '').trim();
  if (configured) {
    const p = expandPath(configured);
    if (fs.existsSync(p)) return p;
    output.appendLine(`wixEvents.server.path: ${p} does not exist`);
    void vscode.window.showErrorMessage(`Wix Events: the server binary set in wixEvents.server.path does not exist: ${p}`);
    return undefined;
  }
  const fromEnv = process.env.WIX_EVENTS_LS_PATH?.trim();
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    output.appendLine(`WIX_EVENTS_LS_PATH: ${fromEnv} does not exist; trying the bundled server`);
  }
  const fromWorkspace = workspaceServerPath();
  if (fromWorkspace) {
    output.appendLine(`Using the workspace's server: ${fromWorkspace}`);
    return fromWorkspace;
  }
  const exe = process.platform === 'win32' ? 'wix-events-ls.exe' : 'wix-events-ls';
  const bundled = context.asAbsolutePath(path.join('bin', exe));
  if (!fs.existsSync(bundled)) {
    void vscode.window.showErrorMessage(
      `Wix Events: no server binary for ${process.platform}-${process.arch} in this extension. ` +
        'Install the platform-specific build or set wixEvents.server.path.',
    );
    return undefined;
  }
  if (process.platform !== 'win32') {
    // VSIX extraction does not always keep the exec bit.
    try {
      const mode = fs.statSync(bundled).mode;
      if ((mode & 0o111) !== 0o111) fs.chmodSync(bundled, 0o755);
    } catch (e) {
      output.appendLine(`chmod ${bundled}: ${String(e)}`);
    }
  }
  return bundled;
}

function expandPath(p: string): string {
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  if (!path.isAbsolute(p)) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder && folder.uri.scheme === 'file') p = path.join(folder.uri.fsPath, p);
  }
  return p;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = resolveServerPath(context);
  if (!command) {
    status.failed('no server binary');
    return;
  }
  serverCommand = command;
  output.appendLine(`Starting ${command} serve`);
  const serverOptions: ServerOptions = {
    run: { command, args: ['serve'], transport: TransportKind.stdio },
    debug: { command, args: ['serve'], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: serverSettings(),
    middleware: {
      workspace: {
        // Answer workspace/configuration for `wixEvents` without the client-only keys.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) =>
            params.items[i]?.section === 'wixEvents' ? stripClientKeys(value) : value,
          );
        },
      },
    },
  };
  const c = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  claimClientCommands(c);
  c.onNotification('wixEvents/status', (p: StatusParams) => status.update(p));
  c.onDidChangeState((e) => {
    if (e.newState === State.Stopped) status.failed('stopped');
    else if (e.newState === State.Starting) status.starting();
  });
  client = c;
  status.starting();
  try {
    await c.start();
    const info = c.initializeResult?.serverInfo;
    status.setServer(info ? `${info.name} ${info.version ?? ''}`.trim() : 'wix-events-ls', command);
    output.appendLine(`Server ${info?.name ?? '?'} ${info?.version ?? ''} started`);
  } catch (e) {
    status.failed('failed to start');
    output.appendLine(`Failed to start the server: ${String(e)}`);
    void vscode.window.showErrorMessage(`Wix Events: the language server failed to start (${command}). See the output for details.`);
  }
}

/**
 * The server advertises its own `wixEvents.newEventExtension` in executeCommandProvider; the client
 * library would register it as a VS Code command and clash with ours (which adds the quick picks and
 * then calls the server). Keep the library from registering the names this extension owns.
 */
function claimClientCommands(c: LanguageClient): void {
  const feature = c.getFeature(ExecuteCommandRequest.method);
  const register = feature.register.bind(feature);
  feature.register = (data) =>
    register({
      ...data,
      registerOptions: {
        ...data.registerOptions,
        commands: (data.registerOptions.commands ?? []).filter((cmd) => !CLIENT_COMMANDS.has(cmd)),
      },
    });
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    if (c.needsStop()) await c.stop(5000);
  } catch (e) {
    output.appendLine(`Stopping the server: ${String(e)}`);
  }
  await c.dispose().catch(() => undefined);
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine('Restarting the server');
  await stop();
  await start(context);
}

/**
 * The "Sample event" code lens: the server writes a realistic event from the handler's payload
 * schema; it opens in an untitled JSON editor, ready to paste into functional testing or a test.
 */
async function sampleEvent(args: unknown): Promise<void> {
  try {
    const res = await executeServerCommand<{ title: string; json: string } | null>('wixEvents.sampleEvent', [args]);
    if (!res) return;
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: res.json });
    await vscode.window.showTextDocument(doc, { preview: false });
    void vscode.window.setStatusBarMessage(res.title, 5000);
  } catch (e) {
    void vscode.window.showErrorMessage(`Wix Events: no sample event (${String(e)})`);
  }
}

async function executeServerCommand<T>(command: string, args: unknown[]): Promise<T> {
  if (!client) throw new Error('the language server is not running');
  if (!client.isRunning()) await client.start();
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
}

/** The task type contributed in package.json (`taskDefinitions`). */
const TASK_TYPE = 'wixEvents';

interface CheckTaskDefinition extends vscode.TaskDefinition {
  path?: string;
}

/**
 * One "check" task per workspace folder: `wix-events-ls check <path>` with the `$wix-events-ls`
 * problem matcher, so Terminal › Run Task (and a tasks.json entry) fills the Problems panel the way CI
 * sees the project. NO_COLOR keeps the output plain for the matcher.
 */
function checkTasks(): vscode.Task[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => checkTask({ type: TASK_TYPE, path: '.' }, f));
}

function resolveCheckTask(task: vscode.Task): vscode.Task | undefined {
  const def = task.definition as CheckTaskDefinition;
  const scope = task.scope;
  if (def.type !== TASK_TYPE || !scope || typeof scope === 'number') return undefined;
  return checkTask(def, scope);
}

function checkTask(def: CheckTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
  const exec = new vscode.ProcessExecution(serverCommand || 'wix-events-ls', ['check', def.path || '.'], {
    cwd: folder.uri.fsPath,
    env: { NO_COLOR: '1' },
  });
  const task = new vscode.Task(def, folder, `check ${def.path || '.'}`, 'wix-events-ls', exec, '$wix-events-ls');
  task.group = vscode.TaskGroup.Test;
  return task;
}

/** `onContactCreated` → `contact-created`. */
export function defaultFolder(exportName: string): string {
  return exportName
    .replace(/^on/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface EventPick extends vscode.QuickPickItem {
  event: SdkEvent;
}

async function newEventExtension(preset?: Partial<NewEventExtensionArgs>): Promise<void> {
  try {
    let args: NewEventExtensionArgs;
    if (preset && preset.package && preset.namespace && preset.export && preset.folder) {
      args = { ...(preset as NewEventExtensionArgs) };
    } else {
      const picked = await pickEvent();
      if (!picked) return;
      const folder = await vscode.window.showInputBox({
        title: `New event extension: ${picked.namespace}.${picked.export}`,
        prompt: 'Folder name under src/extensions/backend/events/',
        value: defaultFolder(picked.export),
        validateInput: (v) => (FOLDER_RE.test(v) ? undefined : 'Use lowercase letters, digits and dashes only (a-z, 0-9, -).'),
      });
      if (!folder) return;
      args = { package: picked.package, namespace: picked.namespace, export: picked.export, folder };
    }
    if (!args.root) {
      const root = await pickAppRoot();
      if (root === null) return;
      if (root) args.root = root.toString();
    }
    const lspEdit = await executeServerCommand<LspWorkspaceEdit | null>('wixEvents.newEventExtension', [args]);
    if (!lspEdit) {
      void vscode.window.showWarningMessage('Wix Events: the server returned no changes.');
      return;
    }
    const edit = await client!.protocol2CodeConverter.asWorkspaceEdit(lspEdit);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Wix Events: could not apply the new event extension.');
      return;
    }
    // The scaffold is complete as generated: save it, so the Wix CLI (and git) see it at once.
    const touched = edit.entries().map(([uri]) => uri);
    for (const uri of touched) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
        (await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined));
      if (doc?.isDirty) await doc.save();
    }
    const handler = touched.find((u) => u.path.endsWith(`/${args.folder}.ts`) && !u.path.endsWith('.extension.ts'));
    // Open the handler pinned (not in a preview tab the next click would replace): it is where the
    // developer writes code next.
    if (handler) await vscode.window.showTextDocument(handler, { preview: false });
  } catch (e) {
    output.appendLine(`New event extension: ${String(e)}`);
    void vscode.window.showErrorMessage(`Wix Events: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function pickEvent(): Promise<SdkEvent | undefined> {
  const events = await executeServerCommand<SdkEvent[] | null>('wixEvents.listSdkEvents', []);
  if (!events || events.length === 0) {
    void vscode.window.showWarningMessage('Wix Events: the server knows no SDK events.');
    return undefined;
  }
  const items: EventPick[] = [...events]
    .sort((a, b) => Number(!!a.deprecated) - Number(!!b.deprecated))
    .map((e) => ({
      label: `${e.namespace}.${e.export}`,
      description: e.package + (e.deprecated ? ' (deprecated)' : ''),
      // A quick pick shows one line (VS Code draws line breaks as ⏎): the description's first.
      detail: (e.description || e.eventType || '').split('\n')[0],
      event: e,
    }));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'New event extension: pick an SDK event',
    placeHolder: 'Type to filter, e.g. onContactCreated or @wix/ecom',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick?.event;
}

/**
 * The Wix CLI app the extension goes into: the folder holding `src/extensions.ts` (or `package.json`).
 * Returns undefined to let the server decide, null when the user cancelled.
 */
async function pickAppRoot(): Promise<vscode.Uri | undefined | null> {
  const found = await vscode.workspace.findFiles('**/src/extensions.ts', '**/node_modules/**', 20);
  const roots = found.map((u) => vscode.Uri.joinPath(u, '..', '..'));
  if (roots.length === 0) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder?.uri;
  }
  if (roots.length === 1) return roots[0];
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const byActive = roots.find((r) => active?.startsWith(r.toString() + '/'));
  if (byActive) return byActive;
  const pick = await vscode.window.showQuickPick(
    roots.map((r) => ({ label: vscode.workspace.asRelativePath(r), root: r })),
    { title: 'New event extension: which app?' },
  );
  return pick ? pick.root : null;
}

/** For tests and other extensions: the server binary in use and the client. */
export function _state(): { serverCommand: string; running: boolean } {
  return { serverCommand, running: !!client?.isRunning() };
}
