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
// declares), else from the package.json files of the folders above it up
// to the workspace root (a monorepo declares the tooling at its root), else
// from its layout (which builders module its builder files import, legacy
// event.ts files).
//
// Studio Two site projects and Wix CLI for Apps projects both build with
// @wix/custom-extensions: "A Studio Two site imports the builder from
// @wix/custom-extensions" (https://dev.wix.com/docs/backend-extensions/
// backend-events/about-event-extensions), and an app project's "main
// packages are @wix/cli and @wix/custom-extensions"
// (https://dev.wix.com/docs/wix-cli/cli-for-apps/project-structure/
// about-the-app-project-structure). What tells them apart in a project's
// files, by the docs:
//
//   - an app project declares @wix/cli-zero-config-flow (its `wix app
//     generate manifest` command) beside them, and its wix.config.mjs passes
//     the app's appId to customExtensions() (https://dev.wix.com/docs/
//     wix-cli/cli-for-apps/project-structure/folders-and-files/package-json,
//     …/folders-and-files/wix-config-mjs);
//   - a Studio Two site's code is written in the editor's Code tab, with
//     "nothing to install or configure" (https://dev.wix.com/docs/studio-two/
//     get-started/about-the-development-environment): the docs show no
//     package.json or config file of its own. On disk, a Studio Two site is
//     its export: "a Yarn workspace with a site package, and a code package
//     if the site has a code project", packages/site-app and
//     packages/site-code (https://dev.wix.com/docs/studio-two/code-your-site/
//     export-your-site/about-exporting-your-site-to-code).
//
// So a @wix/custom-extensions project is taken as a Studio Two site
// (GenStudio) only when it is an export's packages/site-code, beside
// packages/site-app, and declares no app tooling; any other
// @wix/custom-extensions project stays GenCustom, with the wording and
// limits of apps as before (nothing is claimed from a guess).

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
	GenCustom             // the Wix CLI for Apps: @wix/cli with @wix/custom-extensions (docs: wix-cli/cli-for-apps)
	GenLegacy             // the legacy Wix CLI for Apps: @wix/cli-app (docs: wix-cli/legacy-clis)
	GenStudio             // a Studio Two site project (@wix/custom-extensions), only on evidence (studioExport)
)

// String names the generation as messages do.
func (g Generation) String() string {
	switch g {
	case GenAstro:
		return "the Wix CLI (@wix/astro)"
	case GenCustom:
		return "the Wix CLI for Apps (@wix/custom-extensions)"
	case GenLegacy:
		return "the legacy Wix CLI for Apps (@wix/cli-app)"
	case GenStudio:
		return "Studio Two (@wix/custom-extensions)"
	}
	return "unknown"
}

// Site reports whether the project is a Studio Two site's code project,
// not an app: messages then speak of the site project.
func (app *CLIApp) Site() bool { return app.Gen == GenStudio }

