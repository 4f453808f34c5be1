package lsp

import (
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// Handler items are most of what completion sends (a blank line's 100
// snippets are 31-41 KB of JSON), and nothing in an item depends on the
// request but its rank and its edit range, which is the same for every item
// of a reply. So each item's JSON is encoded once per server, catalog,
// handler and form, and a reply is those encodings joined into one buffer of
// the reply's size: with the range in the list's itemDefaults for a client
// that takes them (VS Code), or the range's JSON, encoded once per reply,
// written into each item's textEdit for one that does not (Neovim 0.7, Vim,
// Emacs). Building and encoding the 100 snippets on every request took
// ~110 µs and made ~160 KB of garbage (the encoder's buffer doubling up to
// 64 KB); on a 2-core machine near the memory target that garbage is what
// brings the next collection closer to the next keystroke.

// itemKey names one cached item encoding. The server's client capabilities
// are fixed at initialize, so they need no place in it; a configuration
// change makes a new catalog, hence new keys (the old ones stay: a few
// hundred bytes per handler ever offered).
type itemKey struct {
	cat  *catalog.Catalog
	h    *catalog.Handler
	form handlerForm
}

// itemJSON is one handler item's cached encoding.
type itemJSON struct {
	// fields is the item's JSON without its closing brace and without
	// sortText and textEdit, which follow.
	fields []byte
	// newText is the edit's new text as a JSON string, for a client
	// without itemDefaults (nil for one with them: the text is in fields).
	newText []byte
}

// encodeHandlers returns the JSON of a handler list as completionList would
// build it, or nil when the answer holds other items (or a single handler
// for a client with itemDefaults: completionList sends its range in the
// item, as it is alone).
func (s *Server) encodeHandlers(ans completionAnswer) jsonrpc2.RawMessage {
	hl := ans.handlers
	defaults := s.caps.defaultEditRange
	if hl == nil || len(hl.hs) == 0 || defaults && len(hl.hs) < 2 {
		return nil
	}
	var shared []byte // itemDefaults, or each item's textEdit range
	var err error
	if defaults {
		shared, err = protocol.Marshal(s.itemDefaults(hl.replace, s.handlerFormat(hl.form)))
	} else {
		shared, err = protocol.Marshal(&hl.replace)
	}
	if err != nil {
		return nil
	}
	const perItem = len(`,"sortText":"0000","textEdit":{"range":,"newText":}},`)
	items := make([]*itemJSON, len(hl.hs))
	n := len(`{"isIncomplete":false,"itemDefaults":,"items":[]}`) + len(shared)
	for i, h := range hl.hs {
		if items[i] = s.cachedItemJSON(hl.cat, h, hl.form); items[i] == nil {
			return nil
		}
		n += len(items[i].fields) + perItem
		if !defaults {
			n += len(shared) + len(items[i].newText)
		}
	}
	b := make([]byte, 0, n)
	b = append(b, `{"isIncomplete":`...)
	b = strconv.AppendBool(b, ans.incomplete)
	if defaults {
		b = append(b, `,"itemDefaults":`...)
		b = append(b, shared...)
	}
	b = append(b, `,"items":[`...)
	for rank, it := range items {
		if rank > 0 {
			b = append(b, ',')
		}
		b = append(b, it.fields...)
		b = append(b, `,"sortText":"`...)
		b = append(b, sortText(rank)...) // digits: nothing to escape
		b = append(b, '"')
		if !defaults {
			b = append(b, `,"textEdit":{"range":`...)
			b = append(b, shared...)
			b = append(b, `,"newText":`...)
			b = append(b, it.newText...)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	b = append(b, "]}"...)
	return b
}

// cachedItemJSON returns a handler item's encoding (for a client with
// itemDefaults, as useItemDefaults leaves the item), or nil when it cannot
// be encoded.
func (s *Server) cachedItemJSON(cat *catalog.Catalog, h *catalog.Handler, form handlerForm) *itemJSON {
	k := itemKey{cat, h, form}
	if v, ok := s.itemJSON.Load(k); ok {
		return v.(*itemJSON)
	}
	it := s.handlerItem(cat, h, form)
	enc := &itemJSON{}
	if s.caps.defaultEditRange {
		s.defaultItem(&it)
	} else {
		text, err := protocol.Marshal(protocol.String(it.TextEdit.(*protocol.TextEdit).NewText))
		if err != nil {
			return nil
		}
		enc.newText = text
		it.TextEdit = nil
	}
	b, err := protocol.Marshal(&it)
	if err != nil || len(b) < 2 || b[len(b)-1] != '}' {
		return nil
	}
	enc.fields = b[: len(b)-1 : len(b)-1]
	s.itemJSON.Store(k, enc)
	return enc
}
