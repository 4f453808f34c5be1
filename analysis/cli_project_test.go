package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// TestCLIAncestorManifestInsideWorkspace: the package.json files above an
// app are read only inside the workspace root: one above the root, or a
// link leading out of it, declares nothing. The same archive rooted one
// folder up reads the outer package.json (the control: the warning is
// there), so the test can fail.
func TestCLIAncestorManifestInsideWorkspace(t *testing.T) {
	ar := txtar.Parse([]byte(`
-- package.json --
{"name": "outside", "devDependencies": {"@wix/astro": "^2.74.0"}}
-- outer.json --
{"name": "linked", "devDependencies": {"@wix/astro": "^2.74.0"}}
-- ws/packages/app/package.json --
{"name": "app"}
-- ws/packages/app/src/extensions.ts --
import { app } from '@wix/astro/builders';
import x from './extensions/backend/events/x/x.extension.ts';
export default app().use(x);
-- ws/packages/app/src/extensions/backend/events/x/x.extension.ts --
import { extensions } from '@wix/astro/builders';
export default extensions.event({ id: '60000000-0000-4000-8000-000000000001', source: './extensions/backend/events/x/x.ts' });
-- ws/packages/app/src/extensions/backend/events/x/x.ts --
import { contacts } from '@wix/crm';
export default contacts.onContactCreated(() => {});
-- ws/packages/app/src/backend/events/old/event.ts --
import { contacts } from '@wix/crm';
contacts.onContactDeleted(() => {});
`))
	w := loadArchive(t, ar)
	if err := os.Symlink(filepath.Join(w.dir, "outer.json"), filepath.Join(w.dir, "ws", "packages", "package.json")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	legacy := filepath.Join(w.dir, "ws/packages/app/src/backend/events/old/event.ts")
	codes := func(root string) []string {
		ws := index.New(index.Options{KeepCall: analysis.KeepCall})
		ws.AddRoot(root)
		if _, err := ws.Walk(context.Background(), root, nil); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range analysis.New(ws).File(ws.File(legacy)) {
			out = append(out, d.Code)
		}
		return out
	}
	if got := codes(filepath.Join(w.dir, "ws")); len(got) != 0 {
		t.Errorf("rooted at ws/: a package.json outside the root (or linked from outside) was read: %v", got)
	}
	if got := codes(w.dir); len(got) != 1 || got[0] != "unregistered-extension" {
		t.Errorf("rooted above: the root's package.json declares @wix/astro, want one unregistered-extension, got %v", got)
	}
}

// TestInstalledPackageLinks: an installed package reached through a link
// (pnpm links every package from node_modules/.pnpm) is read when the link
// stays in the workspace, and treated as not installed when it leads out of
// it: the analysis never reads a file outside the workspace. The imports
// tell which: a subpath the installed exports map lacks is an error when the
// package was read (silent when not installed: older versions had other
// subpaths), and a package neither in the catalog nor installed gets a
// warning to install the dependencies.
func TestInstalledPackageLinks(t *testing.T) {
	ar := txtar.Parse([]byte(`
-- app/package.json --
{"dependencies": {"@wix/astro": "^2.74.0", "@wix/zz-fixture-linked": "^1.0.0"}}
-- app/src/extensions.ts --
import { app } from '@wix/astro/builders';
import x from './extensions/backend/events/x/x.extension.ts';
import y from './extensions/backend/events/y/y.extension.ts';
export default app().use(x).use(y);
-- app/src/extensions/backend/events/x/x.extension.ts --
import { extensions } from '@wix/astro/builders';
export default extensions.event({ id: '50000000-0000-4000-8000-000000000031', source: './extensions/backend/events/x/x.ts' });
-- app/src/extensions/backend/events/x/x.ts --
import { things } from '@wix/zz-fixture-linked/server';
export default things.onThingCreated(() => {});
-- app/src/extensions/backend/events/y/y.extension.ts --
import { extensions } from '@wix/astro/builders';
export default extensions.event({ id: '50000000-0000-4000-8000-000000000032', source: './extensions/backend/events/y/y.ts' });
-- app/src/extensions/backend/events/y/y.ts --
import { things } from '@wix/zz-fixture-linked';
export default things.onThingUpdated(() => {});
-- store/zz-fixture-linked@1.0.0/package.json --
{"name": "@wix/zz-fixture-linked", "version": "1.0.0", "exports": {".": "./index.mjs", "./context": "./context.mjs"}}
`))
	outside := t.TempDir()
	pkgJSON := `{"name": "@wix/zz-fixture-linked", "version": "1.0.0", "exports": {".": "./index.mjs", "./context": "./context.mjs"}}`
	if err := os.WriteFile(filepath.Join(outside, "package.json"), []byte(pkgJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		target func(dir string) string
		want   string // file: severity of its unknown-sdk-module
	}{
		{"link inside the workspace (pnpm)", func(dir string) string { return filepath.Join(dir, "store", "zz-fixture-linked@1.0.0") }, "x.ts:error"},
		{"link out of the workspace", func(string) string { return outside }, "y.ts:warning"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := loadArchive(t, ar)
			scope := filepath.Join(w.dir, "app", "node_modules", "@wix")
			if err := os.MkdirAll(scope, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(tc.target(w.dir), filepath.Join(scope, "zz-fixture-linked")); err != nil {
				t.Skip("symlinks:", err)
			}
			w.index(t)
			an := analysis.New(w.ws)
			var got []string
			for _, name := range []string{"x", "y"} {
				h := w.ws.File(filepath.Join(w.dir, "app/src/extensions/backend/events", name, name+".ts"))
				for _, d := range an.File(h) {
					if d.Code == "unknown-sdk-module" {
						got = append(got, filepath.Base(d.Path)+":"+d.Severity.String())
					}
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("unknown-sdk-module: got %v, want [%s]", got, tc.want)
			}
		})
	}
}
