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

// TestExpandNamespace: a namespace-wide Velo restriction becomes one Velo
// method per function of the SDK namespace that the typings also restrict
// (an unrestricted, overloaded or hidden one is left out), each citing the
// introduction page; an entry that matches nothing, or lacks its page, is
// an error.
func TestExpandNamespace(t *testing.T) {
	sdk := []catalog.Method{
		{Package: "@wix/demo", Namespace: "orders", Name: "getOrder", Permissions: []string{"ORDERS.READ"}, Identities: []string{"APP"}},
		{Package: "@wix/demo", Namespace: "orders", Name: "listMine", Identities: []string{"APP", "MEMBER"}},
		{Package: "@wix/demo", Namespace: "orders", Name: "open"},
		{Package: "@wix/demo", Namespace: "orders", Name: "query", Overloaded: true},
		{Package: "@wix/demo", Namespace: "orders", Name: "internalOnly", Identities: []string{"APP"}, Hidden: true},
		{Package: "@wix/demo", Namespace: "carts", Name: "getCart", Identities: []string{"APP"}},
	}
	ns := veloNamespace{Module: "wix-demo-backend", Namespace: "orders", SDK: "@wix/demo",
		Restriction: "Functions in the Orders API are restricted.", Page: "https://dev.wix.com/docs/velo/apis/wix-demo-backend/orders/introduction"}
	ms, err := expandNamespace(ns, sdk)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
		if !m.Velo() || !m.Restricted() || m.Docs != ns.Page || m.Evidence != ns.Page || m.SuppressAuth {
			t.Errorf("%s: %+v", m.Name, m)
		}
	}
	if got := strings.Join(names, ","); got != "getOrder,listMine" {
		t.Errorf("expanded %s, want getOrder,listMine", got)
	}
	if ms[0].Key() != "wix-demo-backend orders.getOrder" || len(ms[0].Permissions) != 1 {
		t.Errorf("first = %+v", ms[0])
	}
	for _, bad := range []veloNamespace{
		{Module: "wix-demo-backend", Namespace: "nothing", SDK: "@wix/demo", Restriction: "r", Page: ns.Page},
		{Module: "wix-demo-backend", Namespace: "orders", SDK: "@wix/demo", Restriction: "r", Page: "https://example.com/x"},
		{Module: "wix-demo-backend", Namespace: "orders", SDK: "@wix/demo", Page: ns.Page},
		{Module: "wix-demo-backend", Namespace: "orders", SDK: "wix-demo", Restriction: "r", Page: ns.Page},
	} {
		if _, err := expandNamespace(bad, sdk); err == nil || !strings.Contains(err.Error(), "velo-permissions.json") {
			t.Errorf("%+v: err = %v", bad, err)
		}
	}
}

// TestBuildMethodsSDKLink: a Velo method naming its SDK package must exist
// there (the fixture package declares events only).
func TestBuildMethodsSDKLink(t *testing.T) {
	p := &pins{SDK: []pkgVersion{{Name: "@wix/demo", Version: "1.0.7"}}}
	dir := writeVelo(t, `{"about": "x", "methods": [
		{"module": "wix-demo.v2", "namespace": "things", "name": "getThing", "restriction": "r",
		 "sdk": "@wix/demo", "page": "https://dev.wix.com/docs/velo/apis/wix-demo-v2/things/get-thing"}]}`)
	if _, _, err := buildMethods(os.DirFS("../extract/testdata/npm"), p, dir, "v"); err == nil || !strings.Contains(err.Error(), "declares no things.getThing") {
		t.Errorf("err = %v", err)
	}
}
