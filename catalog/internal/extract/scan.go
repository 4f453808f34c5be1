// Package extract reads Wix event declarations out of published TypeScript
// declaration files (.d.ts / .d.mts) as text. It understands exactly the
// shapes the Wix packages use, no more: a real TypeScript parser would be a
// heavy dependency for a generator that reads machine-written files whose
// shapes are pinned by the fixtures in testdata/.
//
// Three styles are covered:
//
//   - corvid-types (v1 Velo backend modules): `declare module 'wix-x-backend' {
//     interface Events { /** doc */ onX(event: T): void; } namespace NS { type T = {…} } }`
//     (ParseCorvid);
//   - new-style SDK packages: the top-level package's exports["."].types
//     .d.mts pairs `import * as X from '@wix/auto_sdk_…'` with
//     `export { X as ns }`, and the implementation package declares
//     `declare const onX$1: EventDefinition<Payload, "event.type">` with the
//     JSDoc on `declare function onX(handler: …): void` in index.typings.d.mts;
//   - old-style SDK packages without an exports map (build/cjs/index.d.ts →
//     `export * from './src/….context'`, `export declare const onX:
//     EventDefinition<…>` in ….public.d.ts, JSDoc in ….universal.d.ts).
package extract

import (
	"strings"
)

// skipTrivia returns the index of the first byte at or after i that is not
// whitespace or a comment.
func skipTrivia(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r':
			i++
		case strings.HasPrefix(s[i:], "//"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return len(s)
			}
			i += j + 1
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return len(s)
			}
			i += 2 + j + 2
		default:
			return i
		}
	}
	return i
}

// matchBrace returns the index just past the bracket closing the one at
// open (one of '{', '(', '['), skipping comments, strings and template
// literals; -1 if unbalanced.
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		c := s[i]
		switch c {
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '/':
			if i+1 < len(s) && (s[i+1] == '/' || s[i+1] == '*') {
				i = skipTrivia(s, i) - 1
			}
		case '\'', '"', '`':
			i = skipString(s, i) - 1
		}
	}
	return -1
}

// skipString returns the index just past the string literal starting at i.
func skipString(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			return j + 1
		case '\n':
			if q != '`' {
				return j + 1 // unterminated: give up at end of line
			}
		}
	}
	return len(s)
}

// member is one top-level statement inside a `{ … }` body, with the JSDoc
// comment immediately before it.
type member struct {
	doc  string // raw JSDoc text including /** */, or ""
	text string // statement text without the trailing ';'
}

// members splits a declaration body (the text between its braces) into
// top-level statements: separated by ';' or by a line break where the
// statement is complete (nothing open).
func members(body string) []member {
	var out []member
	i := 0
	for i < len(body) {
		// Collect leading comments; keep the last JSDoc.
		doc := ""
		for {
			j := skipWS(body, i)
			if strings.HasPrefix(body[j:], "/**") {
				k := strings.Index(body[j+3:], "*/")
				if k < 0 {
					return out
				}
				doc = body[j : j+3+k+2]
				i = j + 3 + k + 2
				continue
			}
			if strings.HasPrefix(body[j:], "//") || strings.HasPrefix(body[j:], "/*") {
				i = skipTrivia(body, j)
				doc = ""
				continue
			}
			i = j
			break
		}
		if i >= len(body) {
			break
		}
		start := i
		depth := 0
	scan:
		for i < len(body) {
			c := body[i]
			switch c {
			case '{', '(', '[':
				depth++
			case '}', ')', ']':
				depth--
			case ';':
				if depth == 0 {
					break scan
				}
			case '\n':
				if depth == 0 && statementComplete(body[start:i]) && nextStartsMember(body, i) {
					break scan
				}
			case '\'', '"', '`':
				i = skipString(body, i)
				continue
			case '/':
				if i+1 < len(body) && (body[i+1] == '/' || body[i+1] == '*') {
					// A comment inside a statement (e.g. before a union arm).
					if depth == 0 && strings.HasPrefix(body[i:], "/**") && statementComplete(body[start:i]) {
						break scan
					}
					i = skipTrivia(body, i)
					continue
				}
			}
			i++
		}
		text := strings.TrimSpace(body[start:min(i, len(body))])
		if text != "" {
			out = append(out, member{doc: doc, text: text})
		}
		i++ // past ';' or '\n'
	}
	return out
}

func skipWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// statementComplete reports whether a statement so far cannot continue on
// the next line (it does not end with an operator such as '|' or ':').
func statementComplete(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, "=>") {
		return false
	}
	switch s[len(s)-1] {
	case '|', '&', ':', ',', '=', '<', '(', '[', '{':
		return false
	}
	return true
}

// nextStartsMember reports whether the text after a line break starts a new
// member rather than continuing a type (a continuation starts with '|' or '&').
func nextStartsMember(s string, i int) bool {
	j := skipWS(s, i)
	if j >= len(s) {
		return true
	}
	switch s[j] {
	case '|', '&', '.', '?', ':', '=', ')', ']', '}', '>':
		return false
	}
	return true
}

// docText turns a raw JSDoc comment into its description lines (tags
// excluded) and its tags, in order.
func docText(raw string) (desc string, tags []tag) {
	if raw == "" {
		return "", nil
	}
	raw = strings.TrimPrefix(raw, "/**")
	raw = strings.TrimSuffix(raw, "*/")
	var lines []string
	var cur *tag
	for _, ln := range strings.Split(raw, "\n") {
		ln = strings.TrimRight(ln, " \t\r")
		t := strings.TrimLeft(ln, " \t")
		t = strings.TrimPrefix(t, "*")
		if strings.HasPrefix(t, " ") {
			t = t[1:]
		}
		tt := strings.TrimSpace(t)
		if strings.HasPrefix(tt, "@") {
			name, val, _ := strings.Cut(tt[1:], " ")
			tags = append(tags, tag{name: name, value: strings.TrimSpace(val)})
			cur = &tags[len(tags)-1]
			continue
		}
		if cur != nil {
			if tt != "" {
				cur.value = strings.TrimSpace(cur.value + " " + tt)
			}
			continue
		}
		lines = append(lines, strings.TrimRight(t, " \t"))
	}
	desc = strings.TrimSpace(strings.Join(lines, "\n"))
	return desc, tags
}

type tag struct{ name, value string }

// firstSentence returns a one-line summary of a doc text: its first
// paragraph joined onto one line, cut after the first sentence when that
// leaves something meaningful.
func firstSentence(doc string) string {
	para, _, _ := strings.Cut(strings.TrimSpace(doc), "\n\n")
	para = strings.Join(strings.Fields(para), " ")
	if i := strings.Index(para, ". "); i > 0 {
		para = para[:i+1]
	}
	return para
}

// collapse joins a description onto normalised lines: trims each line,
// drops "[Read more](…)" links and squeezes blank-line runs.
func collapse(doc string) string {
	var out []string
	blank := false
	for _, ln := range strings.Split(doc, "\n") {
		ln = strings.TrimSpace(ln)
		if strings.HasPrefix(ln, "[Read more](") {
			continue
		}
		if ln == "" {
			if len(out) > 0 {
				blank = true
			}
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, ln)
	}
	return strings.Join(out, "\n")
}
