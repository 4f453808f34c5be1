package textpos

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// refChar is one character of a text as the reference model sees it.
type refChar struct {
	off, size int
	u16       int
	nl        bool // a line terminator ("\n", "\r\n" or "\r", one char)
}

// refChars is a deliberately naive model of the rules in the package doc,
// used to check the optimized Mapper.
func refChars(text string) []refChar {
	var cs []refChar
	for i := 0; i < len(text); {
		switch {
		case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
			cs = append(cs, refChar{i, 2, 1, true})
			i += 2
		case text[i] == '\r' || text[i] == '\n':
			cs = append(cs, refChar{i, 1, 1, true})
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			u := 1
			if r > 0xFFFF {
				u = 2
			}
			cs = append(cs, refChar{i, size, u, false})
			i += size
		}
	}
	return cs
}

func refPosition(text string, offset int, enc Encoding) Position {
	var p Position
	for _, c := range refChars(text) {
		if c.off+c.size > offset {
			break
		}
		if c.nl {
			p.Line++
			p.Character = 0
			continue
		}
		switch enc {
		case UTF8:
			p.Character += uint32(c.size)
		case UTF16:
			p.Character += uint32(c.u16)
		default:
			p.Character++
		}
	}
	return p
}

func TestPositionTable(t *testing.T) {
	type want struct {
		off     int
		u16, u8 Position
		u32     Position
	}
	P := func(l, c uint32) Position { return Position{l, c} }
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"empty", "", []want{{0, P(0, 0), P(0, 0), P(0, 0)}, {5, P(0, 0), P(0, 0), P(0, 0)}, {-3, P(0, 0), P(0, 0), P(0, 0)}}},
		{"lf", "ab\ncd", []want{{2, P(0, 2), P(0, 2), P(0, 2)}, {3, P(1, 0), P(1, 0), P(1, 0)}, {5, P(1, 2), P(1, 2), P(1, 2)}}},
		{"trailing newline", "ab\n", []want{{3, P(1, 0), P(1, 0), P(1, 0)}}},
		{"crlf", "ab\r\ncd", []want{{2, P(0, 2), P(0, 2), P(0, 2)}, {3, P(0, 2), P(0, 2), P(0, 2)}, {4, P(1, 0), P(1, 0), P(1, 0)}}},
		{"lone cr", "a\rb\r", []want{{1, P(0, 1), P(0, 1), P(0, 1)}, {2, P(1, 0), P(1, 0), P(1, 0)}, {4, P(2, 0), P(2, 0), P(2, 0)}}},
		{"cr cr lf", "a\r\r\nb", []want{{2, P(1, 0), P(1, 0), P(1, 0)}, {4, P(2, 0), P(2, 0), P(2, 0)}}},
		{"bom", "\uFEFFab", []want{{3, P(0, 1), P(0, 3), P(0, 1)}, {1, P(0, 0), P(0, 0), P(0, 0)}, {5, P(0, 3), P(0, 5), P(0, 3)}}},
		{"astral", "a😀b", []want{{1, P(0, 1), P(0, 1), P(0, 1)}, {3, P(0, 1), P(0, 1), P(0, 1)}, {5, P(0, 3), P(0, 5), P(0, 2)}, {6, P(0, 4), P(0, 6), P(0, 3)}}},
		{"u2028 not a break", "a\u2028b", []want{{4, P(0, 2), P(0, 4), P(0, 2)}}},
		{"invalid utf8", "a\xff\xfeb", []want{{2, P(0, 2), P(0, 2), P(0, 2)}, {3, P(0, 3), P(0, 3), P(0, 3)}, {4, P(0, 4), P(0, 4), P(0, 4)}}},
		{"truncated sequence", "é\xe2\x82x", []want{{4, P(0, 3), P(0, 4), P(0, 3)}, {5, P(0, 4), P(0, 5), P(0, 4)}}},
		{"two-byte", "é\né", []want{{1, P(0, 0), P(0, 0), P(0, 0)}, {2, P(0, 1), P(0, 2), P(0, 1)}, {5, P(1, 1), P(1, 2), P(1, 1)}}},
		{"past end", "ab", []want{{99, P(0, 2), P(0, 2), P(0, 2)}}},
	}
	for _, tt := range tests {
		m := NewMapper(tt.text)
		for _, w := range tt.want {
			for _, c := range []struct {
				enc Encoding
				p   Position
			}{{UTF16, w.u16}, {UTF8, w.u8}, {UTF32, w.u32}} {
				if got := m.Position(w.off, c.enc); got != c.p {
					t.Errorf("%s: Position(%d, %v) = %v, want %v", tt.name, w.off, c.enc, got, c.p)
				}
			}
		}
	}
}

