package lsp

// Code lenses: one line above each handler that says what it does before the
// developer has to ask. A Velo handler shows the event Wix fires it on; a
// CLI event builder shows the SDK event its handler listens to and where it
// is registered, or a "register" lens when it is not. Each lens carries a
// server command (wixEvents.show, wixEvents.applyFix) that every client can
// run, so no editor-specific command IDs are needed.

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// Commands the lenses run (listed in executeCommandProvider).
const (
	// CommandShow opens a document: {"uri": "...", "external": bool, "selection": Range?}.
	CommandShow = "wixEvents.show"
	// CommandApplyFix applies the preferred fix of the first diagnostic with
	// a code in a file: {"uri": "...", "code": "unregistered-extension"}.
	CommandApplyFix = "wixEvents.applyFix"
)

// showArgs is the argument of CommandShow.
type showArgs struct {
	URI       string          `json:"uri"`
	External  bool            `json:"external,omitempty"`
	Selection *protocol.Range `json:"selection,omitempty"`
}

// applyFixArgs is the argument of CommandApplyFix.
type applyFixArgs struct {
	URI  string `json:"uri"`
	Code string `json:"code"`
}

// CodeLens lists the lenses of a Velo events.js or a CLI builder file.
func (s *Server) CodeLens(ctx context.Context, params *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	out := []protocol.CodeLens{}
	f := s.file(params.TextDocument.URI)
	if f == nil {
		return out, nil
	}
	switch f.Kind {
	case index.KindVeloEvents:
		out = append(out, s.veloLenses(f, nil)...)
	case index.KindVeloBackend, index.KindVeloData:
		// A module events.js re-exports from: its handlers are events.js
		// handlers (analysis.Analyzer.ReexportedBy).
		if ev, all, names := s.an.ReexportedBy(f); ev != nil {
			out = append(out, s.veloLenses(f, func(name string) bool { return all || names[name] })...)
		}
	case index.KindCLIBuilder, index.KindCLIRegistration:
		out = append(out, s.builderLenses(f)...) // a registration's inline builders
	}
	out = append(out, s.sampleLenses(f)...) // sample.go
	return out, nil
}

// veloLenses: "fires on <event> · <module>" above each known handler, and a
// docs lens when the entry has a page; only the exports keep admits when it
// is not nil.
func (s *Server) veloLenses(f *index.File, keep func(name string) bool) []protocol.CodeLens {
	cat := s.an.Catalog(f.Path)
	var out []protocol.CodeLens
	for _, e := range f.Scan.Exports {
		if e.Depth > 0 || e.Form == scan.FormType || e.Form == scan.FormDefault {
			continue
		}
		if keep != nil && !keep(e.Name) {
			continue
		}
		hs := cat.Lookup(e.Name)
		if len(hs) == 0 {
			continue
		}
		rng := s.rng(f, e.NameSpan)
		title := "fires on " + hs[0].Event + " · " + moduleList(hs)
		if allDeprecated(hs) {
			title += " · deprecated"
		}
		out = append(out, lens(rng, title, CommandShow, showDocs(hs)))
		if url := docsURLOf(hs); url != "" {
			out = append(out, lens(rng, "docs", CommandShow, showArgs{URI: url, External: true}))
		}
	}
	return out
}

// showDocs is the first lens's target: the docs page when there is one,
// else nothing to open (the lens is informational).
func showDocs(hs []*catalog.Handler) any {
	if url := docsURLOf(hs); url != "" {
		return showArgs{URI: url, External: true}
	}
	return nil
}

func docsURLOf(hs []*catalog.Handler) string {
	for _, h := range hs {
		if h.DocsURL != "" {
			return h.DocsURL
		}
	}
	return ""
}

func allDeprecated(hs []*catalog.Handler) bool {
	for _, h := range hs {
		if !h.Deprecated {
			return false
		}
	}
	return true
}

