package catalog

import (
	"sort"
	"strings"
)

// Generation tells which family of Velo backend modules a handler belongs
// to. The same handler name can exist in both generations with different
// payloads (wixCrm_onContactCreated), so it is part of a handler's key.
type Generation string

const (
	// V1 is a classic backend module (wix-billing-backend, …), typed by the
	// corvid-types npm package.
	V1 Generation = "v1"
	// V2 is a universal module (wix-ecom-backend, wix-crm.v2, …), whose
	// handler names only appear in the docs.
	V2 Generation = "v2"
)

// Field is one member of a payload type.
type Field struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Doc      string `json:"doc,omitempty"`      // one line
	Optional bool   `json:"optional,omitempty"` // declared with '?'
}

// Handler is one Velo events.js handler: <Prefix>_<Event>.
type Handler struct {
	Name        string     `json:"name"`   // wixBilling_onInvoicePaid
	Prefix      string     `json:"prefix"` // wixBilling (derived from Name when omitted in user entries)
	Module      string     `json:"module"` // wix-billing-backend
	Event       string     `json:"event"`  // onInvoicePaid (derived from Name when omitted in user entries)
	Generation  Generation `json:"generation"`
	PayloadType string     `json:"payloadType,omitempty"`
	// PayloadFields are the payload's members where the typings give them.
	PayloadFields   []Field `json:"payloadFields,omitempty"`
	Description     string  `json:"description,omitempty"`
	Deprecated      bool    `json:"deprecated,omitempty"`
	DeprecationNote string  `json:"deprecationNote,omitempty"` // why / what to use instead, human text
	ReplacedBy      string  `json:"replacedBy,omitempty"`      // handler name of the replacement when known
	RemovalDate     string  `json:"removalDate,omitempty"`     // YYYY-MM-DD when known
	DocsURL         string  `json:"docsUrl,omitempty"`         // https://dev.wix.com/docs/...
	// Evidence names the package file ("npm:corvid-types@0.4.16/types/common/wix-billing-backend.d.ts")
	// or docs page that shows the name; "user" for workspace additions.
	Evidence string `json:"evidence,omitempty"`
	// Derived is true when the name comes from the SDK-namespace→prefix map
	// rather than from a page or file showing it literally.
	Derived bool `json:"derived,omitempty"`
	// Note carries caveats worth showing a user, e.g. that the docs show two
	// prefixes for this event.
	Note string `json:"note,omitempty"`
	// EventType is the platform event type ("wix.ecom.v1.order_approved")
	// when the handler is known to mirror an SDK event.
	EventType string `json:"eventType,omitempty"`
	// SDK names the mirrored SDK event ("@wix/ecom orders.onOrderApproved")
	// when known.
	SDK string `json:"sdk,omitempty"`
}

// SDKEvent is one JavaScript SDK event function, e.g. @wix/crm contacts.onContactCreated.
type SDKEvent struct {
	Package          string   `json:"package"`    // @wix/crm
	ImportPath       string   `json:"importPath"` // what to import from; equals Package for the @wix packages
	Namespace        string   `json:"namespace"`  // contacts
	Export           string   `json:"export"`     // onContactCreated
	EventType        string   `json:"eventType,omitempty"`
	PayloadType      string   `json:"payloadType,omitempty"`
	PayloadFields    []Field  `json:"payloadFields,omitempty"`
	Description      string   `json:"description,omitempty"`
	PermissionScopes []string `json:"permissionScopes,omitempty"`
	// PermissionScopeIDs are the SCOPE.* ids matching PermissionScopes.
	PermissionScopeIDs []string `json:"permissionScopeIds,omitempty"`
	Deprecated         bool     `json:"deprecated,omitempty"`
	ReplacedBy         string   `json:"replacedBy,omitempty"`
	TargetRemovalDate  string   `json:"targetRemovalDate,omitempty"`
	DocsURL            string   `json:"docsUrl,omitempty"`
	Evidence           string   `json:"evidence,omitempty"`
	// Source says where the entry comes from when it is not the embedded
	// catalog: "@wix/groups 1.0.149, installed" for an app's installed
	// package (see WithInstalled). Catalog.SourceOf names every entry's.
	Source string `json:"source,omitempty"`
}

