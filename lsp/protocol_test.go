package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// rawClient talks to a real Server over a pipe with hand-written frames, so
// tests can send what no well-behaved client library would (lying headers,
// broken JSON, pipelined messages) and inspect the exact bytes the server
// writes. Requests the server sends (workspace/configuration, …) are answered
// automatically with null.
type rawClient struct {
	t    *testing.T
	conn net.Conn
	srv  *Server
	code chan int

	mu     sync.Mutex
	msgs   []rawMsg // every message the server sent, in order
	wake   chan struct{}
	closed bool
	wmu    sync.Mutex
}

// rawMsg is one message from the server, with its exact body bytes.
type rawMsg struct {
	Raw    []byte
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int64  `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (m rawMsg) isResponse() bool { return m.Method == "" }

func startRaw(t *testing.T) *rawClient {
	t.Helper()
	a, b := net.Pipe()
	c := &rawClient{t: t, conn: b, srv: NewServer(newTestLog(t)), code: make(chan int, 1), wake: make(chan struct{}, 1)}
	go func() { c.code <- c.srv.Serve(context.Background(), a) }()
	go c.readLoop()
	t.Cleanup(func() { b.Close(); a.Close() })
	return c
}

// quietLog sends the server log to t.Log until the test ends, then drops
// it: background work (a diagnostics publish, a debounced syntax check) may
// log after the test's last message.
type quietLog struct {
	t    testing.TB
	mu   sync.Mutex
	done bool
}

func newTestLog(t testing.TB) *quietLog {
	l := &quietLog{t: t}
	t.Cleanup(func() { l.mu.Lock(); l.done = true; l.mu.Unlock() })
	return l
}

func (l *quietLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Logf("server: %s", bytes.TrimRight(p, "\n"))
	}
	return len(p), nil
}

func (c *rawClient) readLoop() {
	r := bufio.NewReader(c.conn)
	for {
		body, err := readFrame(r)
		if err != nil {
			c.mu.Lock()
			c.closed = true
			c.mu.Unlock()
			c.signal()
			return
		}
		var m rawMsg
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent invalid JSON %q: %v", body, err)
		}
		m.Raw = body
		if m.Method != "" && len(m.ID) > 0 && string(m.ID) != "null" {
			// A server→client request: answer it so the server's background
			// work does not wait.
			result := "null"
			if m.Method == protocol.MethodWorkspaceConfiguration {
				result = "[null]"
			}
			body := fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"result":%s}`, m.ID, result)
			go c.writeQuiet(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
		}
		c.mu.Lock()
		c.msgs = append(c.msgs, m)
		c.mu.Unlock()
		c.signal()
	}
}

func (c *rawClient) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// readFrame reads one frame the way a strict client does.
func readFrame(r *bufio.Reader) ([]byte, error) {
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("bad header line %q", line)
		}
		if strings.EqualFold(k, "Content-Length") {
			n, err = strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return nil, err
			}
		}
	}
	if n < 0 {
		return nil, fmt.Errorf("no Content-Length")
	}
	buf := make([]byte, n)
	_, err := io.ReadFull(r, buf)
	return buf, err
}

// write sends raw bytes, as they are.
func (c *rawClient) write(s string) {
	if err := c.writeQuiet(s); err != nil {
		c.t.Errorf("write: %v", err)
	}
}

// writeQuiet is write for replies that may race the server's exit.
func (c *rawClient) writeQuiet(s string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	_, err := io.WriteString(c.conn, s)
	return err
}

// send frames body with a correct Content-Length.
func (c *rawClient) send(body string) {
	c.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

// wait returns the first message (from index from on) satisfying ok, and
// its index; it fails the test after 10 s.
func (c *rawClient) wait(from int, what string, ok func(rawMsg) bool) (rawMsg, int) {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		for i := from; i < len(c.msgs); i++ {
			if ok(c.msgs[i]) {
				m := c.msgs[i]
				c.mu.Unlock()
				return m, i
			}
		}
		closed := c.closed
		c.mu.Unlock()
		if closed {
			c.t.Fatalf("connection closed while waiting for %s", what)
		}
		select {
		case <-c.wake:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s; got %s", what, c.dump())
		}
	}
}

