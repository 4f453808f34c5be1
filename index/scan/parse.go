package scan

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Enclosing-bracket kinds tracked by the extraction pass (by depth).
const (
	kParen uint8 = iota + 1
	kBracket
	kTemplate
	kBlock
	kObject
	kClass
)

// parser is the extraction pass over the token list. It never builds a
// syntax tree: every construct is recognised from a few tokens of context
// plus the bracket pairing table, which keeps it linear and tolerant of
// half-typed code (an unclosed bracket simply extends to the end of its
// region, see groupEnd).
type parser struct {
	src   string
	toks  []Token
	pair  []int32
	f     *File
	kinds []uint8
	buf   []byte

	stops      []int32 // line-start export/import keywords, built on first use
	stopsBuilt bool

	defaults []defaultExpr // `export default <call>` expressions, matched to Calls at the end

	calleeLens []int32 // pairs (call index, callee length) pending for the chain being recorded

	// Arg/Prop lists are built on a stack and copied into arenas of chunk
	// elements, so a file costs a few allocations, not one per call.
	argStack  []Arg
	propStack []Prop
	propDepth int // object literals being read by props, nested (maxPropDepth)
	argArena  []Arg
	propArena []Prop
	chunk     int

	// memo of the last arrow expression body, so chains of nested arrows
	// (a => b => c => …) are not rescanned quadratically.
	memoFrom, memoEnd int
	memoDepth         int32
	// The same for the last statement scanned (expr false): chains of
	// brace-less loops (`for (a of b) for (c of d) …`, each for-of body
	// scanned to its end) are not rescanned quadratically either. A scan
	// from a token inside the last one's range, at its depth, ends where
	// it ended: every stop condition looks at the token and the one before.
	stmtFrom, stmtEnd int
	stmtDepth         int32
}

type defaultExpr struct {
	start int
	text  string
}

// Parse tokenizes text and extracts exports, imports, calls and function
// bodies. It never panics and runs in time linear in len(text) for all
// practical inputs.
func Parse(text string) *File {
	// The tokens are lexed into pooled buffers and copied into lists of
	// their exact length. A guess from the length (a token per 4 bytes)
	// left a third of them empty on typical code, and an open file is
	// parsed again on every keystroke: garbage that brings the next
	// collection, which stalls the keystroke it overlaps, closer.
	if len(text) > MaxText {
		text = "" // its offsets would not fit a Span
	}
	sc := scratchPool.Get().(*scratch)
	toks, pair := tokenize(text, sc.toks[:0], sc.pair[:0])
	// append, not slices.Clone: an empty list stays non-nil whether the
	// pool's buffers were fresh (nil) or used, so equal texts parse equal.
	f := parseTokens(text, append(make([]Token, 0, len(toks)), toks...), append(make([]int32, 0, len(pair)), pair...))
	if cap(toks) <= maxPooledTokens {
		sc.toks, sc.pair = toks[:0], pair[:0]
		scratchPool.Put(sc)
	}
	return f
}

// scratch is a token list and bracket pairing lent to a parse whose
// result keeps neither (ParseCompact).
type scratch struct {
	toks []Token
	pair []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledTokens bounds what the pool keeps (~28 bytes a token): a rare
// huge file's buffers are left to the collector.
const maxPooledTokens = 1 << 18

// ParseCompact is Parse followed by Compact(keep), with the token list and
// bracket pairing borrowed from a pool and given back: the compact parse
// keeps neither, and they are most of what a parse allocates (indexing a
// workspace parses every file once). keep sees the full parse.
func ParseCompact(text string, keep func(full *File, c *Call) bool) *File {
	return ParseCompactIn(text, keep, nil)
}

// ParseCompactIn is ParseCompact with the compact parse's lists taken from
// a (see Alloc).
func ParseCompactIn(text string, keep func(full *File, c *Call) bool, a *Alloc) *File {
	sc := scratchPool.Get().(*scratch)
	full := parse(text, sc.toks[:0], sc.pair[:0])
	var k func(*Call) bool
	if keep != nil {
		k = func(c *Call) bool { return keep(full, c) }
	}
	c := full.compact(k, a)
	if cap(full.Tokens) <= maxPooledTokens {
		sc.toks, sc.pair = full.Tokens[:0], full.pair[:0]
		scratchPool.Put(sc)
	}
	return c
}

func parse(text string, toks []Token, pair []int32) *File {
	if len(text) > MaxText {
		text = "" // its offsets would not fit a Span
	}
	toks, pair = tokenize(text, toks, pair)
	return parseTokens(text, toks, pair)
}

// parseTokens extracts exports, imports, calls and functions from text's
// tokens and bracket pairing (tokenize's).
func parseTokens(text string, toks []Token, pair []int32) *File {
	f := &File{Tokens: toks, text: text, pair: pair}
	p := &parser{src: text, toks: toks, pair: pair, f: f, kinds: make([]uint8, 0, 32), memoFrom: -1, stmtFrom: -1}
	p.chunk = min(max(len(text)/512, 4), 256)
	if len(text) >= 8<<10 {
		// Size guesses from typical Wix code (a call per ~130 bytes, an
		// export per ~300, a function per ~170) save the growth copies on
		// big files; small files grow from nil and hold no spare capacity.
		f.Calls = make([]Call, 0, len(text)/120)
		f.Exports = make([]Export, 0, len(text)/400)
		f.Functions = make([]Span, 0, len(text)/200)
	}
	p.run()
	n, sig := nesting(text, toks, pair, 0)
	f.Nesting, f.Significant = int32(n), int32(sig)
	f.Reads = f.handlerReads()
	return f
}

func (p *parser) run() {
	toks := p.toks
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind == Comment {
			continue
		}
		d := int(t.Depth)
		if d <= len(p.kinds) {
			p.kinds = p.kinds[:d]
		} else {
			for len(p.kinds) < d {
				p.kinds = append(p.kinds, 0)
			}
		}
		switch t.Kind {
		case Keyword:
			switch p.word(i) {
			case "export":
				p.export(i)
			case "import":
				p.importAt(i)
			case "function":
				p.function(i)
			case "for":
				p.forOf(i)
			case "this", "super":
				if !p.afterNew(i) {
					p.chain(i, true)
				}
			default:
				p.methodAt(i)
			}
		case Ident:
			p.identAt(i)
		case Punct:
			if t.Span.End-t.Span.Start == 2 && p.src[t.Span.Start] == '=' && p.src[t.Span.Start+1] == '>' {
				p.arrow(i)
			} else if t.Span.End-t.Span.Start == 1 && p.src[t.Span.Start] == '(' {
				p.castAt(i)
			}
		}
		// Track the kind of bracket this token opens.
		switch t.Kind {
		case Punct:
			if t.Span.End-t.Span.Start == 1 {
				switch p.src[t.Span.Start] {
				case '(':
					p.kinds = append(p.kinds, kParen)
				case '[':
					p.kinds = append(p.kinds, kBracket)
				case '{':
					k := kObject
					if t.Flags&FlagClassBody != 0 {
						k = kClass
					} else if t.Flags&FlagBlock != 0 {
						k = kBlock
					}
					p.kinds = append(p.kinds, k)
				}
			}
		case TemplateHead, TemplateMiddle:
			p.kinds = append(p.kinds, kTemplate)
		}
	}
	p.finish()
}

