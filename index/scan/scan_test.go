package scan

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// checkInvariants verifies what every Parse result must satisfy for any
// input: spans in range, tokens ordered and non-overlapping.
func checkInvariants(t testing.TB, text string, f *File) {
	t.Helper()
	ok := func(what string, s Span) {
		if s.Start < 0 || int(s.End) > len(text) || s.Start > s.End {
			t.Fatalf("%s: bad span %v (len %d)", what, s, len(text))
		}
	}
	prevEnd := 0
	for i, tok := range f.Tokens {
		ok("token", tok.Span)
		if int(tok.Span.Start) < prevEnd || tok.Span.Start == tok.Span.End {
			t.Fatalf("token %d %v overlaps previous end %d or is empty", i, tok.Span, prevEnd)
		}
		if tok.Depth < 0 {
			t.Fatalf("token %d negative depth", i)
		}
		prevEnd = int(tok.Span.End)
	}
	for _, e := range f.Exports {
		for _, s := range []Span{e.NameSpan, e.FromSpan, e.Stmt, e.Params, e.Body} {
			ok("export", s)
		}
	}
	for _, im := range f.Imports {
		for _, s := range []Span{im.ModuleSpan, im.DefaultSpan, im.Braces, im.Stmt} {
			ok("import", s)
		}
		for _, n := range im.Names {
			ok("import name", n.Span)
		}
	}
	var arg func(a Arg)
	arg = func(a Arg) {
		for _, s := range []Span{a.Span, a.StrSpan, a.Params, a.Body} {
			ok("arg", s)
		}
		for _, p := range a.Props {
			ok("prop key", p.KeySpan)
			arg(p.Value)
		}
	}
	for _, c := range f.Calls {
		for _, s := range []Span{c.CalleeSpan, c.NameSpan, c.ArgsSpan, c.Span, c.Stmt} {
			ok("call", s)
		}
		for _, a := range c.Args {
			arg(a)
		}
	}
	for _, s := range f.Functions {
		ok("function", s)
	}
}

func exportsOf(f *File) string {
	var b []string
	for _, e := range f.Exports {
		b = append(b, fmt.Sprintf("%s:%s:%d", e.Name, formNames[e.Form], e.Depth))
	}
	return strings.Join(b, " ")
}

