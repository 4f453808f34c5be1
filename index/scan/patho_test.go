package scan

import (
	"strings"
	"testing"
	"time"
)

// TestPathological guards linear time on adversarial inputs: each must
// parse 200 KB within a generous bound (the machine may be loaded).
func TestPathological(t *testing.T) {
	const size = 200 << 10
	rep := func(s string) string { return strings.Repeat(s, size/len(s)) }
	cases := map[string]string{
		"parens":          rep("("),
		"braces":          rep("{"),
		"closers":         rep(")}]"),
		"templates":       rep("`${"),
		"arrows":          rep("x=>"),
		"arrowParens":     rep("x=>("),
		"calls":           rep("f("),
		"callsClosed":     rep("f(a)."),
		"chain":           "a" + rep(".b"),
		"exportsNested":   rep("export function a() {\n"),
		"exportsUnclosed": rep("export const a = f(\n"),
		"objects":         rep("f({a:"),
		"angles":          rep("a<"),
		"anglesCall":      rep("f<a,"),
		"regexes":         rep("x=/a/;"),
		"slashes":         rep("/"),
		"strings":         rep("'"),
		"comments":        rep("/*"),
		"imports":         rep("import {a,"),
		"decorators":      rep("@a"),
		"asChain":         "x" + rep(" as y"),
		"ternaries":       rep("a?{}:"),
		"defaults":        rep("export default f("),
		"members":         rep("export const a = b.c\n"),
		"requires":        rep("const {a} = require('m')\n"),
		"cjs":             rep("module.exports = {a, b() {},\n"),
		"nul":             rep("\x00"),
		"invalid":         rep("\xff\xfe"),
	}
	for name, src := range cases {
		start := time.Now()
		f := Parse(src)
		el := time.Since(start)
		checkInvariants(t, src, f)
		limit := 2 * time.Second
		if raceEnabled {
			limit *= 10
		}
		if el > limit {
			t.Errorf("%s: %v for %d bytes", name, el, len(src))
		}
		if testing.Verbose() {
			t.Logf("%-16s %8v", name, el)
		}
	}
}
