package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"go.lsp.dev/jsonrpc2"
)

// maxMessageSize bounds one incoming message. A Content-Length above it is
// never trusted (nothing is allocated for it): the frame is answered with a
// parse error and reading resynchronises on the next header. 32 MiB holds
// the JSON of any document an editor syncs; documents themselves are
// analysed only up to the index's file size cap (see SECURITY.md).
const maxMessageSize = 32 << 20

// msgOverLimit is the parse error of a message over maxMessageSize; the
// server also tells the user (a refused didChange loses an edit).
var msgOverLimit = fmt.Sprintf("message over the %d-byte limit", maxMessageSize)

// maxHeaderLine bounds the bytes kept of one header line. A longer "line" is
// the rest of a body after a lying Content-Length; only its tail matters,
// where the next frame's Content-Length header sits.
const maxHeaderLine = 1024

// tolerantStream keeps the connection alive across malformed messages.
// jsonrpc2's own stream ends the connection on a frame that is not valid
// JSON-RPC or on a bad header, and once a Content-Length lies it cannot find
// the next frame again. An editor sending one bad message must not lose its
// server, so:
//   - a frame that is not valid JSON-RPC is answered with a JSON-RPC error
//     (id null, as the spec asks when the id cannot be read);
//   - a header block without a usable Content-Length (missing, not a
//     number, zero, over maxMessageSize) is answered with a parse error;
//   - bytes that are not a header (the rest of a body whose Content-Length
//     was too short) are skipped up to the next Content-Length header.
//
// A Content-Length that is too long swallows the start of the next message,
// which is then lost too; reading resumes at the header after it.
//
// Writes go through jsonrpc2's header stream.
type tolerantStream struct {
	jsonrpc2.Stream
	in    *frameReader
	onBad func(error)
}

func newTolerantStream(rwc io.ReadWriteCloser, onBad func(error)) tolerantStream {
	return tolerantStream{Stream: jsonrpc2.NewStream(rwc), in: &frameReader{r: bufio.NewReaderSize(rwc, 64<<10)}, onBad: onBad}
}

func (s tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		body, n, err := s.in.next(s.onBad)
		var msg jsonrpc2.Message
		if err == nil {
			msg, err = jsonrpc2.DecodeMessage(body)
			if err == nil && nullID(msg, body) {
				// JSON-RPC 2.0: a request with a null id is still a
				// request (a notification has no id), so it gets a
				// reply; LSP ids are integers or strings, so the reply
				// is an Invalid Request error, with the id null.
				err = jsonrpc2.NewError(jsonrpc2.InvalidRequest, "invalid request: the id is null (LSP request ids are integers or strings)")
			}
			if err == nil {
				return msg, n, nil
			}
		}
		var rpcErr *jsonrpc2.Error
		if !errors.As(err, &rpcErr) || (rpcErr.Code != jsonrpc2.ParseError && rpcErr.Code != jsonrpc2.InvalidRequest) {
			return nil, 0, err
		}
		if s.onBad != nil {
			s.onBad(err)
		}
		if _, werr := s.Stream.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, rpcErr)); werr != nil {
			return nil, 0, werr
		}
	}
}

// frameReader reads LSP base-protocol frames and resynchronises after
// malformed ones. Header names are case-insensitive, fields may come in any
// order, unknown fields are ignored, and lines may end in CRLF or LF.
type frameReader struct {
	r *bufio.Reader
}

// errBadHeader reports a header block the server cannot use.
func errBadHeader(format string, args ...any) error {
	return jsonrpc2.NewError(jsonrpc2.ParseError, "invalid message header: "+fmt.Sprintf(format, args...))
}

// next returns the body of the next frame. A bad header block is returned
// as a *jsonrpc2.Error (ParseError); I/O errors end the stream. Skipped
// junk is reported to onBad.
func (f *frameReader) next(onBad func(error)) ([]byte, int64, error) {
	length := -1     // the block's usable Content-Length, or -1
	var bad error    // why the block's Content-Length is unusable
	inBlock := false // a header field was seen since the last blank line
	var consumed int64
	for {
		line, n, long, err := f.line()
		consumed += n
		if err != nil {
			if err == io.EOF && consumed > 0 {
				err = io.ErrUnexpectedEOF
			}
			return nil, 0, err
		}
		if len(line) == 0 && !long { // a blank line ends a header block
			switch {
			case length > 0:
				body, err := f.body(length)
				if err != nil {
					return nil, 0, err
				}
				return body, consumed + int64(length), nil
			case bad != nil:
				return nil, 0, bad
			case inBlock:
				return nil, 0, errBadHeader("no Content-Length")
			}
			continue // blank lines between frames are harmless
		}
		if i := contentLengthAt(line); i >= 0 {
			if i > 0 || long {
				// The rest of an earlier body runs into this header: skip it.
				if onBad != nil {
					onBad(fmt.Errorf("skipped %d bytes that were not a message header", n-int64(len(line)-i)))
				}
				length, bad = -1, nil
			}
			inBlock = true
			length, bad = parseContentLength(line[i+len("content-length:"):])
			continue
		}
		if !long && isHeaderField(line) {
			inBlock = true
			continue
		}
		if inBlock {
			if bad == nil {
				bad = errBadHeader("%q is not a header field", truncate(line, 40))
			}
			length = -1
			continue
		}
		// Junk outside any header block: the rest of a body.
		if onBad != nil {
			onBad(fmt.Errorf("skipped %d bytes that were not a message header", n))
		}
	}
}

