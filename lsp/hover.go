package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/catalog"
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
				cat := s.an.Catalog(f.Path)
				hs := cat.Lookup(e.Name)
				if len(hs) == 0 {
					if md, ok := unreadDoc(cat, e.Name); ok {
						r := s.rng(f, e.NameSpan)
						return &protocol.Hover{Contents: s.markup(md), Range: &r}, nil
					}
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

// unreadDoc explains a handler name the catalog does not know whose event a
// Velo events menu lists under a name no page read shows (the rule says so
// as information): which module, the menu to check the name on, and the
// SDK event of that name, whose payload it likely carries.
func unreadDoc(cat *catalog.Catalog, name string) (string, bool) {
	_, event, _ := catalog.SplitHandlerName(name)
	us := cat.UnreadVelo(event)
	if len(us) == 0 {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — not a handler name the catalog knows\n\n", name)
	for _, u := range us {
		fmt.Fprintf(&b, "The Velo docs list `%s` for %s ([menu](%s)), under a handler name the catalog has not read: check this name there.\n\n", event, u.Module, u.Menu)
	}
	if evs := cat.FindSDKExport(event); len(evs) > 0 {
		var keys []string
		for _, e := range evs {
			keys = append(keys, "`"+e.Package+" "+e.Namespace+"."+e.Export+"`")
		}
		b.WriteString("JavaScript SDK events of that name: " + strings.Join(keys, ", ") + ".\n")
	}
	return b.String(), true
}
