package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// maxCompletions bounds one reply; the list is marked incomplete beyond it
// so the client asks again as the user types more.
const maxCompletions = 100

// completionAnswer is what completion found at a position: catalog handlers
// (names or snippets; encoded straight from cached JSON, see
// completion_encode.go) or other items.
type completionAnswer struct {
	items      []protocol.CompletionItem
	handlers   *handlerList
	incomplete bool
}

// handlerList is an answer made only of catalog handlers, ranked.
type handlerList struct {
	cat     *catalog.Catalog
	hs      []*catalog.Handler
	replace protocol.Range
	form    handlerForm
}

// handlerForm is what accepting a handler item inserts.
type handlerForm uint8

const (
	// formName inserts the bare name: after `export function ` with more
	// text on the line, or for a client without snippets.
	formName handlerForm = iota
	// formFunction completes `export [async] function ` on an otherwise
	// empty line with the signature and body: `name(event) {\n\t$0\n}`.
	formFunction
	// formConst completes `export const ` on an otherwise empty line:
	// `name = async (event) => {\n\t$0\n};`.
	formConst
	// formSnippet is a whole export with its JSDoc, on an empty top-level line.
	formSnippet
)

// Completion offers handler names in events.js (after `export function`,
// `export const`, or as snippets on an empty top-level line), payload fields
// after `event.` inside a handler, and the Wix CLI completions. On the wire
// completion is answered by completionReply, which sends the same list.
func (s *Server) Completion(ctx context.Context, params *protocol.CompletionParams) (protocol.CompletionResult, error) {
	return s.completionList(s.complete(params)), nil
}

// completionReply is textDocument/completion's answer on the wire: a
// handler list as JSON joined from cached item encodings, anything else as
// the list to encode.
func (s *Server) completionReply(params *protocol.CompletionParams) any {
	ans := s.complete(params)
	if b := s.encodeHandlers(ans); b != nil {
		return b
	}
	return s.completionList(ans)
}

func (s *Server) complete(params *protocol.CompletionParams) completionAnswer {
	f := s.file(params.TextDocument.URI)
	if f == nil {
		return completionAnswer{}
	}
	off := s.offset(f, params.Position)
	// Completion reads tokens, which only open buffers keep; a client
	// asking about a file it has not opened gets the same answers.
	f = f.WithFullScan()
	switch {
	case f.Kind == index.KindVeloEvents:
		return s.completeVelo(f, off)
	case f.Kind.CLI():
		items, incomplete := completeCLI(s, f, off)
		return completionAnswer{items: items, incomplete: incomplete}
	}
	return completionAnswer{}
}

// completionList builds the protocol value of an answer.
func (s *Server) completionList(ans completionAnswer) *protocol.CompletionList {
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}, IsIncomplete: ans.incomplete}
	items := ans.items
	if ans.handlers != nil {
		items = s.handlerItems(ans.handlers)
	}
	if items != nil {
		list.Items = items
	}
	s.useItemDefaults(list)
	return list
}

// useItemDefaults moves what every item shares, the edit range and the
// insert text format, into the list's itemDefaults when the client takes
// them (LSP 3.17; VS Code does). Each item then carries only its new text,
// and not even that when it is the label: a blank line's 100 handler
// snippets shrink by a fifth, a list of names by half.
func (s *Server) useItemDefaults(list *protocol.CompletionList) {
	if !s.caps.defaultEditRange || len(list.Items) < 2 {
		return
	}
	var rng protocol.Range
	var format protocol.InsertTextFormat
	for i := range list.Items {
		it := &list.Items[i]
		te, ok := it.TextEdit.(*protocol.TextEdit)
		if !ok || !it.TextEditText.IsZero() || !it.InsertText.IsZero() {
			return
		}
		if i == 0 {
			rng, format = te.Range, it.InsertTextFormat
		} else if te.Range != rng || it.InsertTextFormat != format {
			return
		}
	}
	list.ItemDefaults = s.itemDefaults(rng, format)
	for i := range list.Items {
		s.defaultItem(&list.Items[i])
	}
}

