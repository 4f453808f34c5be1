package extract

// Reading who may call each SDK API function: the JSDoc above every
// `declare function name(…)` of an implementation package carries
// `@permissionId X.Y` (one per permission) and `@applicableIdentity APP` /
// `MEMBER` (the identities that may call it directly). A function without
// `@applicableIdentity` states no identity restriction; this file records
// that as "no identities", never as "anyone".

import (
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

var (
	// declFnRE matches a function declaration at the start of a line:
	// `declare function getContact(` / `export declare function f<T>(`.
	declFnRE = regexp.MustCompile(`(?m)^[ \t]*(?:export\s+)?declare\s+function\s+([A-Za-z_][\w]*)\s*[(<]`)
	// exportAnyRE matches an export list, with or without `from`.
	exportAnyRE = regexp.MustCompile(`export\s*\{([^}]*)\}`)
)

// MethodsResult is what ExtractMethods found for one top-level package.
type MethodsResult struct {
	Package  PackageInfo
	Methods  []catalog.Method
	Read     []PackageInfo // implementation packages read, sorted by name
	Warnings []string
}

// ExtractMethods reads the API functions (not event functions) of every
// namespace of a top-level SDK package (e.g. "@wix/crm") from fsys, a
// node_modules tree. A namespace whose declarations it cannot read is
// skipped with a warning: a package layout this extractor does not know
// must cost that namespace, not the catalog.
func ExtractMethods(fsys fs.FS, pkg string) (*MethodsResult, error) {
	top, err := readPackage(fsys, pkg)
	if err != nil {
		return nil, err
	}
	raw, err := fs.ReadFile(fsys, pkg+"/"+top.Types)
	if err != nil {
		return nil, err
	}
	res := &MethodsResult{Package: top}
	nsMod := EntryNamespaces(string(raw))
	nss := make([]string, 0, len(nsMod))
	for ns := range nsMod {
		nss = append(nss, ns)
	}
	sort.Strings(nss)
	seen := map[string]bool{}
	for _, ns := range nss {
		mod := nsMod[ns]
		info, err := readPackage(fsys, mod)
		if err != nil {
			res.Warnings = append(res.Warnings, pkg+" "+ns+": "+err.Error())
			continue
		}
		texts, order, err := reachable(fsys, info.Name, info.Types)
		if err != nil {
			res.Warnings = append(res.Warnings, pkg+" "+ns+": "+err.Error())
			continue
		}
		ms, warns := MethodsFromFiles(texts, order, "npm:"+info.Name+"@"+info.Version+"/", info.Name+"/")
		for _, w := range warns {
			res.Warnings = append(res.Warnings, pkg+" "+ns+": "+w)
		}
		if len(ms) > 0 && !seen[mod] {
			seen[mod] = true
			res.Read = append(res.Read, info)
		}
		for _, m := range ms {
			m.Package, m.Namespace = pkg, ns
			res.Methods = append(res.Methods, m)
		}
	}
	sort.Slice(res.Read, func(i, j int) bool { return res.Read[i].Name < res.Read[j].Name })
	return res, nil
}

// MethodsFromFiles extracts the API functions declared in a set of
// declaration files (path → text; order lists the paths, entry first), in
// the same input form as EventsFromFiles so a reader of a workspace's
// installed packages can call both. A function counts when it is declared
// with `declare function name(` and, if the entry file has export lists,
// exported by one of them; event functions (`onX(handler: …)`), internal
// `$1` declarations and functions whose JSDoc states nothing are skipped. Evidence is
// evidencePrefix + the declaring file's path without trimPrefix. The
// result is sorted by name; a file it cannot make sense of yields nothing.
func MethodsFromFiles(texts map[string]string, order []string, evidencePrefix, trimPrefix string) ([]catalog.Method, []string) {
	if len(order) == 0 {
		return nil, nil
	}
	exported := exportedNames(texts[order[0]])
	byName := map[string]catalog.Method{}
	unstated := map[string]bool{} // "file\x00name": a declaration there states no identity
	from := map[string]string{}   // name → the file of the declaration kept
	var warns []string
	for _, f := range order {
		src := texts[f]
		for _, loc := range declFnRE.FindAllStringSubmatchIndex(src, -1) {
			name := src[loc[2]:loc[3]]
			if exported != nil && !exported[name] {
				continue
			}
			if isEventDecl(src[loc[1]-1:]) {
				continue
			}
			doc := precedingJSDoc(src, loc[0]+leadingWS(src[loc[0]:]))
			m := catalog.Method{Name: name, Evidence: evidencePrefix + strings.TrimPrefix(f, trimPrefix)}
			_, tags := docText(doc)
			for _, t := range tags {
				switch t.name {
				case "permissionId":
					m.Permissions = appendUnique(m.Permissions, t.value)
				case "applicableIdentity":
					m.Identities = appendUnique(m.Identities, t.value)
				case "deprecated":
					m.Deprecated = true
				case "internal", "hidden":
					m.Hidden = true
				}
			}
			if len(m.Identities) == 0 {
				unstated[f+"\x00"+name] = true
			}
			for _, id := range m.Identities {
				if id != "APP" && id != "MEMBER" && id != "VISITOR" {
					warns = append(warns, name+": unknown @applicableIdentity "+id)
				}
			}
			prev, seen := byName[name]
			switch {
			case !seen, doc != "" && prev.Permissions == nil && prev.Identities == nil:
				// The first declaration, or the first documented one (old
				// packages declare a function undocumented in .public.d.ts
				// and documented in .universal.d.ts).
				byName[name], from[name] = m, f
			}
		}
	}
	// Overloads in one file that disagree (wix-data items.query(id) builds
	// a query and states nothing; items.query(id, request) states APP) leave the name
	// without an identity restriction: a call cannot be matched to one
	// overload without types.
	for name, m := range byName {
		if unstated[from[name]+"\x00"+name] && len(m.Identities) > 0 {
			m.Identities = nil
			m.Overloaded = true
			byName[name] = m
		}
		if m.Permissions == nil && m.Identities == nil && !m.Overloaded && !m.Deprecated {
			delete(byName, name) // nothing stated
		}
	}
	out := make([]catalog.Method, 0, len(byName))
	for _, m := range byName {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, warns
}

// exportedNames lists the names of a file's export lists (`export { a, b as
// c, type T }` gives a and c), or nil when it has none.
func exportedNames(src string) map[string]bool {
	var out map[string]bool
	for _, m := range exportAnyRE.FindAllStringSubmatch(src, -1) {
		if out == nil {
			out = map[string]bool{}
		}
		for _, part := range strings.Split(m[1], ",") {
			part = strings.TrimSpace(part)
			if strings.HasPrefix(part, "type ") {
				continue
			}
			if _, as, ok := strings.Cut(part, " as "); ok {
				part = strings.TrimSpace(as)
			}
			if part != "" {
				out[part] = true
			}
		}
	}
	return out
}

// isEventDecl reports whether the parameter list starting at s (at '(' or
// '<') is an event function's: a first parameter `handler`.
func isEventDecl(s string) bool {
	if i := strings.IndexByte(s, '('); i >= 0 {
		return strings.HasPrefix(strings.TrimSpace(s[i+1:]), "handler")
	}
	return false
}

func leadingWS(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func appendUnique(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
