package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// Hover explains a Velo handler (what fires it, its module and payload,
// deprecation, docs link) and, in CLI apps, SDK events, extension ids and
// sources. It answers null (nil) where there is nothing to say.
func (s *Server) Hover(ctx context.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	f := s.file(params.TextDocument.URI)
	if f == nil {
		return nil, nil
	}
	off := s.offset(f, params.Position)
	if h := s.hoverElevation(f, off); h != nil {
		return h, nil
	}
	switch {
	case f.Kind.Velo():
		for _, e := range f.Scan.Exports {
			if int(e.NameSpan.Start) <= off && off <= int(e.NameSpan.End) && e.Form != scan.FormType {
				hs := s.an.Catalog(f.Path).Lookup(e.Name)
				if len(hs) == 0 {
					return nil, nil
				}
				r := s.rng(f, e.NameSpan)
				return &protocol.Hover{Contents: s.markup(handlerDoc(hs)), Range: &r}, nil
			}
		}
	case f.Kind.CLI():
		if md, sp, ok := hoverCLI(s, f, off); ok {
			r := s.rng(f, sp)
			return &protocol.Hover{Contents: s.markup(md), Range: &r}, nil
		}
	}
	if md, sp, ok := s.hoverPayload(f, off); ok { // a field of a handler's event
		r := s.rng(f, sp)
		return &protocol.Hover{Contents: s.markup(md), Range: &r}, nil
	}
	return nil, nil
}
