// Which documents the client hands to the server: only the files the server handles,
// so the server never sees (nor slows down) ordinary front-end code.
import type { DocumentSelector } from 'vscode-languageclient/node';

/**
 * Glob patterns of the files wix-events-ls handles, as its classifier (index/kind.go) does:
 * Velo backend code is any .js/.jsw under a `backend` folder (events.js, data.js, web modules);
 * Wix CLI apps have builders (*.extension.ts), the registration (src/extensions.ts) and handler
 * files under a `backend/events` folder (src/extensions/backend/events/…, legacy src/backend/events/…).
 */
export const SERVER_PATTERNS: readonly string[] = [
  '**/backend/**/*.js',
  '**/backend/**/*.jsw',
  '**/*.extension.ts',
  '**/src/extensions.ts',
  '**/backend/events/**/*.ts',
];

// `file` is what the extension host sees both on the desktop and in browser VS Code
// (code-server), where the host runs on the server next to the files. Virtual
// workspaces (vscode-vfs) are not supported: the server is a native process that
// reads the workspace from disk (see "capabilities.virtualWorkspaces").
const SCHEMES = ['file'];

export const documentSelector: DocumentSelector = SCHEMES.flatMap((scheme) =>
  SERVER_PATTERNS.map((pattern) => ({ scheme, pattern })),
);
