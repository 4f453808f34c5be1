package scan

// Span is a half-open byte range [Start, End) into the scanned text.
//
// The offsets are int32, not int: a closed file's compact parse is mostly
// spans (an export holds five), and at half the size the parses of a
// 10,000-file workspace hold ~4 MB less. Texts longer than MaxText are not
// parsed (the index skips files over 2 MiB long before that).
type Span struct{ Start, End int32 }

// MaxText is the longest text Parse reads; a longer one parses as empty.
const MaxText = 1<<31 - 1

// Len returns End-Start.
func (s Span) Len() int { return int(s.End - s.Start) }

// IsZero reports whether s is the zero Span (used for "absent").
func (s Span) IsZero() bool { return s.Start == 0 && s.End == 0 }

// Contains reports whether Start <= off < End.
func (s Span) Contains(off int) bool { return int(s.Start) <= off && off < int(s.End) }

// TokenKind classifies a token.
type TokenKind uint8

const (
	Invalid        TokenKind = iota // a byte sequence that starts no token (stray '#', '\\', binary junk)
	Ident                           // identifier, contextual keyword (async, of, as, type, from…), private name #x; reserved words after '.' are Ident too
	Keyword                         // reserved word (function, export, return, this, null…)
	Punct                           // punctuator, maximal munch ("===", "=>", "?.", "...")
	String                          // '…' or "…" including the quotes
	Template                        // template literal without substitutions: `…`
	TemplateHead                    // "`…${"
	TemplateMiddle                  // "}…${"
	TemplateTail                    // "}…`"
	Regex                           // /…/flags
	Number                          // numeric literal
	Comment                         // line, block or hashbang (#! at offset 0) comment
)

var kindNames = [...]string{"Invalid", "Ident", "Keyword", "Punct", "String", "Template", "TemplateHead", "TemplateMiddle", "TemplateTail", "Regex", "Number", "Comment"}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "TokenKind(?)"
}

// TokenFlags carries facts the tokenizer learned that later passes need.
type TokenFlags uint8

const (
	FlagUnterminated  TokenFlags = 1 << iota // string, template, regex or block comment hit end of line/file
	FlagNewlineBefore                        // a line terminator (incl. U+2028/9, or inside a block comment) occurs since the previous non-comment token: for ASI
	FlagBlock                                // '{' or its '}': a statement block, function or class body
	FlagObject                               // '{' or its '}': an expression brace (object literal, pattern, type literal)
	FlagClassBody                            // '{' or its '}': a class body (FlagBlock is set too)
	FlagControl                              // ')' closing if/while/for/with: a regex may follow
)

// Token is one lexical token. Depth is the bracket nesting depth ({ ( [ and
// ${) at the token's start; an opening bracket has the depth outside it, its
// contents one more, and its closing bracket the outside depth again.
type Token struct {
	Kind  TokenKind
	Flags TokenFlags
	Depth int32
	Span  Span
}

// ExportForm tells how a name is exported; the analysis needs it because
// Wix only honours some forms in events.js.
type ExportForm uint8

const (
	FormFunction          ExportForm = iota // export function f(…) {…}
	FormAsyncFunction                       // export async function f(…) {…}
	FormGeneratorFunction                   // export function* f / export async function* f
	FormConstArrow                          // export const|let|var f = (…) => … / async (…) => … / x => …
	FormConstFunction                       // export const f = function (…) {…} / async function
	FormConstIdent                          // export const f = g;          Local = "g"
	FormConstMember                         // export const f = obj.fn;     Local = "obj.fn"
	FormConstCall                           // export const f = make(…);    dynamic export; Local = callee text "make"
	FormConstOther                          // export const f = 42 / {…} / class {} / anything else
	FormClass                               // export class C
	FormList                                // export { a, b as c }         Name = exported name, Local = local name
	FormReexport                            // export { x } from 'm' / export * as n from 'm' / export * from 'm' (Name "*"); From = module
	FormDefault                             // export default …
	FormCommonJS                            // module.exports = {…} / module.exports = fn (Name "default") / module.exports.x = … / exports.x = …
	FormType                                // export type / export interface / export declare … (TypeScript, not a runtime export)
)

