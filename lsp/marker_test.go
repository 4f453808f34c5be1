package lsp

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/index/textpos"
	"github.com/wix-events-ls/wix-events-ls/internal/markers"
)

// LSP marker tests. Each testdata/<group>/*.txtar archive is a workspace;
// every file in it is opened in a real server over a pipe, and comment
// markers in the files state what the server must answer:
//
// Stacked markers (/*@hover(…)*//*@link(…)*/name) all refer to the position
// after the last of them.
//
//	/*@complete(a, b)*/   completion at the marker's START (the cursor sits
//	                      right after the typed text) offers labels a and b
//	/*@nocomplete()*/     completion at the marker's start offers nothing
//	/*@hover("text")*/    hover right AFTER the marker contains text
//	/*@nohover()*/        hover right after the marker is null
//	/*@action("title")*/  a code action right after the marker has that title
//	/*@link("url")*/      a document link starting right after the marker
//	                      targets a URL containing url
//	/*@symbol(name)*/     the document symbols include name, starting right
//	                      after the marker
//
// Markers are ordinary block comments, so the scanner skips them.
var lspMarkerRE = regexp.MustCompile(`/\*@(complete|nocomplete|hover|nohover|action|link|symbol)\(([^)]*)\)\*/`)

func TestLSPMarkers(t *testing.T) {
	for _, group := range []string{"velo", "cli"} {
		files, _ := filepath.Glob(filepath.Join("testdata", group, "*.txtar"))
		if group == "velo" && len(files) == 0 {
			t.Fatal("no fixtures in testdata/velo")
		}
		for _, file := range files {
			t.Run(group+"/"+filepath.Base(file), func(t *testing.T) { runLSPMarkers(t, file) })
		}
	}
}

func runLSPMarkers(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tree := map[string]string{}
	for _, f := range ar.Files {
		tree[f.Name] = string(f.Data)
	}
	root := writeTree(t, tree)
	c := startServer(t)
	c.initialize(root, nil)
	c.waitIndexed() // the files not opened below (builders, package.json) are read
	ctx := context.Background()
	n := 0
	for name, text := range tree {
		path := filepath.Join(root, filepath.FromSlash(name))
		u := c.open(path, text)
		m := textpos.NewMapper(text)
		pos := func(off int) protocol.Position {
			p := m.Position(off, textpos.UTF16)
			return protocol.Position{Line: p.Line, Character: p.Character}
		}
		tdp := func(off int) protocol.TextDocumentPositionParams {
			return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos(off)}
		}
		for _, mk := range lspMarkerRE.FindAllStringSubmatchIndex(text, -1) {
			n++
			kind, arg := text[mk[2]:mk[3]], text[mk[4]:mk[5]]
			start, end := mk[0], mk[1]
			// Stacked markers all point past the last of them.
			for {
				next := lspMarkerRE.FindStringIndex(text[end:])
				if next == nil || next[0] != 0 {
					break
				}
				end += next[1]
			}
			where := name + ":" + text[start:end]
			switch kind {
			case "complete", "nocomplete":
				res, err := c.server.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: tdp(start)})
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				labels := map[string]bool{}
				for _, it := range res.(*protocol.CompletionList).Items {
					labels[it.Label] = true
				}
				if kind == "nocomplete" && len(labels) > 0 {
					t.Errorf("%s: want no completions, got %d", where, len(labels))
				}
				for _, want := range markers.ParseArgs(arg) {
					if !labels[want] {
						t.Errorf("%s: completion lacks %q (got %d items)", where, want, len(labels))
					}
				}
			case "hover", "nohover":
				h, err := c.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: tdp(end)})
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				if kind == "nohover" {
					if h != nil {
						t.Errorf("%s: want no hover, got %+v", where, h.Contents)
					}
					continue
				}
				if h == nil {
					t.Errorf("%s: no hover", where)
					continue
				}
				v := h.Contents.(*protocol.MarkupContent).Value
				for _, want := range markers.ParseArgs(arg) {
					if !strings.Contains(v, want) {
						t.Errorf("%s: hover lacks %q:\n%s", where, want, v)
					}
				}
			case "action":
				c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return len(ds) > 0 })
				acts, err := c.server.CodeAction(ctx, &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u},
					Range: protocol.Range{Start: pos(end), End: pos(end)}})
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				var titles []string
				for _, a := range acts {
					if ca, ok := a.(*protocol.CodeAction); ok {
						titles = append(titles, ca.Title)
					}
				}
				for _, want := range markers.ParseArgs(arg) {
					if !strings.Contains(strings.Join(titles, "\n"), want) {
						t.Errorf("%s: actions %q lack %q", where, titles, want)
					}
				}
			case "link":
				links, err := c.server.DocumentLink(ctx, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, l := range links {
					if l.Range.Start == pos(end) && l.Target != nil && strings.Contains(string(*l.Target), strings.Trim(arg, `"`)) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: no link to %q at the marker (links: %+v)", where, arg, links)
				}
			case "symbol":
				res, err := c.server.DocumentSymbol(ctx, &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, s := range res.(protocol.DocumentSymbolSlice) {
					if s.Name == arg && s.SelectionRange.Start == pos(end) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: no symbol %q at the marker", where, arg)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("archive has no markers")
	}
}
