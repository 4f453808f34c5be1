package lsp

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// fuzzFiles is the workspace every fuzzed session starts in: a Velo site and
// a Wix CLI app, so every file kind and cross-file rule is in play.
var fuzzFiles = map[string]string{
	"src/backend/events.js":                              "export function wixBilling_onInvoicePaid(event) {\n  return event.invoice;\n}\nexport function wixBiling_onInvoiceSent(event) {}\n",
	"src/backend/data.js":                                "export function Orders_beforeInsert(item) { return item; }\n",
	"src/backend/helper.web.js":                          "export function wixStores_onProductCreated(event) {}\n",
	"app/package.json":                                   `{"name":"app"}`,
	"app/src/extensions.ts":                              "import { app } from '@wix/astro/builders';\nimport x from './extensions/backend/events/x/x.extension.ts';\nexport default app().use(x);\n",
	"app/src/extensions/backend/events/x/x.extension.ts": "import { extensions } from '@wix/astro/builders';\nexport default extensions.event({\n  id: '11111111-1111-4111-8111-111111111111',\n  source: './extensions/backend/events/x/x.ts',\n});\n",
	"app/src/extensions/backend/events/x/x.ts":           "import { contacts } from '@wix/crm';\nexport default contacts.onContactCreated((event) => {\n  event.data;\n});\n",
}

// fuzzDocs are the documents a session edits: the workspace's files, one
// outside it, and one that is not a file at all.
var fuzzDocs = []string{
	"src/backend/events.js", "src/backend/data.js", "src/backend/helper.web.js",
	"app/src/extensions/backend/events/x/x.extension.ts", "app/src/extensions.ts",
	"app/src/extensions/backend/events/x/x.ts", "/elsewhere/src/backend/events.js", "untitled:Untitled-1",
}

// panicLog records server log lines reporting a recovered panic; the rest
// goes to the test log until the test ends.
type panicLog struct {
	quietLog
	pmu    sync.Mutex
	panics []string
}

func (l *panicLog) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("panic")) {
		l.pmu.Lock()
		l.panics = append(l.panics, string(p))
		l.pmu.Unlock()
	}
	return l.quietLog.Write(p)
}

// startFuzzServer connects a fresh server and a protocol client over a pipe.
func startFuzzServer(t *testing.T) (*testClient, *Server, *panicLog) {
	a, b := net.Pipe()
	log := &panicLog{quietLog: quietLog{t: t}}
	t.Cleanup(func() { log.mu.Lock(); log.done = true; log.mu.Unlock() })
	srv := NewServer(log)
	code := make(chan int, 1)
	go func() { code <- srv.Serve(context.Background(), a) }()
	c := &testClient{t: t, diags: map[uri.URI]*protocol.PublishDiagnosticsParams{}, changed: make(chan struct{}, 1), code: code}
	_, conn, server := protocol.NewClient(context.Background(), c, jsonrpc2.NewStream(b))
	c.server, c.conn = server, conn
	t.Cleanup(func() { conn.Close(); a.Close() })
	return c, srv, log
}

// opReader hands out the fuzzer's op bytes; past the end it returns zeros.
type opReader struct {
	b []byte
	i int
}

func (r *opReader) next() byte {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *opReader) more() bool { return r.i < len(r.b) }

// num is a line or character: mostly small, sometimes far out of range.
func (r *opReader) num() uint32 {
	b := r.next()
	switch {
	case b >= 252:
		return []uint32{1 << 31, 1<<32 - 1, 1 << 20, 65536}[b-252]
	case b >= 200:
		return uint32(b) // past the end of most texts
	default:
		return uint32(b % 12)
	}
}

func (r *opReader) pos() protocol.Position {
	return protocol.Position{Line: r.num(), Character: r.num()}
}

// piece is a slice of the fuzzer's text.
func (r *opReader) piece(text string) string {
	if text == "" {
		return ""
	}
	start := int(r.next()) * len(text) / 256
	n := int(r.next())
	if n >= 240 {
		return text[start:] // the rest
	}
	return text[start:min(len(text), start+n%48)]
}

