package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// fixtureFile is one parsed file of a txtar fixture, markers included.
type fixtureFile struct {
	archive, name string
	text          string // as parsed (after .crlf/.bom transforms)
	valid         bool   // input.* (valid code, checked against esbuild) vs partial.*
	ts            bool
	calls         []string // expected Callee list, nil if the archive has no "calls" section
	hasCalls      bool
}

// loadFixtures reads every testdata/*.txtar. See the package documentation
// for the conventions.
func loadFixtures(t testing.TB) []fixtureFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var out []fixtureFile
	for _, path := range paths {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		calls := map[string][]string{}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "calls") {
				target := strings.TrimPrefix(strings.TrimPrefix(f.Name, "calls"), ":")
				var list []string
				for _, l := range strings.Split(string(f.Data), "\n") {
					if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
						list = append(list, l)
					}
				}
				calls[target] = list
			}
		}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "calls") || strings.HasSuffix(f.Name, ".md") {
				continue
			}
			ff := fixtureFile{archive: filepath.Base(path), name: f.Name, text: string(f.Data)}
			ff.valid = strings.HasPrefix(f.Name, "input")
			ff.ts = strings.HasSuffix(f.Name, ".ts")
			if strings.Contains(f.Name, ".crlf.") {
				ff.text = strings.ReplaceAll(ff.text, "\n", "\r\n")
			}
			if strings.Contains(f.Name, ".bom.") {
				ff.text = "\uFEFF" + ff.text
			}
			if l, ok := calls[f.Name]; ok {
				ff.calls, ff.hasCalls = l, true
			}
			out = append(out, ff)
		}
	}
	return out
}

// marker is one /*@kind key=value …*/ comment; pos is the offset right
// after it, where the marked token must start.
type marker struct {
	kind string
	args map[string]string
	pos  int
	line int
}

func parseMarkers(t testing.TB, text string) []marker {
	var out []marker
	for off := 0; ; {
		i := strings.Index(text[off:], "/*@")
		if i < 0 {
			break
		}
		start := off + i
		end := strings.Index(text[start:], "*/")
		if end < 0 {
			t.Fatalf("unterminated marker at %d", start)
		}
		body := text[start+3 : start+end]
		m := marker{args: map[string]string{}, pos: start + end + 2, line: strings.Count(text[:start], "\n") + 1}
		fields := splitMarker(t, body)
		m.kind = fields[0]
		for _, f := range fields[1:] {
			k, v, ok := strings.Cut(f, "=")
			if !ok {
				t.Fatalf("bad marker field %q in %q", f, body)
			}
			if strings.HasPrefix(v, `"`) {
				uv, err := strconv.Unquote(v)
				if err != nil {
					t.Fatalf("bad quoted value %s: %v", v, err)
				}
				v = uv
			}
			m.args[k] = v
		}
		out = append(out, m)
		off = m.pos
	}
	return out
}

// splitMarker splits on spaces outside double quotes.
func splitMarker(t testing.TB, s string) []string {
	var out []string
	var cur strings.Builder
	inQ, esc := false, false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case inQ && r == '\\':
			esc = true
		case r == '"':
			inQ = !inQ
		case r == ' ' && !inQ:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	if len(out) == 0 {
		t.Fatalf("empty marker")
	}
	return out
}

var formByName = func() map[string]ExportForm {
	m := map[string]ExportForm{}
	for f, n := range formNames {
		m[n] = f
	}
	return m
}()

var argKindByName = func() map[string]ArgKind {
	m := map[string]ArgKind{}
	for k, n := range argNames {
		m[n] = k
	}
	return m
}()

func spanText(text string, s Span) string {
	if s.Start < 0 || int(s.End) > len(text) || s.Start > s.End {
		return fmt.Sprintf("<bad span %v>", s)
	}
	return text[s.Start:s.End]
}

