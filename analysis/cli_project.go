package analysis

// What kind of Wix project an app folder is, and what its installed @wix
// packages say. Wix has shipped three generations of tooling for the same
// event extensions, and a rule that holds for one is wrong for another:
//
//   - the Wix CLI (@wix/astro): a builder <name>.extension.ts, its handler
//     file, and src/extensions.ts registering the builder with app().use();
//     at build time @wix/astro calls the handler file's default export
//     ("Expected event listener call to be the default export");
//   - @wix/custom-extensions projects (Studio Two site projects and
//     standalone Wix CLI projects): the same three files, the builder
//     imported from @wix/custom-extensions; the handler is the file's
//     default export (dev.wix.com/docs/backend-extensions/backend-events/
//     event-extension-files-and-code);
//   - the Wix CLI for Apps (@wix/cli-app, `wix app build`, deprecated):
//     src/backend/events/<name>/event.ts, no builder, no registration; the
//     generated event.ts is a bare top-level call
//     `contacts.onContactCreated((event) => …)`, with no default export.
//
// The generation comes from the app's package.json (the packages it
// declares), else from its layout (which builders module its builder files
// import, legacy event.ts files).

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// Generation is the Wix tooling an app is built with.
type Generation uint8

// The generations, GenUnknown when neither package.json nor the layout
// tells.
const (
	GenUnknown Generation = iota
	GenAstro              // the Wix CLI: @wix/astro
	GenCustom             // @wix/custom-extensions: Studio Two site projects, standalone projects
	GenLegacy             // the Wix CLI for Apps: @wix/cli-app
)

// String names the generation as messages do.
func (g Generation) String() string {
	switch g {
	case GenAstro:
		return "the Wix CLI (@wix/astro)"
	case GenCustom:
		return "@wix/custom-extensions"
	case GenLegacy:
		return "the Wix CLI for Apps (@wix/cli-app)"
	}
	return "unknown"
}

// maxManifest bounds the package.json files read (a real one is a few KB).
const maxManifest = 1 << 20

// manifest is what the rules read of a package.json.
type manifest struct {
	Version string          `json:"version"`
	Deps    map[string]bool // dependencies, devDependencies and peerDependencies
	// Exports is the subpaths of the "exports" map ("." and "./context"),
	// nil when there is none (every file of the package is importable).
	Exports map[string]bool
}

// readManifest reads the package.json at p, a path inside the workspace;
// ok is false when there is none or it does not parse. Manifests are kept
// by path, size and modification time: an app's model is rebuilt on every
// edit in it, and its package.json files rarely change.
func (app *CLIApp) readManifest(p string) (m manifest, ok bool) {
	if !app.fileExists(p) {
		return m, false
	}
	st, err := os.Stat(p)
	if err != nil || st.Size() > maxManifest {
		return m, false
	}
	return readManifestStat(p, st)
}

// readManifestStat is readManifest for a regular file p already checked
// to lie in the workspace, st its stat.
func readManifestStat(p string, st os.FileInfo) (m manifest, ok bool) {
	if st.Size() > maxManifest {
		return m, false
	}
	key := manifestKey{p, st.Size(), st.ModTime().UnixNano()}
	if v, hit := manifests.Load(key); hit {
		e := v.(manifestEntry)
		return e.m, e.ok
	}
	data, err := os.ReadFile(p)
	if err == nil && len(data) <= maxManifest {
		m, ok = parseManifest(data)
	}
	boundedStore(&manifests, &manifestCount, key, manifestEntry{m, ok})
	return m, ok
}

type manifestKey struct {
	path  string
	size  int64
	mtime int64
}

type manifestEntry struct {
	m  manifest
	ok bool
}

// manifests caches parsed package.json files (a few hundred bytes each,
// one per app and installed @wix package).
var (
	manifests     sync.Map
	manifestCount atomic.Int64
)

// maxCached bounds the entries of the package.json and shim-target caches,
// whose keys include a file's version: a long session would otherwise keep
// one per edit.
const maxCached = 4096

// boundedStore stores v under k, emptying the cache first when it is full.
func boundedStore(m *sync.Map, n *atomic.Int64, k, v any) {
	if n.Add(1) > maxCached {
		m.Range(func(k, _ any) bool { m.Delete(k); return true })
		n.Store(1)
	}
	m.Store(k, v)
}