// finish fills Call.Stmt and Call.ExportDefault and sorts Functions.
func (p *parser) finish() {
	f := p.f
	if len(f.Calls) > 0 {
		stmts := p.topStatements()
		for ci := range f.Calls {
			c := &f.Calls[ci]
			k := sort.Search(len(stmts), func(k int) bool { return stmts[k].End > c.CalleeSpan.Start }) // first stmt ending after the callee start
			if k < len(stmts) {
				c.Stmt = stmts[k]
			}
		}
		for _, d := range p.defaults {
			k := sort.Search(len(f.Calls), func(k int) bool { return int(f.Calls[k].CalleeSpan.Start) >= d.start })
			for ; k < len(f.Calls) && int(f.Calls[k].CalleeSpan.Start) == d.start; k++ {
				if f.Calls[k].Callee == d.text {
					f.Calls[k].ExportDefault = true
					break
				}
			}
		}
	}
	if !sort.SliceIsSorted(f.Functions, func(a, b int) bool { return f.Functions[a].Start < f.Functions[b].Start }) {
		sort.SliceStable(f.Functions, func(a, b int) bool { return f.Functions[a].Start < f.Functions[b].Start })
	}
}

// topStatements splits the depth-0 tokens into statements.
func (p *parser) topStatements() []Span {
	var stmts []Span
	for i := p.next(-1); i < len(p.toks); {
		e := p.scanEnd(i, false)
		stmts = append(stmts, Span{p.toks[i].Span.Start, p.toks[e].Span.End})
		i = p.next(e)
	}
	return stmts
}

// ---- token helpers ----

func (p *parser) word(i int) string {
	s := p.toks[i].Span
	return p.src[s.Start:s.End]
}

// next returns the index of the next non-comment token after i (len if none).
func (p *parser) next(i int) int {
	for i++; i < len(p.toks) && p.toks[i].Kind == Comment; i++ {
	}
	return i
}

// prev returns the index of the previous non-comment token before i (-1 if none).
func (p *parser) prev(i int) int {
	for i--; i >= 0 && p.toks[i].Kind == Comment; i-- {
	}
	return i
}

func (p *parser) valid(i int) bool { return i >= 0 && i < len(p.toks) }

func (p *parser) isP(i int, s string) bool {
	return p.valid(i) && p.toks[i].Kind == Punct && p.word(i) == s
}

func (p *parser) isKw(i int, s string) bool {
	return p.valid(i) && p.toks[i].Kind == Keyword && p.word(i) == s
}

func (p *parser) isID(i int, s string) bool {
	return p.valid(i) && p.toks[i].Kind == Ident && p.word(i) == s
}

func (p *parser) isName(i int) bool {
	return p.valid(i) && (p.toks[i].Kind == Ident || p.toks[i].Kind == Keyword)
}

func (p *parser) isOpener(i int) bool {
	t := p.toks[i]
	if t.Kind == TemplateHead {
		return true
	}
	if t.Kind != Punct || t.Span.End-t.Span.Start != 1 {
		return false
	}
	c := p.src[t.Span.Start]
	return c == '(' || c == '[' || c == '{'
}

// groupEnd returns the last token of the bracket group (or whole template)
// opened at i, and whether it is properly closed. For an unclosed group the
// result is the last token of its region: the tokens up to the one that
// implicitly ended it (a mismatched closer, a token that cannot occur in an
// import list) or the end of the file. It may be i itself.
func (p *parser) groupEnd(i int) (int, bool) {
	if p.toks[i].Kind == TemplateHead {
		j := i
		for {
			pj := p.pair[j]
			if pj < 0 {
				return int(-pj-1) - 1, false
			}
			j = int(pj)
			if p.toks[j].Kind == TemplateTail {
				return j, p.toks[j].Flags&FlagUnterminated == 0
			}
			if p.toks[j].Kind != TemplateMiddle { // defensive
				return j, false
			}
		}
	}
	pj := p.pair[i]
	if pj >= 0 {
		return int(pj), true
	}
	if pj == -1 { // not an opener (defensive)
		return i, false
	}
	e := int(-pj-1) - 1
	if e < i {
		e = i
	}
	return e, false
}

// groupSpanEnd is the end offset of the group opened at i: after its closer,
// or for an unclosed group the start of the token that ended its region
// (len(text) at EOF), so a cursor typing inside it is inside the span.
func (p *parser) groupSpanEnd(i int) int {
	gl, closed := p.groupEnd(i)
	if closed {
		return int(p.toks[gl].Span.End)
	}
	if gl+1 < len(p.toks) {
		return int(p.toks[gl+1].Span.Start)
	}
	return len(p.src)
}

// skipGroup returns the index after the group opened at i.
func (p *parser) skipGroup(i int) int {
	gl, _ := p.groupEnd(i)
	return gl + 1
}

func (p *parser) afterNew(i int) bool { return p.isKw(p.prev(i), "new") }

// ---- statement and expression ends ----

// canEnd reports whether token i can end an expression (for ASI).
func (p *parser) canEnd(i int) bool {
	if !p.valid(i) {
		return false
	}
	t := p.toks[i]
	switch t.Kind {
	case Ident, Number, String, Template, TemplateTail, Regex:
		return true
	case Keyword:
		switch p.word(i) {
		case "this", "super", "null", "true", "false", "return", "break", "continue", "debugger":
			return true
		}
	case Punct:
		switch p.word(i) {
		case ")", "]", "}", "++", "--":
			return true
		}
	}
	return false
}

// binaryish reports punctuators that continue an expression after a
// complete operand ("+", ".", ",", "=", "?" …), excluding brackets.
func (p *parser) binaryish(i int) bool {
	switch p.word(i) {
	case "{", "}", "(", ")", "[", "]", ";", "!", "~", "++", "--", "@", "#":
		return false
	}
	return true
}

// continues reports whether token j, at the start of a new line, continues
// the expression before it (so no semicolon is inserted).
func (p *parser) continues(j int) bool {
	t := p.toks[j]
	switch t.Kind {
	case Punct:
		switch p.word(j) {
		case "(", "[":
			return true
		}
		return p.binaryish(j)
	case Template, TemplateHead:
		return true
	case Keyword:
		w := p.word(j)
		return w == "in" || w == "instanceof"
	case Ident:
		w := p.word(j)
		return w == "as" || w == "satisfies"
	}
	return false
}

