package lsp

import (
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// Source is the diagnostic source shown by editors.
const Source = "wix-events"

// rng converts a byte span of f to an LSP range in the negotiated encoding.
// Every position the server sends goes through here (or pos).
func (s *Server) rng(f *index.File, sp scan.Span) protocol.Range {
	return spanRange(f.Lines(), sp, s.encoding())
}

func spanRange(m *textpos.Mapper, sp scan.Span, enc textpos.Encoding) protocol.Range {
	a := m.Position(int(sp.Start), enc)
	b := m.Position(int(sp.End), enc)
	return protocol.Range{
		Start: protocol.Position{Line: a.Line, Character: a.Character},
		End:   protocol.Position{Line: b.Line, Character: b.Character},
	}
}

// offset converts an LSP position in f to a byte offset (clamped: positions
// from the client are untrusted and may be stale).
func (s *Server) offset(f *index.File, p protocol.Position) int {
	o, _ := f.Lines().Offset(textpos.Position{Line: p.Line, Character: p.Character}, s.encoding())
	return o
}

func fileURI(path string) uri.URI { return uri.File(path) }

// mapperFor returns the line table for any path: the indexed file's, or an
// empty text's for a file that does not exist yet.
func (s *Server) mapperFor(path string) *textpos.Mapper {
	if f := s.ws.File(path); f != nil {
		return f.Lines()
	}
	return textpos.NewMapper("")
}

// toProtocol converts analysis diagnostics of f.
func (s *Server) toProtocol(f *index.File, ds []analysis.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(ds))
	enc := s.encoding()
	for _, d := range ds {
		pd := protocol.Diagnostic{
			Range:    spanRange(f.Lines(), d.Span, enc),
			Severity: protocol.DiagnosticSeverity(d.Severity),
			Code:     protocol.String(d.Code),
			Source:   protocol.NewOptional(Source),
			Message:  protocol.String(d.Message),
		}
		// Every code links to a page: the diagnostic's own, else its rule's.
		pd.CodeDescription = protocol.CodeDescription{Href: uri.URI(analysis.DocsURL(d))}
		if len(d.Tags) > 0 {
			tags := make([]protocol.DiagnosticTag, len(d.Tags))
			for i, t := range d.Tags {
				tags[i] = protocol.DiagnosticTag(t)
			}
			pd.Tags = protocol.NewDiagnosticTags(tags...)
		}
		if s.caps.relatedInformation {
			for _, r := range d.Related {
				pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
					Location: protocol.Location{URI: fileURI(r.Path), Range: spanRange(s.mapperFor(r.Path), r.Span, enc)},
					Message:  r.Message,
				})
			}
		}
		out = append(out, pd)
	}
	return out
}
