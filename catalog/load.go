package catalog

import (
	_ "embed"
	"fmt"
	"sort"
	"sync"
)

// The embedded data is written by `go generate ./catalog`; see internal/gen.
//
//go:embed catalog.gen.json
var embedded string

// File is the on-disk form of the catalog data (catalog.gen.json). It is
// exported for the generator; the server should use Default.
type File struct {
	// Generated marks the file as generated and names the command that
	// regenerates it.
	Generated string `json:"generated"`
	// Version is the short version string returned by Catalog.Version.
	Version   string       `json:"version"`
	Packages  []Package    `json:"packages"`
	Prefixes  []PrefixInfo `json:"prefixes"`
	Handlers  []*Handler   `json:"handlers"`
	SDKEvents []*SDKEvent  `json:"sdkEvents"`
	// Modules lists every top-level SDK package the catalog read, including
	// the ones that declare no events, so "not in the catalog" and "has no
	// events" can be told apart.
	Modules []SDKModule `json:"modules,omitempty"`
	// Unread lists Velo events that a docs menu lists but whose handler
	// names no page read showed (Catalog.UnreadVelo).
	Unread []UnreadEvent `json:"unreadVelo,omitempty"`
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
)

// Default returns the embedded catalog, decoded once on first use. It panics
// if the embedded data is corrupt, which the package tests rule out.
func Default() *Catalog {
	defaultOnce.Do(func() {
		c, err := parseString(embedded)
		if err != nil {
			panic("catalog: embedded data: " + err.Error())
		}
		defaultCat = c
	})
	return defaultCat
}

// Parse decodes catalog data in the catalog.gen.json format and indexes it.
func Parse(data []byte) (*Catalog, error) { return parseString(string(data)) }

func parseString(data string) (*Catalog, error) {
	f, err := decodeFile(data)
	if err != nil {
		return nil, err
	}
	return build(f)
}

// build indexes a decoded file. It takes ownership of f's slices.
func build(f *File) (*Catalog, error) {
	c := &Catalog{
		version:     f.Version,
		origin:      f.Version,
		prefixRows:  f.Prefixes,
		packages:    f.Packages,
		byName:      make(map[string][]*Handler, len(f.Handlers)),
		prefixes:    make(map[string][]string, len(f.Prefixes)),
		sdkByKey:    make(map[string]*SDKEvent, len(f.SDKEvents)),
		sdkByPkg:    make(map[string]map[string][]*SDKEvent),
		sdkNS:       make(map[string][]string),
		sdkByType:   make(map[string][]*SDKEvent, len(f.SDKEvents)),
		sdkByExport: make(map[string][]*SDKEvent, len(f.SDKEvents)),
		modules:     make(map[string]SDKModule, len(f.Modules)),
		byImport:    make(map[string]string),
	}
	for _, m := range f.Modules {
		c.modules[m.Name] = m
	}
	c.unreadList = f.Unread
	for _, u := range f.Unread {
		if c.unread == nil {
			c.unread = make(map[string][]UnreadEvent)
		}
		c.unread[u.Event] = append(c.unread[u.Event], u)
	}
	for _, p := range f.Prefixes {
		c.prefixes[p.Prefix] = appendUnique(c.prefixes[p.Prefix], p.Modules...)
	}
	type hkey struct {
		name string
		gen  Generation
	}
	seen := make(map[hkey]bool, len(f.Handlers))
	c.handlers = make([]*Handler, 0, len(f.Handlers))
	for _, h := range f.Handlers {
		if h == nil {
			continue
		}
		k := hkey{h.Name, h.Generation}
		if seen[k] {
			return nil, fmt.Errorf("duplicate handler %s (%s)", h.Name, h.Generation)
		}
		seen[k] = true
		if h.PayloadFields != nil && len(h.PayloadFields) == 0 {
			h.PayloadFields = nil
		}
		c.handlers = append(c.handlers, h)
		if h.Module != "" {
			c.prefixes[h.Prefix] = appendUnique(c.prefixes[h.Prefix], h.Module)
		} else if _, ok := c.prefixes[h.Prefix]; !ok {
			c.prefixes[h.Prefix] = nil
		}
	}
	sortHandlers(c.handlers)
	for _, h := range c.handlers {
		c.byName[h.Name] = append(c.byName[h.Name], h)
	}
	for p, ms := range c.prefixes {
		sort.Strings(ms)
		c.prefList = append(c.prefList, p)
	}
	sort.Strings(c.prefList)

	c.sdk = make([]*SDKEvent, 0, len(f.SDKEvents))
	for _, e := range f.SDKEvents {
		if e == nil {
			continue
		}
		k := e.Key()
		if c.sdkByKey[k] != nil {
			return nil, fmt.Errorf("duplicate SDK event %s %s.%s", e.Package, e.Namespace, e.Export)
		}
		c.sdkByKey[k] = e
		c.sdk = append(c.sdk, e)
	}
	sortSDK(c.sdk)
	for _, e := range c.sdk {
		nsm := c.sdkByPkg[e.Package]
		if nsm == nil {
			nsm = make(map[string][]*SDKEvent)
			c.sdkByPkg[e.Package] = nsm
			c.sdkPkgs = append(c.sdkPkgs, e.Package)
		}
		if nsm[e.Namespace] == nil {
			c.sdkNS[e.Package] = append(c.sdkNS[e.Package], e.Namespace)
		}
		nsm[e.Namespace] = append(nsm[e.Namespace], e)
		if e.EventType != "" {
			c.sdkByType[e.EventType] = append(c.sdkByType[e.EventType], e)
		}
		c.sdkByExport[e.Export] = append(c.sdkByExport[e.Export], e)
		c.byImport[e.ImportPath] = e.Package
		c.byImport[e.Package] = e.Package
	}
	c.buildComplete()
	c.buildSuggest()
	return c, nil
}

func appendUnique(dst []string, xs ...string) []string {
outer:
	for _, x := range xs {
		for _, d := range dst {
			if d == x {
				continue outer
			}
		}
		dst = append(dst, x)
	}
	return dst
}

// file returns the catalog's content as a File, sharing the entries.
func (c *Catalog) file() *File {
	f := &File{Version: c.version, Packages: c.packages, Prefixes: c.prefixRows, Handlers: c.handlers, SDKEvents: c.sdk, Unread: c.unreadList}
	for _, m := range c.modules {
		f.Modules = append(f.Modules, m)
	}
	sort.Slice(f.Modules, func(i, j int) bool { return f.Modules[i].Name < f.Modules[j].Name })
	return f
}

// ParseFile decodes catalog data in the catalog.gen.json format without
// indexing it (the fast decoder; encoding/json gives the same File).
func ParseFile(data []byte) (*File, error) { return decodeFile(string(data)) }
