package lsp

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func errCode(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestLifecycle(t *testing.T) {
	c := startServer(t)
	ctx := context.Background()

	// Before initialize: requests get -32002, notifications are dropped.
	_, err := c.server.Hover(ctx, &protocol.HoverParams{})
	if got := errCode(err); got != jsonrpc2.Code(protocol.ErrorCodesServerNotInitialized) {
		t.Fatalf("hover before initialize: code %d (%v), want -32002", got, err)
	}
	res := c.initialize(t.TempDir(), nil)
	if res.Capabilities.PositionEncoding != protocol.PositionEncodingKindUTF16 {
		t.Errorf("position encoding = %q, want utf-16", res.Capabilities.PositionEncoding)
	}
	if v, ok := res.ServerInfo.Version.Get(); !ok || v == "" || res.ServerInfo.Name != "wix-events-ls" {
		t.Errorf("serverInfo = %+v", res.ServerInfo)
	}
	// A second initialize is an invalid request.
	if _, err := c.server.Initialize(ctx, &protocol.InitializeParams{}); errCode(err) != jsonrpc2.InvalidRequest {
		t.Errorf("second initialize: %v, want InvalidRequest", err)
	}
	// Unknown methods get MethodNotFound.
	var out any
	if _, err := c.conn.Call(ctx, "wixEvents/noSuchMethod", nil, &out); errCode(err) != jsonrpc2.MethodNotFound {
		t.Errorf("unknown method: %v, want MethodNotFound", err)
	}
	if err := c.server.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	// After shutdown: requests are invalid.
	if _, err := c.server.Hover(ctx, &protocol.HoverParams{}); errCode(err) != jsonrpc2.InvalidRequest {
		t.Errorf("hover after shutdown: %v, want InvalidRequest", err)
	}
	_ = c.server.Exit(ctx)
	select {
	case code := <-c.code:
		if code != 0 {
			t.Errorf("exit code after shutdown = %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not exit")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t)
	c.initialize(t.TempDir(), nil)
	_ = c.server.Exit(context.Background())
	select {
	case code := <-c.code:
		if code != 1 {
			t.Errorf("exit code without shutdown = %d, want 1", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not exit")
	}
}

func TestUTF8Negotiation(t *testing.T) {
	c := startServer(t)
	res := c.initialize(t.TempDir(), func(p *protocol.InitializeParams) {
		p.Capabilities.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{"utf-8", "utf-16"}}
	})
	if res.Capabilities.PositionEncoding != protocol.PositionEncodingKindUTF8 {
		t.Fatalf("position encoding = %q, want utf-8", res.Capabilities.PositionEncoding)
	}
}

func TestCancelID(t *testing.T) {
	tests := []struct {
		params string
		want   jsonrpc2.ID
		ok     bool
	}{
		{`{"id": 7}`, jsonrpc2.NewNumberID(7), true},
		{`{"id": "abc"}`, jsonrpc2.NewStringID("abc"), true},
		{`{"id": null}`, jsonrpc2.ID{}, false},
		{`{}`, jsonrpc2.ID{}, false},
		{`garbage`, jsonrpc2.ID{}, false},
	}
	for _, tt := range tests {
		got, ok := cancelID([]byte(tt.params))
		if ok != tt.ok || got != tt.want {
			t.Errorf("cancelID(%s) = %v, %v; want %v, %v", tt.params, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPanicBecomesErrorReply(t *testing.T) {
	s := NewServer(newTestLog(t))
	_, err := s.recovered(context.Background(), nil, func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		var m map[string]int
		m["boom"] = 1 // nil map write panics
		return nil, nil
	})
	if errCode(err) != jsonrpc2.InternalError {
		t.Fatalf("panic: got %v, want an InternalError reply", err)
	}
}
