package lsp

// In-process marker tests of the Wix CLI editor features.
//
// Each lsp/testdata/cli/features/*.txtar archive is a workspace (the
// archives directly in testdata/cli use the shared convention of
// marker_test.go); its files are
// written to a temporary folder with the markers removed, a server is
// started over a pipe (startServer) and initialized on it, and each marker
// sends one request at its position, as an editor would:
//
//	/*@complete(a, b)*/    completion here offers labels a and b; "-a" means
//	                       a must not be offered, "<uuid>" a fresh UUID v4,
//	                       "!" (alone) that nothing is offered.
//	/*@hover("x", "y")*/   the hover here contains x and y; "!" alone: none.
//	/*@def(path)*/         definition here includes a location in path
//	                       (relative to the workspace).
//	/*@refs(path, …)*/     references here include a location in each path.
//	/*@action("Title")*/   a quick fix whose title starts with "Title" is
//	                       offered for a zero-width range here, with an edit.
//	/*@symbols(a, b)*/     the file's document symbols include a and b.
//
// A request's result is checked against its marker only; the analysis
// itself is tested in analysis/cli_test.go.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
	"github.com/wix-events-ls/wix-events-ls/internal/markers"
)

// cliFixture writes an archive and starts an initialized server on it,
// returning once the initial walk has published diagnostics.
type cliFixture struct {
	c       *testClient
	dir     string
	texts   map[string]string
	markers []markers.Marker
}

func startCLIFixture(t *testing.T, ar *txtar.Archive) *cliFixture {
	t.Helper()
	fx := &cliFixture{dir: t.TempDir(), texts: map[string]string{}}
	var first string
	for _, f := range ar.Files {
		text, ms := markers.Strip(f.Name, string(f.Data))
		fx.texts[f.Name] = text
		fx.markers = append(fx.markers, ms...)
		p := filepath.Join(fx.dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if first == "" && index.Classify(f.Name).CLI() {
			first = p
		}
	}
	fx.c = startServer(t)
	fx.c.initialize(fx.dir, nil)
	if first != "" {
		// Diagnostics of a file nobody opened are published after the walk.
		fx.c.waitDiags(uri.File(first), func([]protocol.Diagnostic) bool { return true })
	}
	return fx
}

func (fx *cliFixture) pos(path string, off int) protocol.TextDocumentPositionParams {
	m := textpos.NewMapper(fx.texts[path])
	p := m.Position(off, textpos.UTF16)
	return protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(filepath.Join(fx.dir, filepath.FromSlash(path)))},
		Position:     protocol.Position{Line: p.Line, Character: p.Character},
	}
}

func (fx *cliFixture) rel(u uri.URI) string {
	p, _ := filePath(u)
	r, err := filepath.Rel(fx.dir, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

func hoverString(h *protocol.Hover) string {
	if h == nil {
		return ""
	}
	switch c := h.Contents.(type) {
	case *protocol.MarkupContent:
		return c.Value
	case protocol.String:
		return string(c)
	}
	b, _ := json.Marshal(h.Contents)
	return string(b)
}

func TestCLIFeatureMarkers(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cli", "features", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fx := startCLIFixture(t, ar)
			for _, m := range fx.markers {
				fx.check(t, m)
			}
		})
	}
}

