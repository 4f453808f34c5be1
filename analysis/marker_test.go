package analysis

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// Marker tests. Each testdata/<group>/*.txtar archive is a small workspace.
// In its files, a comment marker placed immediately before some text says
// which diagnostic must start there:
//
//	export function /*@diag(unknown-handler)*/wixBiling_onInvoicePaid(event) {}
//
// The marker is an ordinary block comment, so it stays in the text and the
// scanner skips it; the expected diagnostic starts at the byte right after
// it. A marker may carry a fix title that must be offered:
// /*@diag(unknown-handler, fix="Replace with wixBilling_onInvoicePaid")*/,
// and a severity that must be its own: /*@diag(unsupported-export, sev=warning)*/.
// Markers written back to back (/*@diag(a)*//*@diag(b)*/x) all describe
// the text after the last of them.
// The clock is fixed (markerNow) unless the archive's comment has a line
// "now: YYYY-MM-DD", so removal dates give the same verdict on any day.
// Every diagnostic in the archive's files must be marked, and every marker
// must be matched: the test fails both ways. syntax-error diagnostics are
// included (the esbuild check runs too).
var markerRE = regexp.MustCompile(`/\*@diag\(([a-z-]+)(?:,\s*fix="([^"]*)")?(?:,\s*sev=([a-z]+))?\)\*/`)

type marker struct {
	path  string
	start int
	code  string
	fix   string
	sev   string // "": not checked
}

// markerNow is the marker tests' clock when an archive names none.
var markerNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// archiveNow returns the archive comment's "now: YYYY-MM-DD", or markerNow.
func archiveNow(t *testing.T, ar *txtar.Archive) time.Time {
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "now:"); ok {
			d, err := time.Parse("2006-01-02", strings.TrimSpace(v))
			if err != nil {
				t.Fatalf("archive comment: %v", err)
			}
			return d
		}
	}
	return markerNow
}

// loadArchive writes the archive's files into a temp workspace, walks it and
// returns the workspace, the expected markers and the archive's clock.
func loadArchive(t *testing.T, file string) (*index.Workspace, []marker, time.Time) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	var want []marker
	for _, f := range ar.Files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data := string(f.Data)
		if strings.HasSuffix(f.Name, ".crlf.js") || strings.Contains(f.Name, "crlf") {
			data = strings.ReplaceAll(data, "\n", "\r\n")
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		ms := markerRE.FindAllStringSubmatchIndex(data, -1)
		for i, m := range ms {
			// Markers written back to back all describe the text after
			// the last of them.
			at := m[1]
			for j := i + 1; j < len(ms) && ms[j][0] == at; j++ {
				at = ms[j][1]
			}
			want = append(want, marker{path: p, start: at, code: data[m[2]:m[3]], fix: sub(data, m[4], m[5]), sev: sub(data, m[6], m[7])})
		}
	}
	ws := index.New(index.Options{KeepCall: KeepCall})
	ws.AddRoot(root)
	if _, err := ws.Walk(context.Background(), root, nil); err != nil {
		t.Fatal(err)
	}
	return ws, want, archiveNow(t, ar)
}

func sub(s string, a, b int) string {
	if a < 0 {
		return ""
	}
	return s[a:b]
}

func runMarkerTests(t *testing.T, group string) {
	files, _ := filepath.Glob(filepath.Join("testdata", group, "*.txtar"))
	if len(files) == 0 {
		t.Fatalf("no fixtures in testdata/%s", group)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ws, want, now := loadArchive(t, file)
			got := diagnoseAll(ws, now)
			// The walk stores compacted parses (no tokens; Velo files keep
			// only top-level calls). Opening every file in an editor, with
			// full parses, must not change a single diagnostic or fix.
			for _, f := range ws.Files() {
				ws.Open(f.Path, f.Text(), 1)
			}
			if closed, open := RenderForTest(got), RenderForTest(diagnoseAll(ws, now)); closed != open {
				t.Errorf("diagnostics differ between closed (compact) and open (full) files:\nclosed:\n%s\nopen:\n%s", closed, open)
			}
			// The esbuild verdict cache, cold then warm, changes nothing.
			sc := &SyntaxChecker{Cache: syntaxcache.Open(t.TempDir())}
			for _, run := range []string{"cold", "warm"} {
				if plain, cached := RenderForTest(got), RenderForTest(diagnoseWith(ws, sc, now)); plain != cached {
					t.Errorf("%s verdict cache changed the diagnostics:\nwithout:\n%s\nwith:\n%s", run, plain, cached)
				}
			}
			key := func(p string, start int, code string) string {
				return filepath.Base(p) + ":" + itoa(start) + ":" + code
			}
			gotKeys := map[string]Diagnostic{}
			for _, d := range got {
				gotKeys[key(d.Path, int(d.Span.Start), d.Code)] = d
			}
			wantKeys := map[string]marker{}
			for _, m := range want {
				wantKeys[key(m.path, m.start, m.code)] = m
			}
			var missing, extra []string
			for k, m := range wantKeys {
				d, ok := gotKeys[k]
				if !ok {
					missing = append(missing, k)
					continue
				}
				if m.fix != "" && !hasFix(d, m.fix) {
					t.Errorf("%s: no fix %q; fixes: %v (message: %s)", k, m.fix, fixTitles(d), d.Message)
				}
				if m.sev != "" && d.Severity.String() != m.sev {
					t.Errorf("%s: severity %s, want %s (message: %s)", k, d.Severity, m.sev, d.Message)
				}
			}
			for k, d := range gotKeys {
				if _, ok := wantKeys[k]; !ok {
					extra = append(extra, k+" "+d.Message)
				}
			}
			sort.Strings(missing)
			sort.Strings(extra)
			for _, k := range missing {
				t.Errorf("missing diagnostic %s", k)
			}
			for _, k := range extra {
				t.Errorf("unexpected diagnostic %s", k)
			}
		})
	}
}

func diagnoseAll(ws *index.Workspace, now time.Time) []Diagnostic {
	return diagnoseWith(ws, &SyntaxChecker{}, now)
}

func diagnoseWith(ws *index.Workspace, sc *SyntaxChecker, now time.Time) []Diagnostic {
	an := New(ws)
	an.Now = func() time.Time { return now }
	var got []Diagnostic
	for _, f := range ws.Files() {
		got = append(got, an.File(f)...)
		got = append(got, sc.Check(f)...)
	}
	return got
}

func hasFix(d Diagnostic, title string) bool {
	for _, f := range d.Fixes {
		if f.Title == title {
			return true
		}
	}
	return false
}

func fixTitles(d Diagnostic) []string {
	var out []string
	for _, f := range d.Fixes {
		out = append(out, f.Title)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestVeloMarkers(t *testing.T) { runMarkerTests(t, "velo") }
