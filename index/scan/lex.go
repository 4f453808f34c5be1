package scan

import (
	"unicode"
	"unicode/utf8"
)

// Character classes for the ASCII fast paths.
const (
	cIdentStart = 1 << iota // A-Z a-z _ $
	cIdentPart              // cIdentStart plus 0-9
	cDigit                  // 0-9
	cSpace                  // space, tab, VT, FF (not line terminators)
)

var charClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cIdentStart | cIdentPart
		t[c-'a'+'A'] |= cIdentStart | cIdentPart
	}
	t['_'] |= cIdentStart | cIdentPart
	t['$'] |= cIdentStart | cIdentPart
	for c := '0'; c <= '9'; c++ {
		t[c] |= cIdentPart | cDigit
	}
	t[' '] |= cSpace
	t['\t'] |= cSpace
	t['\v'] |= cSpace
	t['\f'] |= cSpace
	return
}()

// Frame kinds on the lexer's bracket stack.
const (
	frParen    = 1 + iota // (
	frBracket             // [
	frBrace               // {
	frTemplate            // ${ … }
)

type frame struct {
	tok   int32      // index of the opening token
	kind  uint8      // frParen …
	flags TokenFlags // FlagBlock / FlagObject / FlagClassBody / FlagControl, copied to the closer
	list  bool       // import/export specifier braces: closed implicitly by tokens that cannot occur in a list
}

// lexer turns text into Tokens plus the bracket pairing table.
//
// Regex-vs-division uses the usual previous-significant-token rule, with
// two refinements that need the bracket stack: a ')' closing the condition
// of if/while/for/with allows a regex, and a '}' allows one only when it
// closes a block (a statement block, function or class body), not an
// object literal. Braces are classified when opened from the token before
// them (see braceKind).
type lexer struct {
	src   string
	toks  []Token
	pair  []int32
	stack []frame

	regexOK bool // a '/' now starts a regex
	nl      bool // a line terminator was seen since the last significant token
	// last three significant tokens, -1 when absent (most recent first)
	last [3]int32
	// depth at which a `class`/`interface` keyword waits for its body brace, -1 if none
	classPending int32
}

func tokenize(src string, toks []Token, pair []int32) ([]Token, []int32) {
	lx := lexer{src: src, toks: toks, pair: pair, regexOK: true, last: [3]int32{-1, -1, -1}, classPending: -1}
	lx.stack = make([]frame, 0, 32)
	lx.run()
	// Frames still open at EOF: their region ends at the end of the token list.
	for _, f := range lx.stack {
		lx.pair[f.tok] = -int32(len(lx.toks)) - 1
	}
	return lx.toks, lx.pair
}