// noun names the project in messages: "app" or "site project".
func (app *CLIApp) noun() string {
	if app.Site() {
		return "site project"
	}
	return "app"
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

// StudioLimitsDocs states the backend limits of Studio Two sites: one
// instance per data center, 300 millicores of CPU and 400 MB of memory per
// instance, 60 seconds per HTTP request or backend call, the instance
// recycled after 5 minutes. It names no sub-request limit.
const StudioLimitsDocs = "https://dev.wix.com/docs/studio-two/maintain-your-site/scale-your-site/about-backend-compute-limitations"

// SubRequestLimit is the documented number of sub-requests (Wix API calls)
// a handler may make per request, 0 where the docs state none: 20 for
// backend extensions of Wix CLI projects (CLILimitsDocs), none for a Studio
// Two site (StudioLimitsDocs), where sub-requests-in-loop is not reported.
func (app *CLIApp) SubRequestLimit() int {
	if app.Site() {
		return 0
	}
	return 20
}

// toolingDeps are the packages that name a generation, in the order they
// win when a package.json declares several.
var toolingDeps = []struct {
	pkg string
	gen Generation
}{{"@wix/astro", GenAstro}, {"@wix/custom-extensions", GenCustom}, {"@wix/cli-app", GenLegacy}}

// declaredGen returns the generation a package.json's dependencies name.
func declaredGen(deps map[string]bool) Generation {
	for _, t := range toolingDeps {
		if deps[t.pkg] {
			return t.gen
		}
	}
	return GenUnknown
}

// maxManifestDepth bounds the folders above an app whose package.json is
// read: a workspace root is a few folders up (packages/<app>).
const maxManifestDepth = 8

// detectProject sets the app's generation: from its package.json, else
// from the nearest package.json above it (inside the workspace) that
// declares tooling, else from its layout.
func (app *CLIApp) detectProject() {
	if m, ok := app.readManifest(filepath.Join(app.Root, "package.json")); ok {
		app.deps = m.Deps
		app.Gen = declaredGen(m.Deps)
	}
	if app.Gen == GenUnknown {
		app.ancestorTooling()
	}
	app.genDeclared = app.Gen != GenUnknown
	if app.Gen == GenUnknown {
		app.Gen = app.layoutGen()
	}
	if app.Gen == GenCustom && app.studioExport() {
		app.Gen = GenStudio
	}
}

// ancestorTooling reads the package.json files of the folders above the
// app, nearest first, up to the workspace root (regular files inside the
// workspace only, through readManifest's checks and cache; at most
// maxManifestDepth folders): the first that declares tooling sets the
// generation. app.deps becomes every package those files declare, so
// legacyLoaded sees a @wix/cli-app declared anywhere up the tree (a
// migrating monorepo) and stays silent then.
func (app *CLIApp) ancestorTooling() {
	root := app.ws.RootOf(app.Root)
	if root == nil {
		return
	}
	var all map[string]bool
	dir := app.Root
	for i := 0; i < maxManifestDepth && dir != root.Path; i++ {
		up := filepath.Dir(dir)
		if up == dir || !index.Within(root.Path, up) {
			break
		}
		dir = up
		m, ok := app.readManifest(filepath.Join(dir, "package.json"))
		if !ok {
			continue
		}
		if all == nil {
			all = map[string]bool{}
			for k := range app.deps {
				all[k] = true
			}
		}
		for k := range m.Deps {
			all[k] = true
		}
		if app.Gen == GenUnknown {
			app.Gen = declaredGen(m.Deps)
		}
	}
	if app.Gen != GenUnknown {
		app.deps = all
	}
}

// layoutGen is the generation the layout shows: the builders module of the
// builder files, else legacy event.ts files.
func (app *CLIApp) layoutGen() Generation {
	for _, b := range app.Builders {
		switch b.Module {
		case BuildersModule:
			return GenAstro
		case CustomModule:
			return GenCustom
		}
	}
	if len(app.Builders) == 0 && app.Registration == nil {
		for _, h := range app.Handlers {
			if h.Legacy {
				return GenLegacy
			}
		}
	}
	return GenUnknown
}

// studioExport reports the documented layout of an exported Studio Two
// site's code project (see the file comment): the app folder is
// packages/site-code, packages/site-app/package.json is beside it, and no
// package.json of the project declares an app's tooling
// (@wix/cli-zero-config-flow).
func (app *CLIApp) studioExport() bool {
	if filepath.Base(app.Root) != "site-code" || app.deps["@wix/cli-zero-config-flow"] {
		return false
	}
	pkgs := filepath.Dir(app.Root)
	if filepath.Base(pkgs) != "packages" || app.ws.RootOf(pkgs) == nil {
		return false
	}
	return app.fileExists(filepath.Join(pkgs, "site-app", "package.json"))
}

// legacyLoaded reports whether the platform loads a legacy-layout
// src/backend/events/<name>/event.ts of this app: in a Wix CLI for Apps
// project, or when no package.json (the app's, or one above it) says it
// is of another generation. A project that declares @wix/astro or
// @wix/custom-extensions (and not @wix/cli-app) builds with the new CLI,
// which never reads that layout.
func (app *CLIApp) legacyLoaded() bool {
	if !app.genDeclared {
		return true // only the layout told: the tooling may be declared outside the workspace
	}
	switch app.Gen {
	case GenAstro, GenCustom, GenStudio:
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
	dir, _, ok := app.linkInside(dir)
	if !ok {
		return "", nil, false
	}
	p, st, ok := app.linkInside(filepath.Join(dir, "package.json"))
	if !ok || !st.Mode().IsRegular() {
		return "", nil, false
	}
	return p, st, true
}

// linkInside stats p; when p is a link, it resolves it and refuses a
// target outside the workspace. It returns the path to use and its stat.
func (app *CLIApp) linkInside(p string) (string, os.FileInfo, bool) {
	st, err := os.Lstat(p)
	if err != nil {
		return "", nil, false
	}
	if st.Mode()&os.ModeSymlink == 0 {
		return p, st, true
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil || !app.insideRealRoot(real) {
		return "", nil, false
	}
	if st, err = os.Stat(real); err != nil {
		return "", nil, false
	}
	return real, st, true
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
