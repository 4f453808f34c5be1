package analysis

// The Wix CLI event extension rules. Each file kind gets the rules about
// what it declares: a builder its id, source, registration and folder; a
// handler file its imports, event call, default export and duplicates; the
// registration nothing of its own (an unregistered builder is reported on
// the builder, where the fix's title makes sense).

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// folderRE is what `wix generate` accepts as an extension folder name.
var folderRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// cliDocs is the CLI guide to event extension files (builder fields, one
// handler per event, the handler's required form).
const cliDocs = "https://dev.wix.com/docs/wix-cli/guides/extensions/backend-extensions/events/event-extension-files-and-code"

func (a *Analyzer) cliFile(f *index.File, cat *catalog.Catalog) []Diagnostic {
	root := appRootOf(a.WS, f.Path)
	if root == "" {
		return nil
	}
	app := cachedApp(a.WS, cat, root)
	var ds []Diagnostic
	switch f.Kind {
	case index.KindCLIBuilder, index.KindCLIRegistration:
		ds = app.builderRules(f) // a registration's inline builders
	case index.KindCLIHandler:
		if h := app.Handlers[f.Path]; h != nil {
			ds = app.handlerRules(h, a.today())
		}
	}
	for i := range ds {
		if ds[i].Href == "" && documented[ds[i].Code] {
			ds[i].Href = cliDocs
		}
	}
	return ds
}

// documented are the codes the CLI guide (cliDocs) explains.
var documented = map[string]bool{
	"invalid-extension-id": true, "duplicate-extension-id": true, "duplicate-event-handler": true,
	"missing-source": true, "missing-default-export": true, "handler-not-event": true,
}

// builderRules checks each extensions.*(…) call of a builder file.
func (app *CLIApp) builderRules(f *index.File) []Diagnostic {
	var ds []Diagnostic
	bs := app.BuildersIn(f.Path)
	for _, b := range bs {
		if b.Event() {
			if d, ok := invalidID(b, app.noun()); ok {
				ds = append(ds, d)
			}
			ds = append(ds, app.sourceRules(b)...)
		}
		if d, ok := app.duplicateID(b); ok {
			ds = append(ds, d)
		}
		if d, ok := app.unregistered(b); ok {
			ds = append(ds, d)
		}
	}
	if len(bs) > 0 {
		if d, ok := folderRule(bs[0].Folder, f, func() scan.Span { return folderSpan(bs[0]) }); ok {
			ds = append(ds, d)
		}
	}
	return ds
}

// freshIDFix replaces an id's value with a fresh UUID literal.
func freshIDFix(b *Builder, title string) Fix {
	q := byte('\'')
	sp := b.ID.Span
	if text := b.File.Text(); b.ID.Literal && int(sp.Start) < len(text) {
		if c := text[sp.Start]; c == '"' || c == '\'' {
			q = c
		}
	}
	return Fix{Title: title, Preferred: true, Edits: []Edit{{Path: b.File.Path, Span: sp, NewText: quote(q, NewUUID())}}}
}

func invalidID(b *Builder, noun string) (Diagnostic, bool) {
	f := b.File
	const title = "Generate a fresh UUID for the extension id"
	if !b.ID.Present {
		d := diag(f.Path, b.Call.CalleeSpan, "invalid-extension-id",
			fmt.Sprintf("%s(…) has no id: every extension needs a UUID v4 id, unique across the %s", b.Call.Callee, noun))
		if len(b.Call.Args) > 0 && b.Call.Args[0].Kind == scan.ArgObject {
			d.Fixes = []Fix{{Title: "Generate a fresh UUID as the extension id", Preferred: true,
				Edits: []Edit{insertProp(f, b.Call.Args[0], "id: '"+NewUUID()+"',")}}}
		}
		return d, true
	}
	span := b.ID.Span
	var msg string
	switch {
	case !b.ID.Literal:
		expr := strings.TrimSpace(textOf(f.Text(), span))
		msg = fmt.Sprintf("the extension id must be a string literal, not %s: the id identifies the extension across deploys, so it is generated once (the CLI writes crypto.randomUUID()'s value) and never computed", shorten(expr, 40))
	case ValidUUIDv4(b.ID.Str):
		return Diagnostic{}, false
	case placeholderID(b.ID.Str) && !uuidShaped(b.ID.Str):
		msg = fmt.Sprintf("the extension id %q is a placeholder, not a UUID: replace it with a fresh UUID v4", b.ID.Str)
	case uuidShaped(b.ID.Str) && b.ID.Str[14] != '4':
		msg = fmt.Sprintf("the extension id %q is a version-%c UUID; extension ids are UUID v4 (crypto.randomUUID())", b.ID.Str, b.ID.Str[14])
	case uuidShaped(b.ID.Str):
		msg = fmt.Sprintf("the extension id %q has an invalid variant (the first digit of the fourth group must be 8, 9, a or b); it is not a canonical UUID v4", b.ID.Str)
	default:
		msg = fmt.Sprintf("the extension id %q is not a canonical UUID v4 (8-4-4-4-12 hex digits, version 4, variant 8–b)", b.ID.Str)
	}
	d := diag(f.Path, span, "invalid-extension-id", msg)
	d.Fixes = []Fix{freshIDFix(b, title)}
	return d, true
}

// insertProp inserts a property first in an object literal, on its own
// line when the object's properties are on their own lines.
func insertProp(f *index.File, obj scan.Arg, prop string) Edit {
	open := obj.Span.Start + 1
	rest := f.Text()[open:obj.Span.End]
	ws := len(rest) - len(strings.TrimLeft(rest, " \t\r\n"))
	lead := rest[:ws]
	if i := strings.LastIndexByte(lead, '\n'); i >= 0 {
		return Edit{Path: f.Path, Span: scan.Span{Start: open, End: open}, NewText: "\n" + lead[i+1:] + prop}
	}
	return Edit{Path: f.Path, Span: scan.Span{Start: open, End: open}, NewText: " " + prop}
}

// propAfter inserts a property after the property v, on a line of its own
// when v is on one.
func propAfter(f *index.File, v Value, prop string) Edit {
	text := f.Text()
	at := v.Span.End
	sep := ","
	if int(at) < len(text) && text[at] == ',' {
		at++
		sep = ""
	}
	line := strings.LastIndexByte(text[:v.Key.Start], '\n')
	if indent := text[line+1 : v.Key.Start]; line >= 0 && strings.TrimLeft(indent, " \t") == "" {
		return Edit{Path: f.Path, Span: scan.Span{Start: at, End: at}, NewText: sep + "\n" + indent + prop}
	}
	return Edit{Path: f.Path, Span: scan.Span{Start: at, End: at}, NewText: sep + " " + prop}
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n-1] + "…"
	}
	return s
}

