package index

import (
	"github.com/wix-events-ls/wix-events-ls/index/scan"
	"github.com/wix-events-ls/wix-events-ls/internal/chunk"
)

// loadAlloc packs what a walk worker keeps of each file it loads (its
// File and its compact parse; not its text, see readBeneath) into shared chunks (package chunk
// says why). One per walk worker (not safe for concurrent use); nil
// allocates normally, as single-file reloads do.
type loadAlloc struct {
	scan  scan.Alloc
	files chunk.Of[File]
	lines chunk.Of[lazyLines]
}

func (a *loadAlloc) file() *File {
	if a == nil {
		return &File{lines: &lazyLines{}}
	}
	f := &a.files.Take(1)[0]
	f.lines = &a.lines.Take(1)[0]
	return f
}

// compact is scan.ParseCompactIn with a's chunks.
func (a *loadAlloc) compact(text string, keep func(*scan.File, *scan.Call) bool) *scan.File {
	if a == nil {
		return scan.ParseCompact(text, keep)
	}
	return scan.ParseCompactIn(text, keep, &a.scan)
}
