package analysis

// The Wix CLI app model: what the three files of an event extension say
// about each other. A Wix CLI app declares an event extension in three
// places that must agree: a builder (`<name>.extension.ts` calling
// `extensions.event({ id, source })`), the handler file its `source` names
// (resolved as join(srcDir, source), srcDir = src/), whose default export is
// an SDK event call, and the registration `src/extensions.ts`, whose
// `app().use(x)` chain activates the builder. The model is rebuilt from the
// index on every analysis (files are immutable and already scanned, so this
// is a walk over a few slices per file); the rules in cli_rules.go and the
// editor features in lsp/cli_*.go read it.

import (
	"math"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// Modules that export the `extensions` builders (and `app`).
const (
	BuildersModule = "@wix/astro/builders"
	CustomModule   = "@wix/custom-extensions"
)

func builderModule(m string) bool { return m == BuildersModule || m == CustomModule }

// CLIApp is one Wix CLI app: every builder, handler file and the
// registration under one app root (a folder with package.json and src/).
// Apps of a monorepo are separate CLIApp values.
type CLIApp struct {
	Root string // the app folder
	Src  string // Root/src: `source` and the registration are relative to it

	Files        []*index.File
	Builders     []*Builder          // every extensions.*(…) call of every builder file, by path then position
	Handlers     map[string]*Handler // every CLI handler file (a .ts under backend/events/), by path
	Registration *Registration       // src/extensions.ts; nil when the app has none

	// Gen is the Wix tooling the app is built with (cli_project.go);
	// genDeclared: its package.json, or one above it inside the
	// workspace, says so (else only the layout did).
	Gen         Generation
	genDeclared bool

	ws  *index.Workspace
	cat *catalog.Catalog

	deps      map[string]bool          // the packages package.json declares
	installed map[string]*installedPkg // installed @wix packages looked up while building
	scopes    map[string]string        // node_modules/@wix folders looked up while building → real path, "" if none
	realRoot  string                   // the workspace root with links resolved, once per build
	stamps    map[string]stamp         // files read from disk for the model (shim targets), checked on each use
	modules   map[string]moduleInfo    // each @wix import path of the handler files

	// disk records the existence checks that went to disk (paths the index
	// does not hold) while the model was built: they can change without the
	// workspace's generation changing, so a cached model is rebuilt when
	// one of them no longer holds. Written only until sealed.
	disk   map[string]bool
	sealed bool

	active []*Handler            // ActiveHandlers, sorted by path
	byKey  map[string][]*Handler // active handlers by their main call's event key
}

// Value is one property of a builder's options object. It keeps the
// spans the rules report at, not a copy of the property's scan.Arg: a
// model holds two Values per builder, 4,000 builders in a large monorepo.
type Value struct {
	Key     scan.Span
	Span    scan.Span // the value as written (scan.Arg.Span)
	Content scan.Span // the literal's text between its quotes
	Str     string    // the literal's value
	Present bool
	Literal bool // a string literal or a template without substitutions
}

// Source resolution outcomes.
const (
	SourceOK      = iota
	SourceMissing // resolves inside the app, to no file
	SourceOutside // leads outside the app or the workspace: never read
	SourceDynamic // not a literal, or absent
)

// Builder is one `extensions.<kind>({...})` call in a builder file.
type Builder struct {
	File   *index.File
	Call   *scan.Call
	Kind   string // "event", "dashboardPage", …
	Module string // the module `extensions` came from ("" when not imported)
	// Export is "default", the exported name, or "" when the builder is
	// not exported (so nothing can register it).
	Export string
	ID     Value
	Source Value
	// SourcePath is the handler file `source` resolves to (SourceOK), or
	// where it would be (SourceMissing).
	SourcePath   string
	SourceStatus int
	Folder       string // the <folder> of …/backend/events/<folder>/, or ""
	Uses         []*Use // the registration's .use(…) of this builder
	// Inline: written in src/extensions.ts's own .use(…) (inlineBuilders).
	Inline bool
}

// Event reports whether b is an event extension.
func (b *Builder) Event() bool { return b.Kind == "event" }

// Name is how the builder is shown: its folder, else its file's base name.
func (b *Builder) Name() string {
	if b.Folder != "" {
		return b.Folder
	}
	if b.Inline && b.SourcePath != "" {
		return strings.TrimSuffix(filepath.Base(b.SourcePath), filepath.Ext(b.SourcePath))
	}
	return strings.TrimSuffix(filepath.Base(b.File.Path), ".extension.ts")
}

// Handler is one TypeScript file under a backend/events/ folder.
type Handler struct {
	File *index.File
	// Legacy is the older @wix/cli-app layout src/backend/events/<name>/event.ts:
	// no builder, no registration; the file itself is the extension.
	Legacy   bool
	Folder   string
	Builders []*Builder // builders whose source names this file
	Calls    []*EventCall
	// Forward is the file a re-export shim takes its default export from
	// (`export { default } from './handler'`, or `import h from
	// './handler'; export default h`), "" when the file is no shim;
	// ForwardSpan is the statement that forwards it.
	Forward     string
	ForwardSpan scan.Span
	// ForwardedBy are the loaded shims whose default export is this
	// file's: the platform loads it through them.
	ForwardedBy []*Handler
	forwardName string // the export of Forward the shim forwards ("default", or a name)
	// Forwarded is what a loaded shim's target says when it is a file
	// the index does not hold (outside the events folders); nil otherwise.
	Forwarded *ForwardedFile
	// Stray marks a legacy-layout event.ts in a project whose tooling
	// never reads that layout (legacyLoaded).
	Stray bool

	loaded bool
}

// Active reports whether the platform loads f as an event handler: a builder
// names it (or a shim a builder names forwards to it), or it is a legacy
// event.ts of a project whose tooling reads that layout.
func (h *Handler) Active() bool { return h.loaded }

// Main returns the call that is the file's default export, else the first
// top-level event call, else the first one; nil without any.
func (h *Handler) Main() *EventCall {
	for _, c := range h.Calls {
		if c.Default {
			return c
		}
	}
	for _, c := range h.Calls {
		if c.Call.Depth == 0 {
			return c
		}
	}
	if len(h.Calls) > 0 {
		return h.Calls[0]
	}
	return nil
}

// Handled returns the calls whose events the file handles: its main call;
// in a Wix CLI for Apps event.ts, which runs as a module, every top-level
// event call (one per event).
func (h *Handler) Handled() []*EventCall {
	m := h.Main()
	if m == nil {
		return nil
	}
	if !h.Legacy {
		return []*EventCall{m}
	}
	var out []*EventCall
	seen := map[string]bool{}
	for _, c := range h.Calls {
		if c.Call.Depth == 0 && !seen[c.Key()] {
			seen[c.Key()] = true
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []*EventCall{m}
	}
	return out
}

// handledEvent is one event a handler file handles, and where it says so:
// its event call, or, for a shim whose target the index does not hold, the
// shim's re-export.
type handledEvent struct {
	key, name, eventType string
	span                 scan.Span // in the handler file
}

// handledEvents returns the events h handles: those of Handled, or a
// shim's target's default export (Forwarded).
func (h *Handler) handledEvents() []handledEvent {
	var out []handledEvent
	for _, c := range h.Handled() {
		ev := handledEvent{key: c.Key(), name: c.Name(), span: c.Call.CalleeSpan}
		if c.Event != nil {
			ev.eventType = c.Event.EventType
		}
		out = append(out, ev)
	}
	if len(out) == 0 && h.Forwarded != nil && h.Forwarded.Key != "" {
		ff := h.Forwarded
		out = append(out, handledEvent{key: ff.Key, name: ff.DefaultName, eventType: ff.EventType, span: h.ForwardSpan})
	}
	return out
}

// eventFor returns the handled event with this key.
func (h *Handler) eventFor(key string) (handledEvent, bool) {
	for _, e := range h.handledEvents() {
		if e.key == key {
			return e, true
		}
	}
	return handledEvent{}, false
}

// EventCall is a call that registers (or tries to register) an SDK event
// listener: `contacts.onContactCreated(…)`, `crm.contacts.onX(…)`, or an
// event function imported on its own (`onContactCreated(…)`, the seed docs'
// mistake).
type EventCall struct {
	Call      *scan.Call
	Import    *scan.Import // the import the callee's first name comes from; nil when not imported
	Local     string       // the callee's first name
	Module    string       // Import.Module
	Package   string       // the catalog package Module names, "" when it names none
	Namespace string       // "" for a direct call
	Export    string
	Direct    bool              // the event function was imported by itself
	Event     *catalog.SDKEvent // nil when the catalog does not know it
	// Default: the call's value is the file's default export, directly
	// (`export default ns.onX(…)`) or through a constant (`const l =
	// ns.onX(…); export default l` or `export { l as default }`): the same
	// value either way.
	Default bool
}

// Name is the call as the user wrote its target: "contacts.onContactCreated".
func (c *EventCall) Name() string {
	if c.Namespace == "" {
		return c.Export
	}
	return c.Namespace + "." + c.Export
}

// Key identifies the event for duplicate detection: its event type when
// known (aliases such as cart/currentCart.onCartCreated share one),
// otherwise the package, namespace and export.
func (c *EventCall) Key() string {
	if c.Event != nil && c.Event.EventType != "" {
		return c.Event.EventType
	}
	if c.Event != nil {
		return c.Event.Key()
	}
	return c.Package + "\x00" + c.Namespace + "\x00" + c.Export
}

// Registration is src/extensions.ts.
type Registration struct {
	File *index.File
	Uses []*Use
	// Chain is the outermost `app()…` call, where a new .use(…) goes; nil
	// when the file has no app() call.
	Chain *scan.Call
	// Rejected says why the build registers none of the builders the file
	// lists ("its default export is an array …"), "" when it does: the
	// build reads the default export's `extensions`.
	Rejected string
	// Opaque is a registration written in a form this analysis does not
	// follow (`{ extensions: list }`, `export default make()`): no
	// builder is then called unregistered.
	Opaque bool
	// List is a registration written `export default { extensions: [ … ] }`.
	List bool
}

// Use is one argument of a .use(…) call in the registration.
type Use struct {
	Reg    *Registration
	Local  string
	Span   scan.Span // the argument
	Call   *scan.Call
	Import *scan.Import // where Local comes from; nil when not imported
	Path   string       // the imported builder file
	Export string       // "default" or the imported name
	Target *Builder     // nil when unresolved
}

// CLIApp returns the model of the Wix CLI app containing path, or nil when
// path belongs to none.
func (a *Analyzer) CLIApp(path string) *CLIApp {
	root := appRootOf(a.WS, path)
	if root == "" {
		return nil
	}
	return cachedApp(a.WS, a.Catalog(path), root)
}

// The app model is cached per workspace, catalog and app root, and rebuilt
// when the workspace's generation moves or a disk check it relied on no
// longer holds: every file of an app is re-diagnosed on any change in it,
// and each would otherwise rebuild the same model.
//
// Only the maxApps models used last are kept. A model is ~90 KB for an
// app of 200 extension files: all 40 apps of the workspace held
// 3.6 MB, a sixth of the server's live heap, for apps nobody was editing.
// The rules visit files in path order, so an app's files come together and
// each model is built once per pass all the same; an edit needs its own
// app's model (and its dependents are in that app).
type appKey struct {
	ws   *index.Workspace
	cat  *catalog.Catalog
	root string
}

type appEntry struct {
	gen  uint64
	app  *CLIApp
	used uint64 // appCache.clock at the last hit
	// When diskUnchanged last held: the workspace's disk epoch and the
	// time. Under appCache's lock.
	diskEpoch uint64
	diskAt    time.Time
}

// diskRecheck is how long a model's look at untracked files on disk
// (diskUnchanged: a stat of each) is trusted while no watched-file event
// arrives, in a server that receives them. Checking on every use cost a stat per missing source per
// publish: re-publishing an app of 1,000 extensions whose registry named
// 500 deleted builders took ~50 s of system calls.
const diskRecheck = 250 * time.Millisecond

const maxApps = 8

var appCache struct {
	sync.Mutex
	m     map[appKey]*appEntry
	clock uint64
}

func cachedApp(ws *index.Workspace, cat *catalog.Catalog, root string) *CLIApp {
	cat = appCatalog(ws, cat, root) // the app's installed @wix packages win
	k := appKey{ws, cat, root}
	gen := ws.Generation()
	epoch := ws.DiskEpoch()
	appCache.Lock()
	e := appCache.m[k]
	fresh := false
	if e != nil && e.gen == gen {
		appCache.clock++
		e.used = appCache.clock
		// Only where watched-file events arrive (epoch > 0: the server
		// with a watching editor), which report such files' creation and
		// deletion too, or in check's one-shot snapshot; without them
		// (other clients) every use looks.
		fresh = ws.Snapshot() || epoch > 0 && e.diskEpoch == epoch && time.Since(e.diskAt) < diskRecheck
	}
	appCache.Unlock()
	// diskUnchanged stats files: outside the lock. A model is immutable
	// once built (sealed), so a hit is shared as is.
	if e != nil && e.gen == gen && (fresh || e.app.diskUnchanged()) {
		if !fresh {
			appCache.Lock()
			e.diskEpoch, e.diskAt = epoch, time.Now()
			appCache.Unlock()
		}
		return e.app
	}
	app := buildApp(ws, cat, root)
	appCache.Lock()
	defer appCache.Unlock()
	if appCache.m == nil {
		appCache.m = map[appKey]*appEntry{}
	}
	appCache.clock++
	appCache.m[k] = &appEntry{gen: gen, app: app, used: appCache.clock, diskEpoch: epoch, diskAt: time.Now()}
	for len(appCache.m) > maxApps {
		var oldest appKey
		var at uint64 = math.MaxUint64
		for k, e := range appCache.m {
			if e.used < at {
				oldest, at = k, e.used
			}
		}
		delete(appCache.m, oldest)
	}
	return app
}

func (app *CLIApp) diskUnchanged() bool {
	for p, was := range app.disk {
		if app.ws.File(p) == nil && app.ws.Exists(p) != was {
			return false
		}
	}
	for p, st := range app.stamps {
		if stampOf(p) != st {
			return false
		}
	}
	return true
}

// appRootOf returns the app folder of path: the index's innermost folder
// with package.json and src/, or, when no package.json marks it, the folder
// above the path's innermost src/ segment.
func appRootOf(ws *index.Workspace, p string) string {
	if r := ws.AppRoot(p); r != "" {
		return r
	}
	root := ws.RootOf(p)
	if root == nil {
		return ""
	}
	rel, err := filepath.Rel(root.Path, p)
	if err != nil {
		return ""
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for i := len(segs) - 2; i >= 0; i-- {
		if segs[i] == "src" {
			return filepath.Join(root.Path, filepath.FromSlash(strings.Join(segs[:i], "/")))
		}
	}
	return ""
}

func buildApp(ws *index.Workspace, cat *catalog.Catalog, root string) *CLIApp {
	app := &CLIApp{Root: root, Src: filepath.Join(root, "src"), Handlers: map[string]*Handler{}, ws: ws, cat: cat, disk: map[string]bool{}}
	defer func() { app.sealed = true }()
	// The index groups CLI files by their marked app root (package.json
	// and src/); an app without a package.json is among the unmarked.
	cands := ws.AppFiles(root)
	if ws.AppRoot(root) != root {
		cands = ws.AppFiles("")
	}
	for _, f := range cands {
		if !index.Within(root, f.Path) || appRootOf(ws, f.Path) != root {
			continue
		}
		app.Files = append(app.Files, f)
	}
	for _, f := range app.Files {
		switch f.Kind {
		case index.KindCLIBuilder:
			app.Builders = append(app.Builders, app.builders(f)...)
		case index.KindCLIHandler:
			app.Handlers[f.Path] = app.handler(f)
		case index.KindCLIRegistration:
			if filepath.Dir(f.Path) == app.Src {
				app.Registration = app.registration(f)
				app.Builders = append(app.Builders, app.inlineBuilders(f, app.Registration)...)
			}
		}
	}
	for _, b := range app.Builders {
		if b.Event() && b.SourceStatus == SourceOK {
			if h := app.Handlers[b.SourcePath]; h != nil {
				h.Builders = append(h.Builders, b)
			}
		}
	}
	app.detectProject()
	for _, h := range app.Handlers {
		if h.Legacy && len(h.Builders) > 0 {
			h.Legacy = false
		}
		h.Stray = h.Legacy && !app.legacyLoaded()
		h.loaded = len(h.Builders) > 0 || (h.Legacy && !h.Stray)
	}
	// A loaded shim loads the file it forwards to (shims of shims: a few
	// rounds, never a cycle's worth).
	for round := 0; round < 4; round++ {
		changed := false
		for _, h := range app.Handlers {
			t := app.Handlers[h.Forward]
			// Only a forwarded default export makes the target's default
			// export the handler; a named one is not followed.
			if !h.loaded || h.forwardName != "default" || t == nil || t == h || containsHandler(t.ForwardedBy, h) {
				continue
			}
			t.ForwardedBy = append(t.ForwardedBy, h)
			if !t.loaded {
				t.loaded, changed = true, true
			}
		}
		if !changed {
			break
		}
	}
	for _, h := range app.Handlers {
		if h.loaded && h.forwardName == "default" && app.Handlers[h.Forward] == nil {
			h.Forwarded = app.readForwarded(h.Forward)
		}
	}
	app.readModules()
	app.byKey = map[string][]*Handler{}
	for _, h := range app.Handlers {
		if h.Active() {
			app.active = append(app.active, h)
		}
	}
	sort.Slice(app.active, func(i, j int) bool { return app.active[i].File.Path < app.active[j].File.Path })
	for _, h := range app.active {
		for _, e := range h.handledEvents() {
			app.byKey[e.key] = append(app.byKey[e.key], h)
		}
	}
	if r := app.Registration; r != nil {
		for _, u := range r.Uses {
			for _, b := range app.Builders {
				if b.File.Path == u.Path && b.Export != "" && b.Export == u.Export {
					u.Target = b
					b.Uses = append(b.Uses, u)
				}
			}
		}
	}
	return app
}

// srcRel returns p relative to src/, slash-separated, as `source` spells it
// ("./extensions/backend/events/x/x.ts").
func (app *CLIApp) srcRel(p string) string {
	rel, err := filepath.Rel(app.Src, p)
	if err != nil {
		return p
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel
}

// eventsFolder returns the <folder> of a path under …/backend/events/<folder>/…
// (relative to src), and whether the path is the legacy
// backend/events/<folder>/event.ts.
func (app *CLIApp) eventsFolder(p string) (folder string, legacy bool) {
	rel, err := filepath.Rel(app.Src, p)
	if err != nil {
		return "", false
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for i := 0; i+3 < len(segs); i++ {
		if segs[i] == "backend" && segs[i+1] == "events" {
			folder = segs[i+2]
			legacy = i == 0 && len(segs) == 4 && segs[3] == "event.ts"
			return folder, legacy
		}
	}
	return "", false
}

// ResolveSource resolves a builder's `source` as @wix/astro does,
// join(srcDir, source). A path leading outside the app or the workspace is
// SourceOutside and is never looked at. Besides the exact file, a source
// without an extension or with .js for a .ts file is accepted, as the
// bundler resolves them.
func (app *CLIApp) ResolveSource(source string) (string, int) {
	p := filepath.Join(app.Src, filepath.FromSlash(source))
	if !index.Within(app.Root, p) || app.ws.RootOf(p) == nil {
		return p, SourceOutside
	}
	if f := app.ws.File(p); f != nil {
		return f.Path, SourceOK // the index's string: no copy per model
	}
	if app.exists(p) {
		return p, SourceOK
	}
	switch ext := path.Ext(source); ext {
	case "":
		for _, e := range []string{".ts", ".tsx", ".js"} {
			if app.exists(p + e) {
				return p + e, SourceOK
			}
		}
	case ".js":
		if q := strings.TrimSuffix(p, ".js") + ".ts"; app.exists(q) {
			return q, SourceOK
		}
	}
	return p, SourceMissing
}

func (app *CLIApp) exists(p string) bool {
	if f := app.ws.File(p); f != nil {
		return true
	}
	ok := app.ws.Exists(p)
	if !app.sealed {
		app.disk[p] = ok
	}
	return ok
}

// value reads the property key of an options object.
// f's text is read only for what the parse does not say (a template's
// substitutions, a literal without its content span): a closed file's text
// is read back from disk when asked for (index.File.Text).
func value(f *index.File, props []scan.Prop, key string) Value {
	for _, p := range props {
		if p.Key != key {
			continue
		}
		v := Value{Present: true, Key: p.KeySpan, Span: p.Value.Span}
		switch p.Value.Kind {
		case scan.ArgString, scan.ArgTemplate:
			// A template with substitutions is computed, not a literal.
			if p.Value.Kind == scan.ArgTemplate && strings.Contains(textOf(f.Text(), p.Value.Span), "${") {
				break
			}
			v.Literal = true
			v.Str = p.Value.Str
			v.Content = p.Value.StrSpan
			if v.Content.IsZero() {
				v.Content = quotedContent(f.Text(), p.Value.Span)
			}
		}
		return v
	}
	return Value{}
}

// quotedContent returns the span between a literal's quotes (tolerating a
// missing closing quote).
func quotedContent(text string, sp scan.Span) scan.Span {
	if int(sp.End) > len(text) || sp.Start >= sp.End {
		return sp
	}
	q := text[sp.Start]
	if q != '\'' && q != '"' && q != '`' {
		return sp
	}
	c := scan.Span{Start: sp.Start + 1, End: sp.End}
	if c.End > c.Start && text[c.End-1] == q {
		c.End--
	}
	return c
}

// builders reads every extensions.*(…) call of a builder file.
func (app *CLIApp) builders(f *index.File) []*Builder {
	sf := f.Scan
	// The local names `extensions` is bound to, and namespace imports of
	// the builders modules (b.extensions.event).
	locals := map[string]string{}
	nsLocals := map[string]string{}
	for i := range sf.Imports {
		im := &sf.Imports[i]
		if !builderModule(im.Module) {
			continue
		}
		for _, n := range im.Names {
			if n.Imported == "extensions" {
				locals[n.Local] = im.Module
			}
		}
		if im.Namespace != "" {
			nsLocals[im.Namespace] = im.Module
		}
	}
	if len(locals) == 0 {
		locals["extensions"] = "" // tolerate a missing or misspelt import
	}
	var out []*Builder
	for i := range sf.Calls {
		c := &sf.Calls[i]
		parts := strings.Split(c.Callee, ".")
		var mod string
		var ok bool
		switch len(parts) {
		case 2:
			mod, ok = locals[parts[0]]
		case 3:
			mod, ok = nsLocals[parts[0]]
			ok = ok && parts[1] == "extensions"
		}
		if !ok || strings.ContainsAny(c.Callee, "()") {
			continue
		}
		b := &Builder{File: f, Call: c, Kind: parts[len(parts)-1], Module: mod}
		if len(c.Args) > 0 && c.Args[0].Kind == scan.ArgObject {
			b.ID = value(f, c.Args[0].Props, "id")
			b.Source = value(f, c.Args[0].Props, "source")
		}
		b.Export = exportOf(f, c)
		b.Folder, _ = app.eventsFolder(f.Path)
		b.SourceStatus = SourceDynamic
		if b.Source.Literal {
			b.SourcePath, b.SourceStatus = app.ResolveSource(b.Source.Str)
		}
		out = append(out, b)
	}
	return out
}

// inlineBuilders returns the builders written inside src/extensions.ts
// itself, `app().use(extensions.event({ id, source }))`: a form real
// projects and Wix's own skill files use. Each is registered by the .use()
// it sits in; its folder is its handler's (the file has none of its own).
func (app *CLIApp) inlineBuilders(f *index.File, r *Registration) []*Builder {
	bs := app.builders(f)
	for _, b := range bs {
		if b.SourceStatus == SourceOK || b.SourceStatus == SourceMissing {
			b.Folder, _ = app.eventsFolder(b.SourcePath)
		}
		b.Inline = true
		b.Uses = []*Use{{Reg: r, Span: b.Call.Span, Call: b.Call, Path: f.Path, Target: b}}
	}
	return bs
}

// exportOf returns how a call's value is exported: "default" for
// `export default call`, the name for `export const x = call`, and for
// `const x = call` the name x is exported under (`export default x`,
// `export { x }`); "" when it is not exported.
func exportOf(f *index.File, c *scan.Call) string {
	if c.ExportDefault {
		return "default"
	}
	sf := f.Scan
	for _, e := range sf.Exports {
		if e.Form == scan.FormConstCall && e.Stmt.Start <= c.Span.Start && c.Span.End <= e.Stmt.End && e.Depth == 0 {
			return e.Name
		}
	}
	name := c.Assigned
	if name == "" {
		return ""
	}
	for _, e := range sf.Exports {
		switch e.Form {
		case scan.FormDefault:
			if e.Local == name || strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(textOf(f.Text(), e.Stmt)), ";")) == "export default "+name {
				return "default"
			}
		case scan.FormList, scan.FormConstIdent:
			if e.Local == name {
				return e.Name
			}
		}
	}
	return ""
}

func textOf(text string, sp scan.Span) string {
	if sp.Start < 0 || int(sp.End) > len(text) || sp.Start > sp.End {
		return ""
	}
	return text[sp.Start:sp.End]
}

// SDKPackageOf returns the catalog package an import path names ("" when
// it names none): import paths equal package names for the @wix packages.
// The index lives in the catalog: a per-app catalog (installed packages)
// is dropped with its app, which a cache here keyed by catalog would
// prevent.
func SDKPackageOf(cat *catalog.Catalog, module string) string {
	return cat.SDKPackageOf(module)
}

// wixModule reports whether an import path is one of Wix's npm packages.
func wixModule(m string) bool { return strings.HasPrefix(m, "@wix/") }

// handler reads the event calls of a handler file.
func (app *CLIApp) handler(f *index.File) *Handler {
	h := &Handler{File: f}
	h.Folder, h.Legacy = app.eventsFolder(f.Path)
	h.Calls = eventCalls(f, app.cat)
	if len(h.Calls) == 0 {
		if from, name, span := forwardedDefault(f); from != "" {
			h.Forward, h.ForwardSpan, h.forwardName = from, span, name
			if strings.HasPrefix(from, ".") {
				h.Forward = app.resolveImport(f, from)
			}
			// From a package: not followed (nothing reported either).
		}
	}
	return h
}

// forwardedDefault returns the module a file's default export is
// re-exported from (relative, or a package, which is not followed), and the
// export of that module it is: `export { default }
// from './x'` and `import h from './x'; export default h;` forward "default";
// `export { h as default } from './x'` forwards "h".
func forwardedDefault(f *index.File) (string, string, scan.Span) {
	sf := f.Scan
	for _, e := range sf.Exports {
		if e.Name != "default" || e.Depth != 0 {
			continue
		}
		switch e.Form {
		case scan.FormReexport:
			if e.From != "" && e.Local != "*" {
				return e.From, e.Local, e.Stmt
			}
		case scan.FormDefault, scan.FormList:
			if e.Local == "" || strings.Contains(e.Local, ".") {
				continue
			}
			for _, im := range sf.Imports {
				if im.Module == "" || im.TypeOnly || wixModule(im.Module) {
					continue
				}
				if im.Default == e.Local {
					return im.Module, "default", e.Stmt
				}
				for _, n := range im.Names {
					if n.Local == e.Local {
						return im.Module, n.Imported, e.Stmt
					}
				}
			}
		}
	}
	return "", "", scan.Span{}
}

func containsHandler(hs []*Handler, h *Handler) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

// eventCalls finds the SDK event listener calls of a file.
func eventCalls(f *index.File, cat *catalog.Catalog) []*EventCall {
	sf := f.Scan
	bound := bindingsOf(sf)
	var out []*EventCall
	for i := range sf.Calls {
		c := &sf.Calls[i]
		if strings.ContainsAny(c.Callee, "()[") {
			continue
		}
		parts := strings.Split(c.Callee, ".")
		b, imported := bound[parts[0]]
		imported = imported && !b.def // an SDK package has no default export
		ec := &EventCall{Call: c, Local: parts[0]}
		if imported {
			ec.Import, ec.Module = b.im, b.im.Module
			ec.Package = SDKPackageOf(cat, b.im.Module)
			if base, sub := splitModule(b.im.Module); ec.Package == "" && sub == "context" {
				// @wix/<pkg>/context: the namespaces of <pkg>, bound to the
				// caller's context (the Wix CLI for Apps template's import).
				ec.Package = SDKPackageOf(cat, base)
			}
		}
		switch {
		case len(parts) == 1 && imported && b.imported != "" && wixModule(b.im.Module):
			ec.Direct, ec.Export = true, b.imported
		case len(parts) == 2 && imported && b.imported != "" && wixModule(b.im.Module):
			ec.Namespace, ec.Export = b.imported, parts[1]
		case len(parts) == 3 && imported && b.imported == "" && wixModule(b.im.Module):
			ec.Namespace, ec.Export = parts[1], parts[2]
		case len(parts) == 2 && !imported && isOnEvent(parts[1]) && len(cat.FindSDKExport(parts[1])) > 0:
			// contacts.onX(…) without importing contacts.
			ec.Namespace, ec.Export = parts[0], parts[1]
		default:
			continue
		}
		if ec.Package != "" && ec.Namespace != "" {
			ec.Event = cat.SDK(ec.Package, ec.Namespace, ec.Export)
		}
		if ec.Event == nil && !isOnEvent(ec.Export) {
			continue // contacts.getContact(…) and other API calls
		}
		ec.Default = c.ExportDefault || (c.Depth == 0 && c.Assigned != "" && exportOf(f, c) == "default")
		out = append(out, ec)
	}
	return out
}

// registration reads src/extensions.ts.
func (app *CLIApp) registration(f *index.File) *Registration {
	r := &Registration{File: f}
	sf := f.Scan
	type binding struct {
		im       *scan.Import
		imported string
	}
	bound := map[string]binding{}
	for i := range sf.Imports {
		im := &sf.Imports[i]
		if im.Default != "" {
			bound[im.Default] = binding{im, "default"}
		}
		for _, n := range im.Names {
			bound[n.Local] = binding{im, n.Imported}
		}
	}
	use := func(name string, span scan.Span, c *scan.Call) {
		u := &Use{Reg: r, Local: name, Span: span, Call: c}
		if b, ok := bound[name]; ok && strings.HasPrefix(b.im.Module, ".") {
			u.Import, u.Export = b.im, b.imported
			u.Path = app.resolveImport(f, b.im.Module)
		}
		r.Uses = append(r.Uses, u)
	}
	defaultCall := false
	for i := range sf.Calls {
		c := &sf.Calls[i]
		if c.ExportDefault {
			defaultCall = true
			// export default make(…): a registration not built with app().
			r.Opaque = !isAppChain(c.Callee) && !strings.HasSuffix(c.Callee, ".use")
		}
		if isAppChain(c.Callee) && (r.Chain == nil || c.Span.Len() > r.Chain.Span.Len()) {
			r.Chain = c
		}
		if !strings.HasSuffix(c.Callee, ".use") && c.Callee != "use" {
			continue
		}
		for _, arg := range c.Args {
			if arg.Kind != scan.ArgIdent {
				continue
			}
			name := strings.TrimSpace(arg.Text)
			if name == "" {
				name = textOf(f.Text(), arg.Span)
			}
			use(name, arg.Span, c)
		}
	}
	if !defaultCall {
		app.registrationForm(r, use, func(name string) bool {
			b, ok := bound[name]
			return ok && strings.HasPrefix(b.im.Module, ".")
		})
	}
	return r
}

// registrationForm reads a registration whose default export is not a
// call. @wix/astro loads src/extensions.ts and reads
// `.default.extensions` (loadExtensions in @wix/astro 2.74.0), and
// app().use(x) pushes x onto that list and returns the app; so
// `export default { extensions: [a, b] }` registers a and b as well, and
// `const a = app(); a.use(x); export default a;` registers x. Other forms
// list builders the build never reads: an array as the default export, an
// object without `extensions`, or no default export at all (a named
// `export const extensions = […]`, `export const myApp = app().use(…)`).
// Reading the form needs the file's tokens; the common registration, a
// default-exported app() chain, never comes here.
func (app *CLIApp) registrationForm(r *Registration, use func(string, scan.Span, *scan.Call), imported func(string) bool) {
	f := r.File
	var def *scan.Export
	for i := range f.Scan.Exports {
		if e := &f.Scan.Exports[i]; e.Name == "default" && e.Depth == 0 {
			def = e
		}
	}
	if def == nil {
		list := namedList(f)
		if len(r.Uses) > 0 || list != nil {
			r.Rejected = "it has no default export (the build reads the default export's extensions: `export default app().use(…)`)"
			if len(r.Uses) == 0 {
				full := f.Full()
				importedUses(f, full, list.NameSpan.End, list.Stmt.End, use, imported)
			}
		}
		return
	}
	if def.Form != scan.FormDefault {
		r.Opaque = true // export { x as default } / re-exported: not followed
		return
	}
	full := f.Full()
	toks := full.Tokens
	text := f.Text()
	// The first token after the `default` keyword.
	k := -1
	for i, t := range toks {
		if t.Span.Start >= def.NameSpan.End && t.Kind != scan.Comment {
			k = i
			break
		}
	}
	if k < 0 {
		return
	}
	switch textOf(text, toks[k].Span) {
	case "{":
		if open, ok := extensionsArray(full, text, k); ok {
			if open < 0 {
				r.Opaque = true
				return
			}
			r.List = true
			if !listUses(f, full, open, def.Stmt.End, use) {
				r.Opaque = true
			}
			return
		}
		r.Rejected = "its default export is an object without an `extensions` list (the build reads the default export's extensions)"
		importedUses(f, full, toks[k].Span.Start, def.Stmt.End, use, imported)
	case "[":
		r.Rejected = "its default export is an array, and the build reads the default export's `extensions` (`export default app().use(…)` or `export default { extensions: [ … ] }`)"
		importedUses(f, full, toks[k].Span.Start, def.Stmt.End, use, imported)
	default:
		// `export default a`, a being the app the .use(…) calls build
		// (`const a = app(); a.use(x);`); any other value is not followed.
		name := textOf(text, toks[k].Span)
		if toks[k].Kind == scan.Ident && (len(r.Uses) > 0 || r.Chain != nil && r.Chain.Assigned == name) {
			return
		}
		r.Opaque = true
	}
}

// extensionsArray finds the `extensions:` property of the object literal
// opening at token k: ok when there is one; open is its '[' token, or -1
// when its value is not an array literal.
func extensionsArray(full *scan.File, text string, k int) (open int, ok bool) {
	toks := full.Tokens
	d := toks[k].Depth + 1
	for i := k + 1; i < len(toks) && toks[i].Depth >= d; i++ {
		t := toks[i]
		if t.Depth != d || t.Kind == scan.Comment {
			continue
		}
		w := textOf(text, t.Span)
		if w != "extensions" && w != `"extensions"` && w != "'extensions'" {
			continue
		}
		j := nextTok(toks, i)
		if j < 0 || textOf(text, toks[j].Span) != ":" {
			if j >= 0 && (textOf(text, toks[j].Span) == "," || textOf(text, toks[j].Span) == "}") {
				return -1, true // { extensions } shorthand: a variable
			}
			continue
		}
		v := nextTok(toks, j)
		if v >= 0 && textOf(text, toks[v].Span) == "[" {
			return v, true
		}
		return -1, true
	}
	return 0, false
}

func nextTok(toks []scan.Token, i int) int {
	for j := i + 1; j < len(toks); j++ {
		if toks[j].Kind != scan.Comment {
			return j
		}
	}
	return -1
}

// listUses records each identifier element of the array or object literal
// opening at token open (through end) as a Use; false when an element is
// something else (a spread, a call), which this analysis does not follow.
func listUses(f *index.File, full *scan.File, open int, end int32, use func(string, scan.Span, *scan.Call)) bool {
	toks := full.Tokens
	text := f.Text()
	if open >= len(toks) {
		return false
	}
	d := toks[open].Depth + 1
	all := true
	var elem []int
	flush := func() {
		switch {
		case len(elem) == 1 && toks[elem[0]].Kind == scan.Ident:
			use(textOf(text, toks[elem[0]].Span), toks[elem[0]].Span, nil)
		case len(elem) > 0:
			all = false
		}
		elem = elem[:0]
	}
	for i := open + 1; i < len(toks) && toks[i].Span.Start < end; i++ {
		t := toks[i]
		if t.Depth < d {
			break
		}
		if t.Kind == scan.Comment {
			continue
		}
		if t.Depth == d && textOf(text, t.Span) == "," {
			flush()
			continue
		}
		elem = append(elem, i)
	}
	flush()
	return all
}

// importedUses records as a Use each identifier in [start, end) that names a
// relative import: the builders a rejected registration lists.
func importedUses(f *index.File, full *scan.File, start, end int32, use func(string, scan.Span, *scan.Call), imported func(string) bool) {
	text := f.Text()
	for _, t := range full.Tokens {
		if t.Span.Start < start || t.Kind != scan.Ident {
			continue
		}
		if t.Span.Start >= end {
			break
		}
		if name := textOf(text, t.Span); imported(name) {
			use(name, t.Span, nil)
		}
	}
}

// namedList returns a top-level `export const extensions = …`, nil when
// there is none.
func namedList(f *index.File) *scan.Export {
	for i := range f.Scan.Exports {
		if e := &f.Scan.Exports[i]; e.Name == "extensions" && e.Depth == 0 {
			return e
		}
	}
	return nil
}

func isAppChain(callee string) bool { return callee == "app" || strings.HasPrefix(callee, "app().") }

// resolveImport resolves a relative import of file f to an indexed or
// existing file (with or without its .ts extension).
func (app *CLIApp) resolveImport(f *index.File, module string) string {
	p := filepath.Join(filepath.Dir(f.Path), filepath.FromSlash(module))
	if !index.Within(app.Root, p) {
		return p
	}
	cands := []string{p}
	switch path.Ext(module) {
	case ".ts":
	case ".js":
		cands = append(cands, strings.TrimSuffix(p, ".js")+".ts")
	default:
		cands = append(cands, p+".ts", filepath.Join(p, "index.ts"))
	}
	for _, c := range cands {
		if f := app.ws.File(c); f != nil {
			return f.Path // the index's string: no copy per model
		}
	}
	for _, c := range cands {
		if app.exists(c) {
			return c
		}
	}
	return p
}

// EventBuilders returns the app's event builders.
func (app *CLIApp) EventBuilders() []*Builder {
	var out []*Builder
	for _, b := range app.Builders {
		if b.Event() {
			out = append(out, b)
		}
	}
	return out
}

// ActiveHandlers returns the handler files the platform loads, sorted by path.
func (app *CLIApp) ActiveHandlers() []*Handler { return append([]*Handler(nil), app.active...) }

// HandlersOf returns the active handlers whose main call handles the event
// with this key (EventCall.Key), sorted by path.
func (app *CLIApp) HandlersOf(key string) []*Handler {
	return append([]*Handler(nil), app.byKey[key]...)
}

// BuildersIn returns the builders declared in the file at p.
func (app *CLIApp) BuildersIn(p string) []*Builder {
	var out []*Builder
	for _, b := range app.Builders {
		if b.File.Path == p {
			out = append(out, b)
		}
	}
	return out
}

// BuildersWithID returns the builders (of any kind) whose id is the literal id.
func (app *CLIApp) BuildersWithID(id string) []*Builder {
	var out []*Builder
	for _, b := range app.Builders {
		if b.ID.Literal && b.ID.Str == id {
			out = append(out, b)
		}
	}
	return out
}

// Catalog returns the catalog the app was analysed with.
func (app *CLIApp) Catalog() *catalog.Catalog { return app.cat }

// SrcRel is srcRel for the editor features: p relative to src/ as `source`
// spells it.
func (app *CLIApp) SrcRel(p string) string { return app.srcRel(p) }