func (lx *lexer) run() {
	src := lx.src
	pos := 0
	if len(src) >= 2 && src[0] == '#' && src[1] == '!' {
		pos = lx.lineCommentEnd(2)
		lx.emit(Comment, 0, pos, 0)
	}
	for pos < len(src) {
		c := src[pos]
		cl := charClass[c]
		switch {
		case cl&cSpace != 0:
			pos++
		case c == '\n' || c == '\r':
			lx.nl = true
			pos++
		case cl&cIdentStart != 0:
			pos = lx.ident(pos, pos+1)
		case cl&cDigit != 0:
			pos = lx.number(pos)
		case c == '"' || c == '\'':
			pos = lx.str(pos, c)
		case c == '`':
			pos = lx.template(pos, pos+1, TemplateHead)
		case c == '/':
			if pos+1 < len(src) && src[pos+1] == '/' {
				end := lx.lineCommentEnd(pos + 2)
				lx.emit(Comment, pos, end, 0)
				pos = end
			} else if pos+1 < len(src) && src[pos+1] == '*' {
				pos = lx.blockComment(pos)
			} else if lx.regexOK {
				pos = lx.regex(pos)
			} else {
				n := 1
				if pos+1 < len(src) && src[pos+1] == '=' {
					n = 2
				}
				lx.punct(pos, pos+n)
				pos += n
			}
		case c == '.':
			if pos+1 < len(src) && charClass[src[pos+1]]&cDigit != 0 {
				pos = lx.number(pos)
			} else {
				n := 1
				if pos+2 < len(src) && src[pos+1] == '.' && src[pos+2] == '.' {
					n = 3
				}
				lx.punct(pos, pos+n)
				pos += n
			}
		case c == '}':
			pos = lx.closeBrace(pos)
		case c == '#':
			// Private name (#x) — or junk.
			if pos+1 < len(src) && (charClass[src[pos+1]]&cIdentStart != 0 || src[pos+1] >= utf8.RuneSelf || src[pos+1] == '\\') {
				end := lx.identRest(pos + 1)
				if end > pos+1 {
					lx.emit(Ident, pos, end, 0)
					pos = end
					continue
				}
			}
			lx.emit(Invalid, pos, pos+1, 0)
			pos++
		case c == '\\':
			// A unicode escape can start an identifier.
			if end := lx.identRest(pos); end > pos {
				pos = lx.ident(pos, end)
			} else {
				lx.emit(Invalid, pos, pos+1, 0)
				pos++
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(src[pos:])
			switch {
			case r == 0x2028 || r == 0x2029:
				lx.nl = true
				pos += size
			case r == utf8.RuneError && size == 1:
				lx.emit(Invalid, pos, pos+1, 0)
				pos++
			case r == 0xFEFF || r == 0xA0 || unicode.Is(unicode.Zs, r):
				pos += size
			case isIDStart(r):
				pos = lx.ident(pos, pos+size)
			default:
				lx.emit(Invalid, pos, pos+size, 0)
				pos += size
			}
		default:
			n := punctLen(src, pos)
			if n == 0 {
				lx.emit(Invalid, pos, pos+1, 0)
				pos++
				continue
			}
			lx.punct(pos, pos+n)
			pos += n
		}
	}
}

func isIDStart(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)
}

func isIDPart(r rune) bool {
	return isIDStart(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) ||
		unicode.Is(unicode.Pc, r) || r == 0x200C || r == 0x200D || unicode.Is(unicode.Other_ID_Continue, r)
}

// identRest returns the end of the identifier characters starting at pos
// (ASCII, Unicode ID_Continue and \u escapes).
func (lx *lexer) identRest(pos int) int {
	src := lx.src
	for pos < len(src) {
		c := src[pos]
		if charClass[c]&cIdentPart != 0 {
			pos++
			continue
		}
		if c == '\\' {
			if pos+1 < len(src) && src[pos+1] == 'u' {
				p := pos + 2
				if p < len(src) && src[p] == '{' {
					for p < len(src) && src[p] != '}' && p-pos < 12 {
						p++
					}
					if p < len(src) && src[p] == '}' {
						pos = p + 1
						continue
					}
					return pos
				}
				if p+4 <= len(src) && isHex(src[p]) && isHex(src[p+1]) && isHex(src[p+2]) && isHex(src[p+3]) {
					pos = p + 4
					continue
				}
			}
			return pos
		}
		if c < utf8.RuneSelf {
			return pos
		}
		r, size := utf8.DecodeRuneInString(src[pos:])
		if r == utf8.RuneError || !isIDPart(r) {
			return pos
		}
		pos += size
	}
	return pos
}

func isHex(c byte) bool {
	return c-'0' < 10 || (c|0x20)-'a' < 6
}

func (lx *lexer) ident(start, pos int) int {
	end := lx.identRest(pos)
	kind := Ident
	word := lx.src[start:end]
	// A reserved word after '.' or '?.' is a property name.
	if isKeyword(word) && !lx.afterDot() {
		kind = Keyword
		// `export` can never be inside ( … ) or [ … ] (only inside a
		// function body there, which is a brace frame): a half-typed
		// parameter or argument list above it is closed implicitly, so
		// the export is not reported as nested.
		if word == "export" {
			k := len(lx.stack)
			for k > 0 && (lx.stack[k-1].kind == frParen || lx.stack[k-1].kind == frBracket) {
				k--
			}
			if k < len(lx.stack) {
				next := -int32(len(lx.toks)) - 1
				for _, f := range lx.stack[k:] {
					lx.pair[f.tok] = next
				}
				lx.stack = lx.stack[:k]
			}
		}
	}
	lx.emit(kind, start, end, 0)
	return end
}