func parseManifest(data []byte) (m manifest, ok bool) {
	var raw struct {
		Version         string                     `json:"version"`
		Dependencies    map[string]json.RawMessage `json:"dependencies"`
		DevDependencies map[string]json.RawMessage `json:"devDependencies"`
		PeerDeps        map[string]json.RawMessage `json:"peerDependencies"`
		Exports         json.RawMessage            `json:"exports"`
	}
	if json.Unmarshal(data, &raw) != nil {
		return m, false
	}
	m.Version = raw.Version
	m.Deps = map[string]bool{}
	for _, d := range []map[string]json.RawMessage{raw.Dependencies, raw.DevDependencies, raw.PeerDeps} {
		for k := range d {
			m.Deps[k] = true
		}
	}
	m.Exports = exportSubpaths(raw.Exports)
	return m, true
}

// fileExists is app.exists without recording the check for the model's
// disk validation (CLIApp.disk), which every use of a cached model repeats:
// package.json files and node_modules are looked up for a dozen paths per
// app, and their changes reach the index as package.json change events,
// which move the workspace's generation and rebuild the model anyway.
func (app *CLIApp) fileExists(p string) bool {
	return app.ws.File(p) != nil || app.ws.Exists(p)
}

// exportSubpaths returns the subpaths an "exports" field allows: nil when
// there is no exports field; {"."} for a string or a conditions object.
func exportSubpaths(raw json.RawMessage) map[string]bool {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	out := map[string]bool{}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		out["."] = true // a string or an array: the package root only
		return out
	}
	for k := range obj {
		if strings.HasPrefix(k, ".") {
			out[k] = true
		}
	}
	if len(out) == 0 {
		out["."] = true // conditions ({"import": …, "types": …}) for the root
	}
	return out
}

// allows reports whether an exports map admits subpath ("./context"),
// with the map's "*" patterns.
func allowsSubpath(exports map[string]bool, sub string) bool {
	if exports[sub] {
		return true
	}
	for k := range exports {
		if i := strings.IndexByte(k, '*'); i >= 0 && strings.HasPrefix(sub, k[:i]) && strings.HasSuffix(sub, k[i+1:]) && len(sub) >= len(k)-1 {
			return true
		}
	}
	return false
}

// detectProject reads the app's package.json and sets its generation.
func (app *CLIApp) detectProject() {
	if m, ok := app.readManifest(filepath.Join(app.Root, "package.json")); ok {
		app.deps = m.Deps
		switch {
		case m.Deps["@wix/astro"]:
			app.Gen = GenAstro
		case m.Deps["@wix/custom-extensions"]:
			app.Gen = GenCustom
		case m.Deps["@wix/cli-app"]:
			app.Gen = GenLegacy
		}
		app.genDeclared = app.Gen != GenUnknown
	}
	if app.Gen != GenUnknown {
		return
	}
	// The layout: the builders module of the builder files, else legacy
	// event.ts files.
	for _, b := range app.Builders {
		switch b.Module {
		case BuildersModule:
			app.Gen = GenAstro
			return
		case CustomModule:
			app.Gen = GenCustom
			return
		}
	}
	if len(app.Builders) == 0 && app.Registration == nil {
		for _, h := range app.Handlers {
			if h.Legacy {
				app.Gen = GenLegacy
				return
			}
		}
	}
}

// legacyLoaded reports whether the platform loads a legacy-layout
// src/backend/events/<name>/event.ts of this app: in a Wix CLI for Apps
// project, or when its package.json does not say it is of another
// generation. A project that declares @wix/astro or @wix/custom-extensions
// (and not @wix/cli-app) builds with the new CLI, which never reads that
// layout.
func (app *CLIApp) legacyLoaded() bool {
	if !app.genDeclared {
		return true // only the layout told: a monorepo may declare the tooling elsewhere
	}
	switch app.Gen {
	case GenAstro, GenCustom:
		return app.deps["@wix/cli-app"]
	}
	return true
}

