package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deepWorkspace writes a site whose events.js is a handler followed by a
// million unclosed '(' and whose data.js is a million '!' before a name:
// each overflowed esbuild's 1 GB stack (a fatal error, not a panic) before
// the nesting bound.
func deepWorkspace(t *testing.T) (dir, events, data string) {
	dir = t.TempDir()
	backend := filepath.Join(dir, "src", "backend")
	if err := os.MkdirAll(backend, 0o755); err != nil {
		t.Fatal(err)
	}
	events, data = filepath.Join(backend, "events.js"), filepath.Join(backend, "data.js")
	for p, text := range map[string]string{
		events: "export function wixBilling_onInvoicePaid(event) {}\n" + strings.Repeat("(", 1_000_000),
		data:   "export const x = " + strings.Repeat("!", 1_000_000) + "a\n",
	} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, events, data
}

// TestCheckDeepFiles runs the built binary's check on the deep files: it
// must finish, name both files as not syntax-checked, and not crash.
func TestCheckDeepFiles(t *testing.T) {
	dir, _, _ := deepWorkspace(t)
	cmd := exec.Command(binary, "check", dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("check did not finish")
	}
	var ee *exec.ExitError
	if err != nil && (!errors.As(err, &ee) || ee.ExitCode() > 1) {
		t.Fatalf("check: %v\nstderr: %.2000s", err, stderr.String())
	}
	for _, name := range []string{"events.js", "data.js"} {
		if !strings.Contains(string(out), name) || strings.Count(string(out), "[syntax-not-checked]") != 2 {
			t.Errorf("want syntax-not-checked on %s, got:\n%s", name, out)
		}
	}
}

// TestServeDeepFiles starts the built binary on the deep workspace (the
// walk reads the files from disk), then opens one of them with its deep
// text: both are reported as not syntax-checked and the server answers on.
func TestServeDeepFiles(t *testing.T) {
	dir, events, data := deepWorkspace(t)
	cmd := exec.Command(binary, "serve")
	stdin, _ := cmd.StdinPipe()
	stdoutPipe, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	msgs := make(chan map[string]any, 100)
	go func() {
		r := bufio.NewReader(stdoutPipe)
		for {
			m, err := readMsg(r)
			if err != nil {
				close(msgs)
				return
			}
			msgs <- m
		}
	}()
	wait := func(what string, pred func(map[string]any) bool) {
		t.Helper()
		timeout := time.After(time.Minute)
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					t.Fatalf("server closed stdout (crashed?) waiting for %s", what)
				}
				if pred(m) {
					return
				}
			case <-timeout:
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	notChecked := func(path string) func(map[string]any) bool {
		return func(m map[string]any) bool {
			if m["method"] != "textDocument/publishDiagnostics" {
				return false
			}
			b, _ := json.Marshal(m["params"])
			return strings.Contains(string(b), `"file://`+path+`"`) && strings.Contains(string(b), "syntax-not-checked")
		}
	}
	frame(stdin, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file://`+dir+`","capabilities":{}}}`)
	wait("initialize", func(m map[string]any) bool { return m["id"] == float64(1) })
	frame(stdin, `{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	wait("events.js on disk", notChecked(events))
	wait("data.js on disk", notChecked(data))

	text, _ := json.Marshal("export function wixBilling_onInvoicePaid(event) {}\n" + strings.Repeat("[", 1_000_000))
	frame(stdin, `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file://`+data+`","languageId":"javascript","version":1,"text":`+string(text)+`}}}`)
	wait("data.js open", func(m map[string]any) bool {
		if !notChecked(data)(m) {
			return false
		}
		b, _ := json.Marshal(m["params"])
		return strings.Contains(string(b), `"version":1`)
	})
	frame(stdin, `{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file://`+data+`"},"position":{"line":0,"character":20}}}`)
	wait("hover", func(m map[string]any) bool { return m["id"] == float64(2) })
	frame(stdin, `{"jsonrpc":"2.0","id":3,"method":"shutdown"}`)
	wait("shutdown", func(m map[string]any) bool { return m["id"] == float64(3) })
	frame(stdin, `{"jsonrpc":"2.0","method":"exit"}`)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
}
