package scan

// Nesting: how deep a recursive-descent parser (esbuild's) would recurse on
// a text, from its tokens, without recursing here.
//
// esbuild parses and visits with one Go call (about 1 KB of stack) per level
// of nesting, and not only of brackets: a prefix operator (`!!!!a`), a
// right-associative one (`a=a=a`, `a?b:a?b:c`, `a=>a=>a`, `a**a**a`), a
// member or call chain (`a.a.a`, `f()()()`, visited recursively), a
// statement inside a statement (`if(a)if(a)`, `else if` chains, labels),
// a TypeScript type argument (`A<A<A`): each is a level. 2 MiB of any of
// them overflows Go's 1 GB stack, which is fatal (no recover). So the
// measure is an upper bound on all of them, and cheap: every significant
// token counts one level (see nestLevel for the three kinds), and a count
// starts again only where the grammar guarantees the recursion unwound:
//
//   - the current operand's count at a binary operator (left-associative:
//     esbuild loops over `a + b + c`);
//   - the expression's counts at a ',' (the lowest-precedence operator;
//     only `<` counts survive it, since type arguments `A<B, A<B, …`
//     continue across it), not the statements' (`if (a) x, y; else if`);
//   - everything at a ';', unless `else` follows (an `if` chain continues
//     past it);
//   - everything between an operand's end (a name, literal, `)`, `]`, `}`)
//     and a name or literal that cannot continue an expression (no `in`,
//     `instanceof`, `as`, `satisfies`, `extends`, `is`, `of`, `else`,
//     `catch`, `finally`, `while`): ASI or the start of a new statement or
//     member, or a syntax error, where esbuild stops;
//   - at `case`.
//
// A reset can only drop levels already counted at their peak, and no
// recursion that outlives a reset goes uncounted after it, so the measure
// is at least half the true depth: far inside the margin between the bound
// (analysis.MaxNesting, 2,000) and a crash (about a million).
//
// A bracket (and a template substitution) is one level of the operand it
// is in, and its contents start fresh counts on top of all enclosing ones.
// The nesting is the largest total.
//
// The scanner's lexing (regex or division, after a '/') is a guess where
// esbuild knows; where the two could disagree, the scanner may have taken
// code for the inside of a literal. So a regex literal, and a string,
// template or comment that starts after a division on the same line, count
// as deep as their bytes would be as code (literalNesting).

// maxPropDepth bounds how deep the parser reads object literals inside
// one another (a call argument's properties' values …): reading them
// recurses per level, and a million-deep `f({a:{a:…` would take hundreds
// of MB of stack. Deeper objects are kept as values without properties.
// Real extension configs nest two to four levels.
const maxPropDepth = 100

// nestLevel is one bracket level's counts. A level's depth is
// stmt + persist + term on top of base:
//   - stmt: statements inside statements (if, else, for, while, do, with),
//     which a ',' does not end;
//   - persist: operators whose operand is the rest of the expression, so
//     the recursion lasts through the binary operators after them
//     (assignments, `?`, `:`, `=>`, `**`, `yield`, `...`, and `<`, which in
//     TypeScript may open type arguments);
//   - term: the current operand (names, literals, member and call chains,
//     prefix operators, brackets), which esbuild has finished with at the
//     next binary operator: `a.b(c) + d.e(f) + …` is a loop there, not a
//     recursion, and real code concatenates a hundred terms.
type nestLevel struct {
	base                int // the total of all enclosing levels, this bracket included
	stmt, persist, term int
	angles              int // `<` tokens since the last ';' or statement reset
	// seq: a ',' here is the comma operator (a grouping paren, a block,
	// the top level), whose chains esbuild visits in quadratic time, so a
	// run of them counts as deep as it is long.
	seq    bool
	commas int
}

func (l *nestLevel) depth() int { return l.base + l.stmt + l.persist + l.term }

