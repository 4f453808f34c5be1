// Which documents the client hands to the server: only the files the server handles,
// so the server never sees (nor slows down) ordinary front-end code.
import type { DocumentSelector } from 'vscode-languageclient/node';

/** Glob patterns of the files wix-events-ls handles (keep in step with the server's file classifier). */
export const SERVER_PATTERNS: readonly string[] = [
  // Velo sites and packages
  '**/events.js',
  '**/backend/**/*.js',
  '**/backend/**/*.jsw',
  '**/*.web.js',
  '**/data.js',
  // Wix CLI apps
  '**/*.extension.ts',
  '**/src/extensions.ts',
  '**/src/extensions/backend/events/**/*.ts',
  '**/src/backend/events/**/*.ts',
];

// `file` is what the extension host sees both on the desktop and in browser VS Code
// (code-server), where the host runs on the server next to the files. Virtual
// workspaces (vscode-vfs) are not supported: the server is a native process that
// reads the workspace from disk (see "capabilities.virtualWorkspaces").
const SCHEMES = ['file'];

export const documentSelector: DocumentSelector = SCHEMES.flatMap((scheme) =>
  SERVER_PATTERNS.map((pattern) => ({ scheme, pattern })),
);
