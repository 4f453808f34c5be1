package analysis

// unknown-payload-field: a handler reads a path its event certainly does
// not carry (`event.entity.id` in wixBilling_onInvoicePaid, whose payload
// is an Invoice with no `entity`), so the value is always undefined and
// the handler silently does nothing.
//
// "Certainly" is the whole design: the reads come from the scanner
// (scan.File.Reads: names that are shadowed, reassigned or written bind
// nothing), and a step is missing only when every type the value can have
// there is a closed object type of the catalog's payload schema without
// that name (catalog.Walk: no index signature, no `any`, no union
// alternative that has it, no primitive or array in between). Handler
// names whose payload the catalog does not fully know (a derived v2 name,
// one entry of two without a schema, a workspace addition) are not checked.
// A confirmed v2 name's schema is its SDK event's, which Velo does not
// deliver exactly: only a first step that is none of the envelope's keys
// is reported there (`event.order` where the payload is event.data.order).

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// PayloadCode is the rule's code.
const PayloadCode = "unknown-payload-field"

// HandlerPayload is one handler function of a file and what it receives.
type HandlerPayload struct {
	Name   string // wixBilling_onInvoicePaid, or contacts.onContactCreated
	Params scan.Span
	Body   scan.Span
	Roots  []*catalog.Type // the payload's possible types
	// Certain is true when Roots is the whole truth (every catalog entry of
	// the name has a schema, and the name is not a derived one).
	Certain bool
	// TopCertain is true when the payload's top-level names are known
	// except the envelope's own (entity, data, metadata, modifiedFields):
	// the name is a confirmed v2 one only (no v1 entry, not derived), whose
	// schema is the SDK event's. Velo delivers neither its nested fields
	// exactly (event.metadata.id where the SDK has _id) nor, by the docs'
	// own examples, always the envelope key the SDK names (checkout
	// completed: the example reads event.entity, the full object shows
	// event.data; generated delete examples read event.entity). But no v2
	// page reads any other top-level name, so `event.order` is certainly
	// undefined where the payload has none.
	TopCertain bool
	Event      *catalog.SDKEvent // CLI: the SDK event
}

// HandlerPayloads lists the handler functions of an events.js or CLI
// handler file whose payload schema the catalog knows. It reads only the
// parse (exports, calls), never the text.
func HandlerPayloads(f *index.File, cat *catalog.Catalog) []HandlerPayload {
	return handlerPayloads(f, cat, -1)
}

// HandlerPayloadAt is the handler function whose body contains off.
func HandlerPayloadAt(f *index.File, cat *catalog.Catalog, off int) (HandlerPayload, bool) {
	for _, hp := range handlerPayloads(f, cat, off) {
		return hp, true
	}
	return HandlerPayload{}, false
}

// handlerPayloads lists the handlers of f, only the one around off when
// off >= 0 (a big events.js has hundreds: completion asks about one).
func handlerPayloads(f *index.File, cat *catalog.Catalog, off int) []HandlerPayload {
	var out []HandlerPayload
	around := func(body scan.Span) bool { return off < 0 || int(body.Start) <= off && off < int(body.End) }
	switch {
	case f.Kind == index.KindVeloEvents:
		for i := range f.Scan.Exports {
			e := &f.Scan.Exports[i]
			if e.Depth != 0 || e.Body.IsZero() || e.Params.IsZero() || !around(e.Body) {
				continue
			}
			roots, complete := cat.PayloadRoots(e.Name)
			if len(roots) == 0 {
				continue
			}
			// v2only: every entry is a confirmed v2 one with the SDK's
			// schema (TopCertain). A v1 entry's schema (corvid-types) can
			// lack what the page's full event object shows, so a v1 and v2
			// name is not checked beyond the v1 one.
			v2only := complete
			for _, h := range cat.Lookup(e.Name) {
				if h.Derived || h.Generation == catalog.V1 || payloadVariants[h.Module] != "" {
					v2only = false
				}
				// A v2 handler's payload is its SDK event's as the typings
				// write it, but Velo does not deliver exactly that (the docs'
				// own examples read event.metadata.id where the SDK has _id):
				// good enough to complete and explain, not to warn.
				if h.Derived || h.Generation != catalog.V1 {
					complete = false
				}
				// A v1 event with a removal date whose name a v2 module may
				// also call (maybeV2: wixBookings_onBookingConfirmed) may
				// receive a v2 payload, and only that one once the v1 event
				// is gone: the v1 schema is then not the whole truth.
				if h.Generation == catalog.V1 && h.RemovalDate != "" && maybeV2(cat, h) {
					complete = false
				}
			}
			out = append(out, HandlerPayload{Name: e.Name, Params: e.Params, Body: e.Body, Roots: roots, Certain: complete, TopCertain: complete || v2only})
		}
	case f.Kind == index.KindCLIHandler:
		for _, ec := range eventCalls(f, cat) {
			if ec.Event == nil {
				continue
			}
			root := cat.SDKPayload(ec.Event)
			if root == nil {
				continue
			}
			for _, a := range ec.Call.Args {
				if a.Kind == scan.ArgFunction && !a.Params.IsZero() && !a.Body.IsZero() && around(a.Body) {
					out = append(out, HandlerPayload{Name: ec.Name(), Params: a.Params, Body: a.Body, Roots: []*catalog.Type{root}, Certain: true, TopCertain: true, Event: ec.Event})
					break
				}
			}
		}
	}
	return out
}

