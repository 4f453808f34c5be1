package lsp

// Hover on a Wix API method in an event handler file: who may call it (the
// typings' identities and permissions, or the Velo docs page's words),
// whether this call is elevated, and the method's reference page. And the
// limits a CLI or Studio Two handler runs under, for the hover on its event
// call.

import (
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// hoverElevation answers hover on a Wix API method the catalog has
// permissions for, in a CLI handler file or a Velo events.js; nil
// elsewhere.
func (s *Server) hoverElevation(f *index.File, off int) *protocol.Hover {
	u, ok := s.an.MethodAt(f, off)
	if !ok {
		return nil
	}
	r := s.rng(f, u.Span)
	return &protocol.Hover{Contents: s.markup(methodDoc(u, f.Kind)), Range: &r}
}

// methodDoc renders a method's hover.
func methodDoc(u analysis.MethodUse, kind index.Kind) string {
	m := u.Method
	var b strings.Builder
	name := m.Name
	if m.Namespace != "" {
		name = m.Namespace + "." + m.Name
	}
	fmt.Fprintf(&b, "**%s** from `%s`\n\n", name, m.Package)
	switch {
	case m.Velo():
		fmt.Fprintf(&b, "Who may call it: %q (docs page)", m.Restriction)
		if m.SuppressAuth {
			b.WriteString("; `suppressAuth: true` in its options overrides this")
		}
		b.WriteString(".\n\n")
	case len(m.Identities) > 0:
		fmt.Fprintf(&b, "Who may call it: only %s (typings: `@applicableIdentity %s`)", analysis.IdentityText(m.Identities), strings.Join(m.Identities, "`, `"))
		if len(m.Permissions) > 0 {
			fmt.Fprintf(&b, ", with the permission `%s`", strings.Join(m.Permissions, "`, `"))
		}
		b.WriteString(".\n\n")
	case m.Overloaded:
		b.WriteString("Who may call it: its overloads disagree in the typings (one states an identity, another none), so no restriction is assumed.\n\n")
	default:
		fmt.Fprintf(&b, "Who may call it: the typings state no identity restriction; permission `%s`.\n\n", strings.Join(m.Permissions, "`, `"))
	}
	elevateHow := "auth.elevate(" + name + ")(…)"
	if m.Velo() {
		elevateHow = "elevate(" + name + ")(…) from wix-auth"
	}
	switch {
	case !u.InHandler:
	case u.Wrapped || u.Elevated && !m.Velo():
		b.WriteString("In this event handler: **elevated**, so it runs with the app's identity.\n\n")
	case u.Elevated:
		b.WriteString("In this event handler: **elevated** (`suppressAuth`).\n\n")
	case u.Unknown:
		b.WriteString("In this event handler: elevated only if the options passed set `suppressAuth: true`.\n\n")
	case m.Restricted():
		fmt.Fprintf(&b, "In this event handler: **not elevated**. A handler runs without that identity, so the call fails with 403 Forbidden; call `%s` instead.\n\n", elevateHow)
	default:
		b.WriteString("In this event handler: no elevation needed, as far as the typings say.\n\n")
	}
	fmt.Fprintf(&b, "[Reference](%s) · source: %s", m.DocsURL(), evidenceText(m))
	return b.String()
}

func evidenceText(m *catalog.Method) string {
	if strings.HasPrefix(m.Evidence, "https://") {
		return "the docs page"
	}
	return "`" + m.Evidence + "`"
}

// handlerLimitsDoc is the limits paragraph of a CLI event handler's hover,
// by the project's generation: a Studio Two site runs under Studio Two's
// documented backend limits (which name no sub-request limit), any other
// project under those of CLI backend extensions.
func handlerLimitsDoc(app *analysis.CLIApp) string {
	if app != nil && app.Site() {
		return "\n\nRuns under the [backend limits of Studio Two sites](" + analysis.StudioLimitsDocs + "): 60 seconds per backend call, " +
			"on one instance per data center with 300 millicores of CPU (throttled beyond) and 400 MB of memory. The docs name no sub-request limit."
	}
	return "\n\nRuns under the [limits of CLI backend extensions](" + analysis.CLILimitsDocs + "): 1000 CPU ms per request " +
		"(longer requests are terminated) and 20 sub-requests (calls to Wix APIs count) per request."
}
