// Command soak drives the wix-events-ls binary over stdio, as an editor
// does, for a fixed time: random edits (typing, backspacing, pasting,
// deleting lines, whole-file replaces) in several open documents of a Velo
// site and a Wix CLI app, each followed by what an editor sends (completion
// on most keystrokes, hover, definition, references, code actions, document
// and workspace symbols, document links), some cancelled while in flight
// (numeric and string ids), some at stale or out-of-range positions.
//
// It fails (exit status 1) when a request is not answered within -timeout,
// when a reply is an error other than RequestCancelled (-32800), when the
// server's peak resident memory (VmHWM) exceeds -max-rss-mb, when the last
// diagnostics published for an open document are not for its last version,
// or when the server does not exit 0 after shutdown and exit.
//
//	go run ./scripts/soak -duration 5m      # the soak
//	go run ./scripts/soak -duration 30s     # CI
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

var (
	duration  = flag.Duration("duration", 5*time.Minute, "how long to edit")
	rate      = flag.Int("rate", 150, "editor operations per second")
	timeout   = flag.Duration("timeout", 10*time.Second, "longest a request may wait for its answer")
	maxRSS    = flag.Int("max-rss-mb", 64, "fail when the server's peak RSS (VmHWM) exceeds this many MiB")
	server    = flag.String("server", "", "server binary (default: build ./cmd/wix-events-ls)")
	workspace = flag.String("workspace", "testdata/sample", "workspace to copy and open (default: the sample site and app)")
	seed      = flag.Int64("seed", 0, "random seed (0: time-based)")
	verbose   = flag.Bool("v", false, "log every failure as it happens")
)

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "soak: FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("soak: PASS")
}

// docs are the documents the soak edits, relative to the workspace.
var docs = []string{
	"velo-site/src/backend/events.js",
	"velo-site/src/backend/receipts.web.js",
	"cli-app/src/extensions.ts",
	"cli-app/src/extensions/backend/events/contact-created/contact-created.extension.ts",
	"cli-app/src/extensions/backend/events/contact-created/contact-created.ts",
	"cli-app/src/extensions/backend/events/order-paid/order-paid.ts",
}

// snippets are typed or pasted: handler exports (good and misspelt), SDK
// registrations, builder options, half-typed code.
var snippets = []string{
	"export function wixBilling_onInvoicePaid(event) {\n  console.log(event.invoice);\n}\n",
	"export function wixBiling_onInvoiceSent(event) {}\n",
	"export const wixStores_onNewOrder = (event) => event.orderId;\n",
	"export function wixCrm_onContactCreated(event) { event. }\n",
	"import { contacts } from '@wix/crm';\nexport default contacts.onContactUpdated((event) => {});\n",
	"export default extensions.event({\n  id: '{{GENERATE_UUID}}',\n  source: './extensions/backend/events/x/x.ts',\n});\n",
	"  id: 'b1c7a0e2-4c1f-4e6a-9d2b-0f6c3e8a7d15',\n",
	".use(contactCreated)",
	"Orders_beforeInsert(item) { return item; }\n",
	"/* é😀 \u2028 */ `${ {a: /re/} }` // tail\n",
	"export function wixEcom_onOrder",
	"((((((((",
	"}}}}",
}

type pending struct {
	method string
	sent   time.Time
}

type stats struct {
	mu        sync.Mutex
	pending   map[string]pending // raw JSON id → request
	sent      int
	answered  int
	cancelled int // answered -32800
	latency   map[string][]time.Duration
	failures  []string
	diagVer   map[string]int64 // uri → version of the last publish
	diagAt    time.Time        // time of the last publish
	logs      int
	serverReq int
}

func (s *stats) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.mu.Lock()
	s.failures = append(s.failures, msg)
	s.mu.Unlock()
	if *verbose {
		fmt.Fprintln(os.Stderr, "soak:", msg)
	}
}

// conn is the client side of the stdio connection.
type conn struct {
	w   io.Writer
	wmu sync.Mutex
	st  *stats
	seq int64
}

