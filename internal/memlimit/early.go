package memlimit

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// CollectIfNear starts a collection in the background when the heap has
// used more than frac of its room between the live heap and the next
// collection's goal, and reports whether it did.
//
// Why: a collection's mark phase makes the goroutines allocating meanwhile
// do part of its work (assists), and on two cores a 1 ms keystroke that
// allocates half a megabyte while a 10-14 ms mark runs takes 3-10 ms: in
// the bench those overlaps were every one of the slowest didChange →
// diagnostics round trips. A server that calls this when it has just
// answered and has nothing queued moves a collection that was due within
// the next few keystrokes into the pause before the next one. It adds no
// collection that would not have come soon (frac of the room is used), so
// the extra CPU is the collections brought forward by 1 - frac of the room.
func CollectIfNear(frac float64) bool {
	early.mu.Lock()
	if early.sample == nil {
		early.sample = []metrics.Sample{
			{Name: "/gc/heap/goal:bytes"},
			{Name: "/gc/heap/live:bytes"},
			{Name: "/memory/classes/heap/objects:bytes"},
		}
	}
	metrics.Read(early.sample)
	goal, live, heap := early.sample[0].Value.Uint64(), early.sample[1].Value.Uint64(), early.sample[2].Value.Uint64()
	early.mu.Unlock()
	if goal <= live || heap < live || float64(heap-live) < frac*float64(goal-live) {
		return false
	}
	if !early.running.CompareAndSwap(false, true) {
		return false // one is under way
	}
	go func() {
		defer early.running.Store(false)
		runtime.GC()
	}()
	return true
}

var early struct {
	mu      sync.Mutex
	sample  []metrics.Sample
	running atomic.Bool
}
