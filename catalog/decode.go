package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Why a hand-written decoder: encoding/json takes ~12 ms for the ~570 kB
// catalog (reflection, one allocation per string), which every server
// start would pay. This decoder knows the catalog.gen.json schema, returns
// strings that share the embedded data when they hold no escapes, and runs
// in about a millisecond. TestFastDecodeMatchesEncodingJSON keeps it equal
// to encoding/json on the embedded file, so the json tags stay the truth.
// Unknown keys are skipped, like encoding/json does.

type decoder struct {
	s   string
	i   int
	err error

	// Field and string lists are decoded into scratch buffers and then
	// carved, exactly sized, out of shared slabs: one allocation per slab
	// instead of a growing slice per list (the SDK events' payload fields
	// and scopes were a third of the load time).
	fieldScratch []Field
	strScratch   []string
	fieldSlab    []Field
	strSlab      []string
}

const slabLen = 1024

func (d *decoder) carveFields(src []Field) []Field {
	if len(src) > slabLen {
		return append([]Field(nil), src...)
	}
	if len(d.fieldSlab) < len(src) {
		d.fieldSlab = make([]Field, slabLen)
	}
	out := d.fieldSlab[:len(src):len(src)]
	d.fieldSlab = d.fieldSlab[len(src):]
	copy(out, src)
	return out
}

func (d *decoder) carveStrs(src []string) []string {
	if len(src) > slabLen {
		return append([]string(nil), src...)
	}
	if len(d.strSlab) < len(src) {
		d.strSlab = make([]string, slabLen)
	}
	out := d.strSlab[:len(src):len(src)]
	d.strSlab = d.strSlab[len(src):]
	copy(out, src)
	return out
}

func decodeFile(data string) (*File, error) {
	d := &decoder{s: data}
	f := &File{}
	d.object(func(key string) {
		switch key {
		case "generated":
			f.Generated = d.str()
		case "version":
			f.Version = d.str()
		case "packages":
			d.array(func() {
				var p Package
				d.object(func(k string) {
					switch k {
					case "name":
						p.Name = d.str()
					case "version":
						p.Version = d.str()
					case "integrity":
						p.Integrity = d.str()
					default:
						d.skip()
					}
				})
				f.Packages = append(f.Packages, p)
			})
		case "prefixes":
			d.array(func() {
				var p PrefixInfo
				d.object(func(k string) {
					switch k {
					case "prefix":
						p.Prefix = d.str()
					case "modules":
						p.Modules = d.strs()
					case "docsUrl":
						p.DocsURL = d.str()
					default:
						d.skip()
					}
				})
				f.Prefixes = append(f.Prefixes, p)
			})
		case "handlers":
			if d.null() {
				return
			}
			hs := make([]Handler, 0, 256)
			d.array(func() {
				hs = append(hs, Handler{})
				d.handler(&hs[len(hs)-1])
			})
			f.Handlers = make([]*Handler, len(hs))
			for i := range hs {
				f.Handlers[i] = &hs[i]
			}
		case "modules":
			if d.null() {
				return
			}
			d.array(func() {
				var m SDKModule
				d.object(func(k string) {
					switch k {
					case "name":
						m.Name = d.str()
					case "version":
						m.Version = d.str()
					case "docsUrl":
						m.DocsURL = d.str()
					case "events":
						m.Events = d.int()
					case "installed":
						m.Installed = d.boolean()
					case "exports":
						m.Exports = d.strs()
					default:
						d.skip()
					}
				})
				f.Modules = append(f.Modules, m)
			})
		case "unreadVelo":
			if d.null() {
				return
			}
			d.array(func() {
				var u UnreadEvent
				d.object(func(k string) {
					switch k {
					case "event":
						u.Event = d.str()
					case "module":
						u.Module = d.str()
					case "menu":
						u.Menu = d.str()
					default:
						d.skip()
					}
				})
				f.Unread = append(f.Unread, u)
			})
		case "sdkEvents":
			if d.null() {
				return
			}
			es := make([]SDKEvent, 0, 1024)
			d.array(func() {
				es = append(es, SDKEvent{})
				d.sdkEvent(&es[len(es)-1])
			})
			f.SDKEvents = make([]*SDKEvent, len(es))
			for i := range es {
				f.SDKEvents[i] = &es[i]
			}
		default:
			d.skip()
		}
	})
	d.ws()
	if d.err == nil && d.i != len(d.s) {
		d.fail("trailing data")
	}
	if d.err != nil {
		return nil, d.err
	}
	return f, nil
}

