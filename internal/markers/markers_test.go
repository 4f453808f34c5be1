package markers

import (
	"reflect"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{``, nil},
		{`a`, []string{"a"}},
		{`a, "b, c", d`, []string{"a", "b, c", "d"}},
		{`"x",`, []string{"x", ""}},
	}
	for _, tt := range tests {
		if got := ParseArgs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseArgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStrip(t *testing.T) {
	text, ms := Strip("f.ts", "a\n/*@diag(x, \"y, z\")*/b/*@end*/c")
	if text != "a\nbc" {
		t.Errorf("text = %q", text)
	}
	want := []Marker{
		{Name: "diag", Args: []string{"x", "y, z"}, Path: "f.ts", Off: 2, Line: 2},
		{Name: "end", Path: "f.ts", Off: 3, Line: 2},
	}
	if !reflect.DeepEqual(ms, want) {
		t.Errorf("markers = %+v, want %+v", ms, want)
	}
}
