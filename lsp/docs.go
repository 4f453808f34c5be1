package lsp

import (
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// handlerDoc renders the markdown shown in hovers and completion
// documentation for a Velo handler name. A name can belong to a v1 and a v2
// module with different payloads, so every entry is shown.
func handlerDoc(hs []*catalog.Handler) string {
	var b strings.Builder
	for i, h := range hs {
		if i > 0 {
			b.WriteString("\n\n---\n\n")
		}
		fmt.Fprintf(&b, "**%s** — `%s` event of `%s`", h.Name, h.Event, h.Module)
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
			if h.DeprecationNote != "" {
				b.WriteString(": " + h.DeprecationNote)
			}
			if h.ReplacedBy != "" {
				b.WriteString(" Use `" + h.ReplacedBy + "`.")
			}
			if h.RemovalDate != "" {
				b.WriteString(" Removal date: " + h.RemovalDate + ".")
			}
			b.WriteString("\n\n")
		}
		if h.Derived {
			b.WriteString("_Name derived from the module's event list and prefix; check the docs page._\n\n")
		}
		b.WriteString("Fires on published sites only, never in preview.")
		if h.DocsURL != "" {
			fmt.Fprintf(&b, " [Docs](%s)", h.DocsURL)
		}
	}
	return b.String()
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
	if len(e.PermissionScopes) > 0 {
		b.WriteString("Permission scopes: " + strings.Join(e.PermissionScopes, ", ") + "\n\n")
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
