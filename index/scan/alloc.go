package scan

import (
	"unsafe"

	"github.com/wix-events-ls/wix-events-ls/internal/chunk"
)

// Alloc hands out the memory of compact parses from shared chunks, one
// chunk list per element type, instead of a small allocation per list per
// file (package chunk says why). An Alloc is not safe for concurrent use:
// give each walk worker its own. A nil *Alloc allocates normally.
type Alloc struct {
	// Own: the parses hold copies of their strings, not substrings of
	// their texts, so a text can be let go (index.Options.DropTexts).
	// Without it a parse keeps its text alive.
	Own bool

	files   chunk.Of[File]
	exports chunk.Of[Export]
	imports chunk.Of[Import]
	names   chunk.Of[ImportName]
	calls   chunk.Of[Call]
	args    chunk.Of[Arg]
	props   chunk.Of[Prop]
	spans   chunk.Of[Span]
	named   chunk.Of[NamedFunc]
	reads   chunk.Of[Read]
	strs    chunk.Of[byte]
	// intern maps the strings already copied into strs to their copy (str).
	intern map[string]string
}

// maxInterned bounds intern; past it, strings are still copied, once each.
const maxInterned = 8192

// lists is where a parse's lists come from: a's chunks, or (all nil, see
// chunk.Of) one allocation each.
type lists struct {
	files   *chunk.Of[File]
	exports *chunk.Of[Export]
	imports *chunk.Of[Import]
	names   *chunk.Of[ImportName]
	calls   *chunk.Of[Call]
	args    *chunk.Of[Arg]
	props   *chunk.Of[Prop]
	spans   *chunk.Of[Span]
	named   *chunk.Of[NamedFunc]
	reads   *chunk.Of[Read]
}

func (a *Alloc) lists() lists {
	if a == nil {
		return lists{}
	}
	return lists{&a.files, &a.exports, &a.imports, &a.names, &a.calls, &a.args, &a.props, &a.spans, &a.named, &a.reads}
}

// str returns a copy of s in a's chunks, so a parse made with a holds
// no substring of its text and the text can be let go (index.File.DropText).
// Strings repeat across a workspace's files far more than they differ
// (on the workspace: 3.8 MB of them, 0.33 MB distinct), long ones
// too: module specifiers, and the callee of every call in an
// `app().use(a).use(b)…` chain is a prefix of the next one's. So each
// distinct string is copied once per Alloc, up to maxInterned of them.
func (a *Alloc) str(s string) string {
	if len(s) == 0 {
		return ""
	}
	if c, ok := a.intern[s]; ok {
		return c
	}
	b := a.strs.Take(len(s))
	copy(b, s)
	c := unsafe.String(&b[0], len(b))
	if len(a.intern) < maxInterned {
		if a.intern == nil {
			a.intern = map[string]string{}
		}
		a.intern[c] = c
	}
	return c
}

// ownStrings re-points every string of c (a compact parse) at copies in a.
func (a *Alloc) ownStrings(c *File) {
	for i := range c.Exports {
		e := &c.Exports[i]
		e.Name, e.Local, e.From = a.str(e.Name), a.str(e.Local), a.str(e.From)
	}
	for i := range c.Imports {
		im := &c.Imports[i]
		im.Module, im.Default, im.Namespace = a.str(im.Module), a.str(im.Default), a.str(im.Namespace)
		for j := range im.Names {
			n := &im.Names[j]
			n.Imported, n.Local = a.str(n.Imported), a.str(n.Local)
		}
	}
	for i := range c.Named() {
		c.Code.Named[i].Name = a.str(c.Code.Named[i].Name)
	}
	for i := range c.Calls {
		cl := &c.Calls[i]
		cl.Callee, cl.Assigned = a.str(cl.Callee), a.str(cl.Assigned)
		a.ownArgs(cl.Args)
	}
	for i := range c.Reads {
		c.Reads[i].Path = a.str(c.Reads[i].Path) // "metadata.entityId" repeats in every handler
	}
}

func (a *Alloc) ownArgs(args []Arg) {
	for i := range args {
		a.ownArg(&args[i])
	}
}

func (a *Alloc) ownArg(x *Arg) {
	x.Str, x.Text = a.str(x.Str), a.str(x.Text)
	for i := range x.Props {
		p := &x.Props[i]
		p.Key = a.str(p.Key)
		a.ownArg(&p.Value)
	}
}