// Export is one exported name (a declaration with several declarators or
// a list yields one Export each).
type Export struct {
	Name     string // exported name; "default" for FormDefault, "*" for export * from
	NameSpan Span   // the exported name as written (FormDefault: the `default` keyword; quoted names: inside the quotes)
	// Local is what the name is bound to: the identifier, member chain or
	// callee text of the value (FormConstIdent/Member/Call, FormDefault,
	// FormCommonJS), the local name (FormList), the imported name
	// (FormReexport, "*" for export * as n), or the function/class name of
	// an export default declaration.
	Local    string
	From     string // FormReexport (and type-only re-exports): module specifier, unquoted and decoded
	FromSpan Span   // inside the quotes
	// Stmt is the whole statement: through the ';' if any, else to the end
	// of the function body / expression (an unclosed body: to where its
	// region ends, see Body).
	Stmt Span
	// Params is the parenthesised parameter list including the parens (or
	// the single unparenthesised arrow parameter) for function forms and
	// function values (FormDefault, FormCommonJS); zero otherwise or when
	// not typed yet. Unclosed: up to where the scanner gave up.
	Params Span
	// Body is the function body including braces, or an arrow's expression
	// body; zero when absent. An unclosed body runs to the start of the
	// token that ended its bracket region, or to the end of the text.
	Body  Span
	Form  ExportForm
	Async bool
	// Depth is the bracket depth of the `export` keyword: 0 for real
	// top-level exports. Exports at Depth > 0 are invalid JavaScript and
	// are reported so the analysis can warn (typically a handler nested in
	// a function whose closing brace is missing).
	Depth int32
}

// ImportName is one specifier of an import list, or one property of a
// destructured require.
type ImportName struct {
	Imported, Local string // `a as b`: Imported "a", Local "b"; without `as` both are the name
	Span            Span   // the whole specifier
	TypeOnly        bool   // `type a` inside the braces (TypeScript)
}

// Import is one import declaration, require() call or dynamic import().
type Import struct {
	Module      string // specifier, unquoted and decoded; "" while not typed yet
	ModuleSpan  Span   // inside the quotes
	Default     string // import x from / const x = require / import x = require
	DefaultSpan Span
	Namespace   string       // import * as ns
	Names       []ImportName // import { a, b as c } / const { a, b: c } = require(…)
	// Braces is the span strictly between '{' and '}' (zero if there are
	// no braces): completion inside `import { | } from '…'` uses it. For an
	// unclosed list it runs to the token that ended the list (see the
	// package doc) or the end of the text.
	Braces   Span
	Stmt     Span // the declaration (for require: the const/let/var statement when it initialises one, else the call)
	Require  bool // const x = require('m') / const { a } = require('m') / bare require('m')
	Dynamic  bool // import('m')
	TypeOnly bool // import type …
}

// ArgKind classifies a call argument or property value.
type ArgKind uint8

const (
	ArgString   ArgKind = iota // '…' or "…": Str is the decoded value, StrSpan the inside of the quotes
	ArgTemplate                // `…`; without substitutions Str/StrSpan are set as for strings
	ArgObject                  // object literal: Props
	ArgIdent                   // identifier (also `this`): Text
	ArgMember                  // member chain a.b.c (a?.b written a.b): Text
	ArgCall                    // call whose callee is a chain: Text is the callee text ("make", "app().use")
	ArgOther                   // anything else (numbers, arrays, operators, new …)
	ArgMissing                 // nothing there yet (half-typed): Span is the gap where it goes
	ArgFunction                // arrow function, function expression or method: Params, Body, Async, Arrow
)

// Prop is one top-level property of an object literal. Spread elements
// have Key "..."; computed keys have the bracketed source text as Key.
type Prop struct {
	Key       string // decoded for string keys
	KeySpan   Span   // the key as written; for string keys the inside of the quotes
	Value     Arg    // for a method, an ArgFunction; for a shorthand property, an ArgIdent
	Shorthand bool   // { a } / { a = 1 } (pattern default)
}