// FuzzSession drives a real server, over the wire, with a fuzzer-chosen
// sequence of didOpen / didChange (full and incremental, several changes at
// once) / didClose / completion / hover / definition / references /
// codeAction / documentSymbol / documentLink / workspace symbols, with
// fuzzer-chosen text and positions (untrusted: stale, past the end, inside
// a UTF-8 sequence or a surrogate pair, huge). Every request must be
// answered, in time and without an internal error; no handler may panic;
// every position in a reply must be a valid position of the document; and
// the server's text of each document must equal the client's.
func FuzzSession(f *testing.F) {
	root := f.TempDir()
	for name, text := range fuzzFiles {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	for _, s := range fuzzSeeds() {
		f.Add(s.text, s.ops)
	}
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		if len(text) > 4096 {
			text = text[:4096]
		}
		if len(ops) > 300 {
			ops = ops[:300]
		}
		runSession(t, root, text, ops)
	})
}

// seed builds an op sequence in runSession's encoding.
type seed struct {
	text string
	ops  []byte
}

func (s *seed) op(code, doc byte, args ...byte) *seed {
	s.ops = append(append(s.ops, code, doc), args...)
	return s
}

// Positions are (line, character) byte pairs; 252–255 are huge numbers.
// Pieces of the text are (start×len/256, length) pairs; length 240+ is
// "to the end".
func (s *seed) open(d byte) *seed                        { return s.op(0, d, 1) }
func (s *seed) openPiece(d, at, n byte) *seed            { return s.op(0, d, 0, at, n) }
func (s *seed) edit(d, l1, c1, l2, c2, at, n byte) *seed { return s.op(1, d, l1, c1, l2, c2, at, n) }
func (s *seed) replace(d, at, n byte) *seed              { return s.op(2, d, at, n) }
func (s *seed) at(code, d, l, c byte) *seed              { return s.op(code, d, l, c) }
func (s *seed) action(d, l1, c1, l2, c2 byte) *seed      { return s.op(6, d, l1, c1, l2, c2) }

const (
	opCompletion = 3
	opHover      = 4
	opDefinition = 5
	opSymbols    = 7
	opReferences = 8
	opClose      = 9
	opWSSymbols  = 10
	opLinks      = 11
	opSave       = 13
)

