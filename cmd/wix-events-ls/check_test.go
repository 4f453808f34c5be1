package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const sample = "../../testdata/sample"

// jsonFinding is one finding of --format json, keyed by the file's
// absolute path for comparing runs that name files differently.
type jsonFinding struct {
	Path     string          `json:"path"`
	Range    json.RawMessage `json:"range"`
	Severity int             `json:"severity"`
	Code     string          `json:"code"`
	Message  string          `json:"message"`
}

func (f jsonFinding) key(t *testing.T) string {
	abs, err := filepath.Abs(filepath.FromSlash(f.Path))
	if err != nil {
		t.Fatal(err)
	}
	return abs + "\x00" + string(f.Range) + "\x00" + f.Code + "\x00" + f.Message
}

func jsonFindings(t *testing.T, args ...string) ([]string, string, int) {
	t.Helper()
	out, errOut, code := runCheck(t, args...)
	var fs []jsonFinding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("check %v: json: %v\n%s", args, err, out)
	}
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key(t)
	}
	return keys, errOut, code
}

// TestCheckPathsMatchProject: a file or folder argument reports exactly
// what `check <project root>` reports for the files under it, whatever
// the argument order and wherever the flags are.
func TestCheckPathsMatchProject(t *testing.T) {
	site, app := sample+"/velo-site", sample+"/cli-app"
	roots := map[string][]string{}
	for _, r := range []string{site, app} {
		keys, _, _ := jsonFindings(t, "--format", "json", r)
		if len(keys) == 0 {
			t.Fatalf("check %s: no findings", r)
		}
		roots[r] = keys
	}
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	// expected: the root runs' findings under the given paths.
	expected := func(paths ...string) []string {
		var want []string
		for _, keys := range roots {
			for _, k := range keys {
				file := k[:strings.IndexByte(k, 0)]
				for _, p := range paths {
					if file == abs(p) || strings.HasPrefix(file, abs(p)+string(filepath.Separator)) {
						want = append(want, k)
						break
					}
				}
			}
		}
		sort.Strings(want)
		return want
	}
	handler := app + "/src/extensions/backend/events/order-paid/order-paid.extension.ts"
	tests := []struct {
		name  string
		args  []string
		paths []string
		code  int
	}{
		{"a file", []string{"--format", "json", site + "/src/backend/events.js"}, []string{site + "/src/backend/events.js"}, 1},
		{"a site's backend folder", []string{"--format", "json", site + "/src/backend"}, []string{site + "/src/backend"}, 1},
		{"an app's src folder", []string{"--format", "json", app + "/src"}, []string{app + "/src"}, 1},
		{"two files of two projects", []string{"--format", "json", handler, site + "/src/backend/receipts.web.js"},
			[]string{handler, site + "/src/backend/receipts.web.js"}, 1},
		{"flags after paths", []string{site + "/src/backend/receipts.web.js", "--format", "json", "--no-cache"},
			[]string{site + "/src/backend/receipts.web.js"}, 0},
		{"flags between paths", []string{handler, "--format=json", site + "/src/backend"}, []string{handler, site + "/src/backend"}, 1},
		{"a folder twice", []string{"--format", "json", site + "/src", site + "/src/backend/events.js"}, []string{site + "/src"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errOut, code := jsonFindings(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, errOut)
			}
			sorted := append([]string(nil), got...)
			sort.Strings(sorted)
			want := expected(tc.paths...)
			if len(want) == 0 {
				t.Fatal("the root runs report nothing under these paths: the case tests nothing")
			}
			if strings.Join(sorted, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings differ from the project roots' for the same files\n got: %q\nwant: %q", sorted, want)
			}
		})
	}
}

// A file argument is named as given; a folder's files below it.
func TestCheckPathNames(t *testing.T) {
	out, _, _ := runCheck(t, sample+"/velo-site/src/backend/receipts.web.js")
	if !strings.HasPrefix(out, sample+"/velo-site/src/backend/receipts.web.js:8:17: warning:") {
		t.Errorf("file argument:\n%s", out)
	}
	out, _, _ = runCheck(t, sample+"/velo-site/src/backend/")
	if !strings.HasPrefix(out, sample+"/velo-site/src/backend/events.js:") {
		t.Errorf("folder argument:\n%s", out)
	}
}

