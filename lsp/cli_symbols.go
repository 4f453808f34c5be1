package lsp

// Document and workspace symbols of Wix CLI files: a builder's extensions,
// a handler's event calls, the registration's .use(…) entries.

import (
	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

func symbolsCLI(s *Server, f *index.File) []symbol {
	app := s.an.CLIApp(f.Path)
	if app == nil {
		return nil
	}
	var out []symbol
	switch f.Kind {
	case index.KindCLIBuilder:
		for _, b := range app.BuildersIn(f.Path) {
			sym := symbol{name: b.Name(), detail: b.Kind + " extension", kind: protocol.SymbolKindObject, span: b.Call.Span, sel: b.Call.CalleeSpan}
			if b.Event() {
				sym.kind = protocol.SymbolKindEvent
				if h := app.Handlers[b.SourcePath]; h != nil {
					if m := h.Main(); m != nil {
						sym.detail += " · " + m.Name()
						sym.deprecated = m.Event != nil && m.Event.Deprecated
					}
				}
			}
			if b.ID.Literal {
				sym.detail += " · " + b.ID.Str
			}
			out = append(out, fixSpan(sym))
		}
	case index.KindCLIHandler:
		h := app.Handlers[f.Path]
		if h == nil {
			break
		}
		for _, c := range h.Calls {
			sym := symbol{name: c.Name(), detail: "unknown event", kind: protocol.SymbolKindEvent, span: c.Call.Span, sel: c.Call.CalleeSpan}
			if c.Event != nil {
				sym.detail = c.Event.EventType
				if sym.detail == "" {
					sym.detail = c.Event.Package
				}
				sym.deprecated = c.Event.Deprecated
			}
			out = append(out, fixSpan(sym))
		}
	case index.KindCLIRegistration:
		if r := app.Registration; r != nil && r.File.Path == f.Path {
			for _, u := range r.Uses {
				sym := symbol{name: u.Local, detail: "unresolved", kind: protocol.SymbolKindModule, span: u.Span, sel: u.Span}
				if u.Target != nil {
					sym.detail = u.Target.Kind + " extension · " + app.SrcRel(u.Target.File.Path)
				}
				out = append(out, sym)
			}
		}
	}
	return out
}

// fixSpan keeps the selection inside the symbol's range, as clients require.
func fixSpan(sym symbol) symbol {
	if sym.span.IsZero() || sym.span.Start > sym.sel.Start || sym.span.End < sym.sel.End {
		sym.span = scan.Span{Start: sym.sel.Start, End: max(sym.sel.End, sym.span.End)}
	}
	return sym
}