func fuzzSeeds() []*seed {
	velo := &seed{text: fuzzFiles["src/backend/events.js"], ops: []byte{0}}
	velo.open(0).at(opCompletion, 0, 0, 20).at(opHover, 0, 0, 20).action(0, 3, 16, 3, 39).op(opSymbols, 0).op(opLinks, 0).
		edit(0, 3, 22, 3, 22, 128, 1).at(opCompletion, 0, 3, 23).at(opReferences, 0, 0, 20).at(opDefinition, 0, 0, 20).op(opClose, 0)
	typing := &seed{text: "export function wixBil", ops: []byte{0}}
	typing.open(0).at(opCompletion, 0, 0, 22).edit(0, 0, 22, 0, 22, 200, 3).at(opCompletion, 0, 0, 25).
		replace(0, 0, 241).at(opCompletion, 0, 0, 22).op(opWSSymbols, 0, 0, 10)
	builder := &seed{text: fuzzFiles["app/src/extensions/backend/events/x/x.extension.ts"], ops: []byte{0}}
	builder.open(3).at(opHover, 3, 2, 8).at(opCompletion, 3, 3, 14).at(opDefinition, 3, 3, 14).at(opReferences, 3, 3, 14).
		action(3, 0, 0, 200, 0).op(opSymbols, 3).edit(3, 2, 7, 2, 40, 0, 5).at(opHover, 3, 2, 8).op(opClose, 3)
	handler := &seed{text: fuzzFiles["app/src/extensions/backend/events/x/x.ts"], ops: []byte{0}}
	handler.open(5).at(opCompletion, 5, 2, 8).at(opHover, 5, 1, 30).at(opDefinition, 5, 1, 30).at(opReferences, 5, 1, 30).
		open(4).at(opCompletion, 4, 2, 30).action(4, 0, 0, 9, 0)
	unicode := &seed{text: "a😀\r\nb\u2028c\xff\xfe\x00é\r\n\uFEFFexport function wixBilling_onInvoicePaid(e) {}", ops: []byte{0}}
	unicode.open(0).edit(0, 0, 2, 0, 3, 10, 2).at(opCompletion, 0, 0, 2).at(opHover, 0, 252, 253).edit(0, 254, 255, 0, 0, 0, 241).
		action(0, 255, 255, 0, 0).op(opSymbols, 0).op(12, 0, 1, 1, 1, 1, 0, 3, 0, 0, 200, 200, 30, 2)
	utf8 := &seed{text: "// é😀\nexport function wixBilling_onInvoicePaid(event) { event. }", ops: []byte{1}}
	utf8.open(0).at(opCompletion, 0, 1, 63).at(opHover, 0, 1, 20).edit(0, 0, 4, 0, 5, 0, 0).at(opCompletion, 0, 1, 63)
	odd := &seed{text: "export function wixCrm_onContactCreated(event) {}", ops: []byte{0}}
	odd.open(6).at(opCompletion, 6, 0, 16).open(7).at(opHover, 7, 0, 20).op(opSave, 6).op(opClose, 6).op(opClose, 7).
		at(opCompletion, 1, 0, 0).edit(2, 0, 0, 0, 0, 0, 5).openPiece(1, 0, 10).op(opClose, 1)
	// A VS Code-like client (itemDefaults): a blank line's snippets, names, fields.
	vscode := &seed{text: "export function wixBil\n\n\nexport function a(event) { event. }", ops: []byte{2}}
	vscode.open(0).at(opCompletion, 0, 0, 22).at(opCompletion, 0, 1, 0).at(opCompletion, 0, 3, 33).
		edit(0, 1, 0, 1, 0, 200, 3).at(opCompletion, 0, 1, 3)
	return []*seed{velo, typing, builder, handler, unicode, utf8, odd, vscode}
}

