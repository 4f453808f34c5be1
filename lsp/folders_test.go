package lsp

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// copyDir copies the files of folder src (one level) to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		if err := os.WriteFile(filepath.Join(dst, strings.Replace(e.Name(), "ext-0000", "ext-copy", 1)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFolderEvents: an editor reports a folder copied in, or deleted, as
// one event for the folder. Copying an extension folder makes its id and
// event duplicates; deleting the copy takes them back, clears the copy's
// diagnostics and drops its workspace symbols.
func TestFolderEvents(t *testing.T) {
	root := t.TempDir()
	app, folders := bulkApp(t, root, 2)
	orig := folders[0]
	builder := filepath.Join(orig, "ext-0000.extension.ts")
	handler := filepath.Join(orig, "ext-0000.ts")
	copyFolder := filepath.Join(filepath.Dir(filepath.Clean(orig)), "ext-copy")
	copyBuilder := filepath.Join(copyFolder, "ext-copy.extension.ts")
	c := startServer(t)
	c.initialize(root, nil)
	c.waitDiags(uri.File(builder), func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })

	event := func(path string, typ protocol.FileChangeType) {
		t.Helper()
		if err := c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{
			Changes: []protocol.FileEvent{{URI: uri.File(path), Type: typ}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	symbolsIn := func(dir string) int {
		t.Helper()
		syms, err := c.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: ""})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		list, _ := syms.(protocol.SymbolInformationSlice)
		for _, s := range list {
			if strings.HasPrefix(string(s.Location.URI), string(uri.File(dir))+"/") {
				n++
			}
		}
		return n
	}

	copyDir(t, orig, copyFolder)
	event(copyFolder, protocol.FileChangeTypeCreated)
	// The copy's builder still names the original's handler as source.
	c.waitDiags(uri.File(builder), func(ds []protocol.Diagnostic) bool {
		return hasCode(ds, "duplicate-extension-id") && hasCode(ds, "duplicate-event-handler")
	})
	c.waitDiags(uri.File(copyBuilder), func(ds []protocol.Diagnostic) bool { return hasCode(ds, "duplicate-extension-id") })
	c.settle(10e9)
	if symbolsIn(copyFolder) == 0 {
		t.Errorf("no workspace symbols in the copied folder %s", copyFolder)
	}

	if err := os.RemoveAll(copyFolder); err != nil {
		t.Fatal(err)
	}
	event(copyFolder, protocol.FileChangeTypeDeleted)
	c.waitDiags(uri.File(builder), func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	c.waitDiags(uri.File(handler), func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	c.waitDiags(uri.File(copyBuilder), func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	c.settle(10e9)
	if n := symbolsIn(copyFolder); n != 0 {
		t.Errorf("%d workspace symbols left in the deleted folder", n)
	}

	// The whole app folder goes and comes back: one event each way.
	saved := map[string][]byte{}
	filepath.Walk(app, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			saved[p], _ = os.ReadFile(p)
		}
		return nil
	})
	os.RemoveAll(app)
	event(app, protocol.FileChangeTypeDeleted)
	c.settle(10e9)
	if fs := c.srv.ws.FilesUnder(app); len(fs) != 0 {
		t.Errorf("%d files still indexed under the deleted %s", len(fs), app)
	}
	for p, b := range saved {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, b, 0o644)
	}
	event(app, protocol.FileChangeTypeCreated)
	c.settle(10e9)
	if got := len(c.srv.ws.FilesUnder(app)); got != 5 { // 2 × (builder + handler), extensions.ts
		t.Errorf("%d files under the recreated app, want 5", got)
	}
	if c.srv.ws.File(builder) == nil {
		t.Errorf("%s not indexed after its folder's creation", builder)
	}
}