// installedPackage returns the package.json of an installed @wix package:
// node_modules/<pkg> in the app folder or a folder above it (a monorepo's
// hoisted node_modules), inside the workspace.
//
// Each node_modules/<scope> folder is resolved once per model build
// (scopeDir) and a package inside it only when it is itself a link (pnpm):
// the general ws.Exists would resolve every component of every candidate
// path twice, ~0.3 ms a package, paid again on every edit of the app.
func (app *CLIApp) installedPackage(pkg string) (manifest, bool) {
	if app.installed == nil {
		app.installed = map[string]*installedPkg{}
	}
	if ip, ok := app.installed[pkg]; ok {
		return ip.m, ip.ok
	}
	ip := &installedPkg{}
	root := app.ws.RootOf(app.Root)
	scopeName, _ := splitModule(pkg)
	scopeName = path.Dir(scopeName) // "@wix"
	for dir := app.Root; root != nil && index.Within(root.Path, dir); dir = filepath.Dir(dir) {
		if real := app.scopeDir(filepath.Join(dir, "node_modules", filepath.FromSlash(scopeName))); real != "" {
			if p, st, ok := app.packageJSON(filepath.Join(real, path.Base(pkg))); ok {
				if m, ok := readManifestStat(p, st); ok {
					// The folder as the workspace names it (its files are
					// looked up with ws.Exists, under the root's path).
					ip.m, ip.ok, ip.dir = m, true, filepath.Join(dir, "node_modules", filepath.FromSlash(pkg))
					break
				}
			}
		}
		if dir == filepath.Dir(dir) {
			break
		}
	}
	app.installed[pkg] = ip
	return ip.m, ip.ok
}

// scopeDir returns the real path of a node_modules/<scope> folder when it
// is a folder inside the workspace, else "" (looked up once per build).
func (app *CLIApp) scopeDir(scope string) string {
	if real, seen := app.scopes[scope]; seen {
		return real
	}
	real := ""
	if st, err := os.Stat(scope); err == nil && st.IsDir() {
		if r, err := filepath.EvalSymlinks(scope); err == nil && app.insideRealRoot(r) {
			real = r
		}
	}
	if app.scopes == nil {
		app.scopes = map[string]string{}
	}
	app.scopes[scope] = real
	return real
}

// insideRealRoot reports whether real, a path with links resolved, lies in
// the app's workspace root (its links resolved once per build).
func (app *CLIApp) insideRealRoot(real string) bool {
	if app.realRoot == "" {
		root := app.ws.RootOf(app.Root)
		if root == nil {
			return false
		}
		r, err := filepath.EvalSymlinks(root.Path)
		if err != nil {
			return false
		}
		app.realRoot = r
	}
	return index.Within(app.realRoot, real)
}

// packageJSON returns the package.json of the package folder dir (a child
// of a resolved scope folder) as a regular file inside the workspace:
// dir or the file may be links (pnpm links every package), resolved and
// checked only then.
func (app *CLIApp) packageJSON(dir string) (string, os.FileInfo, bool) {
	st, err := os.Lstat(dir)
	if err != nil {
		return "", nil, false
	}
	if st.Mode()&os.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || !app.insideRealRoot(real) {
			return "", nil, false
		}
		dir = real
	}
	p := filepath.Join(dir, "package.json")
	st, err = os.Lstat(p)
	if err != nil {
		return "", nil, false
	}
	if st.Mode()&os.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(p)
		if err != nil || !app.insideRealRoot(real) {
			return "", nil, false
		}
		if st, err = os.Stat(real); err != nil {
			return "", nil, false
		}
		p = real
	}
	if !st.Mode().IsRegular() {
		return "", nil, false
	}
	return p, st, true
}

type installedPkg struct {
	m   manifest
	ok  bool
	dir string
}

// subpathResolves reports whether module (a subpath import such as
// "@wix/crm/context") resolves in the installed package: through its
// exports map when it has one, else to a file of the package. known is
// false when the package is not installed.
func (app *CLIApp) subpathResolves(pkg, module string) (resolves, known bool) {
	m, ok := app.installedPackage(pkg)
	if !ok {
		return false, false
	}
	sub := "." + strings.TrimPrefix(module, pkg)
	if m.Exports != nil {
		return allowsSubpath(m.Exports, sub), true
	}
	dir := app.installed[pkg].dir
	rel := filepath.FromSlash(strings.TrimPrefix(sub, "./"))
	for _, c := range []string{"", ".js", ".cjs", ".mjs", ".d.ts", string(filepath.Separator) + "index.js", string(filepath.Separator) + "package.json"} {
		if app.fileExists(filepath.Join(dir, rel+c)) {
			return true, true
		}
	}
	return false, true
}

