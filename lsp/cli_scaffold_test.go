package lsp

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// applyWorkspaceEdit applies a workspace edit to disk as an editor would:
// create operations first, then each document's edits (all relative to the
// document before them, so applied from the end).
func applyWorkspaceEdit(t *testing.T, we *protocol.WorkspaceEdit) []string {
	t.Helper()
	var touched []string
	apply := func(u uri.URI, edits []protocol.TextEdit) {
		p, ok := filePath(u)
		if !ok {
			t.Fatalf("edit of a non-file URI %s", u)
		}
		touched = append(touched, p)
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		text := string(b)
		sort.SliceStable(edits, func(i, j int) bool {
			a, b := edits[i].Range.Start, edits[j].Range.Start
			return a.Line > b.Line || a.Line == b.Line && a.Character > b.Character
		})
		for _, e := range edits {
			r := textpos.Range{Start: textpos.Position{Line: e.Range.Start.Line, Character: e.Range.Start.Character},
				End: textpos.Position{Line: e.Range.End.Line, Character: e.Range.End.Character}}
			text, err = textpos.Apply(text, []textpos.Change{{Range: &r, Text: e.NewText}}, textpos.UTF16)
			if err != nil {
				t.Fatalf("applying %+v to %s: %v", e, p, err)
			}
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, dc := range we.DocumentChanges {
		if c, ok := dc.(*protocol.CreateFile); ok {
			p, _ := filePath(c.URI)
			if _, err := os.Stat(p); err == nil {
				t.Fatalf("the edit creates %s, which exists", p)
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, dc := range we.DocumentChanges {
		if te, ok := dc.(*protocol.TextDocumentEdit); ok {
			var edits []protocol.TextEdit
			for _, el := range te.Edits {
				switch e := el.(type) {
				case *protocol.TextEdit:
					edits = append(edits, *e)
				case *protocol.AnnotatedTextEdit:
					edits = append(edits, e.TextEdit)
				}
			}
			apply(te.TextDocument.URI, edits)
		}
	}
	for u, edits := range we.Changes {
		apply(u, edits)
	}
	return touched
}

// checkClean runs what `check` runs (every rule and the syntax check) over
// a fresh index of dir and fails on any diagnostic.
func checkClean(t *testing.T, dir string) {
	t.Helper()
	ws := index.New(index.Options{})
	ws.AddRoot(dir)
	if _, err := ws.Walk(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	an := analysis.New(ws)
	n := 0
	for _, f := range ws.Files() {
		n++
		ds := append(an.File(f), analysis.SyntaxCheck(f)...)
		for _, d := range ds {
			t.Errorf("%s: %s: %s", f.Rel, d.Code, d.Message)
		}
	}
	if n == 0 {
		t.Fatal("nothing indexed")
	}
}

func runNewExtension(t *testing.T, c *testClient, args map[string]string) (*protocol.WorkspaceEdit, error) {
	t.Helper()
	b, _ := json.Marshal(args)
	res, err := c.server.ExecuteCommand(context.Background(), &protocol.ExecuteCommandParams{
		Command: CommandNewEventExtension, Arguments: []protocol.LSPAny{b},
	})
	if err != nil {
		return nil, err
	}
	var we protocol.WorkspaceEdit
	if err := protocol.Unmarshal(res, &we); err != nil {
		t.Fatalf("decoding the edit: %v\n%s", err, res)
	}
	return &we, nil
}

const scaffoldHandler = "import { contacts } from '@wix/crm';\n\nexport default contacts.onContactCreated((event) => {\n  console.log(event);\n});\n"

func TestNewEventExtensionAppliedIsClean(t *testing.T) {
	cases := map[string]map[string]string{
		"existing registration": {
			"app/package.json": `{"name": "app", "dependencies": {"@wix/astro": "^2.74.0", "@wix/crm": "^1.0.0"}}`,
			"app/src/extensions.ts": "import { app } from '@wix/astro/builders';\n" +
				"import contactCreated from './extensions/backend/events/contact-created/contact-created.extension.ts';\n\n" +
				"export default app()\n  .use(contactCreated);\n",
			"app/src/extensions/backend/events/contact-created/contact-created.extension.ts": "import { extensions } from '@wix/astro/builders';\n\n" +
				"export default extensions.event({\n  id: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b',\n  source: './extensions/backend/events/contact-created/contact-created.ts',\n});\n",
			"app/src/extensions/backend/events/contact-created/contact-created.ts": scaffoldHandler,
		},
		"no registration yet": {
			"app/package.json":         `{"name": "app"}`,
			"app/src/env.d.ts":         "/// <reference types=\"@wix/astro\" />\n",
			"app/src/pages/index.ts":   "export const x = 1;\n",
			"other/package.json":       `{"name": "not-an-app"}`,
			"other/README.md":          "no src folder\n",
			"app/wix.config.json":      `{"appId": "00000000-0000-4000-8000-000000000000"}`,
			"app/src/backend/utils.ts": "export const y = 2;\n",
		},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writeTree(t, files)
			c := startServer(t)
			c.initialize(dir, nil)
			if _, ok := files["app/src/extensions.ts"]; ok {
				// Diagnostics of a file nobody opened come after the walk.
				c.waitDiags(uri.File(filepath.Join(dir, "app/src/extensions.ts")), func([]protocol.Diagnostic) bool { return true })
			}
			app := filepath.Join(dir, "app")
			we, err := runNewExtension(t, c, map[string]string{
				"package": "@wix/crm", "namespace": "contacts", "export": "onContactUpdated", "folder": "contact-updated",
				"root": string(uri.File(app)),
			})
			if err != nil {
				t.Fatal(err)
			}
			touched := applyWorkspaceEdit(t, we)
			var rels []string
			for _, p := range touched {
				rels = append(rels, relPath(dir, p))
			}
			sort.Strings(rels)
			want := []string{
				"app/src/extensions.ts",
				"app/src/extensions/backend/events/contact-updated/contact-updated.extension.ts",
				"app/src/extensions/backend/events/contact-updated/contact-updated.ts",
			}
			if strings.Join(rels, "\n") != strings.Join(want, "\n") {
				t.Errorf("touched %q, want %q", rels, want)
			}
			for _, r := range want {
				b, _ := os.ReadFile(filepath.Join(dir, r))
				t.Logf("%s:\n%s", r, b)
			}
			b, _ := os.ReadFile(filepath.Join(app, "src/extensions/backend/events/contact-updated/contact-updated.ts"))
			if !strings.Contains(string(b), "export default contacts.onContactUpdated(") {
				t.Errorf("handler:\n%s", b)
			}
			checkClean(t, dir)
		})
	}
}

func TestNewEventExtensionErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app/package.json": `{"name": "app"}`,
		"app/src/extensions.ts": "import { app } from '@wix/astro/builders';\n" +
			"import contactCreated from './extensions/backend/events/contact-created/contact-created.extension.ts';\n\n" +
			"export default app().use(contactCreated);\n",
		"app/src/extensions/backend/events/contact-created/contact-created.extension.ts": "import { extensions } from '@wix/astro/builders';\n\n" +
			"export default extensions.event({\n  id: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b',\n  source: './extensions/backend/events/contact-created/contact-created.ts',\n});\n",
		"app/src/extensions/backend/events/contact-created/contact-created.ts": scaffoldHandler,
	})
	c := startServer(t)
	c.initialize(dir, nil)
	c.waitDiags(uri.File(filepath.Join(dir, "app/src/extensions.ts")), func([]protocol.Diagnostic) bool { return true })
	for _, tc := range []struct {
		args map[string]string
		want string
	}{
		{map[string]string{"package": "@wix/crm", "namespace": "contacts", "export": "onContactUpdated", "folder": "Contact_Updated"}, "must match"},
		{map[string]string{"package": "@wix/crm", "namespace": "contacts", "export": "onContactUpdatd", "folder": "x"}, "did you mean @wix/crm contacts.onContactUpdated"},
		{map[string]string{"package": "@wix/crm", "namespace": "contacts", "export": "onContactDeleted", "folder": "contact-created"}, "already exists"},
		{map[string]string{"package": "@wix/crm", "namespace": "contacts", "export": "onContactCreated", "folder": "again"}, "already handles"},
		{map[string]string{"package": "@wix/crm"}, "package, namespace and export"},
	} {
		_, err := runNewExtension(t, c, tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one containing %q", tc.args, err, tc.want)
		}
	}
	// Without root, the workspace's only app is used.
	we, err := runNewExtension(t, c, map[string]string{"package": "@wix/ecom", "namespace": "orders", "export": "onOrderApproved", "folder": "order-approved"})
	if err != nil {
		t.Fatal(err)
	}
	applyWorkspaceEdit(t, we)
	checkClean(t, dir)
}

// TestNewEventExtensionStudioTwo: in a Studio Two site project (an export's
// packages/site-code) with no builder yet, the new builder imports
// @wix/custom-extensions, as the project's declared tooling says; and a
// second handler of an event is not refused there (the one-handler rule is
// documented for apps; duplicate-event-handler warns instead).
func TestNewEventExtensionStudioTwo(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"package.json":                    `{"name": "exported-site", "private": true, "workspaces": ["packages/*"]}`,
		"packages/site-app/package.json":  `{"name": "site-app"}`,
		"packages/site-code/package.json": `{"name": "site-code", "dependencies": {"@wix/custom-extensions": "^1.0.0", "@wix/crm": "^1.0.0"}}`,
		"packages/site-code/src/extensions.ts": "import { app } from '@wix/custom-extensions';\n\n" +
			"export default app();\n",
	})
	c := startServer(t)
	c.initialize(dir, nil)
	c.waitDiags(uri.File(filepath.Join(dir, "packages/site-code/src/extensions.ts")), func([]protocol.Diagnostic) bool { return true })
	args := map[string]string{"package": "@wix/crm", "namespace": "contacts", "export": "onContactCreated", "folder": "contact-created"}
	we, err := runNewExtension(t, c, args)
	if err != nil {
		t.Fatal(err)
	}
	applyWorkspaceEdit(t, we)
	b, err := os.ReadFile(filepath.Join(dir, "packages/site-code/src/extensions/backend/events/contact-created/contact-created.extension.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "from '@wix/custom-extensions'") {
		t.Errorf("the builder does not import @wix/custom-extensions:\n%s", b)
	}
	// A second handler of the event, in a tree that has the first one.
	dir2 := writeTree(t, map[string]string{
		"package.json":                    `{"name": "exported-site", "private": true, "workspaces": ["packages/*"]}`,
		"packages/site-app/package.json":  `{"name": "site-app"}`,
		"packages/site-code/package.json": `{"name": "site-code", "dependencies": {"@wix/custom-extensions": "^1.0.0", "@wix/crm": "^1.0.0"}}`,
		"packages/site-code/src/extensions.ts": "import { app } from '@wix/custom-extensions';\n" +
			"import contactCreated from './extensions/backend/events/contact-created/contact-created.extension.ts';\n\n" +
			"export default app().use(contactCreated);\n",
		"packages/site-code/src/extensions/backend/events/contact-created/contact-created.extension.ts": "import { extensions } from '@wix/custom-extensions';\n\n" +
			"export default extensions.event({\n  id: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b',\n  source: './extensions/backend/events/contact-created/contact-created.ts',\n});\n",
		"packages/site-code/src/extensions/backend/events/contact-created/contact-created.ts": scaffoldHandler,
	})
	c2 := startServer(t)
	c2.initialize(dir2, nil)
	c2.waitDiags(uri.File(filepath.Join(dir2, "packages/site-code/src/extensions.ts")), func([]protocol.Diagnostic) bool { return true })
	args["folder"] = "again"
	if _, err := runNewExtension(t, c2, args); err != nil {
		t.Errorf("a second handler of an event refused in a Studio Two site project: %v", err)
	}
}
