package analysis

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// HandlerShaped reports whether an export name looks like a Velo event
// handler: <prefix>_on<Event>, any wix…_… name, or a near miss of a known
// module prefix. Plain helpers (formatPrice, get_items) are not handler
// shaped, so they never get an unknown-handler warning.
func HandlerShaped(cat *catalog.Catalog, name string) bool {
	i := strings.IndexByte(name, '_')
	if i <= 0 || i == len(name)-1 {
		return false
	}
	prefix, event := name[:i], name[i+1:]
	if strings.HasPrefix(strings.ToLower(prefix), "wix") {
		return true
	}
	if len(event) > 2 && strings.HasPrefix(event, "on") && unicode.IsUpper(rune(event[2])) {
		return true
	}
	lp := strings.ToLower(prefix)
	for _, p := range cat.Prefixes() {
		if d := editDistance(lp, strings.ToLower(p)); d <= 2 && len(prefix) >= 4 {
			return true
		}
		// "members_" for "wixMembers_": the prefix without its "wix".
		if strings.EqualFold(prefix, strings.TrimPrefix(p, "wix")) {
			return true
		}
	}
	return false
}

// dataHook reports whether name is a data hook (<Collection>_<hook>).
func dataHook(name string) bool {
	i := strings.LastIndexByte(name, '_')
	return i > 0 && catalog.IsDataHookSuffix(name[i+1:])
}

// runtimeExport reports whether an export creates a runtime binding Wix
// could call (TypeScript type exports and `export default` cannot be
// handlers).
func runtimeExport(e scan.Export) bool {
	return e.Form != scan.FormType && e.Form != scan.FormDefault && e.Name != "*"
}

// supportedForm reports whether Wix calls a handler exported in this form:
// function declarations and const function/arrow expressions only.
func supportedForm(e scan.Export) bool {
	switch e.Form {
	case scan.FormFunction, scan.FormAsyncFunction, scan.FormConstArrow, scan.FormConstFunction:
		return true
	}
	return false
}

func importedLocals(sf *scan.File) map[string]string {
	m := map[string]string{}
	for _, im := range sf.Imports {
		if im.Default != "" {
			m[im.Default] = im.Module
		}
		if im.Namespace != "" {
			m[im.Namespace] = im.Module
		}
		for _, n := range im.Names {
			m[n.Local] = im.Module
		}
	}
	return m
}

// veloEvents runs the events.js rules.
func (a *Analyzer) veloEvents(f *index.File, cat *catalog.Catalog) []Diagnostic {
	var ds []Diagnostic
	sf := f.Scan
	imported := importedLocals(sf)
	// Where each handler name is first exported: its name span only (an
	// Export is 96 bytes, and a 2,000-line events.js is re-checked on
	// every keystroke).
	first := make(map[string]scan.Span, len(sf.Exports))
	// A CommonJS tail (`module.exports = { h, … }` after `export function
	// h`) names handlers the file already exports as an ES module: those
	// names are reported once, on the CommonJS statement (commonJSTail),
	// not as duplicates or unsupported exports.
	esm := esExported(sf)
	var tail []scan.Export
	nested := -1 // the diagnostic of the first handler exported inside a block
	nestedMore := 0
	for _, e := range sf.Exports {
		if !runtimeExport(e) {
			continue
		}
		if e.Form == scan.FormCommonJS && e.Depth == 0 && esm[e.Name] && e.Name != "default" {
			tail = append(tail, e)
			continue
		}
		name := e.Name
		known := cat.Lookup(name)
		shaped := len(known) > 0 || HandlerShaped(cat, name)
		if e.Depth > 0 {
			// One report for the first nested handler: the ones after it
			// are nested by the same missing brace (the syntax check names
			// the place), a cascade of one cause.
			if (shaped || dataHook(name)) && nested < 0 {
				ds = append(ds, diag(f.Path, e.NameSpan, "unsupported-export",
					fmt.Sprintf("%s is exported inside a block, not at the top level of events.js, so Wix never calls it; is a function above it missing its closing brace?", name)))
				nested = len(ds) - 1
			} else if shaped || dataHook(name) {
				nestedMore++
			}
			continue
		}
		switch {
		case len(known) == 0 && dataHook(name):
			ds = append(ds, a.dataHookInEvents(f, e))
			continue
		case len(known) == 0 && shaped:
			ds = append(ds, unknownHandler(f, e, cat))
		}
		if !shaped {
			continue
		}
		if prev, dup := first[name]; dup {
			d := diag(f.Path, e.NameSpan, "duplicate-handler",
				fmt.Sprintf("%s is exported twice in this file; only one export can be the handler", name))
			d.Related = []Related{{Path: f.Path, Span: prev, Message: "first exported here"}}
			ds = append(ds, d)
		} else {
			first[name] = e.NameSpan
		}
		if d, ok := unsupportedExport(f, e, imported); ok {
			ds = append(ds, d)
		}
		if d, ok := deprecatedHandler(f, e, known, cat, a.today()); ok {
			ds = append(ds, d)
		}
	}
	if nested >= 0 && nestedMore > 0 {
		ds[nested].Message += fmt.Sprintf(" (%d more handler%s below %s nested the same way)", nestedMore, plural(nestedMore), isAre(nestedMore))
	}
	if d, ok := commonJSTail(f, tail); ok {
		ds = append(ds, d)
	}
	ds = append(ds, a.duplicatesAcrossSite(f, cat, first)...)
	ds = append(ds, sdkRegistrations(f, cat, imported)...)
	return ds
}

