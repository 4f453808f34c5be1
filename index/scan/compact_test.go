package scan

import (
	"reflect"
	"testing"
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
