package extract

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unsafe"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// PackageInfo is what the extractor learned about one npm package it read.
type PackageInfo struct {
	Name    string
	Version string
	Types   string // the declaration entry file, relative to the package
	Dir     string // the package's folder in the file system read
	// Exports are the keys of package.json's exports map ("." and "./…"
	// subpaths), sorted; nil without one.
	Exports []string
}

var (
	importStarRE = regexp.MustCompile(`import \* as ([\w$]+) from '([^']+)';`)
	exportListRE = regexp.MustCompile(`export \{([^}]*)\}\s*(from\s*['"][^'"]*['"])?\s*;`)
	// The declaration patterns are matched only where their literal start
	// occurs (findAt): run over whole multi-megabyte typings, Go's regexp
	// engine took seconds for a large app's packages.
	eventDefRE   = regexp.MustCompile(`\Adeclare const (on[\w]+?)(\$1)?\s*:\s*EventDefinition<\s*([\w$]+)\s*,\s*"([^"]+)"\s*>`)
	handlerFnRE  = regexp.MustCompile(`\Adeclare function (on\w+)\(handler: \(event: ([\w$]+)\) =>`)
	buildEventRE = regexp.MustCompile(`\Adeclare const (on\w+): (?:BuildEventDefinition|ReturnType<typeof createEventModule)`)
)

// findAt returns re's submatch indexes (offsets into src) at each
// occurrence of the literal lit that re, anchored with \A, matches within
// the next window bytes.
func findAt(src, lit string, re *regexp.Regexp, window int) [][]int {
	var out [][]int
	for i := 0; ; {
		j := strings.Index(src[i:], lit)
		if j < 0 {
			return out
		}
		at := i + j
		if loc := re.FindStringSubmatchIndex(src[at:min(len(src), at+window)]); loc != nil {
			for k := range loc {
				if loc[k] >= 0 {
					loc[k] += at
				}
			}
			out = append(out, loc)
		}
		i = at + len(lit)
	}
}

// withExport moves a declaration's start back over an `export` keyword
// before it, so the JSDoc above `export declare function` is found.
func withExport(src string, start int) int {
	j := start
	for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t' || src[j-1] == '\n' || src[j-1] == '\r') {
		j--
	}
	if j < start && strings.HasSuffix(src[:j], "export") && (j == 6 || !isIdentByte(src[j-7])) {
		return j - 6
	}
	return start
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// relImports returns the relative specifiers of a file's imports and
// re-exports: every '.…' string after `from` or `import` and whitespace.
func relImports(src string) []string {
	var out []string
	for i := 0; ; {
		j := strings.Index(src[i:], "'.")
		if j < 0 {
			return out
		}
		at := i + j
		i = at + 2
		k := at
		for k > 0 && (src[k-1] == ' ' || src[k-1] == '\t' || src[k-1] == '\n' || src[k-1] == '\r') {
			k--
		}
		if k == at || !(strings.HasSuffix(src[:k], "from") || strings.HasSuffix(src[:k], "import")) {
			continue
		}
		end := strings.IndexByte(src[at+1:], '\'')
		if end < 0 {
			return out
		}
		out = append(out, src[at+1:at+1+end])
		i = at + 1 + end + 1
	}
}

// readPackage reads the package.json of the package in folder dir and finds
// its declaration entry: exports["."].types, then "types"/"typings", then
// build/cjs/index.d.ts (old packages such as @wix/marketing have no exports
// map). Name is package.json's name (dir when it has none).
func readPackage(fsys fs.FS, dir string) (PackageInfo, error) {
	raw, err := fs.ReadFile(fsys, path.Join(dir, "package.json"))
	if err != nil {
		return PackageInfo{}, err
	}
	var pj struct {
		Name    string          `json:"name"`
		Version string          `json:"version"`
		Types   string          `json:"types"`
		Typings string          `json:"typings"`
		Exports json.RawMessage `json:"exports"`
	}
	if err := json.Unmarshal(raw, &pj); err != nil {
		return PackageInfo{}, fmt.Errorf("%s/package.json: %w", dir, err)
	}
	info := PackageInfo{Name: pj.Name, Version: pj.Version, Dir: dir}
	if info.Name == "" {
		info.Name = dir
	}
	var exports map[string]json.RawMessage
	if len(pj.Exports) > 0 && json.Unmarshal(pj.Exports, &exports) == nil {
		for k := range exports {
			if k == "." || strings.HasPrefix(k, "./") {
				info.Exports = append(info.Exports, k)
			}
		}
		sort.Strings(info.Exports)
		var dot map[string]json.RawMessage
		if json.Unmarshal(exports["."], &dot) == nil {
			var t string
			if json.Unmarshal(dot["types"], &t) == nil && t != "" {
				info.Types = t
			} else {
				var imp map[string]string
				if json.Unmarshal(dot["import"], &imp) == nil && imp["types"] != "" {
					info.Types = imp["types"]
				}
			}
		}
	}
	switch {
	case info.Types != "":
	case pj.Types != "":
		info.Types = pj.Types
	case pj.Typings != "":
		info.Types = pj.Typings
	default:
		info.Types = "build/cjs/index.d.ts"
	}
	info.Types = path.Clean(strings.TrimPrefix(info.Types, "./"))
	return info, nil
}

