package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestSyntaxErrors: esbuild's syntax-error reaches the editor on every
// path the server checks by: the bulk after indexing (batched builds, a
// broken file among clean ones), an edited buffer (alone, with the
// buffer's version) and many files changed on disk at once (batched
// again), each at the place esbuild reports, and each clears once fixed.
func TestSyntaxErrors(t *testing.T) {
	files := map[string]string{}
	const n = 150 // more than one batch
	name := func(i int) string { return fmt.Sprintf("src/backend/m%03d.js", i) }
	for i := 0; i < n; i++ {
		files[name(i)] = fmt.Sprintf("export function helper%d(a) {\n  return a + %d;\n}\n", i, i)
	}
	broken := map[int]bool{7: true, 99: true, 140: true}
	for i := range broken {
		files[name(i)] = fmt.Sprintf("export function helper%d(a) {\n  return (a + %d;\n}\n", i, i)
	}
	root := writeTree(t, files)
	c := startServer(t)
	c.initialize(root, nil)
	path := func(i int) string { return filepath.Join(root, filepath.FromSlash(name(i))) }
	syntaxAt := func(ds []protocol.Diagnostic, line uint32) bool {
		for _, d := range ds {
			if hasCode([]protocol.Diagnostic{d}, "syntax-error") && d.Range.Start.Line == line {
				return true
			}
		}
		return false
	}
	// The bulk: each broken file gets esbuild's error on line 2 ("Expected
	// ")" but found ";""), and a clean neighbour in the same batches none.
	for i := range broken {
		c.waitDiags(uri.File(path(i)), func(ds []protocol.Diagnostic) bool { return syntaxAt(ds, 1) })
	}
	waitSettled(t, c.srv)
	for _, i := range []int{0, 8, 100, 149} {
		if ds := c.diagsOf(uri.File(path(i))); hasCode(ds, "syntax-error") {
			t.Errorf("%s: syntax-error on a clean file: %+v", name(i), ds)
		}
	}

	// An edited buffer: broken, then fixed, published with its version.
	u := c.open(path(0), files[name(0)])
	edit := func(v int32, text string) {
		t.Helper()
		if err := c.server.DidChange(context.Background(), &protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: v},
			ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: text}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	edit(2, "export function helper0(a) {\n  return a +;\n}\n")
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return syntaxAt(ds, 1) && c.versionOf(u) == 2 })
	edit(3, files[name(0)])
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return !hasCode(ds, "syntax-error") && c.versionOf(u) == 3 })

	// Many files changed on disk in one notification: the broken ones
	// fixed, three clean ones broken.
	var events []protocol.FileEvent
	write := func(i int, text string) {
		if err := os.WriteFile(path(i), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		events = append(events, protocol.FileEvent{URI: uri.File(path(i)), Type: protocol.FileChangeTypeChanged})
	}
	for i := range broken {
		write(i, fmt.Sprintf("export function helper%d(a) {\n  return a + %d;\n}\n", i, i))
	}
	for _, i := range []int{20, 21, 22} {
		write(i, fmt.Sprintf("export function helper%d(a) {\n  return a + %d;\n}\n}\n", i, i))
	}
	for i := 30; i < 130; i++ { // unchanged texts, re-read
		events = append(events, protocol.FileEvent{URI: uri.File(path(i)), Type: protocol.FileChangeTypeChanged})
	}
	if err := c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: events}); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{20, 21, 22} {
		c.waitDiags(uri.File(path(i)), func(ds []protocol.Diagnostic) bool { return syntaxAt(ds, 3) })
	}
	for i := range broken {
		c.waitDiags(uri.File(path(i)), func(ds []protocol.Diagnostic) bool { return !hasCode(ds, "syntax-error") })
	}
}

// diagsOf returns the diagnostics last published for u.
func (c *testClient) diagsOf(u uri.URI) []protocol.Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.diags[u]; p != nil {
		return p.Diagnostics
	}
	return nil
}

// versionOf returns the version of the last publish for u (0: none).
func (c *testClient) versionOf(u uri.URI) int32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.diags[u]; p != nil && !p.Version.IsZero() {
		v, _ := p.Version.Get()
		return v
	}
	return 0
}

// waitSettled waits until the server has nothing queued: every check
// after indexing is done.
func waitSettled(t *testing.T, s *Server) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !s.diags.idle() {
		if time.Now().After(deadline) {
			t.Fatal("the checks after indexing did not finish")
		}
	}
}