// line reads one line without its terminator. A line longer than
// maxHeaderLine is returned as its last maxHeaderLine bytes with long set; n
// counts every byte consumed.
func (f *frameReader) line() (line []byte, n int64, long bool, err error) {
	var tail []byte
	for {
		chunk, err := f.r.ReadSlice('\n')
		n += int64(len(chunk))
		if err == bufio.ErrBufferFull {
			long = true
			tail = keepTail(append(tail, lastBytes(chunk, maxHeaderLine)...))
			continue
		}
		if err != nil {
			if err == io.EOF && n == 0 {
				return nil, 0, false, io.EOF
			}
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, n, long, err
		}
		if long {
			chunk = keepTail(append(tail, lastBytes(chunk, maxHeaderLine)...))
		} else if len(chunk) > maxHeaderLine {
			long = true
			chunk = keepTail(chunk)
		}
		chunk = bytes.TrimSuffix(chunk, []byte("\n"))
		chunk = bytes.TrimSuffix(chunk, []byte("\r"))
		return chunk, n, long, nil
	}
}

func lastBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func keepTail(b []byte) []byte {
	if len(b) <= maxHeaderLine {
		return b
	}
	return append([]byte(nil), b[len(b)-maxHeaderLine:]...)
}

// body reads a body of n bytes (n ≤ maxMessageSize). A Content-Length that
// promises more than is sent must not allocate it up front: the first MiB
// is read into a small buffer, the full size allocated only once it has
// arrived. Each body gets its own buffer: decoded requests borrow it.
func (f *frameReader) body(n int) ([]byte, error) {
	const probe = 1 << 20
	buf := make([]byte, min(n, probe))
	if _, err := io.ReadFull(f.r, buf); err != nil {
		return nil, eofMidFrame(err)
	}
	if n > len(buf) {
		full := make([]byte, n)
		copy(full, buf)
		if _, err := io.ReadFull(f.r, full[len(buf):]); err != nil {
			return nil, eofMidFrame(err)
		}
		buf = full
	}
	return buf, nil
}

func eofMidFrame(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// contentLengthAt returns where a "Content-Length:" header starts in line
// (case-insensitively), or -1. The header may follow junk on the same line
// (the rest of a body whose Content-Length was too short); then it must be
// the last thing on the line, digits only, as a frame header is.
func contentLengthAt(line []byte) int {
	const name = "content-length:"
	lower := asciiLower(line) // not bytes.ToLower: it re-encodes invalid UTF-8, moving offsets
	if bytes.HasPrefix(lower, []byte(name)) {
		return 0
	}
	i := bytes.LastIndex(lower, []byte(name))
	if i < 0 {
		return -1
	}
	v := bytes.TrimSpace(line[i+len(name):])
	if len(v) == 0 {
		return -1
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return -1
		}
	}
	return i
}

// asciiLower lowercases ASCII letters only, keeping every offset.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// parseContentLength parses a Content-Length value.
func parseContentLength(v []byte) (int, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return -1, errBadHeader("empty Content-Length")
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return -1, errBadHeader("Content-Length %q is not a number", truncate(v, 20))
		}
		if n > maxMessageSize {
			break
		}
		n = n*10 + int(c-'0')
	}
	switch {
	case n == 0:
		return -1, errBadHeader("Content-Length 0")
	case n > maxMessageSize:
		return -1, errBadHeader("%s", msgOverLimit)
	}
	return n, nil
}

// isHeaderField reports whether line looks like "Name: value", with a
// token name (letters, digits, '-', '_', '.').
func isHeaderField(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	for _, c := range line[:i] {
		if !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// nullID reports whether msg, decoded from body as a notification, is in
// fact a request whose id is null (jsonrpc2 reads a null id as none).
func nullID(msg jsonrpc2.Message, body []byte) bool {
	if _, ok := msg.(*jsonrpc2.Notification); !ok || !bytes.Contains(body, []byte(`"id"`)) {
		return false
	}
	// A map, not a struct with a pointer: a JSON null sets a pointer to
	// nil, which an absent id does too.
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	id, ok := m["id"]
	return ok && bytes.Equal(bytes.TrimSpace(id), []byte("null"))
}