// Re-exports from the site's own modules. The Module Export Syntax page
// (https://dev.wix.com/docs/develop-websites/articles/coding-with-velo/java-script-velo/module-export-syntax)
// says events.js may use "other export formats that are part of the ES6
// (ES2015) module export syntax" and names the ones that are not supported:
// re-exporting a function imported from an npm or Velo package, dynamic
// exports, functions taken from objects, CommonJS. A re-export from the
// site's own backend modules (`export { h } from './orders'`, `export *
// from 'backend/orders'`, `export const h = imported` with a local import)
// is none of them, so it is not reported: the handlers it reaches are
// events.js handlers, checked where they are declared (reexportedHandlers),
// and not handler-outside-events there.

// localModule reports whether an import specifier of a Velo backend file
// names one of the site's own modules rather than an npm or Velo package.
func localModule(spec string) bool {
	for _, p := range []string{"./", "../", "/", "backend/", "public/"} {
		if strings.HasPrefix(spec, p) {
			return true
		}
	}
	return false
}

// reexports returns what events.js ev re-exports from module g: all of
// its exports (`export *`), or the names it re-exports one by one.
func (a *Analyzer) reexports(ev, g *index.File) (all bool, names map[string]bool) {
	// The local names ev imports from g, by the name g exports them under.
	fromG := map[string]string{} // local → exported name in g
	for _, im := range ev.Scan.Imports {
		if !localModule(im.Module) {
			continue
		}
		if m := a.veloModule(ev, im.Module); m == nil || m.Path != g.Path {
			continue
		}
		for _, n := range im.Names {
			fromG[n.Local] = n.Imported
		}
	}
	for _, e := range ev.Scan.Exports {
		if e.Depth != 0 {
			continue
		}
		switch e.Form {
		case scan.FormReexport:
			if !localModule(e.From) {
				continue
			}
			if m := a.veloModule(ev, e.From); m == nil || m.Path != g.Path {
				continue
			}
			if e.Name == "*" {
				all = true
				continue
			}
			if names == nil {
				names = map[string]bool{}
			}
			local := e.Local
			if local == "" || local == "*" { // export * as ns: no single name
				continue
			}
			names[local] = true
		case scan.FormConstIdent, scan.FormList:
			if orig, ok := fromG[e.Local]; ok {
				if names == nil {
					names = map[string]bool{}
				}
				names[orig] = true
			}
		}
	}
	return all, names
}

// reexportedModules returns the site modules events.js ev re-exports from:
// `export … from` them, or an exported name bound to a function imported
// from them.
func (a *Analyzer) reexportedModules(ev *index.File) []*index.File {
	var out []*index.File
	seen := map[string]bool{}
	add := func(spec string) {
		if !localModule(spec) {
			return
		}
		if g := a.veloModule(ev, spec); g != nil && !seen[g.Path] {
			seen[g.Path] = true
			out = append(out, g)
		}
	}
	var imported map[string]string
	for _, e := range ev.Scan.Exports {
		switch e.Form {
		case scan.FormReexport:
			add(e.From)
		case scan.FormConstIdent, scan.FormList:
			if imported == nil {
				imported = importedLocals(ev.Scan)
			}
			if mod, ok := imported[e.Local]; ok {
				add(mod)
			}
		}
	}
	return out
}

