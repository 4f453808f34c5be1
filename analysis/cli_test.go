package analysis_test

// Marker tests for the Wix CLI event extension rules.
//
// Each analysis/testdata/cli/*.txtar archive is a workspace. Its files are
// written to a temporary folder with the markers removed, the folder is
// indexed (index.New, AddRoot, Walk) and every CLI file is analysed with
// analysis.New(ws).File(f). Markers are block comments placed in a file
// right before the text they are about:
//
//	/*@diag(code)*/              a diagnostic with this code starts here.
//	/*@diag(code, "text")*/      … and its message contains "text".
//	/*@fix("Title", name)*/      the diagnostic starting here (of the marker
//	                             just before, when several start here) has a
//	                             fix whose title starts with "Title"; applying
//	                             its edits gives the archive's sections
//	                             "golden/<name>/<path>", and leaves every
//	                             other file unchanged. UUIDs the fix invents
//	                             read as <uuid> in goldens.
//	/*@fix("Title")*/            … without a golden: the fix exists.
//	/*@nofix*/                   the diagnostic starting here has no fix.
//	/*@severity(warning)*/       … and its severity is this one (error,
//	                             warning, info, hint; without the marker
//	                             the severity is not checked).
//	/*@related(path)*/           … and one of its related locations is in path.
//
// Markers are exhaustive: a diagnostic without a marker fails the test, so
// a fixture also proves what is NOT reported. A file with no marker must be
// clean. Run with -update to rewrite the golden sections from the fixes.

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/internal/markers"
)

// -update rewrites the golden sections. The flag is shared with any other
// test of the binary that defines it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden sections of the txtar fixtures")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// cliWorkspace writes an archive's files (not golden/) under a temp dir
// and indexes it.
type cliWorkspace struct {
	dir     string
	ws      *index.Workspace
	texts   map[string]string // slash path → stripped text
	markers []markers.Marker
	now     time.Time // the analyzer's clock: the archive's "now:", else the marker tests' default
}

func loadArchive(t *testing.T, ar *txtar.Archive) *cliWorkspace {
	t.Helper()
	dir := t.TempDir()
	w := &cliWorkspace{dir: dir, texts: map[string]string{}, now: analysis.ArchiveNow(t, ar)}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "golden/") {
			continue
		}
		text, ms := markers.Strip(f.Name, string(f.Data))
		w.texts[f.Name] = text
		w.markers = append(w.markers, ms...)
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w.index(t)
	return w
}

func (w *cliWorkspace) index(t *testing.T) {
	t.Helper()
	w.ws = index.New(index.Options{KeepCall: analysis.KeepCall})
	w.ws.AddRoot(w.dir)
	if _, err := w.ws.Walk(context.Background(), w.dir, nil); err != nil {
		t.Fatal(err)
	}
}

func (w *cliWorkspace) rel(p string) string {
	r, err := filepath.Rel(w.dir, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// diagnostics analyses every CLI file.
func (w *cliWorkspace) diagnostics() []analysis.Diagnostic {
	an := analysis.New(w.ws)
	if !w.now.IsZero() {
		an.Now = func() time.Time { return w.now }
	}
	var ds []analysis.Diagnostic
	for _, f := range w.ws.Files(index.KindCLIBuilder, index.KindCLIRegistration, index.KindCLIHandler) {
		ds = append(ds, an.File(f)...)
	}
	return ds
}

var uuidRE = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

// applyFix applies a fix's edits to the workspace texts and returns the
// changed files (slash path → new text).
func (w *cliWorkspace) applyFix(t *testing.T, fx analysis.Fix) map[string]string {
	t.Helper()
	byPath := map[string][]analysis.Edit{}
	for _, e := range fx.Edits {
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	out := map[string]string{}
	for p, es := range byPath {
		rel := w.rel(p)
		text, ok := w.texts[rel]
		if !ok {
			if f := w.ws.File(p); f != nil {
				text = f.Text()
			}
		}
		out[rel] = applyEdits(t, text, es)
	}
	return out
}

// applyEdits applies non-overlapping edits (a Create edit replaces
// everything); edits at one offset apply in order.
func applyEdits(t *testing.T, text string, es []analysis.Edit) string {
	t.Helper()
	for _, e := range es {
		if e.Create {
			if len(es) != 1 {
				t.Fatalf("a created file has other edits: %+v", es)
			}
			return e.NewText
		}
	}
	idx := make([]int, len(es))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return es[idx[a]].Span.Start < es[idx[b]].Span.Start })
	var b strings.Builder
	pos := 0
	for _, i := range idx {
		e := es[i]
		if int(e.Span.Start) < pos || int(e.Span.End) > len(text) || e.Span.Start > e.Span.End {
			t.Fatalf("overlapping or out-of-range edit %+v (text length %d, at %d)", e, len(text), pos)
		}
		b.WriteString(text[pos:e.Span.Start])
		b.WriteString(e.NewText)
		pos = int(e.Span.End)
	}
	b.WriteString(text[pos:])
	return b.String()
}

// normUUIDs replaces the UUIDs of s that occur in no original file.
func (w *cliWorkspace) normUUIDs(s string) string {
	return uuidRE.ReplaceAllStringFunc(s, func(u string) string {
		for _, t := range w.texts {
			if strings.Contains(t, u) {
				return u
			}
		}
		if !analysis.ValidUUIDv4(u) {
			return u + " (NOT A V4 UUID)"
		}
		return "<uuid>"
	})
}

func TestCLIMarkers(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cli", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runCLIFixture(t, file)
		})
	}
}

