package lsp

// Completion in Wix CLI apps: SDK namespaces in an import's braces, a
// namespace's events after `ns.`, a fresh UUID in a builder's id, handler
// files in its source, and unregistered builders in `.use(…)`.

import (
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

func completeCLI(s *Server, f *index.File, off int) ([]protocol.CompletionItem, bool) {
	if f.Scan.InComment(off) {
		return nil, false
	}
	app := s.an.CLIApp(f.Path)
	cat := s.an.Catalog(f.Path)
	if app != nil {
		cat = app.Catalog() // with the app's installed packages
	}
	if items, ok := s.completeImportBraces(f, cat, off); ok {
		return items, false
	}
	if app == nil {
		return nil, false
	}
	switch f.Kind {
	case index.KindCLIBuilder:
		if items, ok := s.completeBuilderProp(f, app, off); ok {
			return items, false
		}
	case index.KindCLIRegistration:
		if items, ok := s.completeUse(f, app, off); ok {
			return items, false
		}
	}
	if f.Scan.InString(off) {
		return nil, false
	}
	return s.completeEvents(f, cat, off), false
}

// completeImportBraces offers, inside `import { | } from '@wix/<pkg>'`, the
// package's namespaces that have events.
func (s *Server) completeImportBraces(f *index.File, cat *catalog.Catalog, off int) ([]protocol.CompletionItem, bool) {
	for _, im := range f.Scan.Imports {
		if im.Braces.IsZero() || off < int(im.Braces.Start) || off > int(im.Braces.End) {
			continue
		}
		pkg := analysis.SDKPackageOf(cat, im.Module)
		if pkg == "" {
			return nil, false
		}
		start := wordBefore(f.Text(), off)
		taken := map[string]bool{}
		for _, n := range im.Names {
			if !n.Span.Contains(start) && int(n.Span.End) != off {
				taken[n.Imported] = true
			}
		}
		replace := s.rng(f, scan.Span{Start: int32(start), End: int32(off)})
		var items []protocol.CompletionItem
		for i, ns := range cat.SDKNamespaces(pkg) {
			if taken[ns] {
				continue
			}
			evs := cat.SDKEvents(pkg, ns)
			items = append(items, protocol.CompletionItem{
				Label:         ns,
				Kind:          protocol.CompletionItemKindModule,
				Detail:        protocol.NewOptional(fmt.Sprintf("%s: %d event%s", pkg, len(evs), plural(len(evs)))),
				Documentation: s.markup(namespaceDoc(pkg, ns, evs)),
				SortText:      protocol.NewOptional(fmt.Sprintf("%04d", i)),
				TextEdit:      &protocol.TextEdit{Range: replace, NewText: ns},
			})
		}
		return items, true
	}
	return nil, false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// namespaceDoc lists a namespace's events.
func namespaceDoc(pkg, ns string, evs []*catalog.SDKEvent) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** from `%s` — events:\n\n", ns, pkg)
	for i, e := range evs {
		if i == 12 {
			fmt.Fprintf(&b, "- … %d more\n", len(evs)-i)
			break
		}
		fmt.Fprintf(&b, "- `%s`", e.Export)
		if e.Deprecated {
			b.WriteString(" (deprecated)")
		}
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String())
}

// completeEvents offers, after `ns.` (or `pkg.ns.` with a namespace
// import), the events of an imported SDK namespace.
func (s *Server) completeEvents(f *index.File, cat *catalog.Catalog, off int) []protocol.CompletionItem {
	sf := f.Scan
	start := wordBefore(f.Text(), off)
	dot := sf.TokenBefore(start)
	if tokText(sf, f.Text(), dot) != "." {
		return nil
	}
	obj := tokText(sf, f.Text(), dot-1)
	pkg, ns := "", ""
	for _, im := range sf.Imports {
		p := analysis.SDKPackageOf(cat, im.Module)
		if p == "" || im.TypeOnly {
			continue
		}
		for _, n := range im.Names {
			if n.Local == obj {
				pkg, ns = p, n.Imported
			}
		}
		// crm.contacts.| with `import * as crm from '@wix/crm'`.
		if im.Namespace != "" && tokText(sf, f.Text(), dot-2) == "." && tokText(sf, f.Text(), dot-3) == im.Namespace {
			pkg, ns = p, obj
		}
	}
	if pkg == "" {
		return nil
	}
	replace := s.rng(f, scan.Span{Start: int32(start), End: int32(off)})
	var items []protocol.CompletionItem
	for i, e := range cat.SDKEvents(pkg, ns) {
		it := protocol.CompletionItem{
			Label:         e.Export,
			Kind:          protocol.CompletionItemKindEvent,
			Detail:        protocol.NewOptional(eventDetail(e)),
			Documentation: s.markup(sdkDocFrom(cat, e)),
			SortText:      protocol.NewOptional(fmt.Sprintf("%d%04d", b2i(e.Deprecated), i)),
			TextEdit:      &protocol.TextEdit{Range: replace, NewText: e.Export},
		}
		if e.Deprecated {
			it.Tags = []protocol.CompletionItemTag{protocol.CompletionItemTagDeprecated}
		}
		items = append(items, it)
	}
	return items
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func eventDetail(e *catalog.SDKEvent) string {
	d := e.EventType
	if d == "" {
		d = e.Package + " " + e.Namespace
	}
	if e.Deprecated {
		d += " (deprecated)"
	}
	if e.Source != "" {
		d += " · " + e.Source
	}
	return d
}

// propAt returns the builder and the property of its options whose value
// (a string literal's inside, or a missing value) holds off.
func propAt(app *analysis.CLIApp, f *index.File, off int) (*analysis.Builder, *scan.Prop) {
	for _, b := range app.BuildersIn(f.Path) {
		c := b.Call
		if len(c.Args) == 0 || c.Args[0].Kind != scan.ArgObject || !within(c.Args[0].Span, off) {
			continue
		}
		for i := range c.Args[0].Props {
			p := &c.Args[0].Props[i]
			v := p.Value
			switch v.Kind {
			case scan.ArgString, scan.ArgTemplate:
				if !v.StrSpan.IsZero() && int(v.StrSpan.Start) <= off && off <= int(v.StrSpan.End) {
					return b, p
				}
			case scan.ArgMissing:
				if int(v.Span.Start) <= off && off <= int(v.Span.End) {
					return b, p
				}
			}
		}
	}
	return nil, nil
}

// within is Contains with the end included (a cursor after the last byte).
func within(sp scan.Span, off int) bool { return int(sp.Start) <= off && off <= int(sp.End) }

// completeBuilderProp offers a fresh UUID in `id: '|'` and handler files in
// `source: '|'`.
func (s *Server) completeBuilderProp(f *index.File, app *analysis.CLIApp, off int) ([]protocol.CompletionItem, bool) {
	b, p := propAt(app, f, off)
	if p == nil {
		return nil, false
	}
	missing := p.Value.Kind == scan.ArgMissing
	span := p.Value.StrSpan
	if missing {
		span = scan.Span{Start: int32(off), End: int32(off)}
	}
	replace := s.rng(f, span)
	wrap := func(v string) string {
		if missing {
			return "'" + v + "'"
		}
		return v
	}
	switch p.Key {
	case "id":
		id := analysis.NewUUID()
		return []protocol.CompletionItem{{
			Label:         id,
			Kind:          protocol.CompletionItemKindValue,
			Detail:        protocol.NewOptional("fresh UUID v4"),
			Documentation: s.markup("A freshly generated UUID v4 (as `crypto.randomUUID()` returns), unique across the app's extensions."),
			Preselect:     protocol.NewOptional(true),
			FilterText:    protocol.NewOptional(textOf(f.Text(), span) + id),
			TextEdit:      &protocol.TextEdit{Range: replace, NewText: wrap(id)},
		}}, true
	case "source":
		if !b.Event() {
			return nil, true
		}
		return s.sourceItems(f, app, b, replace, wrap), true
	}
	return nil, false
}

func textOf(text string, sp scan.Span) string {
	if sp.Start < 0 || int(sp.End) > len(text) || sp.Start > sp.End {
		return ""
	}
	return text[sp.Start:sp.End]
}

// sourceItems lists the app's handler files as `source` spells them: the
// file beside the builder first, then those no builder names yet.
func (s *Server) sourceItems(f *index.File, app *analysis.CLIApp, b *analysis.Builder, replace protocol.Range, wrap func(string) string) []protocol.CompletionItem {
	type cand struct {
		h    *analysis.Handler
		rank int
	}
	var cs []cand
	dir := dirOf(f.Path)
	for _, h := range app.Handlers {
		rank := 2
		if len(h.Builders) == 0 || (len(h.Builders) == 1 && h.Builders[0] == b) {
			rank = 1
		}
		if dirOf(h.File.Path) == dir {
			rank = 0
		}
		cs = append(cs, cand{h, rank})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].rank != cs[j].rank {
			return cs[i].rank < cs[j].rank
		}
		return cs[i].h.File.Path < cs[j].h.File.Path
	})
	var items []protocol.CompletionItem
	for i, c := range cs {
		rel := app.SrcRel(c.h.File.Path)
		detail := "no SDK event call"
		if m := c.h.Main(); m != nil {
			detail = m.Name()
		}
		if c.rank == 2 {
			detail += " · already the source of another extension"
		}
		items = append(items, protocol.CompletionItem{
			Label:      rel,
			Kind:       protocol.CompletionItemKindFile,
			Detail:     protocol.NewOptional(detail),
			SortText:   protocol.NewOptional(fmt.Sprintf("%d%04d", c.rank, i)),
			FilterText: protocol.NewOptional(rel),
			TextEdit:   &protocol.TextEdit{Range: replace, NewText: wrap(rel)},
		})
	}
	return items
}