func (c *rawClient) dump() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, m := range c.msgs {
		b.WriteString("\n  ")
		b.Write(m.Raw)
	}
	return b.String()
}

// response waits for the response with the given JSON id.
func (c *rawClient) response(id string) rawMsg {
	c.t.Helper()
	m, _ := c.wait(0, "response "+id, func(m rawMsg) bool { return m.isResponse() && string(m.ID) == id })
	return m
}

// call sends a request and waits for its response.
func (c *rawClient) call(id, method, params string) rawMsg {
	c.t.Helper()
	c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"method":%q,"params":%s}`, id, method, params))
	return c.response(id)
}

func (c *rawClient) notify(method, params string) {
	c.send(fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"params":%s}`, method, params))
}

// initialize runs initialize and initialized with root (may be "").
func (c *rawClient) initialize(root string) {
	c.t.Helper()
	params := `{"processId":null,"capabilities":{}}`
	if root != "" {
		params = fmt.Sprintf(`{"processId":null,"rootUri":%q,"capabilities":{"workspace":{"configuration":true}}}`, uri.File(root))
	}
	if m := c.call(`"init"`, "initialize", params); m.Error != nil {
		c.t.Fatalf("initialize: %s", m.Raw)
	}
	c.notify("initialized", "{}")
}

func (c *rawClient) exitCode() int {
	c.t.Helper()
	select {
	case code := <-c.code:
		return code
	case <-time.After(10 * time.Second):
		c.t.Fatal("server did not stop")
		return -1
	}
}

func wantError(t *testing.T, m rawMsg, code int64) {
	t.Helper()
	if m.Error == nil || m.Error.Code != code {
		t.Errorf("got %s, want error code %d", m.Raw, code)
	}
}

// ping is a cheap request every state answers (with a result or an error).
func (c *rawClient) ping(id int) rawMsg {
	c.t.Helper()
	return c.call(strconv.Itoa(id), "workspace/symbol", `{"query":"zzz"}`)
}

func TestHeaderCaseAndOrder(t *testing.T) {
	c := startRaw(t)
	c.initialize("")
	body := func(id int) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"workspace/symbol","params":{"query":"x"}}`, id)
	}
	frames := []string{
		"content-length: %d\r\n\r\n%s",
		"CONTENT-LENGTH: %d\r\n\r\n%s",
		"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s",
		"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s",
		"X-Extra: 1\r\ncOnTeNt-LeNgTh:%d\r\nX-Other: two\r\n\r\n%s",
		"Content-Length:   %d  \r\n\r\n%s",
		"Content-Length: %d\n\n%s", // bare LF line ends
	}
	for i, f := range frames {
		b := body(100 + i)
		c.write(fmt.Sprintf(f, len(b), b))
		if m := c.response(strconv.Itoa(100 + i)); m.Error != nil || !bytes.HasPrefix(m.Result, []byte("[")) {
			t.Errorf("frame %q: %s", f, m.Raw)
		}
	}
}

func TestMalformedJSONKeepsServing(t *testing.T) {
	c := startRaw(t)
	c.initialize("")
	for i, bad := range []string{
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover",`, // truncated
		`not json at all`,
		`{"jsonrpc":"2.0","id":3,"method":"x"} trailing`,
		"\x00\xff\xfe",
	} {
		from := len(c.snapshot())
		c.send(bad)
		m, _ := c.wait(from, "parse error", func(m rawMsg) bool { return m.isResponse() && m.Error != nil })
		if m.Error.Code != int64(jsonrpc2.ParseError) || string(m.ID) != "null" {
			t.Errorf("%q: got %s, want a parse error with id null", bad, m.Raw)
		}
		if p := c.ping(10 + i); p.Error != nil {
			t.Fatalf("server stopped answering after %q: %s", bad, p.Raw)
		}
	}
	// Valid JSON that is not a JSON-RPC message: invalid request, still serving.
	from := len(c.snapshot())
	c.send(`{"jsonrpc":"2.0","id":4,"method":"workspace/symbol","result":1}`)
	m, _ := c.wait(from, "invalid request", func(m rawMsg) bool { return m.isResponse() && m.Error != nil })
	wantError(t, m, int64(jsonrpc2.InvalidRequest))
	if p := c.ping(20); p.Error != nil {
		t.Fatalf("server stopped answering: %s", p.Raw)
	}
}

