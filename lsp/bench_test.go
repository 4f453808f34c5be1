package lsp

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/index/textpos"
	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

// The handler benchmarks run a real Server over a pipe, as the tests do
// (client_test.go), on a generated workspace: a medium one by default, the
// issue's default one with WIX_BENCH_WS=default. Every request goes through
// the JSON-RPC framing and codec both ways. The stdio numbers with a
// separate process come from `go run ./bench`.

// benchClient records publishes; unlike testClient it needs no *testing.T.
type benchClient struct {
	protocol.UnimplementedClient
	mu       sync.Mutex
	versions map[uri.URI]int32 // last published version (-1 when none)
	count    int
	last     time.Time
	wake     chan struct{}
}

func (c *benchClient) PublishDiagnostics(ctx context.Context, p *protocol.PublishDiagnosticsParams) error {
	c.mu.Lock()
	v, ok := p.Version.Get()
	if !ok {
		v = -1
	}
	c.versions[p.URI] = v
	c.count++
	c.last = time.Now()
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	return nil
}

func (c *benchClient) wait(timeout time.Duration, cond func() bool) bool {
	deadline := time.After(timeout)
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-c.wake:
		case <-time.After(2 * time.Millisecond):
		case <-deadline:
			return false
		}
	}
}

type lspBench struct {
	srv    *Server
	client *benchClient
	server protocol.Server
	res    *genws.Result
	big    uri.URI
	text   string
	m      *textpos.Mapper
}

func (l *lspBench) pos(off int) protocol.Position {
	p := l.m.Position(off, textpos.UTF16)
	return protocol.Position{Line: p.Line, Character: p.Character}
}

// startBench indexes a generated workspace, waits for the initial
// diagnostics, and opens the 2,000-line events.js.
func startBench(b *testing.B) *lspBench {
	b.Helper()
	return startBenchWith(b, "")
}

// startBenchWith is startBench with completionList capabilities (JSON),
// e.g. VS Code's itemDefaults.
func startBenchWith(b *testing.B, completionList string) *lspBench {
	b.Helper()
	res, err := genws.Generate(b.TempDir(), genws.Bench())
	if err != nil {
		b.Fatal(err)
	}
	a, p := net.Pipe()
	srv := NewServer(io.Discard)
	go srv.Serve(context.Background(), a)
	c := &benchClient{versions: map[uri.URI]int32{}, wake: make(chan struct{}, 1)}
	_, conn, server := protocol.NewClient(context.Background(), c, jsonrpc2.NewStream(p))
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(ctx)
		_ = server.Exit(ctx)
		conn.Close()
		a.Close()
	})
	ctx := context.Background()
	u := uri.File(res.Root)
	params := &protocol.InitializeParams{RootURI: &u}
	// VS Code's relevant capabilities: markdown, snippets, and documentation
	// filled in by completionItem/resolve.
	if completionList == "" {
		completionList = "{}"
	}
	_ = protocol.Unmarshal([]byte(`{"textDocument": {
		"completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown"], "resolveSupport": {"properties": ["documentation"]}},
			"completionList": `+completionList+`},
		"hover": {"contentFormat": ["markdown"]}}}`), &params.Capabilities)
	if _, err := server.Initialize(ctx, params); err != nil {
		b.Fatal(err)
	}
	if err := server.Initialized(ctx, &protocol.InitializedParams{}); err != nil {
		b.Fatal(err)
	}
	if !c.wait(5*time.Minute, func() bool {
		return c.count >= len(res.Relevant) && time.Since(c.last) > 300*time.Millisecond
	}) {
		b.Fatalf("initial diagnostics: %d of %d files published", c.count, len(res.Relevant))
	}
	// Let the bulk syntax checks after indexing finish: a benchmark
	// measures an idle server.
	if !c.wait(5*time.Minute, func() bool { return srv.diags.idle() }) {
		b.Fatal("the syntax checks after indexing did not finish")
	}
	text, err := os.ReadFile(res.BigEvents)
	if err != nil {
		b.Fatal(err)
	}
	l := &lspBench{srv: srv, client: c, server: server, res: res, big: uri.File(res.BigEvents), text: string(text), m: textpos.NewMapper(string(text))}
	if err := server.DidOpen(ctx, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: l.big, LanguageID: "javascript", Version: 1, Text: l.text}}); err != nil {
		b.Fatal(err)
	}
	if !c.wait(10*time.Second, func() bool { return c.versions[l.big] == 1 }) {
		b.Fatal("no diagnostics for the opened events.js")
	}
	return l
}