// completeUse offers, inside `.use(|)` of src/extensions.ts, the builders
// the app does not register yet, importing the chosen one.
func (s *Server) completeUse(f *index.File, app *analysis.CLIApp, off int) ([]protocol.CompletionItem, bool) {
	var call *scan.Call
	for i := range f.Scan.Calls {
		c := &f.Scan.Calls[i]
		if (strings.HasSuffix(c.Callee, ".use") || c.Callee == "use") && within(c.ArgsSpan, off) {
			call = c
		}
	}
	if call == nil || app.Registration == nil || app.Registration.File.Path != f.Path {
		return nil, false
	}
	start := wordBefore(f.Text(), off)
	replace := s.rng(f, scan.Span{Start: int32(start), End: int32(off)})
	var items []protocol.CompletionItem
	for i, b := range app.Builders {
		if len(b.Uses) > 0 || b.Export == "" {
			continue
		}
		local, edits := app.ImportBuilder(b.File.Path, b.Export)
		if local == "" {
			continue
		}
		it := protocol.CompletionItem{
			Label:         local,
			Kind:          protocol.CompletionItemKindModule,
			Detail:        protocol.NewOptional(fmt.Sprintf("%s extension · %s", b.Kind, app.SrcRel(b.File.Path))),
			Documentation: s.markup(builderDoc(app, b)),
			SortText:      protocol.NewOptional(fmt.Sprintf("%04d", i)),
			TextEdit:      &protocol.TextEdit{Range: replace, NewText: local},
		}
		for _, e := range edits {
			it.AdditionalTextEdits = append(it.AdditionalTextEdits, protocol.TextEdit{Range: s.rng(f, e.Span), NewText: e.NewText})
		}
		items = append(items, it)
	}
	return items, true
}
