package analysis

import (
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// SyntaxCheck parses f with esbuild (the public Transform API; nothing is
// executed, no plugin runs) and reports its errors as syntax-error
// diagnostics. esbuild stops at the first syntax error and reports it in
// UTF-8 byte columns on lines it also breaks at U+2028/U+2029, so every
// location goes through textpos.FromEsbuild. It is slower than the scanner
// (~0.4 ms per call), so the server runs it debounced, apart from the
// scanner's diagnostics.
func SyntaxCheck(f *index.File) []Diagnostic {
	if f == nil || f.Kind == index.KindOther {
		return nil
	}
	loader := api.LoaderJS
	if strings.HasSuffix(f.Path, ".ts") {
		loader = api.LoaderTS
	}
	res := api.Transform(f.Text, api.TransformOptions{
		Loader:     loader,
		Sourcefile: f.Rel,
		Format:     api.FormatESModule,
		LogLevel:   api.LogLevelSilent,
		// Keep unused imports: they are part of what the user wrote.
		TsconfigRaw: `{"compilerOptions":{"verbatimModuleSyntax":true}}`,
	})
	var ds []Diagnostic
	for _, m := range res.Errors {
		span := scan.Span{}
		if m.Location != nil {
			start := textpos.FromEsbuild(f.Text, m.Location.Line, m.Location.Column)
			span = widen(f.Text, start, start+m.Location.Length)
		}
		d := diag(f.Path, span, "syntax-error", m.Text)
		for _, n := range m.Notes {
			if n.Location == nil {
				continue
			}
			s := textpos.FromEsbuild(f.Text, n.Location.Line, n.Location.Column)
			d.Related = append(d.Related, Related{Path: f.Path, Span: widen(f.Text, s, s+n.Location.Length), Message: n.Text})
		}
		ds = append(ds, d)
	}
	return ds
}

// widen gives a zero-length error location a visible, small range: the
// character at it, or, at the end of a line or the file, the last character
// before it. It never flags more than one line.
func widen(text string, start, end int) scan.Span {
	start = max(0, min(start, len(text)))
	end = max(start, min(end, len(text)))
	if end > start {
		return scan.Span{Start: start, End: end}
	}
	if start < len(text) && text[start] != '\n' && text[start] != '\r' {
		_, n := utf8.DecodeRuneInString(text[start:])
		return scan.Span{Start: start, End: start + n}
	}
	// At a line end or EOF: step back over trailing whitespace to the last
	// visible character.
	i := start
	for i > 0 && strings.ContainsRune(" \t\r\n", rune(text[i-1])) {
		i--
	}
	if i == 0 {
		return scan.Span{Start: start, End: start}
	}
	_, n := utf8.DecodeLastRuneInString(text[:i])
	return scan.Span{Start: i - n, End: i}
}