// RealFS is a file system whose package folders may be links (pnpm's
// node_modules/@wix/x → .pnpm/@wix+x@1.0.0/node_modules/@wix/x). Real
// returns the folder's own path in the file system, so a package's
// dependencies are found next to where it really lives, as Node finds them.
type RealFS interface {
	fs.FS
	Real(name string) (string, error)
}

// ResolvePackage finds the folder of package mod as Node resolves it from
// folder from: from/node_modules/mod, then the same in each parent folder
// (a folder named node_modules holds mod directly); at the top, mod itself,
// for a file system rooted at a node_modules folder. "" when none has a
// package.json. With a RealFS the folder returned is the real one.
func ResolvePackage(fsys fs.FS, from, mod string) string {
	try := func(dir string) string {
		if st, err := fs.Stat(fsys, path.Join(dir, "package.json")); err != nil || !st.Mode().IsRegular() {
			return ""
		}
		if r, ok := fsys.(RealFS); ok {
			real, err := r.Real(dir)
			if err != nil {
				return ""
			}
			return real
		}
		return dir
	}
	for d := path.Clean(from); ; d = path.Dir(d) {
		var cand string
		switch {
		case d == ".":
			cand = path.Join("node_modules", mod)
		case path.Base(d) == "node_modules":
			cand = path.Join(d, mod)
		default:
			cand = path.Join(d, "node_modules", mod)
		}
		if got := try(cand); got != "" {
			return got
		}
		if d == "." {
			break
		}
	}
	return try(mod)
}

// EntryNamespaces maps each namespace a top-level SDK package exports to the
// module it comes from: `import * as X from 'm'` paired with
// `export { X as ns }` (or `export { X }`). Re-exports with `from` are not
// namespaces and are ignored.
func EntryNamespaces(src string) map[string]string {
	imports := map[string]string{}
	for _, m := range importStarRE.FindAllStringSubmatch(src, -1) {
		imports[m[1]] = m[2]
	}
	out := map[string]string{}
	for _, m := range exportListRE.FindAllStringSubmatch(src, -1) {
		if m[2] != "" {
			continue
		}
		for _, part := range strings.Split(m[1], ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			local, exported, ok := strings.Cut(part, " as ")
			local = strings.TrimSpace(local)
			if ok {
				exported = strings.TrimSpace(exported)
			} else {
				exported = local
			}
			if mod, ok := imports[local]; ok {
				out[exported] = mod
			}
		}
	}
	return out
}

// reachable returns the declaration files reachable from entry through
// relative imports and re-exports, entry first, then in discovery order.
func reachable(fsys fs.FS, pkgDir, entry string) (map[string]string, []string, error) {
	texts := map[string]string{}
	var order []string
	queue := []string{path.Join(pkgDir, entry)}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if _, seen := texts[f]; seen {
			continue
		}
		raw, err := fs.ReadFile(fsys, f)
		if err != nil {
			if len(order) == 0 {
				return nil, nil, err
			}
			continue // an optional sibling that this build does not ship
		}
		// The bytes are never written again: share them rather than copy
		// (the typings of a large app's packages are tens of megabytes).
		src := unsafe.String(unsafe.SliceData(raw), len(raw))
		texts[f] = src
		order = append(order, f)
		for _, spec := range relImports(src) {
			if r := resolveDecl(fsys, path.Dir(f), spec); r != "" {
				queue = append(queue, r)
			}
		}
	}
	return texts, order, nil
}

