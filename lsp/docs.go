package lsp

import (
	"fmt"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// handlerDoc renders the markdown shown in hovers and completion
// documentation for a Velo handler name. A name can belong to a v1 and a v2
// module with different payloads, so the first thing it answers is "what
// will my handler receive?": with one current entry, that entry; with a
// deprecated and a current one, the current one (the deprecated one is
// listed after, as what older sites received); with two current ones, that
// the docs show the name for both, each with its payload.
func handlerDoc(hs []*catalog.Handler) string {
	if len(hs) == 1 {
		return entryDoc(hs[0], true)
	}
	var current, old []*catalog.Handler
	for _, h := range hs {
		if h.Deprecated {
			old = append(old, h)
		} else {
			current = append(current, h)
		}
	}
	var b strings.Builder
	name := hs[0].Name
	switch {
	case len(current) == 1:
		h := current[0]
		fmt.Fprintf(&b, "**%s** receives the `%s` event of `%s`", name, h.Event, h.Module)
		if h.PayloadType != "" {
			fmt.Fprintf(&b, " (payload `%s`)", h.PayloadType)
		}
		fmt.Fprintf(&b, ". The %s of the same name %s deprecated.\n\n", moduleNames(old), isAre(len(old)))
	case len(current) > 1:
		fmt.Fprintf(&b, "**%s** is documented for %d modules, %s: depending on which one fires, your handler receives one of these payloads.\n\n", name, len(current), moduleNames(current))
	default:
		fmt.Fprintf(&b, "**%s** is deprecated in every module that has it (%s).\n\n", name, moduleNames(old))
	}
	for _, h := range append(current, old...) {
		b.WriteString("---\n\n")
		b.WriteString(entryDoc(h, false))
		b.WriteString("\n\n")
	}
	return strings.TrimSpace(b.String())
}

func moduleNames(hs []*catalog.Handler) string {
	var names []string
	for _, h := range hs {
		names = append(names, "`"+h.Module+"`")
	}
	return strings.Join(names, " and ")
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// entryDoc renders one catalog entry; head adds the handler name.
func entryDoc(h *catalog.Handler, head bool) string {
	var b strings.Builder
	if head {
		fmt.Fprintf(&b, "**%s** — ", h.Name)
	}
	fmt.Fprintf(&b, "`%s` event of `%s`", h.Event, h.Module)
	if h.Generation == catalog.V2 {
		b.WriteString(" (universal module)")
	}
	b.WriteString("\n\n")
	if h.Description != "" {
		b.WriteString(h.Description + "\n\n")
	}
	if h.PayloadType != "" {
		fmt.Fprintf(&b, "Payload: `%s`", h.PayloadType)
		if len(h.PayloadFields) > 0 {
			b.WriteString(" — ")
			for j, f := range h.PayloadFields {
				if j == 8 {
					b.WriteString(", …")
					break
				}
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "`%s`", f.Name)
			}
		}
		b.WriteString("\n\n")
	}
	if h.Deprecated {
		b.WriteString("**Deprecated**")
		if note := deprecationNote(h.DeprecationNote); note != "" {
			b.WriteString(": " + note)
		} else {
			b.WriteString(".")
		}
		if h.ReplacedBy != "" {
			b.WriteString(" Use `" + h.ReplacedBy + "`.")
		}
		if h.RemovalDate != "" && !strings.Contains(h.DeprecationNote, h.RemovalDate) {
			b.WriteString(" Removal date: " + h.RemovalDate + ".")
		}
		b.WriteString("\n\n")
	}
	if h.Note != "" {
		b.WriteString(h.Note + "\n\n")
	}
	if h.Derived {
		if h.SDK != "" {
			fmt.Fprintf(&b, "_This name is derived from the module prefix and the SDK event it mirrors (%s); no docs page shows this name yet._\n\n", h.SDK)
		} else {
			b.WriteString("_This name is derived from the module prefix and the SDK event it mirrors; no docs page shows this name yet._\n\n")
		}
	}
	b.WriteString("Fires on published sites only, never in preview.")
	switch {
	case h.DocsURL != "" && h.Derived:
		// A derived entry's page shows the prefix on a sibling event, not this one.
		fmt.Fprintf(&b, " [Page showing the prefix](%s)", h.DocsURL)
	case h.DocsURL != "":
		fmt.Fprintf(&b, " [Docs](%s)", h.DocsURL)
	}
	return b.String()
}

// deprecationNote drops a leading "Deprecated:" from a note that repeats
// the label it is shown after ("**Deprecated**: Deprecated: …").
func deprecationNote(note string) string {
	note = strings.TrimSpace(note)
	for _, p := range []string{"Deprecated:", "Deprecated."} {
		if rest, ok := strings.CutPrefix(note, p); ok {
			note = strings.TrimSpace(rest)
			if note != "" {
				note = strings.ToUpper(note[:1]) + note[1:]
			}
		}
	}
	return note
}

// sdkDoc renders the markdown for a JavaScript SDK event.
func sdkDoc(e *catalog.SDKEvent) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s.%s** from `%s`\n\n", e.Namespace, e.Export, e.ImportPath)
	if e.Description != "" {
		b.WriteString(e.Description + "\n\n")
	}
	if e.EventType != "" {
		fmt.Fprintf(&b, "Event type: `%s`\n\n", e.EventType)
	}
	if e.PayloadType != "" {
		fmt.Fprintf(&b, "Payload: `%s`\n\n", e.PayloadType)
	}
	if shown, more := mainScopes(e); len(shown) > 0 {
		b.WriteString("Permission scopes: " + strings.Join(shown, ", "))
		if more > 0 {
			fmt.Fprintf(&b, " (+%d more)", more)
		}
		b.WriteString("\n\n")
	}
	if e.Deprecated {
		b.WriteString("**Deprecated**.")
		if e.ReplacedBy != "" {
			b.WriteString(" Replaced by `" + e.ReplacedBy + "`.")
		}
		if e.TargetRemovalDate != "" {
			b.WriteString(" Removal date: " + e.TargetRemovalDate + ".")
		}
		b.WriteString("\n\n")
	}
	if e.DocsURL != "" {
		fmt.Fprintf(&b, "[Docs](%s)", e.DocsURL)
	}
	return strings.TrimSpace(b.String())
}