func (d *decoder) handler(h *Handler) {
	d.object(func(k string) {
		switch k {
		case "name":
			h.Name = d.str()
		case "prefix":
			h.Prefix = d.str()
		case "module":
			h.Module = d.str()
		case "event":
			h.Event = d.str()
		case "generation":
			h.Generation = Generation(d.str())
		case "payloadType":
			h.PayloadType = d.str()
		case "payloadFields":
			h.PayloadFields = d.fields()
		case "description":
			h.Description = d.str()
		case "deprecated":
			h.Deprecated = d.boolean()
		case "deprecationNote":
			h.DeprecationNote = d.str()
		case "replacedBy":
			h.ReplacedBy = d.str()
		case "removalDate":
			h.RemovalDate = d.str()
		case "docsUrl":
			h.DocsURL = d.str()
		case "evidence":
			h.Evidence = d.str()
		case "derived":
			h.Derived = d.boolean()
		case "note":
			h.Note = d.str()
		case "eventType":
			h.EventType = d.str()
		case "sdk":
			h.SDK = d.str()
		default:
			d.skip()
		}
	})
}

func (d *decoder) sdkEvent(e *SDKEvent) {
	d.object(func(k string) {
		switch k {
		case "package":
			e.Package = d.str()
		case "importPath":
			e.ImportPath = d.str()
		case "namespace":
			e.Namespace = d.str()
		case "export":
			e.Export = d.str()
		case "eventType":
			e.EventType = d.str()
		case "payloadType":
			e.PayloadType = d.str()
		case "payloadFields":
			e.PayloadFields = d.fields()
		case "description":
			e.Description = d.str()
		case "permissionScopes":
			e.PermissionScopes = d.strs()
		case "permissionScopeIds":
			e.PermissionScopeIDs = d.strs()
		case "deprecated":
			e.Deprecated = d.boolean()
		case "replacedBy":
			e.ReplacedBy = d.str()
		case "targetRemovalDate":
			e.TargetRemovalDate = d.str()
		case "docsUrl":
			e.DocsURL = d.str()
		case "evidence":
			e.Evidence = d.str()
		case "source":
			e.Source = d.str()
		default:
			d.skip()
		}
	})
}

func (d *decoder) fields() []Field {
	if d.null() {
		return nil
	}
	fs := d.fieldScratch[:0]
	d.array(func() {
		var f Field
		d.object(func(k string) {
			switch k {
			case "name":
				f.Name = d.str()
			case "type":
				f.Type = d.str()
			case "doc":
				f.Doc = d.str()
			case "optional":
				f.Optional = d.boolean()
			default:
				d.skip()
			}
		})
		fs = append(fs, f)
	})
	d.fieldScratch = fs
	if len(fs) == 0 {
		return nil
	}
	return d.carveFields(fs)
}

func (d *decoder) strs() []string {
	if d.null() {
		return nil
	}
	out := d.strScratch[:0]
	d.array(func() { out = append(out, d.str()) })
	d.strScratch = out
	if len(out) == 0 {
		return nil
	}
	return d.carveStrs(out)
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("catalog data: %s at offset %d", msg, d.i)
		d.i = len(d.s)
	}
}

func (d *decoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\n', '\r', '\t':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) peek() byte {
	d.ws()
	if d.i >= len(d.s) {
		return 0
	}
	return d.s[d.i]
}

func (d *decoder) expect(c byte) bool {
	if d.peek() != c {
		d.fail(fmt.Sprintf("expected %q", c))
		return false
	}
	d.i++
	return true
}

