package lsp

import (
	"context"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// DocumentLink links each known handler name in a Velo file to its docs page.
func (s *Server) DocumentLink(ctx context.Context, params *protocol.DocumentLinkParams) ([]protocol.DocumentLink, error) {
	out := []protocol.DocumentLink{}
	f := s.file(params.TextDocument.URI)
	if f == nil || !f.Kind.Velo() {
		return out, nil
	}
	cat := s.an.Catalog(f.Path)
	for _, e := range f.Scan.Exports {
		if e.Depth > 0 || e.Form == scan.FormType {
			continue
		}
		for _, h := range cat.Lookup(e.Name) {
			if h.DocsURL == "" {
				continue
			}
			target := uri.URI(h.DocsURL)
			tip := h.Module + " " + h.Event + " docs"
			out = append(out, protocol.DocumentLink{Range: s.rng(f, e.NameSpan), Target: &target, Tooltip: &tip})
			break
		}
	}
	return out, nil
}
