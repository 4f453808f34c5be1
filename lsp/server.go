// Package lsp is the protocol layer of wix-events-ls: it turns LSP requests
// into calls on the index and the analysis and their results back into LSP
// types. It holds no analysis of its own. One file per LSP feature
// (completion.go, hover.go, …), each with its test beside it.
//
// Concurrency model: notifications (didOpen, didChange, …) run inline on the
// connection's read loop, so every request sees every change sent before it;
// requests are then released to run concurrently (jsonrpc2.Async), and
// never wait for workspace indexing.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// Version is the server's version (initialize's serverInfo, `version`,
// SARIF). Its source of truth is the repository's VERSION file: release
// builds stamp it with -ldflags "-X github.com/wix-events-ls/wix-events-ls/lsp.Version=…"
// (npm/build.js, editors/vscode/scripts/build-server.js), and this default
// is kept equal to it by cmd/wix-events-ls's TestVersionOneSource.
var Version = "0.1.0"

// lifecycle states, per the LSP spec's initialize/shutdown/exit protocol.
const (
	stateNew         = iota // before initialize: only initialize and exit are accepted
	stateInitialized        // initialize answered
	stateShutdown           // shutdown answered: only exit is accepted
)

// Server implements protocol.Server for Wix backend events.
type Server struct {
	protocol.UnimplementedServer

	ws     *index.Workspace
	an     *analysis.Analyzer
	logger *log.Logger
	// syntax runs esbuild, with the cache of verdicts from earlier sessions
	// (see internal/syntaxcache): reopening an unchanged workspace then
	// costs no esbuild parse at all.
	syntax *analysis.SyntaxChecker

	conn   jsonrpc2.Conn
	client protocol.Client

	mu       sync.Mutex
	state    int
	enc      textpos.Encoding
	caps     clientCaps
	exitCode chan int
	diags    *diagPublisher
	disk     *diskChanges // watched-file events being applied
	indexing *indexer
	bgCtx    context.Context
	bgCancel context.CancelFunc
	// replied is set once the initialize reply is on the wire; until then
	// log messages are held in held (nothing may precede that reply).
	replied bool
	held    []protocol.LogMessageParams
	// itemJSON caches handler completion items' JSON (completion_encode.go).
	itemJSON sync.Map // itemKey → *itemJSON
	// depsRefresh coalesces the re-diagnosis after installed packages
	// change (cli_installed.go).
	depsRefresh depsRefresh
}

// clientCaps records the client capabilities the server adapts to.
type clientCaps struct {
	configuration      bool // workspace/configuration requests
	watchedFilesDyn    bool // dynamic registration of didChangeWatchedFiles
	workDoneProgress   bool // window/workDoneProgress/create
	relatedInformation bool
	snippets           bool
	resolveDocs        bool // completionItem/resolve may fill documentation
	defaultEditRange   bool // CompletionList.itemDefaults.editRange (LSP 3.17)
	defaultTextFormat  bool // CompletionList.itemDefaults.insertTextFormat
	markdown           bool
	codeActionLiterals bool
	documentChanges    bool // WorkspaceEdit.documentChanges with create operations
	deprecatedTag      bool
	hierarchicalSyms   bool
}

// NewServer returns a server with an empty workspace. logw receives the log
// (stderr for the binary).
func NewServer(logw io.Writer) *Server {
	if logw == nil {
		logw = io.Discard
	}
	ws := index.New(index.Options{KeepCall: analysis.KeepCall, DropTexts: true})
	s := &Server{
		ws:       ws,
		an:       analysis.New(ws),
		syntax:   analysis.NewSyntaxChecker(syntaxcache.Dir()),
		logger:   log.New(logw, "wix-events-ls: ", log.LstdFlags|log.Lmicroseconds),
		exitCode: make(chan int, 1),
		enc:      textpos.UTF16,
	}
	s.bgCtx, s.bgCancel = context.WithCancel(context.Background())
	s.disk = &diskChanges{s: s}
	// A dropped text the disk no longer holds (changed without a watcher
	// event, or before it): re-read the file as a change on disk, with the
	// watched-file events (not on the asking goroutine, which may be a rule
	// or a publish in progress; and a branch switch makes thousands).
	ws.SetOnStale(func(path string) {
		if s.bgCtx.Err() == nil {
			s.disk.add([]protocol.FileEvent{{URI: fileURI(path), Type: protocol.FileChangeTypeChanged}})
		}
	})
	return s
}

// Serve runs the server on one connection until the client sends exit or the
// stream ends, and returns the process exit code: 0 after shutdown, 1
// otherwise (LSP spec).
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	stream := newTolerantStream(rwc, func(err error) {
		s.logf("malformed message: %v", err)
		if strings.Contains(err.Error(), msgOverLimit) {
			// Refused unread: if it was an edit, the user must know the
			// server's copy of the document no longer follows theirs.
			go s.showMessage(s.bgCtx, protocol.MessageTypeError, "wix-events-ls: a message from the editor was refused ("+msgOverLimit+"); if it was an edit, diagnostics may be stale until the document is reopened")
		}
	})
	conn := jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.conn = conn
	s.client = protocol.ClientDispatcher(conn)
	s.diags = newDiagPublisher(s)
	conn.Go(ctx, s.handler())
	select {
	case code := <-s.exitCode:
		s.bgCancel()
		// Close waits for in-flight handlers, and the exit notification is
		// one of them: close in the background and return at once.
		go conn.Close()
		return code
	case <-conn.Done():
		s.bgCancel()
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.state == stateShutdown {
			return 0
		}
		return 1
	}
}