func runCLIFixture(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	w := loadArchive(t, ar)
	ds := w.diagnostics()
	// The walk stores compacted parses (no tokens); opening every file in
	// an editor, with full parses, must not change a diagnostic or a fix.
	for _, f := range w.ws.Files() {
		w.ws.Open(f.Path, f.Text(), 1)
	}
	if closed, open := analysis.RenderForTest(ds), analysis.RenderForTest(w.diagnostics()); closed != open {
		t.Errorf("diagnostics differ between closed (compact) and open (full) files:\nclosed:\n%s\nopen:\n%s", closed, open)
	}
	for _, f := range w.ws.Files() {
		w.ws.Close(f.Path)
	}

	type key struct {
		path string
		off  int
	}
	at := map[key][]int{} // diagnostics by start
	for i, d := range ds {
		k := key{w.rel(d.Path), int(d.Span.Start)}
		at[k] = append(at[k], i)
	}
	matched := map[int]bool{}
	goldens := map[string]bool{}
	var cur = -1 // the diagnostic the last @diag marker matched
	updated := false
	for _, m := range w.markers {
		k := key{m.Path, m.Off}
		where := fmt.Sprintf("%s:%d", m.Path, m.Line)
		switch m.Name {
		case "diag":
			code := m.Args[0]
			cur = -1
			for _, i := range at[k] {
				if !matched[i] && ds[i].Code == code {
					cur = i
					break
				}
			}
			if cur < 0 {
				var got []string
				for _, i := range at[k] {
					got = append(got, ds[i].Code)
				}
				t.Errorf("%s: want diagnostic %s here, got %v", where, code, got)
				continue
			}
			matched[cur] = true
			if len(m.Args) > 1 && !strings.Contains(ds[cur].Message, m.Args[1]) {
				t.Errorf("%s: %s message %q does not contain %q", where, code, ds[cur].Message, m.Args[1])
			}
		case "severity":
			if cur >= 0 && ds[cur].Severity.String() != m.Args[0] {
				t.Errorf("%s: %s has severity %s, want %s (message: %s)", where, ds[cur].Code, ds[cur].Severity, m.Args[0], ds[cur].Message)
			}
		case "nofix":
			if cur >= 0 && len(ds[cur].Fixes) > 0 {
				t.Errorf("%s: want no fix for %s, got %q", where, ds[cur].Code, ds[cur].Fixes[0].Title)
			}
		case "related":
			if cur < 0 {
				continue
			}
			ok := false
			for _, r := range ds[cur].Related {
				ok = ok || w.rel(r.Path) == m.Args[0]
			}
			if !ok {
				t.Errorf("%s: %s has no related location in %s: %+v", where, ds[cur].Code, m.Args[0], ds[cur].Related)
			}
		case "fix":
			if cur < 0 {
				t.Errorf("%s: @fix without a matched @diag before it", where)
				continue
			}
			title, name := m.Args[0], ""
			if len(m.Args) > 1 {
				name = m.Args[1]
			}
			var fx *analysis.Fix
			var titles []string
			for i := range ds[cur].Fixes {
				titles = append(titles, ds[cur].Fixes[i].Title)
				if fx == nil && strings.HasPrefix(ds[cur].Fixes[i].Title, title) {
					fx = &ds[cur].Fixes[i]
				}
			}
			if fx == nil {
				t.Errorf("%s: %s has no fix titled %q…; fixes: %q", where, ds[cur].Code, title, titles)
				continue
			}
			if name == "" {
				continue // the title alone
			}
			goldens[name] = true
			got := w.applyFix(t, *fx)
			prefix := "golden/" + name + "/"
			want := map[string]int{}
			for i, gf := range ar.Files {
				if strings.HasPrefix(gf.Name, prefix) {
					want[strings.TrimPrefix(gf.Name, prefix)] = i
				}
			}
			if updating() {
				var keep []txtar.File
				for _, gf := range ar.Files {
					if !strings.HasPrefix(gf.Name, prefix) {
						keep = append(keep, gf)
					}
				}
				paths := make([]string, 0, len(got))
				for p := range got {
					paths = append(paths, p)
				}
				sort.Strings(paths)
				for _, p := range paths {
					keep = append(keep, txtar.File{Name: prefix + p, Data: []byte(w.normUUIDs(got[p]))})
				}
				ar.Files = keep
				updated = true
				continue
			}
			for p, text := range got {
				i, ok := want[p]
				if !ok {
					if text != w.texts[p] {
						t.Errorf("%s: fix %q changes %s, which has no %s%s section:\n%s", where, fx.Title, p, prefix, p, w.normUUIDs(text))
					}
					continue
				}
				if g := w.normUUIDs(text); g != string(ar.Files[i].Data) {
					t.Errorf("%s: fix %q: %s\n--- got ---\n%s\n--- want ---\n%s", where, fx.Title, p, g, ar.Files[i].Data)
				}
			}
			for p := range want {
				if _, ok := got[p]; !ok {
					t.Errorf("%s: fix %q does not change %s (golden %s%s)", where, fx.Title, p, prefix, p)
				}
			}
		default:
			t.Errorf("%s: unknown marker @%s", where, m.Name)
		}
	}
	for i, d := range ds {
		if !matched[i] {
			f := w.ws.File(d.Path)
			line := 0
			if f != nil {
				line = strings.Count(f.Text()[:d.Span.Start], "\n") + 1
			}
			t.Errorf("%s:%d: unexpected diagnostic %s: %s", w.rel(d.Path), line, d.Code, d.Message)
		}
	}
	for _, gf := range ar.Files {
		if strings.HasPrefix(gf.Name, "golden/") {
			name := strings.SplitN(strings.TrimPrefix(gf.Name, "golden/"), "/", 2)[0]
			if !goldens[name] && !updating() {
				t.Errorf("golden section %s is used by no @fix marker", gf.Name)
			}
		}
	}
	if updated {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