// ReexportedBy returns the events.js of f's backend folder and what it
// re-exports from f; ev is nil when it re-exports nothing of f. The rules
// and the editor's code lenses ask it.
func (a *Analyzer) ReexportedBy(f *index.File) (ev *index.File, all bool, names map[string]bool) {
	ev = a.WS.File(eventsFileFor(f))
	if ev == nil || ev.Kind != index.KindVeloEvents || ev.Path == f.Path {
		return nil, false, nil
	}
	all, names = a.reexports(ev, f)
	if !all && len(names) == 0 {
		return nil, false, nil
	}
	return ev, all, names
}

// veloModule resolves a module specifier of a Velo backend file to an
// indexed backend file: relative ('./Database/x') or from the backend root
// ('backend/Database/x'), with or without its .js / .jsw / .web.js
// extension.
func (a *Analyzer) veloModule(f *index.File, spec string) *index.File {
	var p string
	switch {
	case strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../"):
		p = filepath.Join(filepath.Dir(f.Path), filepath.FromSlash(spec))
	case strings.HasPrefix(spec, "backend/"):
		root := eventsFileFor(f)
		if root == "" {
			return nil
		}
		p = filepath.Join(filepath.Dir(root), filepath.FromSlash(strings.TrimPrefix(spec, "backend/")))
	default:
		return nil
	}
	for _, c := range []string{p, p + ".js", p + ".jsw", p + ".web.js", filepath.Join(p, "index.js")} {
		if g := a.WS.File(c); g != nil && g.Kind.Velo() {
			return g
		}
	}
	return nil
}

// handlerExports returns the top-level exports of g named as handlers.
func handlerExports(g *index.File, cat *catalog.Catalog) []string {
	var out []string
	for _, e := range g.Scan.Exports {
		if e.Depth == 0 && runtimeExport(e) && (len(cat.Lookup(e.Name)) > 0 || HandlerShaped(cat, e.Name)) {
			out = append(out, e.Name)
		}
	}
	return out
}

// esExported returns the names a file exports as an ES module at the top
// level (any runtime form but CommonJS).
func esExported(sf *scan.File) map[string]bool {
	m := map[string]bool{}
	for _, e := range sf.Exports {
		if e.Depth == 0 && runtimeExport(e) && e.Form != scan.FormCommonJS {
			m[e.Name] = true
		}
	}
	return m
}

// commonJSTail reports, once, the CommonJS statements of an events.js that
// re-export handlers the file already exports as an ES module: events.js is
// an ES module, and CommonJS exports are not supported in it (Module Export
// Syntax, https://dev.wix.com/docs/develop-websites/articles/coding-with-velo/java-script-velo/module-export-syntax).
// The handlers themselves are exported properly, so what is wrong is the
// statement: at best it does nothing, at worst (`module` is not defined in
// an ES module) it stops the file from loading. A warning, since which
// one depends on how Wix bundles the file.
func commonJSTail(f *index.File, tail []scan.Export) (Diagnostic, bool) {
	if len(tail) == 0 {
		return Diagnostic{}, false
	}
	var names []string
	var stmts []scan.Span
	for _, e := range tail {
		names = append(names, e.Name)
		if len(stmts) == 0 || stmts[len(stmts)-1] != e.Stmt {
			stmts = append(stmts, e.Stmt)
		}
	}
	text := f.Text()
	at := stmts[0]
	head := textOf(text, at)
	for _, w := range []string{"module.exports", "exports"} {
		if strings.HasPrefix(head, w) {
			at.End = at.Start + int32(len(w))
			break
		}
	}
	what := "module.exports"
	if !strings.HasPrefix(head, "module.") {
		what = "exports.…"
	}
	if len(names) > 4 {
		names = append(names[:3], fmt.Sprintf("%d more", len(names)-3))
	}
	d := diag(f.Path, at, "unsupported-export",
		fmt.Sprintf("CommonJS %s in events.js, an ES module: Wix does not support CommonJS exports in backend event files, and %s already exported with `export` above; remove the CommonJS statement (depending on how the file is bundled it does nothing or stops the whole file from loading)", what, strings.Join(names, ", ")+pluralVerb(len(tail))))
	d.Severity = SevWarning
	for _, st := range stmts[1:] {
		d.Related = append(d.Related, Related{Path: f.Path, Span: st, Message: "CommonJS export here too"})
	}
	// Removing the statement loses nothing only when every name it
	// exports is exported with `export` too.
	whole := len(stmts) == 1
	for _, e := range f.Scan.Exports {
		if whole && e.Form == scan.FormCommonJS && e.Stmt == stmts[0] && !containsName(tail, e.Name) {
			whole = false
		}
	}
	if whole {
		d.Fixes = []Fix{{Title: "Remove the CommonJS export", Preferred: true,
			Edits: []Edit{{Path: f.Path, Span: withLineBreak(text, stmts[0]), NewText: ""}}}}
	}
	return d, true
}

