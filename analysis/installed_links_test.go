package analysis_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/analysis"
)

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