func (c *rawClient) snapshot() []rawMsg {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]rawMsg(nil), c.msgs...)
}

// TestContentLengthLies: a header that lies about the body must cost at most
// the messages it overlaps; the server answers a parse error, finds the next
// header and keeps serving.
func TestContentLengthLies(t *testing.T) {
	req := func(id int) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"workspace/symbol","params":{"query":"x"}}`, id)
	}
	tests := []struct {
		name  string
		frame func(body string) string
		// lost: the lie also swallows the next message (it is read as part
		// of the lying frame's body).
		lost bool
	}{
		{"too short", func(b string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(b)-10, b) }, false},
		{"too long", func(b string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(b)+30, b) }, true},
		{"not a number", func(b string) string { return fmt.Sprintf("Content-Length: 12abc\r\n\r\n%s", b) }, false},
		{"negative", func(b string) string { return fmt.Sprintf("Content-Length: -%d\r\n\r\n%s", len(b), b) }, false},
		{"zero", func(b string) string { return "Content-Length: 0\r\n\r\n" + b }, false},
		{"missing", func(b string) string { return "Content-Type: application/json\r\n\r\n" + b }, false},
		{"over the limit", func(b string) string { return "Content-Length: 99999999999\r\n\r\n" + b }, false},
		{"header garbage", func(b string) string {
			return fmt.Sprintf("Content-Length: %d\r\nthis is no header\r\n\r\n%s", len(b), b)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := startRaw(t)
			c.initialize("")
			c.write(tt.frame(req(1)))
			c.send(req(2))
			c.send(req(3))
			// The lie is reported as a parse error (id null).
			m, _ := c.wait(0, "parse error", func(m rawMsg) bool { return m.isResponse() && m.Error != nil && string(m.ID) == "null" })
			if m.Error.Code != int64(jsonrpc2.ParseError) {
				t.Errorf("lie answered %s, want a parse error", m.Raw)
			}
			// The next well-formed messages are answered (all but one
			// swallowed by a too-long body).
			if !tt.lost {
				c.response("2")
			}
			c.response("3")
			if p := c.ping(4); p.Error != nil {
				t.Fatalf("not serving after the lie: %s", p.Raw)
			}
			c.send(`{"jsonrpc":"2.0","id":5,"method":"shutdown"}`)
			c.response("5")
			c.notify("exit", "null")
			if code := c.exitCode(); code != 0 {
				t.Errorf("exit code %d after shutdown, want 0", code)
			}
		})
	}
}

// TestLifecycleRaw checks the lifecycle over raw frames: -32002 before
// initialize (notifications dropped, never answered), InvalidRequest after
// shutdown, and the exit codes.
func TestLifecycleRaw(t *testing.T) {
	t.Run("before initialize", func(t *testing.T) {
		c := startRaw(t)
		for _, m := range []string{"textDocument/hover", "shutdown", "workspace/symbol", "textDocument/completion"} {
			wantError(t, c.call(`"`+m+`"`, m, `{}`), int64(protocol.ErrorCodesServerNotInitialized))
		}
		c.notify("textDocument/didOpen", `{"textDocument":{"uri":"file:///x/src/backend/events.js","languageId":"javascript","version":1,"text":"export function wixBiling_onInvoicePaid(e){}"}}`)
		c.initialize("")
		// The didOpen was dropped: no diagnostics, and the file is unknown.
		c.ping(1)
		for _, m := range c.snapshot() {
			if m.Method == protocol.MethodTextDocumentPublishDiagnostics {
				t.Errorf("diagnostics for a didOpen sent before initialize: %s", m.Raw)
			}
		}
		if c.srv.ws.File("/x/src/backend/events.js") != nil {
			t.Error("didOpen before initialize was applied")
		}
		// A string id and a numeric id with the same digits are distinct.
		wantError(t, c.call(`"init2"`, "initialize", `{"capabilities":{}}`), int64(jsonrpc2.InvalidRequest))
	})
	t.Run("after shutdown", func(t *testing.T) {
		c := startRaw(t)
		c.initialize("")
		if m := c.call("1", "shutdown", "null"); m.Error != nil || string(m.Result) != "null" {
			t.Errorf("shutdown: %s", m.Raw)
		}
		for i, m := range []string{"textDocument/hover", "shutdown", "initialize", "workspace/symbol"} {
			wantError(t, c.call(strconv.Itoa(10+i), m, `{}`), int64(jsonrpc2.InvalidRequest))
		}
		c.notify("textDocument/didOpen", `{"textDocument":{"uri":"file:///x/a.js","languageId":"javascript","version":1,"text":""}}`)
		c.notify("exit", "null")
		if code := c.exitCode(); code != 0 {
			t.Errorf("exit after shutdown = %d, want 0", code)
		}
	})
	codes := []struct {
		name string
		run  func(c *rawClient)
		want int
	}{
		{"exit before initialize", func(c *rawClient) { c.notify("exit", "null") }, 1},
		{"exit without shutdown", func(c *rawClient) { c.initialize(""); c.notify("exit", "null") }, 1},
		{"exit after shutdown", func(c *rawClient) { c.initialize(""); c.call("1", "shutdown", "null"); c.notify("exit", "null") }, 0},
		{"stream closed without shutdown", func(c *rawClient) { c.initialize(""); c.conn.Close() }, 1},
		{"stream closed after shutdown", func(c *rawClient) { c.initialize(""); c.call("1", "shutdown", "null"); c.conn.Close() }, 0},
		{"stream closed mid-frame", func(c *rawClient) { c.initialize(""); c.write("Content-Length: 100\r\n\r\n{\"jso"); c.conn.Close() }, 1},
	}
	for _, tt := range codes {
		t.Run(tt.name, func(t *testing.T) {
			c := startRaw(t)
			tt.run(c)
			if code := c.exitCode(); code != tt.want {
				t.Errorf("exit code %d, want %d", code, tt.want)
			}
		})
	}
}

// blockUntilCancelled installs the test hook: requests for method block
// until their context is cancelled. started receives each blocked request.
func blockUntilCancelled(t *testing.T, method string) <-chan struct{} {
	started := make(chan struct{}, 16)
	hook := func(ctx context.Context, m string) {
		if m != method {
			return
		}
		started <- struct{}{}
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
		}
	}
	testHookRequest.Store(&hook)
	t.Cleanup(func() { testHookRequest.Store(nil) })
	return started
}

// TestCancelRequest: a request really in flight, cancelled by numeric or by
// string id, answers -32800; a cancel for an unknown or finished id is
// ignored; the server keeps serving.
func TestCancelRequest(t *testing.T) {
	root := writeTree(t, siteFiles)
	c := startRaw(t)
	c.initialize(root)
	started := blockUntilCancelled(t, protocol.MethodTextDocumentHover)
	u := uri.File(filepath.Join(root, "src/backend/events.js"))
	hover := fmt.Sprintf(`{"textDocument":{"uri":%q},"position":{"line":0,"character":20}}`, u)
	for _, id := range []string{`7`, `"seven"`, `"7"`, `-3`} {
		c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"method":"textDocument/hover","params":%s}`, id, hover))
		select {
		case <-started:
		case <-time.After(10 * time.Second):
			t.Fatalf("hover %s never started", id)
		}
		// Unknown ids and ids of the other type are ignored.
		c.notify("$/cancelRequest", `{"id":12345}`)
		c.notify("$/cancelRequest", `{"id":"nope"}`)
		c.notify("$/cancelRequest", `{"id":null}`)
		c.notify("$/cancelRequest", `garbage`)
		c.notify("$/cancelRequest", fmt.Sprintf(`{"id":%s}`, id))
		wantError(t, c.response(id), int64(protocol.CodeRequestCancelled))
	}
	testHookRequest.Store(nil)
	// Cancelling a finished request does nothing; the server still answers.
	c.call("8", "textDocument/hover", hover)
	c.notify("$/cancelRequest", `{"id":8}`)
	if p := c.ping(9); p.Error != nil {
		t.Fatalf("ping after cancels: %s", p.Raw)
	}
}

