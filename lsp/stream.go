package lsp

import (
	"context"
	"errors"

	"go.lsp.dev/jsonrpc2"
)

// tolerantStream keeps the connection alive across a malformed message.
// jsonrpc2's own stream ends the connection on a frame that is not valid
// JSON-RPC; an editor sending one bad message must not lose its server, so
// the bad frame is answered with a JSON-RPC error (id null, as the spec asks
// when the id cannot be read) and reading goes on with the next frame.
type tolerantStream struct {
	jsonrpc2.Stream
	onBad func(error)
}

func (s tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		msg, n, err := s.Stream.Read(ctx)
		if err == nil {
			return msg, n, nil
		}
		if !errors.Is(err, jsonrpc2.ErrParse) && !errors.Is(err, jsonrpc2.ErrInvalidRequest) {
			return nil, 0, err
		}
		if s.onBad != nil {
			s.onBad(err)
		}
		if _, werr := s.Stream.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, err)); werr != nil {
			return nil, 0, werr
		}
	}
}