func TestOffsetTable(t *testing.T) {
	tests := []struct {
		text    string
		p       Position
		enc     Encoding
		want    int
		wantErr bool
	}{
		{"", Position{0, 0}, UTF16, 0, false},
		{"", Position{0, 7}, UTF16, 0, false},
		{"", Position{1, 0}, UTF16, 0, true},
		{"ab\r\ncd", Position{0, 9}, UTF16, 2, false}, // clamps before \r\n
		{"ab\r\ncd", Position{1, 1}, UTF16, 5, false},
		{"ab\rcd", Position{1, 0}, UTF16, 3, false},
		{"ab\n", Position{1, 0}, UTF16, 3, false},
		{"ab\n", Position{2, 0}, UTF16, 3, true},
		{"a😀b", Position{0, 2}, UTF16, 1, false}, // inside the surrogate pair: round down
		{"a😀b", Position{0, 3}, UTF16, 5, false},
		{"a😀b", Position{0, 2}, UTF32, 5, false},
		{"a😀b", Position{0, 3}, UTF8, 1, false}, // inside the UTF-8 sequence: round down
		{"a😀b", Position{0, 5}, UTF8, 5, false},
		{"\uFEFFx", Position{0, 1}, UTF16, 3, false},
		{"a\xffb", Position{0, 2}, UTF16, 2, false},
		{"a\u2028b", Position{0, 2}, UTF16, 4, false},
		{"x\ny", Position{0, 1<<32 - 1}, UTF16, 1, false},
	}
	for _, tt := range tests {
		m := NewMapper(tt.text)
		got, err := m.Offset(tt.p, tt.enc)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("Offset(%q, %v, %v) = %d, %v; want %d, err=%v", tt.text, tt.p, tt.enc, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrLineOutOfRange) {
			t.Errorf("error %v does not wrap ErrLineOutOfRange", err)
		}
	}
}

func TestLines(t *testing.T) {
	m := NewMapper("a\r\nbc\rd\n")
	if m.LineCount() != 4 {
		t.Fatalf("LineCount = %d", m.LineCount())
	}
	starts := []int{0, 3, 6, 8}
	ends := []int{1, 5, 7, 8}
	for i := range starts {
		if m.LineStart(i) != starts[i] || m.LineEnd(i) != ends[i] {
			t.Errorf("line %d: start %d end %d", i, m.LineStart(i), m.LineEnd(i))
		}
	}
	if m.LineStart(-1) != 0 || m.LineStart(9) != 8 || m.Text() != "a\r\nbc\rd\n" {
		t.Error("clamping")
	}
}

func TestFromEsbuild(t *testing.T) {
	tests := []struct {
		text         string
		line, column int
		want         int
	}{
		{"abc", 1, 2, 2},
		{"abc", 1, 9, 3},
		{"abc", 0, 0, 0},
		{"ab\ncd", 2, 1, 4},
		{"ab\r\ncd", 2, 1, 5},
		{"ab\rcd", 2, 0, 3},
		{"a\u2028b", 2, 0, 4}, // esbuild line 2, LSP line 0
		{"a\u2029b\nc", 3, 0, 6},
		{"\uFEFFx", 1, 3, 3}, // BOM bytes are counted
		{"ab", 5, 0, 2},
		{"é", 1, 1, 0}, // inside a character: round down
	}
	for _, tt := range tests {
		if got := FromEsbuild(tt.text, tt.line, tt.column); got != tt.want {
			t.Errorf("FromEsbuild(%q, %d, %d) = %d, want %d", tt.text, tt.line, tt.column, got, tt.want)
		}
	}
}

func TestApply(t *testing.T) {
	r := func(l1, c1, l2, c2 uint32) *Range { return &Range{Position{l1, c1}, Position{l2, c2}} }
	tests := []struct {
		text    string
		changes []Change
		enc     Encoding
		want    string
		wantErr bool
	}{
		{"hello", []Change{{Text: "full"}}, UTF16, "full", false},
		{"hello", []Change{{Range: r(0, 1, 0, 3), Text: "EE"}}, UTF16, "hEElo", false},
		{"hello", []Change{{Range: r(0, 3, 0, 1), Text: "EE"}}, UTF16, "hEElo", false}, // reversed: swapped
		{"a\r\nb", []Change{{Range: r(0, 1, 1, 0), Text: ""}}, UTF16, "ab", false},
		{"a😀b", []Change{{Range: r(0, 1, 0, 3), Text: "x"}}, UTF16, "axb", false},
		{"a😀b", []Change{{Range: r(0, 1, 0, 2), Text: "x"}}, UTF32, "axb", false},
		{"ab", []Change{{Range: r(0, 1, 0, 1), Text: "\n"}, {Range: r(1, 0, 1, 1), Text: "B"}}, UTF16, "a\nB", false},
		{"ab", []Change{{Range: r(0, 50, 0, 60), Text: "!"}}, UTF16, "ab!", false},
		{"ab\n", []Change{{Range: r(1, 0, 1, 0), Text: "x"}}, UTF16, "ab\nx", false},
		{"ab", []Change{{Range: r(1, 0, 1, 0), Text: "x"}}, UTF16, "abx", false}, // {LineCount,0}: end of document
		{"ab", []Change{{Range: r(7, 0, 7, 0), Text: "x"}}, UTF16, "abx", true},
	}
	for _, tt := range tests {
		got, err := Apply(tt.text, tt.changes, tt.enc)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("Apply(%q, %+v) = %q, %v; want %q err=%v", tt.text, tt.changes, got, err, tt.want, tt.wantErr)
		}
	}
}