func (lx *lexer) afterDot() bool {
	l := lx.last[0]
	if l < 0 {
		return false
	}
	t := lx.toks[l]
	if t.Kind != Punct {
		return false
	}
	s := lx.src[t.Span.Start:t.Span.End]
	return s == "." || s == "?."
}

// isKeyword reports reserved words (ES strict mode plus `await`, `yield`,
// `let`, `static` and the TypeScript-relevant `interface`/`implements`…).
// Contextual words (async, of, as, from, type, get, set, declare…) stay Ident.
func isKeyword(s string) bool {
	switch s {
	case "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
		"else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
		"instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof",
		"var", "void", "while", "with", "yield", "await", "let", "static", "implements", "interface",
		"package", "private", "protected", "public":
		return true
	}
	return false
}

func (lx *lexer) number(start int) int {
	src := lx.src
	pos := start
	if src[pos] == '0' && pos+1 < len(src) && (src[pos+1]|0x20 == 'x' || src[pos+1]|0x20 == 'o' || src[pos+1]|0x20 == 'b') {
		pos += 2
		for pos < len(src) && (isHex(src[pos]) || src[pos] == '_') {
			pos++
		}
	} else {
		for pos < len(src) && (charClass[src[pos]]&cDigit != 0 || src[pos] == '_') {
			pos++
		}
		if pos < len(src) && src[pos] == '.' {
			pos++
			for pos < len(src) && (charClass[src[pos]]&cDigit != 0 || src[pos] == '_') {
				pos++
			}
		}
		if pos < len(src) && src[pos]|0x20 == 'e' {
			p := pos + 1
			if p < len(src) && (src[p] == '+' || src[p] == '-') {
				p++
			}
			if p < len(src) && charClass[src[p]]&cDigit != 0 {
				pos = p
				for pos < len(src) && (charClass[src[pos]]&cDigit != 0 || src[pos] == '_') {
					pos++
				}
			}
		}
	}
	// BigInt suffix and any glued identifier characters (an error, but one token).
	for pos < len(src) && charClass[src[pos]]&cIdentPart != 0 {
		pos++
	}
	lx.emit(Number, start, pos, 0)
	return pos
}

func (lx *lexer) str(start int, q byte) int {
	src := lx.src
	pos := start + 1
	for pos < len(src) {
		c := src[pos]
		switch c {
		case q:
			lx.emit(String, start, pos+1, 0)
			return pos + 1
		case '\\':
			pos += 2
			if pos <= len(src) && src[pos-1] == '\r' && pos < len(src) && src[pos] == '\n' {
				pos++
			}
			continue
		case '\n', '\r':
			lx.emit(String, start, pos, FlagUnterminated)
			return pos
		}
		pos++
	}
	if pos > len(src) {
		pos = len(src)
	}
	lx.emit(String, start, pos, FlagUnterminated)
	return pos
}

// template scans template text from pos (just after "`" or "}") and emits
// one token. head is TemplateHead when the token began with "`", else
// TemplateMiddle; the kind becomes Template/TemplateTail when the text ends
// with "`" instead of "${".
func (lx *lexer) template(start, pos int, head TokenKind) int {
	src := lx.src
	for pos < len(src) {
		switch src[pos] {
		case '`':
			k := Template
			if head == TemplateMiddle {
				k = TemplateTail
			}
			lx.emit(k, start, pos+1, 0)
			return pos + 1
		case '\\':
			pos += 2
			continue
		case '$':
			if pos+1 < len(src) && src[pos+1] == '{' {
				lx.emit(head, start, pos+2, 0)
				lx.push(frTemplate, 0, false)
				return pos + 2
			}
		}
		pos++
	}
	k := Template
	if head == TemplateMiddle {
		k = TemplateTail
	}
	lx.emit(k, start, len(src), FlagUnterminated)
	return len(src)
}

