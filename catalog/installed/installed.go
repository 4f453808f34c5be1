// Package installed reads the events that an app's installed @wix packages
// declare, so the app is analysed against the versions it really uses
// rather than the embedded catalog's pins (terraform-ls does the same with
// installed provider schemas).
//
// ForApp is the one entry point. For the app at appRoot it reads the @wix
// dependencies of package.json, finds each in node_modules as Node does
// (also through pnpm's links), extracts its events with the generator's
// extractor (catalog/internal/extract) and merges them over the base
// catalog with Catalog.WithInstalled. Extractions are cached in memory and
// in the user cache folder, per package name, version and package.json
// content; Invalidate makes the next ForApp check whether the app's
// installed set changed (the server calls it on watched-file changes).
//
// Reading never leaves the boundary folder (the workspace root): links are
// followed only while their target stays inside, only regular files are
// read, each at most 8 MB. A package that cannot be read, or whose read
// finds no events where the catalog knows some, keeps the catalog's entries:
// a failed read must never make a real event unknown.
package installed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/catalog/internal/extract"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// cacheFormat names the cached extraction's format and the extractor's
// behaviour; bump it when either changes so old entries are not reused.
const cacheFormat = "installed-v1"

// dep is one declared @wix dependency found installed.
type dep struct {
	name    string // as package.json declares it: the import path
	dir     string // its real folder, relative to the boundary
	version string
	key     string // name@version#hash of package.json: the extraction's identity
}

type appKey struct {
	base           *catalog.Catalog
	root, boundary string
}

type appEntry struct {
	gen uint64
	fp  string // the deps' keys: the installed set the catalog was built from
	cat *catalog.Catalog
}

type mergeKey struct {
	base *catalog.Catalog
	fp   string
}

var state struct {
	sync.Mutex
	gen      uint64
	apps     map[appKey]*appEntry
	pkgs     map[string]*catalog.InstalledPackage // by dep.key; nil value: nothing to merge
	merged   map[mergeKey]*catalog.Catalog
	dir      string
	dirSet   bool
	problems map[string]string // dep.key → why its read was not used
}

// SetCacheDir moves the on-disk cache of extractions ("" disables it). By
// default it is syntaxcache.Dir()/installed: the user cache folder, or
// WIX_EVENTS_LS_CACHE.
func SetCacheDir(dir string) {
	state.Lock()
	defer state.Unlock()
	state.dir, state.dirSet = dir, true
}

func cacheDir() string {
	if !state.dirSet {
		state.dirSet = true
		if d := syntaxcache.Dir(); d != "" {
			state.dir = filepath.Join(d, "installed")
		}
	}
	return state.dir
}

// Invalidate makes every app's next ForApp look at its package.json and
// node_modules again; call it when package.json, a lockfile or
// node_modules/@wix changed. Extractions of unchanged packages are kept.
func Invalidate() {
	state.Lock()
	state.gen++
	state.Unlock()
}

// Reset forgets every cached result in memory (tests and benchmarks).
func Reset() {
	state.Lock()
	defer state.Unlock()
	state.gen++
	state.apps, state.pkgs, state.merged, state.problems = nil, nil, nil, nil
}

// Problems lists, for each installed package whose events were not used,
// why (sorted); the catalog's entries stood in for them.
func Problems() []string {
	state.Lock()
	defer state.Unlock()
	var out []string
	for k, why := range state.problems {
		out = append(out, k+": "+why)
	}
	sort.Strings(out)
	return out
}

// ForApp returns the catalog for the app at appRoot: base with the events of
// every @wix package that the app's package.json declares and node_modules
// holds in place of base's entries for that package. boundary is the folder
// no read may leave (the workspace root; "" means appRoot). An app with
// nothing installed gets base itself. The error reports an app root outside
// the boundary or an unreadable package.json; the catalog returned with it
// is base.
func ForApp(base *catalog.Catalog, appRoot, boundary string) (*catalog.Catalog, error) {
	if boundary == "" {
		boundary = appRoot
	}
	k := appKey{base, appRoot, boundary}
	state.Lock()
	e, gen := state.apps[k], state.gen
	state.Unlock()
	if e != nil && e.gen == gen {
		return e.cat, nil
	}
	fsys, rel, err := open(appRoot, boundary)
	if err != nil {
		return base, err
	}
	deps, err := resolve(fsys, rel)
	if err != nil {
		return base, err
	}
	fp := fingerprint(deps)
	if e != nil && e.fp == fp {
		state.Lock()
		e.gen = gen
		state.Unlock()
		return e.cat, nil
	}
	cat, err := merge(base, fsys, deps, fp)
	if err != nil {
		return base, err
	}
	state.Lock()
	if state.apps == nil {
		state.apps = map[appKey]*appEntry{}
	}
	state.apps[k] = &appEntry{gen: gen, fp: fp, cat: cat}
	prune()
	state.Unlock()
	return cat, nil
}