// Arg is a call argument or a property value. Span excludes wrapping
// parentheses and TypeScript `as`/`satisfies` suffixes; for ArgMissing it
// is the gap between the separator and the next token (or end of text).
type Arg struct {
	Span    Span
	Str     string
	StrSpan Span
	Text    string
	Props   []Prop
	Params  Span // ArgFunction
	Body    Span // ArgFunction
	Async   bool // ArgFunction
	Arrow   bool // ArgFunction: an arrow function (else a function expression or method)
	Kind    ArgKind
}

// Call is a call expression whose callee is an identifier, a dotted member
// chain, or a chain through call results. `new X()` is not a Call.
type Call struct {
	// Callee is the chain text: "f", "contacts.onContactCreated",
	// "app().use().use" — call hops written "()", '?.' written '.',
	// whitespace, comments, TS '!' and type arguments removed.
	Callee     string
	CalleeSpan Span // from the first name of the chain to the end of the last name
	NameSpan   Span // the last name only
	Args       []Arg
	// ArgsSpan is inside the parentheses (exclusive). For an unclosed call
	// it runs to where the scanner gave up: the next line-start
	// export/import declaration, the token ending the bracket's region, or
	// the end of the text.
	ArgsSpan      Span
	Span          Span  // callee start through ')' (unclosed: through ArgsSpan.End)
	Depth         int32 // bracket depth of the callee start
	Closed        bool  // false when the ')' is missing
	ExportDefault bool  // the call is the direct expression of `export default` (possibly parenthesised)
	Stmt          Span  // the enclosing top-level statement
	// Assigned is x when the call (its chain's first name) directly follows
	// `const|let|var x =`, so the analysis can follow `const b = f(…);
	// export default b` without the tokens, which closed files drop.
	Assigned string
}

// NamedFunc is a top-level function with the name calls use for it:
// `function f(…) {…}` or `const f = async (…) => {…}`. The analysis follows
// a handler into the helpers of its file through it.
type NamedFunc struct {
	Name string
	Body Span // the body including braces, or an arrow's expression body
}

// Code is what the handler rules follow inside a file's code.
type Code struct {
	// Named are the top-level functions a call can name: declarations
	// (exported or not) and `const|let|var f = function…/(…) => …`, in
	// source order. A compact parse keeps only those a kept call calls or
	// passes as an argument.
	Named []NamedFunc
	// ForOf are the bodies of `for (… of …)` loops (also `for await`)
	// whose iterable is neither an array literal nor cut with slice: code
	// that runs once per item of a collection the loop does not bound. A
	// compact parse keeps those holding a kept call.
	ForOf []Span
}

// Named returns f's top-level named functions (see Code.Named).
func (f *File) Named() []NamedFunc {
	if f.Code == nil {
		return nil
	}
	return f.Code.Named
}

// ForOf returns f's unbounded for…of loop bodies (see Code.ForOf).
func (f *File) ForOf() []Span {
	if f.Code == nil {
		return nil
	}
	return f.Code.ForOf
}

func (f *File) code() *Code {
	if f.Code == nil {
		f.Code = &Code{}
	}
	return f.Code
}

// File is the result of Parse. All spans are byte offsets into the text.
//
// A File made by Compact has no Tokens and no bracket pairing: the token
// queries (TokenAt, Match, InComment…) find nothing in it. Code that needs
// them parses the text again.
type File struct {
	Tokens    []Token  // every token including comments, in order, non-overlapping; nil after Compact
	Exports   []Export // in source order, at any depth
	Imports   []Import // in source order
	Calls     []Call   // every call at any depth, ordered by callee start (chain hops share a start: shortest first)
	Functions []Span   // every function body (declarations, expressions, arrows incl. expression bodies, methods), by start
	// Code holds what the handler rules follow inside a file's code (its
	// named functions, its loops); nil when there is none. A pointer, not
	// two slices: most of a workspace's 10,000 compact parses have none,
	// and the slices would cost each 48 bytes.
	Code *Code
	// Nesting bounds how deep a recursive parser would recurse on the
	// text (see depth.go); Significant counts its tokens other than
	// comments (what a parser's syntax tree grows with). Kept by Compact.
	Nesting, Significant int32
	Reads                []Read // member paths handlers read from their event parameter (payload.go); kept by Compact

	text string
	pair []int32 // bracket pairing: see Match; negative for unclosed openers (-(region end)-1)
}
