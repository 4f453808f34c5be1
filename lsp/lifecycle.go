package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/config"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// Commands the server executes (workspace/executeCommand).
const (
	CommandNewEventExtension = "wixEvents.newEventExtension"
	CommandListSDKEvents     = "wixEvents.listSdkEvents"
)

// rawCaps is the subset of ClientCapabilities the server reads. They are
// read through plain JSON because the protocol package models most of them
// as deep optional structs and unions; one re-marshal at initialize is cheap.
type rawCaps struct {
	General struct {
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	Window struct {
		WorkDoneProgress bool `json:"workDoneProgress"`
	} `json:"window"`
	Workspace struct {
		Configuration         bool `json:"configuration"`
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		WorkspaceEdit struct {
			DocumentChanges    bool     `json:"documentChanges"`
			ResourceOperations []string `json:"resourceOperations"`
		} `json:"workspaceEdit"`
	} `json:"workspace"`
	TextDocument struct {
		PublishDiagnostics struct {
			RelatedInformation bool `json:"relatedInformation"`
			TagSupport         any  `json:"tagSupport"`
		} `json:"publishDiagnostics"`
		Completion struct {
			CompletionItem struct {
				SnippetSupport bool `json:"snippetSupport"`
				ResolveSupport struct {
					Properties []string `json:"properties"`
				} `json:"resolveSupport"`
				DocumentationFormat []string `json:"documentationFormat"`
				TagSupport          any      `json:"tagSupport"`
			} `json:"completionItem"`
			CompletionList struct {
				ItemDefaults []string `json:"itemDefaults"`
			} `json:"completionList"`
		} `json:"completion"`
		Hover struct {
			ContentFormat []string `json:"contentFormat"`
		} `json:"hover"`
		CodeAction struct {
			CodeActionLiteralSupport any `json:"codeActionLiteralSupport"`
		} `json:"codeAction"`
		DocumentSymbol struct {
			HierarchicalDocumentSymbolSupport bool `json:"hierarchicalDocumentSymbolSupport"`
		} `json:"documentSymbol"`
	} `json:"textDocument"`
}

func readCaps(c protocol.ClientCapabilities) (clientCaps, textpos.Encoding) {
	var rc rawCaps
	if b, err := protocol.Marshal(&c); err == nil {
		_ = json.Unmarshal(b, &rc)
	}
	enc := textpos.UTF16
	for _, e := range rc.General.PositionEncodings {
		if e == string(protocol.PositionEncodingKindUTF8) {
			enc = textpos.UTF8
			break
		}
	}
	createOK := false
	for _, op := range rc.Workspace.WorkspaceEdit.ResourceOperations {
		if op == "create" {
			createOK = true
		}
	}
	has := func(list []string, v string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	}
	return clientCaps{
		configuration:      rc.Workspace.Configuration,
		watchedFilesDyn:    rc.Workspace.DidChangeWatchedFiles.DynamicRegistration,
		workDoneProgress:   rc.Window.WorkDoneProgress,
		relatedInformation: rc.TextDocument.PublishDiagnostics.RelatedInformation,
		snippets:           rc.TextDocument.Completion.CompletionItem.SnippetSupport,
		resolveDocs:        has(rc.TextDocument.Completion.CompletionItem.ResolveSupport.Properties, "documentation"),
		defaultEditRange:   has(rc.TextDocument.Completion.CompletionList.ItemDefaults, "editRange"),
		defaultTextFormat:  has(rc.TextDocument.Completion.CompletionList.ItemDefaults, "insertTextFormat"),
		markdown:           has(rc.TextDocument.Hover.ContentFormat, "markdown"),
		codeActionLiterals: rc.TextDocument.CodeAction.CodeActionLiteralSupport != nil,
		documentChanges:    rc.Workspace.WorkspaceEdit.DocumentChanges && createOK,
		deprecatedTag:      rc.TextDocument.Completion.CompletionItem.TagSupport != nil,
		hierarchicalSyms:   rc.TextDocument.DocumentSymbol.HierarchicalDocumentSymbolSupport,
	}, enc
}

// Initialize records the client's capabilities and roots and announces what
// the server can do. Indexing starts at initialized, after this reply, so no
// notification precedes the reply.
func (s *Server) Initialize(ctx context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	caps, enc := readCaps(params.Capabilities)
	s.mu.Lock()
	s.caps, s.enc = caps, enc
	s.state = stateInitialized
	s.mu.Unlock()

	if len(params.InitializationOptions) > 0 {
		s.applySettings(ctx, json.RawMessage(params.InitializationOptions))
	}
	var roots []string
	if folders, ok := params.WorkspaceFolders.Get(); ok {
		for _, f := range folders {
			if p, ok := filePath(f.URI); ok {
				roots = append(roots, p)
			}
		}
	}
	if len(roots) == 0 && params.RootURI != nil {
		if p, ok := filePath(*params.RootURI); ok {
			roots = append(roots, p)
		}
	}
	if len(roots) == 0 {
		if rp, ok := params.RootPath.Get(); ok && rp != "" {
			roots = append(roots, filepath.Clean(rp))
		}
	}
	for _, r := range roots {
		s.ws.AddRoot(r)
	}

	encKind := protocol.PositionEncodingKindUTF16
	if enc == textpos.UTF8 {
		encKind = protocol.PositionEncodingKindUTF8
	}
	change := protocol.TextDocumentSyncKindIncremental
	yes := true
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: encKind,
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: &yes,
				Change:    &change,
				Save:      protocol.Boolean(true),
			},
			CompletionProvider: &protocol.CompletionOptions{
				TriggerCharacters: []string{".", "'", "\"", "/", "{", "(", "_"},
				ResolveProvider:   &yes,
			},
			HoverProvider:           protocol.Boolean(true),
			DefinitionProvider:      protocol.Boolean(true),
			ReferencesProvider:      protocol.Boolean(true),
			DocumentSymbolProvider:  protocol.Boolean(true),
			WorkspaceSymbolProvider: protocol.Boolean(true),
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, CodeActionKindFixAll},
			},
			CodeLensProvider:     &protocol.CodeLensOptions{},
			DocumentLinkProvider: &protocol.DocumentLinkOptions{},
			ExecuteCommandProvider: protocol.ExecuteCommandOptions{
				Commands: []string{CommandNewEventExtension, CommandListSDKEvents, CommandShow, CommandApplyFix, CommandSampleEvent},
			},
			Workspace: &protocol.WorkspaceOptions{
				WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
					Supported:           &yes,
					ChangeNotifications: protocol.Boolean(true),
				},
			},
		},
		ServerInfo: protocol.ServerInfo{
			Name:    "wix-events-ls",
			Version: protocol.NewOptional(Version + " (catalog " + catalog.Default().Version() + ")"),
		},
	}, nil
}

