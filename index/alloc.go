package index

import (
	"github.com/wix-events-ls/wix-events-ls/index/scan"
)

// loadAlloc packs what a walk worker keeps of each file it loads (the
// File, its text, its compact parse) into shared chunks, for the
// reason scan.Alloc gives: a workspace's index is made in one burst,
// interleaved with garbage of the same sizes, and allocated one by one it
// leaves the heap's spans mostly empty yet resident once that garbage is
// collected. One per walk worker (not safe for concurrent use); nil
// allocates normally, as single-file reloads do.
type loadAlloc struct {
	scan  scan.Alloc
	files []File
	lines []lazyLines
	bytes []byte
}

const (
	fileChunk  = 64             // Files (~130 B each) per chunk
	bytesChunk = 32 << 10       // bytes per text/path chunk
	ownBytes   = bytesChunk / 8 // longer texts get their own allocation
)

func (a *loadAlloc) file() *File {
	if a == nil {
		return &File{lines: &lazyLines{}}
	}
	if len(a.files) == cap(a.files) {
		a.files = make([]File, 0, fileChunk)
		a.lines = make([]lazyLines, 0, fileChunk)
	}
	a.files = a.files[:len(a.files)+1]
	a.lines = a.lines[:len(a.lines)+1]
	f := &a.files[len(a.files)-1]
	f.lines = &a.lines[len(a.lines)-1]
	return f
}

// buf returns n writable bytes that nothing else shares.
func (a *loadAlloc) buf(n int) []byte {
	if a == nil || n > ownBytes {
		return make([]byte, n)
	}
	if len(a.bytes)+n > cap(a.bytes) {
		a.bytes = make([]byte, 0, bytesChunk)
	}
	i := len(a.bytes)
	a.bytes = a.bytes[:i+n]
	return a.bytes[i : i+n : i+n]
}

// compact is scan.ParseCompactIn with a's chunks.
func (a *loadAlloc) compact(text string, keep func(*scan.File, *scan.Call) bool) *scan.File {
	if a == nil {
		return scan.ParseCompact(text, keep)
	}
	return scan.ParseCompactIn(text, keep, &a.scan)
}