// TestCancelledHandlerError: a handler that notices cancellation itself and
// returns ctx.Err() (workspace/symbol checks between files) answers -32800,
// not an error with code 0.
func TestCancelledHandlerError(t *testing.T) {
	s := NewServer(newTestLog(t))
	s.ws.Open("/w/src/backend/events.js", "export function wixBilling_onInvoicePaid(event) {}\n", 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := s.Symbols(ctx, &protocol.WorkspaceSymbolParams{})
	if err == nil {
		t.Fatal("Symbols ignored its cancelled context")
	}
	if _, err := answer(ctx, res, err); errCode(err) != protocol.CodeRequestCancelled {
		t.Errorf("cancelled workspace/symbol answers %v (code %d), want -32800", err, errCode(err))
	}
	if res, err := answer(context.Background(), "ok", nil); res != "ok" || err != nil {
		t.Errorf("answer changed a normal reply: %v %v", res, err)
	}
}

// TestNothingBeforeInitializeReply: the first message the server writes is
// the initialize reply, even when initializationOptions produce a warning
// and the client pipelines notifications and requests right behind
// initialize without waiting for its reply.
func TestNothingBeforeInitializeReply(t *testing.T) {
	root := writeTree(t, siteFiles)
	for i := 0; i < 20; i++ {
		c := startRaw(t)
		u := uri.File(root)
		c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":%q,"capabilities":{"window":{"workDoneProgress":true}},"initializationOptions":{"severity":{"unknown-handler":"loud"}}}}`, u))
		c.notify("initialized", "{}")
		c.notify("textDocument/didOpen", fmt.Sprintf(`{"textDocument":{"uri":%q,"languageId":"javascript","version":1,"text":"export function wixBiling_onInvoicePaid(e){}"}}`, uri.File(filepath.Join(root, "src/backend/events.js"))))
		c.send(`{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":""}}`)
		c.response("2")
		c.wait(0, "diagnostics", func(m rawMsg) bool { return m.Method == protocol.MethodTextDocumentPublishDiagnostics })
		msgs := c.snapshot()
		if !msgs[0].isResponse() || string(msgs[0].ID) != "1" {
			t.Fatalf("run %d: first message from the server is %s, want the initialize reply", i, msgs[0].Raw)
		}
		// The settings warning is still delivered, after the reply.
		c.wait(0, "settings warning", func(m rawMsg) bool {
			return m.Method == protocol.MethodWindowLogMessage && strings.Contains(string(m.Params), "loud")
		})
		c.notify("exit", "null")
		c.exitCode()
	}
}

// TestNoNullArrays: where the spec wants an array, the server writes one,
// never null — checked on the raw bytes, for empty and non-empty answers.
func TestNoNullArrays(t *testing.T) {
	files := map[string]string{
		"src/backend/events.js":                              siteFiles["src/backend/events.js"],
		"src/backend/empty.js":                               "",
		"src/backend/data.js":                                siteFiles["src/backend/data.js"],
		"app/package.json":                                   `{"name":"app"}`,
		"app/src/extensions.ts":                              "import { app } from '@wix/astro/builders';\nexport default app();\n",
		"app/src/extensions/backend/events/x/x.extension.ts": "import { extensions } from '@wix/astro/builders';\nexport default extensions.event({ id: 'nope', source: './extensions/backend/events/x/x.ts' });\n",
		"app/src/extensions/backend/events/x/x.ts":           "import { contacts } from '@wix/crm';\nexport default contacts.onContactCreated((event) => {});\n",
	}
	root := writeTree(t, files)
	c := startRaw(t)
	c.initialize(root)
	for name, text := range files {
		b, _ := json.Marshal(text)
		c.notify("textDocument/didOpen", fmt.Sprintf(`{"textDocument":{"uri":%q,"languageId":"javascript","version":1,"text":%s}}`, uri.File(filepath.Join(root, name)), b))
	}
	doc := func(name string) string { return strconv.Quote(string(uri.File(filepath.Join(root, name)))) }
	id := 100
	check := func(method, params, path string) {
		t.Helper()
		id++
		m := c.call(strconv.Itoa(id), method, params)
		if m.Error != nil {
			t.Errorf("%s %s: %s", method, params, m.Raw)
			return
		}
		arr := m.Result
		if path != "" {
			var obj map[string]json.RawMessage
			if json.Unmarshal(m.Result, &obj) != nil {
				t.Errorf("%s: result is not an object: %s", method, m.Result)
				return
			}
			arr = obj[path]
		}
		if !bytes.HasPrefix(arr, []byte("[")) {
			t.Errorf("%s %s: want an array, got %s", method, params, m.Raw)
		}
		checkNoNullArrays(t, method, m.Result)
	}
	docs := []string{"src/backend/events.js", "src/backend/empty.js", "src/backend/data.js", "app/src/extensions.ts",
		"app/src/extensions/backend/events/x/x.extension.ts", "app/src/extensions/backend/events/x/x.ts", "nowhere/none.js"}
	for _, d := range docs {
		for _, pos := range []string{`{"line":0,"character":0}`, `{"line":0,"character":18}`, `{"line":4,"character":20}`, `{"line":99,"character":99}`} {
			tdp := fmt.Sprintf(`{"textDocument":{"uri":%s},"position":%s}`, doc(d), pos)
			check(protocol.MethodTextDocumentCompletion, tdp, "items")
			check(protocol.MethodTextDocumentReferences, fmt.Sprintf(`{"textDocument":{"uri":%s},"position":%s,"context":{"includeDeclaration":true}}`, doc(d), pos), "")
			check(protocol.MethodTextDocumentCodeAction, fmt.Sprintf(`{"textDocument":{"uri":%s},"range":{"start":%s,"end":%s},"context":{"diagnostics":[]}}`, doc(d), pos, pos), "")
		}
		check(protocol.MethodTextDocumentCodeAction, fmt.Sprintf(`{"textDocument":{"uri":%s},"range":{"start":{"line":0,"character":0},"end":{"line":99,"character":0}},"context":{"diagnostics":[]}}`, doc(d)), "")
		check(protocol.MethodTextDocumentDocumentSymbol, fmt.Sprintf(`{"textDocument":{"uri":%s}}`, doc(d)), "")
		check(protocol.MethodTextDocumentDocumentLink, fmt.Sprintf(`{"textDocument":{"uri":%s}}`, doc(d)), "")
	}
	for _, q := range []string{"", "wix", "zzzzzz"} {
		check(protocol.MethodWorkspaceSymbol, fmt.Sprintf(`{"query":%q}`, q), "")
	}
	// publishDiagnostics: an empty set is [], for a clean file and a cleared one.
	c.notify("textDocument/didClose", fmt.Sprintf(`{"textDocument":{"uri":%s}}`, doc("nowhere/none.js")))
	c.ping(1)
	c.wait(0, "diagnostics for the clean file", func(m rawMsg) bool {
		return m.Method == protocol.MethodTextDocumentPublishDiagnostics && strings.Contains(string(m.Params), "empty.js")
	})
	seen := 0
	for _, m := range c.snapshot() {
		if m.Method != protocol.MethodTextDocumentPublishDiagnostics {
			continue
		}
		seen++
		var p map[string]json.RawMessage
		json.Unmarshal(m.Params, &p)
		if !bytes.HasPrefix(p["diagnostics"], []byte("[")) {
			t.Errorf("publishDiagnostics without an array: %s", m.Raw)
		}
		checkNoNullArrays(t, "publishDiagnostics", m.Params)
	}
	if seen == 0 {
		t.Error("no diagnostics published")
	}
}

// arrayFields are LSP properties whose type is an array (optional ones may
// be absent, but never null).
var arrayFields = map[string]bool{
	"items": true, "diagnostics": true, "tags": true, "children": true, "relatedInformation": true,
	"edits": true, "documentChanges": true, "additionalTextEdits": true, "commitCharacters": true, "arguments": true,
}

// checkNoNullArrays walks a JSON value and reports a null in an array-typed
// property.
func checkNoNullArrays(t *testing.T, what string, raw json.RawMessage) {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if x == nil && arrayFields[k] {
					t.Errorf("%s: %s.%s is null, the spec wants an array: %s", what, path, k, raw)
				}
				walk(path+"."+k, x)
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		}
	}
	walk("", v)
}

