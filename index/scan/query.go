package scan

import "sort"

// Text returns the text the File was parsed from.
func (f *File) Text() string { return f.text }

// Match returns the index of the token pairing with bracket token i: the
// closer for an opener ('(', '[', '{', TemplateHead/TemplateMiddle → the
// next template part), the opener for a closer; -1 if unpaired or not a
// bracket.
func (f *File) Match(i int) int {
	if i < 0 || i >= len(f.pair) || f.pair[i] < 0 {
		return -1
	}
	return int(f.pair[i])
}

// TokenAt returns the index of the token containing offset, or ending
// exactly at it. When one token ends at offset and the next starts there,
// the ending one wins if it is a word (Ident, Keyword, Number) — completion
// at the end of a word — else the starting one.
func (f *File) TokenAt(offset int) (i int, ok bool) {
	toks := f.Tokens
	i = sort.Search(len(toks), func(k int) bool { return int(toks[k].Span.End) >= offset })
	if i == len(toks) {
		return -1, false
	}
	t := toks[i]
	if int(t.Span.End) == offset {
		if i+1 < len(toks) && int(toks[i+1].Span.Start) == offset {
			switch t.Kind {
			case Ident, Keyword, Number:
			default:
				return i + 1, true
			}
		}
		return i, true
	}
	if int(t.Span.Start) <= offset {
		return i, true
	}
	return -1, false
}

// TokenBefore returns the index of the last non-comment token that ends at
// or before offset, -1 if none.
func (f *File) TokenBefore(offset int) int {
	toks := f.Tokens
	i := sort.Search(len(toks), func(k int) bool { return int(toks[k].Span.End) > offset }) - 1
	for i >= 0 && toks[i].Kind == Comment {
		i--
	}
	return i
}

// inside reports whether offset is strictly inside a token accepted by
// kindOK, or at its end when the token runs to a line or file end (a line
// comment or an unterminated literal: typing there extends it).
func (f *File) inside(offset int, kindOK func(TokenKind) bool, lineEnd func(*File, Token) bool) bool {
	toks := f.Tokens
	i := sort.Search(len(toks), func(k int) bool { return int(toks[k].Span.End) >= offset })
	if i == len(toks) {
		return false
	}
	t := toks[i]
	if !kindOK(t.Kind) || int(t.Span.Start) >= offset {
		return false
	}
	return offset < int(t.Span.End) || lineEnd(f, t)
}

// InComment reports whether offset is inside a comment (after its opening
// "//" or "/*" and before its closing "*/"; at the end of a line comment
// counts as inside).
func (f *File) InComment(offset int) bool {
	return f.inside(offset, func(k TokenKind) bool { return k == Comment }, func(f *File, t Token) bool {
		if t.Flags&FlagUnterminated != 0 {
			return true
		}
		s := f.text[t.Span.Start:t.Span.End]
		return len(s) >= 2 && (s[1] == '/' || s[1] == '!') // line comment or hashbang
	})
}

// InString reports whether offset is inside a string literal, the text of
// a template literal (not inside ${…}), or a regex literal.
func (f *File) InString(offset int) bool {
	return f.inside(offset, func(k TokenKind) bool {
		switch k {
		case String, Template, TemplateHead, TemplateMiddle, TemplateTail, Regex:
			return true
		}
		return false
	}, func(f *File, t Token) bool { return t.Flags&FlagUnterminated != 0 })
}