// allArgs flattens every Arg (recursively through object properties).
func allArgs(f *File) []Arg {
	var out []Arg
	var walk func(a Arg)
	walk = func(a Arg) {
		out = append(out, a)
		for _, p := range a.Props {
			walk(p.Value)
		}
	}
	for _, c := range f.Calls {
		for _, a := range c.Args {
			walk(a)
		}
	}
	return out
}

func allProps(f *File) []Prop {
	var out []Prop
	var walk func(a Arg)
	walk = func(a Arg) {
		for _, p := range a.Props {
			out = append(out, p)
			walk(p.Value)
		}
	}
	for _, c := range f.Calls {
		for _, a := range c.Args {
			walk(a)
		}
	}
	return out
}

func TestFixtures(t *testing.T) {
	for _, ff := range loadFixtures(t) {
		t.Run(ff.archive+"/"+ff.name, func(t *testing.T) {
			f := Parse(ff.text)
			checkInvariants(t, ff.text, f)
			text := ff.text
			usedExports := make([]bool, len(f.Exports))
			usedImports := make([]bool, len(f.Imports))
			fail := func(m marker, format string, args ...any) {
				t.Helper()
				t.Errorf("line %d @%s %v: %s", m.line, m.kind, m.args, fmt.Sprintf(format, args...))
			}
			for _, m := range parseMarkers(t, text) {
				switch m.kind {
				case "export":
					name := m.args["name"]
					idx := -1
					for i, e := range f.Exports {
						if (int(e.NameSpan.Start) == m.pos || (int(e.NameSpan.Start) == m.pos+1 && strings.ContainsAny(text[m.pos:m.pos+1], "'\"`"))) && e.Name == name && !usedExports[i] {
							idx = i
							break
						}
					}
					if idx < 0 {
						fail(m, "no export %q with NameSpan starting at %d; exports:\n%s", name, m.pos, dump(f))
						continue
					}
					usedExports[idx] = true
					checkExport(t, fail, m, text, f.Exports[idx])
				case "import":
					idx := -1
					for i, im := range f.Imports {
						if (int(im.ModuleSpan.Start) == m.pos+1 && im.Module != "") || int(im.Stmt.Start) == m.pos {
							if !usedImports[i] {
								idx = i
								break
							}
						}
					}
					if idx < 0 {
						fail(m, "no import at %d; got:\n%s", m.pos, dump(f))
						continue
					}
					usedImports[idx] = true
					checkImport(fail, m, text, f.Imports[idx])
				case "call":
					found := false
					for _, c := range f.Calls {
						if int(c.CalleeSpan.Start) == m.pos && c.Callee == m.args["callee"] {
							found = true
							checkCall(fail, m, text, c)
							break
						}
					}
					if !found {
						fail(m, "no call %q at %d; got:\n%s", m.args["callee"], m.pos, dump(f))
					}
				case "str":
					found := false
					for _, a := range allArgs(f) {
						if int(a.StrSpan.Start) == m.pos+1 && (a.Kind == ArgString || a.Kind == ArgTemplate) {
							found = true
							if a.Str != m.args["value"] {
								fail(m, "Str = %q", a.Str)
							}
							if raw, ok := m.args["raw"]; ok && spanText(text, a.StrSpan) != raw {
								fail(m, "StrSpan text = %q", spanText(text, a.StrSpan))
							}
						}
					}
					if !found {
						fail(m, "no string argument at %d", m.pos)
					}
				case "arg":
					found := false
					for _, a := range allArgs(f) {
						if int(a.Span.Start) == m.pos && argNames[a.Kind] == m.args["kind"] {
							found = true
							checkArg(fail, m, text, a)
							break
						}
					}
					if !found {
						fail(m, "no %s argument at %d", m.args["kind"], m.pos)
					}
				case "prop":
					found := false
					for _, p := range allProps(f) {
						if (int(p.KeySpan.Start) == m.pos || int(p.KeySpan.Start) == m.pos+1) && p.Key == m.args["key"] {
							found = true
							if k, ok := m.args["kind"]; ok && argNames[p.Value.Kind] != k {
								fail(m, "value kind %s", argNames[p.Value.Kind])
							}
							if v, ok := m.args["short"]; ok && v != strconv.FormatBool(p.Shorthand) {
								fail(m, "Shorthand %v", p.Shorthand)
							}
							if v, ok := m.args["value"]; ok && spanText(text, p.Value.Span) != v {
								fail(m, "value span text %q", spanText(text, p.Value.Span))
							}
							break
						}
					}
					if !found {
						fail(m, "no property %q at %d", m.args["key"], m.pos)
					}
				case "func":
					found := false
					for _, s := range f.Functions {
						if int(s.Start) == m.pos {
							found = true
							if v, ok := m.args["body"]; ok && spanText(text, s) != v {
								fail(m, "function body %q", spanText(text, s))
							}
						}
					}
					if !found {
						fail(m, "no function body at %d", m.pos)
					}
				case "string", "comment", "code":
					// Checked one byte into the token after the marker.
					if got := f.InString(m.pos + 1); got != (m.kind == "string") {
						fail(m, "InString = %v", got)
					}
					if got := f.InComment(m.pos + 1); got != (m.kind == "comment") {
						fail(m, "InComment = %v", got)
					}
				default:
					t.Fatalf("unknown marker kind %q", m.kind)
				}
			}
			for i, used := range usedExports {
				if !used {
					e := f.Exports[i]
					t.Errorf("unexpected export %q (%s) at %d: stmt %q", e.Name, formNames[e.Form], e.NameSpan.Start, spanText(text, e.Stmt))
				}
			}
			for i, used := range usedImports {
				if !used {
					t.Errorf("unexpected import %q at %d", f.Imports[i].Module, f.Imports[i].Stmt.Start)
				}
			}
			if ff.hasCalls {
				var got []string
				for _, c := range f.Calls {
					got = append(got, c.Callee)
				}
				if strings.Join(got, "\n") != strings.Join(ff.calls, "\n") {
					t.Errorf("calls:\n got %q\nwant %q", got, ff.calls)
				}
			}
		})
	}
}

