package scan

import "unsafe"

// Alloc hands out the memory of compact parses from shared chunks of
// ~64 KB, one chunk list per element type, instead of a small allocation
// per list per file.
//
// Why: the compact parses of a workspace are long-lived and made in one
// burst (the initial walk), interleaved with the walk's garbage of the
// same sizes. Allocated one by one they end up scattered over the Go
// heap's small-object spans, which stay mostly empty but resident after the
// garbage around them is collected: measured on the default generated
// workspace, 11 MB of "heap/unused" next to 29 MB of live objects. Packed
// into chunks they are dense, and each chunk is one object to mark.
//
// The price: a chunk lives while any parse in it does, so a file reloaded
// later leaves its old part of a chunk unused until its neighbours go too;
// that is bounded by the size of the burst. An Alloc is not safe for
// concurrent use: give each walk worker its own. A nil *Alloc allocates
// normally.
type Alloc struct {
	files   chunk[File]
	exports chunk[Export]
	imports chunk[Import]
	names   chunk[ImportName]
	calls   chunk[Call]
	args    chunk[Arg]
	props   chunk[Prop]
	spans   chunk[Span]
}

// chunkBytes is the size of one chunk. Larger than the Go allocator's
// small-object limit (32 KB), so each chunk is its own span.
const chunkBytes = 16 << 10

type chunk[T any] struct{ buf []T }

// take returns a zeroed slice of n elements with cap n (appending to it
// copies, never overwrites a neighbour). Requests of more than a quarter
// chunk get their own allocation.
func (c *chunk[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	per := chunkBytes / int(max(unsafe.Sizeof(*new(T)), 1))
	if n > per/4 {
		return make([]T, n)
	}
	if len(c.buf)+n > cap(c.buf) {
		c.buf = make([]T, 0, per)
	}
	i := len(c.buf)
	c.buf = c.buf[:i+n]
	return c.buf[i : i+n : i+n]
}

// clone copies s into the chunk (nil for an empty s).
func clone[T any](c *chunk[T], s []T) []T {
	if len(s) == 0 {
		return nil
	}
	out := c.take(len(s))
	copy(out, s)
	return out
}

func (a *Alloc) file() *File {
	if a == nil {
		return new(File)
	}
	return &a.files.take(1)[0]
}