// positions returns request positions of each kind in the big events.js.
func (l *lspBench) positions() map[string][]protocol.Position {
	out := map[string][]protocol.Position{}
	for _, loc := range regexp.MustCompile(`export (?:async )?(?:function|const) (wix[A-Za-z0-9]*_on[A-Za-z0-9]+)`).FindAllStringSubmatchIndex(l.text, -1) {
		out["handler-name"] = append(out["handler-name"], l.pos(loc[2]+5))
		out["hover"] = append(out["hover"], l.pos(loc[2]+3))
	}
	for _, loc := range regexp.MustCompile(`event\.[A-Za-z]`).FindAllStringIndex(l.text, -1) {
		out["event-field"] = append(out["event-field"], l.pos(loc[0]+len("event.")))
	}
	for _, loc := range regexp.MustCompile(`\n\n`).FindAllStringIndex(l.text, -1) {
		out["blank-line-snippets"] = append(out["blank-line-snippets"], l.pos(loc[0]+1))
	}
	return out
}

// BenchmarkCompletion: a client without itemDefaults (every item carries
// its edit; the reply is encoded from the list) and one with VS Code's
// (handler lists are joined from cached item encodings).
func BenchmarkCompletion(b *testing.B) {
	for _, client := range []struct{ name, list string }{
		{"", ""},
		{"itemDefaults/", `{"itemDefaults": ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"]}`},
	} {
		benchCompletion(b, client.name, startBenchWith(b, client.list))
	}
}

func benchCompletion(b *testing.B, prefix string, l *lspBench) {
	ctx := context.Background()
	pos := l.positions()
	for _, kind := range []string{"handler-name", "event-field", "blank-line-snippets"} {
		ps := pos[kind]
		if len(ps) == 0 {
			b.Fatalf("no %s positions", kind)
		}
		b.Run(prefix+kind, func(b *testing.B) {
			b.ReportAllocs()
			i, items := 0, 0
			for b.Loop() {
				res, err := l.server.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
					TextDocument: protocol.TextDocumentIdentifier{URI: l.big}, Position: ps[i%len(ps)]}})
				if err != nil {
					b.Fatal(err)
				}
				if list, ok := res.(*protocol.CompletionList); ok {
					items += len(list.Items)
				}
				i++
			}
			if items == 0 {
				b.Fatal("no completion items")
			}
			b.ReportMetric(float64(items)/float64(i), "items/op")
		})
	}
}

func BenchmarkHover(b *testing.B) {
	l := startBench(b)
	ctx := context.Background()
	ps := l.positions()["hover"]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		h, err := l.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: l.big}, Position: ps[i%len(ps)]}})
		if err != nil || h == nil {
			b.Fatalf("hover: %v %v", h, err)
		}
		i++
	}
}

// BenchmarkDidChangePublish is one keystroke: didChange to the first
// publishDiagnostics carrying the new version (scanner-level rules; the
// debounced esbuild check is not waited for).
func BenchmarkDidChangePublish(b *testing.B) {
	l := startBench(b)
	ctx := context.Background()
	i := strings.Index(l.text, "// Not a handler")
	if i < 0 {
		b.Fatal("no comment to type into")
	}
	at := l.pos(strings.IndexByte(l.text[i:], '\n') + i)
	version := int32(1)
	b.ReportAllocs()
	for b.Loop() {
		version++
		if err := l.server.DidChange(ctx, &protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: l.big}, Version: version},
			ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: at, End: at}, Text: "x"}},
		}); err != nil {
			b.Fatal(err)
		}
		at.Character++
		v := version
		if !l.client.wait(10*time.Second, func() bool { return l.client.versions[l.big] == v }) {
			b.Fatalf("no publish of version %d", v)
		}
	}
}

// BenchmarkDiagnostics is the publisher's work for one file without the
// transport: the rules, the syntax verdict merge and the conversion to LSP.
func BenchmarkDiagnostics(b *testing.B) {
	l := startBench(b)
	for _, c := range []struct{ name, path string }{
		{"events.js-2000-lines", l.res.BigEvents},
		{"cli-builder", l.res.Builder},
		{"cli-handler", l.res.Handler},
	} {
		f := l.srv.ws.File(c.path)
		if f == nil {
			b.Fatal(fmt.Sprintf("%s not indexed", c.path))
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l.srv.toProtocol(f, l.srv.diags.diagnostics(f))
			}
		})
	}
}