func (fx *cliFixture) check(t *testing.T, m markers.Marker) {
	t.Helper()
	ctx := context.Background()
	srv := fx.c.server
	where := m.Path + ":" + strconv.Itoa(m.Line)
	tdp := fx.pos(m.Path, m.Off)
	switch m.Name {
	case "complete":
		res, err := srv.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: tdp})
		if err != nil {
			t.Fatalf("%s: completion: %v", where, err)
		}
		list, _ := res.(*protocol.CompletionList)
		var labels []string
		if list != nil {
			for _, it := range list.Items {
				labels = append(labels, it.Label)
				if te, ok := it.TextEdit.(*protocol.TextEdit); !ok || te == nil {
					t.Errorf("%s: item %q has no text edit", where, it.Label)
				}
			}
		}
		for _, want := range m.Args {
			switch {
			case want == "!":
				if len(labels) > 0 {
					t.Errorf("%s: want no completion, got %q", where, labels)
				}
			case want == "<uuid>":
				ok := false
				for _, l := range labels {
					ok = ok || analysis.ValidUUIDv4(l)
				}
				if !ok {
					t.Errorf("%s: want a fresh UUID v4 among %q", where, labels)
				}
			case strings.HasPrefix(want, "-"):
				for _, l := range labels {
					if l == want[1:] {
						t.Errorf("%s: %q must not be offered", where, l)
					}
				}
			default:
				ok := false
				for _, l := range labels {
					ok = ok || l == want
				}
				if !ok {
					t.Errorf("%s: want completion %q, got %q", where, want, labels)
				}
			}
		}
	case "hover":
		h, err := srv.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: tdp})
		if err != nil {
			t.Fatalf("%s: hover: %v", where, err)
		}
		text := hoverString(h)
		for _, want := range m.Args {
			if want == "!" {
				if h != nil {
					t.Errorf("%s: want no hover, got %q", where, text)
				}
				continue
			}
			if !strings.Contains(text, want) {
				t.Errorf("%s: hover does not contain %q:\n%s", where, want, text)
			}
		}
	case "def":
		res, err := srv.Definition(ctx, &protocol.DefinitionParams{TextDocumentPositionParams: tdp})
		if err != nil {
			t.Fatalf("%s: definition: %v", where, err)
		}
		locs, _ := res.(protocol.LocationSlice)
		var got []string
		for _, l := range locs {
			got = append(got, fx.rel(l.URI))
		}
		for _, want := range m.Args {
			if !containsStr(got, want) {
				t.Errorf("%s: definition does not lead to %s; got %q", where, want, got)
			}
		}
		if len(m.Args) == 0 && len(got) > 0 {
			t.Errorf("%s: want no definition, got %q", where, got)
		}
	case "refs":
		locs, err := srv.References(ctx, &protocol.ReferenceParams{TextDocumentPositionParams: tdp})
		if err != nil {
			t.Fatalf("%s: references: %v", where, err)
		}
		var got []string
		for _, l := range locs {
			got = append(got, fx.rel(l.URI))
		}
		for _, want := range m.Args {
			if !containsStr(got, want) {
				t.Errorf("%s: references do not include %s; got %q", where, want, got)
			}
		}
	case "action":
		r := protocol.Range{Start: tdp.Position, End: tdp.Position}
		res, err := srv.CodeAction(ctx, &protocol.CodeActionParams{TextDocument: tdp.TextDocument, Range: r,
			Context: protocol.CodeActionContext{Only: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}}})
		if err != nil {
			t.Fatalf("%s: code action: %v", where, err)
		}
		var titles []string
		found := false
		for _, x := range res {
			ca, ok := x.(*protocol.CodeAction)
			if !ok {
				continue
			}
			titles = append(titles, ca.Title)
			if strings.HasPrefix(ca.Title, m.Args[0]) {
				found = true
				if ca.Kind == nil || *ca.Kind != protocol.CodeActionKindQuickFix || ca.Edit == nil || len(ca.Edit.DocumentChanges)+len(ca.Edit.Changes) == 0 {
					t.Errorf("%s: action %q is not a quick fix with an edit: %+v", where, ca.Title, ca)
				}
			}
		}
		if !found {
			t.Errorf("%s: no action %q…; got %q", where, m.Args[0], titles)
		}
	case "symbols":
		res, err := srv.DocumentSymbol(ctx, &protocol.DocumentSymbolParams{TextDocument: tdp.TextDocument})
		if err != nil {
			t.Fatalf("%s: symbols: %v", where, err)
		}
		syms, _ := res.(protocol.DocumentSymbolSlice)
		var names []string
		for _, s := range syms {
			names = append(names, s.Name)
		}
		for _, want := range m.Args {
			if !containsStr(names, want) {
				t.Errorf("%s: symbols do not include %q; got %q", where, want, names)
			}
		}
	default:
		t.Errorf("%s: unknown marker @%s", where, m.Name)
	}
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestCLIUseCompletionImportsAndWorkspaceSymbols checks what the markers
// do not: the .use(…) completion imports the builder it inserts, and
// workspace/symbol finds extensions.
func TestCLIUseCompletionImportsAndWorkspaceSymbols(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cli", "features", "app.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fx := startCLIFixture(t, ar)
	ctx := context.Background()
	var use markers.Marker
	for _, m := range fx.markers {
		if m.Name == "complete" && m.Path == "app/src/extensions.ts" {
			use = m
		}
	}
	res, err := fx.c.server.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: fx.pos(use.Path, use.Off)})
	if err != nil {
		t.Fatal(err)
	}
	var item *protocol.CompletionItem
	for i, it := range res.(*protocol.CompletionList).Items {
		if it.Label == "orderPaid" {
			item = &res.(*protocol.CompletionList).Items[i]
		}
	}
	if item == nil || len(item.AdditionalTextEdits) != 1 {
		t.Fatalf("orderPaid: %+v", item)
	}
	want := "\nimport orderPaid from './extensions/backend/events/order-paid/order-paid.extension.ts';"
	if e := item.AdditionalTextEdits[0]; e.NewText != want || e.Range.Start.Line != 1 {
		t.Errorf("import edit %+v, want %q after line 1", e, want)
	}

	syms, err := fx.c.server.Symbols(ctx, &protocol.WorkspaceSymbolParams{Query: "contactcreated"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range syms.(protocol.SymbolInformationSlice) {
		names = append(names, s.Name)
	}
	for _, want := range []string{"contact-created", "contacts.onContactCreated", "contactCreated"} {
		if !containsStr(names, want) {
			t.Errorf("workspace symbols for \"contactcreated\" lack %q: %q", want, names)
		}
	}
}