// resolveDecl maps a relative module specifier to its declaration file.
func resolveDecl(fsys fs.FS, dir, spec string) string {
	p := path.Join(dir, spec)
	cands := []string{p + ".d.ts", p + ".d.mts", p + "/index.d.ts", p}
	if strings.HasSuffix(p, ".mjs") {
		cands = append([]string{strings.TrimSuffix(p, ".mjs") + ".d.mts"}, cands...)
	}
	if strings.HasSuffix(p, ".js") {
		cands = append([]string{strings.TrimSuffix(p, ".js") + ".d.ts"}, cands...)
	}
	for _, c := range cands {
		if !strings.HasSuffix(c, ".d.ts") && !strings.HasSuffix(c, ".d.mts") {
			continue
		}
		if st, err := fs.Stat(fsys, c); err == nil && !st.IsDir() {
			return c
		}
	}
	return ""
}

// SDKResult is what ExtractSDK found for one top-level package.
type SDKResult struct {
	Package  PackageInfo
	Events   []catalog.SDKEvent
	Read     []PackageInfo     // implementation packages read, sorted by name
	Warnings []string          // non-fatal oddities worth a look when regenerating
	NSModule map[string]string // namespace → implementation module
}

// ExtractSDK reads every event function of a top-level SDK package (e.g.
// "@wix/crm") whose folder in fsys is dir; its implementation packages are
// found from there as Node finds them (ResolvePackage). A package whose
// entry pairs no namespaces declares no events: the result has none and a
// warning says so.
func ExtractSDK(fsys fs.FS, dir string) (*SDKResult, error) {
	top, err := readPackage(fsys, dir)
	if err != nil {
		return nil, err
	}
	raw, err := fs.ReadFile(fsys, path.Join(dir, top.Types))
	if err != nil {
		return nil, err
	}
	pkg := top.Name
	res := &SDKResult{Package: top, NSModule: EntryNamespaces(string(raw))}
	if len(res.NSModule) == 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: no namespaces (`import * as X` / `export { X as ns }`) in %s: no events", pkg, top.Types))
		return res, nil
	}
	nss := make([]string, 0, len(res.NSModule))
	for ns := range res.NSModule {
		nss = append(nss, ns)
	}
	sort.Strings(nss)
	seenPkg := map[string]bool{}
	for _, ns := range nss {
		mod := res.NSModule[ns]
		mdir := ResolvePackage(fsys, dir, mod)
		if mdir == "" {
			return nil, fmt.Errorf("%s namespace %s: package %s is not installed", pkg, ns, mod)
		}
		info, err := readPackage(fsys, mdir)
		if err != nil {
			return nil, fmt.Errorf("%s namespace %s: %w", pkg, ns, err)
		}
		evs, warns, err := moduleEvents(fsys, info)
		if err != nil {
			return nil, fmt.Errorf("%s namespace %s: %w", pkg, ns, err)
		}
		for _, w := range warns {
			res.Warnings = append(res.Warnings, pkg+" "+ns+": "+w)
		}
		if len(evs) > 0 && !seenPkg[info.Name] {
			seenPkg[info.Name] = true
			res.Read = append(res.Read, info)
		}
		for _, e := range evs {
			e.Package, e.ImportPath, e.Namespace = pkg, pkg, ns
			res.Events = append(res.Events, e)
		}
	}
	sort.Slice(res.Read, func(i, j int) bool { return res.Read[i].Name < res.Read[j].Name })
	return res, nil
}

// moduleEvents extracts the event functions of one implementation package.
func moduleEvents(fsys fs.FS, info PackageInfo) ([]catalog.SDKEvent, []string, error) {
	texts, order, err := reachable(fsys, info.Dir, info.Types)
	if err != nil {
		return nil, nil, err
	}
	return EventsFromFiles(texts, order, "npm:"+info.Name+"@"+info.Version+"/", info.Dir+"/")
}

