package analysis

// needs-elevation: a handler that fires and then fails. A backend event
// handler runs without a visitor, member or Wix app identity, so a Wix API
// method that only some identities may call answers 403 Forbidden unless
// the call is elevated: `auth.elevate(contacts.getContact)(id)` with
// `auth` from @wix/essentials (CLI apps, Studio Two), `elevate(fn)` from
// wix-auth (Velo). The rule reads who may call a method from the catalog's
// method permissions (the SDK typings' @applicableIdentity, a Velo docs
// page's permissions note) and reports only what they state.
//
// Where it looks: the handler's own function (a CLI or Studio Two event
// call's callback, a Velo handler export's body) and the top-level
// functions of the same file it calls, transitively. Code outside them
// gets nothing, and so do calls inside an elevate(…) argument, calls
// through an elevated alias (`const get = auth.elevate(…)`; the call is to
// `get`, which is not a Wix method), calls through a client of your own
// (`client.contacts.getContact`), Velo calls passing `suppressAuth`, and
// calls whose options the scanner cannot see.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

const (
	// essentialsModule exports `auth`, whose elevate(fn) returns fn
	// running with the app's identity.
	essentialsModule = "@wix/essentials"
	// wixAuthModule is Velo's: elevate(fn).
	wixAuthModule = "wix-auth"
	// elevateDocsCLI is the CLI guide "Elevate API Call Permissions".
	elevateDocsCLI = "https://dev.wix.com/docs/wix-cli/guides/development/elevate-api-call-permissions"
)

// veloElevationModules are the Velo modules whose calls events.js keeps in
// a closed file's compact parse (KeepCall): wix-auth's elevate and the
// modules of the Velo methods the catalog records (TestVeloElevationModules
// keeps the two lists equal).
var veloElevationModules = map[string]bool{wixAuthModule: true,
	"wix-crm-backend": true, "wix-groups-backend": true, "wix-pricing-plans-backend": true,
	"wix-crm.v2": true, "wix-ecom-backend": true, "wix-bookings.v2": true, "wix-stores.v2": true,
	"wix-members.v2": true, "wix-pricing-plans.v2": true, "wix-secrets-backend.v2": true,
	"wix-marketing.v2": true, "wix-events.v2": true, "wix-loyalty.v2": true}

// APICall is a call of a Wix API method the catalog has permissions for,
// found in an event handler.
type APICall struct {
	Call   *scan.Call
	Method *catalog.Method
	// Elevated: inside an elevate(…) argument, or (Velo) passing
	// suppressAuth.
	Elevated bool
	// Unknown: the options argument is not an object literal, so whether
	// it passes suppressAuth cannot be seen.
	Unknown bool
}

// binding is what an imported local name stands for.
type binding struct {
	module   string
	imported string // "" for a default or namespace import
	def      bool   // a default import
	im       *scan.Import
}

func bindingsOf(sf *scan.File) map[string]binding {
	b := map[string]binding{}
	for i := range sf.Imports {
		im := &sf.Imports[i]
		if im.TypeOnly {
			continue
		}
		for _, n := range im.Names {
			if !n.TypeOnly {
				b[n.Local] = binding{module: im.Module, imported: n.Imported, im: im}
			}
		}
		if im.Namespace != "" {
			b[im.Namespace] = binding{module: im.Module, im: im}
		}
		if im.Default != "" {
			b[im.Default] = binding{module: im.Module, def: true, im: im}
		}
	}
	return b
}

