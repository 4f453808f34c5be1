package extract

// Payload type graphs: the named types an event payload is made of, read
// from the same declaration files the event extraction reads.
//
// The input is the one EventsFromFiles takes (path → text, and the order to
// read them in), so every reader of declaration files (the generator, the
// installed-package reader) gets the same graph. Declarations are collected
// by name across all the files of one implementation package: newer
// packages keep them in a chunk file (`….universal-<hash>.d.mts`) that the
// entry re-exports under minified aliases, but declare them there under
// their real names. Whatever the reader does not understand (a conditional
// type, a mapped type, a generic it does not know) becomes "any": an open
// type, about which nothing is ever claimed.

import (
	"io/fs"
	"regexp"
	"strings"
)

// Primitive type names a Ref can carry instead of a node.
const (
	PrimString   = "string"
	PrimNumber   = "number"
	PrimBoolean  = "boolean"
	PrimDate     = "Date"
	PrimAny      = "any"      // unknown, unresolved or not understood: open
	PrimFunction = "function" // a method or a function-typed property
)

// Ref is a reference to a type: a primitive (Prim) or a node of the graph.
type Ref struct {
	Prim  string // "" when Node is set
	Node  int    // index into Graph.Nodes when Prim is ""
	Array bool   // an array of the type
}

// Node kinds.
const (
	KindObject = 'o' // fields
	KindEnum   = 'e' // string values
	KindUnion  = 'u' // alternatives (Alts)
)

// Node is one type of a graph.
type Node struct {
	Key    string // unique within the graph: the declaration's (qualified) name, or owner.field for inline types
	Name   string // display name: Invoice, ContactCreatedEnvelope
	Kind   byte
	Doc    string
	Fields []NodeField
	Values []string   // KindEnum
	Alts   []Ref      // KindUnion
	Open   bool       // KindObject: an index signature or an unresolved base; any name may exist
	OneOf  [][]string // KindObject: groups of fields of which at most one is set (`…OneOf` bases)
}

// NodeField is one property of an object node.
type NodeField struct {
	Name     string
	Type     Ref
	Optional bool // declared with '?'
	Nullable bool // `| null` / `| undefined`
	GUID     bool // @format GUID
	Doc      string
	// Values are a string field's values as its doc lists them
	// (corvid-types: "One of: `"Draft"`, `"Sent"` …").
	Values []string
}

// Graph is the payload types reachable from some roots.
type Graph struct {
	Nodes []*Node
	Roots map[string]Ref // root type name as asked → its type
}

// TypeSet is the type declarations of one package (or one corvid-types
// module block), indexed by name.
type TypeSet struct {
	decls map[string]*tdecl // by qualified name ("Invoices.Invoice" or "Contact")
	ns    []string          // namespaces, in source order (corvid-types)
}

type tdecl struct {
	key      string // qualified name
	name     string // bare name
	ns       string // enclosing namespace, "" at top level
	kind     string // interface, type, enum, class
	doc      string // raw JSDoc
	heritage string // interface/class: the text after `extends`
	body     string // interface/class/enum: between the braces
	expr     string // type alias: the right-hand side
}

var tdeclRE = regexp.MustCompile(`^(?:export\s+)?(?:declare\s+)?(?:const\s+)?(type|interface|namespace|class|enum)\s+([\w$]+)`)

// TypesFromFiles collects the type declarations of a set of declaration
// files, taking the same input as EventsFromFiles. A name declared in
// several files keeps its first declaration in order. Text it cannot split
// into declarations is skipped.
func TypesFromFiles(texts map[string]string, order []string) *TypeSet {
	ts := &TypeSet{decls: map[string]*tdecl{}}
	for _, f := range order {
		ts.addBody(texts[f], "")
	}
	return ts
}

// TypesFromCorvid collects the type declarations of one `declare module
// '<module>'` block of a corvid-types file (nil if there is none).
func TypesFromCorvid(src, module string) *TypeSet {
	for _, loc := range declareModuleRE.FindAllStringSubmatchIndex(src, -1) {
		if src[loc[2]:loc[3]] != module {
			continue
		}
		end := matchBrace(src, loc[1]-1)
		if end < 0 {
			return nil
		}
		ts := &TypeSet{decls: map[string]*tdecl{}}
		ts.addBody(src[loc[1]:end-1], "")
		return ts
	}
	return nil
}

