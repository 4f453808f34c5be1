package analysis

import (
	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/catalog/installed"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// appCatalog is the catalog a CLI app is analysed with: cat (the embedded
// catalog plus .wix-events.json additions) with the events of the @wix
// packages the app has installed in place of cat's entries for them
// (catalog/installed). Reads stay inside the app's workspace root; an app
// with nothing installed, or whose packages cannot be read, gets cat.
func appCatalog(ws *index.Workspace, cat *catalog.Catalog, root string) *catalog.Catalog {
	boundary := root
	if r := ws.RootOf(root); r != nil {
		boundary = r.Path
	}
	c, _ := installed.ForApp(cat, root, boundary)
	return c
}
