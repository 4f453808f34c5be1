package lsp

// Hover in Wix CLI apps: an SDK event call (event type, payload, scopes,
// deprecation, docs), an imported namespace, an extension id (which
// extension, any conflict), a source (the resolved file), and a builder or
// its registration (the extension's summary).

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

func hoverCLI(s *Server, f *index.File, off int) (string, scan.Span, bool) {
	app := s.an.CLIApp(f.Path)
	if app == nil {
		return "", scan.Span{}, false
	}
	cat := app.Catalog()
	// An imported SDK namespace.
	for _, im := range f.Scan.Imports {
		pkg := analysis.SDKPackageOf(cat, im.Module)
		if pkg == "" {
			continue
		}
		for _, n := range im.Names {
			if n.Span.Contains(off) {
				if evs := cat.SDKEvents(pkg, n.Imported); len(evs) > 0 {
					return namespaceDoc(pkg, n.Imported, evs), n.Span, true
				}
			}
		}
	}
	switch f.Kind {
	case index.KindCLIHandler:
		h := app.Handlers[f.Path]
		if h == nil {
			break
		}
		for _, c := range h.Calls {
			if !c.Call.CalleeSpan.Contains(off) || c.Event == nil {
				continue
			}
			md := sdkDocFrom(cat, c.Event) + handlerLimitsDoc(app)
			if len(h.Builders) > 0 {
				var names []string
				for _, b := range h.Builders {
					names = append(names, fmt.Sprintf("`%s` (%s)", b.Name(), relPath(app.Root, b.File.Path)))
				}
				md += "\n\nHandler of the event extension " + strings.Join(names, ", ") + "."
			}
			return md, c.Call.CalleeSpan, true
		}
	case index.KindCLIBuilder:
		for _, b := range app.BuildersIn(f.Path) {
			switch {
			case b.ID.Present && b.ID.Span.Contains(off):
				return idDoc(app, b), b.ID.Span, true
			case b.Source.Present && b.Source.Span.Contains(off):
				return sourceDoc(app, b), b.Source.Span, true
			case b.Call.CalleeSpan.Contains(off):
				return builderDoc(app, b), b.Call.CalleeSpan, true
			}
		}
	case index.KindCLIRegistration:
		if u, sp := useAt(app, f, off); u != nil && u.Target != nil {
			return builderDoc(app, u.Target), sp, true
		}
	}
	return "", scan.Span{}, false
}

// useAt returns the registration's .use(x) argument or import of a builder
// under off, with the span hovered.
func useAt(app *analysis.CLIApp, f *index.File, off int) (*analysis.Use, scan.Span) {
	r := app.Registration
	if r == nil || r.File.Path != f.Path {
		return nil, scan.Span{}
	}
	for _, u := range r.Uses {
		if u.Span.Contains(off) {
			return u, u.Span
		}
		if im := u.Import; im != nil {
			if im.ModuleSpan.Contains(off) {
				return u, im.ModuleSpan
			}
			if im.DefaultSpan.Contains(off) && im.Default == u.Local {
				return u, im.DefaultSpan
			}
			for _, n := range im.Names {
				if n.Span.Contains(off) && n.Local == u.Local {
					return u, n.Span
				}
			}
		}
	}
	return nil, scan.Span{}
}

func relPath(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

func dirOf(p string) string { return filepath.Dir(p) }

// idDoc explains an extension id: whose it is, whether it is valid, and
// which other extensions share it.
func idDoc(app *analysis.CLIApp, b *analysis.Builder) string {
	var md strings.Builder
	fmt.Fprintf(&md, "**Extension id** of the %s extension `%s`\n\n", b.Kind, b.Name())
	switch {
	case !b.ID.Literal:
		md.WriteString("Not a string literal: the id must be written once, as a UUID v4 literal.\n\n")
	case analysis.ValidUUIDv4(b.ID.Str):
		fmt.Fprintf(&md, "`%s` — a valid UUID v4.\n\n", b.ID.Str)
	default:
		fmt.Fprintf(&md, "`%s` — **not a canonical UUID v4**.\n\n", b.ID.Str)
	}
	if b.ID.Literal {
		var others []string
		for _, o := range app.BuildersWithID(b.ID.Str) {
			if o != b {
				others = append(others, fmt.Sprintf("the %s extension `%s` (%s)", o.Kind, o.Name(), relPath(app.Root, o.File.Path)))
			}
		}
		if len(others) > 0 {
			md.WriteString("**Conflict**: also the id of " + strings.Join(others, ", ") + ". Ids must be unique across the app.\n\n")
		}
	}
	md.WriteString("Ids identify the extension across deploys; the CLI writes one with `crypto.randomUUID()`.")
	return md.String()
}

// sourceDoc explains where a builder's source leads.
func sourceDoc(app *analysis.CLIApp, b *analysis.Builder) string {
	var md strings.Builder
	md.WriteString("**Handler file** of the event extension `" + b.Name() + "` (resolved relative to `src/`)\n\n")
	switch b.SourceStatus {
	case analysis.SourceOK:
		fmt.Fprintf(&md, "→ `%s`", relPath(app.Root, b.SourcePath))
		if h := app.Handlers[b.SourcePath]; h != nil {
			if m := h.Main(); m != nil {
				md.WriteString(" — handles `" + m.Name() + "`")
				if m.Event != nil && m.Event.EventType != "" {
					md.WriteString(" (`" + m.Event.EventType + "`)")
				}
			} else {
				md.WriteString(" — no SDK event call")
			}
		}
	case analysis.SourceMissing:
		fmt.Fprintf(&md, "→ `%s`, which does not exist.", relPath(app.Root, b.SourcePath))
	case analysis.SourceOutside:
		md.WriteString("Leads outside the app; it is not read.")
	default:
		md.WriteString("Computed at build time; not resolved here.")
	}
	return md.String()
}

// builderDoc summarises an extension: kind, id, source and registration.
func builderDoc(app *analysis.CLIApp, b *analysis.Builder) string {
	var md strings.Builder
	fmt.Fprintf(&md, "**%s extension** `%s` — `%s`\n\n", b.Kind, b.Name(), relPath(app.Root, b.File.Path))
	if b.ID.Literal {
		fmt.Fprintf(&md, "- id: `%s`\n", b.ID.Str)
	}
	if b.Event() {
		switch b.SourceStatus {
		case analysis.SourceOK:
			line := fmt.Sprintf("- handler: `%s`", relPath(app.Root, b.SourcePath))
			if h := app.Handlers[b.SourcePath]; h != nil {
				if m := h.Main(); m != nil {
					line += " (`" + m.Name() + "`)"
				}
			}
			md.WriteString(line + "\n")
		case analysis.SourceMissing, analysis.SourceOutside:
			fmt.Fprintf(&md, "- handler: `%s` (missing)\n", b.Source.Str)
		}
	}
	switch {
	case len(b.Uses) > 0:
		md.WriteString("- registered in `src/extensions.ts`\n")
	case b.Export == "":
		md.WriteString("- **not exported**, so not registered\n")
	default:
		md.WriteString("- **not registered** in `src/extensions.ts`\n")
	}
	return strings.TrimSpace(md.String())
}
