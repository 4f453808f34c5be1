package scan

// Payload reads: which member paths of its event parameter a handler
// reads. `event.entity.id`, `entity?.info` after `({ entity }) =>`,
// `order.id` after `const order = event.entity`.
//
// The rule that checks them (analysis, unknown-payload-field) runs on
// closed files too, which keep no tokens: so Parse records the reads of
// every function that can be a handler (a top-level export whose name has
// a '_', the function argument of a call to `….onX`) in File.Reads, and
// Compact keeps them. Completion and hover, on open files, ask the same
// questions of the tokens directly (PayloadBindings, ChainBefore).
//
// Everything here is on the side of saying nothing: a name that is
// declared again, reassigned or shadowed by an inner function's
// parameter binds nothing; a path written to (`event.x = …`, `delete
// event.x`) is not reported as read; a chain stops at anything that is not
// `.name`, `?.name` or `[<number>]`.

import (
	"strconv"
	"strings"
)

// Read is one member path read from a handler's event parameter.
type Read struct {
	Fn   Span   // the handler function's body
	Path string // field names joined by '.', "[]" for an array index: "entity.lineItems.[].name"
	Span Span   // as written: from the root name's start to the end of the last name
	// Base is how many leading names of Path the written root stands for:
	// 0 for the parameter itself, 1 for `entity` bound by `({ entity })`.
	// A destructuring key's read has Base len(path)-1: its span is the key.
	Base uint8
}

// Binding is a name that stands for a path of the event parameter.
type Binding struct {
	Name string
	Path []string // nil for the parameter itself
}

// sig returns the index of the first non-comment token at or after i
// (step 1) or at or before i (step -1); -1 or len when none.
func (f *File) sig(i, step int) int {
	for i >= 0 && i < len(f.Tokens) && f.Tokens[i].Kind == Comment {
		i += step
	}
	return i
}

func (f *File) tok(i int) string {
	if i < 0 || i >= len(f.Tokens) {
		return ""
	}
	sp := f.Tokens[i].Span
	return f.text[sp.Start:sp.End]
}