func containsName(es []scan.Export, name string) bool {
	for _, e := range es {
		if e.Name == name {
			return true
		}
	}
	return false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func pluralVerb(n int) string {
	if n == 1 {
		return " is"
	}
	return " are"
}

func unknownHandler(f *index.File, e scan.Export, cat *catalog.Catalog) Diagnostic {
	// The message leads with what to do (the suggestion): editors cut a
	// long message at the panel's width, so the catalog version goes last.
	sugg := cat.Suggest(e.Name, 3)
	msg := "Unknown handler " + e.Name
	if len(sugg) > 0 {
		names := make([]string, len(sugg))
		for i, s := range sugg {
			names[i] = s.Name
			if s.Reason != "" {
				names[i] += " (" + s.Reason + ")"
			}
		}
		msg += ": did you mean " + strings.Join(names, ", ") + "? Wix never calls a handler by another name"
	} else {
		msg += ": Wix never calls it. If the event is newer than the catalog, add it under \"catalog\" in .wix-events.json"
	}
	msg += " (catalog " + cat.Version() + ")"
	d := diag(f.Path, e.NameSpan, "unknown-handler", msg)
	_, event, _ := catalog.SplitHandlerName(e.Name)
	if unread := cat.UnreadVelo(event); len(unread) > 0 {
		// A docs menu lists the event for Velo sites, but no page read
		// showed its handler name: this name may be the right one.
		u := unread[0]
		d.Severity = SevInfo
		d.Href = u.Menu // the rule's link opens the page to check the name on
		d.Message = fmt.Sprintf("Check %s against the docs: the Velo docs list %s for %s (%s), but the catalog has not read its handler name", e.Name, event, u.Module, u.Menu)
		if len(sugg) > 0 {
			d.Message += "; closest known: " + sugg[0].Name
		}
		d.Message += " (catalog " + cat.Version() + ")"
	} else if plausibleHandler(cat, e.Name) {
		// The prefix is a real Velo module prefix and the SDK has an event
		// of that name: the handler may well exist with a name the docs
		// have not confirmed. Say so quietly rather than warn: a false
		// "unknown handler" on working code is the worst outcome.
		prefix, event, _ := strings.Cut(e.Name, "_")
		d.Severity = SevInfo
		d.Message = fmt.Sprintf("Check %s against the docs: %s is a known module prefix and the JavaScript SDK has an event %s, but no docs page shows this handler name", e.Name, prefix, event)
		if len(sugg) > 0 {
			d.Message += "; closest known: " + sugg[0].Name
		}
		d.Message += " (catalog " + cat.Version() + ")"
	}
	for i, s := range sugg {
		d.Fixes = append(d.Fixes, Fix{
			Title:     "Replace with " + s.Name,
			Preferred: i == 0 && len(sugg) == 1,
			Edits:     []Edit{{Path: f.Path, Span: e.NameSpan, NewText: s.Name}},
		})
	}
	return d
}

// plausibleHandler reports a name whose prefix is a known Velo module prefix
// and whose event part is an event the JavaScript SDK declares.
func plausibleHandler(cat *catalog.Catalog, name string) bool {
	i := strings.IndexByte(name, '_')
	if i <= 0 {
		return false
	}
	prefix, event := name[:i], name[i+1:]
	if !isOnEvent(event) || len(cat.PrefixModules(prefix)) == 0 {
		return false
	}
	return len(cat.FindSDKExport(event)) > 0
}

func unsupportedExport(f *index.File, e scan.Export, imported map[string]string) (Diagnostic, bool) {
	var why string
	var fix *Fix
	switch e.Form {
	case scan.FormConstIdent:
		mod, ok := imported[e.Local]
		if !ok || localModule(mod) {
			return Diagnostic{}, false
		}
		why = fmt.Sprintf("re-exports %s imported from %q", e.Local, mod)
		fix = wrapFix(f, e, e.Local+"(event)", "")
	case scan.FormList:
		mod, ok := imported[e.Local]
		if !ok || localModule(mod) {
			return Diagnostic{}, false
		}
		why = fmt.Sprintf("re-exports %s imported from %q", e.Local, mod)
	case scan.FormReexport:
		if localModule(e.From) {
			return Diagnostic{}, false
		}
		why = fmt.Sprintf("re-exports it from %q", e.From)
	case scan.FormConstMember:
		why = fmt.Sprintf("takes the function from an object property (%s)", e.Local)
		fix = wrapFix(f, e, e.Local+"(event)", "")
	case scan.FormConstCall:
		why = fmt.Sprintf("is built dynamically by calling %s(…)", e.Local)
		// Evaluate the factory once at load, as before, and call its
		// result from a real function declaration.
		stmt := f.Text()[e.Stmt.Start:e.Stmt.End]
		eq := strings.IndexByte(stmt, '=')
		if eq > 0 {
			expr := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(stmt[eq+1:]), ";"))
			local := "_" + e.Name
			fix = wrapFix(f, e, local+"(event)", "const "+local+" = "+expr+";\n")
		}
	case scan.FormCommonJS:
		why = "uses CommonJS (module.exports/exports)"
		// `exports.h = function…` / `module.exports.h = (event) => …`: the
		// value after the name's "=" becomes an ES module export.
		rest := f.Text()[e.NameSpan.End:e.Stmt.End]
		if eq := strings.IndexByte(rest, '='); eq >= 0 && strings.TrimSpace(rest[:eq]) == "" {
			expr := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest[eq+1:]), ";"))
			if strings.HasPrefix(expr, "function") || strings.HasPrefix(expr, "async") || strings.Contains(expr, "=>") {
				fix = &Fix{Title: "Rewrite as an ES module export", Preferred: true, Edits: []Edit{{Path: f.Path, Span: e.Stmt, NewText: "export const " + e.Name + " = " + expr + ";"}}}
			}
		}
	default:
		return Diagnostic{}, false
	}
	d := diag(f.Path, e.NameSpan, "unsupported-export",
		fmt.Sprintf("Wix never calls %s: the export %s; events.js handlers must be `export function %s(event) {…}` or `export const %s = (event) => {…}`", e.Name, why, e.Name, e.Name))
	if fix != nil {
		d.Fixes = []Fix{*fix}
	}
	return d, true
}

