package lsp

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/catalog/installed"
)

// An app's installed @wix package wins over the catalog: its new event is
// completed, hovered with the installed version, and not reported; after
// the package changes on disk and a watched-file notification, the answers
// follow the new version without a restart.
func TestInstalledPackages(t *testing.T) {
	installed.Reset()
	installed.SetCacheDir(t.TempDir())
	t.Cleanup(installed.Reset)
	ar, err := txtar.ParseFile(filepath.Join("testdata", "installed", "app.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fx := startCLIFixture(t, ar)
	for _, m := range fx.markers {
		fx.check(t, m)
	}
	const handler = "app/src/extensions/backend/events/group-teleported/group-teleported.ts"
	hp := filepath.Join(fx.dir, filepath.FromSlash(handler))
	codes := func(ds []protocol.Diagnostic) string {
		var cs []string
		for _, d := range ds {
			msg, _ := d.Message.(protocol.String)
			cs = append(cs, string(msg))
		}
		return strings.Join(cs, "; ")
	}
	if ds := fx.c.waitDiags(uri.File(hp), func([]protocol.Diagnostic) bool { return true }); len(ds) != 0 {
		t.Errorf("diagnostics on a handler of an installed event: %s", codes(ds))
	}

	// 9.9.2 renames the event: rewrite the package on disk and notify.
	nm := filepath.Join(fx.dir, "app", "node_modules", "@wix")
	decl := filepath.Join(nm, "auto_sdk_groups_groups", "index.d.mts")
	b, _ := os.ReadFile(decl)
	b = []byte(strings.NewReplacer("Teleported", "Beamed", "teleported", "beamed").Replace(string(b)))
	pj := filepath.Join(nm, "groups", "package.json")
	pjb, _ := os.ReadFile(pj)
	if err := os.WriteFile(decl, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pj, []byte(strings.Replace(string(pjb), "9.9.1", "9.9.2", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := fx.c.server.DidChangeWatchedFiles(ctx, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(pj), Type: protocol.FileChangeTypeChanged},
		{URI: uri.File(decl), Type: protocol.FileChangeTypeChanged},
	}}); err != nil {
		t.Fatal(err)
	}
	text := fx.texts[handler]
	at := strings.Index(text, "onGroupTeleported")
	res, err := fx.c.server.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: fx.pos(handler, at)})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	if list, _ := res.(*protocol.CompletionList); list != nil {
		for _, it := range list.Items {
			labels = append(labels, it.Label)
		}
	}
	if got := strings.Join(labels, ","); !strings.Contains(got, "onGroupBeamed") || strings.Contains(got, "onGroupTeleported") {
		t.Errorf("after the change, completion offers %s", got)
	}
	h, err := fx.c.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: fx.pos(handler, at)})
	if err != nil {
		t.Fatal(err)
	}
	if s := hoverString(h); strings.Contains(s, "9.9.1") {
		t.Errorf("after the change, the hover still names 9.9.1:\n%s", s)
	}
	// The handler now calls an event its installed package no longer has:
	// re-diagnosed without any edit to it.
	fx.c.waitDiags(uri.File(hp), func(ds []protocol.Diagnostic) bool { return len(ds) > 0 })
}
