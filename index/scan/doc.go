// Package scan is a tolerant JavaScript/TypeScript scanner that finds what
// the Wix events analysis needs — exports, imports, calls with their
// arguments, function bodies — with exact byte spans, on every keystroke.
//
// # Why not a parser
//
// esbuild (the only JS parser available in Go) exposes no AST or positions,
// reports only the first syntax error and nothing at all for a file that
// does not parse, and costs ~0.4 ms per call plus ~14 MB/s. While the user
// types, the file is almost never valid. This package never fails: it
// tokenizes everything, pairs brackets with recovery, and recognises each
// construct from a few tokens of context, so a broken statement only
// affects itself (and, for an unclosed bracket, what that bracket encloses).
// Parse is linear in the input, deterministic and never panics (fuzzed).
//
// # Tokens
//
// Tokens cover every non-whitespace byte in order; comments are tokens.
// Template literals are split: `a${ is TemplateHead, }b${ TemplateMiddle,
// }c` TemplateTail, and a template without substitutions is one Template
// token; the code inside ${ … } is tokenized normally at one more Depth.
// That is what lets calls inside substitutions be found while names in the
// template text are not.
//
// Depth counts open ( [ { and ${ at a token's start; a closing bracket has
// the depth outside it. Recovery: a closer pops to its matching opener
// (openers skipped on the way stay unpaired; ')' and ']' never cross a
// ${ ), a closer with no opener is stray and pops nothing, an `export`
// keyword implicitly closes unclosed ( and [ above the innermost brace (it
// cannot legally be inside them), and a brace opened by import/export
// specifier lists is closed implicitly by the first token that cannot occur
// in such a list. An unclosed brace therefore nests everything after it:
// `export` keywords found at Depth > 0 are reported so the analysis can warn
// about a handler nested in an unclosed function.
//
// Regex vs division follows the previous significant token: after a name,
// literal, ')' ']' '}' or postfix ++/-- a '/' divides; after an operator,
// '(' ',' or a keyword (except this/super/null/true/false) it starts a
// regex. Two refinements use the bracket stack: a ')' closing the head of
// if/while/for/with allows a regex, and a '}' allows one only if its brace
// was a block (braces are classified when opened: after ')' '=>' ';' '{'
// '}' a statement keyword, a name or at file start they are blocks; after
// an operator, '(' ',' '=' ':' in an expression, return/typeof/default…
// they are object literals). Reserved words right after '.' or '?.' are
// property names (Ident).
//
// # Extraction
//
// Exports of every form are listed in ExportForm; Stmt runs through the
// ';' or, without one, to the automatic-semicolon point (a line break
// where the previous token can end an expression and the next cannot
// continue it), the end of a function/class body, or the next
// export/import/const/var/let declaration (so `export const a = ` with no
// value yet does not swallow the next line). For FormDefault, Local is the
// function/class name, or the identifier, member or callee text of the
// expression. FormCommonJS Exports also fill Local/Params/Body from their
// value. `export * from` has Name "*" (esbuild cannot know those names
// either). Call.Callee writes call hops as "()" and '?.' as '.', without
// whitespace, comments, TS non-null '!' or type arguments; `new X()` is not
// a Call. Arg.Span excludes wrapping parentheses and TS `as`/`satisfies`
// suffixes. For string arguments and string property keys, StrSpan/KeySpan
// are the text inside the quotes. An unclosed call's arguments (and
// ArgsSpan/Span) stop at the next line-start `export` or `import`
// declaration, or the end of the bracket's region.
//
// # Test fixtures
//
// testdata/*.txtar hold files named input.* (valid code; the esbuild oracle
// test checks the runtime export names against esbuild's metafile) and
// partial.* (half-typed; not given to esbuild). A name containing .crlf. is
// tested with CRLF line endings, .bom. with a leading BOM. A section
// "calls:<file>" lists the expected Call.Callee of every call in that file,
// in order (lines starting with # are comments).
//
// Expectations are inline markers: block comments /*@kind key=value …*/
// (values may be Go-quoted strings) placed immediately before the token
// they describe; the marker's end offset must equal the described span's
// start exactly. Markers are ordinary comments, so the text parsed (and
// given to esbuild) is the fixture as written. Kinds:
//
//	@export name= [form= local= from= async= depth= params= body= stmt=]
//	        before the exported name (the `default` keyword for FormDefault,
//	        the '*' for export *, the opening quote of a quoted name);
//	        every Export of the file must be matched by one marker
//	@import [module= default= ns= names=a,b:local,type c type= require=
//	        dynamic= braces= stmt=]  before the statement or before the
//	        module string's quote; every Import must be matched
//	@call   callee= [name= default= closed= depth= nargs= kinds= args= span=
//	        stmt= callee_text=]  before the first token of the callee
//	@arg    kind= [text= span= params= body= async= keys=]  before an argument
//	@str    value= [raw=]  before a string/template argument's quote
//	@prop   key= [kind= short= value=]  before a property key
//	@func   [body=]  before a function body in File.Functions
//	@string / @comment / @code  the offset one byte into the next token is
//	        inside a string / a comment / neither (InString, InComment)
//
// Key=value checks compare the text of the described span (params=, body=,
// stmt=, args=, braces=, span=) or the field's value; form and kind names
// are the lower-case Form/Arg names without prefix (constarrow, function,
// asyncfunction, generator, …; string, object, missing, function …).
package scan