func (lx *lexer) regex(start int) int {
	src := lx.src
	pos := start + 1
	inClass := false
	for pos < len(src) {
		c := src[pos]
		switch {
		case c == '\\':
			if pos+1 < len(src) && (src[pos+1] == '\n' || src[pos+1] == '\r') {
				lx.emit(Regex, start, pos+1, FlagUnterminated)
				return pos + 1
			}
			pos += 2
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			end := lx.identRest(pos + 1) // flags
			lx.emit(Regex, start, end, 0)
			return end
		case c == '\n' || c == '\r' || (c == 0xE2 && isLS(src, pos)):
			lx.emit(Regex, start, pos, FlagUnterminated)
			return pos
		}
		pos++
	}
	if pos > len(src) {
		pos = len(src)
	}
	lx.emit(Regex, start, pos, FlagUnterminated)
	return pos
}

// isLS reports whether src[pos:] starts with U+2028 or U+2029.
func isLS(src string, pos int) bool {
	return pos+2 < len(src) && src[pos] == 0xE2 && src[pos+1] == 0x80 && (src[pos+2] == 0xA8 || src[pos+2] == 0xA9)
}

func (lx *lexer) lineCommentEnd(pos int) int {
	src := lx.src
	for pos < len(src) {
		c := src[pos]
		if c == '\n' || c == '\r' || (c == 0xE2 && isLS(src, pos)) {
			return pos
		}
		pos++
	}
	return pos
}

func (lx *lexer) blockComment(start int) int {
	src := lx.src
	for pos := start + 2; pos < len(src); pos++ {
		c := src[pos]
		if c == '*' && pos+1 < len(src) && src[pos+1] == '/' {
			lx.emit(Comment, start, pos+2, 0)
			return pos + 2
		}
		if c == '\n' || c == '\r' || (c == 0xE2 && isLS(src, pos)) {
			lx.nl = true
		}
	}
	lx.emit(Comment, start, len(src), FlagUnterminated)
	return len(src)
}