// wrapFix rewrites the export statement into `export function name(event) {
// return call; }`, with pre inserted before it.
func wrapFix(f *index.File, e scan.Export, call, pre string) *Fix {
	text := pre + "export function " + e.Name + "(event) {\n  return " + call + ";\n}"
	return &Fix{Title: "Rewrite as an exported function Wix can call", Preferred: true,
		Edits: []Edit{{Path: f.Path, Span: e.Stmt, NewText: text}}}
}

// deprecatedHandler reports a handler whose every catalog entry is
// deprecated: deprecated-event (a warning) while Wix still calls it, and
// removed-event (an error) from its removal date on, compared with today
// (YYYY-MM-DD) so the verdict follows the clock, not the catalog's build
// date. Only removal dates from the docs count (deprecations.json); a
// derived v2 name's date is the SDK's target, not a promise, and stays a
// deprecation.
//
// A removed v1 name that a v2 module of the same prefix may also use (its
// mirrored SDK namespace declares the event, but no page confirmed the v2
// name) stays a warning: the v2 event may well call it, and an error on a
// working handler is the worst outcome.
func deprecatedHandler(f *index.File, e scan.Export, known []*catalog.Handler, cat *catalog.Catalog, today string) (Diagnostic, bool) {
	if len(known) == 0 {
		return Diagnostic{}, false
	}
	for _, h := range known {
		if !h.Deprecated {
			return Diagnostic{}, false
		}
	}
	h := known[0]
	note := strings.TrimSpace(h.DeprecationNote)
	for _, p := range []string{"Deprecated:", "Deprecated."} {
		note = strings.TrimSpace(strings.TrimPrefix(note, p))
	}
	note = strings.TrimSuffix(note, ".")
	if removed(h, today) {
		// The note is the docs' own words, written before the date ("will
		// be removed on June 30, 2026"): the date has passed.
		note = pastRemoval(note)
	}
	var d Diagnostic
	if removed(h, today) && !maybeV2(cat, h) {
		msg := fmt.Sprintf("Wix stopped calling %s on %s", e.Name, h.RemovalDate)
		if h.ReplacedBy != "" {
			msg += "; use " + h.ReplacedBy
		} else if note != "" {
			msg += "; " + note
		}
		msg += fmt.Sprintf(" (%s event, removed from the platform: this handler never runs)", h.Module)
		d = diag(f.Path, e.NameSpan, "removed-event", msg)
	} else {
		msg := fmt.Sprintf("%s (%s) is deprecated", e.Name, h.Module)
		if note != "" {
			msg += ": " + note
		}
		switch {
		case removed(h, today):
			msg += fmt.Sprintf("; Wix stopped calling the %s event on %s, so this runs only if a v2 event of the same name calls it (no docs page shows that name)", h.Module, h.RemovalDate)
		case h.RemovalDate != "":
			msg += "; removal date " + h.RemovalDate
		}
		if h.ReplacedBy != "" {
			msg += "; use " + h.ReplacedBy
		}
		d = diag(f.Path, e.NameSpan, "deprecated-event", msg)
	}
	d.Tags = []Tag{TagDeprecated}
	d.Href = h.DocsURL
	if h.ReplacedBy != "" {
		d.Fixes = []Fix{{Title: "Migrate to " + h.ReplacedBy + " (its payload differs: review the handler body)",
			Edits: []Edit{{Path: f.Path, Span: e.NameSpan, NewText: h.ReplacedBy}}}}
	}
	return d, true
}

