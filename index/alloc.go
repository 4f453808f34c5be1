package index

import (
	"github.com/wix-events-ls/wix-events-ls/index/scan"
	"github.com/wix-events-ls/wix-events-ls/internal/chunk"
)

// loadAlloc packs what a walk worker keeps of each file it loads (its
// File, its compact parse, and, when texts are kept, its text) into shared
// chunks (package chunk says why). One per walk worker (not safe for
// concurrent use); nil allocates normally, as single-file reloads do.
type loadAlloc struct {
	scan  scan.Alloc
	files chunk.Of[File]
	lines chunk.Of[lazyLines]
	bytes chunk.Of[byte]
}

// buf returns n writable bytes that nothing else shares: from the chunks
// when the walk keeps its texts (check); its own allocation when the text
// will be dropped (scan.Alloc.Own), so dropping it frees it rather than
// waiting for its neighbours.
func (a *loadAlloc) buf(n int) []byte {
	if a == nil || a.scan.Own {
		return make([]byte, n)
	}
	return a.bytes.Take(n)
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
