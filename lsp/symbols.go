package lsp

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// symbol is one outline entry, before conversion.
type symbol struct {
	name, detail string
	kind         protocol.SymbolKind
	span, sel    scan.Span
	deprecated   bool
}

// symbolsOf lists the handlers of a Velo file (every handler-shaped or known
// export, with its event as detail) or the extensions of a CLI file.
func (s *Server) symbolsOf(f *index.File) []symbol {
	if f.Kind.CLI() {
		return symbolsCLI(s, f)
	}
	if !f.Kind.Velo() {
		return nil
	}
	cat := s.an.Catalog(f.Path)
	var out []symbol
	for _, e := range f.Scan.Exports {
		if e.Depth > 0 || e.Form == scan.FormType || e.Form == scan.FormDefault {
			continue
		}
		hs := cat.Lookup(e.Name)
		if len(hs) == 0 && !analysis.HandlerShaped(cat, e.Name) {
			continue
		}
		sym := symbol{name: e.Name, kind: protocol.SymbolKindFunction, span: e.Stmt, sel: e.NameSpan}
		if len(hs) > 0 {
			sym.kind = protocol.SymbolKindEvent
			sym.detail = hs[0].Event + " · " + moduleList(hs)
			sym.deprecated = true
			for _, h := range hs {
				sym.deprecated = sym.deprecated && h.Deprecated
			}
		} else {
			sym.detail = "unknown event"
		}
		if sym.span.IsZero() || sym.span.End < sym.sel.End || sym.span.Start > sym.sel.Start {
			sym.span = sym.sel
		}
		out = append(out, sym)
	}
	return out
}

// DocumentSymbol returns the outline: handlers with their events.
func (s *Server) DocumentSymbol(ctx context.Context, params *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	f := s.file(params.TextDocument.URI)
	out := protocol.DocumentSymbolSlice{}
	if f == nil {
		return out, nil
	}
	for _, sym := range s.symbolsOf(f) {
		ds := protocol.DocumentSymbol{Name: sym.name, Kind: sym.kind, Range: s.rng(f, sym.span), SelectionRange: s.rng(f, sym.sel)}
		if sym.detail != "" {
			d := sym.detail
			ds.Detail = &d
		}
		if sym.deprecated {
			ds.Tags = []protocol.SymbolTag{protocol.SymbolTagDeprecated}
		}
		out = append(out, ds)
	}
	return out, nil
}

// Symbols (workspace/symbol) returns every handler and extension in the
// workspace whose name contains the query's characters in order.
func (s *Server) Symbols(ctx context.Context, params *protocol.WorkspaceSymbolParams) (protocol.WorkspaceSymbolResult, error) {
	out := protocol.SymbolInformationSlice{}
	q := strings.ToLower(params.Query)
	for _, f := range s.ws.Files() {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for _, sym := range s.symbolsOf(f) {
			if !subsequence(q, strings.ToLower(sym.name)) {
				continue
			}
			container := f.Rel
			si := protocol.SymbolInformation{
				BaseSymbolInformation: protocol.BaseSymbolInformation{Name: sym.name, Kind: sym.kind, ContainerName: &container},
				Location:              protocol.Location{URI: fileURI(f.Path), Range: s.rng(f, sym.sel)},
			}
			if sym.deprecated {
				si.Tags = []protocol.SymbolTag{protocol.SymbolTagDeprecated}
			}
			out = append(out, si)
			if len(out) >= 1000 {
				return out, nil
			}
		}
	}
	return out, nil
}

// subsequence reports whether q's characters appear in s in order.
func subsequence(q, s string) bool {
	i := 0
	for j := 0; j < len(s) && i < len(q); j++ {
		if s[j] == q[i] {
			i++
		}
	}
	return i == len(q)
}