// Key is the unique key of an SDK event: package, namespace and export
// (export names repeat across namespaces).
func (e *SDKEvent) Key() string { return sdkKey(e.Package, e.Namespace, e.Export) }

func sdkKey(pkg, ns, export string) string { return pkg + "\x00" + ns + "\x00" + export }

// SDKModule is one top-level @wix SDK package the catalog read, whether or
// not it declares events. Knowing that a package exists and has no events is
// different from not knowing the package at all: only the first lets a rule
// say an event certainly does not exist.
type SDKModule struct {
	Name    string `json:"name"`              // @wix/crm
	Version string `json:"version"`           // the version read
	DocsURL string `json:"docsUrl,omitempty"` // the package's SDK reference page
	Events  int    `json:"events"`            // event functions declared (0: none)
	// Installed is true when the entry describes the version an app has
	// installed (Catalog.WithInstalled) rather than the embedded catalog's.
	Installed bool `json:"installed,omitempty"`
	// Exports are the subpaths the installed package's exports map declares
	// ("." , "./meta", …); nil when not installed or without a map.
	Exports []string `json:"exports,omitempty"`
}

// SDKModule returns what the catalog read of a top-level package. ok is false
// when the catalog never read it; a package with events is always known, even
// in data generated before modules were recorded.
func (c *Catalog) SDKModule(pkg string) (m SDKModule, ok bool) {
	if m, ok := c.modules[pkg]; ok {
		return m, true
	}
	if ns := c.sdkByPkg[pkg]; ns != nil {
		n := 0
		for _, evs := range ns {
			n += len(evs)
		}
		return SDKModule{Name: pkg, Events: n}, true
	}
	return SDKModule{}, false
}

// UnreadEvent is a Velo event a dev.wix.com events menu lists whose page
// the catalog has not read: the event exists for Velo sites, but its
// handler name (its module prefix) is not known. A handler of that event
// under any prefix is no certain mistake, so rules say so quietly.
type UnreadEvent struct {
	Event  string `json:"event"`  // onCategoryCreated
	Module string `json:"module"` // wix-categories.v2
	Menu   string `json:"menu"`   // the dev.wix.com page listing it
}

// UnreadVelo returns the Velo events menus that list event with a handler
// name the catalog has not read; nil for any other event.
func (c *Catalog) UnreadVelo(event string) []UnreadEvent { return c.unread[event] }

// Suggestion is one did-you-mean answer for an unknown handler name.
type Suggestion struct {
	Name     string     // the suggested handler name
	Reason   string     // short human reason: "case", "spelling", "British spelling", "wrong module prefix", "missing module prefix", "replaces deprecated <name>"
	Handlers []*Handler // the catalog entries of Name
}

// Package is one npm package version the catalog was generated from.
type Package struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Integrity string `json:"integrity,omitempty"`
}

// PrefixInfo is one row of the Velo module-prefix table.
type PrefixInfo struct {
	Prefix  string   `json:"prefix"`
	Modules []string `json:"modules"`
	DocsURL string   `json:"docsUrl,omitempty"`
}

// Catalog is an immutable, indexed set of events. Safe for concurrent use.
type Catalog struct {
	version  string
	origin   string // the embedded data's version, kept by With and WithInstalled
	packages []Package

	prefixRows []PrefixInfo // the prefix table as given, with docs URLs

	handlers []*Handler            // sorted by Name, then Generation
	byName   map[string][]*Handler // exact name → entries (v1 before v2)
	prefixes map[string][]string   // prefix → modules, sorted
	prefList []string              // sorted prefixes

	sdk         []*SDKEvent // sorted by package, namespace, export
	sdkByKey    map[string]*SDKEvent
	sdkByPkg    map[string]map[string][]*SDKEvent
	sdkPkgs     []string
	sdkNS       map[string][]string // package → sorted namespaces
	sdkByType   map[string][]*SDKEvent
	sdkByExport map[string][]*SDKEvent

	unreadList []UnreadEvent            // as given, for file()
	unread     map[string][]UnreadEvent // event → menus listing it

	modules  map[string]SDKModule // top-level package → what the catalog read of it
	byImport map[string]string    // import path or package name → package with events

	comp []compEntry // completion index, see complete.go
	sug  suggestIndex
}

// Version names the catalog's package versions in a form short enough for a
// diagnostic message.
func (c *Catalog) Version() string { return c.version }