type failFunc func(m marker, format string, args ...any)

func checkExport(t *testing.T, fail failFunc, m marker, text string, e Export) {
	if spanText(text, e.NameSpan) != e.Name && e.Form != FormDefault && e.Form != FormCommonJS {
		if !(e.Form == FormReexport && e.Name == "*") {
			fail(m, "NameSpan text %q != Name %q", spanText(text, e.NameSpan), e.Name)
		}
	}
	a := m.args
	if v, ok := a["form"]; ok {
		if _, known := formByName[v]; !known {
			t.Fatalf("unknown form %q", v)
		}
		if formNames[e.Form] != v {
			fail(m, "form = %s", formNames[e.Form])
		}
	}
	str := func(key, got string) {
		if v, ok := a[key]; ok && v != got {
			fail(m, "%s = %q", key, got)
		}
	}
	str("local", e.Local)
	str("from", e.From)
	if _, ok := a["from"]; ok && spanText(text, e.FromSpan) != e.From {
		fail(m, "FromSpan text %q", spanText(text, e.FromSpan))
	}
	str("async", strconv.FormatBool(e.Async))
	str("depth", strconv.Itoa(int(e.Depth)))
	str("params", spanText(text, e.Params))
	str("body", spanText(text, e.Body))
	str("stmt", spanText(text, e.Stmt))
	if _, ok := a["body"]; !ok && e.Body != (Span{}) && isFunctionForm(e.Form) {
		// Every function-form body must also be listed in Functions? Not
		// required; only check it lies inside the statement.
		if e.Body.Start < e.Stmt.Start || e.Body.End > e.Stmt.End {
			fail(m, "body %v outside stmt %v", e.Body, e.Stmt)
		}
	}
}