// A path with no Wix backend-event files says so on stderr and exits 0.
func TestCheckNoWixFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"package.json":          "{}\n",
		"docs/readme.md":        "# docs\n",
		"src/pages/Home.js":     "export function wixBiling_onInvoicePaid(event) {}\n",
		"src/backend/events.js": "export function wixBiling_onInvoicePaid(event) {}\n",
	})
	for _, p := range []string{dir + "/docs", dir + "/src/pages/Home.js", dir + "/package.json", sample + "/cli-app/README.md"} {
		out, errOut, code := runCheck(t, p)
		if code != 0 || out != "" || !strings.Contains(errOut, p+": no Wix backend-event files") {
			t.Errorf("check %s: exit %d, stdout %q, stderr %q", p, code, out, errOut)
		}
	}
	// Beside a path with findings, the note is printed and the findings too.
	out, errOut, code := runCheck(t, dir+"/docs", dir+"/src/backend/events.js")
	if code != 0 || !strings.Contains(out, "wixBiling_onInvoicePaid") || !strings.Contains(errOut, "docs: no Wix backend-event files") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

// A file whose project has no marker (no package.json, .git …) is still
// checked from above its backend folder.
func TestCheckFileWithoutProjectMarker(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"site/backend/events.js": "export function wixBiling_onInvoicePaid(event) {}\n"})
	if findProjectRoot(dir) != "" {
		t.Skip("the temporary folder is inside a project")
	}
	out, errOut, _ := runCheck(t, dir+"/site/backend/events.js")
	if !strings.Contains(out, "[unknown-handler]") {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

// A special file is refused at once, never opened (a FIFO would block).
func TestCheckSpecialFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	fifo := filepath.Join(t.TempDir(), "events.js")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	_, errOut, code := runCheck(t, fifo)
	if code != 2 || !strings.Contains(errOut, "not a regular file: it is a named pipe") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// A link inside the project leading out of it is not followed.
func TestCheckLinkOutOfProject(t *testing.T) {
	outside, dir := t.TempDir(), t.TempDir()
	writeFiles(t, outside, map[string]string{"events.js": "export function wixBiling_onInvoicePaid(event) {}\n"})
	writeFiles(t, dir, map[string]string{"package.json": "{}\n", "src/backend/data.js": "\n"})
	link := filepath.Join(dir, "src/backend/events.js")
	if err := os.Symlink(filepath.Join(outside, "events.js"), link); err != nil {
		t.Skip(err)
	}
	out, errOut, code := runCheck(t, link)
	if code != 0 || strings.Contains(out, "wixBiling") || !strings.Contains(errOut, "outside") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestCheckQuietAndMaxWarnings(t *testing.T) {
	receipts := sample + "/velo-site/src/backend/receipts.web.js" // one warning, no error
	tests := []struct {
		args      []string
		code      int
		stdout    string // substring
		stderr    string // substring
		notStdout string
	}{
		{[]string{receipts}, 0, "✖ 1 problem (0 errors, 1 warning) in 1 file", "", ""},
		{[]string{"--max-warnings", "0", receipts}, 1, "[handler-outside-events]", "too many warnings (1; maximum: 0)", ""},
		{[]string{receipts, "--max-warnings=1"}, 0, "[handler-outside-events]", "", ""},
		{[]string{"--quiet", receipts}, 0, "✔ no problems (1 file checked)", "", "handler-outside-events"},
		{[]string{"--quiet", "--max-warnings", "0", receipts}, 0, "✔ no problems", "", "handler-outside-events"},
		{[]string{"--quiet", sample + "/velo-site"}, 1, "✖ 1 problem (1 error, 0 warnings) in 1 file", "", "warning:"},
	}
	for _, tc := range tests {
		out, errOut, code := runCheck(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.stdout) || !strings.Contains(errOut, tc.stderr) ||
			(tc.notStdout != "" && strings.Contains(out, tc.notStdout)) {
			t.Errorf("check %v: exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.code, out, errOut)
		}
	}
}

func TestCheckColor(t *testing.T) {
	receipts := sample + "/velo-site/src/backend/receipts.web.js"
	tests := []struct {
		env   map[string]string
		color bool
	}{
		{map[string]string{}, false}, // not a terminal
		{map[string]string{"FORCE_COLOR": "1"}, true},
		{map[string]string{"FORCE_COLOR": ""}, true},
		{map[string]string{"FORCE_COLOR": "0"}, false},
		{map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, true},
		{map[string]string{"NO_COLOR": "1"}, false},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSpace(strings.ReplaceAll(strings.Join(envList(tc.env), " "), "\x00", "")), func(t *testing.T) {
			os.Unsetenv("FORCE_COLOR")
			os.Unsetenv("NO_COLOR")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			out, _, _ := runCheck(t, receipts)
			if got := strings.Contains(out, "\x1b["); got != tc.color {
				t.Errorf("color %v, want %v:\n%q", got, tc.color, out)
			}
			if tc.color && !strings.Contains(out, "\x1b[33mwarning\x1b[0m") {
				t.Errorf("warning not yellow:\n%q", out)
			}
			// The plain text with the styles removed is the uncolored output.
			if plain := stripANSI(out); !strings.HasPrefix(plain, receipts+":8:17: warning: ") {
				t.Errorf("colored output changes the text:\n%q", plain)
			}
		})
	}
	t.Cleanup(func() { os.Unsetenv("FORCE_COLOR"); os.Unsetenv("NO_COLOR") })
}

func envList(m map[string]string) []string {
	var l []string
	for k, v := range m {
		l = append(l, k+"="+v)
	}
	sort.Strings(l)
	if len(l) == 0 {
		return []string{"terminal-less"}
	}
	return l
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// GitHub's workflow commands: % CR LF escaped in the message, and also
// : and , in properties (the file name and the title).
func TestGitHubEscaping(t *testing.T) {
	var b strings.Builder
	f := finding{Path: "a:b,c%.js", Severity: 1, Code: "syntax-error", Message: "50% off\r\nnext: line, more"}
	writeGitHub(&b, []finding{f}, summary{})
	want := "::error file=a%3Ab%2Cc%25.js,line=1,endLine=1,col=1,endColumn=1,title=Syntax error (syntax-error)::50%25 off%0D%0Anext: line, more\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// Golden outputs of the whole sample (text with its summary, github,
// sarif); -update rewrites them.
func TestCheckGolden(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"sample.text.golden", []string{sample}},
		{"sample.github.golden", []string{sample, "--format", "github"}},
		{"sample.sarif.golden", []string{"--format", "sarif", sample}},
		{"paths.text.golden", []string{sample + "/velo-site/src/backend/events.js", sample + "/cli-app/src/extensions/backend/events/order-paid"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			out, errOut, code := runCheck(t, tc.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, errOut)
			}
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (run go test -update if intended):\n%s", path, out)
			}
		})
	}
}

