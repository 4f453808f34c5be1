package scan

import "github.com/wix-events-ls/wix-events-ls/internal/chunk"

// Alloc hands out the memory of compact parses from shared chunks, one
// chunk list per element type, instead of a small allocation per list per
// file (package chunk says why). An Alloc is not safe for concurrent use:
// give each walk worker its own. A nil *Alloc allocates normally.
type Alloc struct {
	files   chunk.Of[File]
	exports chunk.Of[Export]
	imports chunk.Of[Import]
	names   chunk.Of[ImportName]
	calls   chunk.Of[Call]
	args    chunk.Of[Arg]
	props   chunk.Of[Prop]
	spans   chunk.Of[Span]
}

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
}

func (a *Alloc) lists() lists {
	if a == nil {
		return lists{}
	}
	return lists{&a.files, &a.exports, &a.imports, &a.names, &a.calls, &a.args, &a.props, &a.spans}
}
