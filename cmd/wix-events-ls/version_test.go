package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/lsp"
)

// stampedVersion is what TestMain stamps into the test binary with
// -ldflags -X, as npm/build.js stamps VERSION: the binary must report it,
// not the default.
const stampedVersion = "9.8.7-stamped"

func versionForTest(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../VERSION")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// TestVersionOneSource: VERSION is the one version; the Go default, the
// VS Code extension and the npm packages (the launcher and its pins on the
// platform packages) all carry it.
func TestVersionOneSource(t *testing.T) {
	v := versionForTest(t)
	if lsp.Version != v {
		t.Errorf("lsp.Version = %q, VERSION = %q", lsp.Version, v)
	}
	for _, p := range []string{"../../editors/vscode/package.json", "../../npm/wix-events-ls/package.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var pkg struct {
			Version  string            `json:"version"`
			Optional map[string]string `json:"optionalDependencies"`
		}
		if err := json.Unmarshal(b, &pkg); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if pkg.Version != v {
			t.Errorf("%s: version %q, VERSION %q", p, pkg.Version, v)
		}
		for name, pv := range pkg.Optional {
			if pv != v {
				t.Errorf("%s: %s pinned at %q, VERSION %q", p, name, pv, v)
			}
		}
	}
	// The VS Code extension's lock file names its own version too.
	b, err := os.ReadFile("../../editors/vscode/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(b, &lock); lock.Version != v {
		t.Errorf("editors/vscode/package-lock.json: version %q, VERSION %q", lock.Version, v)
	}
}

// The built binary reports the version stamped at link time, in `version`
// and in initialize's serverInfo.
func TestVersionStamped(t *testing.T) {
	out, err := exec.Command(binary, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "wix-events-ls "+stampedVersion+"\n") {
		t.Errorf("version: %v %q", err, out)
	}
	cmd := exec.Command(binary, "serve")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	frame(stdin, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`)
	m, err := readMsg(bufio.NewReader(stdout))
	if err != nil {
		t.Fatal(err)
	}
	info := fmt.Sprint(m["result"].(map[string]any)["serverInfo"])
	if !strings.Contains(info, "version:"+stampedVersion+" ") {
		t.Errorf("serverInfo %s lacks %s", info, stampedVersion)
	}
}

// docs/rules.md, the page each SARIF rule's helpUri points into, is
// generated from analysis.Rules (-update rewrites it).
func TestRulesDoc(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Rules\n\n<!-- Generated from analysis.Rules by `go test ./cmd/wix-events-ls -run TestRulesDoc -update`. -->\n\n")
	b.WriteString("Every diagnostic of wix-events-ls has a stable code (its heading here; SARIF's `helpUri` links to it).\n")
	b.WriteString("Change a rule's severity in `.wix-events.json`: `{\"severity\": {\"unknown-handler\": \"error\"}}`\n")
	b.WriteString("(levels: `off`, `hint`, `info`, `warning`, `error`). Examples of each, before and after: the rule table of [README.md](../README.md#rules).\n")
	for _, r := range analysis.Rules {
		fmt.Fprintf(&b, "\n## %s\n\n**%s** (default: %s)\n\n%s\n", r.Code, r.Summary, r.Default, r.HelpText)
		if u := analysis.RuleURL(r.Code); strings.HasPrefix(u, "https://dev.wix.com/") {
			fmt.Fprintf(&b, "\nWix docs: <%s>\n", u)
		}
	}
	path := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != b.String() {
		t.Errorf("docs/rules.md is not what analysis.Rules generates (go test ./cmd/wix-events-ls -run TestRulesDoc -update): %v", err)
	}
}
