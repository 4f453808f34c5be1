package lsp

import (
	"context"
	"sort"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// CodeAction returns the quick fixes of the diagnostics touching the
// requested range. Fixes are recomputed from the current text rather than
// trusted from the client's copy of the diagnostic, so a stale request can
// never apply an edit computed for other text.
func (s *Server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	out := []protocol.CommandOrCodeAction{}
	f := s.file(params.TextDocument.URI)
	if f == nil {
		return out, nil
	}
	if len(params.Context.Only) > 0 {
		ok := false
		for _, k := range params.Context.Only {
			if k == protocol.CodeActionKindQuickFix || k == "quickfix" || k == "" {
				ok = true
			}
		}
		if !ok {
			return out, nil
		}
	}
	start, end := s.offset(f, params.Range.Start), s.offset(f, params.Range.End)
	ds := s.diags.diagnostics(f)
	for _, d := range ds {
		if len(d.Fixes) == 0 || int(d.Span.End) < start || int(d.Span.Start) > end {
			continue
		}
		pd := s.toProtocol(f, []analysis.Diagnostic{d})
		for _, fx := range d.Fixes {
			kind := protocol.CodeActionKindQuickFix
			ca := &protocol.CodeAction{
				Title:       fx.Title,
				Kind:        &kind,
				Diagnostics: pd,
				Edit:        s.workspaceEdit(fx.Edits),
			}
			if fx.Preferred {
				yes := true
				ca.IsPreferred = &yes
			}
			out = append(out, ca)
		}
	}
	return out, nil
}

// workspaceEdit converts analysis edits. File creation needs
// documentChanges with a CreateFile operation; clients without it get the
// plain changes map (and a created file's text as an insert at 0:0, which
// most such clients apply by creating the file).
func (s *Server) workspaceEdit(edits []analysis.Edit) *protocol.WorkspaceEdit {
	enc := s.encoding()
	byPath := map[string][]protocol.TextEdit{}
	var order []string
	var creates []string
	for _, e := range edits {
		m := s.mapperFor(e.Path)
		sp := e.Span
		if e.Create {
			creates = append(creates, e.Path)
			sp = scan.Span{}
		}
		if _, ok := byPath[e.Path]; !ok {
			order = append(order, e.Path)
		}
		byPath[e.Path] = append(byPath[e.Path], protocol.TextEdit{Range: spanRange(m, sp, enc), NewText: e.NewText})
	}
	sort.Strings(order)
	if s.caps.documentChanges {
		var dc []protocol.DocumentChange
		for _, p := range creates {
			dc = append(dc, &protocol.CreateFile{Kind: "create", URI: fileURI(p), Options: &protocol.CreateFileOptions{IgnoreIfExists: ptr(true)}})
		}
		for _, p := range order {
			var els []protocol.TextDocumentEditElement
			for i := range byPath[p] {
				els = append(els, &byPath[p][i])
			}
			id := protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: fileURI(p)}}
			if f := s.ws.File(p); f != nil && f.Open {
				v := f.Version
				id.Version = &v
			}
			dc = append(dc, &protocol.TextDocumentEdit{TextDocument: id, Edits: els})
		}
		return &protocol.WorkspaceEdit{DocumentChanges: dc}
	}
	changes := map[uri.URI][]protocol.TextEdit{}
	for _, p := range order {
		changes[fileURI(p)] = byPath[p]
	}
	return &protocol.WorkspaceEdit{Changes: changes}
}

func ptr[T any](v T) *T { return &v }
