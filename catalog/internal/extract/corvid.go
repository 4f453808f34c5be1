package extract

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// V1Module is one `declare module '<name>'` block of corvid-types that has
// an `interface Events`.
type V1Module struct {
	Name      string
	EventsDoc string // the JSDoc of `interface Events` (says when the whole module is deprecated)
	Events    []V1Event
}

// V1Event is one member of a module's `interface Events`.
type V1Event struct {
	Name        string // onInvoicePaid
	PayloadType string // as written: Invoices.Invoice
	Description string // JSDoc text without the [Read more] link
	ReadMore    string // the [Read more](url) target, if any
	Fields      []catalog.Field
}

var (
	declareModuleRE = regexp.MustCompile(`declare module '([^']+)'\s*\{`)
	eventMethodRE   = regexp.MustCompile(`^(on\w+)\s*\(\s*\w+\s*:\s*([\w.]+)\s*\)\s*:\s*void$`)
	readMoreRE      = regexp.MustCompile(`\[Read more\]\(([^)\s]+)\)`)
	typeDeclRE      = regexp.MustCompile(`^(?:export\s+)?(?:declare\s+)?(type|interface|namespace|class)\s+([\w$]+)`)
	fieldRE         = regexp.MustCompile(`(?s)^(?:readonly\s+)?([\w$]+|'[^']*'|"[^"]*")(\?)?\s*:\s*(.+)$`)
)

// ParseCorvid extracts the events of every `declare module` block in a
// corvid-types declaration file. Only an interface named exactly Events
// declares events (wix-events-backend's `interface WixEvents` holds API
// methods and is skipped). Payload types are resolved inside the same
// module block: `NS.Type` in `namespace NS`, a bare `Type` at module level
// or in any of its namespaces.
func ParseCorvid(src string) ([]V1Module, error) {
	var mods []V1Module
	for _, loc := range declareModuleRE.FindAllStringSubmatchIndex(src, -1) {
		name := src[loc[2]:loc[3]]
		open := loc[1] - 1
		end := matchBrace(src, open)
		if end < 0 {
			return nil, fmt.Errorf("declare module %q: unbalanced braces", name)
		}
		body := src[open+1 : end-1]
		scope := newScope(body)
		evBody, ok := scope.decls["Events"]
		if !ok || evBody.kind != "interface" {
			continue
		}
		evDoc, _ := docText(evBody.doc)
		mod := V1Module{Name: name, EventsDoc: collapse(evDoc)}
		for _, m := range members(evBody.body) {
			sm := eventMethodRE.FindStringSubmatch(collapseWS(m.text))
			if sm == nil {
				continue
			}
			desc, _ := docText(m.doc)
			ev := V1Event{Name: sm[1], PayloadType: sm[2]}
			if rm := readMoreRE.FindStringSubmatch(desc); rm != nil {
				ev.ReadMore = rm[1]
			}
			ev.Description = collapse(desc)
			if d, ok := scope.resolve(sm[2]); ok {
				ev.Fields = fieldsOf(d.body)
			}
			mod.Events = append(mod.Events, ev)
		}
		if len(mod.Events) > 0 {
			mods = append(mods, mod)
		}
	}
	return mods, nil
}

type decl struct {
	doc   string // raw JSDoc before the declaration
	kind  string // type, interface, namespace
	body  string // between the braces ("" for aliases)
	alias string // for `type A = B.C`
}

// scope indexes the declarations of one module block: its top-level ones
// and those of each top-level namespace.
type scope struct {
	decls map[string]decl
	ns    map[string]map[string]decl
	order []string // namespace names in source order
}

func newScope(body string) *scope {
	sc := &scope{decls: declsOf(body), ns: map[string]map[string]decl{}}
	for _, m := range members(body) {
		tm := typeDeclRE.FindStringSubmatch(m.text)
		if tm == nil || tm[1] != "namespace" {
			continue
		}
		if i := strings.IndexByte(m.text, '{'); i >= 0 {
			if end := matchBrace(m.text, i); end > 0 {
				inner := declsOf(m.text[i+1 : end-1])
				if old, ok := sc.ns[tm[2]]; ok { // namespaces merge
					for k, v := range inner {
						old[k] = v
					}
				} else {
					sc.ns[tm[2]] = inner
					sc.order = append(sc.order, tm[2])
				}
			}
		}
	}
	return sc
}

func declsOf(body string) map[string]decl {
	out := map[string]decl{}
	for _, m := range members(body) {
		tm := typeDeclRE.FindStringSubmatch(m.text)
		if tm == nil {
			continue
		}
		d := decl{kind: tm[1], doc: m.doc}
		rest := m.text[len(tm[0]):]
		eq := strings.IndexByte(rest, '=')
		br := strings.IndexByte(rest, '{')
		switch {
		case tm[1] == "type" && eq >= 0 && (br < 0 || eq < br):
			val := strings.TrimSpace(rest[eq+1:])
			if strings.HasPrefix(val, "{") {
				if end := matchBrace(val, 0); end > 0 {
					d.body = val[1 : end-1]
				}
			} else {
				d.alias = val
			}
		case br >= 0:
			if end := matchBrace(rest, br); end > 0 {
				d.body = rest[br+1 : end-1]
			}
		}
		if _, dup := out[tm[2]]; !dup {
			out[tm[2]] = d
		}
	}
	return out
}

// resolve finds a type's declaration; it follows at most a few aliases.
func (sc *scope) resolve(name string) (decl, bool) {
	for hops := 0; hops < 4; hops++ {
		d, ok := sc.lookup(name)
		if !ok {
			return decl{}, false
		}
		if d.alias == "" {
			return d, d.body != ""
		}
		name = d.alias
	}
	return decl{}, false
}

func (sc *scope) lookup(name string) (decl, bool) {
	if ns, typ, ok := strings.Cut(name, "."); ok {
		d, ok := sc.ns[ns][typ]
		return d, ok && d.kind != "namespace"
	}
	if d, ok := sc.decls[name]; ok && d.kind != "namespace" {
		return d, true
	}
	for _, ns := range sc.order {
		if d, ok := sc.ns[ns][name]; ok && d.kind != "namespace" {
			return d, true
		}
	}
	return decl{}, false
}

// fieldsOf lists the properties of an interface or object-type body, each
// with a one-line doc. Methods and index signatures are skipped.
func fieldsOf(body string) []catalog.Field {
	var out []catalog.Field
	for _, m := range members(body) {
		fm := fieldRE.FindStringSubmatch(m.text)
		if fm == nil {
			continue
		}
		name := strings.Trim(fm[1], `'"`)
		typ := typeSummary(fm[3])
		desc, tags := docText(m.doc)
		doc := firstSentence(collapse(desc))
		for _, t := range tags {
			if t.name == "deprecated" {
				doc = strings.TrimSpace("Deprecated. " + doc)
			}
		}
		out = append(out, catalog.Field{Name: name, Type: typ, Doc: doc, Optional: fm[2] == "?"})
	}
	return out
}

// typeSummary renders a property type on one line; inline object types
// become "object" so the catalog holds names, not whole type trees.
func typeSummary(t string) string {
	t = collapseWS(t)
	if strings.HasPrefix(t, "{") {
		return "object"
	}
	if len(t) > 120 {
		return t[:117] + "..."
	}
	return t
}

func collapseWS(s string) string { return strings.Join(strings.Fields(s), " ") }
