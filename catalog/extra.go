package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// Extra is the user additions a workspace declares for events newer than
// the catalog, so that a stale catalog never forces a false warning on
// anyone. The server and `check` read it from .wix-events.json:
//
//	{"catalog": {
//	  "handlers":  [{"name": "wixFoo_onBar", "module": "wix-foo.v2", "docsUrl": "https://dev.wix.com/docs/…"}],
//	  "sdkEvents": [{"package": "@wix/foo", "namespace": "bars", "export": "onBarCreated", "eventType": "wix.foo.v1.bar_created"}]
//	}}
//
// In a handler, prefix and event default to the two halves of name and
// generation defaults to "v2" (v1 modules no longer get new events). In an
// SDK event, importPath defaults to package. Evidence defaults to "user".
type Extra struct {
	Handlers  []Handler  `json:"handlers"`
	SDKEvents []SDKEvent `json:"sdkEvents"`
}

// With returns a new catalog with the additions merged; the receiver is left
// untouched. A user entry with the key of an existing one (handler name and
// generation; SDK package, namespace and export) replaces it. It returns an
// error naming every malformed entry: a handler name without a module
// prefix and event, a prefix or event contradicting the name, an unknown
// generation, an SDK event without package, namespace or export.
func (c *Catalog) With(extra Extra) (*Catalog, error) {
	var errs []error
	type hkey struct {
		name string
		gen  Generation
	}
	userH := map[hkey]*Handler{}
	var hs []*Handler
	for i := range extra.Handlers {
		h := extra.Handlers[i] // copy: the caller's value stays as given
		if err := normalizeUserHandler(&h); err != nil {
			errs = append(errs, fmt.Errorf("catalog.handlers[%d] %q: %w", i, extra.Handlers[i].Name, err))
			continue
		}
		h.PayloadFields = append([]Field(nil), h.PayloadFields...)
		k := hkey{h.Name, h.Generation}
		if old := userH[k]; old != nil {
			*old = h // a later duplicate wins
			continue
		}
		hs = append(hs, &h)
		userH[k] = &h
	}
	userS := map[string]*SDKEvent{}
	var ss []*SDKEvent
	for i := range extra.SDKEvents {
		e := extra.SDKEvents[i]
		if err := normalizeUserSDK(&e); err != nil {
			errs = append(errs, fmt.Errorf("catalog.sdkEvents[%d] %s %s.%s: %w", i, e.Package, e.Namespace, e.Export, err))
			continue
		}
		e.PayloadFields = append([]Field(nil), e.PayloadFields...)
		e.PermissionScopes = append([]string(nil), e.PermissionScopes...)
		if old := userS[e.Key()]; old != nil {
			*old = e
			continue
		}
		ss = append(ss, &e)
		userS[e.Key()] = &e
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(hs) == 0 && len(ss) == 0 {
		return c, nil
	}

	f := c.file()
	nf := &File{Generated: f.Generated, Version: c.version + " + workspace additions", Packages: f.Packages, Modules: f.Modules, Unread: f.Unread}
	nf.Prefixes = append(nf.Prefixes, f.Prefixes...)
	for _, h := range f.Handlers {
		if userH[hkey{h.Name, h.Generation}] == nil {
			nf.Handlers = append(nf.Handlers, h)
		}
	}
	nf.Handlers = append(nf.Handlers, hs...)
	for _, e := range f.SDKEvents {
		if userS[e.Key()] == nil {
			nf.SDKEvents = append(nf.SDKEvents, e)
		}
	}
	nf.SDKEvents = append(nf.SDKEvents, ss...)
	for _, h := range hs {
		if _, known := c.prefixes[h.Prefix]; !known {
			mods := []string(nil)
			if h.Module != "" {
				mods = []string{h.Module}
			}
			nf.Prefixes = append(nf.Prefixes, PrefixInfo{Prefix: h.Prefix, Modules: mods, DocsURL: h.DocsURL})
		}
	}
	nc, err := build(nf)
	if err != nil {
		return nil, err
	}
	nc.origin = c.origin
	return nc, nil
}

func normalizeUserHandler(h *Handler) error {
	p, ev, ok := SplitHandlerName(h.Name)
	if !ok {
		return errors.New(`name must be <modulePrefix>_<eventName>, e.g. "wixBilling_onInvoicePaid"`)
	}
	if !isIdent(h.Name) {
		return errors.New("name is not a JavaScript identifier")
	}
	if h.Prefix == "" {
		h.Prefix = p
	} else if h.Prefix != p {
		return fmt.Errorf("prefix %q does not match the name (want %q)", h.Prefix, p)
	}
	if h.Event == "" {
		h.Event = ev
	} else if h.Event != ev {
		return fmt.Errorf("event %q does not match the name (want %q)", h.Event, ev)
	}
	switch h.Generation {
	case "":
		h.Generation = V2
	case V1, V2:
	default:
		return fmt.Errorf("generation %q is neither %q nor %q", h.Generation, V1, V2)
	}
	if h.Evidence == "" {
		h.Evidence = "user"
	}
	return nil
}

func normalizeUserSDK(e *SDKEvent) error {
	var missing []string
	if e.Package == "" {
		missing = append(missing, "package")
	}
	if e.Namespace == "" {
		missing = append(missing, "namespace")
	}
	if e.Export == "" {
		missing = append(missing, "export")
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	if !isIdent(e.Namespace) || !isIdent(e.Export) {
		return errors.New("namespace and export must be JavaScript identifiers")
	}
	if e.ImportPath == "" {
		e.ImportPath = e.Package
	}
	if e.Evidence == "" {
		e.Evidence = "user"
	}
	return nil
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b == '_' || b == '$' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'):
		case isDigit(b) && i > 0:
		default:
			return false
		}
	}
	return true
}