// TestDocumentOverSizeCap: a buffer over the size cap is kept (edits still
// apply) but not parsed or analysed, with a warning; features answer empty
// for it; once under the cap it is analysed again.
func TestDocumentOverSizeCap(t *testing.T) {
	root := writeTree(t, siteFiles)
	c := startRaw(t)
	c.initialize(root)
	path := filepath.Join(root, "src/backend/events.js")
	doc := strconv.Quote(string(uri.File(path)))
	bad := "export function wixBiling_onInvoicePaid(event) {}\n"
	limit := int(c.srv.ws.MaxFileSize())
	big := bad + strings.Repeat("// padding\n", limit/11+1)
	b, _ := json.Marshal(big)
	from := len(c.snapshot())
	c.notify("textDocument/didOpen", fmt.Sprintf(`{"textDocument":{"uri":%s,"languageId":"javascript","version":1,"text":%s}}`, doc, b))
	c.wait(from, "size warning", func(m rawMsg) bool {
		return m.Method == protocol.MethodWindowLogMessage && strings.Contains(string(m.Params), "over the")
	})
	if f := c.srv.ws.File(path); f == nil || !f.TooLarge || f.Text() != big {
		t.Fatal("the big buffer was not kept unparsed")
	}
	// Features answer empty, not from a stale parse.
	pos := fmt.Sprintf(`{"textDocument":{"uri":%s},"position":{"line":0,"character":20}}`, doc)
	if m := c.call("1", "textDocument/hover", pos); string(m.Result) != "null" {
		t.Errorf("hover on the big buffer: %s", m.Raw)
	}
	if m := c.call("2", "textDocument/documentSymbol", fmt.Sprintf(`{"textDocument":{"uri":%s}}`, doc)); string(m.Result) != "[]" {
		t.Errorf("symbols of the big buffer: %s", m.Raw)
	}
	if m := c.call("3", "textDocument/completion", pos); !strings.Contains(string(m.Result), `"items":[]`) {
		t.Errorf("completion in the big buffer: %s", m.Raw)
	}
	// An incremental edit still applies to the kept text.
	c.notify("textDocument/didChange", fmt.Sprintf(`{"textDocument":{"uri":%s,"version":2},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"// top\n"}]}`, doc))
	c.ping(4)
	if f := c.srv.ws.File(path); f == nil || f.Text() != "// top\n"+big {
		t.Error("an edit to the big buffer was lost")
	}
	// Diagnostics for it are empty.
	c.wait(from, "empty diagnostics", func(m rawMsg) bool {
		return m.Method == protocol.MethodTextDocumentPublishDiagnostics && strings.Contains(string(m.Params), "events.js") &&
			strings.Contains(string(m.Params), `"diagnostics":[]`)
	})
	// Back under the cap: analysed again.
	from = len(c.snapshot())
	c.notify("textDocument/didChange", fmt.Sprintf(`{"textDocument":{"uri":%s,"version":3},"contentChanges":[{"text":%q}]}`, doc, bad))
	c.wait(from, "diagnostics after shrinking", func(m rawMsg) bool {
		return m.Method == protocol.MethodTextDocumentPublishDiagnostics && strings.Contains(string(m.Params), "unknown-handler")
	})
}