// splitModule returns the package of an import path and its subpath
// ("@wix/crm/context" → "@wix/crm", "context").
func splitModule(module string) (pkg, sub string) {
	parts := strings.SplitN(module, "/", 3)
	if len(parts) < 2 || !strings.HasPrefix(module, "@") {
		first, rest, _ := strings.Cut(module, "/")
		return first, rest
	}
	pkg = parts[0] + "/" + parts[1]
	if len(parts) == 3 && parts[2] != "" {
		sub = path.Clean(parts[2])
	}
	return pkg, sub
}

// moduleInfo is what the app's installed packages say of one @wix import
// path, read while the model is built (rules only read it).
type moduleInfo struct {
	installed bool   // the package is installed
	version   string // its version
	// subOK: the subpath resolves in the installed package (meaningful
	// only when installed and the import path has a subpath).
	subOK bool
}

// readModules records moduleInfo for every @wix import of the app's
// handler files.
func (app *CLIApp) readModules() {
	app.modules = map[string]moduleInfo{}
	for _, h := range app.Handlers {
		for i := range h.File.Scan.Imports {
			mod := h.File.Scan.Imports[i].Module
			if !wixModule(mod) {
				continue
			}
			if _, done := app.modules[mod]; done {
				continue
			}
			pkg, sub := splitModule(mod)
			m, ok := app.installedPackage(pkg)
			mi := moduleInfo{installed: ok, version: m.Version}
			if ok && sub != "" {
				mi.subOK, _ = app.subpathResolves(pkg, mod)
			}
			app.modules[mod] = mi
		}
	}
}

// ForwardedFile is what the model read of a shim's target that the index
// does not hold: whether it has an SDK event call, and whether its default
// export is one.
type ForwardedFile struct {
	Path    string
	Calls   int    // SDK event calls
	Default bool   // one of them is the default export
	First   string // the first call, as written ("contacts.onContactCreated")
	// The default-export call's event key (EventCall.Key), its name as
	// written and its event type; Key is "" without one. The shim handles
	// this event: it counts for duplicate-event-handler.
	Key, DefaultName, EventType string
}

// stamp identifies a version of a file on disk.
type stamp struct {
	size, mtime int64
}

func stampOf(p string) stamp {
	st, err := os.Stat(p)
	if err != nil {
		return stamp{-1, -1}
	}
	return stamp{st.Size(), st.ModTime().UnixNano()}
}

// forwardedCache keeps what was read of shim targets, by path, version and
// catalog: a model is rebuilt on every edit in its app.
var (
	forwardedCache sync.Map // forwardedKey → *ForwardedFile
	forwardedCount atomic.Int64
)

type forwardedKey struct {
	path string
	st   stamp
	cat  *catalog.Catalog
}

// readForwarded reads a shim's target outside the index (inside the app,
// at most maxManifest bytes), nil when it cannot be read. The target's
// version is recorded, so a cached model is rebuilt when it changes: the
// index does not hold the file, so its edits do not move the workspace's
// generation.
func (app *CLIApp) readForwarded(p string) *ForwardedFile {
	if !index.Within(app.Root, p) || !app.fileExists(p) {
		return nil
	}
	st := stampOf(p)
	if app.stamps == nil {
		app.stamps = map[string]stamp{}
	}
	app.stamps[p] = st
	if st.size < 0 || st.size > maxManifest {
		return nil
	}
	key := forwardedKey{p, st, app.cat}
	if v, ok := forwardedCache.Load(key); ok {
		return v.(*ForwardedFile)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	f := index.NewFile(app.Root, p, string(data), 0, true) // a full parse: every call
	ff := &ForwardedFile{Path: p}
	for _, c := range eventCalls(f, app.cat) {
		ff.Calls++
		if ff.First == "" {
			ff.First = c.Name()
		}
		if c.Default && !ff.Default {
			ff.Key, ff.DefaultName = c.Key(), c.Name()
			if c.Event != nil {
				ff.EventType = c.Event.EventType
			}
		}
		ff.Default = ff.Default || c.Default
	}
	boundedStore(&forwardedCache, &forwardedCount, key, ff)
	return ff
}
