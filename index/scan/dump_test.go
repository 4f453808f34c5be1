package scan

import (
	"fmt"
	"strings"
)

// dump renders a File for debugging and golden comparisons.
func dump(f *File) string {
	var b strings.Builder
	q := func(s Span) string {
		if int(s.End) > len(f.text) || s.Start < 0 || s.Start > s.End {
			return fmt.Sprintf("<bad %v>", s)
		}
		return fmt.Sprintf("%q", f.text[s.Start:s.End])
	}
	for _, e := range f.Exports {
		fmt.Fprintf(&b, "export %s name=%s local=%q from=%q d=%d async=%v params=%s body=%s stmt=%s\n", formNames[e.Form], q(e.NameSpan), e.Local, e.From, e.Depth, e.Async, q(e.Params), q(e.Body), q(e.Stmt))
	}
	for _, im := range f.Imports {
		fmt.Fprintf(&b, "import mod=%s default=%q ns=%q braces=%s type=%v req=%v dyn=%v stmt=%s\n", q(im.ModuleSpan), im.Default, im.Namespace, q(im.Braces), im.TypeOnly, im.Require, im.Dynamic, q(im.Stmt))
		for _, n := range im.Names {
			fmt.Fprintf(&b, "   name %s as %s span=%s type=%v\n", n.Imported, n.Local, q(n.Span), n.TypeOnly)
		}
	}
	for _, c := range f.Calls {
		fmt.Fprintf(&b, "call %s callee=%s name=%s args=%s closed=%v d=%d default=%v stmt=%s\n", c.Callee, q(c.CalleeSpan), q(c.NameSpan), q(c.ArgsSpan), c.Closed, c.Depth, c.ExportDefault, q(c.Stmt))
		for _, a := range c.Args {
			dumpArg(&b, f, a, "   ")
		}
	}
	for _, s := range f.Functions {
		fmt.Fprintf(&b, "func %s\n", q(s))
	}
	return b.String()
}

func dumpArg(b *strings.Builder, f *File, a Arg, ind string) {
	fmt.Fprintf(b, "%sarg %s %q str=%q text=%q\n", ind, argNames[a.Kind], f.text[a.Span.Start:a.Span.End], a.Str, a.Text)
	for _, p := range a.Props {
		fmt.Fprintf(b, "%s  prop %q key=%q short=%v\n", ind, p.Key, f.text[p.KeySpan.Start:p.KeySpan.End], p.Shorthand)
		dumpArg(b, f, p.Value, ind+"    ")
	}
}

var formNames = map[ExportForm]string{FormFunction: "function", FormAsyncFunction: "asyncfunction", FormGeneratorFunction: "generator", FormConstArrow: "constarrow", FormConstFunction: "constfunction", FormConstIdent: "constident", FormConstMember: "constmember", FormConstCall: "constcall", FormConstOther: "constother", FormClass: "class", FormList: "list", FormReexport: "reexport", FormDefault: "default", FormCommonJS: "commonjs", FormType: "type"}
var argNames = map[ArgKind]string{ArgString: "string", ArgTemplate: "template", ArgObject: "object", ArgIdent: "ident", ArgMember: "member", ArgCall: "call", ArgOther: "other", ArgMissing: "missing", ArgFunction: "function"}
