package lsp

import (
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// Handler items are most of what completion sends (a blank line's 100
// snippets are 36 KB of JSON), and once the list's itemDefaults carry the
// edit range nothing in an item depends on the request but its rank. So
// each item is encoded once per server, catalog, handler and form, and a
// reply is those encodings joined into one buffer of the reply's size.
// Building and encoding the 100 snippets on every request took ~110 µs and
// made ~160 KB of garbage (the encoder's buffer doubling up to 64 KB); on
// a 2-core machine near the memory target that garbage is what brings the
// next collection closer to the next keystroke.

// itemKey names one cached item encoding. The server's client capabilities
// are fixed at initialize, so they need no place in it; a configuration
// change makes a new catalog, hence new keys (the old ones stay: a few
// hundred bytes per handler ever offered).
type itemKey struct {
	cat     *catalog.Catalog
	h       *catalog.Handler
	snippet bool
}

// encodeHandlers returns the JSON of a handler list as completionList would
// build it, or nil when the answer holds other items or the client does not
// take itemDefaults (the items then carry their ranges: encoded as usual).
func (s *Server) encodeHandlers(ans completionAnswer) jsonrpc2.RawMessage {
	hl := ans.handlers
	if hl == nil || !s.caps.defaultEditRange || len(hl.hs) < 2 {
		return nil
	}
	var format protocol.InsertTextFormat
	if hl.snippet && s.caps.snippets {
		format = protocol.InsertTextFormatSnippet
	}
	defaults, err := protocol.Marshal(s.itemDefaults(hl.replace, format))
	if err != nil {
		return nil
	}
	const perItem = len(`,"sortText":"0000"},`)
	items := make([][]byte, len(hl.hs))
	n := len(`{"isIncomplete":false,"itemDefaults":,"items":[]}`) + len(defaults)
	for i, h := range hl.hs {
		if items[i] = s.cachedItemJSON(hl.cat, h, hl.snippet); items[i] == nil {
			return nil
		}
		n += len(items[i]) + perItem
	}
	b := make([]byte, 0, n)
	b = append(b, `{"isIncomplete":`...)
	b = strconv.AppendBool(b, ans.incomplete)
	b = append(b, `,"itemDefaults":`...)
	b = append(b, defaults...)
	b = append(b, `,"items":[`...)
	for rank, it := range items {
		if rank > 0 {
			b = append(b, ',')
		}
		b = append(b, it...)
		b = append(b, `,"sortText":"`...)
		b = append(b, sortText(rank)...) // digits: nothing to escape
		b = append(b, `"}`...)
	}
	b = append(b, "]}"...)
	return b
}

// cachedItemJSON returns a handler item's encoding, as useItemDefaults
// leaves it, without its closing brace (its sortText follows), or nil when
// it cannot be encoded.
func (s *Server) cachedItemJSON(cat *catalog.Catalog, h *catalog.Handler, snippet bool) []byte {
	k := itemKey{cat, h, snippet}
	if v, ok := s.itemJSON.Load(k); ok {
		return v.([]byte)
	}
	it := s.handlerItem(cat, h, snippet)
	s.defaultItem(&it)
	b, err := protocol.Marshal(&it)
	if err != nil || len(b) < 2 || b[len(b)-1] != '}' {
		return nil
	}
	b = b[: len(b)-1 : len(b)-1]
	s.itemJSON.Store(k, b)
	return b
}
