package analysis

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// SyntaxCheck parses f with esbuild (the public Transform API; nothing is
// executed, no plugin runs) and reports its errors as syntax-error
// diagnostics. esbuild stops at the first syntax error and reports it in
// UTF-8 byte columns on lines it also breaks at U+2028/U+2029, so every
// location goes through textpos.FromEsbuild. It is slower than the scanner
// (~0.4 ms per call), so the server runs it debounced, apart from the
// scanner's diagnostics. SyntaxCheck uses no cache; see SyntaxChecker.
func SyntaxCheck(f *index.File) []Diagnostic { return (&SyntaxChecker{}).Check(f) }

// SyntaxChecker is SyntaxCheck with a persistent cache of clean verdicts
// (nil Cache: none), which spares esbuild every file it already found
// clean in an earlier run: most of the CPU of opening a large workspace.
type SyntaxChecker struct {
	Cache *syntaxcache.Cache

	batches batchParser // CheckAll's esbuild context
}

// NewSyntaxChecker returns a SyntaxChecker using the cache in dir ("":
// none). The cache is not even read when the esbuild version is unknown
// (test binaries carry no module versions).
func NewSyntaxChecker(dir string) *SyntaxChecker {
	if esbuildVersion() == "" {
		return &SyntaxChecker{}
	}
	return &SyntaxChecker{Cache: syntaxcache.Open(dir)}
}

// esbuildOptions are the Transform options besides the loader and the
// source name; they are part of every cache key.
const esbuildTsconfig = `{"compilerOptions":{"verbatimModuleSyntax":true}}`

// esbuildVersion is the linked esbuild module's version and checksum; the
// cache is off when it is unknown, since a verdict is only as good as the
// parser that gave it.
var esbuildVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path == "github.com/evanw/esbuild" {
			if d.Replace != nil {
				d = d.Replace
			}
			if d.Version == "" || d.Version == "(devel)" {
				return ""
			}
			return d.Version + " " + d.Sum
		}
	}
	return ""
})

// Check is SyntaxCheck, skipping esbuild for a text the cache knows clean
// and recording the texts esbuild finds clean. Only files as they are on
// disk use the cache: an editor buffer changes with every keystroke, and
// its passing states would crowd out the workspace's verdicts.
func (sc *SyntaxChecker) Check(f *index.File) []Diagnostic {
	if f == nil || f.Kind == index.KindOther {
		return nil
	}
	if ds := tooDeep(f); ds != nil {
		return ds
	}
	cache, key := sc.cacheFor(f)
	if cache.Clean(key) {
		return nil
	}
	ds := transform(f)
	if len(ds) == 0 {
		cache.Add(key)
	}
	return ds
}

// cacheFor returns the cache that may hold f's verdict (nil: none may) and
// the verdict's key.
func (sc *SyntaxChecker) cacheFor(f *index.File) (*syntaxcache.Cache, syntaxcache.Key) {
	v := esbuildVersion()
	if sc.Cache == nil || v == "" || f.Open {
		return nil, syntaxcache.Key{}
	}
	// The text's digest stands for the text: a closed file's text may be
	// dropped (index.File.Text), and a verdict cached must not read it back.
	d := f.Digest()
	return sc.Cache, syntaxcache.NewKey(v, "esm", esbuildTsconfig, strconv.Itoa(int(loaderOf(f))), string(d[:]))
}

func loaderOf(f *index.File) api.Loader {
	if strings.HasSuffix(f.Path, ".ts") {
		return api.LoaderTS
	}
	return api.LoaderJS
}

// MaxNesting is the deepest text (scan.File.Nesting) given to esbuild.
// esbuild's parser recurses once per level of nesting (brackets, operator
// and member chains, nested statements), about 1-2 KB of stack each, and a
// goroutine whose stack passes Go's 1 GB limit kills the process: a 2 MiB
// file of `(` or `!` does. Real code stays far below: the deepest of 7,371
// JavaScript and TypeScript files measured (npm's dependencies, jQuery,
// the Ace editor's 370 KB minified bundle, esbuild's own scripts) reaches
// 258; a real Wix events.js concatenating 80 terms into one XML string,
// under 30 (a binary operator ends its operand's count). At 2,000 a
// parse's stack stays within a few MB, and a comma chain (which esbuild
// visits in quadratic time, and which counts as deep as it is long)
// within a fraction of a second.
const MaxNesting = 2000

// MaxSyntaxTokens bounds the size of a text given to esbuild, in tokens
// (comments aside; scan.File.Significant): its syntax tree takes ~100-200
// bytes a token, so a 2 MiB file of one-byte tokens (`a;a;…`, `a+a+…`)
// took 200-380 MB in one parse. The largest real file measured (a 967 KB
// bundle, npm's corepack) has 157,199 tokens and took 34 MB.
const MaxSyntaxTokens = 400_000

