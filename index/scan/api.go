package scan

// Span is a half-open byte range [Start, End) into the scanned text.
type Span struct{ Start, End int }

// Len returns End-Start.
func (s Span) Len() int { return s.End - s.Start }

// IsZero reports whether s is the zero Span (used for "absent").
func (s Span) IsZero() bool { return s.Start == 0 && s.End == 0 }

// Contains reports whether Start <= off < End.
func (s Span) Contains(off int) bool { return s.Start <= off && off < s.End }

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
	Comment                         // line, block, hashbang or HTML-like comment
)

// TokenFlags carries facts the tokenizer learned that later passes need.
type TokenFlags uint8

const (
	FlagUnterminated  TokenFlags = 1 << iota // string, template, regex or block comment hit end of line/file
	FlagNewlineBefore                        // a line terminator occurs between the previous token and this one
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

// Export is one exported name.
type Export struct {
	Name     string
	NameSpan Span // the exported name as written (FormDefault: the `default` keyword)
	Form     ExportForm
	Local    string
	From     string
	FromSpan Span
	Stmt     Span
	Params   Span
	Body     Span
	Async    bool
	Depth    int32
}

// ImportName is one specifier of an import list.
type ImportName struct {
	Imported, Local string
	Span            Span
	TypeOnly        bool
}

// Import is one import declaration, require() or dynamic import().
type Import struct {
	Module      string
	ModuleSpan  Span
	Default     string
	DefaultSpan Span
	Namespace   string
	Names       []ImportName
	Braces      Span
	TypeOnly    bool
	Stmt        Span
	Require     bool
	Dynamic     bool
}

// ArgKind classifies a call argument or property value.
type ArgKind uint8

const (
	ArgString ArgKind = iota
	ArgTemplate
	ArgObject
	ArgIdent
	ArgMember
	ArgCall
	ArgOther
	ArgMissing
	ArgFunction // arrow function or function expression
)

// Prop is one property of an object literal argument.
type Prop struct {
	Key       string
	KeySpan   Span
	Value     Arg
	Shorthand bool
}

// Arg is a call argument or a property value.
type Arg struct {
	Kind    ArgKind
	Span    Span
	Str     string
	StrSpan Span
	Text    string
	Props   []Prop
	Params  Span // ArgFunction
	Body    Span // ArgFunction
	Async   bool // ArgFunction
	Arrow   bool // ArgFunction: an arrow function (else a function expression or method)
}

// Call is a call expression whose callee is an identifier, a dotted member
// chain, or a chain through call results.
type Call struct {
	Callee        string
	CalleeSpan    Span
	NameSpan      Span
	Args          []Arg
	ArgsSpan      Span
	Closed        bool
	Span          Span
	Depth         int32
	ExportDefault bool
	Stmt          Span
}

// File is the result of Parse.
type File struct {
	Tokens    []Token
	Exports   []Export
	Imports   []Import
	Calls     []Call
	Functions []Span

	text string
	pair []int32
}