// TestMessageOverLimit: a message over maxMessageSize is refused without
// being buffered (parse error), and the server goes on with the next one.
func TestMessageOverLimit(t *testing.T) {
	c := startRaw(t)
	c.initialize("")
	body := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/src/backend/events.js","languageId":"javascript","version":1,"text":"` +
		strings.Repeat("x", maxMessageSize) + `"}}}`
	frame := []byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c.wmu.Lock()
	_, err := c.conn.Write(frame)
	c.wmu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	m, _ := c.wait(0, "parse error", func(m rawMsg) bool { return m.isResponse() && m.Error != nil })
	wantError(t, m, int64(jsonrpc2.ParseError))
	if p := c.ping(1); p.Error != nil {
		t.Fatalf("not serving after an oversized message: %s", p.Raw)
	}
	if c.srv.ws.File("/w/src/backend/events.js") != nil {
		t.Error("the oversized didOpen was applied")
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	// The server must not have buffered the message.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
		t.Errorf("reading the refused message allocated %d MiB", grew>>20)
	}
}

// TestRulePanicKeepsServer: a rule that panics while diagnostics are
// computed off the request path (the publisher and syntax goroutines have
// no handler above them) is logged; the server stays up and publishes again
// once the rule no longer panics.
func TestRulePanicKeepsServer(t *testing.T) {
	root := writeTree(t, siteFiles)
	c := startRaw(t)
	log := &panicLog{quietLog: quietLog{t: t}}
	t.Cleanup(func() { log.mu.Lock(); log.done = true; log.mu.Unlock() })
	c.srv.logger.SetOutput(log)
	c.initialize(root)
	boom := func(path string) {
		if strings.HasSuffix(path, "events.js") {
			panic("a rule's bug")
		}
	}
	testHookPublish.Store(&boom)
	t.Cleanup(func() { testHookPublish.Store(nil) })
	path := filepath.Join(root, "src/backend/events.js")
	doc := strconv.Quote(string(uri.File(path)))
	c.notify("textDocument/didOpen", fmt.Sprintf(`{"textDocument":{"uri":%s,"languageId":"javascript","version":1,"text":"export function wixBiling_onInvoicePaid(event) {}\n"}}`, doc))
	deadline := time.Now().Add(10 * time.Second)
	for {
		log.pmu.Lock()
		n := len(log.panics)
		log.pmu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the panic was not logged")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if p := c.ping(1); p.Error != nil {
		t.Fatalf("server not serving after a rule panicked: %s", p.Raw)
	}
	testHookPublish.Store(nil)
	c.notify("textDocument/didChange", fmt.Sprintf(`{"textDocument":{"uri":%s,"version":2},"contentChanges":[{"text":"export function wixBiling_onInvoiceSent(event) {}\n"}]}`, doc))
	c.wait(0, "diagnostics once the rule is fixed", func(m rawMsg) bool {
		return m.Method == protocol.MethodTextDocumentPublishDiagnostics && strings.Contains(string(m.Params), "unknown-handler")
	})
}
