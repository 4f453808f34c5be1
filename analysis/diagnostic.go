// Package analysis holds the rules that find what makes a Wix backend event
// silently not fire. Each rule is a small named unit with a stable code; the
// language server and the `check` command run the same rules, so the editor
// and CI never disagree.
//
// Rules work on byte spans of the index's files; converting to LSP positions
// happens once, in the caller, through textpos.
package analysis

import (
	"sort"

	"github.com/wix-events-ls/wix-events-ls/config"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// Severity uses the LSP numbering: 1 error … 4 hint.
type Severity int

// The four LSP severities.
const (
	SevError   Severity = 1
	SevWarning Severity = 2
	SevInfo    Severity = 3
	SevHint    Severity = 4
)

func (s Severity) String() string {
	switch s {
	case SevError:
		return "error"
	case SevWarning:
		return "warning"
	case SevInfo:
		return "info"
	case SevHint:
		return "hint"
	}
	return "unknown"
}

// Tag mirrors the LSP diagnostic tags.
type Tag int

// LSP diagnostic tags.
const (
	TagUnnecessary Tag = 1
	TagDeprecated  Tag = 2
)

// Edit replaces Span in the file at Path with NewText. Create asks for the
// file to be created first (it does not exist yet); edits in a created file
// use a zero span.
type Edit struct {
	Path    string
	Span    scan.Span
	NewText string
	Create  bool
}

// Fix is a quick fix: a titled set of edits the client applies.
type Fix struct {
	Title     string
	Preferred bool
	Edits     []Edit
}

// Related points at another place that explains a diagnostic (the first
// declaration of a duplicate).
type Related struct {
	Path    string
	Span    scan.Span
	Message string
}

// Diagnostic is one finding in one file.
type Diagnostic struct {
	Path     string
	Span     scan.Span
	Severity Severity
	Code     string
	Message  string
	Tags     []Tag
	Related  []Related
	Fixes    []Fix
	// Href is a documentation link for the code description.
	Href string
}

// Rule describes one diagnostic code: its default severity and what it means.
type Rule struct {
	Code     string
	Default  Severity
	Summary  string
	HelpText string
}

// Rules lists every diagnostic code the analysis can report, in a stable
// order. README's rule table and SARIF's rule list are built from it.
var Rules = []Rule{
	{"unknown-handler", SevWarning, "Handler name is not a known Wix event", "An export shaped like an event handler whose name is not in the catalog: Wix calls handlers only by their exact <modulePrefix>_<eventName>."},
	{"duplicate-handler", SevError, "The same handler is exported twice", "A handler exported twice in one file, or in two events.js files of one site: only one of them can run."},
	{"unsupported-export", SevError, "Export form Wix never calls", "Functions imported from an npm or Velo package and re-exported, dynamic exports, functions taken from objects, CommonJS exports, and exports nested in a block are never called as event handlers (error). A CommonJS tail re-exporting handlers the file already exports is reported once, as a warning. Re-exports from the site's own modules (`export * from './x'`, `export { h } from 'backend/x'`) are ES module forms the docs support: not reported, and the handlers they reach are checked where they are declared."},
	{"deprecated-event", SevWarning, "Deprecated event", "The event is deprecated. A Velo event stops firing at the removal date its docs page gives (then removed-event). An SDK event's typings give only a target removal date, which Wix has moved before: past it the warning says Wix may stop calling the handler at any time."},
	{"removed-event", SevError, "Removed event", "The event's removal date has passed: Wix no longer calls the handler. Compared with the clock at check time; the quick fix migrates to the replacement where the docs name one."},
	{"data-hook-in-events", SevWarning, "Data hook in events.js", "Data hooks (<Collection>_beforeInsert …) only run from backend/data.js."},
	{"sdk-registration-in-site", SevWarning, "SDK event registration in a site's events.js", "Sites handle backend events with Velo handler exports; ns.onX(...) registrations in events.js never run."},
	{"unknown-payload-field", SevWarning, "Read of a field the event does not carry", "The handler reads a path its event's payload certainly lacks (per the event's typings), so the value is always undefined and the handler silently does nothing."},
	{"handler-outside-events", SevWarning, "Event handler outside events.js", "Wix calls event handlers only from backend/events.js."},
	{"syntax-error", SevError, "Syntax error", "The file does not parse, so none of its handlers can run. Knock-on errors (a name redeclared again and again, redeclarations after the first error) are left out."},
	{"syntax-not-checked", SevInfo, "Nesting too deep (or too many tokens) to syntax-check", "The file nests deeper than real code does (thousands of brackets, operators or statements inside each other), or has more tokens than a parse should take memory for (over 400,000); esbuild would exhaust its stack or take hundreds of MB, so its syntax is not checked."},
	{"invalid-extension-id", SevError, "Invalid extension id", "An event extension's id must be a static, canonical UUID v4 string literal."},
	{"duplicate-extension-id", SevError, "Duplicate extension id", "Extension ids must be unique across an app."},
	{"duplicate-event-handler", SevError, "Two extensions handle the same event", "An app may have only one handler per event. In a Studio Two site project, whose docs do not state the rule, a warning."},
	{"missing-source", SevError, "Extension source names no file", "`source` is resolved relative to src/ and must name the handler file."},
	{"unregistered-extension", SevError, "Extension is not registered", "An extension that src/extensions.ts never registers (app().use(…) or export default { extensions: [ … ] }), or lists in a form the build does not read, is inactive. As a warning: a legacy Wix CLI for Apps event.ts in a project built with newer tooling, or an event call outside <name>/event.ts in a legacy Wix CLI for Apps project."},
	{"missing-default-export", SevError, "Event call is not the default export", "With the Wix CLI (@wix/astro) and @wix/custom-extensions, the handler's event call must be the file's default export; the legacy Wix CLI for Apps' event.ts needs none."},
	{"unknown-sdk-module", SevError, "Unknown SDK module", "An import path that cannot resolve (a subpath the installed package does not export, an /events subpath) is an error; a @wix package neither in the catalog nor installed is a warning saying how to make its events known."},
	{"unknown-sdk-event", SevError, "Unknown SDK event", "An event missing from a namespace whose event list is known (in the catalog, or the package installed) is an error; a namespace the catalog does not have, of a package not installed, a warning."},
	{"handler-not-event", SevError, "Handler file has no event call", "An event extension's handler file must default-export an SDK event call."},
	{"invalid-extension-folder", SevError, "Invalid extension folder name", "Extension folder names must match ^[a-z0-9-]+$."},
	{"needs-elevation", SevWarning, "Wix API call needs elevation in an event handler", "An event handler runs without a visitor, member or Wix app identity: a Wix API method that the typings or its docs page restrict to some identities fails with 403 Forbidden unless the call is elevated (auth.elevate from @wix/essentials, elevate from wix-auth)."},
	{"sub-requests-in-loop", SevInfo, "A Wix API call once per item of an unbounded collection", "CLI backend extensions, event handlers among them, may make 20 sub-requests (calls to Wix APIs) per request: a call inside a loop over a collection the code does not bound exceeds it past 20 items. Not reported in a Studio Two site project: Studio Two's documented backend limits name no sub-request limit."},
	{"invalid-config", SevError, "Invalid configuration", "The .wix-events.json file could not be read."},
}

// RuleByCode returns the rule with code, or false.
func RuleByCode(code string) (Rule, bool) {
	for _, r := range Rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// ApplySeverity sets each diagnostic's severity from the configuration (or
// the rule's default) and drops those turned off. Diagnostics come back
// sorted by position, then code, so output is stable.
func ApplySeverity(ds []Diagnostic, cfg config.Config) []Diagnostic {
	out := ds[:0]
	for _, d := range ds {
		lvl, ok := cfg.Severity[d.Code]
		if !ok {
			if d.Severity == 0 {
				r, _ := RuleByCode(d.Code)
				d.Severity = r.Default
			}
			out = append(out, d)
			continue
		}
		switch lvl {
		case config.Off:
			continue
		case config.Hint:
			d.Severity = SevHint
		case config.Info:
			d.Severity = SevInfo
		case config.Warning:
			d.Severity = SevWarning
		case config.Error:
			d.Severity = SevError
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Code < b.Code
	})
	return out
}

// diag builds a diagnostic with its rule's default severity.
func diag(path string, span scan.Span, code, msg string) Diagnostic {
	r, _ := RuleByCode(code)
	return Diagnostic{Path: path, Span: span, Severity: r.Default, Code: code, Message: msg}
}