// startsDecl reports tokens that always begin a new statement: export,
// a static import, const, var and let-declarations. Breaking there keeps a
// half-typed statement (`export const a = ` with nothing after it yet) from
// swallowing the next one.
func (p *parser) startsDecl(j int) bool {
	if p.toks[j].Kind != Keyword {
		return false
	}
	switch p.word(j) {
	case "export", "const", "var":
		return true
	case "import":
		k := p.next(j)
		return !(p.isP(k, "(") || p.isP(k, "."))
	case "let":
		k := p.next(j)
		return p.valid(k) && (p.toks[k].Kind == Ident || p.isP(k, "{") || p.isP(k, "["))
	}
	return false
}

// scanEnd returns the last token of the statement (expr=false) or
// expression (expr=true) starting at token i. Both stop before a token at a
// lower depth and at automatic-semicolon points; a statement includes its
// ';', an expression stops before ',' or ';'.
func (p *parser) scanEnd(i int, expr bool) int {
	toks := p.toks
	d := toks[i].Depth
	if expr && p.memoFrom >= 0 && i > p.memoFrom && i <= p.memoEnd && toks[i].Depth == p.memoDepth {
		return p.memoEnd
	}
	if !expr && p.stmtFrom >= 0 && i > p.stmtFrom && i <= p.stmtEnd && toks[i].Depth == p.stmtDepth {
		return p.stmtEnd
	}
	last := i
	j := i
	if expr && p.isP(i, "<") { // generic arrow <T,>(…) => …
		if e, ok := p.skipAngles(i); ok {
			last, j = e, e+1
		}
	}
	for j < len(toks) {
		t := &toks[j]
		if t.Kind == Comment {
			j++
			continue
		}
		if t.Depth < d {
			break
		}
		if j > i && t.Kind == Punct && t.Span.End-t.Span.Start == 1 && p.src[t.Span.Start] == '<' && toks[last].Kind == Ident {
			// Type arguments of a call, f<A, B>(…): their commas do not end the expression.
			if e, ok := p.skipAngles(j); ok && p.isP(p.next(e), "(") {
				last, j = e, e+1
				continue
			}
		}
		if t.Kind == Punct && t.Span.End-t.Span.Start == 1 {
			switch p.src[t.Span.Start] {
			case ';':
				if expr {
					if j == i {
						return i
					}
					return last
				}
				p.stmtFrom, p.stmtEnd, p.stmtDepth = i, j, d
				return j
			case ',':
				if expr && j > i {
					return last
				}
			}
		}
		if j > i {
			lt := &toks[last]
			if lt.Kind == Punct && lt.Flags&FlagBlock != 0 && p.src[lt.Span.Start] == '}' {
				cont := false
				switch t.Kind {
				case Punct:
					cont = p.binaryish(j)
				case Keyword:
					w := p.word(j)
					cont = w == "else" || w == "catch" || w == "finally" || w == "in" || w == "instanceof"
				case Ident:
					w := p.word(j)
					cont = w == "as" || w == "satisfies"
				}
				if !cont {
					break
				}
			}
			if t.Flags&FlagNewlineBefore != 0 && p.canEnd(last) && !p.continues(j) {
				break
			}
			if p.startsDecl(j) && !p.isKw(last, "export") && !p.isID(last, "declare") {
				break
			}
		}
		if p.isOpener(j) {
			gl, _ := p.groupEnd(j)
			last = gl
			j = gl + 1
			continue
		}
		last = j
		j++
	}
	if expr {
		p.memoFrom, p.memoEnd, p.memoDepth = i, last, d
	} else {
		p.stmtFrom, p.stmtEnd, p.stmtDepth = i, last, d
	}
	return last
}

// stopAfter returns the first line-start `export` or static `import`
// keyword after token i (len(toks) if none): where an unclosed call gives up
// collecting arguments.
func (p *parser) stopAfter(i int) int {
	if !p.stopsBuilt {
		p.stopsBuilt = true
		for j := range p.toks {
			t := &p.toks[j]
			if t.Kind == Keyword && (t.Flags&FlagNewlineBefore != 0 || j == 0) {
				w := p.word(j)
				if w == "export" || (w == "import" && p.startsDecl(j)) {
					p.stops = append(p.stops, int32(j))
				}
			}
		}
	}
	k := sort.Search(len(p.stops), func(k int) bool { return int(p.stops[k]) > i })
	if k < len(p.stops) {
		return int(p.stops[k])
	}
	return len(p.toks)
}

// ---- functions ----

// function handles a `function` keyword: records its body, and at the top
// level its name (the declaration's, or the variable it initialises).
func (p *parser) function(i int) {
	k := p.next(i)
	if p.isP(k, "*") {
		k = p.next(k)
	}
	name := ""
	if p.valid(k) && p.toks[k].Kind == Ident {
		name = p.word(k)
		k = p.next(k)
	}
	if _, body := p.funcParts(k); body != (Span{}) {
		p.f.Functions = append(p.f.Functions, body)
		if p.toks[i].Depth == 0 {
			start := i
			if pi := p.prev(i); p.isID(pi, "async") {
				start = pi
			}
			if v := p.assignedTo(start); v != "" {
				name = v // const f = function g() {}: calls use f
			} else if pi := p.prev(start); pi >= 0 && !p.isKw(pi, "export") && !p.isKw(pi, "default") && p.toks[pi].Kind != Punct {
				name = "" // not a declaration statement
			} else if pi >= 0 && p.toks[pi].Kind == Punct && !p.isP(pi, ";") && !p.isP(pi, "}") && !p.isP(pi, ")") {
				name = "" // an expression: (function f() {}), x = function f() {}
			}
			if name != "" {
				p.f.code().Named = append(p.f.code().Named, NamedFunc{Name: name, Body: body})
			}
		}
	}
}

// forOf records the body of a `for (… of iterable)` loop at the `for`
// keyword i when the iterable is neither an array literal nor cut with
// slice/splice.
func (p *parser) forOf(i int) {
	k := p.next(i)
	if p.valid(k) && p.toks[k].Kind != Punct && p.word(k) == "await" {
		k = p.next(k)
	}
	if !p.isP(k, "(") {
		return
	}
	end, closed := p.groupEnd(k)
	if !closed {
		return
	}
	d := p.toks[k].Depth + 1
	of := -1
	for j := p.next(k); j < end; j = p.next(j) {
		if p.toks[j].Depth == d && p.isID(j, "of") {
			of = j
			break
		}
	}
	if of < 0 || p.isP(p.next(of), "[") {
		return
	}
	for j := p.next(of); j < end; j = p.next(j) {
		if w := p.word(j); p.toks[j].Kind == Ident && (w == "slice" || w == "splice") {
			return // for (x of list.slice(0, 10)): bounded here
		}
	}
	b := p.next(end)
	if !p.valid(b) {
		return
	}
	if p.isP(b, "{") {
		p.f.code().ForOf = append(p.f.code().ForOf, Span{p.toks[b].Span.Start, int32(p.groupSpanEnd(b))})
		return
	}
	e := p.scanEnd(b, false)
	p.f.code().ForOf = append(p.f.code().ForOf, Span{p.toks[b].Span.Start, p.toks[e].Span.End})
}

