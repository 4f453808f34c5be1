package lsp

// wixEvents.newEventExtension: the editor's `wix generate` for an event
// extension. It returns (never applies) a workspace edit creating the
// builder with a fresh UUID, the handler in the CLI template's form, and
// the registration in src/extensions.ts (created when missing).

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// newExtensionArgs is the command's argument.
type newExtensionArgs struct {
	Package   string `json:"package"`   // @wix/crm
	Namespace string `json:"namespace"` // contacts
	Export    string `json:"export"`    // onContactCreated
	Folder    string `json:"folder"`    // contact-created
	Root      string `json:"root"`      // file URI of the app root; optional with a single app
}

// folderName is what `wix generate` accepts as an extension folder.
var folderName = regexp.MustCompile(`^[a-z0-9-]+$`)

func newEventExtension(s *Server, raw json.RawMessage) (*protocol.WorkspaceEdit, error) {
	var a newExtensionArgs
	if len(raw) == 0 || json.Unmarshal(raw, &a) != nil {
		return nil, errors.New(`expected {"package", "namespace", "export", "folder", "root"?}`)
	}
	if a.Package == "" || a.Namespace == "" || a.Export == "" {
		return nil, errors.New("package, namespace and export name the SDK event, e.g. @wix/crm contacts onContactCreated")
	}
	if !folderName.MatchString(a.Folder) {
		return nil, fmt.Errorf("folder %q must match ^[a-z0-9-]+$ (lowercase letters, digits and dashes)", a.Folder)
	}
	root, err := s.scaffoldRoot(a.Root)
	if err != nil {
		return nil, err
	}
	src := filepath.Join(root, "src")
	cat := s.an.Catalog(filepath.Join(src, "extensions.ts"))
	e := cat.SDK(a.Package, a.Namespace, a.Export)
	if e == nil {
		msg := fmt.Sprintf("%s %s.%s is not in the catalog (%s)", a.Package, a.Namespace, a.Export, cat.Version())
		if sugg := cat.SuggestSDK(a.Package, a.Namespace, a.Export, 3); len(sugg) > 0 {
			var names []string
			for _, x := range sugg {
				names = append(names, x.Package+" "+x.Namespace+"."+x.Export)
			}
			msg += "; did you mean " + strings.Join(names, ", ") + "?"
		}
		return nil, errors.New(msg)
	}
	dir := filepath.Join(src, "extensions", "backend", "events", a.Folder)
	builderPath := filepath.Join(dir, a.Folder+".extension.ts")
	handlerPath := filepath.Join(dir, a.Folder+".ts")
	for _, p := range []string{builderPath, handlerPath} {
		if s.ws.File(p) != nil || s.ws.Exists(p) {
			return nil, fmt.Errorf("%s already exists", relPath(root, p))
		}
	}
	app := s.an.CLIApp(filepath.Join(src, "extensions.ts"))
	if app == nil {
		return nil, fmt.Errorf("%s is not in the workspace", root)
	}
	// One handler per event per app (aliases share an event type). Not
	// refused in a Studio Two site project, whose docs do not state the
	// rule (duplicate-event-handler warns there).
	for _, h := range app.ActiveHandlers() {
		if m := h.Main(); !app.Site() && m != nil && m.Event != nil && (m.Event == e || e.EventType != "" && m.Event.EventType == e.EventType) {
			return nil, fmt.Errorf("the app already handles %s.%s in %s; an app may have one handler per event", e.Namespace, e.Export, relPath(root, h.File.Path))
		}
	}
	// The builders module: the one the app's builders import, else the one
	// its tooling provides.
	module := analysis.BuildersModule
	if app.Gen == analysis.GenCustom || app.Gen == analysis.GenStudio {
		module = analysis.CustomModule
	}
	for _, b := range app.Builders {
		if b.Module == analysis.CustomModule {
			module = analysis.CustomModule
		}
	}
	source := "./" + filepath.ToSlash(filepath.Join("extensions", "backend", "events", a.Folder, a.Folder+".ts"))
	builder := "import { extensions } from '" + module + "';\n\n" +
		"export default extensions.event({\n" +
		"  id: '" + analysis.NewUUID() + "',\n" +
		"  source: '" + source + "',\n" +
		"});\n"
	imp := e.ImportPath
	if imp == "" {
		imp = e.Package
	}
	handler := "import { " + e.Namespace + " } from '" + imp + "';\n\n" +
		"export default " + e.Namespace + "." + e.Export + "((event) => {\n" +
		"  console.log('" + e.Namespace + "." + e.Export + "', event);\n" +
		"});\n"
	edits := []analysis.Edit{
		{Path: builderPath, Create: true, NewText: builder},
		{Path: handlerPath, Create: true, NewText: handler},
	}
	reg := app.RegisterEdits(builderPath, "default", module)
	if reg == nil {
		return nil, fmt.Errorf("cannot add the extension to %s: it has no app() chain to extend", relPath(root, filepath.Join(src, "extensions.ts")))
	}
	edits = append(edits, reg...)
	return s.workspaceEdit(edits), nil
}

// scaffoldRoot picks the app folder: the given root (or the app containing
// it), else the workspace's only app.
func (s *Server) scaffoldRoot(rootURI string) (string, error) {
	if rootURI != "" {
		p, ok := filePath(uri.URI(rootURI))
		if !ok {
			return "", fmt.Errorf("root %q is not a file URI", rootURI)
		}
		if s.ws.RootOf(p) == nil {
			return "", fmt.Errorf("root %s is not in the workspace", p)
		}
		if app := s.ws.AppRoot(p); app != "" {
			return app, nil
		}
		return p, nil
	}
	apps := map[string]bool{}
	for _, f := range s.ws.Files(index.KindCLIBuilder, index.KindCLIRegistration, index.KindCLIHandler) {
		if app := s.ws.AppRoot(f.Path); app != "" {
			apps[app] = true
		}
	}
	if len(apps) == 0 {
		for _, r := range s.ws.Roots() {
			if s.ws.AppRoot(r.Path) == r.Path {
				apps[r.Path] = true
			}
		}
	}
	switch len(apps) {
	case 1:
		for a := range apps {
			return a, nil
		}
	case 0:
		return "", errors.New("no Wix CLI app (a folder with package.json and src/) in the workspace; pass root")
	}
	var list []string
	for a := range apps {
		list = append(list, a)
	}
	sort.Strings(list)
	return "", fmt.Errorf("several Wix CLI apps in the workspace (%s); pass root", strings.Join(list, ", "))
}