// EventsFromFiles extracts event functions from a set of declaration files
// (path → text; order lists the paths to scan, entry first). Evidence paths
// are evidencePrefix + the file path with trimPrefix removed.
func EventsFromFiles(texts map[string]string, order []string, evidencePrefix, trimPrefix string) ([]catalog.SDKEvent, []string, error) {
	type jsdoc struct {
		payload string
		desc    string
		tags    []tag
	}
	docs := map[string]jsdoc{}
	shortDocs := map[string]string{}
	var warns []string
	for _, f := range order {
		src := texts[f]
		for _, loc := range findAt(src, "declare function on", handlerFnRE, 512) {
			name := src[loc[2]:loc[3]]
			desc, tags := docText(precedingJSDoc(src, withExport(src, loc[0])))
			if _, dup := docs[name]; !dup {
				docs[name] = jsdoc{payload: src[loc[4]:loc[5]], desc: desc, tags: tags}
			}
		}
		for _, loc := range findAt(src, "declare const on", buildEventRE, 512) {
			name := src[loc[2]:loc[3]]
			if d, _ := docText(precedingJSDoc(src, loc[0])); d != "" && shortDocs[name] == "" {
				shortDocs[name] = d
			}
		}
	}
	var out []catalog.SDKEvent
	seen := map[string]bool{}
	ifaces := indexInterfaces(texts, order)
	for _, f := range order {
		src := texts[f]
		for _, loc := range findAt(src, "declare const on", eventDefRE, 1024) {
			name, payload, typ := src[loc[2]:loc[3]], src[loc[6]:loc[7]], src[loc[8]:loc[9]]
			if seen[name] {
				continue
			}
			seen[name] = true
			e := catalog.SDKEvent{
				Export:      name,
				EventType:   typ,
				PayloadType: payload,
				Evidence:    evidencePrefix + strings.TrimPrefix(f, trimPrefix),
			}
			d, ok := docs[name]
			if !ok {
				warns = append(warns, name+": no JSDoc'd `declare function "+name+"(handler…)` found")
				e.Description = collapse(shortDocs[name])
			} else {
				e.Description = collapse(d.desc)
				if e.Description == "" {
					e.Description = collapse(shortDocs[name])
				}
				if d.payload != payload {
					warns = append(warns, fmt.Sprintf("%s: EventDefinition payload %s but handler takes %s", name, payload, d.payload))
				}
				for _, t := range d.tags {
					switch t.name {
					case "permissionScope":
						e.PermissionScopes = append(e.PermissionScopes, t.value)
					case "permissionScopeId":
						e.PermissionScopeIDs = append(e.PermissionScopeIDs, t.value)
					case "deprecated":
						e.Deprecated = true
					case "replacedBy":
						e.ReplacedBy = t.value
					case "targetRemovalDate":
						e.TargetRemovalDate = t.value
					case "eventType":
						if t.value != typ {
							warns = append(warns, fmt.Sprintf("%s: @eventType %s differs from EventDefinition %s", name, t.value, typ))
						}
					}
				}
			}
			e.PayloadFields = ifaces.fields(payload)
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Export < out[j].Export })
	return out, warns, nil
}

// precedingJSDoc returns the /** … */ comment that ends right before pos
// (only whitespace between), or "".
func precedingJSDoc(src string, pos int) string {
	j := pos
	for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t' || src[j-1] == '\n' || src[j-1] == '\r') {
		j--
	}
	if !strings.HasSuffix(src[:j], "*/") {
		return ""
	}
	start := strings.LastIndex(src[:j-2], "/**")
	if start < 0 {
		return ""
	}
	// A "*/" inside the found range would mean we crossed comments.
	if strings.Contains(src[start+3:j-2], "*/") {
		return ""
	}
	return src[start:j]
}

// interfaces finds `interface Name {…}` declarations (at a line's start,
// after optional `export` / `declare`) across a package's files; the first
// one of a name, in file order, wins.
type interfaces map[string]string // name → body between the braces

func indexInterfaces(texts map[string]string, order []string) interfaces {
	out := interfaces{}
	for _, f := range order {
		src := texts[f]
		for i := 0; ; {
			j := strings.Index(src[i:], "interface ")
			if j < 0 {
				break
			}
			at := i + j
			i = at + len("interface ")
			if !lineStartDecl(src, at) {
				continue
			}
			k := i
			for k < len(src) && isIdentByte(src[k]) {
				k++
			}
			name := src[i:k]
			if name == "" {
				continue
			}
			if _, dup := out[name]; dup {
				continue
			}
			k = skipWS(src, k)
			if strings.HasPrefix(src[k:], "extends") && k+7 < len(src) && !isIdentByte(src[k+7]) {
				b := strings.IndexByte(src[k:], '{')
				if b < 0 {
					continue
				}
				k += b
			}
			if k >= len(src) || src[k] != '{' {
				continue
			}
			if end := matchBrace(src, k); end > 0 {
				out[name] = src[k+1 : end-1]
			}
		}
	}
	return out
}

// lineStartDecl reports whether only whitespace and the words export and
// declare stand between the line's start and at.
func lineStartDecl(src string, at int) bool {
	ls := strings.LastIndexByte(src[:at], '\n') + 1
	for _, w := range strings.Fields(src[ls:at]) {
		if w != "export" && w != "declare" {
			return false
		}
	}
	return true
}

// fields lists the properties of interface name; nil when none is declared.
func (ix interfaces) fields(name string) []catalog.Field {
	body, ok := ix[name]
	if !ok {
		return nil
	}
	return fieldsOf(body)
}