// arrowName returns the variable a top-level arrow function initialises
// (`const f = async (a, b): T => …`), or "": it walks back from the '=>' at
// i over the parameter list, an async keyword and a return type to a
// `const|let|var f =`.
func (p *parser) arrowName(i int) string {
	j := p.prev(i)
	for n := 0; p.valid(j) && n < 64; n++ {
		t := p.toks[j]
		if t.Depth > 0 {
			j = p.prev(j)
			continue
		}
		if p.isP(j, "=") {
			return p.assignedTo(p.next(j))
		}
		switch {
		case t.Kind == Ident, t.Kind == Keyword && (p.word(j) == "void" || p.word(j) == "null" || p.word(j) == "typeof"):
		case t.Kind == Punct:
			switch p.word(j) {
			case "(", ")", ":", "<", ">", "|", "&", "[", "]", ".", "{", "}":
			default:
				return ""
			}
		default:
			return ""
		}
		j = p.prev(j)
	}
	return ""
}

// funcParts parses optional type parameters, the parameter list and the
// body starting at token k (which should be '<' or '(').
func (p *parser) funcParts(k int) (params, body Span) {
	if p.isP(k, "<") {
		e, ok := p.skipAngles(k)
		if !ok {
			return
		}
		k = p.next(e)
	}
	if !p.isP(k, "(") {
		return
	}
	gl, closed := p.groupEnd(k)
	params = Span{p.toks[k].Span.Start, int32(p.groupSpanEnd(k))}
	if !closed {
		return
	}
	body, _ = p.funcBody(p.next(gl))
	return
}

// funcBody finds the body brace at token k (after the parameter list),
// skipping a TypeScript return type annotation.
func (p *parser) funcBody(k int) (Span, int) {
	if p.isP(k, ":") {
		d := p.toks[k].Depth
		j := p.next(k)
		for n := 0; p.valid(j) && n < 256; n++ {
			t := p.toks[j]
			if t.Depth < d || p.isP(j, ";") || p.isP(j, "=>") || p.isP(j, "=") || p.isP(j, ",") {
				return Span{}, -1
			}
			if p.isP(j, "{") {
				pj := p.prev(j)
				if p.toks[pj].Kind == Punct {
					switch p.word(pj) {
					case ":", "|", "&", "<", ",", "(", "?", "=>":
						j = p.next(p.skipGroup(j) - 1)
						continue
					}
				}
				k = j
				break
			}
			if p.isOpener(j) {
				j = p.next(p.skipGroup(j) - 1)
				continue
			}
			j = p.next(j)
		}
	}
	if p.isP(k, "{") {
		return Span{p.toks[k].Span.Start, int32(p.groupSpanEnd(k))}, k
	}
	return Span{}, -1
}

// skipAngles skips TypeScript type arguments/parameters starting at '<'
// and returns the index of the closing '>' (or of a '>>'/'>>>' ending it).
// It fails on tokens that cannot occur in a type, so `a < b` comparisons
// are not mistaken for type arguments.
func (p *parser) skipAngles(k int) (int, bool) {
	d := p.toks[k].Depth
	n := 0
	for j, steps := k, 0; p.valid(j) && steps < 256 && n < 16; steps++ {
		t := p.toks[j]
		if t.Depth < d {
			return k, false
		}
		switch t.Kind {
		case Punct:
			switch p.word(j) {
			case "<":
				n++
			case ">":
				n--
			case ">>":
				n -= 2
			case ">>>":
				n -= 3
			case ",", ".", "|", "&", "?", ":", "=>", "[", "]", "{", "(", "=", "...", "?.":
				if p.isOpener(j) {
					j = p.skipGroup(j)
					for p.valid(j) && p.toks[j].Kind == Comment {
						j++
					}
					continue
				}
			default:
				return k, false
			}
			if n <= 0 {
				return j, n == 0 || p.word(j) != ">"
			}
		case Ident, Keyword, String, Number, Template:
		default:
			return k, false
		}
		j = p.next(j)
	}
	return k, false
}

// arrow handles '=>': records the arrow body.
func (p *parser) arrow(i int) {
	b := p.next(i)
	if !p.valid(b) || p.toks[b].Depth < p.toks[i].Depth {
		return
	}
	var body Span
	switch {
	case p.isP(b, "{"):
		body = Span{p.toks[b].Span.Start, int32(p.groupSpanEnd(b))}
	case p.isP(b, ";") || p.isP(b, ","):
		return
	default:
		e := p.scanEnd(b, true)
		body = Span{p.toks[b].Span.Start, p.toks[e].Span.End}
	}
	p.f.Functions = append(p.f.Functions, body)
	if p.toks[i].Depth == 0 {
		if name := p.arrowName(i); name != "" {
			p.f.code().Named = append(p.f.code().Named, NamedFunc{Name: name, Body: body})
		}
	}
}

// arrowBody returns the body of the arrow whose '=>' is at m, bounded by
// token last for an expression body.
func (p *parser) arrowBody(m, last int) Span {
	b := p.next(m)
	if !p.valid(b) || b > last {
		return Span{}
	}
	if p.isP(b, "{") {
		return Span{p.toks[b].Span.Start, int32(p.groupSpanEnd(b))}
	}
	return Span{p.toks[b].Span.Start, p.toks[last].Span.End}
}

// isMethod reports whether the name at i defines a method: a name directly
// in a class body, or directly in an object literal after '{', ',' or a
// get/set/async/'*' modifier, followed by '(' (or '<' type parameters).
func (p *parser) isMethod(i int) bool {
	d := int(p.toks[i].Depth)
	if d == 0 || d > len(p.kinds) {
		return false
	}
	n := p.next(i)
	if p.isP(n, "?") || p.isP(n, "!") {
		n = p.next(n)
	}
	if !(p.isP(n, "(") || p.isP(n, "<")) {
		return false
	}
	pi := p.prev(i)
	if pi < 0 {
		return false
	}
	switch p.kinds[d-1] {
	case kClass:
		t := p.toks[pi]
		if t.Kind == Punct {
			switch p.word(pi) {
			case "{", ";", "}", "*", ")", "]":
				return true
			}
			return false
		}
		return true
	case kObject:
		if p.isP(pi, "{") || p.isP(pi, ",") {
			return true
		}
		if p.isP(pi, "*") || p.isID(pi, "get") || p.isID(pi, "set") || p.isID(pi, "async") {
			pp := p.prev(pi)
			return p.isP(pp, "{") || p.isP(pp, ",") || p.isP(pp, "*") || p.isID(pp, "async")
		}
	}
	return false
}