// keepElevationCall is KeepCall's part for this rule: in a Velo events.js,
// calls through wix-auth, the recorded Velo modules and @wix packages, and calls of the
// file's own top-level functions (a CLI handler file keeps its @wix calls
// anyway; the helper calls are added here for both).
func keepElevationCall(k index.Kind, f *scan.File, c *scan.Call) bool {
	if k != index.KindVeloEvents && k != index.KindCLIHandler {
		return false
	}
	if strings.ContainsAny(c.Callee, "()[") {
		return false
	}
	if c.Callee == "elevate" || strings.HasSuffix(c.Callee, ".elevate") {
		return true // see elevateCall
	}
	first, _, dotted := strings.Cut(c.Callee, ".")
	if !dotted {
		for _, n := range f.Named() {
			if n.Name == first {
				return true
			}
		}
	}
	if k != index.KindVeloEvents {
		return keepIterationCall(f, c)
	}
	for i := range f.Imports {
		im := &f.Imports[i]
		// A site's events.js may call the SDK packages too (elevated with
		// @wix/essentials' auth), so their calls are kept as well.
		if !veloElevationModules[im.Module] && !wixModule(im.Module) {
			continue
		}
		if im.Default == first || im.Namespace == first {
			return true
		}
		for _, n := range im.Names {
			if n.Local == first {
				return true
			}
		}
	}
	return false
}

// handlerRegions returns the spans of code that runs as an event handler
// in f: the handlers' own function bodies, then the bodies of the file's
// top-level functions they call, transitively.
func handlerRegions(f *index.File, cat *catalog.Catalog) spans {
	sf := f.Scan
	named := make(map[string]scan.Span, len(sf.Named()))
	for _, n := range sf.Named() {
		if _, dup := named[n.Name]; !dup {
			named[n.Name] = n.Body
		}
	}
	var regions []scan.Span
	added := map[string]bool{}
	addNamed := func(name string) {
		if body, ok := named[name]; ok && !added[name] {
			added[name] = true
			regions = append(regions, body)
		}
	}
	switch f.Kind {
	case index.KindCLIHandler:
		for _, ec := range eventCalls(f, cat) {
			if len(ec.Call.Args) == 0 {
				continue
			}
			switch a := ec.Call.Args[0]; a.Kind {
			case scan.ArgFunction:
				if !a.Body.IsZero() {
					regions = append(regions, a.Body)
				}
			case scan.ArgIdent:
				addNamed(a.Text)
			}
		}
	case index.KindVeloEvents:
		for _, e := range sf.Exports {
			if e.Depth != 0 || !runtimeExport(e) || !cat.IsHandler(e.Name) {
				continue
			}
			switch {
			case !e.Body.IsZero():
				regions = append(regions, e.Body)
			case e.Local != "":
				addNamed(e.Local) // export { h as wixX_onY }
			}
		}
	}
	if len(regions) == 0 {
		return nil
	}
	for changed := true; changed; {
		changed = false
		set := spanSet(regions)
		for i := range sf.Calls {
			c := &sf.Calls[i]
			if _, ok := named[c.Callee]; ok && !added[c.Callee] && set.contains(c.CalleeSpan.Start) {
				addNamed(c.Callee)
				changed = true
			}
		}
	}
	return spanSet(regions)
}

// spans is a sorted list of disjoint spans.
type spans []scan.Span

