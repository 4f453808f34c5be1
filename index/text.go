package index

import (
	"crypto/sha256"
	"strings"
	"sync/atomic"
	"unsafe"
)

// textState is how a File holds its text. In the server a closed file the
// walk loads keeps none (Options.DropTexts): its parse holds copies of its
// strings, and it keeps the text's length and digest. A closed file's
// text held for nothing was a quarter of the index's memory (7 MB of 29 on
// the workspace), and the rules read it only to report on the
// file. Text reads a dropped text back, inside the root, and trusts it
// only if its length and digest are the ones the parse was made from;
// the server drops it again after the file's publish (DropText).
type textState struct {
	data  atomic.Pointer[byte] // the text's bytes; nil when empty or dropped
	size  int                  // its length
	sum   [16]byte             // digest of the text (Digest)
	src   *Workspace           // reads a dropped text back; nil: never dropped
	stale atomic.Bool          // the disk no longer holds this text (reported once)
}

// digest is what Digest returns for text: the first half of its SHA-256
// (a collision-resistant name for the text, stable across processes, so
// esbuild's verdict cache can be looked up without the text; ~50 µs for
// 100 KB).
func digest(text string) (d [16]byte) {
	h := sha256.Sum256(unsafe.Slice(unsafe.StringData(text), len(text)))
	copy(d[:], h[:16])
	return d
}

func (f *File) setText(text string) {
	f.data.Store(unsafe.StringData(text))
	f.size = len(text)
	f.sum = digest(text)
}

// Text returns the file's text. For a dropped one that is a read of the
// disk, kept until the next DropText. If the disk no longer holds the
// text the parse was made from (changed without a watcher event yet), Text
// returns that many spaces, so every span of the parse stays inside the
// text and nothing stale is taken for real, and reports the file to the
// workspace's OnStale, which has it re-read like any change on disk.
func (f *File) Text() string {
	if p := f.data.Load(); p != nil {
		return unsafe.String(p, f.size)
	}
	if f.size == 0 {
		return ""
	}
	return f.reread()
}

// Digest names Text (without reading a dropped text back): equal digests
// mean equal texts.
func (f *File) Digest() [16]byte { return f.sum }

// Size is the length of Text (without reading a dropped text back).
func (f *File) Size() int { return f.size }

// DropText lets go of the text of a closed file the walk loaded (the
// others keep theirs: editor buffers, and files re-read one at a time,
// whose parses point into their texts). Safe for concurrent use.
func (f *File) DropText() {
	if f.src != nil {
		f.data.Store(nil)
	}
}

// TextHeld reports whether the text is in memory (for tests and stats).
func (f *File) TextHeld() bool { return f.size == 0 || f.data.Load() != nil }

func (f *File) reread() string {
	text, err := f.src.readInside(f.Root, f.Path)
	if err == nil && len(text) == f.size && digest(text) == f.sum {
		if f.data.CompareAndSwap(nil, unsafe.StringData(text)) {
			return text
		}
		return f.Text() // another reader put it back first
	}
	if fn := f.src.onStale.Load(); fn != nil && !f.stale.Swap(true) {
		(*fn)(f.Path)
	}
	return strings.Repeat(" ", f.size)
}