// nesting measures toks (tokenize's, of text); it stops counting once the
// total passes limit (limit <= 0: no limit) and returns what it reached,
// and the number of significant (not comment) tokens it saw.
func nesting(text string, toks []Token, pair []int32, limit int) (peak, significant int) {
	var stack []nestLevel
	cur := nestLevel{seq: true}
	prev := -1       // previous significant token
	divLine := false // a division '/' was seen since the last line break
	note := func(d int) {
		if d > peak {
			peak = d
		}
	}
	word := func(t Token) string { return text[t.Span.Start:t.Span.End] }
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Flags&FlagNewlineBefore != 0 {
			divLine = false
		}
		if t.Kind == Comment {
			if divLine {
				note(cur.depth() + literalNesting(word(t)))
			}
			continue
		}
		significant++
		// Leave the brackets this token is outside of.
		for len(stack) > int(t.Depth) {
			cur = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
		}
		afterOperand := prev >= 0 && endsOperand(text, toks, pair, prev)
		if afterOperand && startsStatement(text, t) {
			cur.stmt, cur.persist, cur.term, cur.angles, cur.commas = 0, 0, 0, 0, 0
		}
		open := func(seq bool) {
			cur.term++
			stack = append(stack, cur)
			cur = nestLevel{base: cur.depth() + 1, seq: seq}
		}
		switch t.Kind {
		case Punct:
			switch w := word(t); w {
			case ",":
				cur.persist, cur.term = cur.angles, 0
				if cur.seq {
					cur.commas++
					note(cur.commas)
				}
			case ";":
				cur.persist, cur.term, cur.angles = 0, 0, 0
				// Before `else` the if chain goes on.
				if n := nextSignificant(toks, i); n < 0 || toks[n].Kind != Keyword || word(toks[n]) != "else" {
					cur.stmt, cur.commas = 0, 0
				}
			case ")", "]", "}":
				// The bracket counted where it opened.
			case "<":
				cur.persist++
				cur.angles++
			case "(", "[", "{":
				open(w == "(" && !afterOperand || w == "{" && t.Flags&FlagBlock != 0)
			case "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=",
				"?", ":", "=>", "**", "...":
				cur.persist++
				if w == "/=" {
					divLine = true
				}
			case "+", "-", "*", "/", "%", "==", "!=", "===", "!==", ">", "<=", ">=", "<<", ">>", ">>>", "&", "|", "^", "&&", "||", "??":
				if w == "/" {
					divLine = true
				}
				if afterOperand {
					cur.term = 0 // a binary operator: the operand before it is done
				} else {
					cur.term++ // a prefix + or -
				}
			default:
				cur.term++
			}
		case TemplateHead, TemplateMiddle:
			if divLine {
				note(cur.depth() + literalNesting(word(t)))
			}
			open(false)
		case Regex:
			note(cur.depth() + literalNesting(word(t)))
			cur.term++
		case String, Template, TemplateTail:
			if divLine {
				note(cur.depth() + literalNesting(word(t)))
			}
			cur.term++
		case Keyword:
			switch word(t) {
			case "if", "else", "for", "while", "do", "with":
				cur.stmt++
			case "yield":
				cur.persist++
			case "case":
				cur.stmt, cur.persist, cur.term = 0, 0, 1
			case "in", "instanceof":
				if afterOperand {
					cur.term = 0
				} else {
					cur.term++
				}
			default:
				cur.term++
			}
		default:
			cur.term++
		}
		note(cur.depth())
		if limit > 0 && peak > limit {
			return peak, significant
		}
		prev = i
	}
	return peak, significant
}

// controlParen reports whether the ')' at i closes the head of an if,
// while, for (also `for await`) or with statement: a statement follows it.
func controlParen(text string, toks []Token, pair []int32, i int) bool {
	if toks[i].Flags&FlagControl != 0 {
		return true
	}
	if i >= len(pair) || pair[i] < 0 {
		return false
	}
	k := prevSignificant(toks, int(pair[i]))
	if k < 0 || text[toks[k].Span.Start:toks[k].Span.End] != "await" {
		return false
	}
	k = prevSignificant(toks, k)
	return k >= 0 && text[toks[k].Span.Start:toks[k].Span.End] == "for"
}

func prevSignificant(toks []Token, i int) int {
	for j := i - 1; j >= 0; j-- {
		if toks[j].Kind != Comment {
			return j
		}
	}
	return -1
}

func nextSignificant(toks []Token, i int) int {
	for j := i + 1; j < len(toks); j++ {
		if toks[j].Kind != Comment {
			return j
		}
	}
	return -1
}

// endsOperand reports whether t can end an operand: a name (not a word
// that expects one after it), a literal, or a closing bracket other than
// that of an if/while/for/with condition.
func endsOperand(text string, toks []Token, pair []int32, i int) bool {
	t := toks[i]
	w := text[t.Span.Start:t.Span.End]
	switch t.Kind {
	case Ident:
		return !prefixWord(w)
	case Keyword:
		switch w {
		case "this", "null", "true", "false", "super":
			return true
		}
		return false
	case Number, String, Template, TemplateTail, Regex:
		return true
	case Punct:
		switch w {
		case ")":
			return !controlParen(text, toks, pair, i)
		case "]", "}":
			return true
		}
	}
	return false
}

// startsStatement reports whether t, after an operand, cannot continue the
// expression: a name or keyword that is not an infix or clause word, or a
// string or number literal.
func startsStatement(text string, t Token) bool {
	switch t.Kind {
	case Ident, Keyword:
		switch text[t.Span.Start:t.Span.End] {
		case "in", "instanceof", "of", "as", "satisfies", "extends", "implements", "is",
			"else", "catch", "finally", "while", "keyof", "infer":
			return false
		}
		return true
	case String, Number:
		return true
	}
	return false
}

// prefixWord reports contextual words after which an operand or a
// declaration follows, so they never end one.
func prefixWord(w string) bool {
	switch w {
	case "async", "await", "yield", "get", "set", "static", "let", "type", "interface", "declare",
		"abstract", "readonly", "keyof", "unique", "infer", "is", "asserts", "as", "satisfies", "of",
		"from", "namespace", "module", "enum", "public", "private", "protected", "override",
		"accessor", "out", "global", "typeof", "new", "void", "delete", "implements", "extends":
		return true
	}
	return false
}

// literalNesting is how deep the bytes of a literal could nest if they
// were code: every bracket one level, every punctuator or word one more in
// its chain, ',' and ';' ending a chain. Real literals stay shallow; code
// hidden in one by a regex/division mismatch does not.
func literalNesting(s string) int {
	var stack []int
	chain, base, peak := 0, 0, 0
	word := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		isWord := c == '_' || c == '$' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c >= 0x80
		if isWord {
			if !word {
				chain++
			}
			word = true
		} else {
			word = false
			switch c {
			case ' ', '\t', '\n', '\r':
			case ',', ';':
				chain = 0
			case '(', '[', '{':
				chain++
				stack = append(stack, chain)
				base += chain + 1
				chain = 0
			case ')', ']', '}':
				if n := len(stack); n > 0 {
					chain = stack[n-1]
					base -= chain + 1
					stack = stack[:n-1]
				}
			default:
				chain++
			}
		}
		if base+chain > peak {
			peak = base + chain
		}
	}
	return peak
}
