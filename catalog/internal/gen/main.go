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
	report.warnings = append(report.warnings, payloadsOrDie(os.DirFS(nm), f, *out, *check)...)
	for _, w := range report.warnings {
		log.Print("warning: ", w)
	}
	if *check {
		old, err := os.ReadFile(*out)
		if err != nil || !bytes.Equal(old, data) {
			log.Fatalf("%s is stale: run `go generate ./catalog`", *out)
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
	log.Print(report.summary())
}

// pins is overlay/pins.json.
type pins struct {
	About       string       `json:"about"`
	PinnedOn    string       `json:"pinnedOn"`
	CorvidTypes pkgVersion   `json:"corvidTypes"`
	SDK         []pkgVersion `json:"sdk"`
}

type pkgVersion struct {
	Name    string `json:"name"`
	Version string `json:"version"`
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
}

type v2Handlers struct {
	About    string      `json:"about"`
	Handlers []v2Handler `json:"handlers"`
}

type sdkPrefix struct {
	Package   string `json:"package"`
	Namespace string `json:"namespace"`
	Module    string `json:"module"`
	Prefix    string `json:"prefix"`
	Docs      string `json:"docs"`
	Note      string `json:"note"`
}

type sdkPrefixes struct {
	About string      `json:"about"`
	Map   []sdkPrefix `json:"map"`
}

func readOverlay(dir string) (*overlay, error) {
	var ov overlay
	for name, v := range map[string]any{
		"v1-modules.json":   &ov.V1,
		"deprecations.json": &ov.Dep,
		"v2-handlers.json":  &ov.V2,
		"sdk-prefixes.json": &ov.SDKPx,
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
	v2Confirmed int
	v2Derived   int
	prefixCount int
	warnings    []string
	version     string
}

func (r *report) summary() string {
	v1 := 0
	for _, n := range r.v1Modules {
		v1 += n
	}
	ns, fns := 0, 0
	for _, c := range r.sdkPackages {
		ns += c[0]
		fns += c[1]
	}
	return fmt.Sprintf("v1: %d events in %d modules; SDK: %d functions in %d namespaces of %d packages; v2: %d confirmed + %d derived",
		v1, len(r.v1Modules), fns, ns, len(r.sdkPackages), r.v2Confirmed, r.v2Derived)
}

func build(fsys fs.FS, p *pins, ov *overlay, lock map[string]lockEntry) (*catalog.File, *report, error) {
	rep := &report{v1Modules: map[string]int{}, sdkPackages: map[string][2]int{}}
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
				h.DocsURL = m.EventDocsBase + kebab(ev.Name)
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
		nss := map[string]bool{}
		for i := range res.Events {
			e := res.Events[i]
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
		f.Handlers = append(f.Handlers, h)
		addPrefix(f, prefix, c.Module, c.SeenOn)
		rep.v2Confirmed++
	}

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
		}
	}

	// Refuse a mapping contradicted by a confirmed handler of the same
	// module and prefix whose event the namespaces do not export.
	for _, c := range ov.V2.Handlers {
		prefix, event, _ := catalog.SplitHandlerName(c.Name)
		ms := mapFor(c.Module, prefix)
		if len(ms) == 0 {
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
	rep.prefixCount = len(f.Prefixes)
	return f, rep, nil
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

func linkSDK(h *catalog.Handler, e *catalog.SDKEvent) {
	h.EventType = e.EventType
	h.SDK = e.Package + " " + e.Namespace + "." + e.Export
	if h.Description == "" {
		h.Description = e.Description
	}
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

// kebab turns an event name into its docs page slug: onInvoicePaid → on-invoice-paid.
func kebab(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
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
