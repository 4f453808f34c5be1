// Package memlimit holds a long-running process's memory near a target
// without letting the garbage collector thrash when the live heap outgrows
// it: a soft memory limit (runtime/debug.SetMemoryLimit) that follows the
// live heap.
//
// Why: at GOGC=100 the Go heap grows to twice the live heap before each
// collection, and a language server's worst moments are bursts of garbage
// on top of a large live heap (the first walk of a workspace, esbuild's
// first check of every file: ~285 MB of garbage on the 10,000-file
// workspace). A fixed limit bounds those bursts, but a fixed limit below
// what a large workspace needs makes the collector run back to back. So the
// limit is the larger of the target and Headroom × the live heap plus
// Slack: for a workspace that fits, bursts stay under the target; for one
// that does not, the collector runs as if GOGC were 50, never more often.
package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Slack is what the runtime holds besides heap objects (goroutine stacks,
// span and GC metadata, free pages not yet returned): the limit counts it
// and the live heap does not.
const Slack = 8 << 20

// Headroom is the least growth allowed between collections, as a multiple
// of the live heap (1.5: like GOGC=50).
const Headroom = 1.5

// Limit returns the memory limit for a live heap of live bytes and a
// target of target bytes.
func Limit(target, live int64) int64 {
	return max(target, int64(float64(live)*Headroom)+Slack)
}

// Governor adjusts the process's soft memory limit after every garbage
// collection. Stop it to restore the limit it found.
type Governor struct {
	target int64
	prev   int64 // the limit before Start

	mu      sync.Mutex
	stopped bool
	sample  []metrics.Sample
	limit   int64 // the limit last set
}

// Start installs a Governor with the given target in bytes (the process's
// whole Go memory, not only its heap). It sets the limit at once and again
// after each collection, from the live heap that collection found.
func Start(target int64) *Governor {
	g := &Governor{
		target: target,
		prev:   debug.SetMemoryLimit(-1),
		sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}},
	}
	g.adjust()
	g.arm()
	return g
}

// arm asks to be called after the next collection: a cleanup on an object
// nothing references runs once the collector has found it unreachable.
func (g *Governor) arm() {
	runtime.AddCleanup(new(int64), func(g *Governor) {
		if g.adjust() {
			g.arm()
		}
	}, g)
}

// adjust sets the limit for the live heap now; false once stopped.
func (g *Governor) adjust() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return false
	}
	metrics.Read(g.sample)
	var live int64
	if s := g.sample[0]; s.Value.Kind() == metrics.KindUint64 {
		live = int64(min(s.Value.Uint64(), math.MaxInt64))
	}
	if l := Limit(g.target, live); l != g.limit {
		g.limit = l
		debug.SetMemoryLimit(l)
	}
	return true
}

// Current returns the limit the Governor set last.
func (g *Governor) Current() int64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.limit
}

// Stop stops adjusting and restores the limit found at Start.
func (g *Governor) Stop() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.stopped {
		g.stopped = true
		debug.SetMemoryLimit(g.prev)
	}
}
