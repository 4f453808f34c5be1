// Command gen regenerates catalog/catalog.gen.json, the embedded event
// catalog. Run it through `go generate ./catalog` (it then runs in the
// catalog directory).
//
// It installs the pinned npm packages (overlay/pins.json) with the real npm
// client into a temporary folder, extracts the events from their
// declaration files (package internal/extract), merges the hand-maintained
// overlay (overlay/*.json: module prefixes, Velo v2 handler names,
// deprecations, the SDK-namespace→prefix map), checks the result, and
// writes it sorted and stable, with each package's version and tarball
// integrity. The output is committed, so builds and CI need no network.
//
// Flags:
//
//	-node-modules DIR  read an existing node_modules instead of installing
//	-bump              rewrite overlay/pins.json with `npm view <pkg> version`, then stop
//	-check             regenerate in memory and fail if the committed file differs
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/catalog/internal/extract"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	var (
		overlayDir  = flag.String("overlay", "overlay", "folder of the hand-maintained overlay")
		out         = flag.String("out", "catalog.gen.json", "file to write")
		readme      = flag.String("readme", "README.md", "README whose generated coverage section is rewritten (\"\" to skip)")
		evidenceOut = flag.String("evidence", "V2-EVIDENCE.md", "file to write the Velo v2 evidence table to (\"\" to skip)")
		nodeModules = flag.String("node-modules", "", "use this node_modules tree instead of running npm install")
		bump        = flag.Bool("bump", false, "rewrite the pins with the registry's latest versions and stop")
		check       = flag.Bool("check", false, "do not write; fail if the output would differ from the committed file")
	)
	flag.Parse()

	pins, err := readPins(filepath.Join(*overlayDir, "pins.json"))
	if err != nil {
		log.Fatal(err)
	}
	if *bump {
		if err := bumpPins(pins, filepath.Join(*overlayDir, "pins.json")); err != nil {
			log.Fatal(err)
		}
		return
	}
	ov, err := readOverlay(*overlayDir)
	if err != nil {
		log.Fatal(err)
	}

	nm := *nodeModules
	var lock map[string]lockEntry
	if nm == "" {
		dir, err := os.MkdirTemp("", "wix-events-catalog-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		if err := npmInstall(dir, pins); err != nil {
			log.Fatal(err)
		}
		nm = filepath.Join(dir, "node_modules")
		lock, err = readLock(filepath.Join(dir, "package-lock.json"))
		if err != nil {
			log.Fatal(err)
		}
	} else if l, err := readLock(filepath.Join(filepath.Dir(nm), "package-lock.json")); err == nil {
		lock = l
	}

	f, report, err := build(os.DirFS(nm), pins, ov, lock)
	if err != nil {
		log.Fatal(err)
	}
	data, err := encode(f)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := catalog.Parse(data); err != nil {
		log.Fatalf("generated data does not load: %v", err)
	}
	report.warnings = append(report.warnings, payloadsOrDie(os.DirFS(nm), f, ov.Payload.Fields, *out, *check)...)
	for _, w := range report.warnings {
		log.Print("warning: ", w)
	}
	mrep, err := genMethods(os.DirFS(nm), pins, *overlayDir, filepath.Join(filepath.Dir(*out), "methods.gen.json"), f.Version, *check)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range mrep.warnings {
		log.Print("warning: ", w)
	}
	log.Print(mrep.summary())
	if *check {
		old, err := os.ReadFile(*out)
		if err != nil || !bytes.Equal(old, data) {
			log.Fatalf("%s is stale: run `go generate ./catalog`", *out)
		}
		if *evidenceOut != "" {
			if old, err := os.ReadFile(*evidenceOut); err != nil || !bytes.Equal(old, evidence(report)) {
				log.Fatalf("%s is stale: run `go generate ./catalog`", *evidenceOut)
			}
		}
		return
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	if *readme != "" {
		if err := writeCoverage(*readme, report); err != nil {
			log.Fatal(err)
		}
	}
	if *evidenceOut != "" {
		if err := os.WriteFile(*evidenceOut, evidence(report), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	log.Print(report.summary())
}

// pins is overlay/pins.json.
type pins struct {
	About       string       `json:"about"`
	PinnedOn    string       `json:"pinnedOn"`
	CorvidTypes pkgVersion   `json:"corvidTypes"`
	SDK         []pkgVersion `json:"sdk"`
	// NotServed records the top-level packages the registry does not serve
	// whole (an install fails), so the next bump tries them again.
	NotServed []struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		Missing string `json:"missing"`
	} `json:"notServed,omitempty"`
	NotServedAbout string `json:"notServedAbout,omitempty"`
}

type pkgVersion struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Docs is the package's SDK reference page (dev.wix.com), or its npm
	// page when the reference has none; SDK packages only.
	Docs string `json:"docs,omitempty"`
}

func readPins(path string) (*pins, error) {
	var p pins
	if err := readJSON(path, &p); err != nil {
		return nil, err
	}
	if p.CorvidTypes.Name == "" || len(p.SDK) == 0 || p.PinnedOn == "" {
		return nil, fmt.Errorf("%s: corvidTypes, sdk and pinnedOn are required", path)
	}
	return &p, nil
}

func readJSON(path string, v any) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (p *pins) all() []pkgVersion { return append([]pkgVersion{p.CorvidTypes}, p.SDK...) }

