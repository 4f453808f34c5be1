package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestCollectIfNear: no collection right after one; one, in the background,
// once the heap has used the given share of its room to the goal.
func TestCollectIfNear(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	keep := make([][]byte, 0, 1<<10)
	for range 1 << 10 { // a 32 MiB live heap: the goal is 64 MiB away
		keep = append(keep, make([]byte, 32<<10))
	}
	runtime.GC()
	if CollectIfNear(0.3) {
		t.Fatal("collected right after a collection")
	}
	s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}, {Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	room := s[0].Value.Uint64() - s[1].Value.Uint64()
	cycles := s[2].Value.Uint64()
	// Garbage for half the room: under the pacer's own trigger (at 0.7 of
	// the room or later), over 0.3.
	var sink []byte
	for n := uint64(0); n < room/2; n += 64 << 10 {
		sink = make([]byte, 64<<10)
	}
	_ = sink
	if CollectIfNear(0.9) {
		t.Fatal("collected at half the room with frac 0.9")
	}
	if !CollectIfNear(0.3) {
		t.Fatal("no collection at half the room with frac 0.3")
	}
	deadline := time.Now().Add(10 * time.Second)
	for early.running.Load() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	metrics.Read(s)
	if got := s[2].Value.Uint64(); got <= cycles {
		t.Fatalf("gc cycles %d → %d: no collection ran", cycles, got)
	}
	runtime.KeepAlive(keep)
}