// maxApps bounds the apps remembered (a base catalog replaced by a new
// configuration leaves its entries behind).
const maxApps = 64

// prune drops merged catalogs no remembered app uses (each is a whole
// catalog: an editing session that reinstalls packages would pile them up)
// and, past maxApps, apps at random. Called with state locked.
func prune() {
	for k := range state.apps {
		if len(state.apps) <= maxApps {
			break
		}
		delete(state.apps, k)
	}
	used := map[*catalog.Catalog]bool{}
	for _, e := range state.apps {
		used[e.cat] = true
	}
	for k, c := range state.merged {
		if !used[c] {
			delete(state.merged, k)
		}
	}
}

// open resolves the boundary and the app root and checks the second is
// inside the first; rel is the app root relative to the boundary.
func open(appRoot, boundary string) (safeFS, string, error) {
	b, err := filepath.Abs(boundary)
	if err == nil {
		b, err = filepath.EvalSymlinks(b)
	}
	if err != nil {
		return safeFS{}, "", err
	}
	a, err := filepath.Abs(appRoot)
	if err == nil {
		a, err = filepath.EvalSymlinks(a)
	}
	if err != nil {
		return safeFS{}, "", err
	}
	if !within(b, a) {
		return safeFS{}, "", fmt.Errorf("%s: %w %s", appRoot, errOutside, boundary)
	}
	rel, err := filepath.Rel(b, a)
	if err != nil {
		return safeFS{}, "", err
	}
	return newSafeFS(b), filepath.ToSlash(rel), nil
}