// methodAt records a method body when the name at i defines one.
func (p *parser) methodAt(i int) bool {
	if !p.isMethod(i) {
		return false
	}
	n := p.next(i)
	if p.isP(n, "?") || p.isP(n, "!") {
		n = p.next(n)
	}
	if _, body := p.funcParts(n); body != (Span{}) {
		p.f.Functions = append(p.f.Functions, body)
	}
	return true
}

// ---- identifiers, chains and calls ----

func (p *parser) identAt(i int) {
	// Fast path: only a name followed by '.', '?.', '(', '<', '!', '?' or
	// '=' (CommonJS) can matter, apart from a few special words.
	if n := p.next(i); n < len(p.toks) && p.toks[n].Kind == Punct {
		switch p.src[p.toks[n].Span.Start] {
		case '.', '?', '(', '<', '!', '=', '[':
		default:
			return
		}
	} else if w := p.word(i); w != "require" && w != "module" && w != "exports" {
		return
	}
	pi := p.prev(i)
	if pi >= 0 && p.toks[pi].Kind == Punct {
		switch p.word(pi) {
		case ".", "?.":
			return // a property name, part of a chain handled at its start
		case "*":
			if p.isKw(p.prev(pi), "function") {
				return
			}
		}
	}
	if pi >= 0 && p.toks[pi].Kind == Keyword {
		switch p.word(pi) {
		case "function", "new", "class", "interface":
			return
		}
	}
	switch p.word(i) {
	case "require":
		p.requireAt(i)
	case "module":
		p.commonJS(i)
	case "exports":
		p.commonJS(i)
	case "async":
		// async (…) => … is an arrow, not a call of `async`.
		if n := p.next(i); p.isP(n, "(") {
			gl, closed := p.groupEnd(n)
			if a := p.next(gl); closed && (p.isP(a, "=>") || p.isP(a, ":")) {
				return
			}
		}
	}
	if p.methodAt(i) {
		return
	}
	p.chain(i, true)
}

// chain walks an identifier / member / call chain starting at token i
// (Ident, `this` or `super`): names joined by '.' or '?.', call hops
// "(…)", TypeScript non-null '!' and type arguments "<…>(". With rec it
// appends a Call for every call hop. It returns the last token of the
// chain, the chain text ("a.b", "app().use().use"), the callee text of the
// last call if the chain ends with a call, and whether it does.
func (p *parser) chain(i int, rec bool) (last int, text, callee string, endsCall bool) {
	return p.chainFrom(i, i, "", rec)
}

// castAt records the chain of a TypeScript cast in parentheses at the '('
// token i: `(appInstances as any).onX(…)`, `(<any>appInstances).onX(…)`,
// `(appInstances!).onX(…)`, `(contacts).onX(…)`. The cast changes nothing
// at run time, so the chain is recorded as if written without it
// ("appInstances.onX"), its callee span starting at the '('.
func (p *parser) castAt(i int) {
	if gl, prefix, ok := p.castGroup(i); ok {
		p.chainFrom(i, gl, prefix, true)
	}
}

// castGroup reports whether the '(' at token i opens a cast of a name chain
// that a member access follows: it returns the ')' and the chain's text.
// A '(' that calls something (after a name, ')' or ']') or that a control
// keyword owns is not one.
func (p *parser) castGroup(i int) (gl int, text string, ok bool) {
	if pi := p.prev(i); pi >= 0 {
		switch p.toks[pi].Kind {
		case Ident:
			if w := p.word(pi); w != "await" && w != "yield" {
				return 0, "", false
			}
		case Template, TemplateTail, String, Number:
			return 0, "", false
		case Punct:
			if w := p.word(pi); w == ")" || w == "]" || w == "!" {
				return 0, "", false
			}
		case Keyword:
			switch p.word(pi) {
			case "if", "while", "for", "with", "switch", "catch", "function", "this", "super":
				return 0, "", false
			}
		}
	}
	gl, closed := p.groupEnd(i)
	if !closed {
		return 0, "", false
	}
	if a := p.next(gl); !p.isP(a, ".") && !p.isP(a, "?.") || !p.isName(p.next(a)) {
		return 0, "", false
	}
	k := p.next(i)
	angled := false
	if p.isP(k, "<") {
		e, ok := p.skipAngles(k)
		if !ok {
			return 0, "", false
		}
		k, angled = p.next(e), true
	}
	if !p.valid(k) || !(p.toks[k].Kind == Ident || p.isKw(k, "this")) {
		return 0, "", false
	}
	l := k
	contiguous := true
	for n := 0; n < 8; n++ {
		d := p.next(l)
		if !p.isP(d, ".") || !p.isName(p.next(d)) {
			break
		}
		m := p.next(d)
		contiguous = contiguous && p.toks[d].Span.Start == p.toks[l].Span.End && p.toks[m].Span.Start == p.toks[d].Span.End
		l = m
	}
	switch n := p.next(l); {
	case n == gl:
	case angled:
		return 0, "", false
	case p.isP(n, "!") && p.next(n) == gl:
	case p.isID(n, "as") || p.isID(n, "satisfies"):
	default:
		return 0, "", false
	}
	if contiguous {
		return gl, p.src[p.toks[k].Span.Start:p.toks[l].Span.End], true
	}
	var b strings.Builder
	for j := k; ; j = p.next(p.next(j)) {
		if j != k {
			b.WriteByte('.')
		}
		b.WriteString(p.word(j))
		if j >= l {
			break
		}
	}
	return gl, b.String(), true
}

