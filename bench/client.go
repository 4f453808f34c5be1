package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/lsp"
)

// publish is one publishDiagnostics as the client received it.
type publish struct {
	at      time.Time
	uri     uri.URI
	version int32 // -1 when absent
	codes   []string
}

// status is the server's wixEvents/status notification.
type status struct {
	at       time.Time
	Indexing bool `json:"indexing"`
	Files    int  `json:"files"`
}

// client is an editor stand-in: it drives the server process over its
// stdin/stdout with the LSP framing and records what the server sends.
type client struct {
	protocol.UnimplementedClient

	cmd    *exec.Cmd
	conn   jsonrpc2.Conn
	server protocol.Server
	stderr *lockedBuf

	mu        sync.Mutex
	publishes []publish
	statuses  []status
	notify    chan struct{} // pinged on every publish or status
}

type lockedBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type pipeRWC struct {
	io.ReadCloser
	w io.WriteCloser
}

func (p pipeRWC) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipeRWC) Close() error {
	p.w.Close()
	return p.ReadCloser.Close()
}

// startServer starts `bin serve` and connects a client to it.
func startServer(bin string, env, args []string) (*client, error) {
	cmd := exec.Command(bin, append([]string{"serve"}, args...)...)
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &client{cmd: cmd, stderr: &lockedBuf{}, notify: make(chan struct{}, 1)}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(pipeRWC{out, in}), jsonrpc2.WithCodec(lsp.Codec{}))
	c.conn.Go(context.Background(), protocol.Handlers(protocol.ClientHandler(c, c.fallback)))
	c.server = protocol.ServerDispatcher(c.conn)
	return c, nil
}

// fallback handles the server's custom notifications.
func (c *client) fallback(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	if req.Method() == "wixEvents/status" {
		var st status
		if err := json.Unmarshal(req.Params(), &st); err == nil {
			st.at = time.Now()
			c.mu.Lock()
			c.statuses = append(c.statuses, st)
			c.mu.Unlock()
			c.ping()
		}
		return nil, nil
	}
	if req.IsCall() {
		return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not found: "+req.Method())
	}
	return nil, nil
}

func (c *client) ping() {
	select {
	case c.notify <- struct{}{}:
	default:
	}
}

func (c *client) PublishDiagnostics(ctx context.Context, p *protocol.PublishDiagnosticsParams) error {
	pub := publish{at: time.Now(), uri: p.URI, version: -1}
	if v, ok := p.Version.Get(); ok {
		pub.version = v
	}
	for _, d := range p.Diagnostics {
		if s, ok := d.Code.(protocol.String); ok {
			pub.codes = append(pub.codes, string(s))
		}
	}
	c.mu.Lock()
	c.publishes = append(c.publishes, pub)
	c.mu.Unlock()
	c.ping()
	return nil
}

func (c *client) LogMessage(context.Context, *protocol.LogMessageParams) error { return nil }
func (c *client) WorkDoneProgressCreate(context.Context, *protocol.WorkDoneProgressCreateParams) error {
	return nil
}
func (c *client) Progress(context.Context, *protocol.ProgressParams) error { return nil }
func (c *client) RegisterCapability(context.Context, *protocol.RegistrationParams) error {
	return nil
}
func (c *client) Configuration(context.Context, *protocol.ConfigurationParams) ([]protocol.LSPAny, error) {
	return []protocol.LSPAny{[]byte("null")}, nil
}

// waitFor waits until cond (called with c.mu held) holds, or the timeout.
func (c *client) waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-c.notify:
		case <-time.After(5 * time.Millisecond):
		case <-deadline.C:
			return false
		}
	}
}

// publishCount returns how many publishes arrived so far.
func (c *client) publishCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.publishes)
}

// lastPublishAt returns the time of the latest publish.
func (c *client) lastPublishAt() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.publishes) == 0 {
		return time.Time{}
	}
	return c.publishes[len(c.publishes)-1].at
}

// initialize sends initialize and initialized with VS Code's capabilities
// for what the server uses (VS Code, like Neovim, resolves a completion
// item's documentation lazily), rooted at root.
func (c *client) initialize(ctx context.Context, root string) error {
	var caps protocol.ClientCapabilities
	if err := protocol.Unmarshal([]byte(`{
		"workspace": {"configuration": false, "didChangeWatchedFiles": {"dynamicRegistration": true},
			"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]}},
		"window": {"workDoneProgress": true},
		"textDocument": {
			"synchronization": {"didSave": true},
			"publishDiagnostics": {"relatedInformation": true, "versionSupport": true, "tagSupport": {"valueSet": [1, 2]}},
			"completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown", "plaintext"], "tagSupport": {"valueSet": [1]},
				"insertReplaceSupport": true, "labelDetailsSupport": true,
				"resolveSupport": {"properties": ["documentation", "detail", "additionalTextEdits"]}},
				"completionList": {"itemDefaults": ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"]}},
			"hover": {"contentFormat": ["markdown", "plaintext"]},
			"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
			"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}
		}}`), &caps); err != nil {
		return err
	}
	u := uri.File(root)
	params := &protocol.InitializeParams{Capabilities: caps, RootURI: &u}
	params.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: u, Name: "bench"}})
	if _, err := c.server.Initialize(ctx, params); err != nil {
		return fmt.Errorf("initialize: %w", err)
	}
	return c.server.Initialized(ctx, &protocol.InitializedParams{})
}

// shutdown ends the session politely and waits for the process.
func (c *client) shutdown(ctx context.Context) error {
	if err := c.server.Shutdown(ctx); err != nil {
		return err
	}
	_ = c.server.Exit(ctx)
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		c.conn.Close()
		return err
	case <-time.After(10 * time.Second):
		_ = c.cmd.Process.Kill()
		c.conn.Close()
		return fmt.Errorf("server did not exit within 10s of exit")
	}
}