// SARIF: readable rule names, full descriptions, a help URI per rule that
// names a heading of docs/rules.md, and the tool's version.
func TestSARIFRules(t *testing.T) {
	out, _, _ := runCheck(t, "--format", "sarif", sample+"/velo-site")
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID               string
						Name             string
						FullDescription  struct{ Text string }
						HelpURI          string
						ShortDescription struct{ Text string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	d := doc.Runs[0].Tool.Driver
	if d.Version == "" || d.Version != versionForTest(t) {
		t.Errorf("driver version %q", d.Version)
	}
	rulesDoc, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Rules {
		if !strings.Contains(r.Name, " ") || r.FullDescription.Text == "" || r.FullDescription.Text == r.ShortDescription.Text {
			t.Errorf("rule %s: name %q, full description %q", r.ID, r.Name, r.FullDescription.Text)
		}
		anchor, ok := strings.CutPrefix(r.HelpURI, rulesDocURL+"#")
		if !ok || anchor != r.ID || !strings.Contains(string(rulesDoc), "\n## "+r.ID+"\n") {
			t.Errorf("rule %s: helpUri %q names no heading of docs/rules.md", r.ID, r.HelpURI)
		}
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A project's broken configuration is reported whichever of its paths was
// asked for (it changes all of them), once.
func TestCheckInvalidConfigWithFilePaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"package.json":          "{}\n",
		".wix-events.json":      "{not json",
		"src/backend/events.js": "export function wixBilling_onInvoicePaid(event) {}\n",
		"src/backend/data.js":   "\n",
	})
	out, errOut, code := runCheck(t, dir+"/src/backend/events.js", dir+"/src/backend/data.js")
	if code != 1 || strings.Count(out, "[invalid-config]") != 1 || !strings.Contains(out, ".wix-events.json:1:1: error:") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// After "--" every argument is a PATH, even one that looks like a flag.
func TestCheckDoubleDash(t *testing.T) {
	receipts := sample + "/velo-site/src/backend/receipts.web.js"
	out, _, code := runCheck(t, "--format", "json", "--", receipts)
	if code != 0 || !strings.Contains(out, `"code": "handler-outside-events"`) {
		t.Errorf("exit %d\n%s", code, out)
	}
	if _, errOut, code := runCheck(t, "--", "--quiet"); code != 2 || !strings.Contains(errOut, "--quiet") {
		t.Errorf("check -- --quiet: exit %d, %s (want --quiet read as a missing path)", code, errOut)
	}
}

// A file named twice (itself and through its folder) is checked and
// counted once.
func TestCheckSummaryCountsFilesOnce(t *testing.T) {
	backend := sample + "/velo-site/src/backend"
	out, _, _ := runCheck(t, "--quiet", backend+"/receipts.web.js", backend, backend+"/receipts.web.js")
	if !strings.HasSuffix(out, "✖ 1 problem (1 error, 0 warnings) in 1 file\n") || strings.Count(out, "[unsupported-export]") != 1 {
		t.Errorf("%s", out)
	}
	out, _, _ = runCheck(t, "--quiet", backend+"/receipts.web.js", backend+"/receipts.web.js")
	if out != "✔ no problems (1 file checked)\n" {
		t.Errorf("%q", out)
	}
}
