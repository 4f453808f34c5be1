package scan

import "github.com/wix-events-ls/wix-events-ls/internal/chunk"

// Compact returns a copy of f for a file that is indexed but not open in
// an editor: without the token list and bracket pairing (most of a parse's
// memory: a token per 4–6 bytes of text), with only the calls keep accepts
// (nil keeps them all), and with every list trimmed to its length and
// copied out of the parser's arenas, so the rest of the parse is freed.
// Exports, imports and function bodies are kept whole; of the named
// top-level functions, those a kept call calls or passes as an argument.
func (f *File) Compact(keep func(*Call) bool) *File { return f.compact(keep, nil) }

// compact is Compact with the lists taken from a (nil: allocated one by one).
func (f *File) compact(keep func(*Call) bool, a *Alloc) *File {
	l := a.lists()
	c := &l.files.Take(1)[0]
	c.text = f.text
	c.Nesting, c.Significant = f.Nesting, f.Significant
	c.Exports = chunk.Clone(l.exports, f.Exports)
	c.Functions = chunk.Clone(l.spans, f.Functions)
	c.Reads = chunk.Clone(l.reads, f.Reads) // paths: strings of their own, interned by own
	c.Imports = chunk.Clone(l.imports, f.Imports)
	for i := range c.Imports {
		c.Imports[i].Names = chunk.Clone(l.names, c.Imports[i].Names)
	}
	var kept []*Call
	nArgs, nProps := 0, 0
	for i := range f.Calls {
		if keep == nil || keep(&f.Calls[i]) {
			kept = append(kept, &f.Calls[i])
			a, p := countArgs(f.Calls[i].Args)
			nArgs += a
			nProps += p
		}
	}
	if len(kept) == 0 {
		a.own(c)
		return c
	}
	for _, l := range f.ForOf() {
		for _, k := range kept {
			if l.Start <= k.CalleeSpan.Start && k.CalleeSpan.Start < l.End {
				c.code().ForOf = append(c.code().ForOf, l) // rare: small lists, allocated normally
				break
			}
		}
	}
	if len(f.Named()) > 0 {
		// Named by a kept call: called, or passed (`contacts.onX(handle)`).
		callees := make(map[string]bool, len(kept))
		for _, k := range kept {
			callees[k.Callee] = true
			for _, a := range k.Args {
				if a.Kind == ArgIdent {
					callees[a.Text] = true
				}
			}
		}
		called := 0
		for _, n := range f.Named() {
			if callees[n.Name] {
				called++
			}
		}
		if called > 0 {
			cc := c.code()
			cc.Named = l.named.Take(called)[:0]
			for _, n := range f.Named() {
				if callees[n.Name] {
					cc.Named = append(cc.Named, n)
				}
			}
		}
	}
	// One allocation each (or a part of a's chunks) for the calls, their
	// arguments and properties.
	c.Calls = l.calls.Take(len(kept))[:0]
	ar := &arena{args: l.args.Take(nArgs)[:0], props: l.props.Take(nProps)[:0]}
	for _, call := range kept {
		cc := *call
		cc.Args = ar.copyArgs(call.Args)
		c.Calls = append(c.Calls, cc)
	}
	a.own(c)
	return c
}

// own makes a parse from a's chunks independent of its text when a.Own
// is set: its strings are copied, and it keeps no reference to the text
// (File.Text of it is empty). Otherwise nothing changes.
func (a *Alloc) own(c *File) {
	if a != nil && a.Own {
		a.ownStrings(c)
		c.text = ""
	}
}

// Compacted reports whether f came from Compact (it has no tokens). An
// empty text's parse has no tokens either, and nothing to lose.
func (f *File) Compacted() bool { return f.Tokens == nil }

// countArgs counts the arguments and properties under args, recursively.
func countArgs(args []Arg) (nArgs, nProps int) {
	nArgs = len(args)
	for i := range args {
		a, p := countProps(args[i].Props)
		nArgs += a
		nProps += p
	}
	return nArgs, nProps
}

func countProps(props []Prop) (nArgs, nProps int) {
	nProps = len(props)
	for i := range props {
		// A property's Value is inline; its own properties are a nested list.
		a, p := countProps(props[i].Value.Props)
		nArgs += a
		nProps += p
	}
	return nArgs, nProps
}

// arena hands out exact-size sub-slices of two preallocated lists.
type arena struct {
	args  []Arg
	props []Prop
}

func (ar *arena) copyArgs(args []Arg) []Arg {
	if len(args) == 0 {
		return nil
	}
	start := len(ar.args)
	ar.args = append(ar.args, args...)
	out := ar.args[start:len(ar.args):len(ar.args)]
	for i := range out {
		out[i].Props = ar.copyProps(out[i].Props)
	}
	return out
}

func (ar *arena) copyProps(props []Prop) []Prop {
	if len(props) == 0 {
		return nil
	}
	start := len(ar.props)
	ar.props = append(ar.props, props...)
	out := ar.props[start:len(ar.props):len(ar.props)]
	for i := range out {
		out[i].Value.Props = ar.copyProps(out[i].Value.Props)
	}
	return out
}
