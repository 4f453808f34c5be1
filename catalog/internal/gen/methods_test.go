package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

func writeVelo(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "velo-permissions.json"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBuildMethods(t *testing.T) {
	p := &pins{SDK: []pkgVersion{{Name: "@wix/demo", Version: "1.0.7"}}}
	fsys := os.DirFS("../extract/testdata/npm")
	dir := writeVelo(t, `{"about": "x", "methods": [
		{"module": "wix-demo-backend", "namespace": "things", "name": "getThing",
		 "restriction": "Only visitors with Manage Things permissions can get things.",
		 "suppressAuth": true, "optionsArg": 2, "page": "https://dev.wix.com/docs/velo/apis/wix-demo-backend/things/get-thing"}]}`)
	f, rep, err := buildMethods(fsys, p, dir, "v")
	if err != nil {
		t.Fatal(err)
	}
	// The fixture package declares event functions only: they are not methods.
	if rep.sdk != 0 || len(f.SDK) != 0 {
		t.Errorf("event functions recorded as methods: %+v", f.SDK)
	}
	data, err := encodeMethods(f)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := catalog.ParseMethods(data)
	if err != nil {
		t.Fatal(err)
	}
	m := ms.Method("wix-demo-backend", "things", "getThing")
	if m == nil || !m.Velo() || !m.Restricted() || m.OptionsArg != 2 || m.DocsURL() != "https://dev.wix.com/docs/velo/apis/wix-demo-backend/things/get-thing" {
		t.Errorf("velo method = %+v", m)
	}
	// Entries must cite a dev.wix.com page, state the restriction, and give
	// the options position when suppressAuth is set.
	for _, bad := range []string{
		`{"module": "wix-demo-backend", "name": "a", "restriction": "r", "page": "https://example.com/a"}`,
		`{"module": "wix-demo-backend", "name": "a", "page": "https://dev.wix.com/docs/velo/a"}`,
		`{"module": "wix-demo-backend", "name": "a", "restriction": "r", "suppressAuth": true, "page": "https://dev.wix.com/docs/velo/a"}`,
	} {
		dir := writeVelo(t, `{"about": "x", "methods": [`+bad+`]}`)
		if _, _, err := buildMethods(fsys, p, dir, "v"); err == nil || !strings.Contains(err.Error(), "velo-permissions.json") {
			t.Errorf("%s: err = %v", bad, err)
		}
	}
}