// envelopeKeys are the top-level names of a Velo v2 event object.
var envelopeKeys = map[string]bool{"entity": true, "data": true, "metadata": true, "modifiedFields": true}

// payloadVariants are the modules whose docs say a handler may receive
// another event object than the one documented for it, with the page that
// says so: their payload's top level is not certain either.
var payloadVariants = map[string]string{
	// "Deprecated Paid Plans API functions trigger their original Paid
	// Plans events. These events receive different event objects than the
	// ones received when new Pricing Plans events are triggered."
	"wix-pricing-plans-backend": "https://dev.wix.com/docs/velo/apis/wix-pricing-plans-backend/events/introduction",
	"wix-pricing-plans.v2":      "https://dev.wix.com/docs/velo/apis/wix-pricing-plans-backend/events/introduction",
}

// unknownPayloadFields reports the reads of paths a handler's payload
// certainly lacks.
func unknownPayloadFields(f *index.File, cat *catalog.Catalog) []Diagnostic {
	if f.Kind != index.KindVeloEvents && f.Kind != index.KindCLIHandler || len(f.Scan.Reads) == 0 {
		return nil
	}
	hps := HandlerPayloads(f, cat)
	var ds []Diagnostic
	for _, r := range f.Scan.Reads {
		var hp *HandlerPayload
		for i := range hps {
			if hps[i].Body == r.Fn {
				hp = &hps[i]
			}
		}
		if hp == nil || !hp.TopCertain {
			continue
		}
		path := strings.Split(r.Path, ".")
		res := cat.Walk(hp.Roots, path)
		if res.Missing < int(r.Base) || res.Missing < 0 {
			continue // fine, uncertain, or missing where the alias was made (reported there)
		}
		if !hp.Certain && (res.Missing > 0 || envelopeKeys[path[0]]) {
			continue // only the top level is known, and not the envelope's keys
		}
		ds = append(ds, payloadDiag(f, r, hp, path, res, cat))
	}
	return ds
}

// payloadDiag builds the diagnostic; it reads the text (only to report).
func payloadDiag(f *index.File, r scan.Read, hp *HandlerPayload, path []string, res catalog.PathResult, cat *catalog.Catalog) Diagnostic {
	text := f.Text()
	written := ""
	if int(r.Span.End) <= len(text) {
		written = text[r.Span.Start:r.Span.End]
	}
	// A chain is written as its root name and the names after Base; a
	// destructuring key is the one name.
	root := ""
	span := r.Span
	if names, spans := chainNames(written); len(names) == len(path)-int(r.Base)+1 {
		root = names[0]
		sp := spans[res.Missing-int(r.Base)+1]
		span = scan.Span{Start: r.Span.Start + sp.Start, End: r.Span.Start + sp.End}
	}
	typeName := typeNames(res.Parent)
	missing := path[res.Missing]
	shown := missing
	if root != "" {
		shown = root + "." + strings.Join(path[int(r.Base):res.Missing+1], ".")
	}
	msg := fmt.Sprintf("`%s` is always undefined: %s has no `%s` (%s's payload)", shown, typeName, missing, hp.Name)
	if sug := suggestPath(cat, res.Parent, path[res.Missing:]); sug != nil {
		prefix := path[int(r.Base):res.Missing]
		if root != "" {
			alt := root + "." + strings.Join(append(append([]string(nil), prefix...), sug...), ".")
			msg = fmt.Sprintf("`%s` is always undefined: did you mean `%s`? %s has no `%s` (%s's payload)", shown, strings.ReplaceAll(alt, ".[]", "[0]"), typeName, missing, hp.Name)
		} else {
			msg = fmt.Sprintf("`%s` is always undefined: did you mean `%s`? %s has no `%s` (%s's payload)", shown, sug[0], typeName, missing, hp.Name)
		}
	}
	d := diag(f.Path, span, PayloadCode, strings.ReplaceAll(msg, ".[]", "[0]"))
	if hs := cat.Lookup(hp.Name); len(hs) > 0 && hs[0].DocsURL != "" {
		d.Href = hs[0].DocsURL
	}
	return d
}

