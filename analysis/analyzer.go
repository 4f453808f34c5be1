package analysis

import (
	"crypto/sha256"
	"encoding/json"
	"sync"
	"time"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/config"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// Analyzer runs every rule over the files of one workspace. It caches one
// catalog per distinct set of user additions, so a workspace that declares
// extra events pays for the merge once.
type Analyzer struct {
	WS *index.Workspace
	// Now is the clock the removal dates of deprecated events are compared
	// with (nil: time.Now). It is read at every check, not at catalog build
	// time, so a catalog generated today reports tomorrow's removals
	// tomorrow. Tests set a fixed clock.
	Now func() time.Time

	mu       sync.Mutex
	catalogs map[[32]byte]*catalog.Catalog
}

// New returns an analyzer over ws.
func New(ws *index.Workspace) *Analyzer {
	return &Analyzer{WS: ws, catalogs: map[[32]byte]*catalog.Catalog{}}
}

// Catalog returns the catalog in force for path: the embedded one plus the
// user additions of the path's configuration. A malformed addition is
// reported by ConfigDiagnostics; here it falls back to the embedded catalog.
func (a *Analyzer) Catalog(path string) *catalog.Catalog {
	return a.catalogFor(a.WS.ConfigFor(path))
}

func (a *Analyzer) catalogFor(cfg config.Config) *catalog.Catalog {
	base := catalog.Default()
	if len(cfg.Catalog.Handlers) == 0 && len(cfg.Catalog.SDKEvents) == 0 {
		return base
	}
	b, _ := json.Marshal(cfg.Catalog)
	key := sha256.Sum256(b)
	a.mu.Lock()
	defer a.mu.Unlock()
	if c, ok := a.catalogs[key]; ok {
		return c
	}
	c, err := base.With(cfg.Catalog)
	if err != nil {
		c = base
	}
	a.catalogs[key] = c
	return c
}

// Removed reports a handler name Wix no longer calls at all: every catalog
// entry of it is past its removal date (a v1 name whose v2 namesake is
// current is still called). Completion never offers such a name.
func (a *Analyzer) Removed(cat *catalog.Catalog, name string) bool {
	hs := cat.Lookup(name)
	today := a.today()
	for _, h := range hs {
		if !removed(h, today) {
			return false
		}
	}
	return len(hs) > 0
}

// today returns the analyzer's current date, UTC, as YYYY-MM-DD (the form
// of catalog removal dates, so the two compare as strings).
func (a *Analyzer) today() string {
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	return now().UTC().Format("2006-01-02")
}

// File returns the diagnostics of every scanner-level rule for f (not the
// syntax check, which runs apart because it is slower), with the
// configuration's severities applied.
func (a *Analyzer) File(f *index.File) []Diagnostic {
	if f == nil {
		return nil
	}
	cfg := a.WS.ConfigFor(f.Path)
	cat := a.catalogFor(cfg)
	var ds []Diagnostic
	switch f.Kind {
	case index.KindVeloEvents:
		ds = a.veloEvents(f, cat)
		ds = append(ds, elevationRule(f, cat)...)
	case index.KindVeloData, index.KindVeloBackend:
		ds = a.veloOtherBackend(f, cat)
	case index.KindCLIBuilder, index.KindCLIRegistration, index.KindCLIHandler:
		ds = a.cliFile(f, cat)
		if f.Kind == index.KindCLIHandler {
			ds = append(ds, elevationRule(f, cat)...)
			// Only where a sub-request limit is documented.
			if app := a.CLIApp(f.Path); app == nil || app.SubRequestLimit() > 0 {
				ds = append(ds, loopRule(f, cat)...)
			}
		}
	}
	ds = append(ds, unknownPayloadFields(f, cat)...)
	return ApplySeverity(ds, cfg)
}

// Dependents returns the files whose diagnostics may change when f changes:
// f itself and the files that share cross-file facts with it (the other
// events.js of its site; the other files of its CLI app).
func (a *Analyzer) Dependents(f *index.File) []*index.File {
	if f == nil {
		return nil
	}
	switch {
	case f.Kind == index.KindVeloEvents:
		// Its site's other events.js, and the modules it re-exports from
		// (their handler-outside-events depend on it).
		out := a.WS.SiteEvents(f)
		out = append(out, a.reexportedModules(f)...)
		if len(out) == 0 {
			out = []*index.File{f}
		}
		return out
	case f.Kind == index.KindVeloData || f.Kind == index.KindVeloBackend:
		// An events.js re-exporting from f decides how f's handlers are
		// reported.
		if ev, _, _ := a.ReexportedBy(f); ev != nil {
			return []*index.File{f, ev}
		}
	case f.Kind.CLI():
		// The files g with appRootOf(g) == appRootOf(f), without testing
		// every CLI file of the workspace. With a package.json app root r,
		// they are exactly the index's AppFiles(r): a file whose fallback
		// (the folder above its src/) is r lies inside r, so its own app
		// root is r or a nested one, never "". Without one, they are among
		// the files that have no app root either.
		if r := a.WS.AppRoot(f.Path); r != "" {
			return a.WS.AppFiles(r)
		}
		if app := appRootOf(a.WS, f.Path); app != "" {
			var out []*index.File
			for _, g := range a.WS.AppFiles("") {
				if g.Kind.CLI() && appRootOf(a.WS, g.Path) == app {
					out = append(out, g)
				}
			}
			return out
		}
	}
	return []*index.File{f}
}