// isBoundary reports whether o is a character boundary in the model: not
// inside a multi-byte character and not between "\r" and "\n".
func isBoundary(text string, o int) bool {
	if o == 0 || o == len(text) {
		return true
	}
	for _, c := range refChars(text) {
		if c.off == o {
			return true
		}
		if c.off > o {
			return false
		}
	}
	return false
}

func checkRoundTrip(t *testing.T, text string) {
	t.Helper()
	m := NewMapper(text)
	for o := -1; o <= len(text)+1; o++ {
		for _, enc := range []Encoding{UTF16, UTF8, UTF32} {
			p := m.Position(o, enc)
			if o >= 0 && o <= len(text) {
				if want := refPosition(text, o, enc); p != want {
					t.Fatalf("%q: Position(%d, %v) = %v, model says %v", text, o, enc, p, want)
				}
			}
			back, err := m.Offset(p, enc)
			if err != nil {
				t.Fatalf("%q: Offset(%v) error %v", text, p, err)
			}
			if o >= 0 && o <= len(text) && isBoundary(text, o) && back != o {
				t.Fatalf("%q: Offset(Position(%d)) = %d (%v, %v)", text, o, back, p, enc)
			}
			if p2 := m.Position(back, enc); p2 != p {
				t.Fatalf("%q: Position(Offset(%v)) = %v", text, p, p2)
			}
		}
	}
}

func TestRoundTripTable(t *testing.T) {
	for _, s := range []string{"", "\n", "\r", "\r\n", "a\r\r\n\n", "\uFEFF\r\n😀\xff\xe2\x82", "a\u2028b\u2029", "é😀\ré", "\x00\x80\xc0\xc1", strings.Repeat("ab\n", 5)} {
		checkRoundTrip(t, s)
	}
}

func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "abc", "a\r\nb\rc\n", "\uFEFFx😀y", "\xff\xfe\xe2\x80", "a\u2028b", "é\n\n\r\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 512 {
			text = text[:512] // the model is quadratic
		}
		checkRoundTrip(t, text)
	})
}

// boundaryAtOrBefore rounds o down to a model character boundary.
func boundaryAtOrBefore(text string, o int) int {
	for o > 0 && !isBoundary(text, o) {
		o--
	}
	return o
}

func FuzzApply(f *testing.F) {
	f.Add("hello\nworld", []byte{1, 3, 2, 'x', 9, 9, 0})
	f.Add("a\r\nb😀c\xff", []byte{2, 5, 1, 'y', 0, 7, 3, '\r', 4, 4, 1})
	f.Add("", []byte{0, 0, 0, '\n'})
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		if len(text) > 256 {
			text = text[:256]
		}
		for k := 0; k+3 < len(ops) && k < 64; k += 4 {
			enc := Encoding(ops[k+3] % 3)
			m := NewMapper(text)
			a := boundaryAtOrBefore(text, int(ops[k])%(len(text)+1))
			b := boundaryAtOrBefore(text, int(ops[k+1])%(len(text)+1))
			ins := strings.Repeat(string(rune('a'+ops[k+2]%26)), int(ops[k+2]%3))
			if ops[k+2]%7 == 0 {
				ins = "\r\n😀"
			}
			s, e := a, b
			if s > e {
				s, e = e, s
			}
			want := text[:s] + ins + text[e:]
			rng := &Range{m.Position(a, enc), m.Position(b, enc)}
			got, err := Apply(text, []Change{{Range: rng, Text: ins}}, enc)
			if err != nil || got != want {
				t.Fatalf("Apply(%q, %v %q, %v) = %q, %v; want %q", text, *rng, ins, enc, got, err, want)
			}
			// Applying it as a second change after a no-op change and as a
			// full replacement gives the same text.
			got2, err := Apply(text, []Change{{Range: &Range{rng.Start, rng.Start}}, {Range: rng, Text: ins}}, enc)
			if err != nil || got2 != want {
				t.Fatalf("two-step Apply = %q, %v; want %q", got2, err, want)
			}
			if got3, _ := Apply(text, []Change{{Range: rng, Text: ins}, {Text: want}}, enc); got3 != want {
				t.Fatalf("full replacement = %q", got3)
			}
			text = want
		}
	})
}

func benchText() string {
	var b strings.Builder
	for i := 0; i < 2000; i++ {
		if i%10 == 0 {
			fmt.Fprintf(&b, "  // héllo wörld 😀 %d\r\n", i)
		} else {
			fmt.Fprintf(&b, "export function wixStores_onNewOrder%d(event) { return event.id; }\n", i)
		}
	}
	return b.String()
}

func BenchmarkNewMapper(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		NewMapper(text)
	}
}

func BenchmarkPosition(b *testing.B) {
	text := benchText()
	m := NewMapper(text)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Position((i*7919)%len(text), UTF16)
		i++
	}
}

func BenchmarkOffset(b *testing.B) {
	text := benchText()
	m := NewMapper(text)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Offset(Position{uint32(i % 2000), uint32(i % 60)}, UTF16)
		i++
	}
}