func runSession(t *testing.T, root, text string, ops []byte) {
	c, srv, log := startFuzzServer(t)
	r := &opReader{b: ops}
	enc := textpos.UTF16
	// The first byte picks the client: bit 0 UTF-8 positions, bit 1
	// completion itemDefaults (as VS Code sends).
	mode := r.next()
	extra := func(p *protocol.InitializeParams) {
		if mode%2 == 1 {
			p.Capabilities.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{"utf-8"}}
		}
		if mode&2 != 0 && p.Capabilities.TextDocument != nil && p.Capabilities.TextDocument.Completion != nil {
			p.Capabilities.TextDocument.Completion.CompletionList = &protocol.CompletionListCapabilities{
				ItemDefaults: []string{"commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"},
			}
		}
	}
	if mode%2 == 1 {
		enc = textpos.UTF8
	}
	c.initialize(root, extra)

	uris := make([]uri.URI, len(fuzzDocs))
	paths := make([]string, len(fuzzDocs))
	for i, d := range fuzzDocs {
		switch {
		case strings.HasPrefix(d, "untitled:"):
			uris[i] = uri.URI(d)
		case filepath.IsAbs(d):
			uris[i], paths[i] = uri.File(d), d
		default:
			paths[i] = filepath.Join(root, filepath.FromSlash(d))
			uris[i] = uri.File(paths[i])
		}
	}
	model := map[int]string{} // the client's text of each open document
	version := map[int]int32{}
	reqs := 0

	// request runs one request and checks it is answered properly.
	request := func(what string, call func(ctx context.Context) error) {
		t.Helper()
		reqs++
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		err := call(ctx)
		switch {
		case err == nil:
		case ctx.Err() != nil:
			t.Fatalf("%s: no answer in 20 s", what)
		case errCode(err) == jsonrpc2.InternalError:
			t.Fatalf("%s: internal error: %v", what, err)
		}
	}
	// checkRange: a range in a reply must be valid in the document's text.
	checkRange := func(what string, d int, rg protocol.Range) {
		t.Helper()
		txt, open := model[d]
		if !open {
			return
		}
		m := textpos.NewMapper(txt)
		for _, p := range []protocol.Position{rg.Start, rg.End} {
			tp := textpos.Position{Line: p.Line, Character: p.Character}
			o, err := m.Offset(tp, enc)
			if err != nil || m.Position(o, enc) != tp {
				t.Fatalf("%s: position %v is not a position of the document (%q)", what, p, txt)
			}
		}
		if rg.Start.Line > rg.End.Line || rg.Start.Line == rg.End.Line && rg.Start.Character > rg.End.Character {
			t.Fatalf("%s: reversed range %v", what, rg)
		}
	}
	docID := func(d int) protocol.TextDocumentIdentifier { return protocol.TextDocumentIdentifier{URI: uris[d]} }
	tdp := func(d int, p protocol.Position) protocol.TextDocumentPositionParams {
		return protocol.TextDocumentPositionParams{TextDocument: docID(d), Position: p}
	}
	ctx := context.Background()

	for steps := 0; r.more() && steps < 100; steps++ {
		op := r.next() % 14
		d := int(r.next()) % len(fuzzDocs)
		switch op {
		case 0: // didOpen
			txt := text
			if r.next()%2 == 0 {
				txt = r.piece(text)
			}
			version[d]++
			if err := c.server.DidOpen(ctx, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
				URI: uris[d], LanguageID: "javascript", Version: version[d], Text: txt,
			}}); err != nil {
				t.Fatal(err)
			}
			model[d] = wire(txt)
		case 1, 2, 12: // didChange: incremental, full, two at once
			var changes []protocol.TextDocumentContentChangeEvent
			var tchanges []textpos.Change
			n := 1
			if op == 12 {
				n = 2
			}
			for k := 0; k < n; k++ {
				if op == 2 {
					txt := r.piece(text)
					changes = append(changes, &protocol.TextDocumentContentChangeWholeDocument{Text: txt})
					tchanges = append(tchanges, textpos.Change{Text: wire(txt)})
					continue
				}
				a, b, txt := r.pos(), r.pos(), r.piece(text)
				changes = append(changes, &protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: a, End: b}, Text: txt})
				tr := textpos.Range{Start: textpos.Position{Line: a.Line, Character: a.Character}, End: textpos.Position{Line: b.Line, Character: b.Character}}
				tchanges = append(tchanges, textpos.Change{Range: &tr, Text: wire(txt)})
			}
			version[d]++
			if err := c.server.DidChange(ctx, &protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: docID(d), Version: version[d]},
				ContentChanges: changes,
			}); err != nil {
				t.Fatal(err)
			}
			// A position past LSP's uinteger range (2^31-1) makes the server
			// refuse the whole notification and keep the document
			// (validate.go): the client's model stays as it was too.
			if cur, open := model[d]; open && !pastUinteger(changes) {
				model[d], _ = textpos.Apply(cur, tchanges, enc)
			}
		case 3:
			p := r.pos()
			request("completion", func(ctx context.Context) error {
				res, err := c.server.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: tdp(d, p)})
				if list, ok := res.(*protocol.CompletionList); ok && err == nil {
					if list.ItemDefaults != nil {
						if mode&2 == 0 {
							t.Errorf("completion: itemDefaults sent to a client without the capability")
						}
						if r, ok := list.ItemDefaults.EditRange.(*protocol.Range); ok {
							checkRange("completion itemDefaults", d, *r)
						} else {
							t.Errorf("completion: itemDefaults without an edit range: %#v", list.ItemDefaults)
						}
					}
					for _, it := range list.Items {
						if te, ok := it.TextEdit.(*protocol.TextEdit); ok {
							checkRange("completion "+it.Label, d, te.Range)
						}
					}
				}
				return err
			})
		case 4:
			p := r.pos()
			request("hover", func(ctx context.Context) error {
				h, err := c.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: tdp(d, p)})
				if err == nil && h != nil && h.Range != nil {
					checkRange("hover", d, *h.Range)
				}
				return err
			})
		case 5:
			p := r.pos()
			request("definition", func(ctx context.Context) error {
				_, err := c.server.Definition(ctx, &protocol.DefinitionParams{TextDocumentPositionParams: tdp(d, p)})
				return err
			})
		case 6:
			a, b := r.pos(), r.pos()
			request("codeAction", func(ctx context.Context) error {
				_, err := c.server.CodeAction(ctx, &protocol.CodeActionParams{TextDocument: docID(d), Range: protocol.Range{Start: a, End: b}})
				return err
			})
		case 7:
			request("documentSymbol", func(ctx context.Context) error {
				res, err := c.server.DocumentSymbol(ctx, &protocol.DocumentSymbolParams{TextDocument: docID(d)})
				if syms, ok := res.(protocol.DocumentSymbolSlice); ok && err == nil {
					for _, s := range syms {
						checkRange("symbol "+s.Name, d, s.Range)
						checkRange("symbol "+s.Name, d, s.SelectionRange)
					}
				}
				return err
			})
		case 8:
			p := r.pos()
			request("references", func(ctx context.Context) error {
				_, err := c.server.References(ctx, &protocol.ReferenceParams{TextDocumentPositionParams: tdp(d, p), Context: protocol.ReferenceContext{IncludeDeclaration: true}})
				return err
			})
		case 9:
			if err := c.server.DidClose(ctx, &protocol.DidCloseTextDocumentParams{TextDocument: docID(d)}); err != nil {
				t.Fatal(err)
			}
			delete(model, d)
		case 10:
			q := r.piece(text)
			request("workspace/symbol", func(ctx context.Context) error {
				_, err := c.server.Symbols(ctx, &protocol.WorkspaceSymbolParams{Query: q})
				return err
			})
		case 11:
			request("documentLink", func(ctx context.Context) error {
				links, err := c.server.DocumentLink(ctx, &protocol.DocumentLinkParams{TextDocument: docID(d)})
				for _, l := range links {
					checkRange("link", d, l.Range)
				}
				return err
			})
		case 13:
			if err := c.server.DidSave(ctx, &protocol.DidSaveTextDocumentParams{TextDocument: docID(d)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d requests, %d documents open", reqs, len(model))
	// A last request: every notification before it has been applied.
	request("final workspace/symbol", func(ctx context.Context) error {
		_, err := c.server.Symbols(ctx, &protocol.WorkspaceSymbolParams{Query: "wix"})
		return err
	})
	for d, want := range model {
		if paths[d] == "" {
			continue
		}
		f := srv.ws.File(paths[d])
		if f == nil {
			t.Fatalf("%s: open document missing from the index", fuzzDocs[d])
		}
		if f.Text() != want {
			t.Fatalf("%s: server text %q, client text %q", fuzzDocs[d], f.Text(), want)
		}
	}
	log.pmu.Lock()
	panics := log.panics
	log.pmu.Unlock()
	if len(panics) > 0 {
		t.Fatalf("handler panicked:\n%s", strings.Join(panics, "\n"))
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := c.server.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	_ = c.server.Exit(ctx)
	select {
	case code := <-c.code:
		if code != 0 {
			t.Fatalf("exit code %d", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not exit")
	}
}

// wire is s as the server receives it: JSON carries only valid UTF-8, so
// the client's encoder replaces invalid bytes (with U+FFFD).
func wire(s string) string {
	b, err := protocol.Marshal(s)
	if err != nil {
		panic(err)
	}
	var out string
	if err := protocol.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}

// FuzzFrames feeds arbitrary bytes to the frame reader: it must never
// panic or loop, never return a body longer than maxMessageSize, and fail
// only with a parse error or an end of stream. Well-formed frames after the
// junk (once the junk ends at a line break) are read back exactly.
func FuzzFrames(f *testing.F) {
	f.Add([]byte("Content-Length: 5\r\n\r\nhello"), "{}", "[1]")
	f.Add([]byte("content-length: 3\r\nContent-Type: x\r\n\r\nabc"), `{"a":1}`, `"x"`)
	f.Add([]byte("Content-Length: 99999999999\r\n\r\n"), "{}", "{}")
	f.Add([]byte("garbage\r\n\r\nContent-Length: abc\r\n\r\n{}"), "{}", "{}")
	f.Add([]byte("{\"jsonrpc\":\"2.0\"}Content-Length: 2\r\n\r\n{}"), "{}", "{}")
	f.Add([]byte("Content-Length: 10\n\n0123456789\n"), "x", "y")
	f.Add([]byte(strings.Repeat("a", 3000)+"Content-Length: 1\r\n\r\nz"), "q", "r")
	f.Fuzz(func(t *testing.T, junk []byte, b1, b2 string) {
		if b1 == "" || b2 == "" || strings.ContainsAny(b1+b2, "\r\n") {
			return
		}
		// Arbitrary bytes: read to the end.
		fr := &frameReader{r: bufio.NewReaderSize(bytes.NewReader(junk), 64<<10)}
		for i := 0; ; i++ {
			if i > len(junk)+1 {
				t.Fatal("frame reader loops")
			}
			body, _, err := fr.next(nil)
			if err != nil {
				var rpcErr *jsonrpc2.Error
				if errors.As(err, &rpcErr) && rpcErr.Code == jsonrpc2.ParseError {
					continue
				}
				if err != io.EOF && err != io.ErrUnexpectedEOF {
					t.Fatalf("error %v", err)
				}
				break
			}
			if len(body) > maxMessageSize {
				t.Fatalf("body of %d bytes", len(body))
			}
		}
		// Junk (with no header of its own) ended by a blank line, then two
		// good frames: both come back.
		// The junk goes in without its line breaks, so a header split by
		// one ("Cont\rent-Length") becomes real: look for it afterwards.
		flat := bytes.ReplaceAll(bytes.ReplaceAll(junk, []byte("\r"), nil), []byte("\n"), nil)
		if bytes.Contains(bytes.ToLower(flat), []byte("content-length")) {
			return
		}
		var in bytes.Buffer
		in.Write(flat)
		in.WriteString("\r\n\r\n")
		fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(b1), b1)
		fmt.Fprintf(&in, "content-type: x\r\nCONTENT-LENGTH: %d\r\n\r\n%s", len(b2), b2)
		fr = &frameReader{r: bufio.NewReaderSize(&in, 64<<10)}
		var got []string
		for i := 0; i < 100; i++ {
			body, _, err := fr.next(nil)
			if err != nil {
				var rpcErr *jsonrpc2.Error
				if errors.As(err, &rpcErr) {
					continue
				}
				break
			}
			got = append(got, string(body))
		}
		if n := len(got); n < 2 || got[n-2] != b1 || got[n-1] != b2 {
			t.Fatalf("frames after junk %q: got %q, want …%q, %q", junk, got, b1, b2)
		}
	})
}

// pastUinteger reports a change whose range has a line or character past
// LSP's uinteger maximum, which the server refuses.
func pastUinteger(changes []protocol.TextDocumentContentChangeEvent) bool {
	for _, ch := range changes {
		if p, ok := ch.(*protocol.TextDocumentContentChangePartial); ok {
			for _, v := range []uint32{p.Range.Start.Line, p.Range.Start.Character, p.Range.End.Line, p.Range.End.Character} {
				if v > maxUinteger {
					return true
				}
			}
		}
	}
	return false
}
