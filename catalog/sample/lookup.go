package sample

import (
	"fmt"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// ForHandler returns the sample event of a Velo handler. A name with a v1
// and a v2 entry gets the current (not deprecated) one's, v2 first; about
// says which entry it is.
func ForHandler(cat *catalog.Catalog, name string) (doc []byte, about string, err error) {
	hs := cat.Lookup(name)
	if len(hs) == 0 {
		msg := fmt.Sprintf("no handler %s in the catalog", name)
		if sug := cat.Suggest(name, 1); len(sug) > 0 {
			msg += fmt.Sprintf("; did you mean %s?", sug[0].Name)
		}
		return nil, "", fmt.Errorf("%s", msg)
	}
	var best *catalog.Handler
	for _, h := range hs {
		if cat.Payload(h) == nil {
			continue
		}
		if best == nil || best.Deprecated && !h.Deprecated || best.Deprecated == h.Deprecated && h.Generation == catalog.V2 && best.Generation != catalog.V2 {
			best = h
		}
	}
	if best == nil {
		return nil, "", fmt.Errorf("the catalog has no payload schema for %s", name)
	}
	root := cat.Payload(best)
	about = fmt.Sprintf("%s (%s, %s): %s", best.Name, best.Module, best.Generation, root.Name)
	if best.SDK != "" {
		about += ", as the SDK event " + best.SDK
	}
	return Event(cat, root, best.EventType), about, nil
}

// ForSDK returns the sample event of an SDK event function: pkg "@wix/crm",
// ref "contacts.onContactCreated".
func ForSDK(cat *catalog.Catalog, pkg, ref string) (doc []byte, about string, err error) {
	ns, export, ok := strings.Cut(ref, ".")
	if !ok {
		return nil, "", fmt.Errorf("want <namespace>.<export>, e.g. contacts.onContactCreated; got %q", ref)
	}
	e := cat.SDK(pkg, ns, export)
	if e == nil {
		msg := fmt.Sprintf("no SDK event %s %s in the catalog", pkg, ref)
		if sug := cat.SuggestSDK(pkg, ns, export, 1); len(sug) > 0 {
			msg += fmt.Sprintf("; did you mean %s.%s?", sug[0].Namespace, sug[0].Export)
		}
		return nil, "", fmt.Errorf("%s", msg)
	}
	root := cat.SDKPayload(e)
	if root == nil {
		return nil, "", fmt.Errorf("the catalog has no payload schema for %s %s", pkg, ref)
	}
	return Event(cat, root, e.EventType), fmt.Sprintf("%s %s (%s): %s", pkg, ref, e.EventType, root.Name), nil
}
