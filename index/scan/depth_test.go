package scan

import (
	"runtime/debug"
	"strings"
	"testing"
)

// deepInputs are ways to make a recursive-descent parser (esbuild's)
// recurse once per few bytes; each overflowed Go's 1 GB stack at 2 MiB
// (measured with esbuild v0.28), or, for the comma chains, took time
// quadratic in their length.
var deepInputs = []struct {
	name       string
	head, unit string
	tail       string
}{
	{"parens", "", "(", ""},
	{"balanced brackets", "x=", "[", "]"},
	{"not", "x=", "!", "a"},
	{"minus", "x=", "- ", "a"},
	{"assign", "", "a=", "1"},
	{"ternary", "", "a?b:", "c"},
	{"arrow", "x=", "a=>", "1"},
	{"async arrow", "x=", "async a=>", "1"},
	{"member", "x=a", ".a", ""},
	{"call", "x=a", "()", ""},
	{"index", "x=a", "[0]", ""},
	{"power", "x=a", "**a", ""},
	{"else if", "if(a);", "else if(a);", ""},
	{"else if, commas", "if(a);", "else if(a)a,a;", ""},
	{"label", "", "a:", ";"},
	{"assign, binary", "", "a=a+", "1"},
	{"else if, binary", "if(a);", "else if(a)a+a;", ""},
	{"ternary, binary", "", "a?a+a:", "a"},
	{"arrow, binary", "x=", "a=>a+", "1"},
	{"yield, binary", "function*f(){", "yield a+", "a}"},
	{"if if", "", "if(a)", ";"},
	{"if if lines", "", "if(a)\n", ";"},
	{"for await", "async function f(){", "for await(a of b)", "}"},
	{"new", "x=", "new ", "a"},
	{"typeof", "x=", "typeof ", "a"},
	{"keyof", "type x=", "keyof ", "a"},
	{"generic", "let x: ", "A<", "B"},
	{"generic, commas", "let x: ", "A<B,", "B"},
	{"template", "x=", "`${", ""},
	{"object", "x=", "{a:", ""},
	{"object argument", "f(", "{a:", ""},
	{"array argument", "f(", "[", ""},
	{"call argument", "f(", "f(", ""},
	{"extension", "export default extensions.event({id: 'x', source: ", "{a:", ""},
	{"block", "", "{", ""},
	{"function", "", "function f(){", ""},
	{"comma", "x=a", ",a", ""},
	{"grouped comma", "x=(a", ",a", ")"},
	{"regex", "x=/", "(", "/"},
	{"hidden in a string after a division", "x=a/1/'", "(", "'"},
	{"hidden in a template after a division", "x=a/1/`", "!", "`"},
}

// TestNestingDeep checks every deep input measures past any bound a real
// file reaches, and that measuring (and parsing) does not recurse: the
// stack is capped at 16 MB, so recursion per level would crash the test.
func TestNestingDeep(t *testing.T) {
	// 1 MB: a frame per level (≥ 32 bytes) of 32,768 levels overflows it.
	defer debug.SetMaxStack(debug.SetMaxStack(1 << 20))
	for _, c := range deepInputs {
		// 128 KiB: far deeper than the bound, and quick to parse.
		n := (128<<10 - len(c.head)) / len(c.unit)
		text := c.head + strings.Repeat(c.unit, n) + c.tail
		if c.name == "balanced brackets" {
			text = c.head + strings.Repeat(c.unit, n/2) + strings.Repeat(c.tail, n/2)
		}
		f := Parse(text)
		// At least one level per 16 bytes: esbuild recurses at least that
		// often in each of these.
		if want := len(text) / 16; int(f.Nesting) < want {
			t.Errorf("%s: nesting %d, want at least %d", c.name, f.Nesting, want)
		}
		if c := ParseCompact(text, nil); c.Nesting != f.Nesting {
			t.Errorf("compact parse: nesting %d, full %d", c.Nesting, f.Nesting)
		}
	}
}

// TestNestingReal checks shapes of real code stay shallow: long files of
// statements with and without semicolons, minified ones, switch cases,
// long concatenations, chained calls, classes.
func TestNestingReal(t *testing.T) {
	for _, c := range []struct {
		name, unit string
		max        int
	}{
		{"statements", "const a = b.c(d, e);\n", 20},
		{"asi statements", "const a = b.c(d, e)\nfoo.bar(x)\n", 20},
		{"minified functions", "function a(b){return b.c(d)}", 20},
		{"minified statements", "a.b=c;", 20},
		{"exports", "export async function wixStores_onOrderPaid(event) {\n  console.log(event.orderId)\n}\n", 20},
		{"switch", "case 'a':\n", 20},
		{"methods", "m() { return 1 }\n", 20},
		{"minified methods", "m(){return 1}", 20},
		{"array", "[1,2],", 20},
		{"else if", "if (a) { x() } else ", 60},
		{"concatenation", "  \"<Phone>\" + order.buyerInfo.phone.replace(/ /gi, \"\").replace(/-/gi, \"\") + \"</Phone>\" +\n", 30},
	} {
		text := strings.Repeat(c.unit, 2000)
		if c.name == "switch" {
			text = "switch (x) {\n" + text + "}"
		}
		if strings.HasPrefix(c.name, "method") || c.name == "minified methods" {
			text = "class A {\n" + text + "}"
		}
		if c.name == "array" {
			text = "x = [" + text + "]"
		}
		if c.name == "concatenation" {
			text = "let x = " + text + "'';\n"
		}
		if c.name == "else if" {
			text = strings.Repeat(c.unit, 10) + "{}"
		}
		if n := Parse(text).Nesting; int(n) > c.max {
			t.Errorf("%s: nesting %d, want at most %d", c.name, n, c.max)
		}
	}
}

// FuzzNesting: measuring never fails, and the nesting is never less than
// the bracket depth of any token. The seeds are deep and wide (the
// scanner's other fuzz seeds are small).
func FuzzNesting(f *testing.F) {
	for _, c := range deepInputs {
		f.Add(c.head+strings.Repeat(c.unit, 3000)+c.tail, uint16(1))
	}
	f.Add("x = ["+strings.Repeat("1, ", 20000)+"]", uint16(1))
	f.Add(strings.Repeat("a.b(c);\n", 5000), uint16(1))
	f.Add("if(a){", uint16(2000))
	f.Fuzz(func(t *testing.T, unit string, n uint16) {
		text := strings.Repeat(unit, int(n)%4096)
		if len(text) > 1<<20 {
			return
		}
		p := Parse(text)
		deepest := int32(0)
		for _, tok := range p.Tokens {
			deepest = max(deepest, tok.Depth)
		}
		if p.Nesting < deepest {
			t.Fatalf("nesting %d below the bracket depth %d", p.Nesting, deepest)
		}
	})
}