// spanSet sorts and merges ss (in place).
func spanSet(ss []scan.Span) spans {
	sort.Slice(ss, func(i, j int) bool { return ss[i].Start < ss[j].Start })
	out := ss[:0]
	for _, s := range ss {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			if s.End > out[n-1].End {
				out[n-1].End = s.End
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// contains reports whether off lies in one of the spans.
func (ss spans) contains(off int32) bool {
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > off })
	return i < len(ss) && ss[i].Start <= off
}

// elevateCall reports whether c calls elevate: auth.elevate (auth from
// @wix/essentials, or ns.auth.elevate through a namespace import), or
// elevate / wixAuth.elevate from wix-auth.
func elevateCall(c *scan.Call, b map[string]binding) bool {
	if !strings.HasSuffix(c.Callee, "elevate") || strings.ContainsAny(c.Callee, "()[") {
		return false
	}
	parts, n := splitCallee(c.Callee)
	bd, ok := b[parts[0]]
	if !ok {
		// Not imported statically (`const { auth } = await
		// import('@wix/essentials')`, a global): an elevate of unknown
		// origin still counts as elevation, so nothing inside it is
		// reported on a guess.
		return c.Callee == "elevate" || strings.HasSuffix(c.Callee, ".elevate")
	}
	switch bd.module {
	case essentialsModule:
		return n == 2 && bd.imported == "auth" && parts[1] == "elevate" ||
			n == 3 && bd.imported == "" && parts[1] == "auth" && parts[2] == "elevate"
	case wixAuthModule:
		return n == 1 && bd.imported == "elevate" ||
			n == 2 && bd.imported == "" && parts[1] == "elevate"
	}
	return false
}

// splitCallee splits a name chain into its first three names without
// allocating; n is the number of names (4 for more than three).
func splitCallee(callee string) (parts [3]string, n int) {
	rest := callee
	for n < 3 {
		name, tail, more := strings.Cut(rest, ".")
		parts[n] = name
		n++
		if !more {
			return parts, n
		}
		rest = tail
	}
	return parts, 4
}

// methodOf resolves a callee to the Wix API method it names, or nil.
func methodOf(cat *catalog.Catalog, callee string, b map[string]binding) *catalog.Method {
	if strings.ContainsAny(callee, "()[") {
		return nil
	}
	parts, n := splitCallee(callee)
	bd, ok := b[parts[0]]
	if !ok {
		return nil
	}
	var ns, name string
	switch {
	case bd.imported != "" && n == 2:
		ns, name = bd.imported, parts[1]
	case bd.imported == "" && n == 3:
		ns, name = parts[1], parts[2]
	case bd.imported == "" && n == 2 && !wixModule(bd.module):
		name = parts[1] // a Velo module's own function: wixCrmBackend.createContact
	default:
		return nil
	}
	pkg := bd.module
	if wixModule(pkg) {
		if p := SDKPackageOf(cat, pkg); p != "" {
			pkg = p
		}
	}
	return cat.Method(pkg, ns, name)
}

// APICalls lists the calls of restricted Wix API methods in f's event
// handlers, elevated or not. Only CLI handler files and Velo events.js
// have handlers.
func (a *Analyzer) APICalls(f *index.File) []APICall {
	if f == nil || (f.Kind != index.KindCLIHandler && f.Kind != index.KindVeloEvents) {
		return nil
	}
	return apiCalls(f, a.Catalog(f.Path))
}

func apiCalls(f *index.File, cat *catalog.Catalog) []APICall {
	regions := handlerRegions(f, cat)
	if len(regions) == 0 {
		return nil
	}
	sf := f.Scan
	b := bindingsOf(sf)
	var elevated []scan.Span
	for i := range sf.Calls {
		if c := &sf.Calls[i]; elevateCall(c, b) {
			elevated = append(elevated, c.ArgsSpan)
		}
	}
	within := func(ss []scan.Span, off int32) bool {
		for _, s := range ss {
			if s.Start <= off && off < s.End {
				return true
			}
		}
		return false
	}
	var out []APICall
	for i := range sf.Calls {
		c := &sf.Calls[i]
		if !regions.contains(c.CalleeSpan.Start) {
			continue
		}
		if first, _, _ := strings.Cut(c.Callee, "."); b[first] == (binding{}) {
			continue
		}
		m := methodOf(cat, c.Callee, b)
		if !m.Restricted() {
			continue
		}
		ac := APICall{Call: c, Method: m, Elevated: within(elevated, c.CalleeSpan.Start)}
		switch {
		case ac.Elevated || !m.Velo():
		case m.SuppressAuth:
			switch passed, known := suppressAuthPassed(c, m.OptionsArg); {
			case !known:
				ac.Unknown = true
			case passed:
				ac.Elevated = true
			}
		case authOptionAnywhere(c):
			// A v2 method's page names elevate() alone, but SDK context
			// wrappers read an auth option from the second argument
			// (`initWixModules(fn, args[1]?.supressAuth ? true :
			// false)`: @wix/crm_contacts 1.0.33's build per
			// socket.dev's diff, @wix/app-market_embedded-scripts'
			// build today): a call that passes one is not reported on
			// a guess either way.
			ac.Unknown = true
		}
		out = append(out, ac)
	}
	return out
}

// suppressAuthPassed looks at the options argument (1-based position
// pos): passed when it is an object literal with a suppressAuth key (any
// value: `suppressAuth: false` is not worth a guess) or a spread; known
// when the argument is absent or an object literal.
func suppressAuthPassed(c *scan.Call, pos int) (passed, known bool) {
	if pos < 1 || len(c.Args) < pos || c.Args[pos-1].Kind == scan.ArgMissing {
		return false, true
	}
	a := c.Args[pos-1]
	if a.Kind != scan.ArgObject {
		return false, false
	}
	for _, p := range a.Props {
		if p.Key == "suppressAuth" || p.Key == "..." {
			return true, true
		}
	}
	return false, true
}

// authOptionAnywhere reports an object-literal argument of c with a
// suppressAuth key, as documented, or supressAuth, as the SDK wrappers
// spell it.
func authOptionAnywhere(c *scan.Call) bool {
	for _, a := range c.Args {
		if a.Kind != scan.ArgObject {
			continue
		}
		for _, p := range a.Props {
			if p.Key == "suppressAuth" || p.Key == "supressAuth" {
				return true
			}
		}
	}
	return false
}

// elevationRule reports needs-elevation in f.
func elevationRule(f *index.File, cat *catalog.Catalog) []Diagnostic {
	calls := apiCalls(f, cat)
	if len(calls) == 0 {
		return nil
	}
	var ds []Diagnostic
	b := bindingsOf(f.Scan)
	for _, ac := range calls {
		if ac.Elevated || ac.Unknown {
			continue
		}
		c, m := ac.Call, ac.Method
		var msg string
		if m.Velo() {
			// suppressAuth is offered only where the page says it
			// overrides the restriction (v1 modules); the v2 modules'
			// pages name elevate() alone.
			how := fmt.Sprintf("call elevate(%s)(…) from wix-auth", c.Callee)
			if m.SuppressAuth {
				how += " or pass { suppressAuth: true }"
			}
			msg = fmt.Sprintf("%s needs elevation in an event handler: %s; its docs page says: %q, and a handler runs without a visitor or member identity",
				c.Callee, how, m.Restriction)
		} else {
			msg = fmt.Sprintf("%s needs elevation in an event handler: call auth.elevate(%s)(…); the typings let only %s call it%s, and a handler runs without such an identity, so the call fails with 403 Forbidden",
				c.Callee, c.Callee, IdentityText(m.Identities), permissionText(m.Permissions))
		}
		d := diag(f.Path, c.CalleeSpan, "needs-elevation", msg)
		d.Href = m.DocsURL()
		if fx, ok := elevateFix(f, c, m, b); ok {
			d.Fixes = []Fix{fx}
		}
		ds = append(ds, d)
	}
	return ds
}

// IdentityText names the identities of @applicableIdentity values as the
// docs do: APP is "a Wix app or Wix user identity".
func IdentityText(ids []string) string {
	var parts []string
	for _, id := range ids {
		switch id {
		case catalog.IdentityApp:
			parts = append(parts, "a Wix app or Wix user")
		case catalog.IdentityMember:
			parts = append(parts, "a site member")
		default:
			parts = append(parts, strings.ToLower(id))
		}
	}
	return strings.Join(parts, " or ")
}

func permissionText(ps []string) string {
	if len(ps) == 0 {
		return ""
	}
	return " (" + strings.Join(ps, ", ") + ")"
}

// elevateFix wraps the callee in elevate(…), adding the import when the
// file has none; no fix when the name it would import is taken.
func elevateFix(f *index.File, c *scan.Call, m *catalog.Method, b map[string]binding) (Fix, bool) {
	module, imported := essentialsModule, "auth"
	if m.Velo() {
		module, imported = wixAuthModule, "elevate"
	}
	fn := ""
	for local, bd := range b {
		if bd.module != module {
			continue
		}
		switch {
		case bd.imported == imported:
			fn = local
		case bd.imported == "" && fn == "":
			if m.Velo() {
				fn = local + ".elevate"
			} else {
				fn = local + ".auth"
			}
		}
	}
	var edits []Edit
	if fn == "" {
		if _, taken := b[imported]; taken || namedIn(f.Scan, imported) {
			return Fix{}, false
		}
		fn = imported
		at := int32(0)
		for i := range f.Scan.Imports {
			if im := &f.Scan.Imports[i]; !im.Dynamic && !im.Require {
				at = im.Stmt.Start
				break
			}
		}
		edits = append(edits, Edit{Path: f.Path, Span: scan.Span{Start: at, End: at},
			NewText: fmt.Sprintf("import { %s } from '%s';\n", imported, module)})
	}
	wrap := fn + ".elevate("
	if m.Velo() {
		wrap = fn + "("
	}
	edits = append(edits,
		Edit{Path: f.Path, Span: scan.Span{Start: c.CalleeSpan.Start, End: c.CalleeSpan.Start}, NewText: wrap},
		Edit{Path: f.Path, Span: scan.Span{Start: c.CalleeSpan.End, End: c.CalleeSpan.End}, NewText: ")"})
	title := fmt.Sprintf("Elevate the call: %s(%s)(…)", strings.TrimSuffix(wrap, "("), c.Callee)
	return Fix{Title: title, Preferred: true, Edits: edits}, true
}

func namedIn(sf *scan.File, name string) bool {
	for _, n := range sf.Named() {
		if n.Name == name {
			return true
		}
	}
	return false
}

// MethodUse is a Wix API method named at a position of a handler file: a
// call's callee, or the method an elevate(…) call wraps.
type MethodUse struct {
	Method *catalog.Method
	Span   scan.Span // the method's name chain as written
	// InHandler: the position is in an event handler's code (see
	// handlerRegions); Elevated and Unknown are as in APICall.
	InHandler, Elevated, Unknown bool
	// Wrapped: named as elevate(…)'s argument.
	Wrapped bool
}

// MethodAt returns the recorded Wix API method named at off in a CLI
// handler file or a Velo events.js, for hover.
func (a *Analyzer) MethodAt(f *index.File, off int) (MethodUse, bool) {
	if f == nil || (f.Kind != index.KindCLIHandler && f.Kind != index.KindVeloEvents) {
		return MethodUse{}, false
	}
	cat := a.Catalog(f.Path)
	sf := f.Scan
	b := bindingsOf(sf)
	for i := range sf.Calls {
		c := &sf.Calls[i]
		if c.CalleeSpan.Contains(off) {
			m := methodOf(cat, c.Callee, b)
			if m == nil {
				continue
			}
			u := MethodUse{Method: m, Span: c.CalleeSpan}
			for _, ac := range apiCalls(f, cat) {
				if ac.Call.CalleeSpan == c.CalleeSpan {
					u.InHandler, u.Elevated, u.Unknown = true, ac.Elevated, ac.Unknown
				}
			}
			if !u.InHandler {
				u.InHandler = inHandler(f, cat, c.CalleeSpan.Start)
			}
			return u, true
		}
		if !elevateCall(c, b) {
			continue
		}
		for _, arg := range c.Args {
			if (arg.Kind == scan.ArgMember || arg.Kind == scan.ArgIdent) && arg.Span.Contains(off) {
				if m := methodOf(cat, arg.Text, b); m != nil {
					return MethodUse{Method: m, Span: arg.Span, Elevated: true, Wrapped: true,
						InHandler: inHandler(f, cat, arg.Span.Start)}, true
				}
			}
		}
	}
	return MethodUse{}, false
}

func inHandler(f *index.File, cat *catalog.Catalog, off int32) bool {
	return handlerRegions(f, cat).contains(off)
}

// CLILimitsDocs states the limits of CLI backend extensions, event
// handlers among them: 1000 CPU ms and 20 sub-requests (calls to Wix APIs
// count) per request.
const CLILimitsDocs = "https://dev.wix.com/docs/wix-cli/guides/extensions/backend-extensions/about-backend-extensions"

// iterators are the array methods that run their callback once per item.
var iterators = map[string]bool{"forEach": true, "map": true, "flatMap": true, "filter": true, "some": true, "every": true, "reduce": true, "find": true}

// iterationCall reports a call `x.map(cb)` (any iterator) with a function
// argument; the receiver is a name chain, never a literal.
func iterationCall(c *scan.Call) bool {
	i := strings.LastIndexByte(c.Callee, '.')
	if i <= 0 || strings.ContainsAny(c.Callee, "()[") || !iterators[c.Callee[i+1:]] {
		return false
	}
	for _, a := range c.Args {
		if a.Kind == scan.ArgFunction && !a.Body.IsZero() {
			return true
		}
	}
	return false
}

// wixAPICall reports a call that makes a request to a Wix API: a
// namespace function of an @wix package (not @wix/essentials' own, not an
// event registration), or an elevate(…) of one.
func wixAPICall(cat *catalog.Catalog, c *scan.Call, b map[string]binding) bool {
	if elevateCall(c, b) {
		return len(c.Args) == 1 && (c.Args[0].Kind == scan.ArgMember) && wixAPIName(c.Args[0].Text, b)
	}
	return wixAPIName(c.Callee, b)
}

func wixAPIName(callee string, b map[string]binding) bool {
	if strings.ContainsAny(callee, "()[") {
		return false
	}
	parts, n := splitCallee(callee)
	bd, ok := b[parts[0]]
	if !ok || !wixModule(bd.module) || bd.module == essentialsModule || bd.module == "@wix/sdk" || strings.HasPrefix(bd.module, "@wix/astro") {
		return false
	}
	switch {
	case bd.imported != "" && n == 2:
		return !isOnEvent(parts[1])
	case bd.imported == "" && n == 3:
		return !isOnEvent(parts[2])
	}
	return false
}

// keepIterationCall is KeepCall's part for sub-requests-in-loop: in a CLI
// handler, an iterator call whose callback calls through an @wix import.
func keepIterationCall(f *scan.File, c *scan.Call) bool {
	if !iterationCall(c) {
		return false
	}
	b := bindingsOf(f)
	for _, a := range c.Args {
		if a.Kind != scan.ArgFunction {
			continue
		}
		for i := range f.Calls {
			in := &f.Calls[i]
			if a.Body.Start <= in.CalleeSpan.Start && in.CalleeSpan.Start < a.Body.End && (wixAPIName(in.Callee, b) || elevateCall(in, b)) {
				return true
			}
		}
	}
	return false
}

// loopRule reports sub-requests-in-loop in a CLI handler file: a Wix API
// call inside a for…of loop over a collection the loop does not bound, or
// inside an iterator's callback, in the handler's code. Once per loop.
func loopRule(f *index.File, cat *catalog.Catalog) []Diagnostic {
	regions := handlerRegions(f, cat)
	if len(regions) == 0 {
		return nil
	}
	sf := f.Scan
	b := bindingsOf(sf)
	in := func(spans []scan.Span, off int32) int {
		for i, s := range spans {
			if s.Start <= off && off < s.End {
				return i
			}
		}
		return -1
	}
	var loops []scan.Span
	for _, l := range sf.ForOf() {
		if regions.contains(l.Start) {
			loops = append(loops, l)
		}
	}
	for i := range sf.Calls {
		c := &sf.Calls[i]
		if iterationCall(c) && regions.contains(c.CalleeSpan.Start) {
			for _, a := range c.Args {
				if a.Kind == scan.ArgFunction && !a.Body.IsZero() {
					loops = append(loops, a.Body)
				}
			}
		}
	}
	if len(loops) == 0 {
		return nil
	}
	var ds []Diagnostic
	reported := map[int]bool{}
	for i := range sf.Calls {
		c := &sf.Calls[i]
		li := in(loops, c.CalleeSpan.Start)
		if li < 0 || reported[li] || !wixAPICall(cat, c, b) {
			continue
		}
		reported[li] = true
		name := c.Callee
		if elevateCall(c, b) {
			name = c.Args[0].Text
		}
		d := diag(f.Path, c.CalleeSpan, "sub-requests-in-loop", fmt.Sprintf(
			"%s runs once per item of a collection this code does not bound: each call is a sub-request, and a CLI backend extension may make 20 per request, so more than 20 items exceed the limit; batch (a bulk method) or bound the collection",
			name))
		d.Href = CLILimitsDocs
		ds = append(ds, d)
	}
	return ds
}