// Initialized starts the background work: configuration pull, watched-file
// registration and the workspace walk.
func (s *Server) Initialized(ctx context.Context, _ *protocol.InitializedParams) error {
	s.indexing = newIndexer(s)
	go func() {
		ctx := s.bgCtx
		s.pullConfiguration(ctx)
		s.registerWatchers(ctx)
		s.indexing.indexAll(ctx)
	}()
	return nil
}

// Shutdown stops background work; the process exits on exit.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.state = stateShutdown
	s.mu.Unlock()
	s.bgCancel()
	s.saveSyntaxCache()
	return nil
}

// saveSyntaxCache writes the esbuild verdict cache; a failure costs the
// next session time, never this one anything, so it is only logged.
func (s *Server) saveSyntaxCache() {
	if err := s.syntax.Cache.Save(); err != nil {
		s.logf("not caching esbuild verdicts: %v", err)
	}
}

// Exit is answered in the handler chain (it needs the lifecycle state).
func (s *Server) Exit(ctx context.Context) error { return nil }

// settings is the shape of the "wixEvents" configuration section; it is the
// same as the .wix-events.json file.
type settings = config.Config

// applySettings merges editor settings (initializationOptions or the
// wixEvents section) into the workspace, reporting invalid ones.
func (s *Server) applySettings(ctx context.Context, raw json.RawMessage) bool {
	if len(raw) == 0 || string(raw) == "null" {
		return false
	}
	// Accept both {"wixEvents": {...}} and the section itself.
	var wrapped map[string]json.RawMessage
	if json.Unmarshal(raw, &wrapped) == nil {
		if inner, ok := wrapped["wixEvents"]; ok {
			raw = inner
		}
	}
	var c settings
	if err := json.Unmarshal(raw, &c); err != nil {
		s.showLog(ctx, protocol.MessageTypeWarning, "wixEvents settings ignored: "+err.Error())
		return false
	}
	if err := c.Validate(); err != nil {
		s.showLog(ctx, protocol.MessageTypeWarning, "wixEvents settings: "+err.Error())
	}
	s.ws.SetConfig(c)
	return true
}

// filePath converts a file: URI to a local path.
func filePath(u uri.URI) (string, bool) {
	if u == "" {
		return "", false
	}
	if u.Scheme() != "file" {
		return "", false
	}
	p := u.FsPath()
	if p == "" {
		return "", false
	}
	return filepath.Clean(p), true
}