// Codec is the JSON-RPC payload codec for LSP connections, server or client:
// the protocol package's union-aware codec (as protocol.NewServer uses),
// decoding from a private copy of each frame (see Unmarshal). Go clients of
// the server (tests, bench) use it too.
type Codec struct{}

// codec is the server's own name for Codec.
type codec = Codec

func (Codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case json.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	}
	// Encode into a buffer of about the size this type's last encoding
	// had: protocol.Marshal starts from nothing and doubles, which for a
	// 30 KB reply is 60 KB more garbage than the reply itself.
	hint := sizeHint(v)
	var dst []byte
	if n := hint.Load(); n > 0 {
		dst = make([]byte, 0, n+n/8+64)
	}
	b, err := protocol.AppendMarshal(dst, v)
	hint.Store(int64(len(b)))
	return b, err
}

// sizeHints holds the last encoded size of each payload type.
var sizeHints sync.Map // reflect.Type → *atomic.Int64

func sizeHint(v any) *atomic.Int64 {
	t := reflect.TypeOf(v)
	if h, ok := sizeHints.Load(t); ok {
		return h.(*atomic.Int64)
	}
	h, _ := sizeHints.LoadOrStore(t, new(atomic.Int64))
	return h.(*atomic.Int64)
}

// Unmarshal decodes from a private copy of data. jsonrpc2 lends a frame's
// bytes only until the next read, and protocol.Unmarshal's union decoders
// may keep strings pointing into their input; seen in practice as code
// action titles overwritten by the next frame. One copy per message is
// cheap next to a stored document text changing under the server.
func (Codec) Unmarshal(data []byte, v any) error {
	owned := append([]byte(nil), data...)
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = owned
		return nil
	}
	return protocol.Unmarshal(owned, v)
}

// handler builds the connection's handler chain: lifecycle gating,
// cancellation, panic recovery, and inline notifications / async requests.
func (s *Server) handler() jsonrpc2.Handler {
	inner := s.wireReplies(protocol.ServerHandler(s, jsonrpc2.MethodNotFoundHandler))
	cancelable, cancel := jsonrpc2.CancelHandler(func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if hook := testHookRequest.Load(); hook != nil {
			(*hook)(ctx, req.Method())
		}
		res, err := s.recovered(ctx, req, inner)
		return answer(ctx, res, err)
	})
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		method := req.Method()
		if method == protocol.MethodCancelRequest {
			if id, ok := cancelID(req.Params()); ok {
				cancel(id)
			}
			return nil, nil
		}
		if method == protocol.MethodExit {
			s.mu.Lock()
			code := 1
			if s.state == stateShutdown {
				code = 0
			}
			s.mu.Unlock()
			select {
			case s.exitCode <- code:
			default:
			}
			return nil, nil
		}
		s.mu.Lock()
		state := s.state
		var held []protocol.LogMessageParams
		if state != stateNew && !s.replied && method != protocol.MethodInitialize {
			// Initialize ran inline (below), so its reply was written before
			// this message was read: what it logged can go out now.
			s.replied, held, s.held = true, s.held, nil
		}
		s.mu.Unlock()
		for i := range held {
			_ = s.client.LogMessage(ctx, &held[i])
		}
		switch {
		case state == stateNew && method != protocol.MethodInitialize:
			if req.IsCall() {
				return nil, jsonrpc2.NewError(jsonrpc2.Code(protocol.ErrorCodesServerNotInitialized), "server not initialized")
			}
			return nil, nil // notifications before initialize are dropped (spec)
		case state != stateNew && method == protocol.MethodInitialize:
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received")
		case state == stateShutdown:
			if req.IsCall() {
				return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shut down")
			}
			return nil, nil
		}
		if req.IsCall() && !implemented[method] {
			return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, fmt.Sprintf("method not found: %s", method))
		}
		// Positions are checked before the params are decoded, which
		// would absorb a malformed one (validate.go). Only where a
		// document's positions are: initialize's capabilities have keys
		// named "range" that are booleans (semanticTokens.requests.range).
		if err := positionsOf(method, req.Params()); err != nil {
			msg := fmt.Sprintf("%s refused: %v", method, err)
			if req.IsCall() {
				s.logger.Print(msg)
				return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, msg)
			}
			if method == protocol.MethodTextDocumentDidChange {
				msg += "; the document is kept as it was"
			}
			s.showLog(ctx, protocol.MessageTypeError, msg)
			return nil, nil
		}
		if !req.IsCall() {
			// A failing notification must never tear the connection down.
			if _, err := s.recovered(ctx, req, inner); err != nil {
				s.logger.Printf("%s: %v", method, err)
			}
			return nil, nil
		}
		if method == protocol.MethodInitialize || method == protocol.MethodShutdown {
			// Initialize runs inline: the reply is written before any later
			// message is read, so a client that pipelines didOpen or requests
			// behind it sees them handled as initialized, and nothing the
			// server sends precedes the reply. Shutdown too, so that an exit
			// sent right behind it (by a client that does not wait for the
			// reply) finds the server shut down and exits with 0. Neither is
			// cancellable: an inline request's context is recycled when it
			// returns, so nothing may derive from it; they run on the
			// connection's.
			return s.recovered(jsonrpc2.DetachContext(ctx), req, inner)
		}
		// Requests run concurrently with later messages (the notifications
		// before them have already been applied). Releasing before the
		// cancel wrapper derives its context also keeps that context valid:
		// jsonrpc2 recycles a non-released request's context on return.
		jsonrpc2.Async(ctx)
		return cancelable(ctx, req)
	}
}

