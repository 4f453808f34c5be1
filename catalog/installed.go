package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// InstalledPackage is what an app's node_modules declares of one top-level
// SDK package: the version installed and every event function it declares.
// Package catalog/installed reads it; WithInstalled merges it.
type InstalledPackage struct {
	Module SDKModule   // Name, Version, Events; Installed is set by WithInstalled
	Events []*SDKEvent // Package and ImportPath equal Module.Name
}

// WithInstalled returns a catalog in which each installed package replaces
// the entries of the same package: its events become known, events the
// embedded catalog lists but the installed version does not declare become
// unknown, and deprecations are the installed version's. Workspace
// additions (Evidence "user", from .wix-events.json) stay: the user said so.
// Every installed event without a Source gets "<package> <version>,
// installed", and
// the package's SDKModule answers Installed. With no packages it returns c.
func (c *Catalog) WithInstalled(pkgs []InstalledPackage) (*Catalog, error) {
	if len(pkgs) == 0 {
		return c, nil
	}
	repl := make(map[string]*InstalledPackage, len(pkgs))
	for i := range pkgs {
		p := &pkgs[i]
		if !strings.HasPrefix(p.Module.Name, "@") || p.Module.Version == "" {
			return nil, fmt.Errorf("installed package %q %q: want a scoped name and a version", p.Module.Name, p.Module.Version)
		}
		repl[p.Module.Name] = p
	}
	f := c.file()
	nf := &File{Generated: f.Generated, Packages: f.Packages, Prefixes: f.Prefixes, Handlers: f.Handlers, Unread: f.Unread}
	user := map[string]bool{}
	for _, e := range f.SDKEvents {
		if repl[e.Package] == nil || e.Evidence == "user" {
			nf.SDKEvents = append(nf.SDKEvents, e)
			if e.Evidence == "user" {
				user[e.Key()] = true
			}
		}
	}
	names := make([]string, 0, len(repl))
	for name := range repl {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := repl[name]
		src := p.Module.Name + " " + p.Module.Version + ", installed"
		for _, e := range p.Events {
			if e == nil || user[e.Key()] {
				continue
			}
			ne := *e
			ne.Package, ne.ImportPath = p.Module.Name, p.Module.Name
			if ne.Source == "" {
				ne.Source = src
			}
			nf.SDKEvents = append(nf.SDKEvents, &ne)
		}
	}
	mods := map[string]SDKModule{}
	for _, m := range f.Modules {
		mods[m.Name] = m
	}
	for _, name := range names {
		p := repl[name]
		m := p.Module
		m.Installed = true
		if m.DocsURL == "" {
			m.DocsURL = mods[name].DocsURL
		}
		mods[name] = m
	}
	for _, m := range mods {
		nf.Modules = append(nf.Modules, m)
	}
	sort.Slice(nf.Modules, func(i, j int) bool { return nf.Modules[i].Name < nf.Modules[j].Name })
	nf.Version = fmt.Sprintf("%s + %d installed @wix package%s", c.version, len(names), plural(len(names)))
	nc, err := build(nf)
	if err != nil {
		return nil, err
	}
	nc.origin = c.origin
	return nc, nil
}

// SourceOf says where an SDK event entry comes from, for hover and
// completion: "@wix/groups 1.0.149, installed", ".wix-events.json" for a
// workspace addition, else "catalog <embedded version>".
func (c *Catalog) SourceOf(e *SDKEvent) string {
	switch {
	case e == nil:
		return ""
	case e.Source != "":
		return e.Source
	case e.Evidence == "user":
		return ".wix-events.json"
	}
	return "catalog " + c.origin
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
