package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

var binary string

// TestMain builds the real binary once; the stdio tests drive it as an
// editor would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wix-events-ls-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "wix-events-ls")
	out, err := exec.Command("go", "build", "-ldflags=-X github.com/wix-events-ls/wix-events-ls/lsp.Version="+stampedVersion, "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	// Hermetic: no test reads or writes the user's cache unless it says so.
	os.Setenv(syntaxcache.EnvVar, "off")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runCheck(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"check"}, args...), strings.NewReader(""), &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

func TestCheckSampleText(t *testing.T) {
	out, errOut, code := runCheck(t, "../../testdata/sample/velo-site")
	if code != 1 {
		t.Errorf("exit code = %d, want 1 (the sample has errors)\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"../../testdata/sample/velo-site/src/backend/events.js:39:17: warning: Unknown handler wixBiling_onInvoiceSent: did you mean wixBilling_onInvoiceSent",
		"../../testdata/sample/velo-site/src/backend/events.js:16:27: warning: `event.entity` is always undefined: did you mean `event.id.id`?",
		"[unknown-handler]",
		"[unsupported-export]",
		"[data-hook-in-events]",
		"[sdk-registration-in-site]",
		"receipts.web.js:8:17: warning: wixStores_onProductCreated is an event handler name",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckJSONAndSARIF(t *testing.T) {
	out, _, _ := runCheck(t, "--format", "json", "../../testdata/sample/velo-site")
	var fs []struct {
		Path  string `json:"path"`
		Range struct {
			Start struct{ Line, Character int } `json:"start"`
		} `json:"range"`
		Severity int    `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	for _, f := range fs {
		if strings.Contains(f.Path, "\\") || f.Code == "" || f.Severity < 1 || f.Severity > 4 {
			t.Errorf("bad finding %+v", f)
		}
	}
	out, _, _ = runCheck(t, "--format", "sarif", "../../testdata/sample/velo-site")
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string } `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil {
		t.Fatalf("sarif: %v", err)
	}
	if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != len(fs) || len(sarif.Runs[0].Tool.Driver.Rules) == 0 {
		t.Errorf("sarif shape wrong: version %q, %d runs", sarif.Version, len(sarif.Runs))
	}
}

func TestCheckUsageErrors(t *testing.T) {
	tests := [][]string{
		{},
		{"--format", "xml", "."},
		{".", "--format", "xml"},
		{".", "--max-warnings"},
		{".", "--no-such-flag"},
		{"/no/such/path/anywhere"},
		{"--config", "/no/such/config.json", "."},
	}
	for _, args := range tests {
		if _, _, code := runCheck(t, args...); code != 2 {
			t.Errorf("check %v: exit %d, want 2", args, code)
		}
	}
}

func TestCheckCleanTreeExitsZero(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "src/backend"), 0o755)
	os.WriteFile(filepath.Join(dir, "src/backend/events.js"), []byte("export function wixBilling_onInvoicePaid(event) {}\n"), 0o644)
	out, errOut, code := runCheck(t, dir)
	if code != 0 || out != "✔ no problems (1 file checked)\n" || errOut != "" {
		t.Errorf("clean tree: exit %d, output %q %q", code, out, errOut)
	}
}

func TestCheckConfigSeverityAndExtraCatalog(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "src/backend"), 0o755)
	os.WriteFile(filepath.Join(dir, "src/backend/events.js"), []byte("export function wixNewThing_onItHappened(event) {}\nexport function wixBiling_onInvoicePaid(event) {}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".wix-events.json"), []byte(`{"severity": {"unknown-handler": "error"}, "catalog": {"handlers": [{"name": "wixNewThing_onItHappened", "module": "wix-new-thing.v2"}]}}`), 0o644)
	out, _, code := runCheck(t, dir)
	if code != 1 || strings.Contains(out, "wixNewThing_onItHappened") || !strings.Contains(out, "error: Unknown handler wixBiling_onInvoicePaid") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// frame writes one LSP message; lower-case header names on purpose (the
// spec says header names are case-insensitive).
func frame(w io.Writer, msg string) {
	fmt.Fprintf(w, "content-length: %d\r\n\r\n%s", len(msg), msg)
}

func readMsg(r *bufio.Reader) (map[string]any, error) {
	n := 0
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "content-length") {
			n, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(buf, &m)
}

// The built binary's check keeps esbuild's clean verdicts in the cache
// folder, and a warm run prints exactly what a cold one did: a file with a
// syntax error is never cached, so it is reported every time.
func TestCheckVerdictCache(t *testing.T) {
	cache, ws := t.TempDir(), t.TempDir()
	for name, text := range map[string]string{
		"src/backend/events.js": "export function wixEcom_onCartCreated(event) {}\n",
		"src/backend/data.js":   "export function Orders_beforeInsert(item, context) {\n  return item\n",
	} {
		p := filepath.Join(ws, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"check"}, args...)...)
		cmd.Env = append(os.Environ(), syntaxcache.EnvVar+"="+cache)
		out, err := cmd.Output()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("check %v: %v, want exit 1\n%s", args, err, out)
		}
		return string(out)
	}
	cold := run(ws)
	if lines := strings.Split(cold, "\n"); len(lines) != 4 || !strings.Contains(lines[0], "data.js") || !strings.HasSuffix(lines[0], "[syntax-error]") || !strings.HasPrefix(lines[2], "✖ 1 problem") {
		t.Fatalf("want exactly data.js's syntax error, got:\n%s", cold)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "esbuild-clean.*"))
	if len(entries) != 1 {
		t.Fatalf("cache folder holds %v after a cold run, want one cache file", entries)
	}
	if st, err := os.Stat(entries[0]); err != nil || st.Size() <= 16 {
		t.Fatalf("cache file: %v %v", st, err)
	}
	if warm := run(ws); warm != cold {
		t.Errorf("warm run differs from the cold run:\ncold:\n%s\nwarm:\n%s", cold, warm)
	}
	if nc := run("--no-cache", ws); nc != cold {
		t.Errorf("--no-cache run differs:\n%s", nc)
	}
}

