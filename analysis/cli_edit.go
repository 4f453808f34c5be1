package analysis

// Edits shared by the Wix CLI quick fixes and the editor's scaffolding
// command: fresh UUIDs, imports, registration.

import (
	"crypto/rand"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// NewUUID returns a fresh random UUID v4 in canonical form, as the CLI's
// crypto.randomUUID() writes it.
func NewUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand: " + err.Error()) // never fails on supported platforms
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// uuidShaped reports the 8-4-4-4-12 hex digit layout of any UUID.
func uuidShaped(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHexDigit(c) {
				return false
			}
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// ValidUUIDv4 reports whether s is a canonical UUID v4: 8-4-4-4-12 hex
// digits, version nibble 4, variant 8, 9, a or b. Hex case is not
// significant (GUIDs compare case-insensitively).
func ValidUUIDv4(s string) bool {
	if !uuidShaped(s) || s[14] != '4' {
		return false
	}
	switch s[19] {
	case '8', '9', 'a', 'b', 'A', 'B':
		return true
	}
	return false
}

// placeholderID reports an id that a template or a doc left to be filled in.
func placeholderID(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	if l == "" {
		return true
	}
	for _, p := range []string{"{{", "}}", "<", ">", "${", "uuid", "guid", "todo", "xxxx", "your-", "your_", "replace", "placeholder", "fixme", "changeme", "generate"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// quoteOf returns the quote character a file uses for module strings.
func quoteOf(f *index.File) byte {
	text := f.Text()
	for _, im := range f.Scan.Imports {
		// ModuleSpan is the string's content, without its quotes.
		if at := im.ModuleSpan.Start - 1; at >= 0 && int(at) < len(text) && !im.ModuleSpan.IsZero() {
			if q := text[at]; q == '"' || q == '\'' {
				return q
			}
		}
	}
	return '\''
}

func quote(q byte, s string) string { return string(q) + s + string(q) }

// lastImportEnd returns the end of the last static import statement, -1
// when there is none.
func lastImportEnd(f *index.File) int {
	end := -1
	for _, im := range f.Scan.Imports {
		if im.Require || im.Dynamic || im.Stmt.IsZero() {
			continue
		}
		if int(im.Stmt.End) > end {
			end = int(im.Stmt.End)
		}
	}
	return end
}

// insertImport returns the edit that adds an import line after the last
// import of f (or at the top).
func insertImport(f *index.File, line string) Edit {
	if end := lastImportEnd(f); end >= 0 {
		return Edit{Path: f.Path, Span: scan.Span{Start: int32(end), End: int32(end)}, NewText: "\n" + line}
	}
	return Edit{Path: f.Path, Span: scan.Span{}, NewText: line + "\n\n"}
}

// boundNames returns every name a file's imports bind.
func boundNames(f *index.File) map[string]bool {
	m := map[string]bool{}
	for _, im := range f.Scan.Imports {
		if im.Default != "" {
			m[im.Default] = true
		}
		if im.Namespace != "" {
			m[im.Namespace] = true
		}
		for _, n := range im.Names {
			m[n.Local] = true
		}
	}
	return m
}

// addNamedImport returns the local name under which name exported by module
// can be used in f, and the edits that import it if it is not yet imported:
// added to an existing `import { … } from module` (not skip), or as a new
// import line.
func addNamedImport(f *index.File, module, name string, skip *scan.Import) (string, []Edit) {
	if l, ok := importedAs(f, module, name, skip); ok {
		return l, nil
	}
	if im := bracedImport(f, module, skip); im != nil {
		if len(im.Names) > 0 {
			last := im.Names[len(im.Names)-1].Span.End
			return name, []Edit{{Path: f.Path, Span: scan.Span{Start: last, End: last}, NewText: ", " + name}}
		}
		// Braces is the list's inside, between { and }.
		return name, []Edit{{Path: f.Path, Span: im.Braces, NewText: " " + name + " "}}
	}
	return name, []Edit{insertImport(f, "import { "+name+" } from "+quote(quoteOf(f), module)+";")}
}

// withLineBreak widens a statement span over its trailing line break, so
// deleting it leaves no blank line.
func withLineBreak(text string, sp scan.Span) scan.Span {
	end := sp.End
	for int(end) < len(text) && (text[end] == ' ' || text[end] == '\t') {
		end++
	}
	if int(end) < len(text) && text[end] == '\r' {
		end++
	}
	if int(end) < len(text) && text[end] == '\n' {
		return scan.Span{Start: sp.Start, End: end + 1}
	}
	return sp
}

// LocalName turns a folder or file name ("contact-created") into an
// identifier ("contactCreated").
func LocalName(name string) string {
	var b strings.Builder
	up := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '$':
			if b.Len() == 0 && unicode.IsDigit(r) {
				b.WriteString("ext")
				up = true
			}
			if up && b.Len() > 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	if b.Len() == 0 {
		return "extension"
	}
	s := b.String()
	return strings.ToLower(s[:1]) + s[1:]
}

// uniqueLocal returns base, or base2, base3 … when a name is taken.
func uniqueLocal(base string, taken map[string]bool) string {
	if !taken[base] {
		return base
	}
	for i := 2; ; i++ {
		if n := base + strconv.Itoa(i); !taken[n] {
			return n
		}
	}
}

// RegisterEdits returns the edits that import the builder exported as
// export ("default" or a name) from the file at builderPath into the app's
// src/extensions.ts and add it to the app() chain, creating the file when
// it does not exist. module is the builders module for a created file. It
// returns nil when the registration cannot be edited safely (it exists but
// is not indexed, or has no app() chain and already a default export).
func (app *CLIApp) RegisterEdits(builderPath, export, module string) []Edit {
	if module == "" {
		module = BuildersModule
	}
	base := strings.TrimSuffix(filepath.Base(builderPath), ".extension.ts")
	if folder, _ := app.eventsFolder(builderPath); folder != "" {
		base = folder
	}
	spec := app.srcRel(builderPath)
	regPath := filepath.Join(app.Src, "extensions.ts")
	r := app.Registration
	if r == nil {
		if app.ws.File(regPath) != nil || app.ws.Exists(regPath) {
			return nil
		}
		local := LocalName(base)
		imp := "import " + local + " from '" + spec + "';"
		if export != "default" {
			local = export
			imp = "import { " + export + " } from '" + spec + "';"
		}
		text := "import { app } from '" + module + "';\n" + imp + "\n\nexport default app().use(" + local + ");\n"
		return []Edit{{Path: regPath, Create: true, NewText: text}}
	}
	f := r.File
	for _, u := range r.Uses {
		if u.Path == builderPath && u.Export == export {
			return nil // registered already
		}
	}
	local, edits := app.ImportBuilder(builderPath, export)
	cur := f.Text()
	if strings.TrimSpace(cur) == "" {
		text := "import { app } from '" + module + "';\n"
		text += strings.TrimPrefix(edits[0].NewText, "\n")
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		text = strings.TrimRight(text, "\n") + "\n\nexport default app().use(" + local + ");\n"
		return []Edit{{Path: f.Path, Span: scan.Span{Start: 0, End: int32(len(cur))}, NewText: text}}
	}
	use, ok := useEdit(f, r.Chain, local)
	if !ok {
		if hasDefaultExport(f) {
			return nil
		}
		appLocal, imps := addNamedImport(f, module, "app", nil)
		edits = append(edits, imps...)
		sep := "\n"
		if !strings.HasSuffix(cur, "\n") {
			sep = "\n\n"
		}
		use = Edit{Path: f.Path, Span: scan.Span{Start: int32(len(cur)), End: int32(len(cur))}, NewText: sep + "export default " + appLocal + "().use(" + local + ");\n"}
	}
	return append(edits, use)
}

// ImportBuilder returns the name under which the registration can use the
// builder exported as export from builderPath, and the edit importing it
// there when it is not imported yet. The registration must exist.
func (app *CLIApp) ImportBuilder(builderPath, export string) (string, []Edit) {
	r := app.Registration
	if r == nil {
		return "", nil
	}
	f := r.File
	for i := range f.Scan.Imports {
		im := &f.Scan.Imports[i]
		if !strings.HasPrefix(im.Module, ".") || app.resolveImport(f, im.Module) != builderPath {
			continue
		}
		if export == "default" && im.Default != "" {
			return im.Default, nil
		}
		for _, n := range im.Names {
			if n.Imported == export {
				return n.Local, nil
			}
		}
	}
	base := strings.TrimSuffix(filepath.Base(builderPath), ".extension.ts")
	if folder, _ := app.eventsFolder(builderPath); folder != "" {
		base = folder
	}
	spec := app.srcRel(builderPath)
	if !app.tsExtensionStyle(f) {
		spec = strings.TrimSuffix(spec, ".ts")
	}
	q := quote(quoteOf(f), spec)
	taken := boundNames(f)
	if export == "default" {
		local := uniqueLocal(LocalName(base), taken)
		return local, []Edit{insertImport(f, "import "+local+" from "+q+";")}
	}
	local := uniqueLocal(export, taken)
	as := export
	if local != export {
		as = export + " as " + local
	}
	return local, []Edit{insertImport(f, "import { "+as+" } from "+q+";")}
}

// tsExtensionStyle reports whether the registration's relative imports
// spell the .ts extension (the CLI's template does); true when it has none.
func (app *CLIApp) tsExtensionStyle(f *index.File) bool {
	with, without := 0, 0
	for _, im := range f.Scan.Imports {
		if !strings.HasPrefix(im.Module, ".") {
			continue
		}
		if strings.HasSuffix(im.Module, ".ts") {
			with++
		} else {
			without++
		}
	}
	return with > 0 || without == 0
}

func hasDefaultExport(f *index.File) bool {
	for _, e := range f.Scan.Exports {
		if e.Form == scan.FormDefault || e.Name == "default" {
			return true
		}
	}
	return false
}

// useEdit appends .use(local) to an app() chain, on its own line when the
// chain already puts each .use on one.
func useEdit(f *index.File, chain *scan.Call, local string) (Edit, bool) {
	if chain == nil || !chain.Closed || int(chain.Span.End) > f.Size() {
		return Edit{}, false
	}
	text := f.Text()[chain.Span.Start:chain.Span.End]
	ins := ".use(" + local + ")"
	if i := strings.LastIndex(text, ".use"); i > 0 {
		before := strings.TrimRight(text[:i], " \t")
		if strings.HasSuffix(before, "\n") {
			indent := text[len(before):i]
			ins = "\n" + indent + ins
		}
	}
	return Edit{Path: f.Path, Span: scan.Span{Start: chain.Span.End, End: chain.Span.End}, NewText: ins}, true
}
