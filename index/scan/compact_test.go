package scan

import (
	"reflect"
	"testing"
	"unsafe"
)

func TestCallAssigned(t *testing.T) {
	tests := []struct {
		src, callee, want string
	}{
		{"const b = extensions.event({ id: 'x' });", "extensions.event", "b"},
		{"let b = f();", "f", "b"},
		{"var b /* why */ = f();", "f", "b"},
		{"export const b = f();", "f", "b"},
		{"b = f();", "f", ""},
		{"const { b } = f();", "f", ""},
		{"const b = g(f());", "f", ""},
		{"const b = 1 + f();", "f", ""},
		{"f();", "f", ""},
	}
	for _, tt := range tests {
		f := Parse(tt.src)
		var got *Call
		for i := range f.Calls {
			if f.Calls[i].Callee == tt.callee {
				got = &f.Calls[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no call %s", tt.src, tt.callee)
			continue
		}
		if got.Assigned != tt.want {
			t.Errorf("%q: Assigned = %q, want %q", tt.src, got.Assigned, tt.want)
		}
	}
}

const compactSrc = `import { contacts } from '@wix/crm';
import * as ns from './x';
export const b = extensions.event({ id: 'a', source: './h.ts', nested: { deep: [1] } });
export default contacts.onContactCreated(async (event) => {
  console.log(event.entity, { a: 1, b: { c: 2 } });
  await ns.helper('x');
});
`

func TestCompact(t *testing.T) {
	tests := []struct {
		name string
		keep func(*Call) bool
		want []string // callees kept, in order
	}{
		{"all", nil, []string{"extensions.event", "contacts.onContactCreated", "console.log", "ns.helper"}},
		{"top level", func(c *Call) bool { return c.Depth == 0 }, []string{"extensions.event", "contacts.onContactCreated"}},
		{"none", func(*Call) bool { return false }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full := Parse(compactSrc)
			c := full.Compact(tt.keep)
			if !c.Compacted() || c.Tokens != nil || full.Compacted() {
				t.Fatalf("Compacted: compact %v (tokens %d), full %v", c.Compacted(), len(c.Tokens), full.Compacted())
			}
			if _, ok := c.TokenAt(10); ok || c.Match(0) != -1 {
				t.Error("token queries answer on a compact parse")
			}
			var got []string
			for _, call := range c.Calls {
				got = append(got, call.Callee)
				var orig *Call
				for i := range full.Calls {
					if full.Calls[i].Span == call.Span {
						orig = &full.Calls[i]
					}
				}
				if orig == nil || !reflect.DeepEqual(*orig, call) {
					t.Errorf("%s: kept call differs from the parse's:\n got %+v\nwant %+v", call.Callee, call, orig)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("calls kept %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(c.Exports, full.Exports) || !reflect.DeepEqual(c.Imports, full.Imports) || !reflect.DeepEqual(c.Functions, full.Functions) {
				t.Error("exports, imports or functions differ from the parse's")
			}
			// The copy shares no list with the parse (its arenas are freed).
			if len(full.Calls) > 0 && len(c.Calls) > 0 && len(full.Calls[0].Args) > 0 {
				full.Calls[0].Args[0].Props[0].Key = "changed"
				if c.Calls[0].Args[0].Props[0].Key == "changed" {
					t.Error("the compact parse shares argument lists with the full one")
				}
			}
			if len(full.Imports) > 0 && len(full.Imports[0].Names) > 0 {
				full.Imports[0].Names[0].Local = "changed"
				if c.Imports[0].Names[0].Local == "changed" {
					t.Error("the compact parse shares import lists with the full one")
				}
			}
		})
	}
}

// TestCompactIn checks that a compact parse taken from an Alloc's chunks
// equals the one allocated list by list, for every fixture parsed one after
// the other into the same chunks, that with Alloc.Own none of its strings
// points into the text, and that a list handed out of a chunk cannot grow
// into its neighbour's.
func TestCompactIn(t *testing.T) {
	a := Alloc{Own: true}
	keep := func(full *File, c *Call) bool { return c.Depth == 0 }
	texts := []string{compactSrc}
	for _, fx := range loadFixtures(t) {
		texts = append(texts, fx.text)
	}
	var got []*File
	for _, text := range texts {
		got = append(got, ParseCompactIn(text, keep, &a))
	}
	for i, text := range texts {
		want := ParseCompact(text, keep)
		if !reflect.DeepEqual(normalize(got[i]), normalize(want)) {
			t.Errorf("text %d: the parse from chunks differs:\n got %+v\nwant %+v", i, got[i], want)
		}
		// Nothing of the parse may point into the text: the index drops
		// the texts of such parses.
		if got[i].text != "" {
			t.Errorf("text %d: the parse keeps its text", i)
		}
		for _, str := range parseStrings(got[i]) {
			if into(str, text) {
				t.Errorf("text %d: %q is a substring of the text", i, str)
				break
			}
		}
	}
	// Two parses in a row share chunks: growing the first's lists must
	// leave the second's alone.
	f1, f2 := ParseCompactIn(compactSrc, nil, &a), ParseCompactIn(compactSrc, nil, &a)
	want := normalize(ParseCompact(compactSrc, nil))
	f1.Exports = append(f1.Exports, Export{Name: "grown"})
	f1.Imports = append(f1.Imports, Import{Module: "grown"})
	f1.Imports[0].Names = append(f1.Imports[0].Names, ImportName{Local: "grown"})
	f1.Calls = append(f1.Calls, Call{Callee: "grown"})
	f1.Calls[0].Args = append(f1.Calls[0].Args, Arg{Text: "grown"})
	f1.Calls[0].Args[0].Props = append(f1.Calls[0].Args[0].Props, Prop{Key: "grown"})
	f1.Functions = append(f1.Functions, Span{1, 2})
	if !reflect.DeepEqual(normalize(f2), want) {
		t.Error("appending to one parse's lists changed the next parse in the same chunks")
	}
}

// normalize makes empty lists nil and drops the text reference, so parses
// compare by content.
func normalize(f *File) File {
	c := *f
	c.text = ""
	if len(c.Exports) == 0 {
		c.Exports = nil
	}
	if len(c.Imports) == 0 {
		c.Imports = nil
	}
	for i := range c.Imports {
		if len(c.Imports[i].Names) == 0 {
			c.Imports[i].Names = nil
		}
	}
	if len(c.Calls) == 0 {
		c.Calls = nil
	}
	if len(c.Functions) == 0 {
		c.Functions = nil
	}
	return c
}

// parseStrings lists every string a compact parse holds.
func parseStrings(f *File) []string {
	var out []string
	var arg func(a *Arg)
	arg = func(a *Arg) {
		out = append(out, a.Str, a.Text)
		for i := range a.Props {
			out = append(out, a.Props[i].Key)
			arg(&a.Props[i].Value)
		}
	}
	for _, e := range f.Exports {
		out = append(out, e.Name, e.Local, e.From)
	}
	for _, im := range f.Imports {
		out = append(out, im.Module, im.Default, im.Namespace)
		for _, n := range im.Names {
			out = append(out, n.Imported, n.Local)
		}
	}
	for i := range f.Calls {
		out = append(out, f.Calls[i].Callee, f.Calls[i].Assigned)
		for j := range f.Calls[i].Args {
			arg(&f.Calls[i].Args[j])
		}
	}
	return out
}

// into reports whether s's bytes lie inside text's.
func into(s, text string) bool {
	if s == "" || text == "" {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
	return p >= lo && p < lo+uintptr(len(text))
}