func TestExportForms(t *testing.T) {
	tests := []struct{ src, want string }{
		{"export function f(a) {}", "f:function:0"},
		{"export async function f(a) {}", "f:asyncfunction:0"},
		{"export function* g() {}\nexport async function* h() {}", "g:generator:0 h:generator:0"},
		{"export default async function name() {}", "default:default:0"},
		{"export default function () {}", "default:default:0"},
		{"export default class A {}", "default:default:0"},
		{"export { a as default }", "default:list:0"},
		{"export const a = async (event) => {}", "a:constarrow:0"},
		{"export const a = async event => event", "a:constarrow:0"},
		{"export const x = (a, b) => a + b", "x:constarrow:0"},
		{"export let x = function () {}\nexport var y = async function named() {}", "x:constfunction:0 y:constfunction:0"},
		{"export const a = 1, b = () => {}", "a:constother:0 b:constarrow:0"},
		{"export const f = g;", "f:constident:0"},
		{"export const f = obj.fn;", "f:constmember:0"},
		{"export const f = make(1);", "f:constcall:0"},
		{"export const f = new Thing();", "f:constother:0"},
		{"export const f = 42, o = {a: 1}, c = class {}", "f:constother:0 o:constother:0 c:constother:0"},
		{"export class C {}", "C:class:0"},
		{"export { a, b as c }", "a:list:0 c:list:0"},
		{"export { x } from 'm'; export * as n from 'm'; export * from 'm'", "x:reexport:0 n:reexport:0 *:reexport:0"},
		{"module.exports = { a, b: c, d() {} }", "a:commonjs:0 b:commonjs:0 d:commonjs:0"},
		{"module.exports = fn", "default:commonjs:0"},
		{"module.exports.x = 1; exports.y = function () {}", "x:commonjs:0 y:commonjs:0"},
		{"export type T = 1; export interface I {}; export declare const z: number", "T:type:0 I:type:0 z:type:0"},
		{"export type { A, B } from './t'", "A:type:0 B:type:0"},
		{"export enum E { A }\nexport const enum F { B }", "E:constother:0 F:constother:0"},
		{"export abstract class A {}", "A:class:0"},
		{"export const {a, b: [c, d], ...e} = obj", "a:constother:0 c:constother:0 d:constother:0 e:constother:0"},
		{"/* x */ export function f() {}", "f:function:0"},
		{"function outer() {\n  export function inner(e) {}\n}", "inner:function:1"},
		{"export function wixBil", "wixBil:function:0"},
		{"export const wixStores_onNewOrder = ", "wixStores_onNewOrder:constother:0"},
		{"export const a = \nexport function b() {}", "a:constother:0 b:function:0"},
		{"// export function c() {}\n'export function s() {}'; `export ${x} function t`; /export function r/", ""},
		{"x = {export: 1, import: 2}; y.export = 1; z.export(1)", ""},
		{"export", ""},
		{"export default", "default:default:0"},
		{"@dec export class D {}\nexport @dec class E {}", "D:class:0 E:class:0"},
		{"export function f<T>(x: T): Promise<T> { return x }", "f:function:0"},
		{"export const h: Handler = (e) => {}", "h:constarrow:0"},
		{"export const h = ((e) => {}) as Handler", "h:constarrow:0"},
		{"export const h = fn satisfies Handler", "h:constident:0"},
		{"export const h = <T,>(e: T): void => {}", "h:constarrow:0"},
		{"export const m: Map<string, number> = new Map(), n = 2", "m:constother:0 n:constother:0"},
	}
	for _, tt := range tests {
		f := Parse(tt.src)
		checkInvariants(t, tt.src, f)
		if got := exportsOf(f); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestExportSpans(t *testing.T) {
	src := "export const a = async (event) => { return 1 }, b = x => x * 2;\nexport default async function name(e) { }\n"
	f := Parse(src)
	if len(f.Exports) != 3 {
		t.Fatalf("exports: %s", exportsOf(f))
	}
	a, b, d := f.Exports[0], f.Exports[1], f.Exports[2]
	get := func(s Span) string { return src[s.Start:s.End] }
	checks := []struct{ got, want string }{
		{get(a.Params), "(event)"}, {get(a.Body), "{ return 1 }"}, {get(b.Params), "x"}, {get(b.Body), "x * 2"},
		{get(a.Stmt), "export const a = async (event) => { return 1 }, b = x => x * 2;"},
		{get(d.NameSpan), "default"}, {d.Local, "name"}, {get(d.Params), "(e)"}, {get(d.Body), "{ }"},
		{get(d.Stmt), "export default async function name(e) { }"},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("check %d: got %q want %q", i, c.got, c.want)
		}
	}
	if !a.Async || b.Async || !d.Async {
		t.Errorf("async flags %v %v %v", a.Async, b.Async, d.Async)
	}
}

func TestRegexVsDivision(t *testing.T) {
	tests := []struct {
		src   string
		kinds string // kinds of the tokens containing '/', in order: R regex, P punct
	}{
		{"a / b / c", "PP"},
		{"x = /re/g", "R"},
		{"return /re/", "R"},
		{"typeof /x/", "R"},
		{"(a) / 2", "P"},
		{"if (a) /re/.test(b)", "R"},
		{"arr[0] / 2", "P"},
		{"f() {} /re/", "R"},             // '}' closing a block
		{"x = {} / 2", "P"},              // '}' closing an object literal
		{"x = /[/]/.source", "R"},        // '/' inside a class
		{"a++ / 2", "P"},                 // postfix
		{"case /x/:", "R"},               // keyword
		{"yield /x/; await /y/", "RR"},   // yield, await
		{"this / 2; x.return / 2", "PP"}, // this; reserved word as property
		{"`${a}` / 2", "P"},
		{"x = `${ /re/ }`", "R"},
		{"1 / 2 /* c */ / 3", "PP"},
	}
	for _, tt := range tests {
		f := Parse(tt.src)
		var got []byte
		for _, tok := range f.Tokens {
			s := tt.src[tok.Span.Start:tok.Span.End]
			switch {
			case tok.Kind == Regex:
				got = append(got, 'R')
			case tok.Kind == Punct && (s == "/" || s == "/="):
				got = append(got, 'P')
			}
		}
		if string(got) != tt.kinds {
			t.Errorf("%q: got %s want %s", tt.src, got, tt.kinds)
		}
	}
}

func TestTokens(t *testing.T) {
	src := "\uFEFFa.b?.c ?? 1e-3 + .5 + 0x1Fn #p `t${ {x: `in${y}`} }e` 'u\\'n' \"d\" /* c */ // l\r\n$é\u2028x"
	f := Parse(src)
	var got []string
	for _, tok := range f.Tokens {
		got = append(got, fmt.Sprintf("%d:%s", tok.Kind, src[tok.Span.Start:tok.Span.End]))
	}
	want := []string{
		"1:a", "3:.", "1:b", "3:?.", "1:c", "3:??", "10:1e-3", "3:+", "10:.5", "3:+", "10:0x1Fn", "1:#p",
		"6:`t${", "3:{", "1:x", "3::", "6:`in${", "1:y", "8:}`", "3:}", "8:}e`", "4:'u\\'n'", "4:\"d\"",
		"11:/* c */", "11:// l", "1:$é", "1:x",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("tokens:\n got %q\nwant %q", got, want)
	}
	// Depth: the '{' inside ${ is at depth 1, x at depth 2.
	for _, tok := range f.Tokens {
		if src[tok.Span.Start:tok.Span.End] == "x" && tok.Span.Start < 40 && tok.Depth != 2 {
			t.Errorf("x depth %d", tok.Depth)
		}
	}
}

func TestUnterminated(t *testing.T) {
	for _, src := range []string{"'abc", "\"abc\ndef", "`abc ${ x", "`abc", "/* abc", "x = /abc", "f(`${`${`${", "{{{{((([[[", "}}})))]]]", "\x00\xff\xfe", "a\\u{", "0x", "'\\", "`\\", "/\\"} {
		f := Parse(src)
		checkInvariants(t, src, f)
		if len(f.Tokens) == 0 && strings.TrimSpace(src) != "" {
			t.Errorf("%q: no tokens", src)
		}
	}
	f := Parse("x = 'abc\nexport function f() {}")
	if exportsOf(f) != "f:function:0" {
		t.Errorf("unterminated string must stop at the line end: %s", exportsOf(f))
	}
	f = Parse("export function a() {\n  if (x) {\n\nexport function b(event) {}\n")
	if exportsOf(f) != "a:function:0 b:function:2" {
		t.Errorf("nested: %s", exportsOf(f))
	}
}

func TestQueries(t *testing.T) {
	src := "foo.bar('str', `t${x}u`); // c\n/* b */ /re/"
	f := Parse(src)
	at := func(off int) string {
		i, ok := f.TokenAt(off)
		if !ok {
			return "-"
		}
		return src[f.Tokens[i].Span.Start:f.Tokens[i].Span.End]
	}
	for _, c := range []struct {
		off  int
		want string
	}{{0, "foo"}, {3, "foo"}, {4, "bar"}, {7, "bar"}, {8, "'str'"}, {len(src), "/re/"}} {
		if got := at(c.off); got != c.want {
			t.Errorf("TokenAt(%d) = %q want %q", c.off, got, c.want)
		}
	}
	if i := f.TokenBefore(len(src) - 5); src[f.Tokens[i].Span.Start:f.Tokens[i].Span.End] != ";" {
		t.Errorf("TokenBefore skips comments: got %d", i)
	}
	if f.TokenBefore(0) != -1 {
		t.Error("TokenBefore(0)")
	}
	idx := func(s string) int { return strings.Index(src, s) }
	for _, c := range []struct {
		off         int
		str, commnt bool
	}{
		{idx("'str'"), false, false}, {idx("'str'") + 1, true, false}, {idx("'str'") + 5, false, false},
		{idx("`t") + 1, true, false}, {idx("x}"), false, false}, {idx("u`"), true, false},
		{idx("// c") + 2, false, true}, {idx("// c") + 4, false, true}, {idx("/* b */") + 7, false, false},
		{idx("/re/") + 2, true, false},
	} {
		if f.InString(c.off) != c.str || f.InComment(c.off) != c.commnt {
			t.Errorf("offset %d (%q): InString=%v InComment=%v", c.off, src[c.off:], f.InString(c.off), f.InComment(c.off))
		}
	}
	if f.Match(0) != -1 || f.Match(3) != 9 {
		t.Error("Match of non-bracket")
	}
}

func TestDeterministic(t *testing.T) {
	src := strings.Repeat("export const a = f({ b: `x${y}` }, z => z / 2)\n", 5)
	if !reflect.DeepEqual(Parse(src), Parse(src)) {
		t.Error("Parse is not deterministic")
	}
	// Parse lexes into pooled buffers: the result must not depend on
	// whether they were fresh or used (FuzzParse caught an empty text's
	// token list nil after a fresh one, empty after a used one).
	for _, text := range []string{"", "x", src} {
		scratchPool.Get()             // empty the pool's slot for this P, so the fresh
		scratchPool.Put(new(scratch)) // buffers go there and come next
		fresh := Parse(text)
		Parse(src)
		used := Parse(text) // from the buffers the parse before used
		if fresh.Tokens == nil || fresh.pair == nil || !reflect.DeepEqual(fresh, used) {
			t.Errorf("Parse(%q) from fresh and used pool buffers:\n%#v\n%#v", text, *fresh, *used)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "export function a(e) {}", "export const x = async (e) => { `${ {a: /re/} }` }",
		"import x, { a as b } from 'm'\nexport default app().use(a).use(b)",
		"module.exports = { a, b: c, d() {} }", "export default extensions.event({ id: '", "x = /[/]/; y = a / b",
		"\uFEFFexport\r\nfunction\rf(){}", "\x00\xff`${`${'", "export { a, b as default } from './x'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		a := Parse(src)
		checkInvariants(t, src, a)
		if !reflect.DeepEqual(a, Parse(src)) {
			t.Fatal("not deterministic")
		}
		// Queries never panic.
		for _, off := range []int{-1, 0, len(src) / 2, len(src), len(src) + 1} {
			a.TokenAt(off)
			a.TokenBefore(off)
			a.InComment(off)
			a.InString(off)
		}
	})
}

func TestCalls(t *testing.T) {
	tests := []struct {
		src  string
		want string // callee(args) per call, args as kind:text
	}{
		{"f(a, b.c, d(), 'x', `y`, `z${1}`, {k: 1}, () => 1, 42)",
			"f(ident:a member:b.c call:d string:x template:y template: object: function: other:) d()"},
		{"a?.b?.(x)", "a.b(ident:x)"},
		{"a!.b(x)", "a.b(ident:x)"},
		{"new Foo(x); new a.B(y).c(z)", ""},
		{"this.x(1); super.y(2)", "this.x(other:) super.y(other:)"},
		{"f(a,,b)", "f(ident:a missing: ident:b)"},
		{"f(a,)", "f(ident:a)"},
		{"f(", "f(missing:)"},
		{"f(a, ", "f(ident:a missing:)"},
		{"f<T>(x)", "f(ident:x)"},
		{"a < b && c > (d)", ""},
		{"obj.method(x).then(y => y)", "obj.method(ident:x) obj.method().then(function:)"},
		{"function f(x) {} class C { m() {} } ({ n() {}, get g() {}, async o() {} })", ""},
		{"if (a) b(); while (c) d(); for (;;) e(); switch (f) {} catch_(g)", "b() d() e() catch_(ident:g)"},
		{"async (x) => x; async(x)", "async(ident:x)"},
		{"f(x as T, y satisfies U, (z))", "f(ident:x ident:y ident:z)"},
		{"f(async function () {}, function* g() {})", "f(function: function:)"},
		{"f('a\\'b\\u0041\\x42\\n')", "f(string:a'bAB\n)"},
		{"@dec(1) class A {}", "dec(other:)"},
		{"import('./m'); require('n')", "require(string:n)"},
	}
	for _, tt := range tests {
		f := Parse(tt.src)
		checkInvariants(t, tt.src, f)
		var parts []string
		for _, c := range f.Calls {
			var as []string
			for _, a := range c.Args {
				v := a.Text
				if a.Kind == ArgString || a.Kind == ArgTemplate {
					v = a.Str
				}
				as = append(as, argNames[a.Kind]+":"+v)
			}
			parts = append(parts, c.Callee+"("+strings.Join(as, " ")+")")
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestDefaultForms(t *testing.T) {
	src := "export default async (event) => { go(event) }"
	f := Parse(src)
	e := f.Exports[0]
	if e.Form != FormDefault || !e.Async || src[e.Params.Start:e.Params.End] != "(event)" || src[e.Body.Start:e.Body.End] != "{ go(event) }" {
		t.Errorf("default arrow: %+v", e)
	}
	f = Parse("export { default } from './x'; export { default as y } from './y'")
	if exportsOf(f) != "default:reexport:0 y:reexport:0" || f.Exports[1].Local != "default" || f.Exports[0].From != "./x" {
		t.Errorf("reexport default: %s %+v", exportsOf(f), f.Exports)
	}
	f = Parse("import {} from 'm'; import { a, } from 'n'")
	if len(f.Imports) != 2 || f.Imports[0].Braces != (Span{8, 8}) || len(f.Imports[1].Names) != 1 {
		t.Errorf("imports: %+v", f.Imports)
	}
}

func TestHalfTypedBuilder(t *testing.T) {
	src := "export default extensions.event({\n  id: 'x',\n  source: "
	f := Parse(src)
	if len(f.Calls) != 1 || len(f.Calls[0].Args) != 1 {
		t.Fatalf("calls: %s", dump(f))
	}
	c := f.Calls[0]
	obj := c.Args[0]
	if obj.Kind != ArgObject || int(obj.Span.End) != len(src) || int(c.ArgsSpan.End) != len(src) || c.Closed || !c.ExportDefault {
		t.Errorf("object %+v call %+v", obj.Span, c)
	}
	if len(obj.Props) != 2 || obj.Props[1].Value.Kind != ArgMissing || obj.Props[1].Value.Span != (Span{int32(len(src) - 1), int32(len(src))}) {
		t.Errorf("props %+v", obj.Props)
	}
}

// TestRetainedSize bounds the memory a parsed small file holds: the index
// keeps a File per workspace file.
func TestRetainedSize(t *testing.T) {
	src := "import { x } from './m01';\nexport function helper1(a) { return a + 1; }\n"
	const n = 2000
	keep := make([]*File, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range keep {
		keep[i] = Parse(src)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n
	t.Logf("%d bytes held per %d-byte file", per, len(src))
	if per > 1600 {
		t.Errorf("a small file holds %d bytes", per)
	}
	runtime.KeepAlive(keep)
}

func TestRequireStmt(t *testing.T) {
	src := "const fs = require('fs'), { join, resolve: r } = require('path');\nfoo(require('x'))"
	f := Parse(src)
	if len(f.Imports) != 3 {
		t.Fatalf("imports %+v", f.Imports)
	}
	first := src[:strings.Index(src, "\n")]
	for i, want := range []string{first, first, "require('x')"} {
		if got := src[f.Imports[i].Stmt.Start:f.Imports[i].Stmt.End]; got != want {
			t.Errorf("import %d stmt %q", i, got)
		}
	}
}

func TestFunctions(t *testing.T) {
	src := "function a() { return 1 }\nconst b = x => x * 2, c = async (y) => { await y };\nclass C { m() {} get g() { return 1 } static s() {} }\nconst o = { n() {}, p: function () {}, *q() {}, async r() {} };\nexport default async function () {}\ncall(function named() {}, () => ({}));\ninterface I { sig(): void }"
	f := Parse(src)
	var got []string
	for _, s := range f.Functions {
		got = append(got, src[s.Start:s.End])
	}
	want := []string{"{ return 1 }", "x * 2", "{ await y }", "{}", "{ return 1 }", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "({})"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("functions:\n got %q\nwant %q", got, want)
	}
}

func TestNamed(t *testing.T) {
	src := `async function enrich(id) { return id; }
export function exported(a) { return a }
const arrow = async (id) => { await id; };
const bare = id => id + 1;
const typed = async (id: string, o?: { a: number }): Promise<Contact | null> => { return null; };
let fe = async function inner() { return 2; };
export const handler = (event) => { enrich(event); };
let maybe = cond ? a : (b) => b;
(function iife() {})();
x = function notMine() {};
call(function arg() {});
export default contacts.onContactCreated(async (event) => {
  function nested() {}
  const inner = () => 1;
});
`
	f := Parse(src)
	var got []string
	for _, n := range f.Named() {
		got = append(got, n.Name+"="+src[n.Body.Start:n.Body.End])
	}
	want := []string{"enrich={ return id; }", "exported={ return a }", "arrow={ await id; }", "bare=id + 1",
		"typed={ return null; }", "fe={ return 2; }", "handler={ enrich(event); }"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("named:\n got %q\nwant %q", got, want)
	}
	// A compact parse keeps the named functions a kept call names.
	c := f.Compact(func(c *Call) bool { return c.Callee == "enrich" })
	if len(c.Named()) != 1 || c.Named()[0].Name != "enrich" {
		t.Errorf("compact named = %+v", c.Named())
	}
	if c := f.Compact(func(c *Call) bool { return false }); c.Code != nil {
		t.Errorf("nothing kept, code = %+v", c.Code)
	}
}

func TestForOf(t *testing.T) {
	src := `for (const id of ids) { a(id); }
for await (const x of stream()) b(x);
for (const y of [1, 2, 3]) { c(y); }
for (const k in obj) { d(k); }
for (const z of list.slice(0, 10)) { h(z); }
for (let i = 0; i < n; i++) { e(i); }
function f() { for (const { of } of list) { g(of); } }
`
	f := Parse(src)
	var got []string
	for _, s := range f.ForOf() {
		got = append(got, src[s.Start:s.End])
	}
	want := []string{"{ a(id); }", "b(x);", "{ g(of); }"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("for-of bodies:\n got %q\nwant %q", got, want)
	}
	c := f.Compact(func(c *Call) bool { return c.Callee == "g" })
	if fo := c.ForOf(); len(fo) != 1 || src[fo[0].Start:fo[0].End] != "{ g(of); }" {
		t.Errorf("compact for-of = %v", c.ForOf())
	}
}

// TestForOfBracelessChain: each loop of a chain of brace-less for-of loops
// has the rest of the chain as its body, up to the statement that ends it
// (scanned once for the whole chain: BenchmarkBracelessLoops; a chain of
// 60,000 loops took 30 s when each loop rescanned it), and a statement
// after the chain, or a loop chained after it, starts a body of its own.
func TestForOfBracelessChain(t *testing.T) {
	chain := strings.Repeat("for (a of b) ", 50)
	src := "async function f() {\n" + chain + "g(a);\nh();\n" + "for (c of d) for (e of f) { i(e); }\n}\n"
	f := Parse(src)
	bodies := f.ForOf()
	if len(bodies) != 52 {
		t.Fatalf("%d for-of bodies, want 52", len(bodies))
	}
	end := strings.Index(src, "g(a);") + len("g(a);")
	for k, s := range bodies[:50] {
		if int(s.End) != end || !strings.HasSuffix(src[s.Start:s.End], "g(a);") {
			t.Fatalf("loop %d of the chain: body %q, want it to end with g(a);", k, src[s.Start:s.End])
		}
	}
	if got := src[bodies[50].Start:bodies[50].End]; got != "for (e of f) { i(e); }" {
		t.Errorf("outer loop of the second chain: body %q", got)
	}
	if got := src[bodies[51].Start:bodies[51].End]; got != "{ i(e); }" {
		t.Errorf("inner loop: body %q", got)
	}
}

// BenchmarkBracelessLoops: a 1 MB chain of brace-less loops (a hostile
// file) parses in linear time.
func BenchmarkBracelessLoops(b *testing.B) {
	text := "async function f(){" + strings.Repeat("for await(a of b)", 60000)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Parse(text)
	}
}