// chainFrom is chain resuming at token j with the chain text so far
// (prefix, "" when the chain starts at i itself); the chain's spans start
// at token i.
func (p *parser) chainFrom(i, j int, prefix string, rec bool) (last int, text, callee string, endsCall bool) {
	toks := p.toks
	start := toks[i].Span.Start
	// While the chain is contiguous source text ("a.b.c") its text is a
	// substring of src and nothing is copied. Once it is not (whitespace,
	// '?.', '!', a call hop) the text moves to p.buf[base:]; nested chains
	// (classifying call arguments) append after it and truncate back.
	base := len(p.buf)
	inBuf := false
	contigLen := 0 // length of the source prefix copied into p.buf when inBuf became true
	lastName := i
	if prefix != "" {
		p.buf = append(p.buf, prefix...)
		inBuf = true
	}
	for {
		k := p.next(j)
		if k >= len(toks) || toks[k].Kind != Punct {
			break
		}
		tk := toks[k].Span
		c0 := p.src[tk.Start]
		n := tk.End - tk.Start
		call := -1
		switch {
		case (c0 == '.' && n == 1) || (c0 == '?' && n == 2 && p.src[tk.Start+1] == '.'):
			m := p.next(k)
			if p.isName(m) {
				if !inBuf && (n == 2 || tk.Start != toks[j].Span.End || toks[m].Span.Start != tk.End) {
					p.buf = append(p.buf, p.src[start:toks[lastName].Span.End]...)
					inBuf, contigLen = true, int(toks[lastName].Span.End-start)
				}
				if inBuf {
					p.buf = append(p.buf, '.')
					p.buf = append(p.buf, p.word(m)...)
				}
				j, lastName = m, m
				endsCall = false
				continue
			}
			if n == 2 && p.isP(m, "(") {
				call = m
			}
		case c0 == '!' && n == 1:
			if tk.Start == toks[j].Span.End {
				if nx := p.next(k); p.isP(nx, ".") || p.isP(nx, "?.") || p.isP(nx, "(") {
					if !inBuf {
						p.buf = append(p.buf, p.src[start:toks[lastName].Span.End]...)
						inBuf, contigLen = true, int(toks[lastName].Span.End-start)
					}
					j = k
					continue
				}
			}
		case c0 == '<' && n == 1:
			if e, ok := p.skipAngles(k); ok && p.isP(p.next(e), "(") {
				call = p.next(e)
			}
		case c0 == '(' && n == 1:
			call = k
		}
		if call < 0 {
			break
		}
		gl, closed := p.groupEnd(call)
		if rec {
			// Callee texts of one chain are prefixes of each other
			// ("app", "app().use", "app().use().use"): record lengths now
			// and cut them from one string at the end, so a chain of n
			// hops costs O(n), not O(n²).
			n := len(p.buf) - base
			if !inBuf {
				n = int(toks[lastName].Span.End - start)
			}
			p.addCall(i, lastName, call, gl, closed, "")
			p.calleeLens = append(p.calleeLens, int32(len(p.f.Calls)-1), int32(n))
		} else if inBuf {
			callee = string(p.buf[base:])
		} else {
			callee = p.src[start:toks[lastName].Span.End]
		}
		endsCall = true
		j = gl
		if !closed {
			break
		}
		if !inBuf {
			p.buf = append(p.buf, p.src[start:toks[lastName].Span.End]...)
			inBuf, contigLen = true, int(toks[lastName].Span.End-start)
		}
		p.buf = append(p.buf, "()"...)
	}
	switch {
	case rec: // callers recording calls do not need the text
		if len(p.calleeLens) > 0 {
			// Most chains are one call ("console.log(x)"): its callee is
			// still the contiguous source prefix, so no copy is needed.
			maxLen := int32(0)
			for k := 1; k < len(p.calleeLens); k += 2 {
				maxLen = max(maxLen, p.calleeLens[k])
			}
			var full string
			if !inBuf || int(maxLen) <= contigLen {
				full = p.src[start : int(start)+int(maxLen)]
			} else {
				full = string(p.buf[base : base+int(maxLen)])
			}
			for k := 0; k+1 < len(p.calleeLens); k += 2 {
				p.f.Calls[p.calleeLens[k]].Callee = full[:p.calleeLens[k+1]]
			}
			p.calleeLens = p.calleeLens[:0]
		}
	case inBuf:
		text = string(p.buf[base:])
	default:
		text = p.src[start:toks[lastName].Span.End]
	}
	p.buf = p.buf[:base]
	return j, text, callee, endsCall
}

func (p *parser) addCall(startTok, nameTok, open, gl int, closed bool, callee string) {
	toks := p.toks
	c := Call{
		Callee:     callee,
		CalleeSpan: Span{toks[startTok].Span.Start, toks[nameTok].Span.End},
		NameSpan:   toks[nameTok].Span,
		Closed:     closed,
		Depth:      toks[startTok].Depth,
		Assigned:   p.assignedTo(startTok),
	}
	argEnd := gl // exclusive token bound of the arguments
	if closed {
		c.ArgsSpan = Span{toks[open].Span.End, toks[gl].Span.Start}
		c.Span = Span{c.CalleeSpan.Start, toks[gl].Span.End}
	} else {
		argEnd = gl + 1
		end := len(p.src)
		if argEnd < len(toks) {
			end = int(toks[argEnd].Span.Start)
		}
		if stop := p.stopAfter(open); stop < argEnd {
			argEnd = stop
			end = int(toks[stop].Span.Start)
		}
		c.ArgsSpan = Span{toks[open].Span.End, int32(end)}
		c.Span = Span{c.CalleeSpan.Start, int32(end)}
	}
	c.Args = p.args(open, argEnd, closed, int(c.ArgsSpan.End))
	p.f.Calls = append(p.f.Calls, c)
}

// assignedTo returns x when tokens `const|let|var x =` precede token i.
func (p *parser) assignedTo(i int) string {
	eq := p.prev(i)
	if eq < 0 || p.word(eq) != "=" {
		return ""
	}
	name := p.prev(eq)
	if name < 0 || p.toks[name].Kind != Ident {
		return ""
	}
	decl := p.prev(name)
	if decl < 0 {
		return ""
	}
	switch p.word(decl) {
	case "const", "let", "var":
		return p.word(name)
	}
	return ""
}

// args splits tokens (open, end) at top-level commas and classifies each
// argument. endOff is the offset where the argument list ends.
func (p *parser) args(open, end int, closed bool, endOff int) []Arg {
	// Collect on p.argStack (nested classification pushes and pops above
	// mark), then copy into the arena: one allocation per many calls.
	mark := len(p.argStack)
	defer func() { p.argStack = p.argStack[:mark] }()
	base := p.toks[open].Depth + 1
	ps := open + 1
	sepEnd := p.toks[open].Span.End
	sawComma := false
	j := ps
	for j < end {
		t := &p.toks[j]
		if t.Kind == Punct && t.Depth == base && t.Span.End-t.Span.Start == 1 && p.src[t.Span.Start] == ',' {
			a := p.classify(ps, j, Span{sepEnd, t.Span.Start})
			p.argStack = append(p.argStack, a)
			ps, sepEnd, sawComma = j+1, t.Span.End, true
			j++
			continue
		}
		if p.isOpener(j) {
			j = p.skipGroup(j)
			continue
		}
		j++
	}
	if j > end {
		j = end
	}
	gap := Span{sepEnd, int32(endOff)}
	a := p.classify(ps, j, gap)
	if a.Kind != ArgMissing || (!closed && (sawComma || len(p.argStack) == mark)) {
		p.argStack = append(p.argStack, a)
	}
	return p.keepArgs(p.argStack[mark:])
}

// keepArgs copies args into the arena and returns a full-capacity slice of
// it (appending to it never clobbers a neighbour).
func (p *parser) keepArgs(args []Arg) []Arg {
	if len(args) == 0 {
		return nil
	}
	if cap(p.argArena)-len(p.argArena) < len(args) {
		p.argArena = make([]Arg, 0, max(p.chunk, len(args)))
	}
	start := len(p.argArena)
	p.argArena = append(p.argArena, args...)
	return p.argArena[start:len(p.argArena):len(p.argArena)]
}

// keepProps is keepArgs for properties.
func (p *parser) keepProps(props []Prop) []Prop {
	if len(props) == 0 {
		return nil
	}
	if cap(p.propArena)-len(p.propArena) < len(props) {
		p.propArena = make([]Prop, 0, max(p.chunk, len(props)))
	}
	start := len(p.propArena)
	p.propArena = append(p.propArena, props...)
	return p.propArena[start:len(p.propArena):len(p.propArena)]
}

