package lsp

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// testClient is an in-process LSP client connected to a real Server over a
// pipe: every message goes through the JSON-RPC framing and codec, as with
// an editor. It records what the server sends.
type testClient struct {
	protocol.UnimplementedClient
	t      *testing.T
	server protocol.Server
	conn   jsonrpc2.Conn
	code   chan int
	srv    *Server // the in-process server, for white-box checks

	mu       sync.Mutex
	diags    map[uri.URI]*protocol.PublishDiagnosticsParams
	changed  chan struct{}
	logs     []string
	progress []string // $/progress kinds received, in order
	config   json.RawMessage
	applied  []protocol.ApplyWorkspaceEditParams // workspace/applyEdit requests
	shown    []protocol.ShowDocumentParams       // window/showDocument requests
}

func (c *testClient) ApplyEdit(ctx context.Context, p *protocol.ApplyWorkspaceEditParams) (*protocol.ApplyWorkspaceEditResult, error) {
	c.mu.Lock()
	c.applied = append(c.applied, *p)
	c.mu.Unlock()
	return &protocol.ApplyWorkspaceEditResult{Applied: true}, nil
}

func (c *testClient) ShowDocument(ctx context.Context, p *protocol.ShowDocumentParams) (*protocol.ShowDocumentResult, error) {
	c.mu.Lock()
	c.shown = append(c.shown, *p)
	c.mu.Unlock()
	return &protocol.ShowDocumentResult{Success: true}, nil
}

func (c *testClient) PublishDiagnostics(ctx context.Context, p *protocol.PublishDiagnosticsParams) error {
	c.mu.Lock()
	cp := *p
	c.diags[p.URI] = &cp
	c.mu.Unlock()
	select {
	case c.changed <- struct{}{}:
	default:
	}
	return nil
}

func (c *testClient) LogMessage(ctx context.Context, p *protocol.LogMessageParams) error {
	c.mu.Lock()
	c.logs = append(c.logs, p.Message)
	c.mu.Unlock()
	return nil
}

func (c *testClient) WorkDoneProgressCreate(context.Context, *protocol.WorkDoneProgressCreateParams) error {
	return nil
}
func (c *testClient) Progress(ctx context.Context, p *protocol.ProgressParams) error {
	var v struct {
		Kind string `json:"kind"`
	}
	_ = json.Unmarshal(p.Value, &v)
	c.mu.Lock()
	c.progress = append(c.progress, v.Kind)
	c.mu.Unlock()
	return nil
}
func (c *testClient) RegisterCapability(context.Context, *protocol.RegistrationParams) error {
	return nil
}
func (c *testClient) Configuration(ctx context.Context, p *protocol.ConfigurationParams) ([]protocol.LSPAny, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.config == nil {
		return []protocol.LSPAny{[]byte("null")}, nil
	}
	return []protocol.LSPAny{[]byte(c.config)}, nil
}

// fileText returns the server's current text of u (white-box: LSP has no
// request for it).
func (c *testClient) fileText(t *testing.T, u uri.URI) string {
	t.Helper()
	if c.srv == nil {
		t.Fatal("no server")
	}
	f := c.srv.file(u)
	if f == nil {
		t.Fatalf("%s not in the workspace", u)
	}
	return f.Text()
}

// startServer connects a fresh server and client over a pipe. It does not
// initialize.
func startServer(t *testing.T) *testClient {
	t.Helper()
	a, b := net.Pipe()
	srv := NewServer(newTestLog(t))
	code := make(chan int, 1)
	go func() { code <- srv.Serve(context.Background(), a) }()
	c := &testClient{t: t, srv: srv, diags: map[uri.URI]*protocol.PublishDiagnosticsParams{}, changed: make(chan struct{}, 1), code: code}
	// protocol.NewClient would use the library's codec, whose union decoders
	// can alias the frame buffer (see codec.Unmarshal): use ours.
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(b), jsonrpc2.WithCodec(codec{}))
	conn.Go(protocol.WithClient(context.Background(), c), protocol.Handlers(protocol.ClientHandler(c, jsonrpc2.MethodNotFoundHandler)))
	c.server, c.conn = protocol.ServerDispatcher(conn), conn
	t.Cleanup(func() { conn.Close(); a.Close() })
	return c
}

// initialize runs initialize/initialized with a VS Code-like capability set
// and the given root.
func (c *testClient) initialize(root string, extra func(*protocol.InitializeParams)) *protocol.InitializeResult {
	c.t.Helper()
	var caps protocol.ClientCapabilities
	_ = protocol.Unmarshal([]byte(`{
		"workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true},
			"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]}},
		"window": {"workDoneProgress": true},
		"textDocument": {
			"publishDiagnostics": {"relatedInformation": true, "tagSupport": {"valueSet": [1, 2]}},
			"completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown"], "tagSupport": {"valueSet": [1]}, "resolveSupport": {"properties": ["documentation", "detail"]}}},
			"hover": {"contentFormat": ["markdown", "plaintext"]},
			"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
			"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}
		}}`), &caps)
	params := &protocol.InitializeParams{Capabilities: caps}
	if root != "" {
		u := uri.File(root)
		params.RootURI = &u
		params.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: u, Name: filepath.Base(root)}})
	}
	if extra != nil {
		extra(params)
	}
	res, err := c.server.Initialize(context.Background(), params)
	if err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	if err := c.server.Initialized(context.Background(), &protocol.InitializedParams{}); err != nil {
		c.t.Fatalf("initialized: %v", err)
	}
	return res
}

// waitIndexed waits for the first workspace walk to end (its $/progress
// end): a test that opens files and asks about them right after initialize
// would otherwise race the walk for the files it did not open (a handler's
// builder, its package.json).
func (c *testClient) waitIndexed() {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c.mu.Lock()
		ended := slices.Contains(c.progress, "end")
		c.mu.Unlock()
		if ended {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatal("the workspace walk did not end")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// open sends didOpen for path with text.
func (c *testClient) open(path, text string) uri.URI {
	c.t.Helper()
	u := uri.File(path)
	if err := c.server.DidOpen(context.Background(), &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: "javascript", Version: 1, Text: text,
	}}); err != nil {
		c.t.Fatal(err)
	}
	return u
}

// waitDiags waits until the diagnostics published for u satisfy ok.
func (c *testClient) waitDiags(u uri.URI, ok func([]protocol.Diagnostic) bool) []protocol.Diagnostic {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		p := c.diags[u]
		c.mu.Unlock()
		if p != nil && ok(p.Diagnostics) {
			return p.Diagnostics
		}
		select {
		case <-c.changed:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			var got []protocol.Diagnostic
			if p != nil {
				got = p.Diagnostics
			}
			c.t.Fatalf("timed out waiting for diagnostics on %s; last: %+v", u, got)
		}
	}
}

// writeTree writes files (slash paths → contents) under a temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func hasCode(ds []protocol.Diagnostic, code string) bool {
	for _, d := range ds {
		if s, ok := d.Code.(protocol.String); ok && string(s) == code {
			return true
		}
	}
	return false
}