// pastRemoval drops a docs note's announcement of a removal that has
// happened ("… and will be removed on June 30, 2026", "continues to work
// until June 30, 2024"), keeping the rest of it.
func pastRemoval(note string) string {
	for _, re := range pastRemovalRes {
		note = re.ReplaceAllString(note, "")
	}
	note = emptyClause.ReplaceAllString(note, "$1") // "event:; the API" → "event; the API"
	return strings.Trim(strings.TrimSpace(note), ";:,")
}

var emptyClause = regexp.MustCompile(`[:,]\s*(;|$)`)

var pastRemovalRes = []*regexp.Regexp{
	regexp.MustCompile(`\s*(,\s*)?(and\s+)?will be removed on [A-Z][a-z]+ \d{1,2}, \d{4}`),
	regexp.MustCompile(`\s*(,\s*)?continues to work until [A-Z][a-z]+ \d{1,2}, \d{4}`),
}

// maybeV2 reports whether a v2 module using h's prefix mirrors an SDK
// namespace that declares h's event (wixBookings_onBookingConfirmed: the
// wix-bookings.v2 handlers wixBookings_… mirror @wix/bookings bookings,
// which has onBookingConfirmed).
func maybeV2(cat *catalog.Catalog, h *catalog.Handler) bool {
	nss := map[string]bool{}
	for _, e := range cat.FindSDKExport(h.Event) {
		nss[e.Package+" "+e.Namespace+"."] = true
	}
	if len(nss) == 0 {
		return false
	}
	for _, v := range cat.Handlers() {
		if v.Generation != catalog.V2 || v.Prefix != h.Prefix || v.SDK == "" {
			continue
		}
		if i := strings.LastIndexByte(v.SDK, '.'); i > 0 && nss[v.SDK[:i+1]] {
			return true
		}
	}
	return false
}

// removed reports whether today (YYYY-MM-DD) is on or after h's docs
// removal date.
func removed(h *catalog.Handler, today string) bool {
	return h.RemovalDate != "" && !h.Derived && today >= h.RemovalDate
}

// duplicatesAcrossSite reports handlers that another events.js of the same
// site also exports (Velo packages are separate scopes).
func (a *Analyzer) duplicatesAcrossSite(f *index.File, cat *catalog.Catalog, mine map[string]scan.Span) []Diagnostic {
	var ds []Diagnostic
	for _, g := range a.WS.SiteEvents(f) {
		if g.Path == f.Path {
			continue
		}
		for _, e := range g.Scan.Exports {
			if e.Depth > 0 || !runtimeExport(e) {
				continue
			}
			if m, ok := mine[e.Name]; ok {
				d := diag(f.Path, m, "duplicate-handler",
					fmt.Sprintf("%s is also exported by %s; a site may handle each event once", e.Name, g.Rel))
				d.Related = []Related{{Path: g.Path, Span: e.NameSpan, Message: "also exported here"}}
				ds = append(ds, d)
				delete(mine, e.Name) // one report per name and file
			}
		}
	}
	return ds
}