func (ts *TypeSet) addBody(body, ns string) {
	for _, m := range members(body) {
		tm := tdeclRE.FindStringSubmatch(m.text)
		if tm == nil {
			continue
		}
		rest := m.text[len(tm[0]):]
		if tm[1] == "namespace" {
			if i := strings.IndexByte(rest, '{'); i >= 0 && ns == "" {
				if end := matchBrace(rest, i); end > 0 {
					if !containsStr(ts.ns, tm[2]) {
						ts.ns = append(ts.ns, tm[2])
					}
					ts.addBody(rest[i+1:end-1], tm[2])
				}
			}
			continue
		}
		d := &tdecl{name: tm[2], ns: ns, kind: tm[1], doc: m.doc, key: tm[2]}
		if ns != "" {
			d.key = ns + "." + tm[2]
		}
		rest = skipTypeParams(rest)
		switch tm[1] {
		case "type":
			eq := strings.IndexByte(rest, '=')
			if eq < 0 {
				continue
			}
			d.expr = strings.TrimSpace(rest[eq+1:])
		default:
			br := strings.IndexByte(rest, '{')
			if br < 0 {
				continue
			}
			if h := strings.TrimSpace(rest[:br]); strings.HasPrefix(h, "extends") {
				d.heritage = strings.TrimSpace(strings.TrimPrefix(h, "extends"))
				if i := strings.Index(d.heritage, " implements "); i >= 0 {
					d.heritage = d.heritage[:i]
				}
			}
			end := matchBrace(rest, br)
			if end < 0 {
				continue
			}
			d.body = rest[br+1 : end-1]
		}
		if _, dup := ts.decls[d.key]; !dup {
			ts.decls[d.key] = d
		}
	}
}

