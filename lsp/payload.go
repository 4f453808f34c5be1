package lsp

// Payload fields at any depth: completion after `event.entity.info.` (and
// `?.`, destructured names, `const order = event.entity` aliases) and hover
// on any field of the chain, from the catalog's payload schemas.
//
// JavaScript files (events.js) get the list: nothing else knows the types
// there. TypeScript files (CLI handlers) get no list, since TypeScript
// infers the event's type from the @wix package and lists the same fields;
// their hover adds only what TypeScript cannot see (an enum's values, the
// event's docs link).

import (
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// payloadAt is where a member chain on a handler's event leads.
type payloadAt struct {
	hp   analysis.HandlerPayload
	path []string // from the event: "entity", "info"
	root string   // the name written first: "event", "order"
	res  catalog.PathResult
}

// payloadChain resolves the chain written before the '.' or '?.' token at
// dot (f with tokens), plus extra names, to the payload of the handler
// around it; ok is false when the chain is not on a handler's event.
func payloadChain(f *index.File, cat *catalog.Catalog, dot int, extra ...string) (payloadAt, bool) {
	sf := f.Scan
	root, path, ok := sf.ChainBefore(dot)
	if !ok {
		return payloadAt{}, false
	}
	off := int(sf.Tokens[root].Span.Start)
	if hp, ok := analysis.HandlerPayloadAt(f, cat, off); ok {
		bs, _, ok := sf.PayloadBindings(hp.Params, hp.Body)
		if !ok {
			return payloadAt{}, false
		}
		name := tokText(sf, f.Text(), root)
		for _, b := range bs {
			if b.Name != name {
				continue
			}
			full := append(append(append([]string(nil), b.Path...), path...), extra...)
			return payloadAt{hp: hp, path: full, root: name, res: cat.Walk(hp.Roots, full)}, true
		}
		return payloadAt{}, false
	}
	return payloadAt{}, false
}

// payloadKey resolves a destructuring key of a handler's event (a read
// whose span is the key itself).
func payloadKey(f *index.File, cat *catalog.Catalog, key scan.Span) (payloadAt, bool) {
	for _, r := range f.Scan.Reads {
		if r.Span != key || int(r.Base) != strings.Count(r.Path, ".") {
			continue
		}
		hp, ok := analysis.HandlerPayloadAt(f, cat, int(r.Fn.Start))
		if !ok || hp.Body != r.Fn {
			return payloadAt{}, false
		}
		path := strings.Split(r.Path, ".")
		return payloadAt{hp: hp, path: path, res: cat.Walk(hp.Roots, path)}, true
	}
	return payloadAt{}, false
}

// isTS reports whether TypeScript checks the file (and so lists fields).
func isTS(f *index.File) bool {
	return strings.HasSuffix(f.Path, ".ts") || strings.HasSuffix(f.Path, ".tsx") || strings.HasSuffix(f.Path, ".mts")
}

// completePayload answers completion after `<chain>.` on a handler's event:
// the fields of the types the chain can have there. handled is true when
// the chain is on an event (then no other completion applies), even if no
// field is known.
func (s *Server) completePayload(f *index.File, cat *catalog.Catalog, dot int, replace protocol.Range) (items []protocol.CompletionItem, handled bool) {
	at, ok := payloadChain(f, cat, dot)
	if !ok {
		return nil, false
	}
	if isTS(f) {
		return nil, true
	}
	fields := catalog.FieldsOf(at.res.Types)
	items = make([]protocol.CompletionItem, 0, len(fields)) // an item is ~0.5 KB: no regrowth
	for _, fl := range fields {
		it := protocol.CompletionItem{
			Label:    fl.Name,
			Kind:     protocol.CompletionItemKindField,
			Detail:   protocol.NewOptional(fieldDetail(fl)),
			TextEdit: &protocol.TextEdit{Range: replace, NewText: fl.Name},
		}
		if doc := fieldDoc(cat, fl, false); doc != "" {
			it.Documentation = s.markup(doc)
		}
		if strings.HasPrefix(fl.Doc, "Deprecated") {
			it.Tags = deprecatedTag
		}
		items = append(items, it)
	}
	return items, true
}

// fieldDetail is a field's type as a completion detail: `IdAndVersion`,
// `LineItem[]`, `string | null`, with `?` for optional.
func fieldDetail(fl *catalog.PayloadField) string {
	t := typeLabel(fl.Type)
	if fl.Nullable {
		t += " | null"
	}
	if fl.Optional {
		return "?: " + t
	}
	return ": " + t
}

func typeLabel(r catalog.TypeRef) string {
	name := r.Name
	if i := strings.IndexByte(name, '~'); i > 0 {
		name = name[:i] // Order~2 is shown as Order
	}
	if r.Array {
		name += "[]"
	}
	return name
}

// fieldDoc is a field's documentation: its doc line, an enum's values, the
// field type's own doc. tsOnly keeps only what TypeScript does not show
// (the enum values).
func fieldDoc(cat *catalog.Catalog, fl *catalog.PayloadField, tsOnly bool) string {
	var parts []string
	if !tsOnly && fl.Doc != "" {
		parts = append(parts, fl.Doc)
	}
	if len(fl.Values) > 0 {
		parts = append(parts, "One of: "+enumList(fl.Values, 12))
	}
	if t := cat.TypeOf(catalog.TypeRef{Name: fl.Type.Name}); t != nil {
		switch t.Kind {
		case catalog.KindEnum:
			parts = append(parts, "One of: "+enumList(t.Values, 12))
		case catalog.KindObject:
			if !tsOnly && t.Doc != "" && t.Doc != fl.Doc {
				parts = append(parts, fmt.Sprintf("`%s`: %s", t.Name, t.Doc))
			}
		}
	}
	if !tsOnly && fl.GUID {
		parts = append(parts, "A GUID.")
	}
	return strings.Join(parts, "\n\n")
}

func enumList(vs []string, max int) string {
	var b strings.Builder
	for i, v := range vs {
		if i == max {
			fmt.Fprintf(&b, ", … %d more", len(vs)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("`" + v + "`")
	}
	return b.String()
}

// hoverPayload explains the field under off when it is a step of a chain
// on a handler's event: its type, whether it may be absent or null, its
// doc, and where it is (the event's payload type and path).
func (s *Server) hoverPayload(f *index.File, off int) (string, scan.Span, bool) {
	if f.Kind != index.KindVeloEvents && f.Kind != index.KindCLIHandler {
		return "", scan.Span{}, false
	}
	f = f.WithFullScan()
	sf := f.Scan
	i, ok := sf.TokenAt(off)
	if !ok || sf.Tokens[i].Kind != scan.Ident && sf.Tokens[i].Kind != scan.Keyword {
		return "", scan.Span{}, false
	}
	dot := sf.TokenBefore(int(sf.Tokens[i].Span.Start))
	cat := s.an.Catalog(f.Path)
	var at payloadAt
	if p := tokText(sf, f.Text(), dot); p == "." || p == "?." {
		at, ok = payloadChain(f, cat, dot, tokText(sf, f.Text(), i))
	} else {
		at, ok = payloadKey(f, cat, sf.Tokens[i].Span) // `({ entity }) =>`, `const { entity } = event`
	}
	if !ok || at.res.Field == nil || at.res.Missing >= 0 {
		return "", scan.Span{}, false
	}
	fl := at.res.Field
	if isTS(f) {
		doc := fieldDoc(cat, fl, true)
		if doc == "" {
			return "", scan.Span{}, false
		}
		return doc, sf.Tokens[i].Span, true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**%s", fl.Name, fieldDetail(fl))
	var notes []string
	if fl.Optional {
		notes = append(notes, "may be absent")
	}
	if fl.Nullable {
		notes = append(notes, "may be null")
	}
	if len(notes) > 0 {
		b.WriteString(" — " + strings.Join(notes, ", "))
	}
	if doc := fieldDoc(cat, fl, false); doc != "" {
		b.WriteString("\n\n" + doc)
	}
	fmt.Fprintf(&b, "\n\n`%s` in the payload of %s", strings.ReplaceAll(strings.Join(at.path, "."), ".[]", "[0]"), at.hp.Name)
	if hs := cat.Lookup(at.hp.Name); len(hs) > 0 && hs[0].DocsURL != "" {
		fmt.Fprintf(&b, " ([docs](%s))", hs[0].DocsURL)
	}
	b.WriteString(".")
	return b.String(), sf.Tokens[i].Span, true
}
