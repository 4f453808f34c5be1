// The status bar item: catalog version when idle, a spinner while the server indexes.
import * as vscode from 'vscode';

/** Params of the server's `wixEvents/status` notification. */
export interface StatusParams {
  catalogVersion: string;
  indexing: boolean;
  files: number;
}

/** "2026-11-23 (corvid-types 0.4.16, 14 SDK packages)" → "2026-11-23" for the status bar text; the tooltip has it all. */
export function shortVersion(v: string): string {
  const s = (v || '').trim();
  const i = s.indexOf(' (');
  return i > 0 ? s.slice(0, i) : s || '?';
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private server = '';
  private binary = '';
  private last: StatusParams | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('wixEvents.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Wix Events';
    this.item.command = 'wixEvents.showOutput';
    this.starting();
    this.item.show();
  }

  setServer(server: string, binary: string): void {
    this.server = server;
    this.binary = binary;
    this.render();
  }

  starting(): void {
    this.last = undefined;
    this.item.text = '$(loading~spin) Wix Events';
    this.item.backgroundColor = undefined;
    this.item.tooltip = 'Wix Events: starting the language server…';
  }

  failed(why: string): void {
    this.last = undefined;
    this.item.text = '$(error) Wix Events';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.tooltip = `Wix Events: language server ${why}. Click to show the output; run "Wix Events: Restart Language Server" to retry.`;
  }

  update(p: StatusParams): void {
    this.last = p;
    this.render();
  }

  private render(): void {
    const p = this.last;
    if (!p) return;
    this.item.backgroundColor = undefined;
    const files = `${p.files} file${p.files === 1 ? '' : 's'}`;
    this.item.text = p.indexing
      ? `$(sync~spin) Wix Events: indexing (${files})`
      : `$(check) Wix Events ${shortVersion(p.catalogVersion)}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Wix Events** ${p.indexing ? '— indexing…' : ''}\n\n`);
    md.appendMarkdown(`Catalog: \`${p.catalogVersion}\`  \nFiles: ${p.files}  \n`);
    if (this.server) md.appendMarkdown(`Server: ${this.server}  \n`);
    if (this.binary) md.appendText(`Binary: ${this.binary}`);
    md.appendMarkdown('\n\nClick to show the output.');
    this.item.tooltip = md;
  }

  dispose(): void {
    this.item.dispose();
  }
}