// ---- expression classification ----

// classify describes the expression in tokens [s, e). gap is the Span
// reported for an empty (half-typed) expression.
func (p *parser) classify(s, e int, gap Span) Arg {
	toks := p.toks
	if e > len(toks) {
		e = len(toks)
	}
	for s < e && toks[s].Kind == Comment {
		s++
	}
	for e > s && toks[e-1].Kind == Comment {
		e--
	}
	if s >= e {
		return Arg{Kind: ArgMissing, Span: gap}
	}
	last := e - 1
	// Strip TypeScript `as T` / `satisfies T` suffixes and wrapping parens.
	for {
		d := toks[s].Depth
		for j := p.next(s); j <= last; {
			if toks[j].Depth == d && toks[j].Kind == Ident && (p.word(j) == "as" || p.word(j) == "satisfies") && p.canEnd(p.prev(j)) {
				last = p.prev(j)
				break
			}
			if p.isOpener(j) {
				j = p.next(p.skipGroup(j) - 1)
				continue
			}
			j = p.next(j)
		}
		if p.isP(s, "(") {
			if gl, closed := p.groupEnd(s); closed && gl == last {
				if a := p.next(gl); !(a <= len(toks) && p.isP(a, "=>")) {
					s2, l2 := p.next(s), p.prev(last)
					if s2 <= l2 {
						s, last = s2, l2
						continue
					}
				}
			}
		}
		break
	}
	a := Arg{Kind: ArgOther, Span: Span{toks[s].Span.Start, toks[last].Span.End}}

	// Functions.
	k := s
	if p.isID(s, "async") && s < last {
		n1 := p.next(s)
		if p.isKw(n1, "function") || p.isP(n1, "(") || p.isP(n1, "<") || (p.valid(n1) && toks[n1].Kind == Ident && p.isP(p.next(n1), "=>")) {
			a.Async = true
			k = n1
		}
	}
	if p.isKw(k, "function") {
		m := p.next(k)
		if p.isP(m, "*") {
			m = p.next(m)
		}
		if p.valid(m) && toks[m].Kind == Ident {
			m = p.next(m)
		}
		a.Kind = ArgFunction
		a.Params, a.Body = p.funcParts(m)
		return a
	}
	if p.isP(k, "(") || p.isP(k, "<") {
		pk := k
		if p.isP(k, "<") {
			if ae, ok := p.skipAngles(k); ok {
				pk = p.next(ae)
			}
		}
		if p.isP(pk, "(") {
			gl, closed := p.groupEnd(pk)
			m := p.next(gl)
			if closed && p.isP(m, ":") { // return type
				for j := p.next(m); j <= last; {
					if p.isP(j, "=>") && toks[j].Depth == toks[pk].Depth {
						m = j
						break
					}
					if p.isOpener(j) {
						j = p.next(p.skipGroup(j) - 1)
						continue
					}
					j = p.next(j)
				}
			}
			if closed && p.isP(m, "=>") && m <= last {
				a.Kind = ArgFunction
				a.Arrow = true
				a.Params = Span{toks[pk].Span.Start, toks[gl].Span.End}
				a.Body = p.arrowBody(m, last)
				return a
			}
		}
	}
	if p.valid(k) && toks[k].Kind == Ident && p.isP(p.next(k), "=>") && p.next(k) <= last {
		a.Kind = ArgFunction
		a.Arrow = true
		a.Params = toks[k].Span
		a.Body = p.arrowBody(p.next(k), last)
		return a
	}
	a.Async = false

	t := toks[s]
	if s == last {
		switch t.Kind {
		case String:
			a.Kind = ArgString
			a.StrSpan = innerSpan(t, 1)
			a.Str = decodeString(p.src[a.StrSpan.Start:a.StrSpan.End], false)
			return a
		case Template:
			a.Kind = ArgTemplate
			a.StrSpan = innerSpan(t, 1)
			a.Str = decodeString(p.src[a.StrSpan.Start:a.StrSpan.End], true)
			return a
		case Ident:
			a.Kind = ArgIdent
			a.Text = p.word(s)
			return a
		case Keyword:
			if w := p.word(s); w == "this" || w == "super" {
				a.Kind = ArgIdent
				a.Text = w
			}
			return a
		}
		if !p.isOpener(s) {
			return a
		}
	}
	switch {
	case t.Kind == TemplateHead:
		if gl, _ := p.groupEnd(s); gl == last {
			a.Kind = ArgTemplate
		}
		return a
	case p.isP(s, "{"):
		gl, closed := p.groupEnd(s)
		if gl == last || (!closed && gl > last) {
			a.Kind = ArgObject
			a.Props = p.props(s, last, closed && gl == last)
			if !closed {
				// Half-typed: the object runs to where the argument ends
				// (the next token or EOF), so a cursor after its last
				// token, e.g. in `source: |`, is inside it.
				a.Span.End = int32(len(p.src))
				if last+1 < len(toks) {
					a.Span.End = toks[last+1].Span.Start
				}
			}
		}
		return a
	case t.Kind == Ident || p.isKw(s, "this") || p.isKw(s, "super") || p.isP(s, "("):
		var cl int
		var text, callee string
		var endsCall bool
		if p.isP(s, "(") {
			gl, prefix, ok := p.castGroup(s)
			if !ok {
				return a
			}
			cl, text, callee, endsCall = p.chainFrom(s, gl, prefix, false)
		} else {
			cl, text, callee, endsCall = p.chain(s, false)
		}
		if cl == last || (endsCall && cl > last) {
			switch {
			case endsCall:
				a.Kind = ArgCall
				a.Text = callee
			case strings.IndexByte(text, '.') >= 0:
				a.Kind = ArgMember
				a.Text = text
			default:
				a.Kind = ArgIdent
				a.Text = text
			}
		}
	}
	return a
}

// innerSpan is the span of a string/template token without its delimiters
// (open bytes at the start, 1 closing byte unless unterminated).
func innerSpan(t Token, open int) Span {
	s := Span{t.Span.Start + int32(open), t.Span.End}
	if t.Flags&FlagUnterminated == 0 {
		s.End--
	}
	if s.End < s.Start {
		s.End = s.Start
	}
	return s
}