// sdkRegistrations finds `ns.onX(...)` JavaScript SDK listener calls in a
// site's events.js: sites only run Velo handler exports.
func sdkRegistrations(f *index.File, cat *catalog.Catalog, imported map[string]string) []Diagnostic {
	var ds []Diagnostic
	var bindings map[string]binding // what each local imports, for the mirrored SDK event
	for _, c := range f.Scan.Calls {
		if c.Depth != 0 {
			continue
		}
		parts := strings.Split(c.Callee, ".")
		if len(parts) != 2 || !isOnEvent(parts[1]) {
			continue
		}
		mod, ok := imported[parts[0]]
		if !ok || !(strings.HasPrefix(mod, "@wix/") || strings.HasPrefix(mod, "wix-")) {
			continue
		}
		event := parts[1]
		if bindings == nil {
			bindings = bindingsOf(f.Scan)
		}
		names := veloHandlersFor(cat, mod, bindings[parts[0]].imported, event)
		msg := fmt.Sprintf("%s(…) registers a JavaScript SDK event listener, which never runs in a site's events.js; ", c.Callee)
		switch u := cat.UnreadVelo(event); {
		case len(names) == 1:
			msg += "export the Velo handler " + names[0] + " instead"
		case len(names) > 1:
			if len(names) > 3 {
				names = names[:3]
			}
			msg += "export a Velo handler instead (e.g. " + strings.Join(names, ", ") + ")"
		case len(u) > 0:
			msg += fmt.Sprintf("export a Velo handler instead: the Velo docs list %s for %s (%s), under a handler name the catalog has not read", event, u[0].Module, u[0].Menu)
		default:
			// No handler known: perhaps sites get no such event at all (only
			// apps, through an event extension); do not send the reader
			// looking for an export that may not exist.
			msg += fmt.Sprintf("the catalog knows no Velo handler for %s (catalog %s): if Wix has none, sites do not receive this event, apps do (with an event extension)", event, cat.Version())
		}
		d := diag(f.Path, c.CalleeSpan, "sdk-registration-in-site", msg)
		if len(names) == 1 && len(c.Args) == 1 && c.Closed && !c.ExportDefault {
			arg := f.Text()[c.Args[0].Span.Start:c.Args[0].Span.End]
			t := strings.TrimSpace(arg)
			if strings.HasPrefix(t, "function") || strings.HasPrefix(t, "async") || strings.Contains(t, "=>") {
				d.Fixes = []Fix{{Title: "Rewrite as the Velo handler " + names[0], Preferred: true,
					Edits: []Edit{{Path: f.Path, Span: c.Span, NewText: "export const " + names[0] + " = " + t}}}}
			}
		}
		ds = append(ds, d)
	}
	return ds
}

// veloHandlersFor returns the Velo handlers an SDK registration
// mod.ns.event stands for, confirmed names first: those mirroring that SDK
// event (or of that Velo module, for a wix-* import), else the handlers of
// that event name in a module of the package's name (v1 names mirror no SDK
// event: @wix/billing's invoices.onInvoicePaid is wix-billing-backend's
// wixBilling_onInvoicePaid). Deprecated ones are left out.
func veloHandlersFor(cat *catalog.Catalog, mod, ns, event string) []string {
	sdkKey := ""
	if pkg := cat.SDKPackageOf(mod); pkg != "" && ns != "" {
		sdkKey = pkg + " " + ns + "." + event
	}
	pick := func(match func(h *catalog.Handler) bool) []string {
		var out []string
		seen := map[string]bool{}
		for _, derived := range []bool{false, true} {
			for _, h := range cat.Handlers() {
				if h.Derived == derived && !h.Deprecated && !seen[h.Name] && match(h) {
					seen[h.Name] = true
					out = append(out, h.Name)
				}
			}
		}
		return out
	}
	if names := pick(func(h *catalog.Handler) bool {
		return (sdkKey != "" && h.SDK == sdkKey) || (h.Module == mod && h.Event == event)
	}); len(names) > 0 {
		return names
	}
	area := moduleArea(mod)
	return pick(func(h *catalog.Handler) bool { return h.Event == event && moduleArea(h.Module) == area })
}

// moduleArea is the product a package or Velo module belongs to: "crm"
// for @wix/crm, wix-crm-backend and wix-crm.v2.
func moduleArea(m string) string {
	m = strings.TrimPrefix(strings.TrimPrefix(m, "@wix/"), "wix-")
	if i := strings.IndexAny(m, "/."); i >= 0 {
		m = m[:i]
	}
	return strings.TrimSuffix(m, "-backend")
}

func isOnEvent(s string) bool {
	return len(s) > 2 && strings.HasPrefix(s, "on") && unicode.IsUpper(rune(s[2]))
}