// mainScopes picks the permission scopes a developer needs to read for an
// event, the way the docs page names them: the typings list every scope that
// grants it (11 for contacts.onContactCreated, Rentals and Restaurants ones
// among them), in no useful order. Internal ids (with '_') and "all
// permissions" bundles go; scopes naming the event's own entity
// (contacts → "Read Contacts") come first, Read before Manage; at most two
// are shown and the rest counted.
func mainScopes(e *catalog.SDKEvent) (shown []string, more int) {
	all := e.PermissionScopes
	noun := strings.ToLower(strings.TrimSuffix(e.Namespace, "s"))
	if i := strings.LastIndexFunc(noun, func(r rune) bool { return r >= 'A' && r <= 'Z' }); i > 0 {
		noun = noun[i:]
	}
	type scored struct {
		s     string
		score int
	}
	var cands []scored
	for _, sc := range all {
		l := strings.ToLower(sc)
		if strings.Contains(sc, "_") || strings.Contains(l, "- all ") {
			continue
		}
		score := 0
		if noun != "" && strings.Contains(l, noun) {
			score += 4
		}
		if strings.HasPrefix(l, "read ") {
			score += 2
		}
		if strings.Contains(l, "(pii)") {
			score--
		}
		cands = append(cands, scored{sc, score})
	}
	if len(cands) == 0 {
		if len(all) == 0 {
			return nil, 0
		}
		return all[:1], len(all) - 1
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	n := 1
	if len(cands) > 1 && cands[1].score == cands[0].score {
		n = 2
	}
	for _, c := range cands[:n] {
		shown = append(shown, c.s)
	}
	return shown, len(all) - n
}

// sdkDocFrom is sdkDoc with where the entry comes from: "@wix/groups
// 1.0.149, installed" (the app's own package) or "catalog 2026-…".
func sdkDocFrom(cat *catalog.Catalog, e *catalog.SDKEvent) string {
	return sdkDoc(e) + "\n\nFrom " + cat.SourceOf(e) + "."
}

// markup wraps markdown for the client, or plain text when the client
// cannot render markdown.
func (s *Server) markup(md string) *protocol.MarkupContent {
	if s.caps.markdown {
		return &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}
	}
	return &protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: md}
}