// tokenIndex returns the index of the first token starting at or after off.
func (f *File) tokenIndex(off int32) int {
	lo, hi := 0, len(f.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if f.Tokens[m].Span.Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// PayloadBindings returns the names that stand for paths of a handler's
// first parameter, given the function's parameter list and body spans.
// typed reports a TypeScript annotation on the parameter. ok is false when
// the function has no usable first parameter.
func (f *File) PayloadBindings(params, body Span) (bs []Binding, typed, ok bool) {
	bs, _, typed, ok = f.bindings(params, body)
	return bs, typed, ok
}

// bindings is PayloadBindings, with the parameter pattern's keys as reads.
func (f *File) bindings(params, body Span) (bs []Binding, keys []Read, typed, ok bool) {
	if f.Tokens == nil || params.IsZero() || body.IsZero() {
		return nil, nil, false, false
	}
	i := f.sig(f.tokenIndex(params.Start), 1)
	if f.tok(i) == "async" && int(f.Tokens[i].Span.End) < int(params.End) {
		i = f.sig(i+1, 1)
	}
	if f.tok(i) == "(" {
		i = f.sig(i+1, 1)
	}
	if i >= len(f.Tokens) || f.Tokens[i].Span.Start >= params.End {
		return nil, nil, false, false
	}
	switch t := f.Tokens[i]; {
	case t.Kind == Ident:
		bs = append(bs, Binding{Name: f.tok(i)})
		typed = f.tok(f.sig(i+1, 1)) == ":"
	case f.tok(i) == "{":
		bs, keys = f.pattern(i, nil, bs, keys)
		typed = f.tok(f.sig(f.Match(i)+1, 1)) == ":"
	default:
		return nil, nil, false, false
	}
	bs = f.aliases(body, bs)
	return f.unshadowed(body, bs), keys, typed, len(bs) > 0 || len(keys) > 0
}

// pattern reads an object destructuring pattern starting at token open
// ('{'), binding each name to base + key. The keys are reads too.
func (f *File) pattern(open int, base []string, bs []Binding, keys []Read) ([]Binding, []Read) {
	end := f.Match(open)
	if end < 0 {
		return bs, keys
	}
	i := f.sig(open+1, 1)
	for i < end {
		var key string
		kt := f.Tokens[i]
		switch {
		case kt.Kind == Ident || kt.Kind == Keyword:
			key = f.tok(i)
		case kt.Kind == String:
			if s, err := strconv.Unquote(`"` + strings.Trim(f.tok(i), `'"`) + `"`); err == nil {
				key = s
			}
		}
		next := f.sig(i+1, 1)
		if key == "" { // a computed key or a rest element: skip the entry
			i = f.skipEntry(i, end)
			continue
		}
		path := append(append([]string(nil), base...), key)
		keys = append(keys, Read{Path: joinPath(path, nil), Span: kt.Span, Base: uint8(len(path) - 1)})
		switch f.tok(next) {
		case ":":
			v := f.sig(next+1, 1)
			switch {
			case f.tok(v) == "{":
				bs, keys = f.pattern(v, path, bs, keys)
			case v < end && f.Tokens[v].Kind == Ident:
				bs = append(bs, Binding{Name: f.tok(v), Path: path})
			}
		case ",", "}", "=":
			if kt.Kind == Ident {
				bs = append(bs, Binding{Name: key, Path: path})
			}
		}
		i = f.skipEntry(i, end)
	}
	return bs, keys
}

// skipEntry returns the token after the ',' ending the pattern entry at i
// (or end).
func (f *File) skipEntry(i, end int) int {
	d := f.Tokens[i].Depth
	for ; i < end; i++ {
		if f.Tokens[i].Depth == d && f.tok(i) == "," {
			return f.sig(i+1, 1)
		}
	}
	return end
}

// aliases adds `const x = <binding>.a.b` and `const { a } = <binding>.b`
// declarations in body to bs.
func (f *File) aliases(body Span, bs []Binding) []Binding {
	start, end := f.tokenIndex(body.Start), f.tokenIndex(body.End)
	for i := start; i < end; i++ {
		switch f.tok(i) {
		case "const", "let", "var":
		default:
			continue
		}
		n := f.sig(i+1, 1)
		if n >= end {
			break
		}
		eq := -1
		switch {
		case f.Tokens[n].Kind == Ident:
			eq = f.sig(n+1, 1)
		case f.tok(n) == "{":
			eq = f.sig(f.Match(n)+1, 1)
		}
		if eq <= 0 || eq >= end || f.tok(eq) != "=" {
			continue
		}
		root := f.sig(eq+1, 1)
		b, ok := find(bs, f.tok(root))
		if !ok || f.Tokens[root].Kind != Ident {
			continue
		}
		path, last := f.chain(root, end, nil)
		after := f.sig(last+1, 1)
		if after < end && !f.endsValue(after) {
			continue
		}
		if a := f.tok(after); a == "||" || a == "??" {
			continue // `event.entity || event`: either shape, nothing certain
		}
		full := append(append([]string(nil), b.Path...), path...)
		if containsArrayStep(path) {
			continue
		}
		if f.Tokens[n].Kind == Ident {
			bs = append(bs, Binding{Name: f.tok(n), Path: full})
		} else {
			bs, _ = f.pattern(n, full, bs, nil)
		}
	}
	return bs
}

func containsArrayStep(p []string) bool {
	for _, s := range p {
		if s == "[]" {
			return true
		}
	}
	return false
}

// endsValue reports whether token i ends the expression before it: a
// statement or list end, a new line, or a default (`||`, `??`).
func (f *File) endsValue(i int) bool {
	switch f.tok(i) {
	case ";", ",", "}", ")", "||", "??":
		return true
	}
	return f.Tokens[i].Flags&FlagNewlineBefore != 0
}

func find(bs []Binding, name string) (Binding, bool) {
	for _, b := range bs {
		if b.Name == name {
			return b, true
		}
	}
	return Binding{}, false
}

// chain reads `.a?.b[0].c` after the root token at i (before end): the
// names ("[]" for a numeric index), appended to buf[:0], and the index of
// its last token.
func (f *File) chain(i, end int, buf []string) (path []string, last int) {
	path, last = buf[:0], i
	for {
		j := f.sig(last+1, 1)
		if j >= end {
			return path, last
		}
		switch f.tok(j) {
		case ".", "?.":
			k := f.sig(j+1, 1)
			if k >= end || (f.Tokens[k].Kind != Ident && f.Tokens[k].Kind != Keyword) {
				return path, last
			}
			path = append(path, f.tok(k))
			last = k
		case "!": // TypeScript's non-null assertion
			if nx := f.tok(f.sig(j+1, 1)); nx == "." || nx == "?." || nx == "[" {
				last = j
				continue
			}
			return path, last
		case "[":
			k := f.sig(j+1, 1)
			c := f.sig(k+1, 1)
			if k < end && f.Tokens[k].Kind == Number && f.tok(c) == "]" {
				path = append(path, "[]")
				last = c
				continue
			}
			return path, last
		default:
			return path, last
		}
	}
}

// unshadowed drops the bindings whose name the body declares again,
// assigns, or an inner function takes as a parameter.
func (f *File) unshadowed(body Span, bs []Binding) []Binding {
	// Per binding (a handful): how often the body declares its name. Any
	// rebinding (a parameter, a function, an assignment) returns nil at once.
	var small [4]uint8
	declared := small[:0]
	if len(bs) > len(small) {
		declared = make([]uint8, 0, len(bs))
	}
	declared = declared[:len(bs)]
	start, end := f.tokenIndex(body.Start), f.tokenIndex(body.End)
	for i := start; i < end; i++ {
		if f.Tokens[i].Kind != Ident {
			continue
		}
		name := f.tok(i)
		k := -1
		for j := range bs {
			if bs[j].Name == name {
				k = j
				break
			}
		}
		if k < 0 {
			continue
		}
		prev := f.tok(f.sig(i-1, -1))
		switch prev {
		case "const", "let", "var":
			declared[k]++
			continue
		case "function", "class":
			return nil
		case ".", "?.":
			continue
		}
		nt := f.tok(f.sig(i+1, 1))
		switch nt {
		case ".", "?.", "[", "(", "!":
			continue // a use (`event.x`, `event[0]`, `event()`), never a binding
		}
		if nt == "=>" || isAssignOp(nt) || nt == "++" || nt == "--" || prev == "++" || prev == "--" || f.inParams(i) {
			return nil
		}
		if f.inPattern(i) {
			declared[k]++
		}
	}
	// One name rebound makes every binding doubtful (an alias may have been
	// taken from the inner one): nothing is bound.
	for j, b := range bs {
		limit := uint8(1) // an alias is declared once, the parameter never in the body
		if b.Path == nil {
			limit = 0
		}
		if declared[j] > limit {
			return nil
		}
	}
	return bs
}

// inPattern reports whether the identifier at i is a name a destructuring
// declaration (`const { a, b: c } = …`) binds.
func (f *File) inPattern(i int) bool {
	j, ok := f.enclosing(i)
	if !ok {
		return true // too far to tell: count it as a declaration (binds nothing)
	}
	for j >= 0 {
		if f.tok(j) != "{" && f.tok(j) != "[" {
			return false
		}
		prev := f.tok(f.sig(j-1, -1))
		if prev == "const" || prev == "let" || prev == "var" {
			return true
		}
		if prev != ":" && prev != "," && prev != "{" && prev != "[" {
			return false
		}
		if j, ok = f.enclosing(j); !ok {
			return true
		}
	}
	return false
}

// maxWalk bounds the backward walk to a token's enclosing bracket (over
// whole bracket groups): past it, the callers assume the worst.
const maxWalk = 512

// enclosing returns the index of the bracket enclosing token i (-1 at top
// level); ok is false when it is more than maxWalk siblings away.
func (f *File) enclosing(i int) (int, bool) {
	d := f.Tokens[i].Depth
	steps := 0
	for j := i - 1; j >= 0; j-- {
		if steps++; steps > maxWalk {
			return -1, false
		}
		t := f.Tokens[j]
		if t.Kind == Comment {
			continue
		}
		if t.Depth < d {
			return j, true
		}
		switch f.tok(j) {
		case ")", "]", "}":
			if o := f.Match(j); o >= 0 && o < j {
				j = o // skip the whole group
			}
		}
	}
	return -1, true
}

// inParams reports whether the identifier at i is a parameter of a
// function: inside parentheses followed by `=>`, or after `function
// [name]`, or a catch clause's.
func (f *File) inParams(i int) bool {
	j, ok := f.enclosing(i)
	for {
		if !ok {
			return true // too far to tell: assume it is a parameter (binds nothing)
		}
		if j < 0 {
			return false
		}
		if f.tok(j) == "{" || f.tok(j) == "[" { // a pattern inside the list
			j, ok = f.enclosing(j)
			continue
		}
		break
	}
	if f.tok(j) != "(" {
		return false
	}
	if f.tok(f.sig(f.Match(j)+1, 1)) == "=>" {
		return true
	}
	p := f.sig(j-1, -1)
	switch f.tok(p) {
	case "function", "catch":
		return true
	}
	if p >= 0 && f.Tokens[p].Kind == Ident && f.tok(f.sig(p-1, -1)) == "function" {
		return true
	}
	// A method: `name(x) {`.
	return p >= 0 && f.Tokens[p].Kind == Ident && f.tok(f.sig(f.Match(j)+1, 1)) == "{"
}

func isAssignOp(s string) bool {
	switch s {
	case "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=":
		return true
	}
	return false
}

// PayloadReads returns the member paths of its first parameter a handler
// function (parameter list and body spans) reads, minus the paths it
// writes; nil when the parameter binds nothing certain.
func (f *File) PayloadReads(params, body Span) []Read {
	bs, reads, _, ok := f.bindings(params, body)
	if !ok {
		return nil
	}
	var writes []Read
	scratch := make([]string, 0, 8) // chain's names, reused: reads keep joined copies
	start, end := f.tokenIndex(body.Start), f.tokenIndex(body.End)
	for i := start; i < end; i++ {
		t := f.Tokens[i]
		if t.Kind != Ident {
			continue
		}
		b, ok := find(bs, f.tok(i))
		if !ok {
			continue
		}
		p := f.sig(i-1, -1)
		switch prev := f.tok(p); prev {
		case ".", "?.", "const", "let", "var", "typeof":
			continue
		case "{", ",":
			if nt := f.tok(f.sig(i+1, 1)); nt == ":" {
				continue // an object key
			}
		}
		path, last := f.chain(i, end, scratch)
		scratch = path
		if len(path) == 0 {
			// `const { a } = binding`: the pattern's keys are reads.
			if f.tok(p) == "=" {
				if open := f.patternBefore(p); open >= 0 {
					_, keys := f.pattern(open, b.Path, nil, nil)
					reads = append(reads, keys...)
				}
			}
			continue
		}
		if f.guarded(p, f.sig(last+1, 1)) {
			continue
		}
		r := Read{Fn: body, Path: joinPath(b.Path, path), Span: Span{t.Span.Start, f.Tokens[last].Span.End}, Base: uint8(len(b.Path))}
		nx := f.tok(f.sig(last+1, 1))
		if isAssignOp(nx) || nx == "++" || nx == "--" || f.tok(p) == "delete" || f.tok(p) == "++" || f.tok(p) == "--" {
			writes = append(writes, r)
			continue
		}
		reads = append(reads, r)
	}
	out := reads[:0]
	for _, r := range reads {
		if !writtenUnder(r.Path, writes) {
			r.Fn = body
			out = append(out, r)
		}
	}
	return out
}

// guarded reports whether the chain between tokens prev and next is a
// test or has a fallback (`x.a || y`, `y ?? x.a`, `x.a && …`, `x.a ? …`,
// `!x.a`, `if (x.a)`): code that expects the value may be absent, whose
// author meant it; the rule does not second-guess it.
func (f *File) guarded(prev, next int) bool {
	switch f.tok(prev) {
	case "||", "??", "&&", "!", "typeof":
		return true
	case "(":
		switch f.tok(f.sig(prev-1, -1)) {
		case "if", "while":
			if f.tok(next) == ")" {
				return true
			}
		}
	}
	switch f.tok(next) {
	case "||", "??", "&&", "?":
		return true
	}
	return false
}

// patternBefore returns the '{' of a `const {…} =` pattern whose '=' is at
// eq, or -1.
func (f *File) patternBefore(eq int) int {
	c := f.sig(eq-1, -1)
	if f.tok(c) != "}" {
		return -1
	}
	o := f.Match(c)
	if o < 0 {
		return -1
	}
	switch f.tok(f.sig(o-1, -1)) {
	case "const", "let", "var":
		return o
	}
	return -1
}

// joinPath joins a and b with '.' into a new string (one allocation; never
// a substring of the text, which a closed file's parse must not keep).
func joinPath(a, b []string) string {
	n := len(a) + len(b) - 1
	for _, x := range a {
		n += len(x)
	}
	for _, x := range b {
		n += len(x)
	}
	if n <= 0 {
		return ""
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, part := range [2][]string{a, b} {
		for _, x := range part {
			if sb.Len() > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(x)
		}
	}
	return sb.String()
}

// writtenUnder reports whether path or one of its prefixes is written.
func writtenUnder(path string, writes []Read) bool {
	for _, w := range writes {
		if path == w.Path || strings.HasPrefix(path, w.Path+".") || strings.HasPrefix(w.Path, path+".") {
			return true
		}
	}
	return false
}

// ChainBefore reads the member chain ending just before the '.' or '?.'
// token at dot: the root identifier's token and the names after it
// ("[]" for a numeric index). ok is false when it is not a plain chain.
func (f *File) ChainBefore(dot int) (root int, path []string, ok bool) {
	i := f.sig(dot-1, -1)
	for i >= 0 {
		switch {
		case f.tok(i) == "]":
			o := f.Match(i)
			if o < 0 || f.Tokens[f.sig(o+1, 1)].Kind != Number || f.sig(f.sig(o+1, 1)+1, 1) != i {
				return -1, nil, false
			}
			path = append(path, "[]")
			i = f.sig(o-1, -1)
			continue
		case f.tok(i) == "!":
			i = f.sig(i-1, -1)
			continue
		case f.Tokens[i].Kind == Ident || f.Tokens[i].Kind == Keyword:
			p := f.sig(i-1, -1)
			if pt := f.tok(p); pt == "." || pt == "?." {
				path = append(path, f.tok(i))
				i = f.sig(p-1, -1)
				continue
			}
			if f.Tokens[i].Kind != Ident {
				return -1, nil, false
			}
			for l, r := 0, len(path)-1; l < r; l, r = l+1, r-1 {
				path[l], path[r] = path[r], path[l]
			}
			return i, path, true
		default:
			return -1, nil, false
		}
	}
	return -1, nil, false
}

// handlerReads records the reads of every function that can be a handler:
// top-level exports whose name has a '_' (Velo's prefix_onEvent), and the
// function arguments of calls to `….onX(…)` (SDK event registration).
func (f *File) handlerReads() []Read {
	var out []Read
	for i := range f.Exports {
		e := &f.Exports[i]
		if e.Depth == 0 && !e.Body.IsZero() && !e.Params.IsZero() && strings.Contains(e.Name, "_") {
			out = append(out, f.PayloadReads(e.Params, e.Body)...)
		}
	}
	for i := range f.Calls {
		c := &f.Calls[i]
		name := c.Callee
		if j := strings.LastIndexByte(name, '.'); j >= 0 {
			name = name[j+1:]
		}
		if len(name) < 3 || !strings.HasPrefix(name, "on") || name[2] < 'A' || name[2] > 'Z' {
			continue
		}
		for _, a := range c.Args {
			if a.Kind == ArgFunction && !a.Params.IsZero() && !a.Body.IsZero() {
				out = append(out, f.PayloadReads(a.Params, a.Body)...)
			}
		}
	}
	return out
}
