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