// tooDeep is the one diagnostic of a file too deeply nested (or too large
// in tokens) for esbuild, or nil.
func tooDeep(f *index.File) []Diagnostic {
	var msg string
	switch {
	case f.Scan == nil:
		return nil
	case int(f.Scan.Nesting) > MaxNesting:
		msg = fmt.Sprintf("Nesting too deep to syntax-check: %d levels of brackets, operators or nested statements, past the %d no real code reaches; the syntax is not checked", f.Scan.Nesting, MaxNesting)
	case int(f.Scan.Significant) > MaxSyntaxTokens:
		msg = fmt.Sprintf("Too many tokens to syntax-check: %d, over %d (the parse would take hundreds of MB); the syntax is not checked", f.Scan.Significant, MaxSyntaxTokens)
	default:
		return nil
	}
	return []Diagnostic{diag(f.Path, scan.Span{}, "syntax-not-checked", msg)}
}

// transform is one esbuild Transform of f: its errors, exactly as esbuild
// words and places them. A file too deep for esbuild is never given to it.
func transform(f *index.File) []Diagnostic {
	if ds := tooDeep(f); ds != nil {
		return ds
	}
	text := f.Text() // once: a closed file's is a read of the disk
	res := api.Transform(text, api.TransformOptions{
		Loader:     loaderOf(f),
		Sourcefile: f.Rel,
		Format:     api.FormatESModule,
		LogLevel:   api.LogLevelSilent,
		// Keep unused imports: they are part of what the user wrote.
		TsconfigRaw: esbuildTsconfig,
	})
	if len(res.Errors) == 0 {
		return nil
	}
	var ds []Diagnostic
	for _, m := range firstCauses(res.Errors) {
		span := scan.Span{}
		if m.Location != nil {
			start := textpos.FromEsbuild(text, m.Location.Line, m.Location.Column)
			span = widen(text, start, start+m.Location.Length)
		}
		d := diag(f.Path, span, "syntax-error", m.Text)
		for _, n := range m.Notes {
			if n.Location == nil {
				continue
			}
			s := textpos.FromEsbuild(text, n.Location.Line, n.Location.Column)
			d.Related = append(d.Related, Related{Path: f.Path, Span: widen(text, s, s+n.Location.Length), Message: n.Text})
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
		return scan.Span{Start: int32(start), End: int32(end)}
	}
	if start < len(text) && text[start] != '\n' && text[start] != '\r' {
		_, n := utf8.DecodeRuneInString(text[start:])
		return scan.Span{Start: int32(start), End: int32(start + n)}
	}
	// At a line end or EOF: step back over trailing whitespace to the last
	// visible character.
	i := start
	for i > 0 && strings.ContainsRune(" \t\r\n", rune(text[i-1])) {
		i--
	}
	if i == 0 {
		return scan.Span{Start: int32(start), End: int32(start)}
	}
	_, n := utf8.DecodeLastRuneInString(text[:i])
	return scan.Span{Start: int32(i - n), End: int32(i)}
}

// firstCauses drops the knock-on errors of esbuild's list, keeping each
// cause once. esbuild reports a name declared twice ("The symbol "x" has
// already been declared") at every later declaration, and an exported one
// twice at the same place (also "Multiple exports with the same name"): a
// handler section pasted twice gives a dozen errors for a few causes. Kept:
// every error that is not about a redeclared name, and for each redeclared
// name its first report. When the file also has an error of another kind
// (where parsing went wrong), the redeclarations after it are dropped too:
// the first cause is reported, and the rest shows again once it is fixed.
func firstCauses(errs []api.Message) []api.Message {
	if len(errs) < 2 {
		return errs
	}
	// The first error that is not a redeclaration, by position.
	var cause *api.Location
	for _, m := range errs {
		if _, ok := redeclared(m); !ok && m.Location != nil {
			if cause == nil || before(m.Location, cause) {
				cause = m.Location
			}
		}
	}
	seen := map[string]bool{}
	out := errs[:0:0]
	for _, m := range errs {
		name, ok := redeclared(m)
		if !ok {
			out = append(out, m)
			continue
		}
		if seen[name] || (cause != nil && m.Location != nil && before(cause, m.Location)) {
			continue
		}
		seen[name] = true
		out = append(out, m)
	}
	return out
}

// redeclared returns the name an esbuild error says is declared or
// exported twice.
func redeclared(m api.Message) (string, bool) {
	for _, p := range []string{"The symbol \"", "Multiple exports with the same name \""} {
		if rest, ok := strings.CutPrefix(m.Text, p); ok {
			if i := strings.IndexByte(rest, '"'); i >= 0 {
				return rest[:i], true
			}
		}
	}
	return "", false
}

func before(a, b *api.Location) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
}