// dataHookInEvents reports a data hook in events.js with a fix that moves
// the statement into data.js beside it (created when missing).
func (a *Analyzer) dataHookInEvents(f *index.File, e scan.Export) Diagnostic {
	d := diag(f.Path, e.NameSpan, "data-hook-in-events",
		fmt.Sprintf("%s is a data hook: Wix runs data hooks only from backend/data.js, never from events.js", e.Name))
	dataPath := filepath.Join(filepath.Dir(f.Path), "data.js")
	if fix, ok := a.moveFix(f, e.Stmt, dataPath, "Move "+e.Name+" to data.js"); ok {
		d.Fixes = []Fix{fix}
	}
	return d
}

// moveFix builds a workspace edit that cuts span (with its trailing line
// break) from f and appends it to the file at dest, creating dest when it
// does not exist.
func (a *Analyzer) moveFix(f *index.File, span scan.Span, dest, title string) (Fix, bool) {
	if !index.Within(f.Root, dest) {
		return Fix{}, false
	}
	text := f.Text()
	cut := span
	for int(cut.End) < len(text) && (text[cut.End] == '\r' || text[cut.End] == '\n') {
		cut.End++
		if text[cut.End-1] == '\n' {
			break
		}
	}
	moved := strings.TrimRight(text[span.Start:span.End], "\r\n") + "\n"
	var ins Edit
	if g := a.WS.File(dest); g != nil {
		sep := ""
		if dt := g.Text(); len(dt) > 0 {
			if !strings.HasSuffix(dt, "\n") {
				sep = "\n"
			}
			sep += "\n"
		}
		end := int32(g.Size())
		ins = Edit{Path: dest, Span: scan.Span{Start: end, End: end}, NewText: sep + moved}
	} else if a.WS.Exists(dest) {
		return Fix{}, false // on disk but not indexed (too large?): don't guess its end
	} else {
		ins = Edit{Path: dest, Create: true, NewText: moved}
	}
	return Fix{Title: title, Edits: []Edit{ins, {Path: f.Path, Span: cut, NewText: ""}}}, true
}

// veloOtherBackend runs the rules for data.js and other backend modules:
// event handlers exported there are never called.
func (a *Analyzer) veloOtherBackend(f *index.File, cat *catalog.Catalog) []Diagnostic {
	var ds []Diagnostic
	ev, all, names := a.ReexportedBy(f)
	for _, e := range f.Scan.Exports {
		if e.Depth > 0 || !runtimeExport(e) {
			continue
		}
		if ev != nil && (all || names[e.Name]) {
			// Reached from events.js: an events.js handler declared here.
			if all {
				ds = append(ds, a.reexportedHandler(f, e, cat)...)
			}
			continue
		}
		known := cat.Lookup(e.Name)
		if len(known) == 0 {
			continue
		}
		d := diag(f.Path, e.NameSpan, "handler-outside-events",
			fmt.Sprintf("%s is an event handler name, but Wix calls event handlers only from backend/events.js, not from %s", e.Name, filepath.Base(f.Path)))
		if dest := eventsFileFor(f); dest != "" {
			if fix, ok := a.moveFix(f, e.Stmt, dest, "Move "+e.Name+" to events.js"); ok {
				d.Fixes = []Fix{fix}
			}
		}
		ds = append(ds, d)
	}
	return ds
}

// reexportedHandler checks an export of a backend module that events.js
// re-exports with `export *` as the handler it is: its name (unknown-handler)
// and whether Wix still calls it (deprecated-event, removed-event). A name
// re-exported one by one is checked in events.js, where it is written.
func (a *Analyzer) reexportedHandler(f *index.File, e scan.Export, cat *catalog.Catalog) []Diagnostic {
	known := cat.Lookup(e.Name)
	var ds []Diagnostic
	if len(known) == 0 {
		if HandlerShaped(cat, e.Name) && !dataHook(e.Name) {
			ds = append(ds, unknownHandler(f, e, cat))
		}
		return ds
	}
	if d, ok := deprecatedHandler(f, e, known, cat, a.today()); ok {
		ds = append(ds, d)
	}
	return ds
}

// eventsFileFor returns the events.js of the backend folder holding f.
func eventsFileFor(f *index.File) string {
	dir := filepath.Dir(f.Path)
	for d := dir; index.Within(f.Root, d); d = filepath.Dir(d) {
		if filepath.Base(d) == "backend" {
			return filepath.Join(d, "events.js")
		}
		if d == filepath.Dir(d) {
			break
		}
	}
	return ""
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	if a == b {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