// chainNames splits a written chain (`event.entity?.info[0]!.name`) into
// its names and their spans relative to its start; an index counts as a
// name "[]".
func chainNames(s string) ([]string, []scan.Span) {
	var names []string
	var spans []scan.Span
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isWordByte(c):
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			names = append(names, s[i:j])
			spans = append(spans, scan.Span{Start: int32(i), End: int32(j)})
			i = j
		case c == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return names, spans
			}
			names = append(names, "[]")
			spans = append(spans, scan.Span{Start: int32(i), End: int32(i + j + 1)})
			i += j + 1
		case c == '/' && i+1 < len(s) && (s[i+1] == '/' || s[i+1] == '*'):
			end := strings.Index(s[i+2:], "*/")
			if s[i+1] == '/' {
				end = strings.IndexByte(s[i:], '\n')
				if end < 0 {
					return names, spans
				}
				i += end
				continue
			}
			if end < 0 {
				return names, spans
			}
			i += end + 4
		default:
			i++
		}
	}
	return names, spans
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// typeNames names the types that lack a field: "Invoice", "Order or Cart".
func typeNames(ts []*catalog.Type) string {
	var names []string
	for _, t := range ts {
		if !contains(names, t.Name) {
			names = append(names, t.Name)
		}
	}
	sort.Strings(names)
	return strings.Join(names, " or ")
}

// suggestPath proposes what to write instead of rest (rest[0] is the
// missing name) at a level whose types are parent: a name of that level
// spelled alike; the path without the missing name, when the rest resolves
// without it (a wrapper that is not there: `entity.id` → `id`), followed
// by the same name again when that leads to an object carrying it
// (`id` → `id.id`); the other envelope key (`data` ↔ `entity`).
func suggestPath(cat *catalog.Catalog, parent []*catalog.Type, rest []string) []string {
	missing := rest[0]
	fields := catalog.FieldsOf(parent)
	var cands []string
	best, bestD := "", 3
	lm := strings.ToLower(missing)
	for _, f := range fields {
		d := editDistance(lm, strings.ToLower(f.Name))
		if d < bestD && d <= max(1, len(missing)/3) {
			best, bestD = f.Name, d
		}
	}
	if best != "" {
		cands = append(cands, best)
	}
	for _, f := range fields { // `firstName` for `first`, `id` for `orderId`…
		lf := strings.ToLower(f.Name)
		if f.Name != best && min(len(lf), len(lm)) >= 3 && (strings.HasPrefix(lm, lf) || strings.HasPrefix(lf, lm)) {
			cands = append(cands, f.Name)
		}
	}
	for _, pair := range [][2]string{{"entity", "data"}, {"data", "entity"}} {
		if missing == pair[0] {
			for _, f := range fields {
				if f.Name == pair[1] {
					cands = append(cands, pair[1])
				}
			}
		}
	}
	walks := func(p []string) bool {
		r := cat.Walk(parent, p)
		return r.Missing < 0 && !r.Uncertain
	}
	for _, c := range cands {
		if p := append([]string{c}, rest[1:]...); walks(p) {
			return p
		}
	}
	if len(rest) > 1 && walks(rest[1:]) { // a wrapper that is not there
		out := append([]string(nil), rest[1:]...)
		r := cat.Walk(parent, out)
		last := out[len(out)-1]
		if next := cat.TypeOf(r.Field.Type); next != nil && !r.Field.Type.Array && next.Field(last) != nil {
			out = append(out, last)
		}
		return out
	}
	if len(cands) > 0 {
		return cands[:1]
	}
	return nil
}