// punctLen returns the length of the punctuator at pos (maximal munch), 0
// if the byte starts none.
func punctLen(src string, pos int) int {
	c := src[pos]
	at := func(i int) byte {
		if pos+i < len(src) {
			return src[pos+i]
		}
		return 0
	}
	switch c {
	case '{', '}', '(', ')', '[', ']', ';', ',', '~', ':', '@':
		return 1
	case '?':
		if at(1) == '?' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '.' && !(at(2) >= '0' && at(2) <= '9') {
			return 2
		}
		return 1
	case '=':
		if at(1) == '=' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '>' {
			return 2
		}
		return 1
	case '!':
		if at(1) == '=' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		return 1
	case '+', '-':
		if at(1) == c || at(1) == '=' {
			return 2
		}
		return 1
	case '*':
		if at(1) == '*' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '=' {
			return 2
		}
		return 1
	case '%', '^':
		if at(1) == '=' {
			return 2
		}
		return 1
	case '&', '|', '<': // && &&= &= || ||= |= << <<= <=
		if at(1) == c {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '=' {
			return 2
		}
		return 1
	case '>':
		// '>' is kept as single characters when followed by '>' only
		// through maximal munch; TypeScript generics (Array<Set<T>>) are
		// handled by the parser splitting ">>" logically.
		if at(1) == '>' {
			if at(2) == '>' {
				if at(3) == '=' {
					return 4
				}
				return 3
			}
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '=' {
			return 2
		}
		return 1
	}
	return 0
}

func (lx *lexer) punct(start, end int) {
	src := lx.src
	if end-start == 1 {
		switch src[start] {
		case '(':
			var fl TokenFlags
			if l := lx.last[0]; l >= 0 && lx.toks[l].Kind == Keyword {
				switch src[lx.toks[l].Span.Start:lx.toks[l].Span.End] {
				case "if", "while", "for", "with":
					fl = FlagControl
				}
			}
			lx.emit(Punct, start, end, 0)
			lx.push(frParen, fl, false)
			return
		case '[':
			lx.emit(Punct, start, end, 0)
			lx.push(frBracket, 0, false)
			return
		case '{':
			fl, list := lx.braceKind()
			lx.emit(Punct, start, end, fl)
			lx.push(frBrace, fl, list)
			return
		case ')':
			lx.closeFrame(frParen, start, end)
			return
		case ']':
			lx.closeFrame(frBracket, start, end)
			return
		}
	}
	lx.emit(Punct, start, end, 0)
}

// braceKind classifies a '{' about to be emitted from the tokens before it:
// a statement block / function body / class body (FlagBlock), or an
// expression brace (FlagObject). It also reports import/export specifier
// lists, which the lexer closes implicitly when a token that cannot occur in
// a list shows up, so a half-typed `import { a, b` does not swallow the file.
func (lx *lexer) braceKind() (TokenFlags, bool) {
	depth := int32(len(lx.stack))
	if lx.classPending == depth {
		lx.classPending = -1
		return FlagBlock | FlagClassBody, false
	}
	l := lx.last[0]
	if l < 0 {
		return FlagBlock, false
	}
	t := lx.toks[l]
	s := lx.src[t.Span.Start:t.Span.End]
	switch t.Kind {
	case Punct:
		switch s {
		case ")", "=>", ";", "{", "}":
			return FlagBlock, false
		case ":":
			// Label or `case x:` in a block → block, unless it is a TS
			// annotation `const x: {…}`.
			if n := len(lx.stack); n == 0 || (lx.stack[n-1].kind == frBrace && lx.stack[n-1].flags&FlagBlock != 0) {
				if p2, p3 := lx.last[1], lx.last[2]; p2 >= 0 && p3 >= 0 && lx.toks[p2].Kind == Ident && lx.toks[p3].Kind == Keyword {
					switch lx.word(p3) {
					case "const", "let", "var":
						return FlagObject, false
					}
				}
				return FlagBlock, false
			}
			return FlagObject, false
		case ",":
			// `import a, {` starts a list.
			if p2, p3 := lx.last[1], lx.last[2]; p2 >= 0 && p3 >= 0 && lx.toks[p2].Kind == Ident && lx.word(p3) == "import" {
				return FlagObject, true
			}
		}
		return FlagObject, false
	case Keyword:
		switch s {
		case "import", "export":
			return FlagObject, true
		case "return", "typeof", "case", "in", "yield", "await", "delete", "void", "throw", "new", "default", "instanceof", "extends",
			"const", "let", "var": // the last three: destructuring patterns
			return FlagObject, false
		}
		return FlagBlock, false
	case Ident:
		switch s {
		case "of", "satisfies", "as":
			return FlagObject, false
		case "type":
			// `import type {` / `export type {`
			if p2 := lx.last[1]; p2 >= 0 && (lx.word(p2) == "import" || lx.word(p2) == "export") && lx.toks[p2].Kind == Keyword {
				return FlagObject, true
			}
		}
		return FlagBlock, false
	}
	return FlagBlock, false
}

func (lx *lexer) word(i int32) string {
	t := lx.toks[i]
	return lx.src[t.Span.Start:t.Span.End]
}

func (lx *lexer) push(kind uint8, fl TokenFlags, list bool) {
	lx.stack = append(lx.stack, frame{tok: int32(len(lx.toks) - 1), kind: kind, flags: fl, list: list})
}

// closeFrame emits a ')' or ']' and pops to its opener. A closer without a
// matching opener (not crossing a template substitution) is stray and pops
// nothing; openers popped on the way stay unpaired and their region ends at
// this closer.
func (lx *lexer) closeFrame(kind uint8, start, end int) {
	for k := len(lx.stack) - 1; k >= 0; k-- {
		f := lx.stack[k]
		if f.kind == frTemplate {
			break
		}
		if f.kind == kind {
			lx.popTo(k)
			lx.emit(Punct, start, end, f.flags)
			lx.pair[f.tok] = int32(len(lx.toks) - 1)
			lx.pair[len(lx.toks)-1] = f.tok
			return
		}
	}
	lx.emit(Punct, start, end, 0)
}

// popTo pops frames k… (k included) whose region ends at the next token.
func (lx *lexer) popTo(k int) {
	next := int32(len(lx.toks))
	for j := len(lx.stack) - 1; j > k; j-- {
		lx.pair[lx.stack[j].tok] = -next - 1
	}
	lx.stack = lx.stack[:k]
}

// closeBrace handles '}', which either closes a brace or continues a
// template literal after a substitution.
func (lx *lexer) closeBrace(pos int) int {
	for k := len(lx.stack) - 1; k >= 0; k-- {
		f := lx.stack[k]
		if f.kind == frTemplate {
			lx.popTo(k)
			end := lx.template(pos, pos+1, TemplateMiddle)
			// The continuation token (a TemplateMiddle, whose own frame
			// template() pushed, or the TemplateTail) pairs with f's token.
			lx.pair[f.tok] = int32(len(lx.toks) - 1)
			return end
		}
		if f.kind == frBrace {
			lx.popTo(k)
			lx.emit(Punct, pos, pos+1, f.flags)
			lx.pair[f.tok] = int32(len(lx.toks) - 1)
			lx.pair[len(lx.toks)-1] = f.tok
			return pos + 1
		}
	}
	lx.emit(Punct, pos, pos+1, 0)
	return pos + 1
}

// emit appends a token. For significant tokens it first closes an implicit
// import/export list if the token cannot be part of it, then records the
// newline flag, and updates the regex state.
func (lx *lexer) emit(kind TokenKind, start, end int, fl TokenFlags) {
	if kind == Comment {
		if lx.nl {
			fl |= FlagNewlineBefore
		}
		lx.toks = append(lx.toks, Token{Kind: kind, Flags: fl, Depth: int32(len(lx.stack)), Span: Span{int32(start), int32(end)}})
		lx.pair = append(lx.pair, -1)
		return
	}
	src := lx.src
	if n := len(lx.stack); n > 0 && lx.stack[n-1].list {
		ok := false
		switch kind {
		case Ident, String:
			ok = true
		case Keyword:
			ok = src[start:end] == "default"
		case Punct:
			ok = end-start == 1 && (src[start] == ',' || src[start] == '}' || src[start] == '*')
		}
		if !ok {
			f := lx.stack[n-1]
			lx.pair[f.tok] = -int32(len(lx.toks)) - 1
			lx.stack = lx.stack[:n-1]
		}
	}
	if lx.nl {
		fl |= FlagNewlineBefore
		lx.nl = false
	}
	idx := int32(len(lx.toks))
	lx.toks = append(lx.toks, Token{Kind: kind, Flags: fl, Depth: int32(len(lx.stack)), Span: Span{int32(start), int32(end)}})
	lx.pair = append(lx.pair, -1)
	// A `class` keyword whose next token is not a name/extends/brace was a
	// property key ({ class: 1 }), not a class.
	if lx.classPending >= 0 && lx.last[0] >= 0 && lx.toks[lx.last[0]].Kind == Keyword {
		w := lx.word(lx.last[0])
		if (w == "class" || w == "interface") && kind == Punct && !(end-start == 1 && src[start] == '{') {
			lx.classPending = -1
		}
	}

	switch kind {
	case Ident:
		w := src[start:end]
		lx.regexOK = w == "of" || w == "yield" || w == "await"
	case Keyword:
		switch src[start:end] {
		case "this", "super", "null", "true", "false":
			lx.regexOK = false
		case "class", "interface":
			lx.regexOK = true
			lx.classPending = int32(len(lx.stack))
		default:
			lx.regexOK = true
		}
	case Punct:
		switch src[start] {
		case ')':
			lx.regexOK = fl&FlagControl != 0
		case ']':
			lx.regexOK = false
		case '}':
			lx.regexOK = fl&FlagBlock != 0
		case '+', '-':
			lx.regexOK = !(end-start == 2 && src[start+1] == src[start]) // ++ and -- are usually postfix
		default:
			lx.regexOK = true
		}
	case TemplateHead, TemplateMiddle:
		lx.regexOK = true
	default: // Number, String, Template, TemplateTail, Regex, Invalid
		lx.regexOK = false
	}
	lx.last[2], lx.last[1], lx.last[0] = lx.last[1], lx.last[0], idx
}
