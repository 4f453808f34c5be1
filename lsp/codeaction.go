package lsp

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// CodeActionKindFixAll is the "fix all" action's kind: editors run it from
// a menu, or on save with "editor.codeActionsOnSave": {"source.fixAll": …}.
const CodeActionKindFixAll protocol.CodeActionKind = "source.fixAll.wixEvents"

// CodeAction returns the quick fixes of the diagnostics touching the
// requested range, and a fix-all action for the file. Fixes are recomputed
// from the current text rather than trusted from the client's copy of the
// diagnostic, so a stale request can never apply an edit computed for other
// text.
func (s *Server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	out := []protocol.CommandOrCodeAction{}
	f := s.file(params.TextDocument.URI)
	if f == nil {
		return out, nil
	}
	quick, fixAll := true, true
	if len(params.Context.Only) > 0 {
		quick, fixAll = false, false
		for _, k := range params.Context.Only {
			switch {
			case k == protocol.CodeActionKindQuickFix || k == "":
				quick = true
			case kindCovers(k, CodeActionKindFixAll):
				fixAll = true
			}
		}
	}
	ds := s.diags.diagnostics(f)
	if fixAll {
		if ca := s.fixAllAction(f, ds); ca != nil {
			out = append(out, ca)
		}
	}
	if !quick {
		return out, nil
	}
	start, end := s.offset(f, params.Range.Start), s.offset(f, params.Range.End)
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

// kindCovers reports whether a requested kind includes kind: "source"
// covers "source.fixAll.wixEvents", as LSP kinds are hierarchical.
func kindCovers(requested, kind protocol.CodeActionKind) bool {
	return requested == kind || strings.HasPrefix(string(kind), string(requested)+".")
}

// fixAllAction applies every safe fix in the file at once: each
// diagnostic's preferred fix (the one a quick fix would pick), skipping fixes
// that create files or whose edits overlap one already taken. nil when there
// is nothing to fix.
func (s *Server) fixAllAction(f *index.File, ds []analysis.Diagnostic) *protocol.CodeAction {
	var edits []analysis.Edit
	var fixed []analysis.Diagnostic
	taken := map[string][]scan.Span{}
	overlaps := func(e analysis.Edit) bool {
		for _, sp := range taken[e.Path] {
			if e.Span.Start < sp.End && sp.Start < e.Span.End || e.Span == sp {
				return true
			}
		}
		return false
	}
	for _, d := range ds {
		fx, ok := preferredFix(d)
		if !ok {
			continue
		}
		safe := true
		for _, e := range fx.Edits {
			if e.Create || overlaps(e) {
				safe = false
				break
			}
		}
		if !safe {
			continue
		}
		for _, e := range fx.Edits {
			taken[e.Path] = append(taken[e.Path], e.Span)
		}
		edits = append(edits, fx.Edits...)
		fixed = append(fixed, d)
	}
	if len(edits) == 0 {
		return nil
	}
	kind := CodeActionKindFixAll
	return &protocol.CodeAction{
		Title:       fmt.Sprintf("Fix all Wix event problems (%d)", len(fixed)),
		Kind:        &kind,
		Diagnostics: s.toProtocol(f, fixed),
		Edit:        s.workspaceEdit(edits),
	}
}

// preferredFix is the fix a rule marks safe to apply without choosing (a
// rule marks none when the right edit needs the developer: several
// did-you-mean names, moving code to another file).
func preferredFix(d analysis.Diagnostic) (analysis.Fix, bool) {
	for _, fx := range d.Fixes {
		if fx.Preferred {
			return fx, true
		}
	}
	return analysis.Fix{}, false
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
