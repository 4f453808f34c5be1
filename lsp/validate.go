package lsp

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Malformed positions are refused, not absorbed.
//
// go.lsp.dev/protocol decodes a didChange content change as the partial
// form (with a range) or, failing that, as the whole-document form: a range
// whose character is negative, fractional, a string, null or past 2³¹ fails
// the first and passes the second, so the server took the change's text
// for the whole document and every later answer was about a one-line file.
// Other requests decode such a position as zero, or fail somewhere deep.
// So every message's params are checked before they are decoded: each
// Position (an object with line and character: a request's position, a
// range's start and end) must hold two integers in LSP's uinteger range.
// A request that fails is answered with InvalidParams; a notification is
// dropped with a logged error (for didChange: the document stays as it
// was, and the client's next full sync repairs it).

// maxUinteger is LSP's uinteger maximum (2³¹-1).
const maxUinteger = 1<<31 - 1

// errBadPosition wraps every refusal.
var errBadPosition = errors.New("invalid position")

// positionsOf checks the positions of the methods that carry a document's
// positions: textDocument/*, and the resolve requests whose items hold
// ranges. Other params (initialize's capabilities, settings, command
// arguments) use "range" and "line" for other things.
func positionsOf(method string, params []byte) error {
	if strings.HasPrefix(method, "textDocument/") || method == "completionItem/resolve" || method == "codeLens/resolve" || method == "codeAction/resolve" {
		return checkPositions(params)
	}
	return nil
}

// checkPositions reports the first invalid Position in params (JSON). It
// reads the params as a stream of tokens, without building them and without
// recursing (their nesting is the client's to choose).
func checkPositions(params []byte) error {
	if len(params) == 0 || !bytes.Contains(params, []byte(`"line"`)) && !bytes.Contains(params, []byte(`"character"`)) &&
		!bytes.Contains(params, []byte(`"range"`)) && !bytes.Contains(params, []byte(`"position"`)) {
		return nil // nothing that could be a position: the common case costs a scan
	}
	type frame struct {
		object  bool
		key     string // the member being read (objects)
		under   string // the key this container is the value of
		posLike bool   // must be a Position
		line    bool
		char    bool
	}
	dec := jsontext.NewDecoder(bytes.NewReader(params))
	var stack []frame
	var path []string // the keys down to the current container, for messages
	expectKey := false
	inObject := func() bool { return len(stack) > 0 && stack[len(stack)-1].object }
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil // the end, or malformed JSON: the decoder's to report
		}
		kind := tok.Kind()
		if expectKey {
			if kind == '}' {
				f := stack[len(stack)-1]
				stack, path = stack[:len(stack)-1], path[:len(path)-1]
				if f.posLike && !(f.line && f.char) || f.line != f.char {
					return fmt.Errorf("%w: %s needs a line and a character", errBadPosition, where(path, f.under))
				}
				expectKey = inObject()
				continue
			}
			stack[len(stack)-1].key = tok.String()
			expectKey = false
			continue
		}
		if kind == ']' {
			stack, path = stack[:len(stack)-1], path[:len(path)-1]
			expectKey = inObject()
			continue
		}
		// A value: of the current object's key, or an array's element.
		key, parentKey := "", ""
		if n := len(stack); n > 0 {
			if stack[n-1].object {
				key = stack[n-1].key
			}
			parentKey = stack[n-1].under
		}
		mustPos := key == "position" || (key == "start" || key == "end") && parentKey == "range"
		if (key == "range" || mustPos) && kind != '{' {
			return fmt.Errorf("%w: %s is %s, not an object", errBadPosition, where(path, key), tok.String())
		}
		if key == "line" || key == "character" {
			if kind != '0' || !uinteger(tok.String()) {
				return fmt.Errorf("%w: %s is %s, not an integer from 0 to %d", errBadPosition, where(path, key), tok.String(), maxUinteger)
			}
			if key == "line" {
				stack[len(stack)-1].line = true
			} else {
				stack[len(stack)-1].char = true
			}
		}
		switch kind {
		case '{':
			stack, path = append(stack, frame{object: true, under: key, posLike: mustPos}), append(path, key)
			expectKey = true
		case '[':
			stack, path = append(stack, frame{under: key}), append(path, key)
			expectKey = false
		default:
			expectKey = inObject()
		}
	}
}

// uinteger reports whether a JSON number's text is an integer in
// [0, maxUinteger] (no sign, fraction or exponent).
func uinteger(s string) bool {
	if s == "" || len(s) > 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n <= maxUinteger
}

func where(path []string, key string) string {
	out := ""
	for _, k := range path {
		if k != "" {
			out += k + "."
		}
	}
	return out + key
}