// npmInstall installs the pinned packages into dir with the npm client.
// Dependencies of the top-level @wix packages are exact versions, so the
// install is reproducible; package-lock.json records what was installed.
func npmInstall(dir string, p *pins) error {
	deps := map[string]string{}
	for _, pv := range p.all() {
		deps[pv.Name] = pv.Version
	}
	pj, _ := json.MarshalIndent(map[string]any{"name": "wix-events-catalog-gen", "private": true, "dependencies": deps}, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "package.json"), pj, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	log.Printf("npm install of %d packages into %s (about a minute)", len(deps), dir)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install: %w", err)
	}
	return nil
}

func bumpPins(p *pins, path string) error {
	latest := func(name string) (string, error) {
		out, err := exec.Command("npm", "view", name, "version").Output()
		if err != nil {
			return "", fmt.Errorf("npm view %s version: %w", name, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	for i := range p.SDK {
		v, err := latest(p.SDK[i].Name)
		if err != nil {
			return err
		}
		p.SDK[i].Version = v
	}
	v, err := latest(p.CorvidTypes.Name)
	if err != nil {
		return err
	}
	p.CorvidTypes.Version = v
	p.PinnedOn = time.Now().UTC().Format("2006-01-02")
	data, _ := json.MarshalIndent(p, "", "  ")
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

type lockEntry struct {
	Version   string `json:"version"`
	Integrity string `json:"integrity"`
}

func readLock(path string) (map[string]lockEntry, error) {
	var l struct {
		Packages map[string]lockEntry `json:"packages"`
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]lockEntry{}
	for k, v := range l.Packages {
		if name, ok := strings.CutPrefix(k, "node_modules/"); ok && !strings.Contains(name, "/node_modules/") {
			out[name] = v
		}
	}
	return out, nil
}

// ---- overlay ----

type overlay struct {
	V1    v1Modules
	Dep   deprecations
	V2    v2Handlers
	SDKPx sdkPrefixes
	Docs  sdkDocs
	// Payload is overlay/payload-fields.json: fields v1 payload types lack
	// but docs pages show delivered.
	Payload struct {
		About  string         `json:"about"`
		Fields []payloadField `json:"fields"`
	}
}

// sdkDocs is overlay/sdk-docs.json: how an SDK event's reference page is
// named, the pages that confirmed it, and the namespaces it does not fit.
type sdkDocs struct {
	About     string   `json:"about"`
	Base      string   `json:"base"`
	Pattern   string   `json:"pattern"`
	Confirmed []string `json:"confirmed"`
	// Exceptions move a package's namespaces matching a suffix to another
	// folder; DropOn names the pages without the "on-" of the export.
	Exceptions []struct {
		Package         string   `json:"package"`
		NamespaceSuffix string   `json:"namespaceSuffix"`
		Folder          string   `json:"folder"`
		DropOn          bool     `json:"dropOn"`
		SeenOn          []string `json:"seenOn"`
		Note            string   `json:"note"`
	} `json:"exceptions"`
}

// eventDocsURL is the reference page of an SDK event: <base><package>/
// <namespace-kebab>/<on-event-kebab>, or "" for a package whose docs page
// is not in the SDK reference (no per-event pages to point at).
func (d *sdkDocs) eventDocsURL(pkgDocs string, e *catalog.SDKEvent) string {
	if d.Base == "" || !strings.HasPrefix(pkgDocs, d.Base) {
		return ""
	}
	folder := catalog.DocsSlug(e.Namespace)
	slug := catalog.DocsSlug(e.Export)
	for _, x := range d.Exceptions {
		if x.Package == e.Package && strings.HasSuffix(e.Namespace, x.NamespaceSuffix) {
			folder = x.Folder + "/" + folder
			if x.DropOn {
				slug = strings.TrimPrefix(slug, "on-")
			}
		}
	}
	return strings.TrimSuffix(pkgDocs, "/") + "/" + folder + "/" + slug
}

type v1Modules struct {
	About   string `json:"about"`
	Modules []struct {
		Module        string `json:"module"`
		Prefix        string `json:"prefix"`
		PrefixDocs    string `json:"prefixDocs"`
		EventDocsBase string `json:"eventDocsBase"`
		EventDocsSeen string `json:"eventDocsSeen"`
		Note          string `json:"note"`
	} `json:"modules"`
}

type deprecations struct {
	About string `json:"about"`
	V1    []struct {
		Module      string   `json:"module"`
		Events      []string `json:"events"`
		Note        string   `json:"note"`
		ReplacedBy  string   `json:"replacedBy"`
		RemovalDate string   `json:"removalDate"`
		Docs        string   `json:"docs"`
	} `json:"v1"`
	Notes []struct {
		Name       string `json:"name"`
		Generation string `json:"generation"`
		Note       string `json:"note"`
		Docs       string `json:"docs"`
	} `json:"notes"`
}

type v2Handler struct {
	Name            string `json:"name"`
	Module          string `json:"module"`
	PayloadType     string `json:"payloadType"`
	Note            string `json:"note"`
	SeenOn          string `json:"seenOn"`
	DocsURL         string `json:"docsUrl"`
	Deprecated      bool   `json:"deprecated"`
	DeprecationNote string `json:"deprecationNote"`
	AddedBy         string `json:"addedBy"`
	// SDK links the handler to the SDK event it mirrors ("@wix/ecom
	// abandonedCheckouts.onAbandonedCheckoutCreated") when no prefix
	// mapping covers its namespace; the handler borrows its payload.
	SDK string `json:"sdk"`
	// Menu, when set, makes the entry derived rather than confirmed: the
	// event is listed on this docs menu page, and the prefix is the one
	// SeenOn shows for a sibling event of the module; no page read showed
	// this name itself.
	Menu string `json:"menu"`
}

type v2Handlers struct {
	About    string      `json:"about"`
	Handlers []v2Handler `json:"handlers"`
	// NoPages names the v2 modules with events in the SDK but no Velo
	// events page found (so no prefix is shown anywhere, and no name is
	// confirmed or derived), and where the search looked: the evidence
	// file's closing note lists them beside the modules covered.
	NoPages []noPage `json:"noPages"`
	// Unread names Velo events a dev.wix.com events menu lists whose
	// pages, as stored, show no handler name: the event exists for Velo
	// sites under a prefix nobody has read. The catalog lists them
	// (File.Unread) so a handler of such an event is never called unknown.
	Unread []unreadMenu `json:"unread"`
	// PageNotes say, for a derived name, what was found of its event's own
	// page (a stored copy with the example stripped, an example naming
	// another event): why the name stays derived though a page exists.
	PageNotes []pageNote `json:"pageNotes"`
}

type pageNote struct {
	Name string `json:"name"`
	Page string `json:"page"`
	Why  string `json:"why"`
}

type unreadMenu struct {
	Module string `json:"module"`
	// Package and Namespace name the SDK namespace whose events the menu
	// lists; Events limits them (or names them when no pinned SDK package
	// declares the events).
	Package   string   `json:"package"`
	Namespace string   `json:"namespace"`
	Events    []string `json:"events"`
	Menu      string   `json:"menu"`
	Why       string   `json:"why"`
}

type noPage struct {
	Module string `json:"module"`
	Why    string `json:"why"`
}

type sdkPrefix struct {
	Package   string `json:"package"`
	Namespace string `json:"namespace"`
	Module    string `json:"module"`
	Prefix    string `json:"prefix"`
	Docs      string `json:"docs"`
	Note      string `json:"note"`
	// Events, when set, limits the derivation to these SDK exports: the
	// module's docs menu page (Menu) lists its Velo events, and an SDK
	// event missing there is not a Velo event.
	Events []string `json:"events"`
	Menu   string   `json:"menu"`
}

type sdkPrefixes struct {
	About string      `json:"about"`
	Map   []sdkPrefix `json:"map"`
}

func readOverlay(dir string) (*overlay, error) {
	var ov overlay
	for name, v := range map[string]any{
		"v1-modules.json":     &ov.V1,
		"deprecations.json":   &ov.Dep,
		"v2-handlers.json":    &ov.V2,
		"sdk-prefixes.json":   &ov.SDKPx,
		"sdk-docs.json":       &ov.Docs,
		"payload-fields.json": &ov.Payload,
	} {
		if err := readJSON(filepath.Join(dir, name), v); err != nil {
			return nil, err
		}
	}
	return &ov, nil
}

// ---- build ----

type report struct {
	v1Modules   map[string]int    // module → events
	sdkPackages map[string][2]int // package → {namespaces with events, functions}
	modules     []catalog.SDKModule
	notServed   []string // "name version: what is missing"
	v2Confirmed int
	v2Derived   int
	v2Modules   map[string][2]int // v2 module → {confirmed, derived}
	confirmed   []*catalog.Handler
	addedBy     map[string]string // confirmed name → who read it, when not the shared reference list
	derived     []*catalog.Handler
	dropped     []dropped // derived names a page contradicts, and why
	noPages     []noPage  // v2 modules without a Velo events page
	unread      []unreadMenu
	unreadCount int               // events in File.Unread
	derivedWhy  map[string]string // derived name → what its page showed (pageNotes)
	prefixCount int
	warnings    []string
	version     string
}

// dropped is a name the derivation would have made but did not.
type dropped struct {
	Name, Module, Why string
}

func (r *report) summary() string {
	v1 := 0
	for _, n := range r.v1Modules {
		v1 += n
	}
	ns, fns, with := 0, 0, 0
	for _, c := range r.sdkPackages {
		ns += c[0]
		fns += c[1]
		if c[1] > 0 {
			with++
		}
	}
	return fmt.Sprintf("v1: %d events in %d modules; SDK: %d functions in %d namespaces of %d packages (%d packages read, %d declare no events); v2: %d confirmed + %d derived",
		v1, len(r.v1Modules), fns, ns, with, len(r.sdkPackages), len(r.sdkPackages)-with, r.v2Confirmed, r.v2Derived)
}

func build(fsys fs.FS, p *pins, ov *overlay, lock map[string]lockEntry) (*catalog.File, *report, error) {
	rep := &report{v1Modules: map[string]int{}, sdkPackages: map[string][2]int{}, v2Modules: map[string][2]int{}, noPages: ov.V2.NoPages, unread: ov.V2.Unread}
	f := &catalog.File{
		Generated: "Code generated by `go generate ./catalog` (catalog/internal/gen) from the npm packages listed here and catalog/overlay; DO NOT EDIT.",
	}
	var errs []error
	pkgs := map[string]catalog.Package{}
	addPkg := func(name, version string) {
		pk := catalog.Package{Name: name, Version: version}
		if l, ok := lock[name]; ok {
			if l.Version != version {
				errs = append(errs, fmt.Errorf("%s: installed %s but read %s", name, l.Version, version))
			}
			pk.Integrity = l.Integrity
		}
		pkgs[name] = pk
	}

	// v1: corvid-types.
	ct, err := readVersion(fsys, p.CorvidTypes.Name)
	if err != nil {
		return nil, nil, err
	}
	if ct != p.CorvidTypes.Version {
		return nil, nil, fmt.Errorf("corvid-types: pinned %s, found %s", p.CorvidTypes.Version, ct)
	}
	addPkg(p.CorvidTypes.Name, ct)
	for _, m := range ov.V1.Modules {
		f.Prefixes = append(f.Prefixes, catalog.PrefixInfo{Prefix: m.Prefix, Modules: []string{m.Module}, DocsURL: m.PrefixDocs})
		rel := "types/common/" + m.Module + ".d.ts"
		raw, err := fs.ReadFile(fsys, p.CorvidTypes.Name+"/"+rel)
		if err != nil {
			return nil, nil, err
		}
		mods, err := extract.ParseCorvid(string(raw))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", rel, err)
		}
		var mod *extract.V1Module
		for i := range mods {
			if mods[i].Name == m.Module {
				mod = &mods[i]
			}
		}
		if mod == nil {
			return nil, nil, fmt.Errorf("%s: no `declare module '%s'` with interface Events", rel, m.Module)
		}
		moduleDeprecated := strings.Contains(mod.EventsDoc, "**Deprecated.**")
		for _, ev := range mod.Events {
			h := &catalog.Handler{
				Name:          m.Prefix + "_" + ev.Name,
				Prefix:        m.Prefix,
				Module:        m.Module,
				Event:         ev.Name,
				Generation:    catalog.V1,
				PayloadType:   ev.PayloadType,
				PayloadFields: ev.Fields,
				Description:   stripDeprecated(ev.Description),
				Evidence:      "npm:" + p.CorvidTypes.Name + "@" + ct + "/" + rel,
			}
			switch {
			case m.EventDocsBase != "":
				h.DocsURL = m.EventDocsBase + catalog.DocsSlug(ev.Name)
			default:
				h.DocsURL = ev.ReadMore
			}
			if moduleDeprecated || strings.Contains(ev.Description, "**Deprecated.**") {
				h.Deprecated = true
				h.DeprecationNote = "Deprecated (corvid-types): " + firstLine(stripMarkdown(deprecationText(mod.EventsDoc, ev.Description)))
			}
			f.Handlers = append(f.Handlers, h)
			rep.v1Modules[m.Module]++
		}
	}
	byKey := func(name string, gen catalog.Generation) *catalog.Handler {
		for _, h := range f.Handlers {
			if h.Name == name && h.Generation == gen {
				return h
			}
		}
		return nil
	}
	for _, d := range ov.Dep.V1 {
		prefix := ""
		for _, m := range ov.V1.Modules {
			if m.Module == d.Module {
				prefix = m.Prefix
			}
		}
		matched := 0
		for _, h := range f.Handlers {
			if h.Module != d.Module || !(contains(d.Events, "*") || contains(d.Events, h.Event)) {
				continue
			}
			matched++
			h.Deprecated = true
			h.DeprecationNote = d.Note
			h.ReplacedBy = d.ReplacedBy
			h.RemovalDate = d.RemovalDate
			if d.Docs != h.DocsURL && !strings.HasPrefix(h.DocsURL, "https://dev.wix.com/docs/") {
				h.DocsURL = d.Docs
			}
		}
		if want := len(d.Events); matched == 0 || (!contains(d.Events, "*") && matched != want) {
			errs = append(errs, fmt.Errorf("deprecations.json: %s %v matched %d handlers (prefix %s)", d.Module, d.Events, matched, prefix))
		}
	}
	for _, n := range ov.Dep.Notes {
		h := byKey(n.Name, catalog.Generation(n.Generation))
		if h == nil {
			errs = append(errs, fmt.Errorf("deprecations.json notes: no handler %s (%s)", n.Name, n.Generation))
			continue
		}
		h.Note = joinNote(h.Note, n.Note+" ("+n.Docs+")")
	}

	// SDK packages.
	sdkByNS := map[string][]catalog.SDKEvent{} // "pkg ns" → events
	for _, pv := range p.SDK {
		res, err := extract.ExtractSDK(fsys, pv.Name)
		if err != nil {
			return nil, nil, err
		}
		if res.Package.Version != pv.Version {
			return nil, nil, fmt.Errorf("%s: pinned %s, found %s", pv.Name, pv.Version, res.Package.Version)
		}
		addPkg(pv.Name, res.Package.Version)
		for _, r := range res.Read {
			addPkg(r.Name, r.Version)
		}
		rep.warnings = append(rep.warnings, res.Warnings...)
		if pv.Docs == "" {
			errs = append(errs, fmt.Errorf("pins.json: %s has no docs page", pv.Name))
		}
		f.Modules = append(f.Modules, catalog.SDKModule{Name: pv.Name, Version: res.Package.Version, DocsURL: pv.Docs, Events: len(res.Events)})
		nss := map[string]bool{}
		for i := range res.Events {
			e := res.Events[i]
			e.DocsURL = ov.Docs.eventDocsURL(pv.Docs, &e)
			nss[e.Namespace] = true
			f.SDKEvents = append(f.SDKEvents, &e)
			sdkByNS[e.Package+" "+e.Namespace] = append(sdkByNS[e.Package+" "+e.Namespace], e)
		}
		rep.sdkPackages[pv.Name] = [2]int{len(nss), len(res.Events)}
	}

	// v2: confirmed names from the docs.
	mapFor := func(module, prefix string) []sdkPrefix {
		var out []sdkPrefix
		for _, m := range ov.SDKPx.Map {
			if m.Module == module && m.Prefix == prefix {
				out = append(out, m)
			}
		}
		return out
	}
	// The confirmed names of each event, by "module event": a page for the
	// event exists, so no name is derived for it.
	confirmedByEvent := map[string][]*catalog.Handler{}
	for _, c := range ov.V2.Handlers {
		prefix, event, ok := catalog.SplitHandlerName(c.Name)
		if !ok {
			errs = append(errs, fmt.Errorf("v2-handlers.json: bad name %q", c.Name))
			continue
		}
		h := &catalog.Handler{
			Name: c.Name, Prefix: prefix, Module: c.Module, Event: event, Generation: catalog.V2,
			PayloadType: c.PayloadType, Note: c.Note, DocsURL: c.DocsURL, Evidence: c.SeenOn,
			Deprecated: c.Deprecated, DeprecationNote: c.DeprecationNote,
		}
		if h.DocsURL == "" {
			h.DocsURL = c.SeenOn
		}
		if c.Menu != "" {
			h.Derived = true
			h.Evidence = fmt.Sprintf("derived: event listed on %s + prefix %s_ shown on %s", c.Menu, prefix, c.SeenOn)
			h.DocsURL = c.Menu
		}
		if byKey(h.Name, catalog.V2) != nil {
			errs = append(errs, fmt.Errorf("v2-handlers.json: duplicate %s", h.Name))
			continue
		}
		// Link to the SDK event it mirrors when the prefix map covers it.
		for _, m := range mapFor(c.Module, prefix) {
			for _, e := range sdkByNS[m.Package+" "+m.Namespace] {
				if e.Export == event {
					linkSDK(h, &e)
					if e.Deprecated {
						h.Note = joinNote(h.Note, "The SDK event it mirrors ("+h.SDK+") is marked deprecated in the SDK typings"+replacedText(&e)+"; the docs page does not say so.")
					}
				}
			}
		}
		if c.SDK != "" {
			e := sdkEvent(sdkByNS, c.SDK)
			if e == nil {
				errs = append(errs, fmt.Errorf("v2-handlers.json: %s: sdk %q is not an SDK event of the pinned packages", c.Name, c.SDK))
			} else if h.SDK != "" && h.SDK != c.SDK {
				errs = append(errs, fmt.Errorf("v2-handlers.json: %s: sdk %q, but the prefix map links it to %s", c.Name, c.SDK, h.SDK))
			} else {
				linkSDK(h, e)
			}
		}
		f.Handlers = append(f.Handlers, h)
		addPrefix(f, prefix, c.Module, c.SeenOn)
		if h.Derived {
			rep.v2Derived++
			rep.derived = append(rep.derived, h)
			continue
		}
		rep.v2Confirmed++
		rep.confirmed = append(rep.confirmed, h)
		if c.AddedBy != "" {
			if rep.addedBy == nil {
				rep.addedBy = map[string]string{}
			}
			rep.addedBy[h.Name] = c.AddedBy
		}
		confirmedByEvent[c.Module+" "+event] = append(confirmedByEvent[c.Module+" "+event], h)
	}
	errs = append(errs, twoNames(confirmedByEvent)...)

	// v2: derived from the SDK namespaces through the prefix map.
	for _, m := range ov.SDKPx.Map {
		evs := sdkByNS[m.Package+" "+m.Namespace]
		if len(evs) == 0 {
			errs = append(errs, fmt.Errorf("sdk-prefixes.json: %s %s has no events", m.Package, m.Namespace))
			continue
		}
		if !strings.HasPrefix(m.Docs, "https://dev.wix.com/docs/") {
			errs = append(errs, fmt.Errorf("sdk-prefixes.json: %s %s: docs must be a dev.wix.com page", m.Package, m.Namespace))
		}
		if len(m.Events) > 0 && !strings.HasPrefix(m.Menu, "https://dev.wix.com/docs/") {
			errs = append(errs, fmt.Errorf("sdk-prefixes.json: %s %s: events need the dev.wix.com menu page listing them", m.Package, m.Namespace))
		}
		for _, ev := range m.Events {
			found := false
			for _, e := range evs {
				found = found || e.Export == ev
			}
			if !found {
				errs = append(errs, fmt.Errorf("sdk-prefixes.json: %s %s: listed event %s is not an SDK export", m.Package, m.Namespace, ev))
			}
		}
		addPrefix(f, m.Prefix, m.Module, m.Docs)
		for i := range evs {
			e := &evs[i]
			name := m.Prefix + "_" + e.Export
			if h := byKey(name, catalog.V2); h != nil {
				if h.EventType == "" {
					linkSDK(h, e)
				} else if h.EventType != e.EventType {
					h.Note = joinNote(h.Note, fmt.Sprintf("Also mirrors %s %s.%s (%s).", e.Package, e.Namespace, e.Export, e.EventType))
				}
				if m.Note != "" && !strings.Contains(h.Note, m.Note) {
					h.Note = joinNote(h.Note, m.Note)
				}
				continue
			}
			if why := skipDerived(m, e, evs, confirmedByEvent[m.Module+" "+e.Export]); why != "" {
				rep.dropped = append(rep.dropped, dropped{Name: name, Module: m.Module, Why: why})
				continue
			}
			h := &catalog.Handler{
				Name: name, Prefix: m.Prefix, Module: m.Module, Event: e.Export, Generation: catalog.V2,
				DocsURL: m.Docs, Derived: true, Note: m.Note,
				Evidence: fmt.Sprintf("derived: %s %s.%s (%s) + prefix %s_ shown on %s", e.Package, e.Namespace, e.Export, e.Evidence, m.Prefix, m.Docs),
			}
			linkSDK(h, e)
			if e.Deprecated {
				h.Deprecated = true
				h.DeprecationNote = "The SDK event this handler mirrors (" + h.SDK + ") is marked deprecated in the SDK typings" + replacedText(e) + "."
				h.RemovalDate = e.TargetRemovalDate
			}
			f.Handlers = append(f.Handlers, h)
			rep.v2Derived++
			rep.derived = append(rep.derived, h)
		}
	}
	for _, h := range rep.confirmed {
		c := rep.v2Modules[h.Module]
		c[0]++
		rep.v2Modules[h.Module] = c
	}
	for _, h := range rep.derived {
		c := rep.v2Modules[h.Module]
		c[1]++
		rep.v2Modules[h.Module] = c
	}

	// Refuse a mapping contradicted by a confirmed handler of the same
	// module and prefix whose event the namespaces do not export.
	for _, c := range ov.V2.Handlers {
		prefix, event, _ := catalog.SplitHandlerName(c.Name)
		ms := mapFor(c.Module, prefix)
		if len(ms) == 0 || c.SDK != "" || c.Menu != "" {
			continue
		}
		found := false
		for _, m := range ms {
			for _, e := range sdkByNS[m.Package+" "+m.Namespace] {
				found = found || e.Export == event
			}
		}
		if !found {
			rep.warnings = append(rep.warnings, fmt.Sprintf("confirmed %s (%s) has no SDK export in the mapped namespaces of %s_ (kept as confirmed; docs list more Velo events than the SDK)", c.Name, c.Module, prefix))
		}
	}

	// What was found of a derived name's own page.
	for _, n := range ov.V2.PageNotes {
		h := byKey(n.Name, catalog.V2)
		switch {
		case h == nil || !h.Derived:
			errs = append(errs, fmt.Errorf("v2-handlers.json: pageNotes %s: not a derived handler", n.Name))
		case !strings.HasPrefix(n.Page, "https://dev.wix.com/docs/") || n.Why == "":
			errs = append(errs, fmt.Errorf("v2-handlers.json: pageNotes %s: needs its dev.wix.com page and why", n.Name))
		default:
			why := n.Why + " (" + n.Page + ")"
			h.Note = joinNote(h.Note, "Derived though its page exists: "+why+".")
			if rep.derivedWhy == nil {
				rep.derivedWhy = map[string]string{}
			}
			rep.derivedWhy[h.Name] = why
		}
	}

	// Velo events listed on a menu whose handler names were not read. An
	// event that has a name in the module (confirmed or derived) is not
	// unread.
	named := map[string]bool{}
	for _, h := range f.Handlers {
		if h.Generation == catalog.V2 {
			named[h.Module+" "+h.Event] = true
		}
	}
	for _, u := range ov.V2.Unread {
		if !strings.HasPrefix(u.Menu, "https://dev.wix.com/docs/") {
			errs = append(errs, fmt.Errorf("v2-handlers.json: unread %s: menu must be a dev.wix.com page", u.Module))
		}
		events := u.Events
		if u.Package != "" {
			evs := sdkByNS[u.Package+" "+u.Namespace]
			if len(evs) == 0 {
				errs = append(errs, fmt.Errorf("v2-handlers.json: unread %s: %s %s has no SDK events", u.Module, u.Package, u.Namespace))
			}
			if len(events) == 0 {
				for _, e := range evs {
					events = append(events, e.Export)
				}
			}
		} else if len(events) == 0 {
			errs = append(errs, fmt.Errorf("v2-handlers.json: unread %s: name the events or their SDK namespace", u.Module))
		}
		for _, ev := range events {
			if !strings.HasPrefix(ev, "on") {
				errs = append(errs, fmt.Errorf("v2-handlers.json: unread %s: %q is not an event name", u.Module, ev))
				continue
			}
			if !named[u.Module+" "+ev] {
				f.Unread = append(f.Unread, catalog.UnreadEvent{Event: ev, Module: u.Module, Menu: u.Menu})
			}
		}
	}
	rep.unreadCount = len(f.Unread)
	sort.Slice(f.Unread, func(i, j int) bool {
		a, b := f.Unread[i], f.Unread[j]
		if a.Event != b.Event {
			return a.Event < b.Event
		}
		return a.Module < b.Module
	})

	// replacedBy must name a handler we list.
	for _, h := range f.Handlers {
		if h.ReplacedBy != "" && byKey(h.ReplacedBy, catalog.V2) == nil && byKey(h.ReplacedBy, catalog.V1) == nil {
			errs = append(errs, fmt.Errorf("%s: replacedBy %s is not in the catalog", h.Name, h.ReplacedBy))
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}

	names := make([]string, 0, len(pkgs))
	for n := range pkgs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f.Packages = append(f.Packages, pkgs[n])
	}
	f.Version = fmt.Sprintf("%s (%s %s, %d SDK packages)", p.PinnedOn, p.CorvidTypes.Name, ct, len(p.SDK))
	rep.version = f.Version
	rep.modules = f.Modules
	for _, n := range p.NotServed {
		rep.notServed = append(rep.notServed, fmt.Sprintf("%s %s (%s)", n.Name, n.Version, n.Missing))
	}
	rep.prefixCount = len(f.Prefixes)
	return f, rep, nil
}

// skipDerived says why the derivation makes no name for SDK event e under
// mapping m, or "" to derive it. The docs are the truth: an event whose
// page shows a name (confirmed, under any prefix of the module) gets that
// name only; an event the module's menu page does not list is not a Velo
// event; and an SDK export that repeats its entity's name
// (onSubmissionRemovedSubmissionFromTrash) is no safe guess of the Velo name
// unless the menu lists it.
func skipDerived(m sdkPrefix, e *catalog.SDKEvent, evs []catalog.SDKEvent, confirmed []*catalog.Handler) string {
	var names []string
	for _, h := range confirmed {
		// Only a dev.wix.com page overrules: a name seen only on the old
		// www.wix.com reference does not drop the derived one.
		if strings.HasPrefix(h.DocsURL, "https://dev.wix.com/docs/") {
			names = append(names, h.Name+" ("+h.Evidence+")")
		}
	}
	if len(names) > 0 {
		return "the docs page of this event shows " + strings.Join(names, " and ")
	}
	if len(m.Events) > 0 && !contains(m.Events, e.Export) {
		return "not among the module's events on its menu page " + m.Menu
	}
	// A menu that lists the event shows its name as the docs spell it
	// (business tools onLocationSetDefaultLocation), so the doubled word is
	// no guess there.
	if w := doubledEntity(e, evs); w != "" && !contains(m.Events, e.Export) {
		return "the SDK event type repeats its entity \"" + w + "\" and no docs page shows the Velo name"
	}
	return ""
}

// doubledEntity returns the entity name when SDK event e's event type
// repeats it after the action (wix.forms.v4.submission_removed_submission_from_trash:
// "submission"), or "". The entity is the part every event type of the
// namespace starts with (so wix.media.site_media.v1.file_descriptor_file_ready,
// whose entity is file_descriptor, is no repeat). The docs keep some such
// names (inbox onConversationConversationsMerged) and not others, so no
// name is guessed for them.
func doubledEntity(e *catalog.SDKEvent, evs []catalog.SDKEvent) string {
	last := func(t string) string { return t[strings.LastIndexByte(t, '.')+1:] }
	if len(evs) < 2 || !strings.Contains(last(e.EventType), "_") {
		return ""
	}
	entity := last(evs[0].EventType)
	for _, o := range evs[1:] {
		t := last(o.EventType)
		for !strings.HasPrefix(t, entity) {
			i := strings.LastIndexByte(entity, '_')
			if i < 0 {
				return ""
			}
			entity = entity[:i]
		}
	}
	entity = strings.TrimSuffix(entity, "_")
	rest, ok := strings.CutPrefix(last(e.EventType), entity+"_")
	if !ok || entity == "" {
		return ""
	}
	// A repeat right after the entity (guest_guest_checked_in) the SDK
	// export already drops (onGuestCheckedIn); one further on it keeps.
	if strings.HasPrefix(rest, entity+"_") {
		return ""
	}
	if w := "_" + rest + "_"; strings.Contains(w, "_"+entity+"_") {
		return entity
	}
	return ""
}

// twoNames checks the events whose pages show two names: both are kept
// only when both pages are on dev.wix.com, and each entry's Note (shown in
// hover) names the other.
func twoNames(byEvent map[string][]*catalog.Handler) []error {
	var errs []error
	keys := make([]string, 0, len(byEvent))
	for k := range byEvent {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		hs := byEvent[k]
		if len(hs) < 2 {
			continue
		}
		for _, h := range hs {
			if !strings.HasPrefix(h.DocsURL, "https://dev.wix.com/docs/") {
				errs = append(errs, fmt.Errorf("v2-handlers.json: %s: the docs show %d names for this event; each needs a dev.wix.com page (docsUrl), %s has %s", k, len(hs), h.Name, h.DocsURL))
			}
			for _, o := range hs {
				if o != h && !strings.Contains(h.Note, o.Name) {
					h.Note = joinNote(h.Note, "The docs show two names for this event: "+o.Name+" ("+o.DocsURL+") is listed too.")
				}
			}
		}
	}
	return errs
}

func replacedText(e *catalog.SDKEvent) string {
	s := ""
	if e.ReplacedBy != "" {
		s += ", replaced by event " + e.ReplacedBy
	}
	if e.TargetRemovalDate != "" {
		s += ", target removal " + e.TargetRemovalDate
	}
	return s
}

// linkSDK records the SDK event a v2 handler mirrors and lends it the
// event's payload: the Velo handler receives the same event object
// (entity/data and metadata) as the SDK listener.
func linkSDK(h *catalog.Handler, e *catalog.SDKEvent) {
	h.EventType = e.EventType
	h.SDK = e.Package + " " + e.Namespace + "." + e.Export
	if h.Description == "" {
		h.Description = e.Description
	}
	if h.PayloadType == "" {
		h.PayloadType = e.PayloadType
	}
	if len(h.PayloadFields) == 0 {
		h.PayloadFields = e.PayloadFields
	}
}

// sdkEvent finds "<package> <namespace>.<export>" among the extracted events.
func sdkEvent(byNS map[string][]catalog.SDKEvent, ref string) *catalog.SDKEvent {
	pkgNS, export, ok := strings.Cut(ref, ".")
	if !ok {
		return nil
	}
	evs := byNS[pkgNS]
	for i := range evs {
		if evs[i].Export == export {
			return &evs[i]
		}
	}
	return nil
}

func addPrefix(f *catalog.File, prefix, module, docs string) {
	for i := range f.Prefixes {
		if f.Prefixes[i].Prefix == prefix {
			if !contains(f.Prefixes[i].Modules, module) {
				f.Prefixes[i].Modules = append(f.Prefixes[i].Modules, module)
				sort.Strings(f.Prefixes[i].Modules)
			}
			return
		}
	}
	f.Prefixes = append(f.Prefixes, catalog.PrefixInfo{Prefix: prefix, Modules: []string{module}, DocsURL: docs})
}

func readVersion(fsys fs.FS, pkg string) (string, error) {
	raw, err := fs.ReadFile(fsys, pkg+"/package.json")
	if err != nil {
		return "", err
	}
	var pj struct {
		Version string `json:"version"`
	}
	err = json.Unmarshal(raw, &pj)
	return pj.Version, err
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " " + b
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func stripMarkdown(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	return s
}

// deprecationText picks the text that says why: the event's own doc when it
// carries the marker, else the Events interface doc.
func deprecationText(eventsDoc, eventDoc string) string {
	for _, d := range []string{eventDoc, eventsDoc} {
		if i := strings.Index(d, "**Deprecated.**"); i >= 0 {
			t := strings.TrimSpace(d[i+len("**Deprecated.**"):])
			t = strings.Join(strings.Fields(firstParagraph(t)), " ")
			return t
		}
	}
	return ""
}

func firstParagraph(s string) string {
	p, _, _ := strings.Cut(s, "\n\n")
	return p
}

// stripDeprecated drops a leading "**Deprecated.** …" paragraph from a
// description; the deprecation is carried by its own fields.
func stripDeprecated(s string) string {
	if !strings.HasPrefix(s, "**Deprecated.**") {
		return s
	}
	if _, rest, ok := strings.Cut(s, "\n\n"); ok {
		return rest
	}
	return strings.TrimSpace(strings.TrimPrefix(s, "**Deprecated.**"))
}

// encode writes the file deterministically: entries sorted by key, one
// JSON object per line for handlers and SDK events so diffs stay readable.
func encode(f *catalog.File) ([]byte, error) {
	sort.Slice(f.Prefixes, func(i, j int) bool { return f.Prefixes[i].Prefix < f.Prefixes[j].Prefix })
	sort.SliceStable(f.Handlers, func(i, j int) bool {
		a, b := f.Handlers[i], f.Handlers[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Generation < b.Generation
	})
	sort.Slice(f.Modules, func(i, j int) bool { return f.Modules[i].Name < f.Modules[j].Name })
	sort.SliceStable(f.SDKEvents, func(i, j int) bool {
		a, b := f.SDKEvents[i], f.SDKEvents[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		return a.Export < b.Export
	})
	var buf bytes.Buffer
	line := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		buf.Write(b)
		return nil
	}
	buf.WriteString("{\n\"generated\": ")
	line(f.Generated)
	buf.WriteString(",\n\"version\": ")
	line(f.Version)
	for _, sec := range []struct {
		name string
		n    int
		item func(i int) any
	}{
		{"packages", len(f.Packages), func(i int) any { return f.Packages[i] }},
		{"prefixes", len(f.Prefixes), func(i int) any { return f.Prefixes[i] }},
		{"handlers", len(f.Handlers), func(i int) any { return f.Handlers[i] }},
		{"sdkEvents", len(f.SDKEvents), func(i int) any { return f.SDKEvents[i] }},
		{"modules", len(f.Modules), func(i int) any { return f.Modules[i] }},
		{"unreadVelo", len(f.Unread), func(i int) any { return f.Unread[i] }},
	} {
		fmt.Fprintf(&buf, ",\n%q: [", sec.name)
		for i := 0; i < sec.n; i++ {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n")
			if err := line(sec.item(i)); err != nil {
				return nil, err
			}
		}
		buf.WriteString("\n]")
	}
	buf.WriteString("\n}\n")
	return buf.Bytes(), nil
}