// props parses the properties of the object literal opened at token open,
// up to token last (the closer when closed, else the last token to use).
func (p *parser) props(open, last int, closed bool) []Prop {
	if p.propDepth >= maxPropDepth {
		return nil // deeper: opaque (props and classify recurse per level)
	}
	p.propDepth++
	defer func() { p.propDepth-- }()
	toks := p.toks
	base := toks[open].Depth + 1
	end := last + 1 // exclusive
	if closed {
		end = last
	}
	endOff := len(p.src)
	if end < len(toks) {
		endOff = int(toks[end].Span.Start)
	}
	mark := len(p.propStack)
	defer func() { p.propStack = p.propStack[:mark] }()
	ps := open + 1
	j := ps
	for {
		if j >= end {
			if j > end {
				j = end
			}
			if prop, ok := p.prop(ps, j, endOff); ok {
				p.propStack = append(p.propStack, prop)
			}
			break
		}
		t := &toks[j]
		if t.Kind == Punct && t.Depth == base && t.Span.End-t.Span.Start == 1 && p.src[t.Span.Start] == ',' {
			if prop, ok := p.prop(ps, j, int(t.Span.Start)); ok {
				p.propStack = append(p.propStack, prop)
			}
			ps = j + 1
			j++
			continue
		}
		if p.isOpener(j) {
			j = p.skipGroup(j)
			continue
		}
		j++
	}
	return p.keepProps(p.propStack[mark:])
}

// prop parses one property in tokens [s, e); endOff is where the property
// ends (the ',' or '}' or the give-up point).
func (p *parser) prop(s, e, endOff int) (Prop, bool) {
	toks := p.toks
	for s < e && toks[s].Kind == Comment {
		s++
	}
	if s >= e {
		return Prop{}, false
	}
	if p.isP(s, "...") {
		return Prop{Key: "...", KeySpan: toks[s].Span, Value: p.classify(p.next(s), e, Span{toks[s].Span.End, int32(endOff)})}, true
	}
	k := s
	async := false
	// Modifiers: get/set/async/'*' followed by a key.
	for n := 0; n < 3; n++ {
		w := ""
		if toks[k].Kind == Ident || p.isP(k, "*") {
			w = p.word(k)
		}
		if w != "get" && w != "set" && w != "async" && w != "*" {
			break
		}
		nk := p.next(k)
		if nk >= e || p.isP(nk, ":") || p.isP(nk, "(") || p.isP(nk, ",") || p.isP(nk, "=") {
			break
		}
		if w == "async" {
			async = true
		}
		k = nk
	}
	var pr Prop
	t := toks[k]
	switch {
	case t.Kind == Ident || t.Kind == Keyword || t.Kind == Number:
		pr.Key, pr.KeySpan = p.word(k), t.Span
	case t.Kind == String:
		pr.KeySpan = innerSpan(t, 1)
		pr.Key = decodeString(p.src[pr.KeySpan.Start:pr.KeySpan.End], false)
	case t.Kind == Template:
		pr.KeySpan = innerSpan(t, 1)
		pr.Key = decodeString(p.src[pr.KeySpan.Start:pr.KeySpan.End], true)
	case p.isP(k, "["):
		gl, _ := p.groupEnd(k)
		if gl >= e {
			gl = e - 1
		}
		pr.KeySpan = Span{t.Span.Start, toks[gl].Span.End}
		pr.Key = p.src[pr.KeySpan.Start:pr.KeySpan.End]
		k = gl
	default:
		return Prop{Key: "", KeySpan: Span{t.Span.Start, t.Span.Start}, Value: p.classify(s, e, Span{t.Span.Start, int32(endOff)})}, true
	}
	m := p.next(k)
	if p.isP(m, "?") || p.isP(m, "!") {
		m = p.next(m)
	}
	switch {
	case m >= e:
		pr.Shorthand = true
		if t.Kind == Ident {
			pr.Value = Arg{Kind: ArgIdent, Span: t.Span, Text: pr.Key}
		} else {
			pr.Value = Arg{Kind: ArgMissing, Span: Span{t.Span.End, int32(endOff)}}
		}
	case p.isP(m, ":"):
		pr.Value = p.classify(p.next(m), e, Span{toks[m].Span.End, int32(endOff)})
	case p.isP(m, "(") || p.isP(m, "<"):
		params, body := p.funcParts(m)
		end := body.End
		if end == 0 {
			end = params.End
		}
		if end < toks[s].Span.Start {
			end = toks[s].Span.Start
		}
		pr.Value = Arg{Kind: ArgFunction, Span: Span{toks[s].Span.Start, end}, Params: params, Body: body, Async: async}
	case p.isP(m, "="):
		pr.Shorthand = true
		pr.Value = Arg{Kind: ArgIdent, Span: t.Span, Text: pr.Key}
	default:
		pr.Value = p.classify(m, e, Span{t.Span.End, int32(endOff)})
	}
	return pr, true
}

// decodeString returns the cooked value of string literal contents (or
// template text when tmpl: CRLF and CR normalise to LF). Invalid escapes
// decode to the escaped character; it never fails.
func decodeString(raw string, tmpl bool) string {
	if strings.IndexByte(raw, '\\') < 0 && (!tmpl || strings.IndexByte(raw, '\r') < 0) {
		return raw
	}
	b := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c == '\r' && tmpl {
			b = append(b, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
			continue
		}
		if c != '\\' || i+1 >= len(raw) {
			b = append(b, c)
			i++
			continue
		}
		i++
		c = raw[i]
		i++
		switch c {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case 'r':
			b = append(b, '\r')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'v':
			b = append(b, '\v')
		case '0':
			b = append(b, 0)
		case '\r':
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case '\n':
		case 'x':
			if i+2 <= len(raw) && isHex(raw[i]) && isHex(raw[i+1]) {
				b = utf8.AppendRune(b, rune(hexVal(raw[i])<<4|hexVal(raw[i+1])))
				i += 2
			} else {
				b = append(b, 'x')
			}
		case 'u':
			r, n := decodeUnicodeEscape(raw[i:])
			if n == 0 {
				b = append(b, 'u')
				break
			}
			i += n
			// Combine a surrogate pair \uD83D\uDE00.
			if r >= 0xD800 && r < 0xDC00 && i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
				if r2, n2 := decodeUnicodeEscape(raw[i+2:]); n2 > 0 && r2 >= 0xDC00 && r2 < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
					i += 2 + n2
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func hexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	default:
		return rune(c|0x20-'a') + 10
	}
}

// decodeUnicodeEscape decodes XXXX or {X…} after "\u", returning the rune
// and the bytes consumed (0 if malformed).
func decodeUnicodeEscape(s string) (rune, int) {
	if len(s) > 0 && s[0] == '{' {
		var r rune
		for i := 1; i < len(s) && i < 10; i++ {
			if s[i] == '}' {
				if i == 1 || r > utf8.MaxRune {
					return 0, 0
				}
				return r, i + 1
			}
			if !isHex(s[i]) {
				return 0, 0
			}
			r = r<<4 | hexVal(s[i])
		}
		return 0, 0
	}
	if len(s) >= 4 && isHex(s[0]) && isHex(s[1]) && isHex(s[2]) && isHex(s[3]) {
		return hexVal(s[0])<<12 | hexVal(s[1])<<8 | hexVal(s[2])<<4 | hexVal(s[3]), 4
	}
	return 0, 0
}
