package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// settleGoroutines waits until the goroutine count is at most want (work
// already finished may take a moment to unwind), and returns the count.
func settleGoroutines(want int, wait time.Duration) int {
	deadline := time.Now().Add(wait)
	n := runtime.NumGoroutine()
	for n > want && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		runtime.GC()
		n = runtime.NumGoroutine()
	}
	return n
}

func goroutineDump() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// TestNoGoroutineLeak sends 10,000 requests (every feature, concurrently,
// with edits in between and some cancelled) through one session and checks
// that the goroutine count comes back: during the session to where it was
// after warm-up, and after exit to where it was before the server started.
func TestNoGoroutineLeak(t *testing.T) {
	const total = 10000
	root := writeTree(t, fuzzFiles)
	// Warm up once-only goroutines (esbuild's, the catalog's) in a first
	// session, so the baseline includes them.
	session := func(t *testing.T, batches, requests int, afterBatch func(batch int)) {
		c, _, log := startFuzzServer(t)
		c.initialize(root, nil)
		ctx := context.Background()
		events := filepath.Join(root, "src/backend/events.js")
		builder := filepath.Join(root, "app/src/extensions/backend/events/x/x.extension.ts")
		ue := c.open(events, fuzzFiles["src/backend/events.js"])
		ub := c.open(builder, fuzzFiles["app/src/extensions/backend/events/x/x.extension.ts"])
		tdp := func(u protocol.TextDocumentIdentifier, l, ch uint32) protocol.TextDocumentPositionParams {
			return protocol.TextDocumentPositionParams{TextDocument: u, Position: protocol.Position{Line: l, Character: ch}}
		}
		docs := []protocol.TextDocumentIdentifier{{URI: ue}, {URI: ub}}
		one := func(i int) error {
			d := docs[i%2]
			switch i % 8 {
			case 0:
				_, err := c.server.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: tdp(d, 0, uint32(i%30))})
				return err
			case 1:
				_, err := c.server.Hover(ctx, &protocol.HoverParams{TextDocumentPositionParams: tdp(d, uint32(i%4), 20)})
				return err
			case 2:
				_, err := c.server.DocumentSymbol(ctx, &protocol.DocumentSymbolParams{TextDocument: d})
				return err
			case 3:
				_, err := c.server.CodeAction(ctx, &protocol.CodeActionParams{TextDocument: d, Range: protocol.Range{End: protocol.Position{Line: 9}}})
				return err
			case 4:
				_, err := c.server.Definition(ctx, &protocol.DefinitionParams{TextDocumentPositionParams: tdp(d, 3, 14)})
				return err
			case 5:
				_, err := c.server.References(ctx, &protocol.ReferenceParams{TextDocumentPositionParams: tdp(d, 3, 14)})
				return err
			case 6:
				_, err := c.server.Symbols(ctx, &protocol.WorkspaceSymbolParams{Query: "wix"})
				return err
			default:
				// A request the client gives up on while it is in flight:
				// $/cancelRequest goes out, the server answers -32800 or the
				// result, which the client drops.
				cctx, cancel := context.WithTimeout(ctx, time.Duration(i%5)*40*time.Microsecond)
				defer cancel()
				_, err := c.server.DocumentLink(cctx, &protocol.DocumentLinkParams{TextDocument: d})
				if err != nil && cctx.Err() == nil {
					return err
				}
				return nil
			}
		}
		batch := func() {
			var wg sync.WaitGroup
			errs := make(chan error, 8)
			const workers = 8
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for i := w; i < requests; i += workers {
						if w == 0 && i%50 == 0 {
							// Edits in between: each re-diagnoses and re-arms the
							// debounced syntax check.
							_ = c.server.DidChange(ctx, &protocol.DidChangeTextDocumentParams{
								TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: docs[0], Version: int32(i + 2)},
								ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{
									Text: fuzzFiles["src/backend/events.js"] + fmt.Sprintf("// %d\n", i)}},
							})
						}
						if err := one(i); err != nil {
							select {
							case errs <- fmt.Errorf("request %d: %w", i, err):
							default:
							}
							return
						}
					}
				}(w)
			}
			wg.Wait()
			close(errs)
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		for b := 0; b < batches; b++ {
			batch()
			if afterBatch != nil {
				afterBatch(b)
			}
		}
		if err := c.server.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		_ = c.server.Exit(ctx)
		select {
		case <-c.code:
		case <-time.After(10 * time.Second):
			t.Fatal("server did not exit")
		}
		c.conn.Close()
		log.pmu.Lock()
		defer log.pmu.Unlock()
		if len(log.panics) > 0 {
			t.Fatalf("panics: %s", strings.Join(log.panics, "\n"))
		}
	}
	t.Run("warm-up", func(t *testing.T) { session(t, 1, 200, nil) })
	before := settleGoroutines(0, time.Second)
	var during [2]int
	t.Run("10000 requests", func(t *testing.T) {
		session(t, 2, total/2, func(b int) {
			// The server's own goroutines (read loop, diagnostics and
			// syntax workers) stay; per-request ones must be gone.
			if b == 0 {
				during[0] = settleGoroutines(0, 500*time.Millisecond)
				return
			}
			during[1] = settleGoroutines(during[0], 10*time.Second)
			if during[1] > during[0] {
				t.Errorf("goroutines grew while serving: %d after %d requests, %d after %d\n%s", during[0], total/2, during[1], total, goroutineDump())
			}
		})
	})
	after := settleGoroutines(before, 10*time.Second)
	t.Logf("goroutines: %d before the server; %d after %d requests and %d after %d (server running); %d after exit",
		before, during[0], total/2, during[1], total, after)
	if after > before {
		t.Errorf("goroutine leak: %d before, %d after %d requests and exit\n%s", before, after, total, goroutineDump())
	}
}