// wireReplies answers the requests whose replies the server encodes itself
// (textDocument/completion: see completion_encode.go) and passes the others
// on to h, the protocol package's dispatch to the Server's methods.
func (s *Server) wireReplies(h jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.Method() != protocol.MethodTextDocumentCompletion {
			return h(ctx, req)
		}
		var params protocol.CompletionParams
		if err := protocol.Unmarshal(req.Params(), &params); err != nil {
			return nil, fmt.Errorf("%w: %w", jsonrpc2.ErrParse, err)
		}
		return s.completionReply(&params), nil
	}
}

// testHookRequest is for tests only (production never sets it): when set,
// it runs at the start of every request with the request's cancellable
// context, so a test can hold a request in flight, e.g. to cancel it.
var testHookRequest atomic.Pointer[func(ctx context.Context, method string)]

// implemented lists the requests the server answers; any other request gets
// MethodNotFound before its params are even decoded.
var implemented = map[string]bool{
	protocol.MethodInitialize:                 true,
	protocol.MethodShutdown:                   true,
	protocol.MethodTextDocumentCompletion:     true,
	protocol.MethodCompletionItemResolve:      true,
	protocol.MethodTextDocumentHover:          true,
	protocol.MethodTextDocumentDefinition:     true,
	protocol.MethodTextDocumentReferences:     true,
	protocol.MethodTextDocumentDocumentSymbol: true,
	protocol.MethodTextDocumentCodeAction:     true,
	protocol.MethodTextDocumentCodeLens:       true,
	protocol.MethodTextDocumentDocumentLink:   true,
	protocol.MethodWorkspaceSymbol:            true,
	protocol.MethodWorkspaceExecuteCommand:    true,
}

// answer is a request's reply: a cancelled request answers RequestCancelled
// (-32800) whatever the handler returned, including its ctx.Err().
func answer(ctx context.Context, res any, err error) (any, error) {
	if ctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	return res, err
}

// recovered runs h, turning a panic into an error reply and a log line.
func (s *Server) recovered(ctx context.Context, req *jsonrpc2.Request, h jsonrpc2.Handler) (res any, err error) {
	method := "request"
	if req != nil {
		method = req.Method()
	}
	defer func() {
		if r := recover(); r != nil {
			s.logger.Printf("panic in %s: %v\n%s", method, r, debug.Stack())
			res, err = nil, jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("internal error in %s: %v", method, r))
		}
	}()
	return h(ctx, req)
}

// cancelID reads the id of a $/cancelRequest, numeric or string.
func cancelID(params []byte) (jsonrpc2.ID, bool) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(params, &p) != nil || len(p.ID) == 0 || string(p.ID) == "null" {
		return jsonrpc2.ID{}, false
	}
	var n int64
	if json.Unmarshal(p.ID, &n) == nil {
		return jsonrpc2.NewNumberID(n), true
	}
	var str string
	if json.Unmarshal(p.ID, &str) == nil {
		return jsonrpc2.NewStringID(str), true
	}
	return jsonrpc2.ID{}, false
}

// logf writes to the server log.
func (s *Server) logf(format string, args ...any) { s.logger.Printf(format, args...) }

// showLog sends window/logMessage (for what the user should know) and logs it.
// Before the initialize reply is on the wire the message is held, and sent
// once it is.
// showMessage logs msg and shows it to the user (window/showMessage), for
// what they must act on; like showLog, not before the initialize reply.
func (s *Server) showMessage(ctx context.Context, typ protocol.MessageType, msg string) {
	s.showLog(ctx, typ, msg)
	s.mu.Lock()
	replied := s.replied
	s.mu.Unlock()
	if replied && s.client != nil {
		_ = s.client.ShowMessage(ctx, &protocol.ShowMessageParams{Type: typ, Message: msg})
	}
}

func (s *Server) showLog(ctx context.Context, typ protocol.MessageType, msg string) {
	s.logger.Print(msg)
	p := protocol.LogMessageParams{Type: typ, Message: msg}
	s.mu.Lock()
	if !s.replied {
		s.held = append(s.held, p)
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	if s.client != nil {
		_ = s.client.LogMessage(ctx, &p)
	}
}
