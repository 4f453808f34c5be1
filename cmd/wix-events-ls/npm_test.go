package main

// The npm launcher (npm/wix-events-ls/bin/wix-events-ls.js) around the
// built binary, and the packages' platform lists agreeing. .ci/npm.sh
// tests the packed and installed packages end to end.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

const launcher = "../../npm/wix-events-ls/bin/wix-events-ls.js"

func runLauncher(t *testing.T, env []string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node")
	}
	cmd := exec.Command(node, append([]string{launcher}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

func TestLauncherPassesThrough(t *testing.T) {
	env := []string{"WIX_EVENTS_LS_BINARY_PATH=" + binary, "NO_COLOR=1"}
	want, _ := exec.Command(binary, "check", sample+"/velo-site").Output()
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"check", sample + "/velo-site"}, 1, string(want)},
		{[]string{"check", sample + "/velo-site/src/backend/receipts.web.js"}, 0, ""},
		{[]string{"check", "--format", "xml", "."}, 2, ""},
		{[]string{"version"}, 0, "wix-events-ls " + stampedVersion + "\n"},
	} {
		out, errOut, code := runLauncher(t, env, "", tc.args...)
		if code != tc.code || !strings.HasPrefix(out, tc.out) {
			t.Errorf("launcher %v: exit %d (want %d)\n%s\n%s", tc.args, code, tc.code, out, errOut)
		}
	}
	// stdin reaches the server, its replies come back.
	var in strings.Builder
	for _, m := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	} {
		fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	out, errOut, code := runLauncher(t, env, in.String(), "serve")
	if code != 0 || !strings.Contains(out, `"serverInfo":{"name":"wix-events-ls","version":"`+stampedVersion+` `) {
		t.Errorf("LSP through the launcher: exit %d\n%s\n%s", code, out, errOut)
	}
}

// Without its platform package the launcher says which one to install.
func TestLauncherMissingPlatformPackage(t *testing.T) {
	_, errOut, code := runLauncher(t, []string{"WIX_EVENTS_LS_BINARY_PATH="}, "", "version")
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	osName := map[string]string{"windows": "win32"}[runtime.GOOS]
	if osName == "" {
		osName = runtime.GOOS
	}
	if code != 2 || !strings.Contains(errOut, "@wix-events-ls/"+osName+"-"+arch) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// The five platforms are named alike in the launcher, the launcher
// package's optionalDependencies and npm/build.js.
func TestNpmPlatformLists(t *testing.T) {
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	names := func(re, text string, prefix string) string {
		var l []string
		for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(text, -1) {
			l = append(l, prefix+m[1])
		}
		sort.Strings(l)
		return strings.Join(l, " ")
	}
	var pkg struct {
		Bin      map[string]string `json:"bin"`
		Files    []string          `json:"files"`
		Optional map[string]string `json:"optionalDependencies"`
	}
	if err := json.Unmarshal([]byte(read("../../npm/wix-events-ls/package.json")), &pkg); err != nil {
		t.Fatal(err)
	}
	var opt []string
	for k := range pkg.Optional {
		opt = append(opt, k)
	}
	sort.Strings(opt)
	fromLauncher := names(`'(@wix-events-ls/[a-z0-9-]+)'`, read(launcher), "")
	fromBuild := names(`'([a-z0-9]+-[a-z0-9]+)': \{ os:`, read("../../npm/build.js"), "@wix-events-ls/")
	want := "@wix-events-ls/darwin-arm64 @wix-events-ls/darwin-x64 @wix-events-ls/linux-arm64 @wix-events-ls/linux-x64 @wix-events-ls/win32-x64"
	for name, got := range map[string]string{"optionalDependencies": strings.Join(opt, " "), "launcher": fromLauncher, "npm/build.js": fromBuild} {
		if got != want {
			t.Errorf("%s: %s\nwant %s", name, got, want)
		}
	}
	if pkg.Bin["wix-events-ls"] != "bin/wix-events-ls.js" || len(pkg.Files) == 0 || pkg.Files[0] != "bin/wix-events-ls.js" {
		t.Errorf("bin %v, files %v", pkg.Bin, pkg.Files)
	}
}
