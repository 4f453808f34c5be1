package installed

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"golang.org/x/tools/txtar"
)

// writeTxtar writes an archive's files under dir.
func writeTxtar(t testing.TB, file, dir string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fresh isolates a test: empty memory, its own disk cache.
func fresh(t testing.TB) string {
	t.Helper()
	Reset()
	dir := t.TempDir()
	SetCacheDir(filepath.Join(dir, "cache"))
	t.Cleanup(func() { Reset(); SetCacheDir(filepath.Join(dir, "cache")) })
	return dir
}

func TestForApp(t *testing.T) {
	dir := fresh(t)
	app := filepath.Join(dir, "app")
	writeTxtar(t, "testdata/app.txtar", app)
	base := catalog.Default()
	if base.SDK("@wix/groups", "groups", "onGroupDeleted") == nil || base.SDK("@wix/groups", "groups", "onGroupTeleported") != nil {
		t.Fatal("the fixture assumes the embedded catalog has groups.onGroupDeleted and not onGroupTeleported")
	}
	c, err := ForApp(base, app, dir)
	if err != nil {
		t.Fatal(err)
	}
	if c == base {
		t.Fatal("ForApp returned the embedded catalog for an app with @wix/groups installed")
	}
	e := c.SDK("@wix/groups", "groups", "onGroupTeleported")
	if e == nil {
		t.Fatal("the installed event groups.onGroupTeleported is unknown")
	}
	if e.EventType != "wix.social_groups.v2.group_teleported" || e.PayloadType != "GroupTeleportedEnvelope" || len(e.PayloadFields) != 2 ||
		!e.Deprecated || e.ReplacedBy != "wix.social_groups.v3.group_teleported" || e.ImportPath != "@wix/groups" ||
		e.Evidence != "npm:@wix/auto_sdk_groups_groups@9.0.4/build/es/index.d.mts" {
		t.Errorf("onGroupTeleported = %+v", e)
	}
	if got := c.SourceOf(e); got != "@wix/groups 9.9.1, installed" {
		t.Errorf("SourceOf = %q", got)
	}
	// Docs: the catalog's sibling page with this event's slug.
	if sib := base.SDK("@wix/groups", "groups", "onGroupCreated"); sib.DocsURL != "" {
		want := strings.TrimSuffix(sib.DocsURL, "on-group-created") + "on-group-teleported"
		if e.DocsURL != want {
			t.Errorf("DocsURL = %q, want %q", e.DocsURL, want)
		}
	}
	if c.SDK("@wix/groups", "groups", "onGroupDeleted") != nil {
		t.Error("groups.onGroupDeleted, which the installed version does not declare, is still known")
	}
	m, ok := c.SDKModule("@wix/groups")
	if !ok || !m.Installed || m.Version != "9.9.1" || m.Events != 2 || strings.Join(m.Exports, ",") != ".,./meta,./package.json" {
		t.Errorf("SDKModule(@wix/groups) = %+v, %v", m, ok)
	}
	// Not installed: the catalog's entries, marked as the catalog's.
	if ce := c.SDK("@wix/crm", "contacts", "onContactCreated"); ce == nil || !strings.HasPrefix(c.SourceOf(ce), "catalog "+base.Version()) {
		t.Errorf("@wix/crm (declared, not installed) = %+v", ce)
	}
	if m, ok := c.SDKModule("@wix/crm"); !ok || m.Installed {
		t.Errorf("SDKModule(@wix/crm) = %+v, %v", m, ok)
	}
	// Installed but no SDK module: nothing recorded.
	if m, ok := c.SDKModule("@wix/essentials"); ok {
		t.Errorf("SDKModule(@wix/essentials) = %+v: not an SDK module", m)
	}
	if !strings.Contains(c.Version(), "1 installed @wix package") {
		t.Errorf("Version = %q", c.Version())
	}
	if p := Problems(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
	// Asked again: the same catalog, nothing re-read.
	if c2, _ := ForApp(base, app, dir); c2 != c {
		t.Error("a second ForApp built a new catalog")
	}
}

func TestForAppWithoutNodeModules(t *testing.T) {
	dir := fresh(t)
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"dependencies":{"@wix/groups":"1"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	base := catalog.Default()
	for _, root := range []string{dir, filepath.Join(dir, "no-package-json")} {
		os.MkdirAll(root, 0o755)
		if c, err := ForApp(base, root, dir); err != nil || c != base {
			t.Errorf("%s: ForApp = %p, %v; want the embedded catalog", root, c, err)
		}
	}
}

// After the installed package changes on disk and Invalidate (the server's
// watched-file handler), the next ForApp answers from the new version.
func TestForAppReadsAgainAfterInvalidate(t *testing.T) {
	dir := fresh(t)
	writeTxtar(t, "testdata/app.txtar", dir)
	base := catalog.Default()
	c1, err := ForApp(base, dir, dir)
	if err != nil || c1.SDK("@wix/groups", "groups", "onGroupTeleported") == nil {
		t.Fatalf("first read: %v", err)
	}
	impl := filepath.Join(dir, "node_modules/@wix/auto_sdk_groups_groups/build/es")
	for _, f := range []string{"index.d.mts", "index.typings.d.mts"} {
		b, _ := os.ReadFile(filepath.Join(impl, f))
		b = []byte(strings.ReplaceAll(string(b), "Teleported", "Beamed"))
		b = []byte(strings.ReplaceAll(string(b), "teleported", "beamed"))
		if err := os.WriteFile(filepath.Join(impl, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pj := filepath.Join(dir, "node_modules/@wix/groups/package.json")
	b, _ := os.ReadFile(pj)
	os.WriteFile(pj, []byte(strings.Replace(string(b), "9.9.1", "9.9.2", 1)), 0o644)

	if c, _ := ForApp(base, dir, dir); c != c1 {
		t.Error("without Invalidate the catalog changed (it must not read on every call)")
	}
	Invalidate()
	c2, err := ForApp(base, dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	if c2.SDK("@wix/groups", "groups", "onGroupBeamed") == nil || c2.SDK("@wix/groups", "groups", "onGroupTeleported") != nil {
		t.Error("after the change and Invalidate, the new version's events are not the ones known")
	}
	if m, _ := c2.SDKModule("@wix/groups"); m.Version != "9.9.2" {
		t.Errorf("version %q", m.Version)
	}
	// Invalidate with nothing changed keeps the catalog.
	Invalidate()
	if c3, _ := ForApp(base, dir, dir); c3 != c2 {
		t.Error("Invalidate without a change built a new catalog")
	}
}

// A new process (Reset) reads the extraction from the disk cache: the
// declaration files are not read again.
func TestForAppDiskCache(t *testing.T) {
	dir := fresh(t)
	app := filepath.Join(dir, "app")
	writeTxtar(t, "testdata/app.txtar", app)
	base := catalog.Default()
	if _, err := ForApp(base, app, dir); err != nil {
		t.Fatal(err)
	}
	Reset()
	// Same package.json (so the same key), declarations gone.
	os.RemoveAll(filepath.Join(app, "node_modules/@wix/auto_sdk_groups_groups/build"))
	c, err := ForApp(base, app, dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.SDK("@wix/groups", "groups", "onGroupTeleported") == nil {
		t.Error("the cached extraction was not used")
	}
	// With the cache off, the same read finds the declarations missing and
	// keeps the catalog's entries for @wix/groups.
	Reset()
	SetCacheDir("")
	c, err = ForApp(base, app, dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.SDK("@wix/groups", "groups", "onGroupDeleted") == nil || len(Problems()) != 1 {
		t.Errorf("unreadable package: catalog entries kept? problems %v", Problems())
	}
}

// pnpm links each package into node_modules/.pnpm; the links are followed
// while they stay inside the boundary, never outside it.
func TestForAppLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks")
	}
	dir := fresh(t)
	ws := filepath.Join(dir, "ws")
	store := filepath.Join(ws, "node_modules/.pnpm/@wix+groups@9.9.1/node_modules")
	tmp := filepath.Join(dir, "tmp")
	writeTxtar(t, "testdata/app.txtar", tmp)
	app := filepath.Join(ws, "apps/a")
	os.MkdirAll(filepath.Join(app, "node_modules/@wix"), 0o755)
	os.MkdirAll(filepath.Join(store, "@wix"), 0o755)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Rename(filepath.Join(tmp, "package.json"), filepath.Join(app, "package.json")))
	must(os.Rename(filepath.Join(tmp, "node_modules/@wix/groups"), filepath.Join(store, "@wix/groups")))
	must(os.Rename(filepath.Join(tmp, "node_modules/@wix/auto_sdk_groups_groups"), filepath.Join(store, "@wix/auto_sdk_groups_groups")))
	must(os.Symlink("../../../../node_modules/.pnpm/@wix+groups@9.9.1/node_modules/@wix/groups", filepath.Join(app, "node_modules/@wix/groups")))
	base := catalog.Default()
	c, err := ForApp(base, app, ws)
	if err != nil {
		t.Fatal(err)
	}
	if c.SDK("@wix/groups", "groups", "onGroupTeleported") == nil {
		t.Fatalf("pnpm layout not read; problems %v", Problems())
	}
	// The same app with the workspace root as its own boundary: the link
	// leads outside it, so nothing is read.
	Reset()
	if c, err := ForApp(base, app, app); err != nil || c != base {
		t.Errorf("a link leaving the boundary was followed: %v", err)
	}
	// An app root outside the boundary is refused.
	if _, err := ForApp(base, ws, app); err == nil {
		t.Error("app root outside the boundary accepted")
	}
}

// A FIFO where a declaration file should be must not block the reader.
func TestForAppSpecialFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mkfifo")
	}
	dir := fresh(t)
	writeTxtar(t, "testdata/app.txtar", dir)
	p := filepath.Join(dir, "node_modules/@wix/auto_sdk_groups_groups/build/es/index.d.mts")
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	done := make(chan *catalog.Catalog, 1)
	go func() {
		c, _ := ForApp(catalog.Default(), dir, dir)
		done <- c
	}()
	select {
	case c := <-done:
		if c.SDK("@wix/groups", "groups", "onGroupDeleted") == nil {
			t.Error("unreadable package: the catalog's entries were dropped")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ForApp blocked on a FIFO")
	}
}

// What the reader cannot see it must not take away: a namespace read with
// no events keeps the catalog's, and a package the catalog does not know,
// read with no events, stays unknown (not "known, without events").
func TestForAppKeepsWhatItCannotRead(t *testing.T) {
	dir := fresh(t)
	writeTxtar(t, "testdata/app.txtar", dir)
	write := func(p, s string) {
		p = filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// @wix/groups gains a `members` namespace whose declarations the
	// extractor does not understand; @wix/mystery is unknown and eventless.
	write("node_modules/@wix/groups/build/es/index.d.mts", "import * as g from '@wix/auto_sdk_groups_groups';\nexport { g as groups };\nimport * as m from '@wix/auto_sdk_groups_members';\nexport { m as members };\n")
	write("node_modules/@wix/auto_sdk_groups_members/package.json", `{"name": "@wix/auto_sdk_groups_members", "version": "9.0.1", "types": "index.d.ts"}`)
	write("node_modules/@wix/auto_sdk_groups_members/index.d.ts", "export const onMemberJoined = makeEvent('wix.groups.member_joined');\n")
	write("node_modules/@wix/mystery/package.json", `{"name": "@wix/mystery", "version": "0.1.0", "types": "index.d.ts"}`)
	write("node_modules/@wix/mystery/index.d.ts", "import * as things from '@wix/auto_sdk_mystery_things';\nexport { things };\n")
	write("node_modules/@wix/auto_sdk_mystery_things/package.json", `{"name": "@wix/auto_sdk_mystery_things", "version": "0.1.0", "types": "index.d.ts"}`)
	write("node_modules/@wix/auto_sdk_mystery_things/index.d.ts", "export const onThing = 1;\n")
	write("package.json", `{"dependencies": {"@wix/groups": "9", "@wix/mystery": "0.1"}}`)

	base := catalog.Default()
	members := base.SDKEvents("@wix/groups", "members")
	if len(members) == 0 {
		t.Fatal("the fixture assumes the catalog has @wix/groups members events")
	}
	c, err := ForApp(base, dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.SDK("@wix/groups", "groups", "onGroupTeleported") == nil {
		t.Fatal("the readable namespace was not merged")
	}
	for _, e := range members {
		got := c.SDK("@wix/groups", "members", e.Export)
		if got == nil {
			t.Errorf("members.%s: dropped although the installed namespace could not be read", e.Export)
			continue
		}
		if src := c.SourceOf(got); !strings.HasPrefix(src, "catalog ") || !strings.Contains(src, "declared none here") {
			t.Errorf("members.%s: source %q", e.Export, src)
		}
	}
	if m, ok := c.SDKModule("@wix/mystery"); ok {
		t.Errorf("SDKModule(@wix/mystery) = %+v: an unread package must stay unknown", m)
	}
}