// resolve lists the app's declared @wix dependencies that are installed.
func resolve(fsys safeFS, app string) ([]dep, error) {
	raw, err := fsys.ReadFile(path.Join(app, "package.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var pj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &pj); err != nil {
		return nil, fmt.Errorf("%s/package.json: %w", app, err)
	}
	names := map[string]bool{}
	for _, field := range []string{"dependencies", "devDependencies", "optionalDependencies", "peerDependencies"} {
		var m map[string]json.RawMessage
		if json.Unmarshal(pj[field], &m) != nil {
			continue
		}
		for n := range m {
			if strings.HasPrefix(n, "@wix/") && !strings.HasPrefix(n, "@wix/auto_sdk_") {
				names[n] = true
			}
		}
	}
	var out []dep
	for n := range names {
		dir := extract.ResolvePackage(fsys, app, n)
		if dir == "" {
			continue // declared, not installed: the catalog answers
		}
		pjRaw, err := fsys.ReadFile(path.Join(dir, "package.json"))
		if err != nil {
			continue
		}
		var v struct {
			Version string `json:"version"`
		}
		if json.Unmarshal(pjRaw, &v) != nil || v.Version == "" {
			continue
		}
		sum := sha256.Sum256(pjRaw)
		out = append(out, dep{name: n, dir: dir, version: v.Version, key: n + "@" + v.Version + "#" + hex.EncodeToString(sum[:6])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

func fingerprint(deps []dep) string {
	var b strings.Builder
	for _, d := range deps {
		b.WriteString(d.key)
		b.WriteByte('\n')
	}
	return b.String()
}

// merge builds (or reuses: apps of a monorepo usually share versions) the
// catalog of base with the deps' events.
func merge(base *catalog.Catalog, fsys safeFS, deps []dep, fp string) (*catalog.Catalog, error) {
	mk := mergeKey{base, fp}
	state.Lock()
	c := state.merged[mk]
	state.Unlock()
	if c != nil {
		return c, nil
	}
	var pkgs []catalog.InstalledPackage
	for _, d := range deps {
		p := read(base, fsys, d)
		if p == nil {
			continue
		}
		pkgs = append(pkgs, withDocs(base, p))
	}
	c, err := base.WithInstalled(pkgs)
	if err != nil {
		return nil, err
	}
	state.Lock()
	defer state.Unlock()
	if state.merged == nil {
		state.merged = map[mergeKey]*catalog.Catalog{}
	}
	state.merged[mk] = c
	return c, nil
}

// read returns a dep's extraction from memory, the disk cache or the
// package itself; nil when it is not an SDK module with events to merge.
func read(base *catalog.Catalog, fsys safeFS, d dep) *catalog.InstalledPackage {
	state.Lock()
	p, ok := state.pkgs[d.key]
	dir := cacheDir()
	state.Unlock()
	if ok {
		return p
	}
	p, ok = load(dir, d.key)
	if !ok {
		var why string
		p, why = extractDep(base, fsys, d)
		if why != "" {
			state.Lock()
			if state.problems == nil {
				state.problems = map[string]string{}
			}
			state.problems[d.key] = why
			state.Unlock()
		} else {
			save(dir, d.key, p) // a failed read is tried again next run
		}
	}
	state.Lock()
	if state.pkgs == nil {
		state.pkgs = map[string]*catalog.InstalledPackage{}
	}
	state.pkgs[d.key] = p
	state.Unlock()
	return p
}

// extractDep reads one installed package. It returns nil (keep the
// catalog's entries) for a package that is not an SDK module (no
// namespaces: @wix/sdk, @wix/essentials, …), one that cannot be read, and
// one whose read finds no events although the catalog knows some for it or
// does not know it at all (a layout the extractor missed must not make
// real events unknown). A namespace read with no events where the catalog
// has some keeps the catalog's events for it, saying so in their Source.
func extractDep(base *catalog.Catalog, fsys safeFS, d dep) (*catalog.InstalledPackage, string) {
	res, err := extract.ExtractSDK(fsys, d.dir)
	if err != nil {
		return nil, err.Error()
	}
	if len(res.NSModule) == 0 {
		return nil, ""
	}
	m, known := base.SDKModule(d.name)
	switch {
	case len(res.Events) == 0 && known && m.Events > 0:
		return nil, fmt.Sprintf("no events read, the catalog has %d: kept the catalog's", m.Events)
	case len(res.Events) == 0 && !known:
		return nil, "no events read and the catalog does not know the package: left unknown"
	}
	p := &catalog.InstalledPackage{Module: catalog.SDKModule{Name: d.name, Version: d.version, Exports: res.Package.Exports}}
	read := map[string]bool{}
	for i := range res.Events {
		e := res.Events[i]
		e.Package, e.ImportPath = d.name, d.name
		p.Events = append(p.Events, &e)
		read[e.Namespace] = true
	}
	for ns := range res.NSModule {
		if read[ns] {
			continue
		}
		for _, be := range base.SDKEvents(d.name, ns) {
			ne := *be
			ne.Source = base.SourceOf(be) + " (the installed " + d.version + " declared none here)"
			p.Events = append(p.Events, &ne)
		}
	}
	p.Module.Events = len(p.Events)
	return p, ""
}

// withDocs gives each installed event a docs page: the catalog's page for
// the same event, else its sibling's page in the same namespace with the
// event's slug swapped in (the reference names pages after the export).
func withDocs(base *catalog.Catalog, p *catalog.InstalledPackage) catalog.InstalledPackage {
	out := catalog.InstalledPackage{Module: p.Module}
	for _, e := range p.Events {
		ne := *e
		if ne.DocsURL == "" {
			ne.DocsURL = docsFor(base, &ne)
		}
		out.Events = append(out.Events, &ne)
	}
	return out
}

func docsFor(base *catalog.Catalog, e *catalog.SDKEvent) string {
	if b := base.SDK(e.Package, e.Namespace, e.Export); b != nil {
		return b.DocsURL
	}
	for _, s := range base.SDKEvents(e.Package, e.Namespace) {
		slug := catalog.DocsSlug(s.Export)
		for _, form := range []string{slug, strings.TrimPrefix(slug, "on-")} {
			if u, ok := strings.CutSuffix(s.DocsURL, "/"+form); ok {
				if form == slug {
					return u + "/" + catalog.DocsSlug(e.Export)
				}
				return u + "/" + strings.TrimPrefix(catalog.DocsSlug(e.Export), "on-")
			}
		}
	}
	return ""
}

// ---- the disk cache: one file per extraction, in the catalog's format ----

func cacheFile(dir, key string) string {
	sum := sha256.Sum256([]byte(cacheFormat + "\x00" + key))
	return filepath.Join(dir, hex.EncodeToString(sum[:12])+".json")
}

// cached is the file's content: the catalog's own format (decoded by its
// fast decoder), with Generated holding the key so a hash collision or a
// foreign file is never taken for the package.
func load(dir, key string) (*catalog.InstalledPackage, bool) {
	if dir == "" {
		return nil, false
	}
	raw, err := os.ReadFile(cacheFile(dir, key))
	if err != nil {
		return nil, false
	}
	f, err := catalog.ParseFile(raw)
	if err != nil || f.Generated != cacheFormat+" "+key {
		return nil, false
	}
	if len(f.Modules) == 0 {
		return nil, true // recorded: nothing to merge
	}
	return &catalog.InstalledPackage{Module: f.Modules[0], Events: f.SDKEvents}, true
}

func save(dir, key string, p *catalog.InstalledPackage) {
	if dir == "" {
		return
	}
	f := catalog.File{Generated: cacheFormat + " " + key}
	if p != nil {
		f.Modules = []catalog.SDKModule{p.Module}
		f.SDKEvents = p.Events
	}
	raw, err := json.Marshal(&f)
	if err != nil {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(raw)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), cacheFile(dir, key)) != nil {
		os.Remove(tmp.Name())
	}
}