// builderLenses: above each event builder, the SDK event its handler
// listens to, and where it is registered (or a lens that registers it).
func (s *Server) builderLenses(f *index.File) []protocol.CodeLens {
	app := s.an.CLIApp(f.Path)
	if app == nil {
		return nil
	}
	var out []protocol.CodeLens
	for _, b := range app.BuildersIn(f.Path) {
		if !b.Event() {
			continue
		}
		rng := s.rng(f, b.Call.CalleeSpan)
		if h := app.Handlers[b.SourcePath]; b.SourceStatus == analysis.SourceOK && h != nil {
			title := "handler: " + filepath.Base(h.File.Path)
			if c := h.Main(); c != nil {
				title = "handles " + c.Name()
				if c.Package != "" {
					title += " · " + c.Package
				}
			}
			out = append(out, lens(rng, title, CommandShow, showArgs{URI: string(fileURI(h.File.Path))}))
		}
		switch {
		case b.Inline:
			// Registered by the .use() it is written in, right here.
		case len(b.Uses) > 0:
			u := b.Uses[0]
			rel := relSlash(app.Root, u.Reg.File.Path)
			sel := s.rng(u.Reg.File, u.Span)
			out = append(out, lens(rng, "registered in "+rel, CommandShow, showArgs{URI: string(fileURI(u.Reg.File.Path)), Selection: &sel}))
		case s.hasDiag(f, "unregistered-extension", b.Call.CalleeSpan):
			out = append(out, lens(rng, "not registered: register", CommandApplyFix, applyFixArgs{URI: string(fileURI(f.Path)), Code: "unregistered-extension"}))
		}
	}
	return out
}

// hasDiag reports a diagnostic of code at span in f, with a fix.
func (s *Server) hasDiag(f *index.File, code string, sp scan.Span) bool {
	for _, d := range s.an.File(f) {
		if d.Code == code && d.Span == sp && len(d.Fixes) > 0 {
			return true
		}
	}
	return false
}

func relSlash(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.Base(p)
}

// lens builds a code lens whose command takes one argument (none when arg
// is nil).
func lens(rng protocol.Range, title, command string, arg any) protocol.CodeLens {
	// A lens with no action keeps the empty command: shown, a no-op in
	// every client.
	cmd := protocol.Command{Title: title}
	if arg != nil {
		cmd.Command = command
		if b, err := protocol.Marshal(arg); err == nil {
			cmd.Arguments = []protocol.LSPAny{protocol.LSPAny(b)}
		}
	}
	return protocol.CodeLens{Range: rng, Command: cmd}
}

// runShow asks the client to show a document or a page.
func (s *Server) runShow(ctx context.Context, raw []byte) (any, error) {
	var a showArgs
	if err := protocol.Unmarshal(raw, &a); err != nil || a.URI == "" {
		return nil, fmt.Errorf("%s takes {\"uri\": …}", CommandShow)
	}
	if !strings.HasPrefix(a.URI, "https://") && !strings.HasPrefix(a.URI, "file://") {
		return nil, fmt.Errorf("%s: only https and file URIs are shown", CommandShow)
	}
	p := &protocol.ShowDocumentParams{URI: uri.URI(a.URI), Selection: a.Selection}
	if a.External {
		p.External = ptr(true)
	}
	res, err := s.client.ShowDocument(ctx, p)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// runApplyFix recomputes the file's diagnostics and asks the client to apply
// the preferred fix of the first one with the code.
func (s *Server) runApplyFix(ctx context.Context, raw []byte) (any, error) {
	var a applyFixArgs
	if err := protocol.Unmarshal(raw, &a); err != nil || a.URI == "" || a.Code == "" {
		return nil, fmt.Errorf("%s takes {\"uri\": …, \"code\": …}", CommandApplyFix)
	}
	f := s.file(uri.URI(a.URI))
	if f == nil {
		return nil, fmt.Errorf("%s: %s is not in the workspace", CommandApplyFix, a.URI)
	}
	for _, d := range s.diags.diagnostics(f) {
		if d.Code != a.Code {
			continue
		}
		for _, fx := range d.Fixes {
			if !fx.Preferred && len(d.Fixes) > 1 {
				continue
			}
			res, err := s.client.ApplyEdit(ctx, &protocol.ApplyWorkspaceEditParams{Label: ptr(fx.Title), Edit: *s.workspaceEdit(fx.Edits)})
			if err != nil {
				return nil, err
			}
			return res, nil
		}
	}
	return nil, fmt.Errorf("%s: no %s fix in %s", CommandApplyFix, a.Code, a.URI)
}