func (c *conn) write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err = fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(b), b)
	return err
}

func (c *conn) notify(method string, params any) error {
	return c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// request sends a request and returns its raw id; stringID uses a string id.
func (c *conn) request(method string, params any, stringID bool) (string, error) {
	c.seq++
	var id any = c.seq
	raw := strconv.FormatInt(c.seq, 10)
	if stringID {
		id = "s" + raw
		raw = strconv.Quote("s" + raw)
	}
	c.st.mu.Lock()
	c.st.pending[raw] = pending{method, time.Now()}
	c.st.sent++
	c.st.mu.Unlock()
	return raw, c.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
}

// read handles everything the server sends.
func (c *conn) read(r *bufio.Reader, done chan<- error) {
	for {
		body, err := readFrame(r)
		if err != nil {
			done <- err
			return
		}
		var m struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Code    int64  `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(body, &m); err != nil {
			c.st.fail("invalid JSON from the server: %v", err)
			continue
		}
		st := c.st
		switch {
		case m.Method != "" && len(m.ID) > 0 && string(m.ID) != "null": // a server request
			result := json.RawMessage("null")
			if m.Method == "workspace/configuration" {
				result = json.RawMessage("[null]")
			}
			st.mu.Lock()
			st.serverReq++
			st.mu.Unlock()
			go c.write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": result})
		case m.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string          `json:"uri"`
				Version     *int64          `json:"version"`
				Diagnostics json.RawMessage `json:"diagnostics"`
			}
			json.Unmarshal(m.Params, &p)
			if !strings.HasPrefix(string(p.Diagnostics), "[") {
				st.fail("publishDiagnostics without an array: %s", body)
			}
			st.mu.Lock()
			if p.Version != nil {
				st.diagVer[p.URI] = *p.Version
			}
			st.diagAt = time.Now()
			st.mu.Unlock()
		case m.Method != "":
			if m.Method == "window/logMessage" || m.Method == "window/showMessage" {
				st.mu.Lock()
				st.logs++
				st.mu.Unlock()
			}
		default: // a response
			id := string(m.ID)
			st.mu.Lock()
			p, ok := st.pending[id]
			if ok {
				delete(st.pending, id)
				st.answered++
				st.latency[p.method] = append(st.latency[p.method], time.Since(p.sent))
			}
			st.mu.Unlock()
			switch {
			case !ok:
				st.fail("response to an unknown id: %s", truncate(body))
			case m.Error != nil && m.Error.Code == -32800:
				st.mu.Lock()
				st.cancelled++
				st.mu.Unlock()
			case m.Error != nil:
				st.fail("%s: error %d %s", p.method, m.Error.Code, m.Error.Message)
			}
		}
	}
}

func truncate(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

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
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "Content-Length") {
			if n, err = strconv.Atoi(strings.TrimSpace(v)); err != nil {
				return nil, err
			}
		}
	}
	if n < 0 {
		return nil, errors.New("frame without Content-Length")
	}
	buf := make([]byte, n)
	_, err := io.ReadFull(r, buf)
	return buf, err
}

// memory returns the server's VmRSS and VmHWM in KiB (Linux).
func memory(pid int) (rss, hwm int64, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = v
		case "VmHWM:":
			hwm = v
		}
	}
	return rss, hwm, hwm > 0
}

// doc is the client's copy of one open document.
type doc struct {
	path, uri string
	orig      string
	text      string
	version   int64
	cursor    int    // byte offset
	typing    string // the rest of a snippet being typed
}

func (d *doc) pos(off int) map[string]any {
	p := textpos.NewMapper(d.text).Position(off, textpos.UTF16)
	return map[string]any{"line": p.Line, "character": p.Character}
}

// boundary rounds off down to a UTF-8 character boundary.
func boundary(s string, off int) int {
	for off > 0 && off < len(s) && s[off]&0xC0 == 0x80 {
		off--
	}
	return off
}

func run() error {
	rng := rand.New(rand.NewSource(*seed))
	if *seed == 0 {
		rng = rand.New(rand.NewSource(time.Now().UnixNano()))
	}
	tmp, err := os.MkdirTemp("", "wix-events-ls-soak")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := *server
	if bin == "" {
		bin = filepath.Join(tmp, "wix-events-ls")
		out, err := exec.Command("go", "build", "-o", bin, "./cmd/wix-events-ls").CombinedOutput()
		if err != nil {
			return fmt.Errorf("building the server: %v\n%s", err, out)
		}
	}
	root := filepath.Join(tmp, "ws")
	if err := copyTree(*workspace, root); err != nil {
		return fmt.Errorf("copying the workspace: %v", err)
	}

	cmd := exec.Command(bin)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	stderr, err := os.Create(filepath.Join(tmp, "server.log"))
	if err != nil {
		return err
	}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()

	st := &stats{pending: map[string]pending{}, latency: map[string][]time.Duration{}, diagVer: map[string]int64{}}
	c := &conn{w: stdin, st: st}
	readDone := make(chan error, 1)
	go c.read(bufio.NewReaderSize(stdout, 1<<16), readDone)

	// Memory and overdue requests, sampled while the soak runs.
	var peakRSS, peakHWM int64
	var memMu sync.Mutex
	stopWatch := make(chan struct{})
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopWatch:
				return
			case <-tick.C:
			}
			if rss, hwm, ok := memory(cmd.Process.Pid); ok {
				memMu.Lock()
				peakRSS, peakHWM = max(peakRSS, rss), max(peakHWM, hwm)
				memMu.Unlock()
			}
			st.mu.Lock()
			var late []string
			for id, p := range st.pending {
				if time.Since(p.sent) > *timeout {
					late = append(late, fmt.Sprintf("%s (id %s)", p.method, id))
					delete(st.pending, id)
				}
			}
			st.mu.Unlock()
			for _, l := range late {
				st.fail("no answer in %v: %s", *timeout, l)
			}
		}
	}()

	rootURI := "file://" + filepath.ToSlash(root)
	if _, err := c.request("initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": rootURI,
		"workspaceFolders": []any{map[string]any{"uri": rootURI, "name": "ws"}},
		"capabilities": map[string]any{
			"workspace": map[string]any{"configuration": true, "didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
				"workspaceEdit": map[string]any{"documentChanges": true, "resourceOperations": []string{"create"}}},
			"window": map[string]any{"workDoneProgress": true},
			"textDocument": map[string]any{
				"completion":     map[string]any{"completionItem": map[string]any{"snippetSupport": true}},
				"hover":          map[string]any{"contentFormat": []string{"markdown"}},
				"codeAction":     map[string]any{"codeActionLiteralSupport": map[string]any{}},
				"documentSymbol": map[string]any{"hierarchicalDocumentSymbolSupport": true},
			},
		},
	}, false); err != nil {
		return err
	}
	c.notify("initialized", map[string]any{})

	var open []*doc
	for _, rel := range docs {
		p := filepath.Join(root, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		d := &doc{path: p, uri: "file://" + filepath.ToSlash(p), orig: string(b), text: string(b), version: 1}
		open = append(open, d)
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": d.uri, "languageId": "typescript", "version": 1, "text": d.text}})
	}

	start := time.Now()
	var ops, edits int
	interval := time.Second / time.Duration(max(1, *rate))
	nextReport := start.Add(10 * time.Second)
	for time.Since(start) < *duration {
		time.Sleep(interval)
		ops++
		d := open[rng.Intn(len(open))]
		if err := step(c, rng, d, &edits); err != nil {
			return fmt.Errorf("writing to the server: %v", err)
		}
		if time.Now().After(nextReport) {
			nextReport = nextReport.Add(10 * time.Second)
			memMu.Lock()
			rss, hwm := peakRSS, peakHWM
			memMu.Unlock()
			st.mu.Lock()
			fmt.Printf("soak: %3.0fs  ops %d  edits %d  requests %d  answered %d  pending %d  rss %.1f MiB  hwm %.1f MiB  failures %d\n",
				time.Since(start).Seconds(), ops, edits, st.sent, st.answered, len(st.pending), float64(rss)/1024, float64(hwm)/1024, len(st.failures))
			st.mu.Unlock()
		}
		select {
		case err := <-readDone:
			return fmt.Errorf("server closed its output: %v", err)
		case err := <-exited:
			return fmt.Errorf("server exited: %v", err)
		default:
		}
	}

	// Drain: every request answered, diagnostics settled on the last version.
	deadline := time.Now().Add(*timeout)
	for {
		st.mu.Lock()
		n := len(st.pending)
		quiet := time.Since(st.diagAt) > time.Second
		st.mu.Unlock()
		if n == 0 && quiet || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	st.mu.Lock()
	for _, d := range open {
		if v := st.diagVer[d.uri]; v != d.version {
			st.failures = append(st.failures, fmt.Sprintf("%s: last diagnostics for version %d, the document is at %d", d.uri, v, d.version))
		}
	}
	st.mu.Unlock()

	id, _ := c.request("shutdown", nil, false)
	for t := time.Now(); time.Since(t) < *timeout; time.Sleep(20 * time.Millisecond) {
		st.mu.Lock()
		_, waiting := st.pending[id]
		st.mu.Unlock()
		if !waiting {
			break
		}
	}
	c.notify("exit", nil)
	stdin.Close()
	select {
	case err := <-exited:
		if err != nil {
			st.fail("server exit after shutdown: %v (want status 0)", err)
		}
	case <-time.After(*timeout):
		st.fail("server did not exit after shutdown and exit")
	}
	close(stopWatch)
	<-watchDone

	// Report.
	elapsed := time.Since(start)
	var all []time.Duration
	var methods []string
	for m, ls := range st.latency {
		all = append(all, ls...)
		methods = append(methods, m)
	}
	sort.Strings(methods)
	fmt.Printf("soak: %v, %d ops (%d edits), %d requests, %d answered (%d cancelled), %d server requests, %d log messages\n",
		elapsed.Round(time.Second), ops, edits, st.sent, st.answered, st.cancelled, st.serverReq, st.logs)
	fmt.Printf("soak: latency p50 %v  p99 %v  max %v over %d replies\n", pct(all, 50), pct(all, 99), pct(all, 100), len(all))
	for _, m := range methods {
		ls := st.latency[m]
		fmt.Printf("soak:   %-32s %6d  p50 %-10v p99 %v\n", m, len(ls), pct(ls, 50), pct(ls, 99))
	}
	if peakHWM > 0 {
		fmt.Printf("soak: server memory: peak RSS (VmHWM) %.1f MiB, highest sampled RSS %.1f MiB, bound %d MiB\n", float64(peakHWM)/1024, float64(peakRSS)/1024, *maxRSS)
		if peakHWM > int64(*maxRSS)*1024 {
			st.failures = append(st.failures, fmt.Sprintf("peak RSS %.1f MiB over the %d MiB bound", float64(peakHWM)/1024, *maxRSS))
		}
	} else {
		fmt.Println("soak: server memory: not measured (no /proc)")
	}
	if len(st.failures) > 0 {
		if b, err := os.ReadFile(filepath.Join(tmp, "server.log")); err == nil && len(b) > 0 {
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			fmt.Fprintf(os.Stderr, "soak: last server log lines:\n  %s\n", strings.Join(lines[max(0, len(lines)-20):], "\n  "))
		}
		for i, f := range st.failures {
			if i == 20 {
				fmt.Fprintf(os.Stderr, "soak: … and %d more\n", len(st.failures)-20)
				break
			}
			fmt.Fprintln(os.Stderr, "soak:", f)
		}
		return fmt.Errorf("%d failures", len(st.failures))
	}
	return nil
}

// step is one editor operation on d.
func step(c *conn, rng *rand.Rand, d *doc, edits *int) error {
	edit := func(start, end int, text string) error {
		*edits++
		r := map[string]any{"start": d.pos(start), "end": d.pos(end)}
		d.text = d.text[:start] + text + d.text[end:]
		d.version++
		d.cursor = start + len(text)
		return c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": d.uri, "version": d.version},
			"contentChanges": []any{map[string]any{"range": r, "text": text}},
		})
	}
	at := func(off int) map[string]any {
		return map[string]any{"textDocument": map[string]any{"uri": d.uri}, "position": d.pos(off)}
	}
	req := func(method string, params any) error {
		stringID := rng.Intn(4) == 0
		id, err := c.request(method, params, stringID)
		if err == nil && rng.Intn(20) == 0 { // the user moved on: cancel it
			var v any = json.RawMessage(id)
			err = c.notify("$/cancelRequest", map[string]any{"id": v})
		}
		return err
	}
	d.cursor = boundary(d.text, min(d.cursor, len(d.text)))
	randOff := func() int { return boundary(d.text, rng.Intn(len(d.text)+1)) }

	switch k := rng.Intn(100); {
	case len(d.text) > 24<<10 || k < 1: // back to the file's text
		*edits++
		d.text, d.typing, d.cursor = d.orig, "", 0
		d.version++
		return c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": d.uri, "version": d.version},
			"contentChanges": []any{map[string]any{"text": d.text}},
		})
	case k < 45: // type the next character, then ask for completions
		if d.typing == "" {
			d.typing = snippets[rng.Intn(len(snippets))]
			if rng.Intn(3) == 0 {
				d.cursor = randOff()
			}
		}
		n := 1
		for n < len(d.typing) && d.typing[n]&0xC0 == 0x80 {
			n++
		}
		ch := d.typing[:n]
		d.typing = d.typing[n:]
		if err := edit(d.cursor, d.cursor, ch); err != nil {
			return err
		}
		if rng.Intn(10) < 7 {
			return req("textDocument/completion", at(d.cursor))
		}
	case k < 52: // backspace
		start := boundary(d.text, max(0, d.cursor-1-rng.Intn(8)))
		return edit(start, d.cursor, "")
	case k < 56: // paste
		off := randOff()
		off = strings.LastIndexByte(d.text[:off], '\n') + 1
		return edit(off, off, snippets[rng.Intn(len(snippets))])
	case k < 59: // delete a few lines
		a, b := randOff(), randOff()
		if a > b {
			a, b = b, a
		}
		return edit(a, min(b, a+200), "")
	case k < 70:
		return req("textDocument/hover", at(randOff()))
	case k < 75:
		return req("textDocument/definition", at(randOff()))
	case k < 79:
		return req("textDocument/references", map[string]any{"textDocument": map[string]any{"uri": d.uri}, "position": d.pos(randOff()), "context": map[string]any{"includeDeclaration": true}})
	case k < 86:
		a, b := randOff(), randOff()
		if a > b {
			a, b = b, a
		}
		return req("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": d.uri},
			"range": map[string]any{"start": d.pos(a), "end": d.pos(b)}, "context": map[string]any{"diagnostics": []any{}}})
	case k < 91:
		return req("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": d.uri}})
	case k < 94:
		return req("textDocument/documentLink", map[string]any{"textDocument": map[string]any{"uri": d.uri}})
	case k < 96:
		return req("workspace/symbol", map[string]any{"query": []string{"", "wix", "onContact", "zz", "order"}[rng.Intn(5)]})
	default: // stale or out-of-range positions
		p := map[string]any{"line": rng.Intn(5000), "character": rng.Intn(1 << 20)}
		return req([]string{"textDocument/completion", "textDocument/hover", "textDocument/definition"}[rng.Intn(3)],
			map[string]any{"textDocument": map[string]any{"uri": d.uri}, "position": p})
	}
	return nil
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s) - 1) * p / 100
	return s[i].Round(10 * time.Microsecond)
}

func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
