package memlimit

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name         string
		target, live int64
		want         int64
	}{
		{"empty heap: the target", 48 * mib, 0, 48 * mib},
		{"a heap that fits: the target", 48 * mib, 20 * mib, 48 * mib},
		{"where headroom meets the target", 48 * mib, 80 * mib / 3, 48 * mib},
		{"a heap that outgrows it: 1.5x live plus slack", 48 * mib, 100 * mib, 158 * mib},
		{"no target: always headroom", 0, 10 * mib, 23 * mib},
	} {
		if got := Limit(tc.target, tc.live); got != tc.want {
			t.Errorf("%s: Limit(%d MiB, %d MiB) = %.1f MiB, want %.1f MiB", tc.name, tc.target/mib, tc.live/mib, float64(got)/mib, float64(tc.want)/mib)
		}
	}
}

// TestGovernorFollowsLiveHeap: the limit rises with a live heap that
// outgrows the target, falls back once it is freed, and Stop restores the
// limit found at Start.
func TestGovernorFollowsLiveHeap(t *testing.T) {
	const target = 40 << 20
	before := debug.SetMemoryLimit(-1)
	g := Start(target)
	if got := debug.SetMemoryLimit(-1); got != g.Current() || got < target {
		t.Fatalf("after Start: limit %d, Current %d, want ≥ target %d", got, g.Current(), target)
	}
	waitFor := func(what string, ok func(limit int64) bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			runtime.GC() // the governor adjusts after a collection
			if l := debug.SetMemoryLimit(-1); ok(l) && l == g.Current() {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: limit stayed %d", what, debug.SetMemoryLimit(-1))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	big := make([]byte, 96<<20)
	for i := range big {
		big[i] = byte(i) // resident, and not optimised away
	}
	waitFor("96 MiB live", func(l int64) bool { return l >= int64(float64(len(big))*Headroom)+Slack })
	runtime.KeepAlive(big)
	big = nil
	waitFor("freed", func(l int64) bool { return l == target })
	g.Stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("after Stop: limit %d, want %d", got, before)
	}
}
