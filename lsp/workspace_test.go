package lsp

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func TestWatchedFileChangeRediagnoses(t *testing.T) {
	root := writeTree(t, map[string]string{
		"src/backend/events.js": "export function wixBilling_onInvoicePaid(event) {}\n",
	})
	c := startServer(t)
	c.initialize(root, nil)
	path := filepath.Join(root, "src/backend/events.js")
	u := uri.File(path)
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })

	// The file changes on disk (not open in the editor): re-read and re-diagnosed.
	os.WriteFile(path, []byte("export function wixBiling_onInvoicePaid(event) {}\n"), 0o644)
	c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: u, Type: protocol.FileChangeTypeChanged}}})
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })

	// A second site events.js appears with the same handler: both files
	// report the duplicate.
	other := filepath.Join(root, "backend/events.js")
	os.MkdirAll(filepath.Dir(other), 0o755)
	os.WriteFile(other, []byte("export function wixBiling_onInvoicePaid(event) {}\n"), 0o644)
	c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri.File(other), Type: protocol.FileChangeTypeCreated}}})
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "duplicate-handler") })
	c.waitDiags(uri.File(other), func(ds []protocol.Diagnostic) bool { return hasCode(ds, "duplicate-handler") })

	// Deleting it clears its diagnostics and the duplicate in the first file.
	os.Remove(other)
	c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uri.File(other), Type: protocol.FileChangeTypeDeleted}}})
	c.waitDiags(uri.File(other), func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool {
		return !hasCode(ds, "duplicate-handler") && hasCode(ds, "unknown-handler")
	})
}

func TestOpenBufferWinsOverDisk(t *testing.T) {
	root := writeTree(t, map[string]string{"src/backend/events.js": "export function wixBiling_onInvoicePaid(event) {}\n"})
	c := startServer(t)
	c.initialize(root, nil)
	path := filepath.Join(root, "src/backend/events.js")
	u := c.open(path, "export function wixBilling_onInvoicePaid(event) {}\n")
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	// A disk change while open does not replace the buffer.
	c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: u, Type: protocol.FileChangeTypeChanged}}})
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	// Closing falls back to disk, whose text has the misspelling.
	c.server.DidClose(context.Background(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })
}

func TestWorkspaceFoldersAddedAndRemoved(t *testing.T) {
	first := writeTree(t, map[string]string{"src/backend/events.js": "export function wixBilling_onInvoicePaid(event) {}\n"})
	second := writeTree(t, map[string]string{"src/backend/events.js": "export function wixBiling_onInvoicePaid(event) {}\n"})
	c := startServer(t)
	c.initialize(first, nil)
	u2 := uri.File(filepath.Join(second, "src/backend/events.js"))
	c.server.DidChangeWorkspaceFolders(context.Background(), &protocol.DidChangeWorkspaceFoldersParams{Event: protocol.WorkspaceFoldersChangeEvent{
		Added: []protocol.WorkspaceFolder{{URI: uri.File(second), Name: "second"}},
	}})
	c.waitDiags(u2, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })
	c.server.DidChangeWorkspaceFolders(context.Background(), &protocol.DidChangeWorkspaceFoldersParams{Event: protocol.WorkspaceFoldersChangeEvent{
		Removed: []protocol.WorkspaceFolder{{URI: uri.File(second), Name: "second"}},
	}})
	c.waitDiags(u2, func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
}

func TestConfigurationSources(t *testing.T) {
	files := map[string]string{"src/backend/events.js": "export function wixBiling_onInvoicePaid(event) {}\nexport function Orders_beforeInsert(i) { return i; }\n"}
	u := func(root string) uri.URI { return uri.File(filepath.Join(root, "src/backend/events.js")) }

	// initializationOptions turn a rule off.
	root := writeTree(t, files)
	c := startServer(t)
	c.initialize(root, func(p *protocol.InitializeParams) {
		p.InitializationOptions = []byte(`{"severity": {"unknown-handler": "off"}}`)
	})
	c.waitDiags(u(root), func(ds []protocol.Diagnostic) bool {
		return hasCode(ds, "data-hook-in-events") && !hasCode(ds, "unknown-handler")
	})

	// workspace/configuration (section wixEvents) raises a rule to error.
	root = writeTree(t, files)
	c = startServer(t)
	c.config = []byte(`{"severity": {"unknown-handler": "error"}}`)
	c.initialize(root, nil)
	c.waitDiags(u(root), func(ds []protocol.Diagnostic) bool {
		for _, d := range ds {
			if hasCode([]protocol.Diagnostic{d}, "unknown-handler") {
				return d.Severity == protocol.DiagnosticSeverityError
			}
		}
		return false
	})

	// .wix-events.json adds a catalog entry; an invalid one is reported.
	files2 := map[string]string{
		"src/backend/events.js": "export function wixNew_onThing(event) {}\n",
		".wix-events.json":      `{"catalog": {"handlers": [{"name": "wixNew_onThing", "module": "wix-new.v2"}]}}`,
	}
	root = writeTree(t, files2)
	c = startServer(t)
	c.initialize(root, nil)
	c.waitDiags(u(root), func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
}

// TestIndexingProgress: indexing shows a work-done progress, and every
// progress begun is ended (no spinner left behind). The kinds are counted,
// not read in order: the test client handles notifications as they come,
// and the last publish can reach it before the last $/progress.
func TestIndexingProgress(t *testing.T) {
	root := writeTree(t, map[string]string{"src/backend/events.js": "export function wixBiling_onInvoicePaid(event) {}\n"})
	c := startServer(t)
	c.initialize(root, nil)
	c.waitDiags(uri.File(filepath.Join(root, "src/backend/events.js")), func(ds []protocol.Diagnostic) bool { return len(ds) > 0 })
	var got []string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		c.mu.Lock()
		got = append(got[:0], c.progress...)
		c.mu.Unlock()
		n := map[string]int{}
		for _, k := range got {
			n[k]++
		}
		if n["begin"] > 0 && n["begin"] == n["end"] {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("$/progress kinds = %v, want each begin ended", got)
		}
	}
}
