package analysis_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/analysis"
)

// TestCLIModelCacheSeesDisk: a source naming a file the index does not
// hold (outside the events folders) is checked on disk; deleting or
// creating that file changes no generation of the workspace, yet the
// diagnostics follow it.
func TestCLIModelCacheSeesDisk(t *testing.T) {
	ar := txtar.Parse([]byte(`
-- app/package.json --
{}
-- app/src/extensions.ts --
import { app } from '@wix/astro/builders';
import x from './extensions/backend/events/x/x.extension.ts';
export default app().use(x);
-- app/src/extensions/backend/events/x/x.extension.ts --
import { extensions } from '@wix/astro/builders';
export default extensions.event({ id: '50000000-0000-4000-8000-000000000001', source: './lib/handler.ts' });
-- app/src/lib/handler.ts --
import { contacts } from '@wix/crm';
export default contacts.onContactCreated(() => {});
`))
	w := loadArchive(t, ar)
	an := analysis.New(w.ws)
	builder := w.ws.File(filepath.Join(w.dir, "app/src/extensions/backend/events/x/x.extension.ts"))
	codes := func() []string {
		var out []string
		for _, d := range an.File(builder) {
			out = append(out, d.Code)
		}
		return out
	}
	if got := codes(); len(got) != 0 {
		t.Fatalf("with the handler on disk: %v", got)
	}
	handler := filepath.Join(w.dir, "app/src/lib/handler.ts")
	if err := os.Remove(handler); err != nil {
		t.Fatal(err)
	}
	if got := codes(); len(got) != 1 || got[0] != "missing-source" {
		t.Fatalf("after deleting the handler: %v", got)
	}
	if err := os.WriteFile(handler, []byte("export default 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := codes(); len(got) != 0 {
		t.Fatalf("after restoring the handler: %v", got)
	}
}

// TestCLIShimTargetFollowsDisk: a shim's target outside the events folders
// is read from disk; editing it changes no generation of the workspace,
// yet the shim's diagnostics follow it (the model records the target's
// version and is rebuilt when it changes).
func TestCLIShimTargetFollowsDisk(t *testing.T) {
	ar := txtar.Parse([]byte(`
-- app/package.json --
{"dependencies": {"@wix/astro": "^2.74.0"}}
-- app/src/extensions.ts --
import { app } from '@wix/astro/builders';
import x from './extensions/backend/events/x/x.extension.ts';
export default app().use(x);
-- app/src/extensions/backend/events/x/x.extension.ts --
import { extensions } from '@wix/astro/builders';
export default extensions.event({ id: '50000000-0000-4000-8000-000000000002', source: './extensions/backend/events/x/x.ts' });
-- app/src/extensions/backend/events/x/x.ts --
export { default } from '../../../../lib/handler';
-- app/src/lib/handler.ts --
import { contacts } from '@wix/crm';
export default contacts.onContactCreated(() => {});
`))
	w := loadArchive(t, ar)
	an := analysis.New(w.ws)
	shim := w.ws.File(filepath.Join(w.dir, "app/src/extensions/backend/events/x/x.ts"))
	codes := func() []string {
		var out []string
		for _, d := range an.File(shim) {
			out = append(out, d.Code)
		}
		return out
	}
	if got := codes(); len(got) != 0 {
		t.Fatalf("with the event call the default export: %v", got)
	}
	handler := filepath.Join(w.dir, "app/src/lib/handler.ts")
	// A different size, so the version differs even on a coarse clock.
	if err := os.WriteFile(handler, []byte("import { contacts } from '@wix/crm';\ncontacts.onContactCreated(() => {});\nexport default function () {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := codes(); len(got) != 1 || got[0] != "missing-default-export" {
		t.Fatalf("after moving the default export away: %v", got)
	}
	if err := os.WriteFile(handler, []byte("export default 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := codes(); len(got) != 1 || got[0] != "handler-not-event" {
		t.Fatalf("after removing the event call: %v", got)
	}
}
