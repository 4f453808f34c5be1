package lsp

// Navigation between the three files of a Wix CLI event extension:
// definition from a builder's source to the handler file and from a
// registration's .use(x) (or its import) to the builder; references from a
// handler file to the builders naming it, and from a builder to the
// registration using it.

import (
	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// loc is a location in a file of the index (or at the start of one that
// is not indexed).
func (s *Server) loc(path string, sp scan.Span) protocol.Location {
	if f := s.ws.File(path); f != nil {
		return protocol.Location{URI: fileURI(path), Range: s.rng(f, sp)}
	}
	return protocol.Location{URI: fileURI(path)}
}

func definitionCLI(s *Server, f *index.File, off int) []protocol.Location {
	app := s.an.CLIApp(f.Path)
	if app == nil {
		return nil
	}
	switch f.Kind {
	case index.KindCLIBuilder:
		for _, b := range app.BuildersIn(f.Path) {
			if b.Source.Present && within(b.Source.Span, off) && b.SourceStatus == analysis.SourceOK {
				return []protocol.Location{s.loc(b.SourcePath, scan.Span{})}
			}
		}
	case index.KindCLIRegistration:
		if u, _ := useAt(app, f, off); u != nil && u.Target != nil {
			return []protocol.Location{s.loc(u.Target.File.Path, u.Target.Call.CalleeSpan)}
		}
	case index.KindCLIHandler:
		// From the event call to the builder(s) naming this file.
		if h := app.Handlers[f.Path]; h != nil {
			for _, c := range h.Calls {
				if within(c.Call.CalleeSpan, off) {
					return builderLocs(s, h)
				}
			}
		}
	}
	return nil
}

func builderLocs(s *Server, h *analysis.Handler) []protocol.Location {
	var out []protocol.Location
	for _, b := range h.Builders {
		out = append(out, s.loc(b.File.Path, b.Source.Span))
	}
	return out
}

func referencesCLI(s *Server, f *index.File, off int) []protocol.Location {
	app := s.an.CLIApp(f.Path)
	if app == nil {
		return nil
	}
	var out []protocol.Location
	switch f.Kind {
	case index.KindCLIHandler:
		if h := app.Handlers[f.Path]; h != nil {
			out = builderLocs(s, h)
		}
	case index.KindCLIBuilder:
		for _, b := range app.BuildersIn(f.Path) {
			out = append(out, useLocs(s, b)...)
		}
	case index.KindCLIRegistration:
		if u, _ := useAt(app, f, off); u != nil && u.Target != nil {
			out = append(out, s.loc(u.Target.File.Path, u.Target.Call.CalleeSpan))
			out = append(out, useLocs(s, u.Target)...)
		}
	}
	return out
}

// useLocs returns where the registration imports and uses a builder.
func useLocs(s *Server, b *analysis.Builder) []protocol.Location {
	var out []protocol.Location
	seen := map[*scan.Import]bool{}
	for _, u := range b.Uses {
		if u.Import != nil && !seen[u.Import] {
			seen[u.Import] = true
			out = append(out, s.loc(u.Reg.File.Path, u.Import.ModuleSpan))
		}
		out = append(out, s.loc(u.Reg.File.Path, u.Span))
	}
	return out
}