// itemDefaults holds an edit range and insert text format shared by every
// item (the format only when the client takes it as a default).
func (s *Server) itemDefaults(rng protocol.Range, format protocol.InsertTextFormat) *protocol.CompletionItemDefaults {
	d := &protocol.CompletionItemDefaults{EditRange: &rng}
	if s.caps.defaultTextFormat {
		d.InsertTextFormat = format
	}
	return d
}

// defaultItem rewrites an item whose edit range (and format) the list's
// itemDefaults carry: it keeps only its new text, and not even that when
// it is the label.
func (s *Server) defaultItem(it *protocol.CompletionItem) {
	if text := it.TextEdit.(*protocol.TextEdit).NewText; text != it.Label {
		it.TextEditText = protocol.NewOptional(text)
	}
	it.TextEdit = nil
	if s.caps.defaultTextFormat {
		it.InsertTextFormat = 0
	}
}

// wordBefore returns the start of the identifier ending at off.
func wordBefore(text string, off int) int {
	i := off
	for i > 0 && isIdentByte(text[i-1]) {
		i--
	}
	return i
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// depthAt returns the bracket depth at offset off.
func depthAt(sf *scan.File, text string, off int) int32 {
	i := sf.TokenBefore(off)
	if i < 0 {
		return 0
	}
	t := sf.Tokens[i]
	d := t.Depth
	if t.Kind == scan.Punct && t.Span.Len() == 1 && strings.ContainsRune("{([", rune(text[t.Span.Start])) || t.Kind == scan.TemplateHead || t.Kind == scan.TemplateMiddle {
		d++
	}
	return d
}

// tokText returns the text of token i, or "" when out of range.
func tokText(sf *scan.File, text string, i int) string {
	if i < 0 || i >= len(sf.Tokens) {
		return ""
	}
	sp := sf.Tokens[i].Span
	return text[sp.Start:sp.End]
}

func (s *Server) completeVelo(f *index.File, off int) completionAnswer {
	sf := f.Scan
	if sf.InComment(off) || sf.InString(off) {
		return completionAnswer{}
	}
	text := f.Text()
	start := wordBefore(text, off)
	word := text[start:off]
	cat := s.an.Catalog(f.Path)
	replace := s.rng(f, scan.Span{Start: int32(start), End: int32(off)})
	i := sf.TokenBefore(start)
	prev := tokText(sf, text, i)

	// `event.`, `event.entity?.info.`, `order.` inside a handler: the
	// payload's fields at that depth (payload.go); the one-level list for
	// handlers without a schema.
	if prev == "." || prev == "?." {
		if items, ok := s.completePayload(f, cat, i, replace); ok {
			return completionAnswer{items: items}
		}
		if prev == "." {
			return completionAnswer{items: s.completeEventFields(f, cat, i, off, replace)}
		}
		return completionAnswer{}
	}
	if depthAt(sf, text, start) != 0 {
		return completionAnswer{}
	}
	// After `export function ` / `export const `: the name, and with it the
	// signature when nothing follows on the line and the client takes
	// snippets (accepting a bare name would leave a syntax error to fix).
	restEmpty := strings.TrimSpace(lineRest(text, off)) == ""
	switch prev {
	case "function":
		p1 := tokText(sf, text, i-1)
		if p1 == "export" || p1 == "async" && tokText(sf, text, i-2) == "export" {
			return s.handlerAnswer(cat, word, replace, s.signatureForm(formFunction, restEmpty))
		}
	case "const", "let", "var":
		if tokText(sf, text, i-1) == "export" {
			return s.handlerAnswer(cat, word, replace, s.signatureForm(formConst, restEmpty))
		}
	}
	// An empty top-level line (only the word typed so far): snippets.
	lineStart := strings.LastIndexAny(text[:start], "\r\n") + 1
	if strings.TrimSpace(text[lineStart:start]) == "" && (i < 0 || int(sf.Tokens[i].Span.End) <= lineStart) {
		return s.handlerAnswer(cat, word, replace, formSnippet)
	}
	return completionAnswer{}
}

// signatureForm is form when the rest of the line is empty and the client
// takes snippets, else the bare name.
func (s *Server) signatureForm(form handlerForm, restEmpty bool) handlerForm {
	if restEmpty && s.caps.snippets {
		return form
	}
	return formName
}

// lineRest is the text from off to the end of its line.
func lineRest(text string, off int) string {
	rest := text[off:]
	if i := strings.IndexAny(rest, "\r\n"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// removedSlack is how many more names completion asks the catalog for than
// it sends, for the removed ones it drops (the catalog has ~20).
const removedSlack = 32

// handlerAnswer ranks the handler names matching word, to insert in form.
// Names Wix no longer calls (past their removal date) are never offered.
func (s *Server) handlerAnswer(cat *catalog.Catalog, word string, replace protocol.Range, form handlerForm) completionAnswer {
	all := cat.Complete(word, maxCompletions+1+removedSlack)
	hs := all[:0:0]
	for _, h := range all {
		if !(h.Deprecated && s.an.Removed(cat, h.Name)) {
			hs = append(hs, h)
		}
	}
	incomplete := len(hs) > maxCompletions
	if incomplete {
		hs = hs[:maxCompletions]
	}
	return completionAnswer{handlers: &handlerList{cat: cat, hs: hs, replace: replace, form: form}, incomplete: incomplete}
}

// handlerItems builds a handler list's items.
func (s *Server) handlerItems(hl *handlerList) []protocol.CompletionItem {
	items := make([]protocol.CompletionItem, 0, len(hl.hs))
	for rank, h := range hl.hs {
		it := s.handlerItem(hl.cat, h, hl.form)
		it.SortText = protocol.NewOptional(sortText(rank))
		it.TextEdit.(*protocol.TextEdit).Range = hl.replace // handlerItem's own edit
		items = append(items, it)
	}
	return items
}

// handlerItem is a handler's item without its rank (sortText) or edit
// range, which depend on the request: what completion_encode.go caches, so
// it is built once per server, handler and form on the wire path. Its
// TextEdit carries the new text with a zero range.
func (s *Server) handlerItem(cat *catalog.Catalog, h *catalog.Handler, form handlerForm) protocol.CompletionItem {
	it := protocol.CompletionItem{
		Label:  h.Name,
		Kind:   protocol.CompletionItemKindFunction,
		Detail: protocol.NewOptional(handlerDetail(cat, h)),
	}
	if h.Deprecated {
		it.Tags = deprecatedTag
	}
	if !s.caps.resolveDocs {
		it.Documentation = s.markup(handlerDoc(cat.Lookup(h.Name)))
	}
	// A client that resolves documentation gets it for the item it shows:
	// the docs are most of a reply's bytes (100 items ≈ 90 KB).
	// CompletionResolve finds the handler by the item's label.
	newText := h.Name
	switch form {
	case formFunction:
		newText += "(event) {\n\t$0\n}"
	case formConst:
		newText += " = async (event) => {\n\t$0\n};"
	case formSnippet:
		it.Kind = protocol.CompletionItemKindSnippet
		ev := "(event)"
		it.LabelDetails = &protocol.CompletionItemLabelDetails{Detail: &ev}
		newText = handlerSnippet(h, s.caps.snippets)
	}
	it.InsertTextFormat = s.handlerFormat(form)
	it.TextEdit = &protocol.TextEdit{NewText: newText}
	return it
}

// handlerFormat is the insert text format of a handler item: a snippet
// when it is one and the client takes snippets (formFunction and formConst
// are chosen only for such clients, signatureForm).
func (s *Server) handlerFormat(form handlerForm) protocol.InsertTextFormat {
	if form != formName && s.caps.snippets {
		return protocol.InsertTextFormatSnippet
	}
	return 0
}

// handlerDetail is a handler item's detail line: its modules (the catalog
// decides, since a name can belong to several).
func handlerDetail(cat *catalog.Catalog, h *catalog.Handler) string {
	all := cat.Lookup(h.Name)
	detail := h.Module
	if len(all) > 1 {
		detail = moduleList(all)
	}
	if h.Deprecated {
		detail += " (deprecated)"
	}
	return detail
}

// sortTexts are the ranks' sort keys ("0000", "0001", …), shared by
// every reply.
var sortTexts = func() []string {
	t := make([]string, maxCompletions+1)
	for i := range t {
		t[i] = fmt.Sprintf("%04d", i)
	}
	return t
}()

func sortText(rank int) string {
	if rank < len(sortTexts) {
		return sortTexts[rank]
	}
	return fmt.Sprintf("%04d", rank)
}

// deprecatedTag is shared by every deprecated item (the encoder only reads it).
var deprecatedTag = []protocol.CompletionItemTag{protocol.CompletionItemTagDeprecated}

func moduleList(hs []*catalog.Handler) string {
	var mods []string
	seen := map[string]bool{}
	for _, h := range hs {
		if !seen[h.Module] {
			seen[h.Module] = true
			mods = append(mods, h.Module)
		}
	}
	return strings.Join(mods, ", ")
}

// handlerSnippet is a whole handler: a JSDoc naming the payload type, the
// export with its event parameter, and the cursor in the body.
func handlerSnippet(h *catalog.Handler, snippets bool) string {
	var b strings.Builder
	b.WriteString("/**\n")
	desc := strings.TrimSpace(strings.SplitN(h.Description, "\n", 2)[0])
	if desc != "" {
		b.WriteString(" * " + escapeSnippet(desc, snippets) + "\n")
	}
	typ := h.PayloadType
	if typ == "" {
		typ = "object"
	}
	b.WriteString(" * @param {" + escapeSnippet(typ, snippets) + "} event\n */\n")
	b.WriteString("export function " + h.Name + "(event) {\n\t")
	if snippets {
		b.WriteString("$0")
	}
	b.WriteString("\n}")
	return b.String()
}

// snippetEscaper escapes the characters that mean something in snippet
// syntax; built once (a Replacer is costly to build, cheap to use).
var snippetEscaper = strings.NewReplacer(`\`, `\\`, `$`, `\$`, `}`, `\}`)

func escapeSnippet(s string, snippets bool) string {
	if !snippets {
		return s
	}
	return snippetEscaper.Replace(s)
}

// completeEventFields offers the payload fields after `<param>.` when the
// cursor is inside a known handler whose first parameter is <param>.
func (s *Server) completeEventFields(f *index.File, cat *catalog.Catalog, dot, off int, replace protocol.Range) []protocol.CompletionItem {
	obj := tokText(f.Scan, f.Text(), dot-1)
	if obj == "" {
		return nil
	}
	for _, e := range f.Scan.Exports {
		if e.Depth != 0 || e.Body.IsZero() || off < int(e.Body.Start) || off > int(e.Body.End) {
			continue
		}
		if paramName(f.Text(), e.Params) != obj {
			return nil
		}
		var items []protocol.CompletionItem
		seen := map[string]bool{}
		for _, h := range cat.Lookup(e.Name) {
			for _, fl := range h.PayloadFields {
				if seen[fl.Name] {
					continue
				}
				seen[fl.Name] = true
				it := protocol.CompletionItem{
					Label:    fl.Name,
					Kind:     protocol.CompletionItemKindField,
					Detail:   protocol.NewOptional(fl.Type),
					TextEdit: &protocol.TextEdit{Range: replace, NewText: fl.Name},
				}
				if fl.Doc != "" {
					it.Documentation = s.markup(fl.Doc)
				}
				items = append(items, it)
			}
		}
		return items
	}
	return nil
}

// paramName returns the first parameter's name in a parameter list span
// ("(event)", "(event: Invoice)", "event", "async (e)").
func paramName(text string, sp scan.Span) string {
	if sp.IsZero() || int(sp.End) > len(text) {
		return ""
	}
	p := strings.TrimSpace(text[sp.Start:sp.End])
	p = strings.TrimPrefix(p, "(")
	end := 0
	for end < len(p) && isIdentByte(p[end]) {
		end++
	}
	return p[:end]
}

// CompletionResolve adds the documentation of a handler item, found by its
// label (a handler name: no data is sent, the label says it all); other
// items, which carry their documentation already, come back unchanged.
func (s *Server) CompletionResolve(ctx context.Context, item *protocol.CompletionItem) (*protocol.CompletionItem, error) {
	if item.Documentation != nil {
		return item, nil
	}
	if hs := s.an.Catalog("").Lookup(item.Label); len(hs) > 0 {
		item.Documentation = s.markup(handlerDoc(hs))
	}
	return item, nil
}
