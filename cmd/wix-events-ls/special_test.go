//go:build unix

package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// TestSpecialFilesByName: a FIFO or a device named as check's PATH, as
// --config, or in the verdict cache's place, is refused with a message;
// none hangs the built binary (each run has a deadline), and the server
// still answers initialize with a FIFO or /dev/zero as its cache file.
func TestSpecialFilesByName(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	zeroLink := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", zeroLink); err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(dir, "ws")
	os.MkdirAll(filepath.Join(ws, "src/backend"), 0o755)
	os.WriteFile(filepath.Join(ws, "src/backend/events.js"), []byte("export function wixBiling_onInvoicePaid(event) {}\n"), 0o644)
	fifoCache, zeroCache := filepath.Join(dir, "fifo-cache"), filepath.Join(dir, "zero-cache")
	os.MkdirAll(fifoCache, 0o755)
	os.MkdirAll(zeroCache, 0o755)
	// A run replaces the cache file with a real one when it saves: made
	// again before each.
	special := func(cache string) {
		name := filepath.Join(cache, "esbuild-clean.v1")
		os.Remove(name)
		if cache == fifoCache {
			if err := syscall.Mkfifo(name, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Symlink("/dev/zero", name); err != nil {
			t.Fatal(err)
		}
	}

	run := func(env string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(binary, args...)
		cmd.Env = append(os.Environ(), syntaxcache.EnvVar+"="+env)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v hung", args)
		}
		return out.String(), cmd.ProcessState.ExitCode()
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", fifo}, "named pipe"},
		{[]string{"check", "--config", fifo, ws}, "named pipe"},
		{[]string{"check", "--config", "/dev/zero", ws}, "device"},
		{[]string{"check", "--config", zeroLink, ws}, "device"},
	} {
		out, code := run("off", c.args...)
		if code != 2 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, want 2 and a message naming a %s:\n%s", c.args, code, c.want, out)
		}
	}
	for _, cache := range []string{fifoCache, zeroCache} {
		special(cache)
		out, code := run(cache, "check", ws)
		if code != 0 || !strings.Contains(out, "unknown-handler") {
			t.Errorf("check with the cache file %s: exit %d, want 0 and the finding:\n%s", cache, code, out)
		}
		special(cache)
		serveInitialize(t, cache, ws)
	}
}

// serveInitialize starts the server with cacheDir as its cache folder
// and checks initialize is answered.
func serveInitialize(t *testing.T, cacheDir, root string) {
	t.Helper()
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), syntaxcache.EnvVar+"="+cacheDir)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	frame(stdin, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file://`+root+`","capabilities":{}}}`)
	got := make(chan map[string]any, 1)
	go func() {
		m, _ := readMsg(bufio.NewReader(stdout))
		got <- m
	}()
	select {
	case m := <-got:
		if m["id"] != float64(1) || m["result"] == nil {
			t.Errorf("initialize with cache %s: %v", cacheDir, m)
		}
	case <-time.After(30 * time.Second):
		t.Errorf("initialize with cache %s not answered", cacheDir)
	}
}
