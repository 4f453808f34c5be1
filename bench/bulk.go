package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

// bulkExtensions is the size of the branch-switch benchmark's app.
const bulkExtensions = 1000

// bulkChanges measures what a branch switch does to the server: thousands
// of watched-file events in one notification. An app of 1,000 event
// extensions appears (2,002 files created), goes (2,000 files deleted and
// src/extensions.ts changed: 2,001 events), and comes back together with
// 3,000 changed files elsewhere (a checkout touching 5,002 files). For
// each: the time to the answer of a hover sent right after the
// notification, and to the last publish of the burst. Targets (issue 21):
// the request < 200 ms, the diagnostics settled < 2 s.
func bulkChanges(ctx context.Context, cfg config, c *client, ws *genws.Result, rep *report) error {
	n := bulkExtensions
	if cfg.short {
		n = 200
	}
	app := filepath.Join(ws.Root, "apps", "bulk-app")
	files, registry := writeBulkApp(app, n)
	if len(files) == 0 {
		return fmt.Errorf("could not write the bulk app under %s", app)
	}
	b, err := os.ReadFile(ws.BigEvents)
	if err != nil {
		return err
	}
	hoverAt := textpos.NewMapper(string(b)).Position(strings.Index(string(b), "export function ")+len("export function "), textpos.UTF16)
	hover := &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(ws.BigEvents)},
		Position:     protocol.Position{Line: hoverAt.Line, Character: hoverAt.Character}}}

	events := func(paths []string, typ protocol.FileChangeType) []protocol.FileEvent {
		out := make([]protocol.FileEvent, 0, len(paths))
		for _, p := range paths {
			out = append(out, protocol.FileEvent{URI: uri.File(p), Type: typ})
		}
		return out
	}
	// measure sends evs, then a hover; settled is when every file in
	// expect was published after the notification and no publish came for
	// 500 ms.
	measure := func(name string, evs []protocol.FileEvent, expect []string) error {
		fmt.Fprintf(os.Stderr, "bench: %s (%d events)\n", name, len(evs))
		t := time.Now()
		if err := c.server.DidChangeWatchedFiles(ctx, &protocol.DidChangeWatchedFilesParams{Changes: evs}); err != nil {
			return err
		}
		if _, err := c.server.Hover(ctx, hover); err != nil {
			return fmt.Errorf("hover after %s: %w", name, err)
		}
		answered := time.Since(t)
		want := map[uri.URI]bool{}
		for _, p := range expect {
			want[uri.File(p)] = true
		}
		if !c.waitFor(2*time.Minute, func() bool {
			seen := map[uri.URI]bool{}
			for i := len(c.publishes) - 1; i >= 0 && !c.publishes[i].at.Before(t); i-- {
				if u := c.publishes[i].uri; want[u] {
					seen[u] = true
				}
			}
			return len(seen) == len(want)
		}) {
			return fmt.Errorf("%s: not every changed file was published within 2 minutes", name)
		}
		settled := settle(c, t)
		rep.add(fmt.Sprintf("%s (%d events): next request answered / diagnostics settled", name, len(evs)),
			ms(answered)+" / "+ms(settled), "", "", "< 200 ms / < 2 s", flagp(answered < 200*time.Millisecond && settled < 2*time.Second))
		return nil
	}

	// The app appears.
	created := append(append([]string{}, files...), registry, filepath.Join(app, "package.json"))
	if err := measure(fmt.Sprintf("branch switch: an app of %d extensions created", n), events(created, protocol.FileChangeTypeCreated), files); err != nil {
		return err
	}
	// It goes: every extension folder deleted, the registry emptied.
	saved := map[string][]byte{}
	for _, p := range files {
		saved[p], _ = os.ReadFile(p)
	}
	regText, _ := os.ReadFile(registry)
	if err := os.RemoveAll(filepath.Join(app, "src", "extensions", "backend")); err != nil {
		return err
	}
	if err := os.WriteFile(registry, []byte("import { app } from '@wix/astro/builders';\n\nexport default app();\n"), 0o644); err != nil {
		return err
	}
	evs := append(events(files, protocol.FileChangeTypeDeleted), protocol.FileEvent{URI: uri.File(registry), Type: protocol.FileChangeTypeChanged})
	if err := measure(fmt.Sprintf("branch switch: %d extension folders deleted", n), evs, files); err != nil {
		return err
	}
	// A checkout: they come back, and 3,000 other files change.
	for p, b := range saved {
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	_ = os.WriteFile(registry, regText, 0o644)
	var changed []string
	originals := map[string][]byte{}
	defer func() {
		// Leave the workspace as it was, for the warm restart after.
		for p, b := range originals {
			_ = os.WriteFile(p, b, 0o644)
		}
		_ = os.RemoveAll(app)
	}()
	for _, p := range ws.Relevant {
		if len(changed) == 5000-len(files)-1 {
			break
		}
		if p == ws.BigEvents || strings.HasPrefix(p, app) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		originals[p] = b
		if f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0); err == nil {
			_, _ = f.WriteString("// checked out\n")
			f.Close()
			changed = append(changed, p)
		}
	}
	evs = append(events(files, protocol.FileChangeTypeCreated), events(append(changed, registry), protocol.FileChangeTypeChanged)...)
	if err := measure("git checkout: the extensions back and other files changed", evs, append(append([]string{}, files...), changed...)); err != nil {
		return err
	}
	return nil
}

// writeBulkApp writes a Wix CLI app with n event extensions (a builder
// and a handler each, all registered) and returns the extensions' files
// and the registry (src/extensions.ts).
func writeBulkApp(app string, n int) (files []string, registry string) {
	var sdk []*catalog.SDKEvent
	for _, e := range catalog.Default().AllSDKEvents() {
		if !e.Deprecated && e.ImportPath != "" {
			sdk = append(sdk, e)
		}
	}
	write := func(rel, text string) string {
		p := filepath.Join(app, filepath.FromSlash(rel))
		if os.MkdirAll(filepath.Dir(p), 0o755) != nil || os.WriteFile(p, []byte(text), 0o644) != nil {
			return ""
		}
		return p
	}
	if write("package.json", `{"name": "bulk-app", "dependencies": {"@wix/astro": "^2.74.0"}}`+"\n") == "" {
		return nil, ""
	}
	var imports, uses []string
	for k := 0; k < n; k++ {
		e := sdk[k%len(sdk)]
		folder := fmt.Sprintf("ext-%04d", k)
		dir := "src/extensions/backend/events/" + folder + "/"
		files = append(files,
			write(dir+folder+".extension.ts", fmt.Sprintf("import { extensions } from '@wix/astro/builders';\n\nexport default extensions.event({\n  id: '%08x-0000-4000-8000-%012x',\n  source: './extensions/backend/events/%s/%s.ts',\n});\n", k, k, folder, folder)),
			write(dir+folder+".ts", fmt.Sprintf("import { %s } from '%s';\n\nexport default %s.%s((event) => {\n  console.log(event.metadata.entityId);\n});\n", e.Namespace, e.ImportPath, e.Namespace, e.Export)))
		imports = append(imports, fmt.Sprintf("import ev%d from './extensions/backend/events/%s/%s.extension.ts';", k, folder, folder))
		uses = append(uses, fmt.Sprintf("  .use(ev%d)", k))
	}
	registry = write("src/extensions.ts", "import { app } from '@wix/astro/builders';\n"+strings.Join(imports, "\n")+"\n\nexport default app()\n"+strings.Join(uses, "\n")+";\n")
	return files, registry
}