// TestBinaryOverStdio drives the built binary: initialize, a diagnostic on
// didOpen, a malformed message the server must survive, shutdown and exit 0;
// started the ways editors start it (vscode-languageclient appends --stdio).
func TestBinaryOverStdio(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"serve"},
		{"serve", "--stdio"},
		{"--stdio"},
		{"serve", "--clientProcessId=4242", "--stdio"},
	} {
		t.Run(strings.Join(append([]string{"args"}, args...), " "), func(t *testing.T) {
			binaryOverStdio(t, args)
		})
	}
}

func binaryOverStdio(t *testing.T, args []string) {
	root, _ := filepath.Abs("../../testdata/sample/velo-site")
	cmd := exec.Command(binary, args...)
	stdin, _ := cmd.StdinPipe()
	stdoutPipe, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stdoutPipe)
	frame(stdin, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file://`+root+`","capabilities":{}}}`)
	msgs := make(chan map[string]any, 100)
	go func() {
		for {
			m, err := readMsg(r)
			if err != nil {
				close(msgs)
				return
			}
			msgs <- m
		}
	}()
	wait := func(pred func(map[string]any) bool) map[string]any {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					t.Fatal("server closed stdout")
				}
				if pred(m) {
					return m
				}
			case <-timeout:
				t.Fatal("timed out")
			}
		}
	}
	init := wait(func(m map[string]any) bool { return m["id"] == float64(1) })
	if init["result"] == nil {
		t.Fatalf("initialize: %v", init)
	}
	frame(stdin, `{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	frame(stdin, `{"jsonrpc":"2.0","id":2,"method":"textDocument/hover",`) // malformed JSON
	text, _ := json.Marshal("export function wixBiling_onInvoicePaid(event) {}\n")
	frame(stdin, `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file://`+root+`/src/backend/events.js","languageId":"javascript","version":1,"text":`+string(text)+`}}}`)
	wait(func(m map[string]any) bool {
		if m["method"] != "textDocument/publishDiagnostics" {
			return false
		}
		b, _ := json.Marshal(m["params"])
		return strings.Contains(string(b), "events.js") && strings.Contains(string(b), "unknown-handler")
	})
	frame(stdin, `{"jsonrpc":"2.0","id":3,"method":"shutdown"}`)
	wait(func(m map[string]any) bool { return m["id"] == float64(3) })
	frame(stdin, `{"jsonrpc":"2.0","method":"exit"}`)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after shutdown: %v, want status 0", err)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("server did not exit")
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"version"}, nil, &out, io.Discard); code != 0 || !strings.Contains(out.String(), "catalog ") {
		t.Errorf("version: %d %q", code, out.String())
	}
}