// skipTypeParams drops a leading `<…>` (a generic declaration's parameters).
func skipTypeParams(s string) string {
	t := strings.TrimLeft(s, " \t\r\n")
	if !strings.HasPrefix(t, "<") {
		return s
	}
	depth := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '<':
			depth++
		case '>':
			depth--
			if depth == 0 {
				return t[i+1:]
			}
		}
	}
	return s
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Has reports whether the set declares name (as a payload type reference
// is written: "Invoices.Invoice", "ContactCreatedEnvelope").
func (ts *TypeSet) Has(name string) bool { _, ok := ts.lookup(name, ""); return ok }

// lookup resolves a type name as written inside namespace ns: a qualified
// name directly; a bare one in ns, at top level, then in each namespace.
func (ts *TypeSet) lookup(name, ns string) (*tdecl, bool) {
	if ts == nil {
		return nil, false
	}
	if strings.Contains(name, ".") {
		d, ok := ts.decls[name]
		return d, ok
	}
	if ns != "" {
		if d, ok := ts.decls[ns+"."+name]; ok {
			return d, true
		}
	}
	if d, ok := ts.decls[name]; ok {
		return d, true
	}
	for _, n := range ts.ns {
		if d, ok := ts.decls[n+"."+name]; ok {
			return d, true
		}
	}
	return nil, false
}

// Graph builds the graph of the types reachable from roots (type names as
// written in the declarations, e.g. an EventDefinition's payload type). A
// root the set does not declare maps to "any".
func (ts *TypeSet) Graph(roots []string) *Graph {
	b := &builder{ts: ts, g: &Graph{Roots: map[string]Ref{}}, byKey: map[string]int{}}
	for _, r := range roots {
		if _, done := b.g.Roots[r]; done {
			continue
		}
		b.g.Roots[r] = b.named(r, "", 0)
	}
	return b.g
}

type builder struct {
	ts    *TypeSet
	g     *Graph
	byKey map[string]int
}

const maxDepth = 64 // guards against pathological alias chains

var anyRef = Ref{Prim: PrimAny}

// named resolves a type name written inside namespace ns.
func (b *builder) named(name, ns string, depth int) Ref {
	d, ok := b.ts.lookup(name, ns)
	if !ok || depth > maxDepth {
		return anyRef
	}
	if i, ok := b.byKey[d.key]; ok {
		if i < 0 { // a recursive alias
			return anyRef
		}
		return Ref{Node: i}
	}
	switch d.kind {
	case "enum":
		n := &Node{Key: d.key, Name: d.name, Kind: KindEnum, Doc: oneLine(d.doc)}
		for _, m := range members(strings.ReplaceAll(d.body, ",", ";")) {
			name, val, hasVal := strings.Cut(m.text, "=")
			name, val = strings.TrimSpace(name), strings.TrimSpace(val)
			if hasVal && (strings.HasPrefix(val, `"`) || strings.HasPrefix(val, `'`)) {
				n.Values = append(n.Values, strings.Trim(val, `"'`))
			} else if name != "" {
				n.Values = append(n.Values, strings.Trim(name, `"'`))
			}
		}
		return Ref{Node: b.add(n)}
	case "type":
		e := parseTypeExpr(d.expr)
		if e.kind == 'o' { // type T = { … }: an object named T
			n := &Node{Key: d.key, Name: d.name, Kind: KindObject, Doc: oneLine(d.doc)}
			i := b.add(n)
			b.fillObject(n, e.body, d.ns, depth)
			return Ref{Node: i}
		}
		// An alias: reserve the key (a recursive alias resolves to any), then
		// resolve the expression in the declaration's namespace.
		b.byKey[d.key] = -1
		r := b.expr(e, d.ns, d.key, d.name, depth+1)
		delete(b.byKey, d.key)
		if r.Node >= 0 || r.Prim != "" {
			if r.Prim == "" && !r.Array {
				b.byKey[d.key] = r.Node
			}
			return r
		}
		return anyRef
	default: // interface, class
		n := &Node{Key: d.key, Name: d.name, Kind: KindObject, Doc: oneLine(d.doc)}
		i := b.add(n)
		for _, h := range splitTop(d.heritage, ',') {
			base := b.expr(parseTypeExpr(h), d.ns, d.key, d.name, depth+1)
			b.inherit(n, base, h)
		}
		b.fillObject(n, d.body, d.ns, depth)
		return Ref{Node: i}
	}
}

func (b *builder) add(n *Node) int {
	b.g.Nodes = append(b.g.Nodes, n)
	i := len(b.g.Nodes) - 1
	b.byKey[n.Key] = i
	return i
}

// inherit merges a base type's fields into n (the body's own fields,
// added after, replace them).
func (b *builder) inherit(n *Node, base Ref, written string) {
	if base.Prim != "" || base.Array || base.Node < 0 {
		n.Open = true
		return
	}
	bn := b.g.Nodes[base.Node]
	if bn.Kind != KindObject {
		n.Open = true
		return
	}
	if bn.Open {
		n.Open = true
	}
	var group []string
	for _, f := range bn.Fields {
		n.setField(f)
		group = append(group, f.Name)
	}
	n.OneOf = append(n.OneOf, bn.OneOf...)
	if strings.HasSuffix(strings.TrimSpace(written), "OneOf") && len(group) > 1 {
		n.OneOf = append(n.OneOf, group)
	}
}

func (n *Node) setField(f NodeField) {
	for i := range n.Fields {
		if n.Fields[i].Name == f.Name {
			n.Fields[i] = f
			return
		}
	}
	n.Fields = append(n.Fields, f)
}

var (
	propRE   = regexp.MustCompile(`(?s)^(?:readonly\s+)?([\w$]+|'[^']*'|"[^"]*")(\?)?\s*:\s*(.+)$`)
	methodRE = regexp.MustCompile(`^(?:readonly\s+)?([\w$]+)(\?)?\s*[(<]`)
)

// fillObject adds the members of an interface or object-type body to n.
func (b *builder) fillObject(n *Node, body, ns string, depth int) {
	for _, m := range members(body) {
		t := strings.TrimSpace(m.text)
		switch {
		case strings.HasPrefix(t, "["): // index signature or computed key
			n.Open = true
			continue
		case strings.HasPrefix(t, "(") || strings.HasPrefix(t, "new ") || strings.HasPrefix(t, "<"):
			continue // call or construct signature
		}
		desc, tags := docText(m.doc)
		doc := firstSentence(collapse(desc))
		guid := false
		for _, tg := range tags {
			switch {
			case tg.name == "deprecated":
				doc = strings.TrimSpace("Deprecated. " + strings.TrimSpace(tg.value+" "+doc))
			case tg.name == "format" && strings.EqualFold(tg.value, "GUID"):
				guid = true
			}
		}
		if len(doc) > 200 {
			doc = doc[:197] + "..."
		}
		if pm := propRE.FindStringSubmatch(t); pm != nil {
			name := strings.Trim(pm[1], `'"`)
			e := parseTypeExpr(pm[3])
			f := NodeField{Name: name, Optional: pm[2] == "?", GUID: guid, Doc: doc}
			e, f.Nullable = stripNull(e)
			f.Type = b.expr(e, ns, n.Key+"."+name, n.Name+"."+name, depth+1)
			if f.Type.Prim == PrimString {
				f.Values = documentedValues(desc)
			}
			n.setField(f)
			continue
		}
		if mm := methodRE.FindStringSubmatch(t); mm != nil {
			n.setField(NodeField{Name: mm[1], Optional: mm[2] == "?", Type: Ref{Prim: PrimFunction}, Doc: doc})
			continue
		}
		n.Open = true // a member the reader does not understand
	}
}

var docValueRE = regexp.MustCompile("`\"([^\"`]+)\"`")

// documentedValues reads the values a doc lists after "One of".
func documentedValues(desc string) []string {
	i := strings.Index(desc, "One of")
	if i < 0 {
		return nil
	}
	var out []string
	for _, m := range docValueRE.FindAllStringSubmatch(desc[i:], -1) {
		if !containsStr(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// texpr is a parsed type expression.
type texpr struct {
	kind  byte // 'n' name (args), 's' string literal, 'o' object literal (body), 'u' union, 'i' intersection, 'a' array of elems[0], 'k' keyword-ish literal (null, undefined, number, true…), 'x' other
	name  string
	args  []*texpr
	elems []*texpr
	body  string
}

var xExpr = &texpr{kind: 'x'}

// parseTypeExpr parses the type expressions the Wix typings write; what it
// does not know becomes 'x'.
func parseTypeExpr(s string) *texpr {
	p := &tparser{s: s}
	e := p.union()
	if p.skip(); p.i < len(p.s) {
		return xExpr
	}
	return e
}

type tparser struct {
	s string
	i int
}

func (p *tparser) skip() { p.i = skipTrivia(p.s, p.i) }

func (p *tparser) peek(tok string) bool {
	p.skip()
	return strings.HasPrefix(p.s[p.i:], tok)
}

func (p *tparser) union() *texpr {
	if p.peek("|") {
		p.i++
	}
	var alts []*texpr
	for {
		alts = append(alts, p.inter())
		if p.peek("|") && !p.peek("||") {
			p.i++
			continue
		}
		break
	}
	if p.peek("extends ") { // conditional type
		p.i = len(p.s)
		return xExpr
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return &texpr{kind: 'u', elems: alts}
}

func (p *tparser) inter() *texpr {
	var parts []*texpr
	for {
		parts = append(parts, p.postfix())
		if p.peek("&") && !p.peek("&&") {
			p.i++
			continue
		}
		break
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return &texpr{kind: 'i', elems: parts}
}

func (p *tparser) postfix() *texpr {
	e := p.primary()
	for p.peek("[") {
		if strings.HasPrefix(p.s[skipTrivia(p.s, p.i+1):], "]") {
			p.i = skipTrivia(p.s, p.i+1) + 1
			e = &texpr{kind: 'a', elems: []*texpr{e}}
			continue
		}
		end := matchBrace(p.s, p.i) // indexed access T[K]
		if end < 0 {
			p.i = len(p.s)
			return xExpr
		}
		p.i = end
		e = xExpr
	}
	return e
}

func (p *tparser) primary() *texpr {
	p.skip()
	if p.i >= len(p.s) {
		return xExpr
	}
	c := p.s[p.i]
	switch {
	case c == '(':
		end := matchBrace(p.s, p.i)
		if end < 0 {
			p.i = len(p.s)
			return xExpr
		}
		inner := p.s[p.i+1 : end-1]
		p.i = end
		if p.peek("=>") { // function type
			p.i += 2
			p.union()
			return &texpr{kind: 'k', name: PrimFunction}
		}
		return parseTypeExpr(inner)
	case c == '{':
		end := matchBrace(p.s, p.i)
		if end < 0 {
			p.i = len(p.s)
			return xExpr
		}
		e := &texpr{kind: 'o', body: p.s[p.i+1 : end-1]}
		p.i = end
		return e
	case c == '[':
		end := matchBrace(p.s, p.i)
		if end < 0 {
			p.i = len(p.s)
			return xExpr
		}
		p.i = end
		return xExpr // tuple
	case c == '\'' || c == '"':
		end := skipString(p.s, p.i)
		e := &texpr{kind: 's', name: p.s[p.i+1 : max(p.i+1, end-1)]}
		p.i = end
		return e
	case c == '`':
		p.i = skipString(p.s, p.i)
		return &texpr{kind: 'k', name: PrimString}
	case c == '-' || c >= '0' && c <= '9':
		j := p.i + 1
		for j < len(p.s) && (isWordByte(p.s[j]) || p.s[j] == '.') {
			j++
		}
		p.i = j
		return &texpr{kind: 'k', name: PrimNumber}
	case c == '<': // generic function type
		end := strings.Index(p.s[p.i:], ">")
		if end < 0 {
			p.i = len(p.s)
			return xExpr
		}
		p.i += end + 1
		return p.primary()
	case isWordByte(c):
		j := p.i
		for j < len(p.s) && (isWordByte(p.s[j]) || p.s[j] == '.') {
			j++
		}
		name := p.s[p.i:j]
		p.i = j
		switch name {
		case "keyof", "typeof", "unique", "infer", "new", "asserts", "abstract":
			p.primary()
			return xExpr
		case "readonly":
			return p.postfix()
		}
		e := &texpr{kind: 'n', name: name}
		if p.peek("<") {
			open := p.i
			depth := 0
			k := open
			for ; k < len(p.s); k++ {
				if p.s[k] == '<' {
					depth++
				} else if p.s[k] == '>' && (k == 0 || p.s[k-1] != '=') {
					depth--
					if depth == 0 {
						break
					}
				} else if p.s[k] == '{' || p.s[k] == '(' || p.s[k] == '[' {
					if end := matchBrace(p.s, k); end > 0 {
						k = end - 1
					}
				}
			}
			if k >= len(p.s) {
				p.i = len(p.s)
				return xExpr
			}
			for _, a := range splitTop(p.s[open+1:k], ',') {
				e.args = append(e.args, parseTypeExpr(a))
			}
			p.i = k + 1
		}
		return e
	}
	p.i = len(p.s)
	return xExpr
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// splitTop splits s at sep outside brackets and strings; empty parts dropped.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{', '(', '[', '<':
			depth++
		case '}', ')', ']':
			depth--
		case '>':
			if i > 0 && s[i-1] != '=' {
				depth--
			}
		case '\'', '"', '`':
			i = skipString(s, i) - 1
		default:
			if c == sep && depth == 0 {
				if t := strings.TrimSpace(s[start:i]); t != "" {
					out = append(out, t)
				}
				start = i + 1
			}
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// stripNull removes null and undefined from a union and says whether it did.
func stripNull(e *texpr) (*texpr, bool) {
	if e.kind != 'u' {
		if isNullish(e) {
			return xExpr, true
		}
		return e, false
	}
	var keep []*texpr
	for _, a := range e.elems {
		if !isNullish(a) {
			keep = append(keep, a)
		}
	}
	switch {
	case len(keep) == len(e.elems):
		return e, false
	case len(keep) == 0:
		return xExpr, true
	case len(keep) == 1:
		return keep[0], true
	}
	return &texpr{kind: 'u', elems: keep}, true
}

func isNullish(e *texpr) bool { return e.kind == 'n' && (e.name == "null" || e.name == "undefined") }

// expr resolves a type expression written in namespace ns; key and name
// name the inline types it may create.
func (b *builder) expr(e *texpr, ns, key, name string, depth int) Ref {
	if depth > maxDepth {
		return anyRef
	}
	switch e.kind {
	case 'k':
		return Ref{Prim: e.name}
	case 's':
		return Ref{Node: b.add(&Node{Key: b.fresh(key), Name: name, Kind: KindEnum, Values: []string{e.name}})}
	case 'a':
		r := b.expr(e.elems[0], ns, key, name, depth+1)
		if r.Array {
			return anyRef // nested arrays: not modelled
		}
		r.Array = true
		return r
	case 'o':
		n := &Node{Key: b.fresh(key), Name: name, Kind: KindObject}
		i := b.add(n)
		b.fillObject(n, e.body, ns, depth)
		return Ref{Node: i}
	case 'i':
		n := &Node{Key: b.fresh(key), Name: name, Kind: KindObject}
		i := b.add(n)
		for _, part := range e.elems {
			b.inherit(n, b.expr(part, ns, key, name, depth+1), "")
		}
		return Ref{Node: i}
	case 'u':
		e, _ = stripNull(e)
		if e.kind != 'u' {
			return b.expr(e, ns, key, name, depth+1)
		}
		var alts []Ref
		var values []string
		var enumNode = -1
		allEnum := true
		for _, a := range e.elems {
			if a.kind == 's' {
				if !containsStr(values, a.name) {
					values = append(values, a.name)
				}
				continue
			}
			r := b.expr(a, ns, key, name, depth+1)
			if r.Prim == PrimAny {
				return anyRef
			}
			if r.Prim == "" && !r.Array && b.g.Nodes[r.Node].Kind == KindEnum {
				if enumNode < 0 && a.kind == 'n' {
					enumNode = r.Node
				}
				for _, v := range b.g.Nodes[r.Node].Values {
					if !containsStr(values, v) {
						values = append(values, v)
					}
				}
			} else {
				allEnum = false
			}
			if !containsRef(alts, r) {
				alts = append(alts, r)
			}
		}
		if allEnum && len(values) > 0 {
			// `XWithLiterals = X | 'A' | 'B'`: the enum X itself.
			if enumNode >= 0 && len(values) == len(b.g.Nodes[enumNode].Values) {
				return Ref{Node: enumNode}
			}
			return Ref{Node: b.add(&Node{Key: b.fresh(key), Name: name, Kind: KindEnum, Values: values})}
		}
		if len(values) > 0 { // string literals beside other types
			alts = append(alts, Ref{Prim: PrimString})
		}
		if len(alts) == 1 {
			return alts[0]
		}
		return Ref{Node: b.add(&Node{Key: b.fresh(key), Name: name, Kind: KindUnion, Alts: alts})}
	case 'n':
		switch e.name {
		case "string":
			return Ref{Prim: PrimString}
		case "number", "bigint":
			return Ref{Prim: PrimNumber}
		case "boolean", "true", "false":
			return Ref{Prim: PrimBoolean}
		case "Date":
			return Ref{Prim: PrimDate}
		case "Function":
			return Ref{Prim: PrimFunction}
		case "Array", "ReadonlyArray":
			if len(e.args) == 1 {
				return b.expr(&texpr{kind: 'a', elems: e.args}, ns, key, name, depth+1)
			}
			return anyRef
		case "Partial", "Required", "Readonly", "NonNullable":
			if len(e.args) == 1 {
				return b.expr(e.args[0], ns, key, name, depth+1)
			}
			return anyRef
		case "Omit", "Pick":
			if len(e.args) != 2 {
				return anyRef
			}
			base := b.expr(e.args[0], ns, key, name, depth+1)
			keys, ok := literalKeys(e.args[1])
			if !ok || base.Prim != "" || base.Array || base.Node < 0 || b.g.Nodes[base.Node].Kind != KindObject {
				return anyRef
			}
			bn := b.g.Nodes[base.Node]
			n := &Node{Key: b.fresh(key), Name: bn.Name, Kind: KindObject, Doc: bn.Doc, Open: bn.Open}
			for _, f := range bn.Fields {
				if containsStr(keys, f.Name) == (e.name == "Pick") {
					n.Fields = append(n.Fields, f)
				}
			}
			return Ref{Node: b.add(n)}
		}
		if len(e.args) > 0 { // a generic the reader does not know
			return anyRef
		}
		return b.named(e.name, ns, depth+1)
	}
	return anyRef
}

func containsRef(rs []Ref, r Ref) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// literalKeys reads `'a' | 'b'` (Omit/Pick keys).
func literalKeys(e *texpr) ([]string, bool) {
	switch e.kind {
	case 's':
		return []string{e.name}, true
	case 'u':
		var out []string
		for _, a := range e.elems {
			if a.kind != 's' {
				return nil, false
			}
			out = append(out, a.name)
		}
		return out, true
	}
	return nil, false
}

// fresh returns key, or key with a suffix when the graph has it already.
func (b *builder) fresh(key string) string {
	if _, ok := b.byKey[key]; !ok {
		return key
	}
	for i := 2; ; i++ {
		k := key + "#" + itoa(i)
		if _, ok := b.byKey[k]; !ok {
			return k
		}
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// oneLine is the first sentence of a raw JSDoc's description.
func oneLine(raw string) string {
	desc, _ := docText(raw)
	s := firstSentence(collapse(desc))
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// PackageFiles reads the declaration files of an npm package reachable
// from its types entry (path → text, and the order read, entry first): the
// input TypesFromFiles and EventsFromFiles take.
func PackageFiles(fsys fs.FS, name string) (map[string]string, []string, error) {
	info, err := readPackage(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	return reachable(fsys, info.Name, info.Types)
}