// duplicateID reports an id another extension of the app also uses.
func (app *CLIApp) duplicateID(b *Builder) (Diagnostic, bool) {
	if !b.ID.Literal || b.ID.Str == "" || (b.Event() && !ValidUUIDv4(b.ID.Str)) {
		return Diagnostic{}, false
	}
	var others []*Builder
	for _, o := range app.BuildersWithID(b.ID.Str) {
		if o != b {
			others = append(others, o)
		}
	}
	if len(others) == 0 {
		return Diagnostic{}, false
	}
	names := make([]string, len(others))
	for i, o := range others {
		names[i] = fmt.Sprintf("the %s extension %s (%s)", o.Kind, o.Name(), relTo(app.Root, o.File.Path))
	}
	d := diag(b.File.Path, b.ID.Span, "duplicate-extension-id",
		fmt.Sprintf("the extension id %s is also used by %s; ids must be unique across the %s", b.ID.Str, strings.Join(names, ", "), app.noun()))
	for _, o := range others {
		d.Related = append(d.Related, Related{Path: o.File.Path, Span: o.ID.Span, Message: "same id here"})
	}
	d.Fixes = []Fix{freshIDFix(b, "Generate a fresh UUID for this extension")}
	return d, true
}

func relTo(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// sourceRules checks that an event builder's source names its handler file.
func (app *CLIApp) sourceRules(b *Builder) []Diagnostic {
	f := b.File
	if !b.Source.Present {
		d := diag(f.Path, b.Call.CalleeSpan, "missing-source",
			fmt.Sprintf("%s(…) has no source: it must name the handler file, relative to src/", b.Call.Callee))
		if sib := app.siblingHandler(b); sib != "" && len(b.Call.Args) > 0 && b.Call.Args[0].Kind == scan.ArgObject && b.ID.Present {
			d.Fixes = []Fix{{Title: "Set source to " + app.srcRel(sib), Preferred: true,
				Edits: []Edit{propAfter(f, b.ID, "source: '"+app.srcRel(sib)+"',")}}}
		}
		return []Diagnostic{d}
	}
	if !b.Source.Literal {
		return nil
	}
	src := b.Source.Str
	switch b.SourceStatus {
	case SourceOutside:
		where := "the " + app.noun()
		if app.ws.RootOf(b.SourcePath) == nil {
			where = "the workspace"
		} else if r := app.ws.RootOf(b.SourcePath); r != nil && !index.Within(r.Path, b.SourcePath) {
			where = "the workspace"
		}
		d := diag(f.Path, b.Source.Span, "missing-source",
			fmt.Sprintf("source %q leads outside %s (it is resolved relative to src/), so it is not read; the handler must be a file of this %s", src, where, app.noun()))
		return []Diagnostic{d}
	case SourceMissing:
	default:
		if len(app.Handlers[b.SourcePath].builderOrNil()) > 1 {
			return []Diagnostic{app.sharedHandler(b)}
		}
		return nil
	}
	d := diag(f.Path, b.Source.Span, "missing-source", "")
	resolved := relTo(app.Root, b.SourcePath)
	fixTo := func(p, title string, preferred bool) {
		d.Fixes = append(d.Fixes, Fix{Title: title, Preferred: preferred,
			Edits: []Edit{{Path: f.Path, Span: b.Source.Content, NewText: app.srcRel(p)}}})
	}
	trimmed := strings.TrimPrefix(src, "./")
	switch {
	case strings.HasPrefix(trimmed, "src/"):
		if p, st := app.ResolveSource("./" + strings.TrimPrefix(trimmed, "src/")); st == SourceOK {
			d.Message = fmt.Sprintf("source %q names no file: source is resolved relative to src/, so it points to %s; drop the src/ prefix", src, resolved)
			fixTo(p, "Drop the src/ prefix: "+app.srcRel(p), true)
			return []Diagnostic{d}
		}
	}
	if p := filepath.Join(filepath.Dir(f.Path), filepath.FromSlash(src)); index.Within(app.Root, p) && app.exists(p) {
		d.Message = fmt.Sprintf("source %q names no file: source is resolved relative to src/, not to the builder file; from src/ the handler is %s", src, app.srcRel(p))
		fixTo(p, "Use the path relative to src/: "+app.srcRel(p), true)
		return []Diagnostic{d}
	}
	if near := app.nearMiss(b); near != "" {
		d.Message = fmt.Sprintf("source %q names no file (resolved relative to src/: %s); did you mean %q?", src, resolved, app.srcRel(near))
		fixTo(near, "Change source to "+app.srcRel(near), true)
		return []Diagnostic{d}
	}
	d.Message = fmt.Sprintf("source %q names no file (it is resolved relative to src/: %s); the extension's handler is never loaded", src, resolved)
	if sib := app.siblingHandler(b); sib != "" {
		fixTo(sib, "Change source to "+app.srcRel(sib), false)
	}
	return []Diagnostic{d}
}

func (h *Handler) builderOrNil() []*Builder {
	if h == nil {
		return nil
	}
	return h.Builders
}

// sharedHandler reports two event builders naming one handler file: the app
// then has two extensions for one event.
func (app *CLIApp) sharedHandler(b *Builder) Diagnostic {
	h := app.Handlers[b.SourcePath]
	var names []string
	var rel []Related
	for _, o := range h.Builders {
		if o != b {
			names = append(names, relTo(app.Root, o.File.Path))
			rel = append(rel, Related{Path: o.File.Path, Span: o.Source.Span, Message: "same handler here"})
		}
	}
	d := diag(b.File.Path, b.Source.Span, "duplicate-event-handler",
		fmt.Sprintf("%s is also the source of %s: two extensions would handle the same event, and %s", relTo(app.Root, b.SourcePath), strings.Join(names, ", "), app.onePerEvent()))
	d.Related = rel
	app.onePerEventSeverity(&d)
	return d
}

// siblingHandler returns the handler file beside a builder
// (<folder>/<folder>.ts, or the only handler in its folder), "" if none.
func (app *CLIApp) siblingHandler(b *Builder) string {
	dir := filepath.Dir(b.File.Path)
	want := filepath.Join(dir, strings.TrimSuffix(filepath.Base(b.File.Path), ".extension.ts")+".ts")
	if app.Handlers[want] != nil {
		return want
	}
	var only string
	n := 0
	for p := range app.Handlers {
		if filepath.Dir(p) == dir {
			only = p
			n++
		}
	}
	if n == 1 {
		return only
	}
	return ""
}

// nearMiss returns the handler file whose src-relative path is closest to a
// missing source, when close enough to be a typo.
func (app *CLIApp) nearMiss(b *Builder) string {
	want := strings.ToLower(strings.TrimPrefix(filepath.ToSlash(filepath.Clean(filepath.FromSlash(b.Source.Str))), "./"))
	best, bestD := "", 1<<30
	paths := make([]string, 0, len(app.Handlers))
	for p := range app.Handlers {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		cand := strings.ToLower(strings.TrimPrefix(app.srcRel(p), "./"))
		d := editDistance(want, cand)
		// Prefer a file no other builder names yet.
		if len(app.Handlers[p].Builders) > 0 {
			d++
		}
		if d < bestD {
			best, bestD = p, d
		}
	}
	limit := max(2, len(want)/8)
	if bestD <= limit {
		return best
	}
	return ""
}

// unregistered reports a builder src/extensions.ts never .use()s.
func (app *CLIApp) unregistered(b *Builder) (Diagnostic, bool) {
	rejected := app.Registration != nil && app.Registration.Rejected != ""
	switch {
	case rejected && len(b.Uses) > 0:
		// Listed in a form the build does not read: inactive, however
		// the rest of the registration is written.
	case len(b.Uses) > 0 || app.opaqueRegistration():
		return Diagnostic{}, false
	}
	f := b.File
	reg := "src/extensions.ts"
	var msg string
	var edits []Edit
	switch {
	case rejected && len(b.Uses) > 0:
		// Listed, but in a form the build does not read: say that, not
		// "never .use()s it"; adding a .use() would not help.
		msg = fmt.Sprintf("the %s extension %s is inactive: %s lists it, but %s, so the build registers none of the extensions it lists", b.Kind, b.Name(), reg, app.Registration.Rejected)
	case b.Export == "":
		msg = fmt.Sprintf("this %s extension is not exported, so %s cannot register it and it is inactive", b.Kind, reg)
		if b.Call.Depth == 0 && !hasDefaultExport(f) && b.Call.Stmt.Start == b.Call.Span.Start {
			edits = append(edits, Edit{Path: f.Path, Span: scan.Span{Start: b.Call.Span.Start, End: b.Call.Span.Start}, NewText: "export default "})
			reg := app.RegisterEdits(f.Path, "default", b.Module)
			if reg == nil {
				edits = nil
			}
			edits = append(edits, reg...)
		}
	case app.Registration == nil:
		msg = fmt.Sprintf("the %s extension %s is inactive: the %s has no %s registering it with app().use(…)", b.Kind, b.Name(), app.noun(), reg)
		edits = app.RegisterEdits(f.Path, b.Export, b.Module)
	case app.Registration.List:
		msg = fmt.Sprintf("the %s extension %s is inactive: it is not in the extensions list of %s", b.Kind, b.Name(), reg)
	default:
		msg = fmt.Sprintf("the %s extension %s is inactive: %s never .use()s it", b.Kind, b.Name(), reg)
		edits = app.RegisterEdits(f.Path, b.Export, b.Module)
	}
	d := diag(f.Path, b.Call.CalleeSpan, "unregistered-extension", msg)
	if len(edits) > 0 {
		d.Fixes = []Fix{{Title: "Register it in src/extensions.ts", Preferred: true, Edits: edits}}
	}
	if app.Registration != nil {
		d.Related = []Related{{Path: app.Registration.File.Path, Span: app.registrationAnchor(), Message: "extensions registered here"}}
	}
	return d, true
}

func (app *CLIApp) registrationAnchor() scan.Span {
	if c := app.Registration.Chain; c != nil {
		return c.CalleeSpan
	}
	return scan.Span{}
}

// opaqueRegistration reports a registration this analysis cannot follow
// (.use(...spread), .use(helper()), a .use of something that is not a
// builder file): then no builder is called unregistered.
func (app *CLIApp) opaqueRegistration() bool {
	r := app.Registration
	if r == nil {
		return false
	}
	if r.Opaque {
		return true
	}
	// An inline builder, `.use(extensions.event({…}))`, is understood.
	inline := map[scan.Span]bool{}
	for _, b := range app.BuildersIn(r.File.Path) {
		inline[b.Call.Span] = true
	}
	for i := range r.File.Scan.Calls {
		c := &r.File.Scan.Calls[i]
		if !strings.HasSuffix(c.Callee, ".use") {
			continue
		}
		for _, a := range c.Args {
			if a.Kind != scan.ArgIdent && a.Kind != scan.ArgMissing && !(a.Kind == scan.ArgCall && inline[a.Span]) {
				return true
			}
		}
	}
	for _, u := range r.Uses {
		if u.Target == nil && u.Path != "" && !strings.HasSuffix(u.Path, ".extension.ts") {
			return true
		}
		if u.Import == nil {
			return true // a local variable or a re-export we do not follow
		}
	}
	return false
}

// folderSpan is where a folder-name problem is shown in a builder file.
func folderSpan(b *Builder) scan.Span {
	if b.Source.Literal && strings.Contains(b.Source.Str, b.Folder) {
		c := b.Source.Content
		if i := strings.Index(textOf(b.File.Text(), c), b.Folder); i >= 0 {
			return scan.Span{Start: c.Start + int32(i), End: c.Start + int32(i+len(b.Folder))}
		}
	}
	return b.Call.CalleeSpan
}

// span is asked for only when the rule fires: a builder's folderSpan reads
// the file's text, which for a closed file is a read of the disk.
func folderRule(folder string, f *index.File, span func() scan.Span) (Diagnostic, bool) {
	if folder == "" || folderRE.MatchString(folder) {
		return Diagnostic{}, false
	}
	msg := fmt.Sprintf("the extension folder name %q must match ^[a-z0-9-]+$ (lowercase letters, digits and dashes), as the Wix CLI requires", folder)
	if k := kebab(folder); k != "" && k != folder {
		msg += fmt.Sprintf("; rename it to %q", k)
	}
	return diag(f.Path, span(), "invalid-extension-folder", msg), true
}

// kebab turns ContactCreated / contact_created into contact-created.
func kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			if i > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
			b.WriteRune(r + 'a' - 'A')
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

// handlerRules checks a handler file's imports and event calls; the rules
// about what the platform loads apply only to files it loads. today
// (YYYY-MM-DD, the analyzer's clock) dates the deprecation messages.
func (app *CLIApp) handlerRules(h *Handler, today string) []Diagnostic {
	f := h.File
	var ds []Diagnostic
	ds = append(ds, app.importRules(h)...)
	for _, c := range h.Calls {
		ds = append(ds, app.eventRules(h, c, today)...)
	}
	if h.Stray && len(h.Calls) > 0 {
		ds = append(ds, app.strayLegacy(h))
	}
	if d, ok := app.misplacedLegacy(h); ok {
		ds = append(ds, d)
	}
	if !h.Active() {
		return ds
	}
	if len(h.Calls) == 0 {
		if h.Forward != "" {
			// A re-export shim: the file it forwards to is the handler,
			// checked there when it is one of the app's handler files,
			// here when the index does not hold it.
			if d, ok := app.forwardedRules(h); ok {
				ds = append(ds, d)
			}
			return append(ds, app.duplicateEvent(h)...)
		}
		msg := "this handler file has no SDK event call: its default export must be one, e.g. `export default contacts.onContactCreated((event) => { … })` with `import { contacts } from '@wix/crm'`"
		if h.Legacy {
			msg = "this event.ts has no SDK event call, so it handles no event: the legacy Wix CLI for Apps expects one, e.g. `contacts.onContactCreated((event) => { … })` with `import { contacts } from '@wix/crm'`"
		}
		d := diag(f.Path, noEventSpan(f), "handler-not-event", msg)
		for _, b := range h.Builders {
			d.Related = append(d.Related, Related{Path: b.File.Path, Span: b.Source.Span, Message: "named as the handler here"})
		}
		for _, s := range h.ForwardedBy {
			d.Related = append(d.Related, Related{Path: s.File.Path, Span: s.ForwardSpan, Message: "re-exported as the handler here"})
		}
		ds = append(ds, d)
		return ds
	}
	if !h.Legacy {
		// The Wix CLI for Apps runs event.ts as a module: its bare
		// top-level call registers the listener (the generated template
		// has no default export). Only the newer tooling calls the
		// default export.
		ds = append(ds, app.defaultExportRules(h)...)
	}
	ds = append(ds, app.duplicateEvent(h)...)
	if h.Legacy {
		if d, ok := folderRule(h.Folder, f, func() scan.Span { return h.Main().Call.CalleeSpan }); ok {
			ds = append(ds, d)
		}
	}
	return ds
}

// forwardedRules checks the target of a shim that the index does not hold
// (a file outside the events folders), reporting on the shim's re-export:
// the target must default-export an SDK event call as a handler file must.
func (app *CLIApp) forwardedRules(h *Handler) (Diagnostic, bool) {
	ff := h.Forwarded
	if ff == nil || ff.Default {
		return Diagnostic{}, false
	}
	rel := relTo(app.Root, ff.Path)
	if ff.Calls == 0 {
		return diag(h.File.Path, h.ForwardSpan, "handler-not-event",
			fmt.Sprintf("this handler file re-exports the default export of %s, which has no SDK event call: its default export must be one, e.g. `export default contacts.onContactCreated((event) => { … })`", rel)), true
	}
	if h.Legacy {
		return Diagnostic{}, false
	}
	return diag(h.File.Path, h.ForwardSpan, "missing-default-export",
		fmt.Sprintf("this handler file re-exports the default export of %s, but %s(…) there is not its default export: the build calls the default export and fails with \"Expected event listener call to be the default export\"", rel, ff.First)), true
}

// strayLegacy reports a Wix CLI for Apps event.ts in a project built with
// newer tooling, which loads event handlers only through a registered
// builder: the file never runs. A warning: the project may still be
// migrating (both toolings declared is handled by legacyLoaded).
func (app *CLIApp) strayLegacy(h *Handler) Diagnostic {
	writer := "`wix generate` writes both"
	switch {
	case app.Gen == GenCustom:
		// The Wix CLI for Apps runs project commands as `wix app <command>`
		// (dev.wix.com/docs/wix-cli/cli-for-apps/command-reference/introduction).
		writer = "`wix app generate` writes both"
	case app.Site():
		writer = "the Wix Extension Builder in the Code tab writes both"
	}
	d := diag(h.File.Path, h.Main().Call.CalleeSpan, "unregistered-extension",
		fmt.Sprintf("%s uses the legacy Wix CLI for Apps layout (src/backend/events/<name>/event.ts), but this project builds with %s, which loads an event handler only through a builder (<name>.extension.ts) registered in src/extensions.ts, so this file never runs; move it to src/extensions/backend/events/%s/ with a builder (%s)", relTo(app.Root, h.File.Path), app.Gen, h.Folder, writer))
	d.Severity = SevWarning
	return d
}

// misplacedLegacy reports event calls in a Wix CLI for Apps project's
// events folder that are not in a <name>/event.ts (src/backend/events/x.ts,
// src/backend/events/x/index.ts): that tooling loads only event.ts files,
// so these listeners never run, unless an event.ts imports the file. Seen
// in real projects as "the event never fires".
func (app *CLIApp) misplacedLegacy(h *Handler) (Diagnostic, bool) {
	if app.Gen != GenLegacy || !app.genDeclared || h.Active() || h.Legacy || len(h.Builders) > 0 {
		return Diagnostic{}, false
	}
	rel, err := filepath.Rel(app.Src, h.File.Path)
	if err != nil || !strings.HasPrefix(filepath.ToSlash(rel), "backend/events/") {
		return Diagnostic{}, false
	}
	var main *EventCall
	for _, c := range h.Calls {
		if c.Call.Depth == 0 && c.Import != nil {
			main = c
			break
		}
	}
	if main == nil {
		return Diagnostic{}, false
	}
	for _, o := range app.Handlers {
		if o == h || !o.Legacy {
			continue
		}
		for _, im := range o.File.Scan.Imports {
			if strings.HasPrefix(im.Module, ".") && app.resolveImport(o.File, im.Module) == h.File.Path {
				return Diagnostic{}, false
			}
		}
	}
	d := diag(h.File.Path, main.Call.CalleeSpan, "unregistered-extension",
		fmt.Sprintf("the legacy Wix CLI for Apps loads event handlers only from src/backend/events/<name>/event.ts, and %s is not one, so %s(…) never runs; move it to src/backend/events/<name>/event.ts", relTo(app.Root, h.File.Path), main.Name()))
	d.Severity = SevWarning
	return d, true
}

func noEventSpan(f *index.File) scan.Span {
	for _, e := range f.Scan.Exports {
		if e.Form == scan.FormDefault {
			return scan.Span{Start: e.Stmt.Start, End: e.NameSpan.End} // `export default`
		}
	}
	return scan.Span{}
}

// importRules reports imports of @wix modules that do not exist
// (@wix/crm/events) and event functions imported on their own from a
// package, which exports namespaces.
func (app *CLIApp) importRules(h *Handler) []Diagnostic {
	f := h.File
	cat := app.cat
	var ds []Diagnostic
	for i := range f.Scan.Imports {
		im := &f.Scan.Imports[i]
		if !wixModule(im.Module) || im.TypeOnly {
			continue
		}
		var events []scan.ImportName
		for _, n := range im.Names {
			if !n.TypeOnly && (isOnEvent(n.Imported) || len(cat.FindSDKExport(n.Imported)) > 0) && !app.isNamespace(n.Imported) {
				events = append(events, n)
			}
		}
		pkg := SDKPackageOf(cat, im.Module)
		used := false
		for _, c := range h.Calls {
			if c.Import == im {
				used = true
			}
		}
		if pkg == "" && (strings.HasSuffix(im.Module, "/events") || len(events) > 0 || used) {
			if d, ok := app.unknownModule(f, im, events, h.Calls); ok {
				ds = append(ds, d)
			}
			continue
		}
		switch {
		case pkg != "" && len(events) > 0:
			for _, n := range events {
				fixes, first := app.rewriteFixes(f, im, []scan.ImportName{n}, pkg, h.Calls)
				msg := fmt.Sprintf("%q does not export %s: SDK events are members of a namespace", im.Module, n.Imported)
				if first != nil {
					msg += fmt.Sprintf("; import { %s } and call %s.%s(…)", first.Namespace, first.Namespace, first.Export)
				}
				d := diag(f.Path, n.Span, "unknown-sdk-event", msg)
				d.Fixes = fixes
				ds = append(ds, d)
			}
		}
	}
	return ds
}

// unknownModule judges an @wix import path that names no catalog package
// with events, by what is certain:
//
//   - a subpath the installed package does not export (checked against its
//     package.json "exports", or its files when it has none), or an
//     /events subpath, which no @wix package has ever had: the import
//     cannot resolve, an error;
//   - another subpath of a package that is not installed: older versions
//     shipped subpaths (@wix/crm/context, used by the Wix CLI for Apps
//     template), so nothing is reported;
//   - a package the catalog read that has no events: a warning (a newer
//     version may have them);
//   - a package neither in the catalog nor installed: a warning saying
//     how to make its events known; never an error, as Wix publishes new
//     packages every month. An installed package the catalog does not
//     have is not judged here: its events are whatever it declares.
func (app *CLIApp) unknownModule(f *index.File, im *scan.Import, events []scan.ImportName, calls []*EventCall) (Diagnostic, bool) {
	cat := app.cat
	base, sub := splitModule(im.Module)
	mi := app.modules[im.Module]
	mod, known := cat.SDKModule(base)
	d := diag(f.Path, im.ModuleSpan, "unknown-sdk-module", "")
	fixes, first := app.rewriteFixes(f, im, events, base, calls)
	switch {
	case sub != "" && mi.installed && !mi.subOK:
		d.Message = fmt.Sprintf("%q cannot be resolved: the installed %s %s does not export ./%s", im.Module, base, mi.version, sub)
	case sub == "events":
		d.Message = fmt.Sprintf("%q does not exist: no @wix package has an /events subpath; SDK events are members of a namespace of %q", im.Module, base)
	case sub != "":
		return Diagnostic{}, false
	case mi.installed:
		return Diagnostic{}, false
	case known && mod.Events == 0:
		d.Severity = SevWarning
		d.Message = fmt.Sprintf("%q declares no events in the catalog (catalog %s); if a newer version has them, install the app's dependencies so the installed package is read, or declare the events under \"catalog\" in .wix-events.json", im.Module, cat.Version())
	default:
		d.Severity = SevWarning
		d.Message = fmt.Sprintf("%q is not in the catalog (catalog %s) and is not installed here, so its events cannot be checked: install the app's dependencies (npm install) so they are read from node_modules, or declare them under \"catalog\" in .wix-events.json", im.Module, cat.Version())
		fixes, first = nil, nil
	}
	if first != nil {
		d.Message += fmt.Sprintf(": import { %s } from %q and call %s.%s(…)", first.Namespace, first.ImportPath, first.Namespace, first.Export)
	}
	d.Fixes = fixes
	return d, true
}

// isNamespace reports whether name is an SDK namespace with events in any
// package (contacts, orders), which may legitimately be imported.
func (app *CLIApp) isNamespace(name string) bool {
	for _, pkg := range app.cat.SDKPackages() {
		for _, ns := range app.cat.SDKNamespaces(pkg) {
			if ns == name {
				return true
			}
		}
	}
	return false
}

// basePackage returns "@wix/crm" for "@wix/crm/events".
func basePackage(module string) string {
	parts := strings.SplitN(module, "/", 3)
	if len(parts) >= 2 {
		return parts[0] + "/" + parts[1]
	}
	return module
}

// exportCandidates returns the SDK events an event function name can mean,
// those of pkg first, deprecated ones last.
func (app *CLIApp) exportCandidates(export, pkg string) []*catalog.SDKEvent {
	all := app.cat.FindSDKExport(export)
	var same []*catalog.SDKEvent
	for _, e := range all {
		if e.Package == pkg || e.ImportPath == pkg {
			same = append(same, e)
		}
	}
	if len(same) > 0 {
		all = same
	}
	sort.SliceStable(all, func(i, j int) bool { return !all[i].Deprecated && all[j].Deprecated })
	return all
}

// rewriteFixes rewrites an import of event functions into imports of their
// namespaces, and each call `onX(…)` into `ns.onX(…)`: one fix per
// candidate namespace when one function is imported, else one fix with the
// first candidate of each. first is the first choice, for the message.
func (app *CLIApp) rewriteFixes(f *index.File, im *scan.Import, names []scan.ImportName, pkg string, calls []*EventCall) ([]Fix, *catalog.SDKEvent) {
	if len(names) == 0 || im.Default != "" || im.Namespace != "" {
		return nil, nil
	}
	var first *catalog.SDKEvent
	var fixes []Fix
	if len(names) == 1 {
		cands := app.exportCandidates(names[0].Imported, pkg)
		if len(cands) > 3 {
			cands = cands[:3]
		}
		for _, e := range cands {
			if first == nil {
				first = e
			}
			fx, ok := app.rewriteFix(f, im, names, []*catalog.SDKEvent{e}, calls)
			if ok {
				fx.Preferred = len(cands) == 1
				fixes = append(fixes, fx)
			}
		}
		return fixes, first
	}
	var choice []*catalog.SDKEvent
	unique := true
	for _, n := range names {
		cands := app.exportCandidates(n.Imported, pkg)
		if len(cands) == 0 {
			return nil, nil
		}
		unique = unique && len(cands) == 1
		choice = append(choice, cands[0])
	}
	first = choice[0]
	if fx, ok := app.rewriteFix(f, im, names, choice, calls); ok {
		fx.Preferred = unique
		fixes = append(fixes, fx)
	}
	return fixes, first
}

func (app *CLIApp) rewriteFix(f *index.File, im *scan.Import, names []scan.ImportName, choice []*catalog.SDKEvent, calls []*EventCall) (Fix, bool) {
	bad := map[string]bool{}
	for _, n := range names {
		bad[n.Local] = true
	}
	// What the rewritten statement keeps: the other names of a real package.
	var keep []string
	if SDKPackageOf(app.cat, im.Module) != "" {
		for _, n := range im.Names {
			if !bad[n.Local] {
				keep = append(keep, textOf(f.Text(), n.Span))
			}
		}
	}
	callee := map[string]string{} // bad local → "ns.export"
	var braced []*scan.Import     // other imports of a needed module, in order
	addTo := map[*scan.Import][]string{}
	var mods []string
	lines := map[string][]string{} // module → namespaces needing a new import line
	var titles []string
	for i, n := range names {
		e := choice[i]
		mod := importPathOf(e)
		titles = append(titles, e.Namespace+"."+e.Export)
		if l, ok := importedAs(f, mod, e.Namespace, im); ok {
			callee[n.Local] = l + "." + e.Export
			continue
		}
		callee[n.Local] = e.Namespace + "." + e.Export
		switch other := bracedImport(f, mod, im); {
		case mod == im.Module:
			if !contains(keep, e.Namespace) {
				keep = append(keep, e.Namespace)
			}
		case other != nil:
			if addTo[other] == nil {
				braced = append(braced, other)
			}
			if !contains(addTo[other], e.Namespace) {
				addTo[other] = append(addTo[other], e.Namespace)
			}
		default:
			if lines[mod] == nil {
				mods = append(mods, mod)
			}
			if !contains(lines[mod], e.Namespace) {
				lines[mod] = append(lines[mod], e.Namespace)
			}
		}
	}
	q := quoteOf(f)
	var stmt []string
	if len(keep) > 0 {
		stmt = append(stmt, "import { "+strings.Join(keep, ", ")+" } from "+quote(q, im.Module)+";")
	}
	for _, m := range mods {
		stmt = append(stmt, "import { "+strings.Join(lines[m], ", ")+" } from "+quote(q, m)+";")
	}
	var edits []Edit
	if len(stmt) == 0 {
		edits = append(edits, Edit{Path: f.Path, Span: withLineBreak(f.Text(), im.Stmt), NewText: ""})
	} else {
		edits = append(edits, Edit{Path: f.Path, Span: im.Stmt, NewText: strings.Join(stmt, "\n")})
	}
	for _, other := range braced {
		add := addTo[other]
		if len(other.Names) > 0 {
			end := other.Names[len(other.Names)-1].Span.End
			edits = append(edits, Edit{Path: f.Path, Span: scan.Span{Start: end, End: end}, NewText: ", " + strings.Join(add, ", ")})
		} else {
			edits = append(edits, Edit{Path: f.Path, Span: other.Braces, NewText: " " + strings.Join(add, ", ") + " "})
		}
	}
	for _, c := range calls {
		if c.Direct && bad[c.Local] && c.Import == im {
			edits = append(edits, Edit{Path: f.Path, Span: c.Call.CalleeSpan, NewText: callee[c.Local]})
		}
	}
	var ms []string
	for _, e := range choice {
		if m := "'" + importPathOf(e) + "'"; !contains(ms, m) {
			ms = append(ms, m)
		}
	}
	title := "Import " + strings.Join(uniqueNS(choice), ", ") + " from " + strings.Join(ms, ", ") + " and call " + strings.Join(titles, ", ") + "(…)"
	return Fix{Title: title, Edits: edits}, true
}

func importPathOf(e *catalog.SDKEvent) string {
	if e.ImportPath != "" {
		return e.ImportPath
	}
	return e.Package
}

// importedAs returns the local name of name imported from module in f
// (other than from skip).
func importedAs(f *index.File, module, name string, skip *scan.Import) (string, bool) {
	for i := range f.Scan.Imports {
		im := &f.Scan.Imports[i]
		if im == skip || im.Module != module || im.TypeOnly || im.Require || im.Dynamic {
			continue
		}
		for _, n := range im.Names {
			if n.Imported == name && !n.TypeOnly {
				return n.Local, true
			}
		}
	}
	return "", false
}

// bracedImport returns an `import { … } from module` of f other than skip.
func bracedImport(f *index.File, module string, skip *scan.Import) *scan.Import {
	for i := range f.Scan.Imports {
		im := &f.Scan.Imports[i]
		if im != skip && im.Module == module && !im.TypeOnly && !im.Require && !im.Dynamic && !im.Braces.IsZero() {
			return im
		}
	}
	return nil
}

func uniqueNS(es []*catalog.SDKEvent) []string {
	var out []string
	for _, e := range es {
		if !contains(out, e.Namespace) {
			out = append(out, e.Namespace)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// eventRules checks one event call against the catalog.
func (app *CLIApp) eventRules(h *Handler, c *EventCall, today string) []Diagnostic {
	f := h.File
	if c.Direct {
		return nil // reported on its import
	}
	if c.Import == nil {
		// contacts.onX(…) without importing contacts.
		cands := app.exportCandidates(c.Export, "")
		var fixes []Fix
		for _, e := range cands {
			if e.Namespace != c.Namespace {
				continue
			}
			_, ed := addNamedImport(f, e.ImportPath, e.Namespace, nil)
			fixes = append(fixes, Fix{Title: fmt.Sprintf("Import %s from '%s'", e.Namespace, e.ImportPath), Edits: ed})
		}
		if len(fixes) == 1 {
			fixes[0].Preferred = true
		}
		d := diag(f.Path, c.Call.CalleeSpan, "unknown-sdk-event",
			fmt.Sprintf("%s is not imported: import the namespace from its @wix package (e.g. import { %s } from '@wix/…')", c.Namespace, c.Namespace))
		d.Fixes = fixes
		return []Diagnostic{d}
	}
	if c.Package == "" {
		return nil // the module is reported on the import
	}
	if c.Event == nil {
		return []Diagnostic{app.unknownEvent(f, c)}
	}
	if c.Event.Deprecated {
		return []Diagnostic{app.deprecatedEvent(f, c, today)}
	}
	return nil
}

// exportSpan is the span of the export name in a call's callee.
func exportSpan(f *index.File, c *EventCall) scan.Span {
	sp := c.Call.CalleeSpan
	t := textOf(f.Text(), sp)
	if i := strings.LastIndex(t, c.Export); i >= 0 {
		return scan.Span{Start: sp.Start + int32(i), End: sp.Start + int32(i+len(c.Export))}
	}
	return sp
}

func (app *CLIApp) unknownEvent(f *index.File, c *EventCall) Diagnostic {
	cat := app.cat
	var msg string
	hasNS := contains(cat.SDKNamespaces(c.Package), c.Namespace)
	sugg := cat.SuggestSDK(c.Package, c.Namespace, c.Export, 3)
	// Certain only when the namespace's event list is known: the catalog
	// lists the namespace, or the package is installed (whose declarations
	// the app's catalog then holds). Otherwise a newer version than the
	// catalog's may well have it.
	certain := hasNS || app.modules[c.Module].installed
	if hasNS {
		msg = fmt.Sprintf("%s has no event %s in %s", c.Namespace, c.Export, c.Package)
	} else if certain {
		msg = fmt.Sprintf("%s has no namespace %s with events", c.Package, c.Namespace)
	} else {
		msg = fmt.Sprintf("%s.%s is not in the catalog: %s has no namespace %s with events there (catalog %s)", c.Namespace, c.Export, c.Package, c.Namespace, cat.Version())
	}
	if len(sugg) > 0 {
		names := make([]string, len(sugg))
		for i, e := range sugg {
			names[i] = e.Namespace + "." + e.Export
			if e.Package != c.Package {
				names[i] += " (" + e.Package + ")"
			}
		}
		msg += "; did you mean " + strings.Join(names, ", ") + "?"
	} else {
		msg += fmt.Sprintf(" (catalog %s); if the event is newer than the catalog, add it under \"catalog\" in .wix-events.json", cat.Version())
	}
	d := diag(f.Path, c.Call.CalleeSpan, "unknown-sdk-event", msg)
	if !certain {
		d.Severity = SevWarning
		if len(sugg) > 0 {
			d.Message += "; if it is newer than the catalog, install the app's dependencies or declare it under \"catalog\" in .wix-events.json"
		}
	}
	for i, e := range sugg {
		if fx, ok := app.retargetFix(f, c, e); ok {
			fx.Preferred = i == 0 && len(sugg) == 1
			d.Fixes = append(d.Fixes, fx)
		}
	}
	return d
}

// retargetFix rewrites an event call to the SDK event e, importing its
// namespace when needed.
func (app *CLIApp) retargetFix(f *index.File, c *EventCall, e *catalog.SDKEvent) (Fix, bool) {
	title := "Replace with " + e.Namespace + "." + e.Export
	if e.Namespace == c.Namespace && e.Package == c.Package {
		return Fix{Title: title, Edits: []Edit{{Path: f.Path, Span: exportSpan(f, c), NewText: e.Export}}}, true
	}
	if c.Import != nil && c.Import.Namespace != "" && e.Package == c.Package {
		// crm.contacts.onX → crm.<ns>.<export>
		return Fix{Title: title, Edits: []Edit{{Path: f.Path, Span: c.Call.CalleeSpan, NewText: c.Local + "." + e.Namespace + "." + e.Export}}}, true
	}
	mod := importPathOf(e)
	if c.Import != nil && c.Import.Module == mod && c.Import.Namespace == "" && onlyUse(f, c) {
		// The wrong namespace is imported for this call alone: rename it.
		if _, ok := importedAs(f, mod, e.Namespace, nil); !ok {
			for _, n := range c.Import.Names {
				if n.Local == c.Local && n.Imported == c.Local {
					return Fix{Title: title, Edits: []Edit{
						{Path: f.Path, Span: n.Span, NewText: e.Namespace},
						{Path: f.Path, Span: c.Call.CalleeSpan, NewText: e.Namespace + "." + e.Export},
					}}, true
				}
			}
		}
	}
	local, ed := addNamedImport(f, mod, e.Namespace, nil)
	ed = append(ed, Edit{Path: f.Path, Span: c.Call.CalleeSpan, NewText: local + "." + e.Export})
	if e.Package != c.Package {
		title += " from " + e.Package
	}
	return Fix{Title: title, Edits: ed}, true
}

// onlyUse reports whether the call's first name occurs nowhere else in the
// file outside its import statement.
func onlyUse(f *index.File, c *EventCall) bool {
	n := 0
	for _, t := range f.Full().Tokens {
		if t.Kind != scan.Ident || textOf(f.Text(), t.Span) != c.Local {
			continue
		}
		if c.Import != nil && c.Import.Stmt.Start <= t.Span.Start && t.Span.End <= c.Import.Stmt.End {
			continue
		}
		n++
	}
	return n == 1
}

// deprecatedEvent reports a call of an SDK event its typings mark
// @deprecated. It stays a warning after the typings' @targetRemovalDate:
// that date is a target, not a removal Wix has announced as done. Wix's
// versioning page (https://dev.wix.com/docs/api-reference/articles/work-with-wix-apis/platform/about-api-versions)
// says deprecated items remain functional and Wix does not sunset them, and
// the dates move (restaurants orders.onOrderCreated's description says the
// webhook "will be removed on September 30, 2022", its typings give a
// target of 2025-09-30, and the SDK still ships it). Unlike the Velo v1
// events whose pages say they work "until" a date (removed-event), no SDK
// page says such an event is no longer delivered, so "never runs" would
// not be certain. Past the target, the message says plainly that Wix may
// stop calling the handler at any time.
func (app *CLIApp) deprecatedEvent(f *index.File, c *EventCall, today string) Diagnostic {
	e := c.Event
	msg := fmt.Sprintf("%s.%s (%s) is deprecated", e.Namespace, e.Export, e.Package)
	switch {
	case e.TargetRemovalDate != "" && today >= e.TargetRemovalDate:
		msg += fmt.Sprintf(" and its target removal date, %s, has passed: Wix may stop calling this handler at any time", e.TargetRemovalDate)
	case e.TargetRemovalDate != "":
		msg += "; target removal date " + e.TargetRemovalDate
	}
	repl := app.replacement(e)
	switch {
	case repl != nil:
		msg += "; use " + repl.Namespace + "." + repl.Export
	case e.ReplacedBy != "":
		msg += "; replaced by " + e.ReplacedBy
	}
	d := diag(f.Path, exportSpan(f, c), "deprecated-event", msg)
	d.Tags = []Tag{TagDeprecated}
	d.Href = e.DocsURL
	if repl != nil {
		if fx, ok := app.retargetFix(f, c, repl); ok {
			fx.Title = "Migrate to " + repl.Namespace + "." + repl.Export + " (its payload may differ: review the handler body)"
			d.Fixes = []Fix{fx}
		}
	}
	return d
}

// replacement resolves an event's replacedBy ("onX", "ns.onX",
// "@wix/pkg ns.onX" or a full event type) to a catalog event.
func (app *CLIApp) replacement(e *catalog.SDKEvent) *catalog.SDKEvent {
	r := strings.TrimSpace(e.ReplacedBy)
	if r == "" {
		return nil
	}
	pkg := e.Package
	if strings.HasPrefix(r, "@") {
		if i := strings.IndexAny(r, " \t"); i > 0 {
			pkg, r = r[:i], strings.TrimSpace(r[i:])
		}
	}
	r = strings.TrimSuffix(r, "()")
	if ev := app.cat.SDKByEventType(r); len(ev) > 0 {
		return ev[0]
	}
	parts := strings.Split(r, ".")
	switch len(parts) {
	case 1:
		if ev := app.cat.SDK(pkg, e.Namespace, r); ev != nil {
			return ev
		}
		if cands := app.exportCandidates(r, pkg); len(cands) == 1 {
			return cands[0]
		}
	default:
		ns, ex := parts[len(parts)-2], parts[len(parts)-1]
		if ev := app.cat.SDK(pkg, ns, ex); ev != nil {
			return ev
		}
		for _, ev := range app.cat.FindSDKExport(ex) {
			if ev.Namespace == ns {
				return ev
			}
		}
	}
	return nil
}

// defaultExportRules requires the handler's event call to be the file's
// default export: @wix/astro calls the default export at build time and
// fails with "Expected event listener call to be the default export".
func (app *CLIApp) defaultExportRules(h *Handler) []Diagnostic {
	f := h.File
	var ds []Diagnostic
	main := h.Main()
	for _, c := range h.Calls {
		if c.Default {
			continue
		}
		if c != main || main.Default {
			ds = append(ds, diag(f.Path, c.Call.CalleeSpan, "missing-default-export",
				fmt.Sprintf("%s(…) is not the default export, so it is never registered: only the default export's event call is; give each event its own extension", c.Name())))
			continue
		}
		d := diag(f.Path, c.Call.CalleeSpan, "missing-default-export",
			fmt.Sprintf("%s(…) must be the file's default export (`export default %s(…)`): the build calls the default export and fails with \"Expected event listener call to be the default export\"", c.Name(), c.Name()))
		if fx, ok := defaultExportFix(f, c.Call); ok {
			d.Fixes = []Fix{fx}
		}
		ds = append(ds, d)
	}
	return ds
}

var declPrefix = regexp.MustCompile(`^(export\s+)?(const|let|var)\s+([A-Za-z_$][\w$]*)\s*(:[^=]*)?=\s*$`)

func defaultExportFix(f *index.File, c *scan.Call) (Fix, bool) {
	const title = "Make it the default export"
	if c.Depth != 0 || c.Stmt.IsZero() || c.Stmt.Start > c.Span.Start {
		return Fix{}, false
	}
	var other *scan.Export
	for i := range f.Scan.Exports {
		if e := &f.Scan.Exports[i]; e.Form == scan.FormDefault || e.Name == "default" {
			other = e
		}
	}
	prefix := f.Text()[c.Stmt.Start:c.Span.Start]
	if strings.TrimSpace(prefix) == "" {
		if other != nil {
			return Fix{}, false
		}
		return Fix{Title: title, Preferred: true, Edits: []Edit{{Path: f.Path, Span: scan.Span{Start: c.Span.Start, End: c.Span.Start}, NewText: "export default "}}}, true
	}
	m := declPrefix.FindStringSubmatch(prefix)
	if m == nil {
		return Fix{}, false
	}
	edits := []Edit{{Path: f.Path, Span: scan.Span{Start: c.Stmt.Start, End: c.Span.Start}, NewText: "export default "}}
	if other != nil {
		// Only `export default <name>;` of this very binding can go.
		t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(textOf(f.Text(), other.Stmt)), ";"))
		if t != "export default "+m[3] {
			return Fix{}, false
		}
		edits = append(edits, Edit{Path: f.Path, Span: withLineBreak(f.Text(), other.Stmt), NewText: ""})
	}
	return Fix{Title: title, Preferred: true, Edits: edits}, true
}

// duplicateEvent reports an event another active handler of the app also
// handles (compared by event type, so aliases collide).
func (app *CLIApp) duplicateEvent(h *Handler) []Diagnostic {
	var ds []Diagnostic
	for _, main := range h.handledEvents() {
		var rel []Related
		var names []string
		for _, o := range app.HandlersOf(main.key) {
			if o == h {
				continue
			}
			om, ok := o.eventFor(main.key)
			if !ok {
				continue
			}
			rel = append(rel, Related{Path: o.File.Path, Span: om.span, Message: "same event handled here"})
			names = append(names, fmt.Sprintf("%s (%s)", relTo(app.Root, o.File.Path), om.name))
		}
		if len(rel) == 0 {
			continue
		}
		ev := main.name
		if main.eventType != "" {
			ev += " (" + main.eventType + ")"
		}
		d := diag(h.File.Path, main.span, "duplicate-event-handler",
			fmt.Sprintf("the %s already handles %s in %s; %s", app.noun(), ev, strings.Join(names, ", "), app.onePerEvent()))
		d.Related = rel
		app.onePerEventSeverity(&d)
		ds = append(ds, d)
	}
	return ds
}

// onePerEvent states the one-handler-per-event rule for the project. The
// Wix CLI documents it for apps ("You can't have 2 event extensions
// listening to the same event in your app", https://dev.wix.com/docs/
// wix-cli/guides/extensions/backend-extensions/events/event-extension-files-and-code);
// the Studio Two docs state it nowhere (About Backend Events, Event
// Extension Files and Code), so for a site project it is said as what it
// is: the apps' rule, for the same extension framework.
func (app *CLIApp) onePerEvent() string {
	if app.Site() {
		return "Wix allows an app one handler per event; the Studio Two docs do not say whether a site project may have two, so one of them may never run"
	}
	return "an app may have one handler per event"
}

// onePerEventSeverity lowers duplicate-event-handler to a warning in a
// Studio Two site project, where the rule is not documented (onePerEvent).
func (app *CLIApp) onePerEventSeverity(d *Diagnostic) {
	if app.Site() {
		d.Severity = SevWarning
	}
}