func isFunctionForm(f ExportForm) bool {
	switch f {
	case FormFunction, FormAsyncFunction, FormGeneratorFunction, FormConstArrow, FormConstFunction:
		return true
	}
	return false
}

func checkImport(fail failFunc, m marker, text string, im Import) {
	a := m.args
	str := func(key, got string) {
		if v, ok := a[key]; ok && v != got {
			fail(m, "%s = %q", key, got)
		}
	}
	str("module", im.Module)
	if im.Module != "" && spanText(text, im.ModuleSpan) != im.Module {
		fail(m, "ModuleSpan text %q", spanText(text, im.ModuleSpan))
	}
	str("default", im.Default)
	if im.Default != "" && spanText(text, im.DefaultSpan) != im.Default {
		fail(m, "DefaultSpan text %q", spanText(text, im.DefaultSpan))
	}
	str("ns", im.Namespace)
	str("type", strconv.FormatBool(im.TypeOnly))
	str("require", strconv.FormatBool(im.Require))
	str("dynamic", strconv.FormatBool(im.Dynamic))
	str("braces", spanText(text, im.Braces))
	str("stmt", spanText(text, im.Stmt))
	var names []string
	for _, n := range im.Names {
		s := n.Imported
		if n.Local != n.Imported {
			s += ":" + n.Local
		}
		if n.TypeOnly {
			s = "type " + s
		}
		names = append(names, s)
	}
	str("names", strings.Join(names, ","))
}

func checkCall(fail failFunc, m marker, text string, c Call) {
	a := m.args
	str := func(key, got string) {
		if v, ok := a[key]; ok && v != got {
			fail(m, "%s = %q", key, got)
		}
	}
	if spanText(text, c.NameSpan) != c.Callee[strings.LastIndexByte(c.Callee, '.')+1:] {
		fail(m, "NameSpan text %q", spanText(text, c.NameSpan))
	}
	str("name", spanText(text, c.NameSpan))
	str("callee_text", spanText(text, c.CalleeSpan))
	str("default", strconv.FormatBool(c.ExportDefault))
	str("closed", strconv.FormatBool(c.Closed))
	str("depth", strconv.Itoa(int(c.Depth)))
	str("nargs", strconv.Itoa(len(c.Args)))
	str("args", spanText(text, c.ArgsSpan))
	str("span", spanText(text, c.Span))
	str("stmt", spanText(text, c.Stmt))
	var kinds []string
	for _, x := range c.Args {
		kinds = append(kinds, argNames[x.Kind])
	}
	str("kinds", strings.Join(kinds, ","))
}

func checkArg(fail failFunc, m marker, text string, x Arg) {
	a := m.args
	str := func(key, got string) {
		if v, ok := a[key]; ok && v != got {
			fail(m, "%s = %q", key, got)
		}
	}
	str("text", x.Text)
	str("span", spanText(text, x.Span))
	str("params", spanText(text, x.Params))
	str("body", spanText(text, x.Body))
	str("async", strconv.FormatBool(x.Async))
	var keys []string
	for _, p := range x.Props {
		keys = append(keys, p.Key)
	}
	str("keys", strings.Join(keys, ","))
}

// runtimeExportNames is what esbuild's metafile should list for a valid
// file: top-level ESM exports, excluding TypeScript-only and CommonJS ones
// and `export * from` (whose names esbuild cannot know without bundling).
func runtimeExportNames(f *File) []string {
	set := map[string]bool{}
	for _, e := range f.Exports {
		if e.Form == FormType || e.Form == FormCommonJS || e.Depth != 0 || (e.Form == FormReexport && e.Name == "*") {
			continue
		}
		set[e.Name] = true
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func TestFixtureFilesExist(t *testing.T) {
	if _, err := os.Stat(filepath.Join("testdata", "fuzz", "FuzzParse")); err != nil {
		t.Errorf("seed corpus missing: %v", err)
	}
}