func (d *decoder) null() bool {
	if d.peek() == 'n' && strings.HasPrefix(d.s[d.i:], "null") {
		d.i += 4
		return true
	}
	return false
}

// object calls fn for each key; fn must consume the value.
func (d *decoder) object(fn func(key string)) {
	if d.null() || !d.expect('{') {
		return
	}
	if d.peek() == '}' {
		d.i++
		return
	}
	for d.err == nil {
		key := d.str()
		if !d.expect(':') {
			return
		}
		fn(key)
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return
		default:
			d.fail("expected ',' or '}'")
		}
	}
}

// array calls fn for each element; fn must consume it.
func (d *decoder) array(fn func()) {
	if d.null() || !d.expect('[') {
		return
	}
	if d.peek() == ']' {
		d.i++
		return
	}
	for d.err == nil {
		fn()
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return
		default:
			d.fail("expected ',' or ']'")
		}
	}
}

func (d *decoder) boolean() bool {
	switch {
	case d.peek() == 't' && strings.HasPrefix(d.s[d.i:], "true"):
		d.i += 4
		return true
	case d.peek() == 'f' && strings.HasPrefix(d.s[d.i:], "false"):
		d.i += 5
		return false
	case d.null():
		return false
	}
	d.fail("expected a boolean")
	return false
}

// int decodes a non-negative JSON integer (the only numbers the schema has).
func (d *decoder) int() int {
	if d.null() {
		return 0
	}
	d.ws()
	start, n := d.i, 0
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' && d.i-start < 9 {
		n = n*10 + int(d.s[d.i]-'0')
		d.i++
	}
	if d.i == start {
		d.fail("expected a non-negative integer")
	}
	return n
}

// str decodes a JSON string; without escapes it is a substring of the input.
func (d *decoder) str() string {
	if d.null() {
		return ""
	}
	if !d.expect('"') {
		return ""
	}
	start := d.i
	// The generator writes no raw control characters, so a string is the
	// bytes up to the next quote unless a backslash comes first.
	j := strings.IndexByte(d.s[start:], '"')
	if j < 0 {
		d.fail("unterminated string")
		return ""
	}
	if strings.IndexByte(d.s[start:start+j], '\\') >= 0 {
		d.i = start + strings.IndexByte(d.s[start:start+j], '\\')
		return d.strSlow(start)
	}
	d.i = start + j + 1
	return d.s[start : start+j]
}

func (d *decoder) strSlow(start int) string {
	var b strings.Builder
	b.WriteString(d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return b.String()
		case c == '\\':
			if d.i+1 >= len(d.s) {
				d.fail("bad escape")
				return ""
			}
			e := d.s[d.i+1]
			d.i += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r := d.hex4()
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if strings.HasPrefix(d.s[d.i:], `\u`) {
						d.i += 2
						r2 = d.hex4()
					}
					r = utf16.DecodeRune(r, r2)
				}
				b.WriteRune(r)
			default:
				d.fail("bad escape")
				return ""
			}
		default:
			_, n := utf8.DecodeRuneInString(d.s[d.i:])
			b.WriteString(d.s[d.i : d.i+n])
			d.i += n
		}
	}
	d.fail("unterminated string")
	return ""
}

func (d *decoder) hex4() rune {
	if d.i+4 > len(d.s) {
		d.fail("bad \\u escape")
		return utf8.RuneError
	}
	v, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 32)
	if err != nil {
		d.fail("bad \\u escape")
		return utf8.RuneError
	}
	d.i += 4
	return rune(v)
}

// skip consumes any JSON value.
func (d *decoder) skip() {
	switch d.peek() {
	case '{':
		d.object(func(string) { d.skip() })
	case '[':
		d.array(func() { d.skip() })
	case '"':
		d.str()
	case 't', 'f':
		d.boolean()
	case 'n':
		d.null()
	default:
		start := d.i
		for d.i < len(d.s) && strings.IndexByte("+-0123456789.eE", d.s[d.i]) >= 0 {
			d.i++
		}
		if d.i == start {
			d.fail("unexpected character")
		}
	}
}