// Packages lists the npm package versions the catalog was generated from.
func (c *Catalog) Packages() []Package { return append([]Package(nil), c.packages...) }

// Handlers returns every Velo handler entry, sorted by Name then Generation.
func (c *Catalog) Handlers() []*Handler { return append([]*Handler(nil), c.handlers...) }

// Lookup returns every entry with exactly this handler name (v1 and v2).
func (c *Catalog) Lookup(name string) []*Handler {
	hs := c.byName[name]
	if len(hs) == 0 {
		return nil
	}
	return append([]*Handler(nil), hs...)
}

// Prefixes returns every known Velo module prefix, sorted.
func (c *Catalog) Prefixes() []string { return append([]string(nil), c.prefList...) }

// PrefixModules returns the modules using a prefix, sorted; nil if unknown.
func (c *Catalog) PrefixModules(prefix string) []string {
	ms := c.prefixes[prefix]
	if len(ms) == 0 {
		return nil
	}
	return append([]string(nil), ms...)
}

// PrefixTable returns the Velo module-prefix table with the docs page
// backing each prefix.
func (c *Catalog) PrefixTable() []PrefixInfo { return append([]PrefixInfo(nil), c.prefixRows...) }

// SDKPackages returns the SDK packages that declare events ("@wix/crm", …), sorted.
func (c *Catalog) SDKPackages() []string { return append([]string(nil), c.sdkPkgs...) }

// SDKPackageOf returns the package with events that an import path names
// ("" when none): import paths equal package names for the @wix packages.
func (c *Catalog) SDKPackageOf(importPath string) string { return c.byImport[importPath] }

// SDKNamespaces returns the namespaces of a package that have events, sorted.
func (c *Catalog) SDKNamespaces(pkg string) []string {
	ns := c.sdkNS[pkg]
	if len(ns) == 0 {
		return nil
	}
	return append([]string(nil), ns...)
}

// SDKEvents returns the events of one namespace, sorted by export. With an
// empty namespace it returns every event of the package.
func (c *Catalog) SDKEvents(pkg, namespace string) []*SDKEvent {
	if namespace == "" {
		var out []*SDKEvent
		for _, ns := range c.sdkNS[pkg] {
			out = append(out, c.sdkByPkg[pkg][ns]...)
		}
		return out
	}
	evs := c.sdkByPkg[pkg][namespace]
	if len(evs) == 0 {
		return nil
	}
	return append([]*SDKEvent(nil), evs...)
}

// AllSDKEvents returns every SDK event, sorted by package, namespace, export.
func (c *Catalog) AllSDKEvents() []*SDKEvent { return append([]*SDKEvent(nil), c.sdk...) }

// SDK returns one SDK event, or nil when unknown.
func (c *Catalog) SDK(pkg, namespace, export string) *SDKEvent {
	return c.sdkByKey[sdkKey(pkg, namespace, export)]
}

// SDKByEventType returns every export declaring this event type; several
// exports can share one (cart.onCartCreated and currentCart.onCartCreated),
// and two extensions handling such a pair collide.
func (c *Catalog) SDKByEventType(eventType string) []*SDKEvent {
	evs := c.sdkByType[eventType]
	if len(evs) == 0 {
		return nil
	}
	return append([]*SDKEvent(nil), evs...)
}

// FindSDKExport returns every package/namespace declaring this export name,
// e.g. to fix `import { onContactCreated } from "@wix/crm/events"`.
func (c *Catalog) FindSDKExport(export string) []*SDKEvent {
	evs := c.sdkByExport[export]
	if len(evs) == 0 {
		return nil
	}
	return append([]*SDKEvent(nil), evs...)
}

// SplitHandlerName splits "wixBilling_onInvoicePaid" into its module prefix
// and event name at the first underscore; ok is false without one or when
// either side is empty.
func SplitHandlerName(name string) (prefix, event string, ok bool) {
	prefix, event, ok = strings.Cut(name, "_")
	if !ok || prefix == "" || event == "" {
		return "", "", false
	}
	return prefix, event, true
}

func sortHandlers(hs []*Handler) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Name != hs[j].Name {
			return hs[i].Name < hs[j].Name
		}
		return hs[i].Generation < hs[j].Generation
	})
}

func sortSDK(evs []*SDKEvent) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		return a.Export < b.Export
	})
}
