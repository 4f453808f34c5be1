// Package markers reads the /*@name(args)*/ comment markers that test
// fixtures put into source text, shared by the analysis and lsp marker tests
// so both read one convention the same way.
package markers

import (
	"regexp"
	"strings"
)

// Marker is one /*@name(args)*/ comment.
type Marker struct {
	Name string
	Args []string
	Path string // slash path in the archive
	Off  int    // byte offset in the stripped text
	Line int    // 1-based line in the stripped text
}

var markerRE = regexp.MustCompile(`/\*@(\w+)(?:\((.*?)\))?\*/`)

// ParseArgs splits `a, "b, c", d` into [a, b, c, d] (quotes removed; a comma
// inside quotes does not split).
func ParseArgs(s string) []string {
	var out []string
	var cur strings.Builder
	inQ := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			inQ = !inQ
		case c == ',' && !inQ:
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	if t := strings.TrimSpace(cur.String()); t != "" || len(out) > 0 {
		out = append(out, t)
	}
	return out
}

// Strip removes the markers from text and returns the text without them and
// the markers with their offsets in that text.
func Strip(path, text string) (string, []Marker) {
	var b strings.Builder
	var ms []Marker
	last := 0
	for _, m := range markerRE.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(text[last:m[0]])
		args := ""
		if m[4] >= 0 {
			args = text[m[4]:m[5]]
		}
		ms = append(ms, Marker{Name: text[m[2]:m[3]], Args: ParseArgs(args), Path: path, Off: b.Len(), Line: strings.Count(b.String(), "\n") + 1})
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String(), ms
}
