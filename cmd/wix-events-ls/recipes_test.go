package main

// The README's recipes (editors/ci/package.json's scripts and lint-staged
// entry, .pre-commit-hooks.yaml, the GitHub workflows in editors/ci/) run
// here with the built binary in place of the npm one: each command line is
// taken from its file and executed against a copy of the sample.
// .ci/npm.sh runs the same workflow lines through the real npm package.

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// sampleProject copies the sample into a fresh project folder (with a
// package.json, as after `npm i -D wix-events-ls`).
func sampleProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(sample, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(sample, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"package.json": `{"name": "sample", "private": true}` + "\n"})
	return dir
}

// shell runs line with `wix-events-ls` (or `npx wix-events-ls`) meaning
// the built binary, in dir.
func shell(t *testing.T, dir, line string) (string, int) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("recipes are sh lines")
	}
	line = strings.Replace(line, "npx wix-events-ls", "wix-events-ls", 1)
	if !strings.HasPrefix(line, "wix-events-ls ") {
		t.Fatalf("recipe %q does not run wix-events-ls", line)
	}
	cmd := exec.Command("sh", "-c", `"$WELS"`+strings.TrimPrefix(line, "wix-events-ls"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WELS="+binary, "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("%s: %v", line, err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}

func TestRecipePackageJSON(t *testing.T) {
	b, err := os.ReadFile("../../editors/ci/package.json")
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Scripts    map[string]string `json:"scripts"`
		LintStaged map[string]string `json:"lint-staged"`
		DevDeps    map[string]string `json:"devDependencies"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.DevDeps["wix-events-ls"] != "^"+versionForTest(t) {
		t.Errorf("devDependencies pins wix-events-ls %q, VERSION is %s", pkg.DevDeps["wix-events-ls"], versionForTest(t))
	}
	dir := sampleProject(t)
	out, code := shell(t, dir, pkg.Scripts["lint:events"])
	if code != 1 || !strings.Contains(out, "velo-site/src/backend/events.js:39:17: warning:") || !strings.Contains(out, "✖ 22 problems") {
		t.Errorf("lint:events: exit %d\n%s", code, out)
	}
	out, code = shell(t, dir, pkg.Scripts["lint:events:ci"])
	if code != 1 || !strings.Contains(out, "::error file=cli-app/src/") {
		t.Errorf("lint:events:ci: exit %d\n%s", code, out)
	}
	// lint-staged appends the staged files' absolute paths.
	if len(pkg.LintStaged) != 1 {
		t.Fatalf("lint-staged: %v", pkg.LintStaged)
	}
	for _, line := range pkg.LintStaged {
		staged := func(rel ...string) string {
			var s []string
			for _, r := range rel {
				s = append(s, "'"+filepath.Join(dir, r)+"'")
			}
			return line + " " + strings.Join(s, " ")
		}
		out, code := shell(t, dir, staged("velo-site/src/backend/events.js", "cli-app/astro.config.mjs"))
		if code != 1 || !strings.Contains(out, "[unsupported-export]") || !strings.Contains(out, "astro.config.mjs: no Wix backend-event files") {
			t.Errorf("lint-staged with events.js: exit %d\n%s", code, out)
		}
		if out, code := shell(t, dir, staged("velo-site/src/backend/receipts.web.js")); code != 0 || !strings.Contains(out, "[handler-outside-events]") {
			t.Errorf("lint-staged with a warning only: exit %d\n%s", code, out)
		}
	}
}

// yamlValues returns the values of key in a YAML file, one per line it
// is on (the recipes keep them on one line: no YAML parser needed).
func yamlValues(t *testing.T, path, key string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	re := regexp.MustCompile(`^\s*(?:- )?` + regexp.QuoteMeta(key) + `:\s*(.*?)\s*$`)
	var vals []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil && !strings.HasPrefix(strings.TrimSpace(sc.Text()), "#") {
			vals = append(vals, m[1])
		}
	}
	return vals
}

func TestRecipePreCommit(t *testing.T) {
	const hooks = "../../.pre-commit-hooks.yaml"
	if id := yamlValues(t, hooks, "id"); len(id) != 1 || id[0] != "wix-events-ls" {
		t.Errorf("ids %v", id)
	}
	if lang := yamlValues(t, hooks, "language"); len(lang) != 1 || lang[0] != "golang" {
		t.Errorf("language %v", lang)
	}
	entry := yamlValues(t, hooks, "entry")
	files := yamlValues(t, hooks, "files")
	if len(entry) != 1 || len(files) != 1 {
		t.Fatalf("entry %v, files %v", entry, files)
	}
	re := regexp.MustCompile(files[0])
	for path, want := range map[string]bool{
		"src/backend/events.js":    true,
		"src/backend/http.jsw":     true,
		"site/src/backend/data.js": true,
		"src/extensions.ts":        true,
		"src/extensions/backend/events/order-paid/order-paid.extension.ts": true,
		"src/extensions/backend/events/order-paid/order-paid.ts":           true,
		"src/pages/Home.js":  false,
		"README.md":          false,
		"src/extensions.tsx": false,
	} {
		if re.MatchString(path) != want {
			t.Errorf("files pattern on %s: %v, want %v", path, !want, want)
		}
	}
	// pre-commit runs the entry with the staged files, relative to the repository root.
	dir := sampleProject(t)
	out, code := shell(t, dir, entry[0]+" velo-site/src/backend/events.js cli-app/src/extensions.ts")
	if code != 1 || !strings.Contains(out, "velo-site/src/backend/events.js:45:14: error:") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestRecipeGitHubWorkflows(t *testing.T) {
	tests := []struct {
		file  string
		check func(dir, out string) bool
	}{
		{"wix-events-sarif.yml", func(dir, out string) bool {
			b, err := os.ReadFile(filepath.Join(dir, "wix-events.sarif"))
			var doc struct {
				Runs []struct{ Results []json.RawMessage }
			}
			return err == nil && json.Unmarshal(b, &doc) == nil && len(doc.Runs) == 1 && len(doc.Runs[0].Results) == 22
		}},
		{"wix-events-annotations.yml", func(dir, out string) bool {
			return strings.Count(out, "::error file=") == 13 && strings.Contains(out, "::warning file=velo-site/src/backend/events.js,line=39,")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := "../../editors/ci/" + tc.file
			ran := 0
			dir := sampleProject(t)
			for _, line := range yamlValues(t, path, "run") {
				if line == "npm ci" {
					continue
				}
				out, code := shell(t, dir, line)
				if code != 1 || !tc.check(dir, out) {
					t.Errorf("%s: exit %d (want 1: the sample has errors)\n%s", line, code, out)
				}
				ran++
			}
			if ran != 1 {
				t.Errorf("%d wix-events-ls steps, want 1", ran)
			}
			for _, uses := range yamlValues(t, path, "uses") {
				if !regexp.MustCompile(`^(actions/checkout|actions/setup-node|github/codeql-action/upload-sarif)@v\d+$`).MatchString(uses) {
					t.Errorf("uses %q", uses)
				}
			}
		})
	}
}
